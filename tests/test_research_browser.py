"""The research views in a real browser, at desktop and phone widths: no horizontal overflow, one
search box, no serious axe violation, and each view's own reading works."""
import re

import pytest

from .test_browser import (  # noqa: F401 (fixtures)
    CHROMIUM, DESKTOP, PHONE, _orm_beside_playwright, browser, expect, layout_problems,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def corpus(transactional_db):
    import datetime

    from .conftest import make_body, make_delegation, make_group, make_meeting, make_statement

    body = make_body("Ad Hoc Committee on Cybercrime", "AHC")
    g77 = make_group()
    statements = []
    for n, year in enumerate(range(2016, 2024)):
        meeting = make_meeting(body, "Ad Hoc Committee on a Comprehensive International Convention on Countering the Use "
                               "of Information and Communications Technologies for Criminal Purposes",
                               f"session {n + 1}", date_start=datetime.date(year, 3, 1), date_end=None)
        for k, name in enumerate(("Sweden", "Brazil", "Egypt", "Federated States of Micronesia")):
            words = ["digital sovereignty"] * (k + n % 3) + ["free flow of data"] * (n % 2 + 1)
            text = ("Our delegation has long held, in every session of this committee and in its statements, that "
                    + " and ".join(words) + " must guide the convention on electronic evidence across borders.")
            statements.append(make_statement(meeting, make_delegation(name), [text, "Thank you, Chair."],
                                             on_behalf_of=g77 if k == 2 else None, position=k + 1))
    from statements_site.archive.models import Alignment, GroupMembership, ListedSpeaker

    egypt, sweden = statements[2].delegation, statements[0].delegation
    GroupMembership.objects.create(group=g77, member=egypt, joined=datetime.date(2010, 1, 1))
    GroupMembership.objects.create(group=g77, member=make_delegation("Brazil"), joined=datetime.date(2012, 1, 1),
                                   left=datetime.date(2020, 1, 1))
    Alignment.objects.create(statement=statements[1], aligned_with=g77, aligned_statement=statements[2],
                             sentence="Brazil aligns itself with the statement of the Group of 77 and China.")
    meeting = statements[0].meeting
    for position, delegation in enumerate([sweden, make_delegation("Chile"), egypt], start=1):
        ListedSpeaker.objects.create(meeting=meeting, delegation=delegation, position=position,
                                     on_behalf_of=g77 if delegation == egypt else None)
    return statements


def research_pages(statements):
    from django.urls import reverse

    paragraph = statements[0].paragraphs.get(position=1)
    return [
        ("alignments", reverse("archive:research-alignments")),
        ("meeting with a list of speakers", statements[0].meeting.get_absolute_url()),
        ("group statement", statements[2].get_absolute_url()),
        ("state page", statements[2].delegation.get_absolute_url()),
        ("over time", reverse("archive:research-over-time") + '?q="digital sovereignty"&q="free flow of data"'),
        ("who said it", reverse("archive:research-who") + "?q=sovereignty"),
        ("in context", reverse("archive:research-in-context") + "?q=sovereignty&sort=left"),
        ("said similarly", reverse("archive:paragraph-similar", args=[paragraph.public_id])),
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_research_pages_fit_the_screen_with_one_search_box_and_no_serious_axe_violation(browser, live_server, corpus, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    problems = []
    for name, url in research_pages(corpus):
        response = page.goto(url)
        if response.status != 200:
            problems.append(f"{name}: status {response.status}")
        problems += layout_problems(page, name)
    context.close()
    assert problems == []


def test_from_a_search_a_reader_sees_it_over_time_who_said_it_and_in_context(browser, live_server, corpus):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto("/statements/?q=sovereignty")
    page.get_by_role("link", name="over time").click()
    # Each click loads a new page: expect() waits for it, where a bare is_visible() or count() reads at once.
    expect(page.get_by_role("img", name="Matching paragraphs per year")).to_be_visible()
    expect(page.locator("table.counts").first.locator("tbody tr")).to_have_count(8)  # 2016 to 2023
    page.get_by_label("Search 2").fill('"free flow of data"')
    page.get_by_role("button", name="Show over time").click()
    expect(page.locator("svg polyline")).to_have_count(2)
    page.get_by_role("link", name="Who said it").click()
    # Sweden says it in 5 of its 8 statements, the others in all 8 (ties by name).
    rows = page.locator("table.ranked").first.locator("tbody tr")
    expect(rows.first).to_contain_text("Brazil")
    expect(rows.last).to_contain_text("Sweden")
    expect(rows.last).to_contain_text("62.5 %")
    page.get_by_role("link", name="In context").click()
    expect(page.locator("table.kwic mark").first).to_have_text(re.compile("^sovereignty$", re.IGNORECASE))
    page.get_by_role("link", name="words after").click()
    expect(page).to_have_url(re.compile("sort=right"))
    context.close()


def test_a_reader_follows_a_session_and_a_hit_from_the_research_pages(browser, live_server, corpus):
    from django.urls import reverse

    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto(reverse("archive:research-over-time") + '?q="digital sovereignty"')
    page.locator("details.sessions summary").click()
    sessions = page.locator("details.sessions tbody tr")
    expect(sessions).to_have_count(8)
    expect(sessions.first).to_contain_text("2016")
    sessions.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("session 1")
    page.goto(reverse("archive:research-in-context") + '?q="free flow of data"')
    hit = page.locator("table.kwic td.hit a").first
    public_id = hit.get_attribute("href").strip("/").split("/")[-1]
    hit.click()
    expect(page.locator(f'[id="p-{public_id}"]')).to_contain_text("free flow of data")
    context.close()
