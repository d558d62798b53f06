"""The archive in a real browser (Debian's chromium, headless): search, facets, permalinks,
citations, compare, and an axe-core accessibility check on the key pages."""
import os
from pathlib import Path

import pytest


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; Django would refuse the ORM calls
    that create test data without this. Only for this module, not the rest of the suite."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(5000)
    yield page
    context.close()


@pytest.fixture
def debate(transactional_db):
    from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

    meeting = make_meeting(location="Vienna")
    item = make_item(meeting, "2", "International cooperation")
    statements = [
        make_statement(meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=make_group(), position=1,
                       paragraphs=["The Group values international cooperation.", "Electronic evidence matters."]),
        make_statement(meeting=meeting, delegation=make_delegation("Sweden"), position=2,
                       paragraphs=["Sweden supports cooperation on cybercrime.", "Human rights first."]),
        make_statement(meeting=meeting, delegation=make_delegation("Mexico"), position=3, language="es",
                       paragraphs=["México apoya la cooperación internacional."]),
    ]
    for statement in statements:
        statement.agenda_items.add(item)
    return meeting, item, statements


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_search_narrow_by_facet_open_a_statement_and_follow_a_permalink(page, debate):
    page.goto("/")
    page.get_by_label("Search every paragraph").fill("cooperation")
    page.get_by_label("Search every paragraph").press("Enter")
    assert page.locator(".results-summary").inner_text().startswith("2 matching paragraphs in 2 statements")
    page.locator("#facet-delegation + ul").get_by_role("link", name="Sweden").click()
    assert page.locator(".pill").inner_text().startswith("Sweden")
    assert page.locator(".results-summary").inner_text().startswith("1 matching paragraph in 1 statement")
    page.locator(".hit-link").first.click()
    assert page.locator("h1").inner_text() == "Sweden"
    target = page.locator(".paragraph:target")
    assert "<mark>" not in target.inner_text() and target.locator("mark").inner_text() == "cooperation"
    page.locator(".paragraph:target a[rel=bookmark]").click()
    assert page.url.endswith("/p/" + debate[2][1].paragraphs.get(position=1).public_id + "/")
    assert page.locator(".paragraph.is-target").inner_text().startswith("1.")


def test_copy_a_citation(page, debate):
    statement = debate[2][0]
    page.goto(statement.get_absolute_url())
    first = page.locator(".paragraph").first
    first.locator("summary", has_text="Cite").click()
    first.get_by_role("button", name="Copy citation").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Palestine on behalf of Group of 77 and China, statement at the Commission on Narcotic Drugs")
    assert copied.endswith("/p/" + statement.paragraphs.get(position=1).public_id + "/")


def test_compare_two_delegations(page, debate):
    _meeting, item, _ = debate
    page.goto(item.get_absolute_url())
    page.get_by_role("checkbox", name="Sweden").check()
    page.get_by_role("checkbox", name="Mexico").check()
    page.get_by_label("Highlight words (optional)").fill("cooperation OR cooperacion")
    page.get_by_role("button", name="Compare").click()
    columns = page.locator(".compare-column h2")
    assert columns.all_inner_texts() == ["Mexico", "Sweden"]  # in the form's order
    assert page.locator(".compare mark").all_inner_texts() == ["cooperación", "cooperation"]


def test_facet_filter_as_you_type(page, debate):
    from .conftest import make_delegation, make_statement

    for n in range(12):
        make_statement(meeting=debate[0], delegation=make_delegation(f"Country {n:02}"), paragraphs=["Text."])
    page.goto("/statements/")
    box = page.get_by_label("Filter the delegation list")
    box.fill("country 07")
    visible = page.locator("#facet-delegation ~ * li:visible, #facet-delegation ~ ul li:visible")
    assert [t.split("\n")[0].strip() for t in visible.all_inner_texts()] == ["Country 07\t1"] or \
        any("Country 07" in t for t in visible.all_inner_texts())
    assert not any("Sweden" in t for t in visible.all_inner_texts())


@pytest.mark.parametrize("path", ["/", "/statements/?q=cooperation&delegation=sweden", "statement"])
def test_key_pages_have_no_serious_accessibility_violations(page, debate, path):
    page.goto(debate[2][0].get_absolute_url() if path == "statement" else path)
    assert serious_violations(page) == []
