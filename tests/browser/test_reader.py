"""A reader's walk through the archive in real headless Chromium (Debian's, through Playwright):
home, era, document, passage permalink, principle, matrix cell, filtered list. What is on screen
is asserted; every page type is screenshotted under artifacts/screenshots/ (git-ignored) and
checked with axe-core (bundled with axe-playwright-python: nothing is fetched), which must report
no serious or critical violation. The browser console must stay free of errors, CSP refusals
included.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import expect, sync_playwright

from tests.sample_archive import build_archive

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread, while the test also uses the ORM.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Reader:
    """A browser tab that records console errors, checks accessibility and takes screenshots."""

    def __init__(self, browser, base_url: str, *, width: int = 1280, height: int = 900):
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           permissions=["clipboard-read", "clipboard-write"])
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.axe = Axe()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, path
        return self.page

    def check(self, name: str, *, full_page: bool = True) -> None:
        """No serious or critical accessibility violation; a screenshot of the page."""
        results = self.axe.run(self.page)
        bad = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
        assert not bad, f"{name}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in bad)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_walk(live_server, browser):
    cache.clear()
    archive = build_archive()
    reader = Reader(browser, live_server.url)
    page = reader.page

    # Home: what the archive is, the eras as a timeline, the principles, the latest documents, search.
    reader.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("China's foreign policy, in its own words")
    eras = page.locator(".timeline__name")
    expect(eras).to_have_text(["Founding of New China", "The Five Principles and Bandung",
                               "Reform and opening-up", "The new era"])
    expect(page.get_by_role("heading", name="Latest documents")).to_be_visible()
    expect(page.locator(".card__title")).to_contain_text([archive.press.title])
    search = page.get_by_role("search", name="Search the archive")
    expect(search.get_by_label("Search passages")).to_have_attribute("name", "q")
    assert search.evaluate("form => new URL(form.action).pathname") == "/search/"
    expect(page.get_by_text("Secret draft")).to_have_count(0)
    reader.check("home")

    # Era: summary, span, documents issued in it, passages that speak about it.
    page.locator(".timeline").get_by_role("link", name="Founding of New China").click()
    expect(page).to_have_url(re.compile(r"/eras/founding/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Founding of New China")
    expect(page.locator(".era-header__span")).to_have_text("1949–1955")
    expect(page.get_by_text("New China stands up and leans to one side.")).to_be_visible()
    expect(page.locator(".quote__text")).to_contain_text(["In June 1949 Mao Zedong declared"])
    expect(page.get_by_role("link", name=re.compile("The Five Principles and Bandung"))).to_be_visible()
    reader.check("era")

    # Into the document at the passage that speaks about the era.
    anchor = archive.founding_passage.anchor
    page.get_by_role("link", name=archive.narrative.title).first.click()
    expect(page).to_have_url(re.compile(rf"/documents/independent-foreign-policy/#{anchor}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(archive.narrative.title)
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    expect(page.locator(".document__meta")).to_contain_text("June 2014")
    expect(page.locator(".document__meta")).to_contain_text("Ministry of Foreign Affairs")
    expect(page.locator(".passage").first).to_have_text(re.compile(r"^1\. The origins"))
    expect(page.get_by_text("<script>alert(1)</script>", exact=False)).to_be_visible()  # shown, not run
    reader.check("document")

    # A passage's permalink: the address points at it, it is highlighted, its link can be copied.
    quote = archive.quote
    passage = page.locator(f"#{quote.anchor}")
    passage.get_by_role("link", name=re.compile(r"permalink to passage 5")).click()
    expect(page).to_have_url(re.compile(rf"#{quote.anchor}$"))
    highlighted = passage.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlighted == "rgb(255, 244, 204)", highlighted
    passage.get_by_role("button", name="Copy link to passage 5").click()
    permalink = f"{live_server.url}/documents/independent-foreign-policy/#{quote.anchor}"
    expect(page.locator(".copy-status")).to_have_text(f"Link copied: {permalink}")
    assert page.evaluate("navigator.clipboard.readText()") == permalink
    # Cite that passage: the citation, computed by the server, points at it.
    passage.get_by_role("link", name="Cite passage 5").click()
    expect(page).to_have_url(re.compile(rf"\?passage={quote.anchor}#cite$"))
    citation = page.locator("#cite")
    expect(citation.get_by_role("heading", level=2)).to_have_text("Cite passage 5")
    # The heading before it is not a paragraph: it is the 4th a reader counts.
    passage_page = f"{live_server.url}/documents/independent-foreign-policy/passages/{quote.anchor}/"
    expect(citation.locator("#cite-chicago-note")).to_have_text(
        f"“Independent Foreign Policy of Peace,” Policy Archive, June 2014, para. 4, {passage_page}.")
    expect(citation.locator(".citation__bibtex")).to_contain_text("note = {Paragraph 4")
    expect(page.locator(f"#{quote.anchor}")).to_have_class(re.compile("passage--selected"))
    reader.check("passage", full_page=False)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".citation")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "document-print.png"), full_page=True)
    page.emulate_media(media="screen")

    # A principle from a passage: its definition, its parent, every passage stating it.
    item = page.locator(f"#{archive.item2.anchor}")
    item.get_by_role("link", name="Non-interference in internal affairs").click()
    expect(page).to_have_url(re.compile(r"/principles/non-interference/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Non-interference in internal affairs")
    expect(page.get_by_role("navigation", name="Broader principles")).to_contain_text(
        "Five Principles of Peaceful Coexistence")
    expect(page.locator(".quote")).to_have_count(2)
    page.get_by_role("navigation", name="Broader principles").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Five Principles of Peaceful Coexistence")
    expect(page.locator(".era-group h3")).to_have_text([re.compile("The Five Principles and Bandung"),
                                                        re.compile("The new era")])
    expect(page.locator(".quote")).to_have_count(4)  # its members' passages too, each once
    reader.check("principle")

    # The matrix: a cell leads to exactly its passages.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matrix").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Principles across the eras")
    cell = page.get_by_role("link", name="3 passages: Five Principles of Peaceful Coexistence, "
                                          "The Five Principles and Bandung")
    expect(cell).to_have_text(re.compile(r"^3"))
    assert "shade-5" in cell.evaluate("a => a.parentElement.className")
    reader.check("matrix")
    cell.click()
    expect(page).to_have_url(re.compile(r"/principles/five-principles/\?about=bandung$"))
    expect(page.locator(".quote")).to_have_count(3)

    # The documents stating the principle, narrowed by a facet, then a filter removed.
    page.get_by_role("link", name="Documents stating this principle").click()
    expect(page).to_have_url(re.compile(r"/documents/\?principle=five-principles$"))
    expect(page.locator(".result-count")).to_have_text("3 documents match these filters.")
    type_facet = page.locator("section.facet", has=page.get_by_role("heading", name="Type"))
    expect(type_facet.get_by_role("listitem").filter(has_text="Communiqué")).to_contain_text("1")
    type_facet.get_by_role("link", name="Communiqué").click()
    expect(page.locator(".card__title")).to_have_text([archive.communique.title])
    expect(page.locator(".active-filter")).to_have_count(2)
    page.get_by_role("link", name="Remove filter Principle: Five Principles of Peaceful Coexistence").click()
    expect(page).to_have_url(re.compile(r"/documents/\?type=communique$"))
    expect(page.locator(".active-filter")).to_have_text([re.compile("Type: Communiqué")])
    page.get_by_label("Sort by").select_option("title")
    page.get_by_label("From").fill("1950")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"type=communique&sort=title&from=1950"))
    expect(page.locator(".card__title")).to_have_text([archive.communique.title])
    reader.check("list")

    # The other page types, checked and shown.
    for name, path in [("tag", "/tags/history/"), ("tags", "/tags/"), ("eras", "/eras/"),
                       ("principles", "/principles/"), ("source", "/documents/independent-foreign-policy/source/"),
                       ("press-conference", "/documents/press-conference-2022/")]:
        reader.goto(path)
        reader.check(name)
    expect(page.locator(".turn__speaker")).to_contain_text(["Phoenix TV", "Ma Zhaoxu"])

    assert reader.errors == []
    reader.context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_on_a_phone(live_server, browser):
    """The reader and the list at 390 px: one column, no horizontal scrolling."""
    cache.clear()
    archive = build_archive()
    reader = Reader(browser, live_server.url, width=390, height=844)
    for name, path in [("phone-document", archive.press.get_absolute_url()), ("phone-list", "/documents/"),
                       ("phone-matrix", "/matrix/")]:
        page = reader.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        reader.check(name)
    assert reader.errors == []
    reader.context.close()
