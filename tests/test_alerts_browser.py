"""E-mail alerts in a real browser, at a desktop and a phone width: the form folded on the search
page, the confirmation link's page, and the confirmed alert."""
import re

import pytest
from django.core import mail

from .test_browser import _orm_beside_playwright, browser, expect, pytestmark  # noqa: F401  (shared fixtures and marker)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_reader_subscribes_from_the_search_page_and_confirms(browser, live_server, transactional_db, width):  # noqa: F811
    from statements_site.archive.records import Alert

    from .conftest import make_delegation, make_statement

    make_statement(delegation=make_delegation("Sweden"), paragraphs=["Sweden on cybercrime."])
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(5000)
    page.goto("/statements/?q=cybercrime&delegation=sweden")
    page.get_by_text("Get e-mail alerts", exact=True).first.click()
    email = page.get_by_label("Your e-mail address")
    assert email.bounding_box()["x"] + email.bounding_box()["width"] <= width, "the field fits the screen"
    email.fill("reader@example.org")
    page.get_by_label("Daily").check()
    page.get_by_role("button", name="Get e-mail alerts").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    path = re.search(r"/alerts/confirm/[^/\s]+/", mail.outbox[0].body).group(0)
    page.goto(path)
    assert "“cybercrime” · Sweden" in page.locator("main").inner_text()
    page.get_by_role("button", name="Yes, start the alert").click()
    expect(page.get_by_role("heading", name="Your alert is on")).to_be_visible()
    alert = Alert.objects.get()
    assert alert.confirmed and alert.frequency == "daily" and alert.query == "delegation=sweden&q=cybercrime"
    context.close()
