"""Corrections keep every paragraph identifier resolvable: edits, insertions, splits, merges,
deletions, reorders and re-imports; versions are kept with who, when and why."""
import pytest
from django.urls import reverse

from statements_site.archive.importing.store import plan_import, save_import
from statements_site.archive.models import Delegation, RetiredParagraph, SlugHistory
from statements_site.archive.revisions import resolve

from .conftest import ORIGINAL, ids, make_delegation, parse_of, reimport

pytestmark = pytest.mark.django_db

def resolved_text(public_id):
    paragraph, _ = resolve(public_id)
    return paragraph.text if paragraph else None


def test_an_edited_paragraph_keeps_its_identifier_and_is_marked_changed(published):
    before = ids(published)
    texts = ORIGINAL.copy()
    texts[1] = texts[1].replace("electronic evidence", "electronic evidence and data")
    statement, outcome = reimport(published, texts)
    assert outcome == "updated" and ids(statement) == before
    edited = statement.paragraphs.get(public_id=before[1])
    assert edited.text_changed is not None
    assert statement.paragraphs.get(public_id=before[0]).text_changed is None


def test_inserting_a_paragraph_before_keeps_every_old_identifier(published):
    before = ids(published)
    statement, _ = reimport(published, ["A new opening paragraph about the agenda of the meeting."] + ORIGINAL)
    after = ids(statement)
    assert after[1:] == before and after[0] not in before


def test_a_split_paragraph_keeps_its_identifier_on_the_first_part(published):
    before = ids(published)
    first, second = ORIGINAL[1].split(" gathering ")
    statement, _ = reimport(published, [ORIGINAL[0], first + ".", "Gathering " + second] + ORIGINAL[2:])
    after = ids(statement)
    assert after[0] == before[0] and after[1] == before[1] and after[2] not in before
    assert after[3:] == before[2:]


def test_a_merged_paragraph_resolves_to_the_paragraph_it_became(published):
    before = ids(published)
    merged = ORIGINAL[1] + " " + ORIGINAL[2]
    statement, _ = reimport(published, [ORIGINAL[0], merged, ORIGINAL[3]])
    assert ids(statement) == [before[0], before[1], before[3]]
    retired = RetiredParagraph.objects.get(public_id=before[2])
    assert retired.fate == RetiredParagraph.Fate.MERGED and retired.successor_id == before[1]
    assert resolved_text(before[2]) == merged


def test_a_deleted_paragraph_still_resolves_to_a_notice(published):
    before = ids(published)
    statement, _ = reimport(published, ORIGINAL[:2] + ORIGINAL[3:])
    paragraph, trail = resolve(before[2])
    assert paragraph is None and trail[0].fate == RetiredParagraph.Fate.REMOVED
    assert trail[0].text == ORIGINAL[2] and trail[0].statement == statement and trail[0].reason == "Corrected text"


def test_reordered_paragraphs_keep_their_identifiers(published):
    before = ids(published)
    statement, _ = reimport(published, [ORIGINAL[2], ORIGINAL[0], ORIGINAL[1], ORIGINAL[3]])
    assert ids(statement) == [before[2], before[0], before[1], before[3]]


def test_each_correction_keeps_a_version_with_who_when_and_why(published):
    reimport(published, ORIGINAL[:3])
    versions = list(published.revisions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].reason.startswith("Imported from") and versions[1].reason == "Corrected text"
    assert len(versions[0].snapshot["paragraphs"]) == 4 and len(versions[1].snapshot["paragraphs"]) == 3


def test_a_chain_of_merges_is_followed(published):
    long = " ".join(ORIGINAL[0].split() * 3)
    short_b, short_c = "Short paragraph bee about evidence here.", "Short paragraph sea about prevention here."
    statement, _ = reimport(published, [long, short_b, short_c])
    first = ids(statement)
    statement, _ = reimport(statement, [long, short_b + " " + short_c])  # C merged into B
    statement, _ = reimport(statement, [long + " " + short_b + " " + short_c])  # B merged into A
    paragraph, trail = resolve(first[2])
    assert paragraph.public_id == first[0] and [r.public_id for r in trail] == [first[2], first[1]]


def test_renamed_meeting_slug_is_remembered(published):
    meeting = published.meeting
    old = meeting.slug
    meeting.slug = "cnd-66"
    meeting.save()
    assert SlugHistory.current(type(meeting), SlugHistory.Kind.MEETING, old) == meeting


def test_merging_delegations_moves_statements_names_and_addresses(published):
    mexico = published.delegation
    duplicate = make_delegation("Mexique")
    other = save_import(plan_import(parse_of(["Une déclaration du Mexique sur le point trois."], delegation="Mexique",
                                               title="Déclaration"), meeting_slug=published.meeting.slug))[0]
    old_slug = duplicate.slug
    duplicate.merge_into(mexico)
    other.refresh_from_db()
    assert other.delegation == mexico
    assert list(Delegation.objects.matching("Mexique")) == [mexico]
    assert SlugHistory.current(Delegation, SlugHistory.Kind.DELEGATION, old_slug) == mexico


def inline(prefix, rows, initial):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def admin_post(client, statement, paragraphs, reason=""):
    rows = [{"id": p.pk, "statement": statement.pk, "position": p.position, "label": p.label, "text": p.text}
            for p in statement.paragraphs.order_by("position")]
    for row, change in zip(rows, paragraphs):
        row.update(change)
    return client.post(reverse("admin:archive_statement_change", args=[statement.pk]), {
        "change_reason": reason, "status": statement.status, "meeting": statement.meeting_id,
        "delegation": statement.delegation_id, "position": statement.position, "language": statement.language,
        "kind": statement.kind, "version": statement.version, "title": statement.title,
        "salutation": statement.salutation, "closing": statement.closing,
        **inline("paragraphs", rows, len(rows)), **inline("revisions", [], 0),
    })


def test_admin_correction_of_a_public_statement_needs_a_reason(client, staff, published):
    response = admin_post(client, published, [{}, {"text": "A corrected second paragraph about evidence."}])
    assert response.status_code == 200
    assert "give a short reason for the correction" in response.content.decode()
    assert published.paragraphs.get(position=2).text == ORIGINAL[1]


def test_admin_correction_keeps_identifiers_and_records_a_version(client, staff, published):
    before = ids(published)
    response = admin_post(client, published, [{}, {"text": ORIGINAL[1] + " Corrected."}, {"DELETE": "on"}],
                          reason="Typo in paragraph 2")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ids(published) == [before[0], before[1], before[3]]
    assert RetiredParagraph.objects.filter(public_id=before[2]).exists()
    latest = published.revisions.order_by("-number").first()
    assert latest.reason == "Typo in paragraph 2" and latest.created_by == staff
