"""A historian's walk through the five seed documents in real headless Chromium (Debian's, through
Playwright): the long history text on a desktop and on a phone, each passage with its eras beside
its principles; a search in Chinese that reaches English passages through the principle and the
era it names; an editor accepting a suggested principle in bulk on the passage list, which the
reader then sees as confirmed by an editor instead of inferred. Every page is checked with axe-core
(no serious or critical violation) and screenshotted under artifacts/screenshots/; the desktop
document page and the cross-language search are also kept in docs/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from documents.choices import Status
from documents.models import Document, Section, Theme
from documents.roles import EDITORS_GROUP
from tests.admin.conftest import PASSWORD, make_user
from tests.browser.test_reader import SCREENSHOTS, Reader, browser  # noqa: F401  (the module's Chromium)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
HISTORY_KEY = "002"  # "Independent Foreign Policy of Peace": the history from 1949 to the new era
HISTORY_TITLE = "Independent Foreign Policy of Peace"
PASSAGE_LIST = "/admin/documents/section/"


@pytest.fixture
def seeds(transactional_db):
    """The taxonomy and the five seed documents, imported (as published) by the project's command,
    with no page cached from an earlier test."""
    cache.clear()
    call_command("import_seeds", verbosity=0)
    assert Document.objects.count() == 5
    assert not Document.objects.exclude(status=Status.PUBLISHED).exists()


def check_and_keep(reader: Reader, name: str, kept_as: str) -> None:
    """``reader.check(name)``, and the first screen of the page kept as docs/screenshots/<kept_as>."""
    reader.check(name)
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = DOCS_SCREENSHOTS / kept_as
    reader.page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 10_000, f"{target} looks empty"
    assert (SCREENSHOTS / f"{name}.png").exists()


def names(queryset) -> list[str]:
    return [entry.name for entry in queryset]


def assert_passages_show_eras_beside_principles(page, document: Document) -> int:
    """Each passage shows its principles and, beside them in the same row of tools, its eras.

    Returns how many passages speak about an era."""
    with_eras = 0
    for section in document.sections.order_by("position").prefetch_related("themes", "periods"):
        tools = page.locator(f"#{section.anchor}").locator(".passage__tools")
        expect(tools).to_have_count(1)
        principles, eras = names(section.themes.all()), names(section.periods.all())
        if principles:
            expect(tools.locator(".passage__principles .chip--principle")).to_have_text(principles)
        else:
            expect(tools.locator(".passage__principles")).to_have_count(0)
        if not eras:
            expect(tools.locator(".passage__eras")).to_have_count(0)
            continue
        with_eras += 1
        chips = tools.locator(".passage__eras .chip--era")
        expect(chips).to_have_text(eras)
        expect(chips.first).to_be_visible()
        for index, era in enumerate(section.periods.all()):
            expect(chips.nth(index)).to_have_attribute("href", era.get_absolute_url())
        if principles:
            # Beside: the eras follow the principles inside the passage's tools, not somewhere else.
            box = tools.bounding_box()
            last_principle = tools.locator(".passage__principles .chip--principle").last.bounding_box()
            first_era = chips.first.bounding_box()
            assert box and last_principle and first_era
            assert box["x"] - 1 <= first_era["x"] and first_era["x"] + first_era["width"] <= box["x"] + box["width"] + 1
            assert box["y"] - 1 <= first_era["y"] <= box["y"] + box["height"]
            assert (first_era["y"] > last_principle["y"] + 1  # on the next line of chips
                    or first_era["x"] >= last_principle["x"] + last_principle["width"]), (
                f"passage {section.position}: eras are not after the principles")
    return with_eras


def test_the_long_history_on_a_desktop(live_server, browser, seeds):  # noqa: F811
    document = Document.objects.get(import_key__startswith=HISTORY_KEY)
    assert (document.periods.count(), document.themes.count()) == (8, 19)
    reader = Reader(browser, live_server.url, width=1280, height=900)
    page = reader.goto(document.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(HISTORY_TITLE)
    facts = page.locator(".document__facts")
    expect(facts.locator("summary.document__facts-line")).to_contain_text("8 eras · 19 principles")
    expect(facts).to_have_attribute("open", "")  # wide: the facts are open beside the text
    eras_row = page.locator(".document__meta div", has=page.locator("dt", has_text="Speaks about"))
    expect(eras_row.locator(".chip")).to_have_count(8)
    expect(eras_row).to_be_visible()
    expect(page.locator(".document__meta div", has=page.locator("dt", has_text="Principles"))
           .locator(".chip")).to_have_count(19)

    assert assert_passages_show_eras_beside_principles(page, document) >= 6
    first = page.locator(f"#{document.sections.order_by('position').first().anchor}")
    expect(first.locator(".passage__eras")).to_contain_text("Founding of New China")
    expect(first.locator(".passage__eras")).to_contain_text("Reform and opening-up")
    expect(first.locator(".passage__principles")).to_contain_text("Peaceful coexistence")

    check_and_keep(reader, "historian-document-desktop", "document.png")
    assert not reader.errors, reader.errors
    reader.context.close()


def test_the_long_history_on_a_phone(live_server, browser, seeds):  # noqa: F811
    document = Document.objects.get(import_key__startswith=HISTORY_KEY)
    reader = Reader(browser, live_server.url, width=390, height=844)
    page = reader.goto(document.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text(HISTORY_TITLE)
    # The document's facts folded behind one line: date, eras, principles.
    facts = page.locator(".document__facts")
    summary = facts.locator("summary.document__facts-line")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("8 eras · 19 principles")
    expect(facts).not_to_have_attribute("open", re.compile(".*"))
    expect(page.locator(".document__meta")).to_be_hidden()
    line = summary.bounding_box()
    assert line and line["height"] < 3 * 30, f"the summary takes {line} on a phone: not one line"

    # The text comes first: the first passage is on the first screen, without scrolling.
    assert page.evaluate("window.scrollY") == 0
    first = page.locator(f"#{document.sections.order_by('position').first().anchor}")
    text = first.locator(".passage__text")
    expect(text).to_contain_text("It is the fundamental guiding principle of New China")
    expect(text).to_be_in_viewport()
    box = text.bounding_box()
    assert box and 0 <= box["y"] < 844 and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"

    assert_passages_show_eras_beside_principles(page, document)

    # One tap unfolds the facts.
    summary.click()
    expect(page.locator(".document__meta")).to_be_visible()
    expect(page.locator(".document__meta div", has=page.locator("dt", has_text="Speaks about"))
           .locator(".chip")).to_have_count(8)
    summary.click()
    expect(page.locator(".document__meta")).to_be_hidden()

    reader.check("historian-document-phone")
    assert not reader.errors, reader.errors
    reader.context.close()


def test_a_chinese_principle_reaches_english_passages(live_server, browser, seeds):  # noqa: F811
    theme = Theme.objects.get(slug="peaceful-coexistence")
    stating = Section.objects.published().stating([theme.pk]).count()
    assert stating > 0
    reader = Reader(browser, live_server.url)
    page = reader.goto("/search/?q=和平共处")

    offers = page.locator("section.concepts")
    expect(offers).to_be_visible()
    offer = offers.get_by_role("listitem").filter(has_text="Passages stating Peaceful coexistence")
    expect(offer).to_have_count(1)
    expect(offer).to_contain_text(f"Passages stating Peaceful coexistence: {stating}, in all languages")
    expect(offer.get_by_role("link", name="Peaceful coexistence", exact=True)).to_have_attribute(
        "href", re.compile(r"/principles/peaceful-coexistence/"))

    included = page.locator("#concept-principle-peaceful-coexistence")
    expect(included.get_by_role("heading", level=2)).to_have_text(
        "Passages stating Peaceful coexistence, in all languages")
    quotes = included.locator(".quote__text")
    expect(quotes.first).to_be_visible()
    english = quotes.filter(has_text=re.compile(r"peaceful(?:ly)? co-?exist", re.I))
    expect(english.first).to_be_visible()
    assert english.count() >= 1
    assert not re.search(r"[\u4e00-\u9fff]", english.first.inner_text()), "not an English passage"
    expect(included.locator(".quote__source a").first).to_have_attribute("href", re.compile(r"/documents/.+#s-"))

    check_and_keep(reader, "historian-search-principle", "search.png")
    assert not reader.errors, reader.errors
    reader.context.close()


def test_a_chinese_era_cue_offers_the_era(live_server, browser, seeds):  # noqa: F811
    speaking = Section.objects.published().filter(periods__slug="reform-and-opening-up").distinct().count()
    assert speaking > 0
    reader = Reader(browser, live_server.url)
    page = reader.goto("/search/?q=改革开放")

    offer = page.locator("section.concepts").get_by_role("listitem").filter(
        has_text="Passages speaking about Reform and opening-up")
    expect(offer).to_have_count(1)
    expect(offer).to_contain_text(f"Passages speaking about Reform and opening-up: {speaking}, in all languages")
    reader.check("historian-search-era")

    offer.get_by_role("link", name="Reform and opening-up", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reform and opening-up")
    assert not reader.errors, reader.errors
    reader.context.close()


def why(page, section: Section):
    """The passage's "Why these?", unfolded: the evidence for its principles and eras."""
    evidence = page.locator(f"#{section.anchor}").locator("details.passage__evidence")
    evidence.locator("summary").click()
    expect(evidence.locator("ul")).to_be_visible()
    return evidence


def reason(evidence, name: str):
    return evidence.get_by_role("listitem").filter(has_text=re.compile(rf"^{re.escape(name)}:"))


def log_in_as_editor(reader: Reader) -> None:
    make_user("editor", group=EDITORS_GROUP)
    page = reader.page
    page.goto(f"{reader.base_url}/admin/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def accept_on_the_passage_list(reader: Reader, *, theme: Theme, chosen: list[Section], look) -> None:
    """On the passage list filtered to undecided passages showing ``theme``: select ``chosen``,
    run "Accept a suggested principle", choose ``theme`` on the page in between and submit.
    ``look(name)`` is called on the list and on the page in between."""
    page = reader.goto(f"{PASSAGE_LIST}?principle={theme.slug}&decided=no")
    expect(page.get_by_role("heading", level=1)).to_contain_text("passage")
    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_be_visible()
    listed = rows.count()
    assert listed == Section.objects.filter(themes=theme).count()
    for index in range(listed):
        expect(rows.nth(index).locator("td.field-principles")).to_contain_text(f"{theme.name} (suggested)")
    document = chosen[0].document
    ours = rows.filter(has=page.get_by_role("link", name=document.title, exact=True))
    expect(ours).to_have_count(document.sections.filter(themes=theme).count())
    for section in chosen:
        row = page.locator(f'#result_list tbody tr:has(a[href$="#{section.anchor}"])')
        expect(row).to_have_count(1)
        expect(row.locator(".field-passage")).to_contain_text(f"§{section.position} ")
        row.locator("input.action-select").check()
    expect(page.locator(".action-counter")).to_contain_text(f"{len(chosen)} of {listed} selected")
    look("historian-passage-list")

    # The action, and the page in between that asks which principle.
    page.locator("select[name=action]").select_option(label="Accept a suggested principle on selected passages")
    page.locator("button[name=index]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accept a suggested principle")
    expect(page.locator("#content-main form > ul").get_by_role("listitem")).to_have_count(len(chosen))
    principle = page.get_by_label("Principle")
    expect(principle.locator("option").filter(has_text=re.compile(rf"^{re.escape(theme.name)}$"))).to_have_count(1)
    principle.select_option(label=theme.name)
    look("historian-accept-principle")
    page.get_by_role("button", name="Accept the principle").click()
    expect(page.locator(".messagelist .success").first).to_contain_text(
        f"Accepted “{theme.name}” on the passages of 1 document.")


def the_scene():
    """The long history, the principle "Peaceful coexistence", two of its passages stating it to
    accept and a third left alone."""
    document = Document.objects.get(import_key__startswith=HISTORY_KEY)
    theme = Theme.objects.get(slug="peaceful-coexistence")
    stating = list(document.sections.filter(themes=theme).order_by("position"))
    assert len(stating) >= 3, [s.position for s in stating]
    return document, theme, stating[:2], stating[2]


def test_an_editor_accepts_a_suggested_principle_and_the_reader_sees_it_confirmed(
        live_server, browser, seeds):  # noqa: F811
    document, theme, chosen, left = the_scene()

    # Before: the reader sees the principle as inferred, with the words it came from.
    reader = Reader(browser, live_server.url)
    page = reader.goto(document.get_absolute_url())
    for section in (*chosen, left):
        item = reason(why(page, section), theme.name)
        expect(item).to_have_count(1)
        expect(item.locator(".inferred")).to_have_text("inferred")
        expect(item.locator("q").first).to_be_visible()
        expect(item).not_to_contain_text("confirmed by an editor")

    log_in_as_editor(reader)
    page = reader.goto("/admin/")
    expect(page.locator("#drafts-heading")).to_have_text("0 drafts waiting")
    expect(page.locator("#imports-heading")).to_be_visible()
    reader.check("historian-dashboard")
    accept_on_the_passage_list(reader, theme=theme, chosen=chosen, look=reader.check)
    # Decided now: they leave the list of undecided passages; the one left out stays.
    for section in chosen:
        expect(page.locator(f'#result_list tbody tr:has(a[href$="#{section.anchor}"])')).to_have_count(0)
    expect(page.locator(f'#result_list tbody tr:has(a[href$="#{left.anchor}"])')).to_have_count(1)

    # After: on the public page the reader sees the principle confirmed by an editor, on those passages only.
    page = reader.goto(document.get_absolute_url())
    for section in chosen:
        item = reason(why(page, section), theme.name)
        expect(item).to_have_text(f"{theme.name}: confirmed by an editor")
        expect(item.locator(".inferred")).to_have_count(0)
        expect(page.locator(f"#{section.anchor} .passage__principles")).to_contain_text(theme.name)
    item = reason(why(page, left), theme.name)
    expect(item.locator(".inferred")).to_have_text("inferred")
    expect(item).not_to_contain_text("confirmed by an editor")
    reader.check("historian-confirmed-by-editor")
    assert not reader.errors, reader.errors
    reader.context.close()

