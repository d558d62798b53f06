"""“Said similarly”: a paragraph's rarest words, looked for elsewhere, ranked by the index."""
import datetime

import pytest
from django.urls import reverse

from statements_site.archive import similar
from statements_site.archive.models import Statement

from .conftest import make_body, make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db

FILLER = ["The delegation thanks the Chair for the meeting.", "We support the work of the committee."]


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    similar.forget_vocabulary()
    yield
    similar.forget_vocabulary()


@pytest.fixture
def archive():
    body = make_body("Ad Hoc Committee on Cybercrime", "AHC")
    first = make_meeting(body, "Ad Hoc Committee", "first session", date_start=datetime.date(2022, 2, 28), date_end=None)
    second = make_meeting(body, "Ad Hoc Committee", "second session", date_start=datetime.date(2022, 6, 1), date_end=None)
    sweden, chile, india = (make_delegation(name) for name in ("Sweden", "Chile", "India"))
    source = make_statement(first, sweden, ["Safeguards for electronic evidence and data retention must be proportionate.", *FILLER])
    make_statement(second, chile, ["Data retention and electronic evidence need proportionate safeguards.", *FILLER])
    make_statement(first, india, ["Proportionate safeguards apply to electronic evidence.", *FILLER])
    make_statement(first, sweden, ["Again: electronic evidence, data retention, proportionate safeguards.", *FILLER], position=2)
    make_statement(second, sweden, ["Sweden repeats: data retention safeguards, proportionate, electronic evidence."])
    make_statement(second, india, ["A draft on data retention safeguards, proportionate electronic evidence."],
                   status=Statement.Status.DRAFT)
    make_statement(second, chile, ["Tourism and fisheries.", *FILLER])
    return source.paragraphs.get(position=1)


def test_said_similarly_ranks_other_delegations_and_sessions_sharing_the_rarest_words(client, archive):
    rows = client.get(reverse("archive:paragraph-similar-download", args=[archive.public_id, "json"])).json()["rows"]
    said_by = [(row["attribution"], row["meeting"]) for row in rows]
    # The same delegation at the same session is left out; at another session it counts.
    assert ("Sweden", "Ad Hoc Committee, first session") not in said_by
    assert ("Sweden", "Ad Hoc Committee, second session") in said_by
    assert {"Chile", "India"} <= {who for who, _meeting in said_by}
    assert not any("draft" in row["text"] for row in rows) and not any("Tourism" in row["text"] for row in rows)
    chile = next(row for row in rows if row["attribution"] == "Chile")
    assert {"retention", "proportionate", "safeguards"} <= set(chile["shared_words"])


def test_said_similarly_page_marks_what_they_share_and_is_linked_from_the_permalink(client, archive):
    html = client.get(reverse("archive:paragraph-similar", args=[archive.public_id])).content.decode()
    assert "<mark>retention</mark>" in html and "Tourism" not in html
    permalink = client.get(archive.get_absolute_url()).content.decode()
    assert reverse("archive:paragraph-similar", args=[archive.public_id]) in permalink


def test_said_similarly_of_an_unknown_or_draft_paragraph_is_a_404(client, archive):
    assert client.get(reverse("archive:paragraph-similar", args=["nosuchpara"])).status_code == 404
    draft = Statement.objects.get(status=Statement.Status.DRAFT).paragraphs.get()
    assert client.get(reverse("archive:paragraph-similar", args=[draft.public_id])).status_code == 404


def test_said_similarly_looks_for_the_paragraphs_own_index_words_not_their_stems_again(client, db):
    # "workers" is indexed as "worker"; stemmed again in another language that is "work", which this
    # paragraph does not use: a paragraph saying only "work" shares nothing with it.
    meeting = make_meeting(make_body("Human Rights Council", "HRC"), "Human Rights Council", "50th session")
    source = make_statement(meeting, make_delegation("Sweden"), ["Migrant workers deserve protection."])
    make_statement(meeting, make_delegation("Chile"), ["Migrant workers need protection too."])
    make_statement(meeting, make_delegation("India"), ["Our work continues: work, work and more work."])
    paragraph = source.paragraphs.get()
    rows = client.get(reverse("archive:paragraph-similar-download", args=[paragraph.public_id, "json"])).json()["rows"]
    assert [row["attribution"] for row in rows] == ["Chile"]
