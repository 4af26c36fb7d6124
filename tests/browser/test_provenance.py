"""A reader sees, in real Chromium, that seed 002's era is inferred: the mark is on screen, and one
click on "Why?" shows the words it came from. The screenshot is kept in artifacts/screenshots/."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from documents.models import Document
from tests.browser.test_reader import Reader, browser  # noqa: F401  (the module's Chromium)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_inferred_value_is_marked_on_screen(live_server, browser):  # noqa: F811
    cache.clear()
    call_command("import_seeds", verbosity=0)
    document = Document.objects.get(import_key__startswith="002")
    reader = Reader(browser, live_server.url)
    page = reader.goto(document.get_absolute_url())

    facts = page.locator(".document__facts")
    if facts.get_attribute("open") is None:
        facts.locator("summary").first.click()
    row = page.locator(".document__meta div", has=page.locator("dt", has_text="Issued in"))
    mark = row.locator(".inferred")
    expect(mark).to_be_visible()
    expect(mark).to_have_text("inferred")
    evidence = row.locator("details.evidence")
    expect(evidence.locator("q")).to_be_hidden()
    evidence.locator("summary").click()
    expect(evidence.locator("q")).to_be_visible()
    expect(evidence.locator("q")).to_contain_text("18th CPC National Congress")
    box = mark.bounding_box()
    assert box and box["width"] > 10 and box["height"] > 5 and box["y"] < 900  # on the first screen
    reader.check("document-inferred-values", full_page=False)
    assert not reader.errors, reader.errors
    reader.context.close()
