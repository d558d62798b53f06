"""A statement in two languages in a real browser: the side-by-side page lays the languages out in
columns on a wide screen and one under the other on a phone, without sideways scrolling."""
import re

import pytest

from .test_browser import CHROMIUM, _orm_beside_playwright, browser, expect, page  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def bilingual(transactional_db):
    from .conftest import make_statement
    from .test_language_versions import ENGLISH, FRENCH, make_version

    original = make_statement(paragraphs=ENGLISH, language="en")
    return original, make_version(original, "fr", FRENCH)


def boxes(page, statement):
    first = statement.paragraphs.get(position=1)
    return page.locator(f"#p-{first.public_id}").bounding_box()


@pytest.mark.parametrize("width", [1280, 390])
def test_side_by_side_puts_the_languages_in_columns_on_a_wide_screen_and_stacks_them_on_a_phone(page, bilingual, width):
    original, french = bilingual
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/statements/{original.pk}/languages/")
    english_box, french_box = boxes(page, original), boxes(page, french)
    if width >= 1280:
        assert french_box["x"] > english_box["x"] + english_box["width"] - 1
        assert abs(french_box["y"] - english_box["y"]) < 2
    else:
        assert french_box["y"] >= english_box["y"] + english_box["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Français").first.click()
    expect(page).to_have_url(re.compile(re.escape(french.get_absolute_url()) + "$"))
