"""The document reader: metadata, passages with anchors and permalinks, speakers, citation,
neighbours in time, related documents, the original text, and drafts that do not exist."""

from __future__ import annotations

import html
import re

import pytest

from documents.choices import Status
from documents.models import Document
from tests.factories import make_document

from .helpers import parse, text


def page(client, document, **params):
    response = client.get(document.get_absolute_url(), params)
    assert response.status_code == 200
    return response


def test_metadata(client, archive):
    response = page(client, archive.press)
    body = response.content.decode()
    shown = text(response)
    assert '<time datetime="2022-10-31">31 October 2022</time>' in body
    assert '<a href="https://example.org/press/4" rel="noopener noreferrer nofollow" class="external">' \
           "Press Center of the 20th CPC National Congress</a>" in body
    assert "Type Press conference" in shown
    assert "Languages English, Chinese" in shown
    assert "Issued in The new era (2012–)" in shown
    assert "Speaks about The new era" in shown
    assert 'href="/principles/anti-hegemonism/"' in body and 'href="/principles/non-interference/"' in body
    assert 'href="/tags/congress/"' in body and 'href="/tags/press-conference/"' in body
    assert "Ma Zhaoxu on China's foreign policy goals." in shown


def test_month_and_year_precision_in_the_reader(client, archive):
    assert '<time datetime="2014-06">June 2014</time>' in page(client, archive.narrative).content.decode()
    assert '<time datetime="1954">1954</time>' in page(client, archive.communique).content.decode()
    assert "Date Undated" in text(page(client, archive.undated))


def test_sections_in_order_with_anchors_and_permalinks(client, archive):
    response = page(client, archive.narrative)
    anchors = [s.anchor for s in archive.narrative.sections.order_by("position")]
    ids = parse(response).ids
    assert [i for i in ids if i in anchors] == anchors
    body = response.content.decode()
    for position, anchor in enumerate(anchors, start=1):
        assert f'<a class="permalink" href="#{anchor}"' in body
        assert f"permalink to passage {position}" in body
        assert f'href="?passage={anchor}#cite"' in body
    assert re.search(rf'<h2 id="{anchors[0]}" class="passage passage--heading">1. The origins</h2>', body)
    assert re.search(rf'<ul class="passage-list">\s*<li id="{archive.item1.anchor}"', body)
    assert re.search(rf'<li id="{archive.item2.anchor}"', body)
    assert re.search(rf'<div id="{archive.quote.anchor}" class="passage">\s*<blockquote', body)


def test_speakers_on_question_and_answer_turns(client, archive):
    shown = text(page(client, archive.press))
    assert "Phoenix TV (question) What is China's goal in the world?" in shown
    assert "Ma Zhaoxu (answer) China opposes hegemonism" in shown


def test_each_passage_links_its_principles(client, archive):
    body = page(client, archive.narrative).content.decode()
    item2 = body[body.index(f'id="{archive.item2.anchor}"'):]
    item2 = item2[: item2.index("</li>")]
    assert 'href="/principles/non-interference/"' in item2 and 'href="/principles/five-principles/"' in item2
    assert 'href="/principles/mutual-respect/"' not in item2


def test_document_text_is_escaped(client, archive):
    body = page(client, archive.narrative).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_citation_of_the_document(client, archive):
    """Chicago 17th from the CSL record (tests/citations/ has every style and form): no issuer is
    known for this document, so the title comes first; the website's name before the date."""
    response = page(client, archive.press)
    shown = html.unescape(response.content.decode())
    assert ("<p class=\"citation__text\" id=\"cite-chicago-note\" data-copy=\"Chicago note\">“Press conference on "
            "the 20th CPC National Congress,” Policy Archive, October 31, 2022, "
            "http://testserver/documents/press-conference-2022/.</p>") in shown
    assert "@online{press_conference_2022,\n  title = {{Press conference on the 20th CPC National Congress}}," in shown
    assert "  date = {2022-10-31},\n  urldate = {" in shown
    assert "  url = {http://testserver/documents/press-conference-2022/}," in shown
    assert 'href="/documents/press-conference-2022/cite.ris"' in shown


def test_citation_points_at_the_selected_passage(client, archive):
    anchor = archive.answer2.anchor
    response = page(client, archive.press, passage=anchor)
    shown = html.unescape(response.content.decode())
    assert "<h2 id=\"cite-heading\">Cite passage 3</h2>" in shown
    passage_url = f"http://testserver/documents/press-conference-2022/passages/{anchor}/"
    # The answer's speaker is its author; the question before it is not a paragraph.
    assert (f"Ma Zhaoxu, “Press conference on the 20th CPC National Congress,” Policy Archive, October 31, 2022, "
            f"para. 2, {passage_url}.") in shown
    assert f"@online{{press_conference_2022_{anchor.replace('-', '_')}," in shown
    assert "  note = {Paragraph 2." in shown and f"  url = {{{passage_url}}}" in shown
    assert f'href="/documents/press-conference-2022/passages/{anchor}/"' in shown
    assert f'id="{anchor}" class="passage turn turn--answer passage--selected"' in shown


def test_citation_of_an_undated_document_and_an_unknown_passage(client, archive):
    response = page(client, archive.undated, passage="s-nope")
    shown = html.unescape(response.content.decode())
    assert "no passage “s-nope”" in shown
    assert "“China's policy of independence,” Policy Archive, accessed " in shown
    assert "  date = {" not in shown and "  urldate = {" in shown


def test_bibtex_special_characters_are_escaped(client, archive):
    document = make_document(title="Peace & {development}: 100% win_win", issuer="A #1 issuer")
    shown = html.unescape(page(client, document).content.decode())
    assert r"title = {{Peace \& \{development\}: 100\% win\_win}}" in shown
    assert r"author = {{A \#1 issuer}}" in shown


def test_previous_and_next_in_time_skip_drafts(client, archive):
    shown = text(page(client, archive.narrative))
    assert "Previous: Joint statement of China and India (1954)" in shown
    assert "Next: Press conference on the 20th CPC National Congress (31 October 2022)" in shown
    latest = text(page(client, archive.press))
    assert "No later document." in latest  # the draft and the scheduled document come later, unseen
    assert "No earlier document." in text(page(client, archive.communique))


def test_related_documents_share_principles_and_tags(client, archive):
    body = html.unescape(page(client, archive.narrative).content.decode())
    related = body[body.index('id="related-heading"'):]
    related = related[: related.index("</section>")]
    shown = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', related)
    # The narrative's main principles (stated by the most passages, then the first stated):
    # independence, mutual respect, the Five Principles; its tag: history. The communiqué
    # shares a principle and the tag (a tag weighs double), the undated statement a principle. The
    # press conference shares only a minor principle; the draft shares the tag but is never shown.
    assert shown == [archive.communique.title, archive.undated.title]


def test_no_related_documents_without_principles_or_tags(client, archive):
    lonely = make_document(title="Lonely")
    assert 'id="related-heading"' not in page(client, lonely).content.decode()


def test_original_text_as_imported(client, archive):
    Document.objects.filter(pk=archive.narrative.pk).update(
        raw_text="Tools: Save | Print\n<b>Independent</b> Foreign Policy of Peace", removed_text=["Tools: Save | Print"])
    body = page(client, archive.narrative).content.decode()
    assert 'href="/documents/independent-foreign-policy/source/"' in body
    response = client.get("/documents/independent-foreign-policy/source/")
    assert response.status_code == 200
    source = response.content.decode()
    assert "Tools: Save | Print\n&lt;b&gt;Independent&lt;/b&gt; Foreign Policy of Peace</pre>" in source
    assert "<code>Tools: Save | Print</code>" in source


@pytest.mark.parametrize("suffix", ["", "source/", "?passage=x"])
def test_drafts_and_scheduled_documents_are_not_found(client, archive, suffix):
    for document in archive.hidden:
        assert client.get(f"/documents/{document.slug}/{suffix}").status_code == 404


def test_unpublishing_hides_a_document(client, archive):
    Document.objects.filter(pk=archive.press.pk).update(status=Status.DRAFT)
    assert client.get(archive.press.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("slug", ["no-such-document", "x" * 300, "%00"])
def test_unknown_document(client, archive, slug):
    assert client.get(f"/documents/{slug}/").status_code == 404


@pytest.mark.parametrize("passage", ["%00", "s-" + "x" * 5000, "<script>"])
def test_odd_passage_parameter(client, archive, passage):
    response = client.get(f"{archive.press.get_absolute_url()}?passage={passage}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split('<main id="main"')[1].split("</main>")[0]
