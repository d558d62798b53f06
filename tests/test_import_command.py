"""`import_statements`: what scripts rely on (its exit status and the parse objects of `--dry-run --json`,
documented in the README), and what staff read in its summary."""
import json

import pytest
from django.core.management import call_command

from statements_site.archive.models import AgendaItem, Delegation, Meeting, Statement

from .conftest import make_delegation, make_meeting

pytestmark = pytest.mark.django_db(transaction=True)

STATEMENT = """Statement by Mexico at the Commission on Narcotic Drugs, 66th session, 13-17 March 2023, delivered by Ms. Ana Ruiz, Permanent Mission of Mexico

Item 3: General debate

Mr. Chair,

1. Mexico thanks the Chair for convening this session.

2. We call for a balanced and integrated approach.

Thank you, Mr. Chair.
"""


def run(*args):
    """The command's exit status, stdout and stderr, as a script sees them (for checks before any database use)."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "import_statements", *args], capture_output=True, text=True, timeout=120
    )
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def statement_file(tmp_path):
    path = tmp_path / "mexico.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    return path


def import_(*args, **kwargs):
    from io import StringIO

    out = StringIO()
    try:
        call_command("import_statements", *map(str, args), stdout=out, stderr=StringIO(), **kwargs)
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, out.getvalue()


def test_import_creates_the_statement_and_lists_new_records_for_review(statement_file):
    status, out = import_(statement_file)
    assert status == 0, out
    statement = Statement.objects.get()
    assert statement.delegation.name == "Mexico"
    assert [p.label for p in statement.paragraphs.all()] == ["1", "2"]
    assert statement.salutation == "Mr. Chair," and statement.closing == "Thank you, Mr. Chair."
    assert statement.status == Statement.Status.DRAFT
    assert "Summary: 1 created, 0 updated, 0 skipped, 0 failed." in out
    assert "delegation “Mexico”" in out and "Created, for staff review:" in out


def test_importing_the_same_text_again_adds_nothing(statement_file):
    import_(statement_file)
    status, out = import_(statement_file)
    assert status == 0 and Statement.objects.count() == 1
    assert "0 created, 0 updated, 1 skipped" in out


def test_publish_flag_publishes(statement_file):
    import_(statement_file, "--publish")
    assert Statement.objects.get().is_published


def test_existing_meeting_and_delegation_are_matched_not_duplicated(statement_file):
    meeting = make_meeting()  # Commission on Narcotic Drugs, 66th session, 13-17 March 2023
    mexico = make_delegation("Mexico", iso_code="MEX")
    AgendaItem.objects.create(meeting=meeting, number="3", title="General debate")
    status, out = import_(statement_file, "--no-create")
    assert status == 0, out
    statement = Statement.objects.get()
    assert statement.meeting == meeting and statement.delegation == mexico
    assert Meeting.objects.count() == 1 and Delegation.objects.count() == 1


def test_no_create_fails_and_says_what_is_missing(statement_file):
    status, out = import_(statement_file, "--no-create")
    assert status == 1
    assert "Not in the archive yet" in out and "delegation “Mexico”" in out
    assert not Statement.objects.exists()


def test_missing_delegation_fails_with_a_message_saying_so(tmp_path):
    path = tmp_path / "anonymous.txt"
    path.write_text("Mr. Chair,\n\n1. We support the draft resolution.\n\nThank you.\n", encoding="utf-8")
    status, out = import_(path, "--meeting", make_meeting().slug)
    assert status == 1
    assert "Delegation missing" in out
    assert not Statement.objects.exists()


def test_delegation_and_meeting_can_be_supplied(tmp_path):
    path = tmp_path / "anonymous.txt"
    path.write_text("Mr. Chair,\n\n1. We support the draft resolution.\n\nThank you.\n", encoding="utf-8")
    meeting = make_meeting()
    status, out = import_(path, "--meeting", meeting.slug, "--delegation", "Norway")
    assert status == 0, out
    statement = Statement.objects.get()
    assert statement.meeting == meeting and statement.delegation.name == "Norway"


def test_a_failing_file_leaves_nothing_and_the_others_go_on(tmp_path, statement_file):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"this is not a zip archive")
    status, out = import_(bad, statement_file)
    assert status == 1
    assert Statement.objects.count() == 1
    assert "broken.docx" in out and "1 created" in out and "1 failed" in out


def test_folder_means_every_statement_file_under_it(tmp_path, statement_file):
    (tmp_path / "notes.csv").write_text("not a statement")
    status, out = import_(tmp_path)
    assert status == 0, out
    assert "[1/1] mexico.txt" in out


def dry_run_json(capsys, *paths):
    """Exit status and stdout of --dry-run --json, with the command writing to the real stdout."""
    capsys.readouterr()
    try:
        call_command("import_statements", "--dry-run", "--json", *map(str, paths))
        status = 0
    except SystemExit as exit:
        status = exit.code
    return status, capsys.readouterr().out


def test_dry_run_json_prints_only_the_parse_objects_and_writes_nothing(statement_file, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status, out = dry_run_json(capsys, statement_file, empty)
    assert status == 1
    parsed = json.loads(out)
    assert [p["source"] for p in parsed] == ["mexico.txt", "empty.txt"]
    assert parsed[0]["ok"] is True and parsed[0]["delegation"] == "Mexico"
    assert parsed[0]["paragraphs"][1] == {"label": "2", "text": "We call for a balanced and integrated approach."}
    assert parsed[1]["ok"] is False and "empty" in parsed[1]["errors"][0]
    assert not Statement.objects.exists()


def test_bad_usage_exits_2(statement_file):
    assert run("--json", str(statement_file))[0] == 2
    assert run("--bogus-flag", str(statement_file))[0] == 2


def test_founding_statement_from_samples_matches_its_expected_parse(samples_dir, capsys):
    status, out = dry_run_json(capsys, samples_dir / "seed-g77-cybercrime-egm-2020.txt")
    assert status == 0
    expected = json.loads((samples_dir / "seed-g77-cybercrime-egm-2020.expected.json").read_text())
    got = json.loads(out)[0]
    for key in ["delegation", "on_behalf_of", "speaker", "speaker_title", "meeting", "agenda_items", "salutation",
                "closing", "paragraphs", "language", "title"]:
        assert got[key] == expected[key], key


def test_dry_run_json_stdout_is_one_json_document_and_library_warnings_go_to_stderr(tmp_path):
    import os
    import subprocess
    import sys

    from .test_import_limits import FONT, _pdf, _stream

    # A PDF page dictionary with /Type twice: pypdf logs a warning while reading it.
    lines = "".join(f"({line.replace('(', '').replace(')', '')}) Tj T* " for line in STATEMENT.splitlines())
    pdf = tmp_path / "mexico.pdf"
    pdf.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(f"BT /F1 12 Tf 14 TL 72 720 Td {lines} ET".encode()),
        FONT,
    ]))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}", "DJANGO_DEBUG": "1"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)
    result = subprocess.run([*manage, "import_statements", "--dry-run", "--json", str(pdf)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    [parse] = json.loads(result.stdout)
    assert parse["delegation"] == "Mexico"
    assert "Multiple definitions in dictionary" in result.stderr


def test_the_summary_lists_fields_the_parser_inferred_rather_than_read(statement_file, monkeypatch):
    from statements_site.archive.management.commands import import_statements
    from statements_site.archive.importing.parse import parse_statement

    def with_confidence(text, source=None):
        parse = parse_statement(text, source=source)
        parse["confidence"] = {"delegation": {"status": "inferred", "why": "from the mission's name", "candidates": []},
                               "speaker": {"status": "stated", "why": "", "candidates": []}}
        return parse

    monkeypatch.setattr(import_statements, "parse_statement", with_confidence)
    status, out = import_(statement_file)
    assert status == 0, out
    assert "Inferred, not stated in the text: check these in the admin:\n" \
           "  mexico.txt: delegation “Mexico” (from the mission's name)\n" in out
    assert "speaker" not in out.split("Inferred")[1]


@pytest.mark.parametrize("dry_run", [["--dry-run", "--json"], []])
def test_a_file_the_importer_trips_on_fails_alone_and_the_others_go_on(tmp_path, statement_file, monkeypatch, dry_run):
    """A bug met on one file (here: matching it against the archive) is that file's failure: the dry run
    still prints its one JSON document, naming the file, and an import saves the other files."""
    from statements_site.archive.management.commands import import_statements

    other = tmp_path / "other.txt"
    other.write_text(STATEMENT.replace("Mexico", "Chile"), encoding="utf-8")
    real_plan = import_statements.plan_import

    def trips_on_mexico(parse, **kwargs):
        if parse["source"] == "mexico.txt":
            raise KeyError("a bug")
        return real_plan(parse, **kwargs)

    monkeypatch.setattr(import_statements, "plan_import", trips_on_mexico)
    status, out = import_(statement_file, other, *dry_run)
    assert status == 1
    if dry_run:
        first, second = json.loads(out)
        assert first["ok"] is False and "mexico.txt" in first["errors"][0] and "KeyError" in first["errors"][0]
        assert second["ok"] is True and second["delegation"] == "Chile"
    else:
        assert "mexico.txt: " in out.split("Failed:")[1]
        assert list(Statement.objects.values_list("delegation__name", flat=True)) == ["Chile"]


def test_an_identical_reimport_adds_no_entry_to_the_change_feed(statement_file):
    from statements_site.archive.models import Change

    import_(statement_file, "--publish")
    statement = Statement.objects.get()
    before, updated = Change.objects.count(), statement.updated
    assert before > 0
    status, out = import_(statement_file, "--publish")
    assert status == 0 and "0 created, 0 updated, 1 skipped" in out
    assert Change.objects.count() == before and Statement.objects.get().updated == updated
