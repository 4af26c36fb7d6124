"""One editor session in real headless Chromium: log in, find a document by search, change its
era, add a tag, publish, see it on the public site, revert. Screenshots go to
artifacts/screenshots/ (git-ignored)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings

from documents.choices import Status
from documents.models import Document
from tests.admin.conftest import PASSWORD, make_user
from tests.factories import make_document, make_period

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright runs an event loop in this thread

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (make chromium)"),
]


@pytest.fixture
def page():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        context.close()
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"editor-{name}.png"), full_page=True)


def test_an_editor_session(live_server, page):
    make_user("editor", group="Editors")
    make_period(name="Founding era", slug="founding", start_year=1949, end_year=1977)
    make_period(name="Reform and opening-up", slug="reform", start_year=1978, end_year=2012)
    make_document(title="Premier Zhou at the Asian-African Conference", slug="zhou-bandung", published=False,
                  issued_on=datetime.date(1955, 4, 19), doc_type="speech",
                  sections=["The Chinese delegation has come here to seek common ground, not to create divergence.",
                            "We respect the sovereignty and territorial integrity of all nations."])
    make_document(title="Press conference on trade", published=False)
    make_document(title="White paper on development", published=False)
    admin_url = f"{live_server.url}/admin/"

    # Log in.
    page.goto(admin_url)
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    shot(page, "01-login")
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    # Find the document by search.
    page.goto(f"{admin_url}documents/document/")
    page.fill("#searchbar", "Asian-African")
    page.press("#searchbar", "Enter")
    page.wait_for_selector("#result_list")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    shot(page, "02-search")
    page.click("text=Premier Zhou at the Asian-African Conference")
    page.wait_for_selector("#document_form")
    shot(page, "02b-form")

    # Change its era (the era it was issued in, through autocomplete).
    page.click(".field-issued_in .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "Found")
    page.click(".select2-results__option:has-text('Founding era')")
    # Add a tag (free entry in the tag autocomplete).
    page.click(".field-tags .select2-selection")
    page.keyboard.type("Bandung 1955")
    page.wait_for_selector(".select2-results__option:has-text('Bandung 1955')")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    # Publish.
    page.select_option("#id_status", "published")
    shot(page, "03-edit")
    page.locator("input[name=_save]").first.click()
    page.wait_for_selector(".messagelist .success")
    assert "was changed successfully" in page.inner_text(".messagelist")
    shot(page, "04-saved")

    document = Document.objects.get(slug="zhou-bandung")
    assert document.status == Status.PUBLISHED
    assert document.issued_in.slug == "founding"
    assert [t.name for t in document.tags.all()] == ["Bandung 1955"]

    # See it on the public site.
    public = page.goto(f"{live_server.url}{document.get_absolute_url()}")
    assert public.status == 200
    assert "Premier Zhou at the Asian-African Conference" in page.inner_text("body")
    assert "seek common ground" in page.inner_text("body")
    shot(page, "05-public")

    # Revert to the version before the edit.
    page.goto(f"{admin_url}documents/document/{document.pk}/history/")
    shot(page, "06-history")
    page.click("text=What changed")
    page.wait_for_selector(".compare-versions")
    differences = page.inner_text("#content-main")
    assert "Bandung 1955" in differences and "Founding era" in differences
    shot(page, "07-differences")
    page.go_back()
    page.locator("#change-history tbody tr").last.locator("th a").click()
    page.wait_for_selector("#document_form")
    shot(page, "08-revert")
    page.locator("input[name=_save]").first.click()
    page.wait_for_selector(".messagelist .success")
    assert "Reverted to the version of" in page.inner_text(".messagelist")
    shot(page, "09-reverted")

    document.refresh_from_db()
    assert document.status == Status.DRAFT
    assert document.issued_in is None
    assert not document.tags.exists()
    gone = page.goto(f"{live_server.url}{document.get_absolute_url()}")
    assert gone.status == 404
