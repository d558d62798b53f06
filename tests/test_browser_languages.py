"""The translated interface in a real browser: Arabic laid out right to left on a phone without
anything spilling off either edge, French and Spanish (longer words) fitting too, and the switcher."""
import re

import pytest

from .test_browser import (  # noqa: F401 (fixtures)
    expect,
    DESKTOP, PHONE, _orm_beside_playwright, browser, debate, every_page_type, layout_problems, pytestmark,
)

# Elements past either edge of the screen, outside anything positioned off-screen on purpose (the skip
# link, visually hidden text, the report form's trap). In a right-to-left page content pushed past the
# left edge does not widen the page, so scrollWidth alone would not see it.
OFF_SCREEN = """() => [...document.querySelectorAll("body *")].filter(e => {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || (r.left > -1 && r.right < innerWidth + 1)) return false;
    for (let a = e; a; a = a.parentElement) {
        const position = getComputedStyle(a).position;
        if (position === "absolute" || position === "fixed") return false;
    }
    return true;
}).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 40)}`)"""


def translated_page_problems(browser, live_server, debate, prefix, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    problems = []
    for name, url in every_page_type(debate):
        response = page.goto(prefix + url)
        if response.status != (404 if name == "404" else 200):
            problems.append(f"{name}: status {response.status}")
        if page.locator("html").get_attribute("lang") != prefix.strip("/"):
            problems.append(f"{name}: not in {prefix}")
        problems += layout_problems(page, name)
        problems += [f"{name}: off the screen: {element}" for element in page.evaluate(OFF_SCREEN)]
    context.close()
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_every_page_type_in_arabic_fits_the_screen_right_to_left(browser, live_server, debate, viewport):
    assert translated_page_problems(browser, live_server, debate, "/ar", viewport) == []


@pytest.mark.parametrize("prefix", ["/fr", "/es"])
def test_every_page_type_in_french_and_spanish_fits_a_phone(browser, live_server, debate, prefix):
    assert translated_page_problems(browser, live_server, debate, prefix, PHONE) == []


def test_the_arabic_page_is_mirrored(browser, live_server, debate):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sweden = debate[2][1]
    page.goto("/ar" + sweden.get_absolute_url())
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The site's name at the right, the search box to its left; the statement's text right of its metadata.
    assert page.locator(".site-name").bounding_box()["x"] > page.locator(".header-search").bounding_box()["x"]
    assert page.locator(".reading-main").bounding_box()["x"] > page.locator(".reading-side").bounding_box()["x"]
    # English statement text still runs left to right, its number at the right of the paragraph.
    text = page.locator(".paragraph .text p").first
    assert text.evaluate("p => getComputedStyle(p).direction") == "ltr"
    assert page.locator(".paragraph .label").first.bounding_box()["x"] > text.bounding_box()["x"]
    context.close()


def test_the_switcher_keeps_the_search_and_remembers_the_choice(browser, live_server, debate):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto("/statements/?q=cooperation")
    assert page.url.endswith("/fr/statements/?q=cooperation")  # the browser asked for French
    page.get_by_role("button", name="العربيّة").click()
    expect(page).to_have_url(re.compile(re.escape("/ar/statements/?q=cooperation") + "$"))
    assert page.locator("h1").inner_text() == "بحث: cooperation"
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"//[^/]+" + re.escape("/statements/?q=cooperation") + "$"))
    page.goto("/")  # the choice outlives the page: no redirect to French any more
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_copying_a_link_says_so_in_french(browser, live_server, debate):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    statement = debate[2][0]
    page.goto("/fr" + statement.get_absolute_url())
    button = page.locator(".paragraph").first.locator("button.copy[data-copy]")  # not by its name, which changes
    expect(button).to_have_text("Copier le lien")
    button.click()
    expect(button).to_have_text("Copié")
    # The permanent address itself, which leads each reader to their own language.
    assert page.evaluate("navigator.clipboard.readText()") == (
        live_server.url + "/p/" + statement.paragraphs.get(position=1).public_id + "/")
    context.close()
