"""What an import does to the text itself: control characters, Markdown, re-imports."""
import json

import pytest
from django.core.management import call_command

from statements_site.archive.importing.store import plan_import, save_import

from .conftest import make_delegation, make_meeting, parse_of

pytestmark = pytest.mark.django_db


def test_control_characters_are_removed_on_import_with_a_warning_saying_where():
    meeting = make_meeting()
    make_delegation("Mexico")
    parse = parse_of(["We welcome\x01 the report.", "Colour\x1b[31m codes\x0cand page breaks."], title="Title\x7f")
    plan = plan_import(parse, meeting_slug=meeting.slug)
    statement, outcome = save_import(plan)
    assert outcome == "created"
    assert [p.text for p in statement.paragraphs.order_by("position")] == [
        "We welcome the report.", "Colour[31m codes and page breaks."
    ]
    assert statement.title == "Title"
    assert plan.warnings == [
        "Removed 4 control characters (U+0001, U+000C, U+001B, U+007F) that no reader sees and feeds and exports "
        "cannot carry, from: title, paragraph 1, paragraph 2. Check the text there."
    ]


def test_tabs_and_newlines_are_kept_and_give_no_warning():
    parse = parse_of(["One\ttab.", "Two"], salutation="Mr. Chair,\nExcellencies,")
    plan = plan_import(parse)
    assert parse["salutation"] == "Mr. Chair,\nExcellencies,"
    assert not [w for w in plan.warnings if "control character" in w]


def test_a_dry_run_shows_the_cleaned_text_and_the_warning(tmp_path):
    from .test_import_command import STATEMENT

    path = tmp_path / "mexico.txt"
    path.write_text(STATEMENT.replace("balanced", "bal\x02anced"), encoding="utf-8")
    out = __import__("io").StringIO()
    call_command("import_statements", str(path), "--dry-run", "--json", stdout=out, stderr=__import__("io").StringIO())
    [parse] = json.loads(out.getvalue())
    assert "balanced and integrated" in parse["paragraphs"][1]["text"]
    assert any("U+0002" in warning and "paragraph 2" in warning for warning in parse["warnings"])


def test_a_duplicate_saved_by_a_concurrent_import_is_reported_as_skipped():
    meeting = make_meeting()
    make_delegation("Mexico")
    texts = ["We welcome the report.", "We support the work."]
    late = plan_import(parse_of(texts), meeting_slug=meeting.slug)  # planned before the other import saved
    first, _ = save_import(plan_import(parse_of(texts), meeting_slug=meeting.slug))
    statement, outcome = save_import(late)
    assert (statement, outcome) == (first, "skipped")
    assert statement.paragraphs.count() == 2


def test_a_new_delegation_created_by_a_concurrent_import_is_matched_not_duplicated():
    meeting = make_meeting()
    late = plan_import(parse_of(["Ghana's first paragraph."], delegation="Ghana"), meeting_slug=meeting.slug)
    save_import(plan_import(parse_of(["Ghana's other statement."], delegation="Ghana"), meeting_slug=meeting.slug))
    statement, outcome = save_import(late)
    assert outcome == "created"
    assert statement.delegation.name == "Ghana"
