"""The archive in a real browser (Debian's chromium, headless): search, facets, permalinks,
citations, compare, and an axe-core accessibility check on the key pages."""
import os
import re
from pathlib import Path

import pytest


CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--disable-quic"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


def expect(target):
    """Playwright's expect(), which waits for a page that a click is still loading (a bare is_visible(),
    count() or page.url reads at once); imported here so that a machine without Playwright skips."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


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
    # Mexico's Spanish "cooperación" shares the word's stem: a search word does not say its language.
    assert page.locator(".results-summary").inner_text().startswith("3 matching paragraphs in 3 statements")
    page.locator("#facet-delegation + ul").get_by_role("link", name="Sweden").click()
    assert page.locator(".pill").inner_text().startswith("Sweden")
    assert page.locator(".results-summary").inner_text().startswith("1 matching paragraph in 1 statement")
    page.locator(".hit-link").first.click()
    assert page.locator("h1").inner_text() == "Sweden"
    target = page.locator(".paragraph:target")
    assert "<mark>" not in target.inner_text() and target.locator("mark").inner_text() == "cooperation"
    page.locator(".paragraph:target a[rel=bookmark]").click()
    expect(page).to_have_url(re.compile(re.escape("/p/" + debate[2][1].paragraphs.get(position=1).public_id + "/") + "$"))
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


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ARABIC = "ونؤكد على أهمية التعاون الدولي في مكافحة الجريمة السيبرانية."


def every_page_type(debate):
    """(name, address) of one page of each public type, over the debate plus an Arabic statement
    with one correction (so the history page has versions and a difference to show)."""
    from django.urls import reverse

    from statements_site.archive.revisions import record_revision

    from .conftest import make_delegation, make_statement

    meeting, item, statements = debate
    egypt = make_statement(meeting=meeting, delegation=make_delegation("Egypt"), position=4, language="ar",
                           title="بيان جمهورية مصر العربية", paragraphs=["السيد الرئيس،", ARABIC])
    egypt.agenda_items.add(item)
    record_revision(egypt, reason="As first loaded")
    paragraph = egypt.paragraphs.get(position=2)
    paragraph.text = ARABIC + " وشكراً."
    paragraph.save()
    record_revision(egypt, reason="Corrected paragraph 2 against the delivered text")
    sweden = statements[1]
    cited = sweden.paragraphs.get(position=1)
    return [
        ("home", "/"),
        ("browse", reverse("archive:statement-list")),
        ("search", reverse("archive:statement-list") + "?q=cooperation"),
        ("statement", sweden.get_absolute_url()),
        ("arabic statement", egypt.get_absolute_url()),
        ("permalink", cited.get_absolute_url()),
        ("cite", reverse("archive:paragraph-cite", args=[cited.public_id])),
        ("history", reverse("archive:statement-history", args=[egypt.pk])),
        ("meeting", meeting.get_absolute_url()),
        ("agenda item", item.get_absolute_url()),
        ("compare", reverse("archive:agenda-item-compare", args=[meeting.slug, item.number]) + "?d=sweden&d=egypt"),
        ("delegations", reverse("archive:delegation-list")),
        ("delegation", sweden.delegation.get_absolute_url()),
        ("bodies", reverse("archive:body-list")),
        ("body", meeting.body.get_absolute_url()),
        ("api guide", reverse("archive:api-docs")),
        ("report form", reverse("archive:paragraph-report", args=[cited.public_id])),
        ("404", "/p/no-such-paragraph/"),
    ]


def layout_problems(page, name):
    """What a reader would trip over on this page at this width, as readable strings."""
    problems = []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"{name}: {overflow} px wider than the screen")
    searches = page.locator("form[role=search]:visible").count()
    if searches > 1:
        problems.append(f"{name}: {searches} search boxes")
    problems += [f"{name}: axe {violation}" for violation in serious_violations(page)]
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_every_page_type_fits_the_screen_has_one_search_box_and_no_serious_axe_violation(browser, live_server, debate, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    problems = []
    for name, url in every_page_type(debate):
        response = page.goto(url)
        expected = 404 if name == "404" else 200
        if response.status != expected:
            problems.append(f"{name}: status {response.status}")
        problems += layout_problems(page, name)
    context.close()
    assert problems == []


@pytest.mark.parametrize("url", ["/statements/", "/statements/?q=cooperation"])
def test_on_a_phone_the_first_result_is_above_the_fold_and_the_filters_one_tap_away(browser, live_server, debate, url):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.goto(url)
    first = page.locator(".result, .statement-row").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"]
    assert not page.locator(".facet").first.is_visible()
    page.get_by_text("Narrow down").click()
    page.locator("#facet-delegation + ul").get_by_role("link", name="Sweden").click()
    assert page.locator(".pill").inner_text().startswith("Sweden")
    context.close()


def test_on_a_desktop_the_filters_stand_beside_the_results(page, debate):
    page.goto("/statements/?q=cooperation")
    facets, results = page.locator(".facets").bounding_box(), page.locator(".results").bounding_box()
    assert page.locator(".facet").first.is_visible()
    assert facets["x"] + facets["width"] <= results["x"] and abs(facets["y"] - results["y"]) < 5


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_the_permalink_page_leads_with_the_paragraph_and_who_said_it(browser, live_server, debate, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    paragraph = debate[2][1].paragraphs.get(position=1)
    page.goto(paragraph.get_absolute_url())
    cited = page.locator("figure.cited")
    box = cited.bounding_box()
    assert box["y"] + box["height"] < viewport["height"]  # quote and attribution on the first screen
    assert cited.locator("blockquote").inner_text() == "1. " + paragraph.text
    assert cited.locator("figcaption").inner_text().startswith("Sweden, Commission on Narcotic Drugs, 66th session")
    assert page.locator(".paragraph.is-target").inner_text().startswith("1.")  # then the whole statement
    context.close()


def test_an_arabic_statement_reads_right_to_left(page, debate):
    from .conftest import make_delegation, make_statement

    egypt = make_statement(meeting=debate[0], delegation=make_delegation("Egypt"), language="ar", paragraphs=[ARABIC])
    page.goto(egypt.get_absolute_url())
    text = page.locator(".paragraph .text p").first
    assert text.evaluate("p => [p.lang, getComputedStyle(p).direction]") == ["ar", "rtl"]
    box, label = text.bounding_box(), page.locator(".paragraph .label").first.bounding_box()
    assert page.locator("html").get_attribute("lang") == "en" and box["x"] > label["x"]


def test_the_statement_change_form_fits_a_1280_px_window_and_its_buttons_clear_the_title(browser, live_server, debate):
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    statement = debate[2][0]
    client = Client()
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "pw"))
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(reverse("admin:archive_statement_change", args=[statement.pk]))
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    delete = page.locator(".inline-group .tabular td.delete").first.bounding_box()
    assert delete["x"] + delete["width"] <= DESKTOP["width"]
    title, tools = page.locator("#content > h2").bounding_box(), page.locator(".object-tools").bounding_box()
    assert tools["y"] >= title["y"] + title["height"]  # below the title, not over it
    context.close()
