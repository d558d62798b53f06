"""A meeting's list of speakers imported from the text staff copy from the published list."""
import io

import pytest
from django.core.management import CommandError, call_command

from statements_site.archive.models import ListedSpeaker

from .conftest import make_delegation, make_group, make_meeting, make_statement

pytestmark = pytest.mark.django_db

PUBLISHED = """List of speakers

1. Egypt (on behalf of the Group of 77 and China)
2. European Union
3) Sweden
 4.  Chile, on behalf of the Group of 77 and China
Peru
"""


@pytest.fixture
def meeting():
    meeting = make_meeting()
    for name in ("Egypt", "Sweden", "Chile", "Peru"):
        make_delegation(name)
    make_delegation("European Union", kind="igo")
    make_group()
    return meeting


def run(meeting, tmp_path, text, *args):
    path = tmp_path / "speakers.txt"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_speakers", meeting.slug, str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def listed(meeting):
    return [(row.position, row.delegation.name, row.on_behalf_of.name if row.on_behalf_of else None)
            for row in ListedSpeaker.objects.filter(meeting=meeting).order_by("position")]


def test_a_published_list_of_speakers_becomes_the_meetings_list_in_its_order(meeting, tmp_path):
    out, _err = run(meeting, tmp_path, PUBLISHED)
    assert listed(meeting) == [
        (1, "Egypt", "Group of 77 and China"), (2, "European Union", None), (3, "Sweden", None),
        (4, "Chile", "Group of 77 and China"), (5, "Peru", None),
    ]
    assert "5 added" in out


def test_importing_the_same_list_again_changes_nothing(meeting, tmp_path):
    run(meeting, tmp_path, PUBLISHED)
    out, _err = run(meeting, tmp_path, PUBLISHED)
    assert "0 added, 0 moved, 5 unchanged, 0 removed" in out
    assert ListedSpeaker.objects.filter(meeting=meeting).count() == 5


def test_a_corrected_list_moves_and_removes_entries_and_keeps_what_staff_set(meeting, tmp_path):
    run(meeting, tmp_path, PUBLISHED)
    ListedSpeaker.objects.filter(meeting=meeting, delegation__name="Sweden").update(spoke=False)
    out, _err = run(meeting, tmp_path, "Sweden\nPeru\n")
    assert listed(meeting) == [(1, "Sweden", None), (2, "Peru", None)]
    assert ListedSpeaker.objects.get(meeting=meeting, delegation__name="Sweden").spoke is False
    assert "3 removed" in out


def test_an_unknown_name_saves_nothing_and_says_which_line(meeting, tmp_path):
    with pytest.raises(CommandError) as error:
        run(meeting, tmp_path, "1. Sweden\n2. Narnia\n3. Peru on behalf of the Group of Seven Seas\n")
    message = str(error.value)
    assert "Nothing was saved" in message
    assert "Line 2: “Narnia” is not a delegation the archive knows" in message
    assert "Line 3: the group “Group of Seven Seas” is not in the archive" in message
    assert not ListedSpeaker.objects.exists()


def test_a_delegation_listed_twice_keeps_its_first_place_with_a_warning(meeting, tmp_path):
    _out, err = run(meeting, tmp_path, "Sweden\nPeru\nSweden\n")
    assert listed(meeting) == [(1, "Sweden", None), (2, "Peru", None)]
    assert "Line 3" in err and "line 1" in err


def test_a_dry_run_lists_the_speakers_and_writes_nothing(meeting, tmp_path):
    out, _err = run(meeting, tmp_path, PUBLISHED, "--dry-run")
    assert "1. Egypt on behalf of Group of 77 and China" in out
    assert not ListedSpeaker.objects.exists()


def test_an_unknown_meeting_is_an_error(meeting, tmp_path):
    path = tmp_path / "speakers.txt"
    path.write_text("Sweden\n")
    with pytest.raises(CommandError, match="No meeting with the slug"):
        call_command("import_speakers", "no-such-meeting", str(path))


def test_the_imported_list_shows_on_the_meeting_page_beside_the_texts_held(client, meeting, tmp_path):
    make_statement(meeting, make_delegation("Sweden"), ["Sweden speaks."])
    run(meeting, tmp_path, "1. Sweden\n2. Peru\n", "--source", "record")
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "List of speakers and the texts held" in html
    assert "not held" in html[html.index(">Peru<"):][:400]
    assert ListedSpeaker.objects.filter(meeting=meeting, source="record").count() == 2
