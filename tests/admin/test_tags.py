"""Tags: usage counts, merging (case variants included), renaming; old addresses redirect."""

from __future__ import annotations

from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from documents.editing.tags import merge_tags, rename_tag
from documents.models import TagRedirect
from tests.factories import make_document

from .formdata import form_data

CHANGELIST = "/admin/taggit/tag/"


def select(client, action: str, tags):
    return client.post(CHANGELIST, {"action": action, "index": "0", "_selected_action": [str(t.pk) for t in tags]})


def test_list_shows_usage_counts_and_case_variants(editor_client):
    make_document(tags=["Hegemonism", "Bandung"])
    make_document(tags=["Hegemonism"])
    Tag.objects.create(name="hegemonism", slug="hegemonism-2")
    response = editor_client.get(CHANGELIST)
    rows = {t.name: (t.uses, t.has_variants) for t in response.context["cl"].result_list}
    assert rows == {"Bandung": (1, False), "Hegemonism": (2, True), "hegemonism": (0, True)}
    assert editor_client.get(CHANGELIST, {"variants": "yes"}).context["cl"].result_count == 2


def test_editor_merges_tags_and_old_addresses_redirect(editor_client, client):
    both = make_document(tags=["Hegemonism", "Anti-hegemony"])
    make_document(tags=["Hegemonism"])
    only_old = make_document(tags=["Anti-hegemony"])
    survivor, merged = Tag.objects.get(name="Hegemonism"), Tag.objects.get(name="Anti-hegemony")

    page = select(editor_client, "merge_selected", [survivor, merged])
    assert page.status_code == 200
    data = form_data(page)
    assert data["survivor"] == str(survivor.pk)  # the most used is proposed
    data.update(apply="Merge the tags", name="Opposition to hegemony")
    response = editor_client.post(CHANGELIST, data)

    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Opposition to hegemony"]
    for document in (both, only_old):
        assert [t.name for t in document.tags.all()] == ["Opposition to hegemony"]
    survivor.refresh_from_db()
    assert TagRedirect.objects.surviving_slug("anti-hegemony") == survivor.slug
    assert TagRedirect.objects.surviving_slug("hegemonism") == survivor.slug  # renamed while merging
    redirect = client.get(reverse("documents:tag_detail", args=["anti-hegemony"]))
    assert redirect.status_code == 301
    assert redirect["Location"] == reverse("documents:tag_detail", args=[survivor.slug])
    # Each affected document has its own history entry.
    assert "merged into" in Version.objects.get_for_object(only_old).first().revision.get_comment()


def test_merging_case_variants_keeps_the_most_used(editor_client):
    first = make_document(tags=["Belt and Road"])
    make_document(tags=["Belt and Road"])
    lower = Tag.objects.create(name="belt and road", slug="belt-and-road-2")
    upper = Tag.objects.create(name="BELT AND ROAD", slug="belt-and-road-3")
    second = make_document()
    second.tags.add(lower, upper)
    first.tags.add(lower)

    response = select(editor_client, "merge_case_variants", [lower])

    assert response.status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Belt and Road"]
    assert [t.name for t in first.tags.all()] == ["Belt and Road"]
    assert [t.name for t in second.tags.all()] == ["Belt and Road"]
    assert set(TagRedirect.objects.values_list("old_slug", flat=True)) == {"belt-and-road-2", "belt-and-road-3"}


def test_merging_twice_keeps_the_oldest_address_working(editor_client):
    a, b, c = (Tag.objects.create(name=n) for n in ("A", "B", "C"))
    merge_tags(tags=[a], into=b)
    merge_tags(tags=[b], into=c)
    assert TagRedirect.objects.surviving_slug("a") == "c"
    assert TagRedirect.objects.surviving_slug("b") == "c"


def test_editor_renames_a_tag_and_the_old_address_redirects(editor_client):
    tag = Tag.objects.create(name="Bandung")
    make_document(tags=[tag])
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    data = form_data(editor_client.get(url), "tag_form")
    data.update(name="Bandung Conference", slug="bandung-conference")

    assert editor_client.post(url, data).status_code == 302

    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("Bandung Conference", "bandung-conference")
    assert TagRedirect.objects.surviving_slug("bandung") == "bandung-conference"
    assert "bandung" in editor_client.get(url).content.decode()  # listed as an old address


def test_renaming_into_a_case_variant_of_another_tag_is_refused(editor_client):
    Tag.objects.create(name="Bandung")
    other = Tag.objects.create(name="Asian-African Conference")
    url = reverse("admin:taggit_tag_change", args=[other.pk])
    data = form_data(editor_client.get(url), "tag_form")
    data["name"] = "bandung"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "merge the two tags instead" in response.content.decode()


def test_a_new_tag_takes_back_an_old_address(editor_client):
    old = Tag.objects.create(name="Old")
    new = Tag.objects.create(name="New")
    merge_tags(tags=[old], into=new)
    rename_tag(tag=new, name="Old")
    assert not TagRedirect.objects.filter(old_slug="old").exists()  # the live tag wins
    assert TagRedirect.objects.surviving_slug("new") == "old"
