"""The staff import page and its preview in a real browser: accessibility and layout, as an editor sees them."""
import os

import pytest

from .test_admin_import_review import CONFIDENCE, hand_made_parse
from .test_browser import CHROMIUM, FLAGS, serious_violations  # noqa: F401  (fixtures below reuse the setup)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def editor_page(live_server, transactional_db, monkeypatch):
    """A browser logged in as an editor (staff, not a superuser), with the parser's answer made by hand."""
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from playwright.sync_api import sync_playwright

    from statements_site.archive import admin_statements as archive_admin

    from .conftest import make_delegation, make_meeting

    make_meeting()
    make_delegation("Ghana")  # matched: the summary links to it
    monkeypatch.setattr(archive_admin, "parse_statement", lambda text, source=None: hand_made_parse(**CONFIDENCE))
    from django.contrib.auth.models import Permission

    user = User.objects.create_user("editor", "editor@example.org", "pw", is_staff=True)
    # The editors group comes from a data migration, which a transactional test's flush removes.
    group, _ = Group.objects.get_or_create(name="Statement editors")
    group.permissions.add(*Permission.objects.filter(
        codename__in=["add_statement", "change_statement", "view_statement", "view_meeting", "view_delegation"]))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                              "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(5000)
        yield page
        browser.close()


def open_preview(page):
    page.goto("/admin/archive/statement/import/")
    page.get_by_label("Paste the statement").fill("Statement by Ghana.\n\nWe welcome the report.")
    page.get_by_role("button", name="Read and preview").click()
    page.wait_for_selector(".import-summary")
    page.wait_for_load_state("load")


def test_the_import_page_has_no_serious_accessibility_violations(editor_page):
    editor_page.goto("/admin/archive/statement/import/")
    assert serious_violations(editor_page) == []


def test_the_preview_has_no_serious_accessibility_violations_and_fits_the_page(editor_page, tmp_path):
    open_preview(editor_page)
    assert serious_violations(editor_page) == []
    overflowing = editor_page.evaluate(
        "[...document.querySelectorAll('#content-main input, #content-main textarea, .select2-container')]"
        ".filter(e => e.offsetParent && e.getBoundingClientRect().right > "
        "e.closest('.form-row, fieldset, form').getBoundingClientRect().right + 0.5)"
        ".map(e => e.name || e.className)"
    )
    assert overflowing == []
    summary_links = editor_page.evaluate(
        "[...document.querySelectorAll('.import-summary a, .warning-note a')]"
        ".filter(a => !getComputedStyle(a).textDecorationLine.includes('underline')).length"
    )
    assert editor_page.locator(".import-summary a").count() >= 1 and summary_links == 0
    described = editor_page.evaluate(
        "[...document.querySelectorAll('[aria-describedby]')].flatMap(e => e.getAttribute('aria-describedby')"
        ".split(' ').filter(id => !document.getElementById(id)).map(id => e.name + ' -> ' + id))"
    )
    assert described == []
    assert editor_page.get_by_role("combobox", name="Meeting").count() >= 1
    if os.environ.get("IMPORT_PREVIEW_SCREENSHOT"):
        editor_page.screenshot(path=os.environ["IMPORT_PREVIEW_SCREENSHOT"], full_page=True)
