"""The history page shows what a correction changed, with a little context, not every unchanged paragraph."""
import re

import pytest
from django.urls import reverse

from .conftest import make_delegation, make_meeting, parse_of

pytestmark = pytest.mark.django_db

TEXTS = [f"Paragraph number {n} says something distinct about topic {n}." for n in range(1, 31)]


@pytest.fixture
def long_statement():
    from statements_site.archive.importing.store import plan_import, save_import

    meeting = make_meeting()
    make_delegation("Mexico")
    statement, _ = save_import(plan_import(parse_of(TEXTS), meeting_slug=meeting.slug), publish=True)
    corrected = list(TEXTS)
    corrected[14] = corrected[14].replace("distinct", "different")
    plan = plan_import(parse_of(corrected), meeting_slug=meeting.slug)
    save_import(plan, reason="Typo in paragraph 15")
    return statement


def shown_outside_folds(page):
    diff = page.split('<div class="diff">')[1]
    outside = re.sub(r'<details class="diff-fold">.*?</details>', "", diff, flags=re.S)
    return re.findall(r'<p class="diff-label">¶ (\d+)', outside)


def test_history_shows_the_changed_paragraph_and_its_neighbours_and_folds_the_rest(client, long_statement):
    page = client.get(reverse("archive:statement-history", args=[long_statement.pk])).content.decode()
    assert shown_outside_folds(page) == ["14", "15", "16"]
    assert "<del>distinct</del>" in page and "<ins>different</ins>" in page
    folds = re.findall(r"<summary>(\d+) unchanged paragraphs?</summary>", page)
    assert folds == ["13", "14"]


def test_history_folds_nothing_between_changes_that_are_close(client, long_statement):
    from statements_site.archive.importing.store import plan_import, save_import

    corrected = list(TEXTS)
    for n in (14, 16):
        corrected[n] = corrected[n].replace("distinct", "different")
    save_import(plan_import(parse_of(corrected), meeting_slug=long_statement.meeting.slug), reason="Two more typos")
    page = client.get(reverse("archive:statement-history", args=[long_statement.pk]), {"from": 1, "to": 3}).content.decode()
    assert shown_outside_folds(page) == ["14", "15", "16", "17", "18"]
