"""A reader copies a Chicago note from a passage's page with its copy button, in real headless
Chromium (Debian's, through Playwright): the clipboard then holds the note the page shows, the
speaker of the answer first, and the page passes axe with no console error (CSP included)."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.test_reader import Reader, browser  # noqa: F401  (the module's Chromium)
from tests.sample_archive import build_archive


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_copying_a_chicago_note_from_a_passage_page(live_server, browser):  # noqa: F811
    cache.clear()
    archive = build_archive()
    reader = Reader(browser, live_server.url)
    page = reader.goto(f"/documents/press-conference-2022/passages/{archive.answer.anchor}/")
    passage_url = f"{live_server.url}/documents/press-conference-2022/passages/{archive.answer.anchor}/"
    note = ("Ma Zhaoxu, “Press conference on the 20th CPC National Congress,” Policy Archive, October 31, 2022, "
            f"para. 1, {passage_url}.")
    expect(page.get_by_role("heading", level=1)).to_have_text(archive.press.title)
    expect(page.locator("#cite-chicago-note")).to_have_text(note)
    page.get_by_role("button", name="Copy the Chicago note citation").click()
    expect(page.locator("#cite-chicago-note ~ .copy-citation__status").first).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == note
    # Each form has its own button; BibTeX too.
    expect(page.get_by_role("button", name=re.compile(r"^Copy the .* citation$"))).to_have_count(5)
    page.get_by_role("button", name="Copy the BibTeX citation").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("@online{press_conference_2022_")
    reader.check("passage-page")
    assert not reader.errors, reader.errors
    reader.context.close()
