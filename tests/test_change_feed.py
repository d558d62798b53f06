"""The change feed: a copy restored from yesterday's dump, brought up to date with the feed since the
dump's change_seq, equals today's dump; the feed names what was added, corrected and removed and
where old paragraph links lead."""
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from statements_site.archive import changes, dump
from statements_site.archive.models import Body, Delegation, Meeting, Statement

from .conftest import ORIGINAL, make_delegation, make_item, make_meeting, make_statement, reimport

pytestmark = pytest.mark.django_db


def public_dump():
    lines = [json.loads(line) for line in dump.dump_lines(public_only=True)]
    return lines[0], lines[1:]


def wipe():
    """An empty archive, as a new machine restoring a dump has."""
    Statement.objects.all().delete()
    Meeting.objects.all().delete()
    Body.objects.all().delete()
    Delegation.objects.all().delete()
    from statements_site.archive.models import SlugHistory

    SlugHistory.objects.all().delete()


def feed(since_seq):
    return [json.loads(line) for line in changes.feed_lines(since_seq)]


def test_the_dump_says_its_licence_its_date_and_its_change_number(published):
    header, _rows = public_dump()
    assert header["type"] == "dump" and header["licence"] == "CC-BY-4.0"
    assert header["created"] and header["change_seq"] == changes.latest_seq() > 0
    assert "licence" in dump.data_dictionary() and "change_seq" in dump.data_dictionary()


def test_applying_the_feed_to_yesterdays_dump_gives_todays_dump(published):
    other = make_statement(meeting=published.meeting, paragraphs=["To be removed later.", "Another."])
    draft = make_statement(paragraphs=["A draft, never public."], status=Statement.Status.DRAFT)
    header, yesterday = public_dump()

    # A day of work: a new statement with a new meeting, delegation and agenda item; a correction that
    # edits, splits, merges and removes paragraphs; a statement deleted; a draft published; a rename.
    meeting = make_meeting(title="Human Rights Council", session="55th session")
    added = make_statement(meeting=meeting, delegation=make_delegation("Chile"), paragraphs=["Chile speaks."])
    added.agenda_items.set([make_item(meeting, "3")])
    first, second = ORIGINAL[1].split(" gathering ")
    reimport(published, [ORIGINAL[0] + " Edited.", first + ".", "Gathering " + second, ORIGINAL[2] + " " + ORIGINAL[3]])
    other.delete()
    draft.status = Statement.Status.PUBLISHED
    draft.save()
    mexico = Delegation.objects.get(name="Mexico")
    mexico.name = "United Mexican States"
    mexico.slug = ""
    mexico.save()
    _header, today = public_dump()
    assert today != yesterday
    lines = list(changes.feed_lines(header["change_seq"]))

    wipe()
    dump.restore(json.dumps(row, cls=dump.DumpEncoder) for row in [header, *yesterday])
    assert public_dump()[1] == yesterday
    changes.apply(lines)
    assert public_dump()[1] == today


def test_the_feed_names_what_was_added_corrected_and_removed(published):
    other = make_statement(meeting=published.meeting, paragraphs=["Removed later."])
    since = changes.latest_seq()
    old_ids = list(published.paragraphs.order_by("position").values_list("public_id", flat=True))
    first, second = ORIGINAL[1].split(" gathering ")
    reimport(published, [ORIGINAL[0] + " Edited.", first + ".", "Gathering " + second, ORIGINAL[2] + " " + ORIGINAL[3]])
    added = make_statement(paragraphs=["Brand new."])
    other_id = other.pk
    other.delete()
    rows = feed(since)
    head = rows[0]
    assert head["type"] == "feed" and head["since_seq"] == since and head["until_seq"] == changes.latest_seq()
    statements = {row["id"]: row["action"] for row in rows if row["type"] == "statement"}
    assert statements == {published.pk: "corrected", added.pk: "added", other_id: "removed"}
    paragraphs = {row.get("public_id"): row["action"] for row in rows if row["type"] == "paragraph"}
    assert paragraphs[old_ids[0]] == "corrected" and paragraphs[old_ids[1]] == "corrected"
    new_id = published.paragraphs.get(position=3).public_id
    assert paragraphs[new_id] == "added"
    # The last two were merged: one identifier continues (edited), the other leads to it.
    survivor = published.paragraphs.get(position=4).public_id
    (merged,) = {old_ids[2], old_ids[3]} - {survivor}
    redirects = {(row["old"], row["new"], row["kind"]) for row in rows if row["type"] == "redirect"}
    assert redirects == {
        (old_ids[0], old_ids[0], "edited"),
        (old_ids[1], old_ids[1], "edited"),
        (old_ids[1], new_id, "split"),
        (survivor, survivor, "edited"),
        (merged, survivor, "merged"),
    }
    # Removals come last, children first.
    assert rows[-1]["type"] == "statement" and rows[-1]["action"] == "removed"


def test_a_feed_since_its_own_end_is_empty(published):
    until = feed(0)[0]["until_seq"]
    assert feed(until)[1:] == []


def test_drafts_stay_out_of_the_feed(published):
    since = changes.latest_seq()
    draft = make_statement(paragraphs=["Secret draft text."], status=Statement.Status.DRAFT)
    text = "\n".join(changes.feed_lines(since))
    assert "Secret draft text" not in text
    draft.delete()
    assert not [row for row in feed(since) if row.get("id") == draft.pk and row["type"] == "statement"]


def test_the_api_gives_the_feed_as_json_lines_since_a_number_or_a_date(client, published):
    response = client.get(reverse("archive:change-feed"), {"since_seq": 0})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/jsonl")
    rows = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert rows[0]["type"] == "feed" and any(row["type"] == "statement" for row in rows)
    by_date = client.get(reverse("archive:change-feed"), {"since": "2000-01-01"})
    assert b"".join(by_date.streaming_content).count(b"\n") == len(rows)


@pytest.mark.parametrize("params", [{"since": ""}, {"since_seq": ""}, {"since_seq": "-1"}, {"since_seq": "abc"}, {"since": "yesterday"}, {"since": "2026-13-45"}])
def test_a_bad_since_is_a_clear_400(client, params):
    response = client.get(reverse("archive:change-feed"), params)
    body = response.json()
    assert response.status_code == 400 and list(body) in (["since"], ["since_seq"])
    assert "since" in body[next(iter(body))][0]


def test_the_commands_write_and_apply_a_feed(published, tmp_path):
    header, yesterday = public_dump()
    reimport(published, [ORIGINAL[0] + " Edited.", *ORIGINAL[1:]])
    _header, today = public_dump()
    path = tmp_path / "changes.jsonl"
    call_command("changes", "--since-seq", str(header["change_seq"]), "--output", str(path))
    wipe()
    dump.restore(json.dumps(row, cls=dump.DumpEncoder) for row in [header, *yesterday])
    call_command("apply_changes", str(path))
    assert public_dump()[1] == today


def test_a_merge_of_delegations_reaches_a_copy(published):
    from django.db import transaction

    duplicate = make_delegation("Mexico (duplicate)")
    make_statement(meeting=published.meeting, delegation=duplicate, paragraphs=["Said by the duplicate."])
    header, yesterday = public_dump()
    with transaction.atomic():
        duplicate.merge_into(Delegation.objects.get(name="Mexico"))
    _header, today = public_dump()
    lines = list(changes.feed_lines(header["change_seq"]))
    wipe()
    dump.restore(json.dumps(row, cls=dump.DumpEncoder) for row in [header, *yesterday])
    changes.apply(lines)
    assert public_dump()[1] == today


def test_the_api_schema_bounds_since_as_the_feed_reads_it(client):
    """A request the published schema allows is one the feed answers: since is a date, since_seq 0 or more."""
    schema = client.get(reverse("archive:api-schema"), {"format": "json"}).json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/changes/"]["get"]["parameters"]}
    assert parameters["since"].get("format") == "date"
    assert parameters["since_seq"]["minimum"] == 0


def test_without_since_the_feed_starts_at_the_first_change(client, published):
    """Neither since nor since_seq (both optional in the schema): the whole log, as since_seq=0."""
    whole = b"".join(client.get(reverse("archive:change-feed")).streaming_content)
    from_zero = b"".join(client.get(reverse("archive:change-feed"), {"since_seq": 0}).streaming_content)
    assert whole.count(b"\n") == from_zero.count(b"\n") > 1
