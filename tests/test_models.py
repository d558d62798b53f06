"""Validation rules staff meet when they create records: each refused with a clear message."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from statements_site.archive.models import AgendaItem, Delegation, DelegationAlias, Statement, name_key

from .conftest import make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db


def test_date_outside_the_meeting_is_refused_with_the_meeting_dates():
    statement = Statement(meeting=make_meeting(), delegation=make_delegation(), date=datetime.date(2023, 4, 1))
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "outside the meeting's dates (13–17 March 2023)" in error.value.message_dict["date"][0]


def test_date_within_the_meeting_is_accepted():
    statement = Statement(meeting=make_meeting(), delegation=make_delegation(), date=datetime.date(2023, 3, 17))
    statement.full_clean()


def test_statement_on_behalf_of_a_state_is_refused():
    state = make_delegation("Canada")
    statement = Statement(meeting=make_meeting(), delegation=make_delegation(), on_behalf_of=state)
    with pytest.raises(ValidationError) as error:
        statement.full_clean()
    assert "Canada is a state, not a group" in error.value.message_dict["on_behalf_of"][0]


def test_statement_on_behalf_of_a_group_is_accepted():
    group = make_delegation("European Union", kind=Delegation.Kind.GROUP)
    Statement(meeting=make_meeting(), delegation=make_delegation(), on_behalf_of=group).full_clean()


def test_duplicate_agenda_number_in_one_meeting_is_refused():
    meeting = make_meeting()
    AgendaItem.objects.create(meeting=meeting, number="2", title="International cooperation")
    with pytest.raises(ValidationError) as error:
        AgendaItem(meeting=meeting, number="2", title="Prevention").full_clean()
    assert "already has an agenda item with this number" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(meeting=meeting, number="2", title="Prevention")


def test_same_agenda_number_in_two_meetings_is_fine():
    AgendaItem.objects.create(meeting=make_meeting(), number="2", title="A")
    AgendaItem.objects.create(meeting=make_meeting(session="67th session"), number="2", title="B")


def test_agenda_item_from_another_meeting_is_reported():
    meeting, other = make_meeting(), make_meeting(session="67th session")
    foreign = AgendaItem.objects.create(meeting=other, number="5", title="Other business")
    statement = make_statement(meeting=meeting)
    errors = statement.agenda_item_errors([foreign])
    assert len(errors) == 1 and "belongs to another meeting" in errors[0]


def test_meeting_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(date_start=datetime.date(2023, 3, 17), date_end=datetime.date(2023, 3, 13))


def test_iso_code_is_only_for_states():
    with pytest.raises(ValidationError) as error:
        Delegation(name="African Group", kind=Delegation.Kind.GROUP, iso_code="AFG").full_clean()
    assert "Only a state has an ISO 3166 code" in str(error.value)


def test_alternate_names_resolve_to_one_delegation():
    group = make_delegation("Group of 77 and China", kind=Delegation.Kind.GROUP)
    for alias in ["G-77 and China", "G77", "Groupe des 77 et la Chine"]:
        DelegationAlias.objects.create(delegation=group, name=alias)
    for spelling in ["group of 77 & China", "The Group of 77 and China", "G-77 AND CHINA", "g77", "Groupe des 77 et la Chine"]:
        assert list(Delegation.objects.matching(spelling)) == [group], spelling


def test_name_key_ignores_case_accents_punctuation_and_a_leading_article():
    assert name_key("The Côte d’Ivoire") == name_key("cote d ivoire")
    assert name_key("") == ""


def test_alias_that_is_another_delegations_name_is_refused():
    make_delegation("Sweden")
    finland = make_delegation("Finland")
    with pytest.raises(ValidationError) as error:
        DelegationAlias(delegation=finland, name="sweden").full_clean()
    assert "is the name of another delegation, Sweden" in str(error.value)


def test_paragraph_ids_are_minted_once_and_differ():
    statement = make_statement(paragraphs=["One.", "Two.", "Three."])
    ids = list(statement.paragraphs.values_list("public_id", flat=True))
    assert len(set(ids)) == 3 and all(len(i) == 10 for i in ids)
    paragraph = statement.paragraphs.get(position=2)
    paragraph.text, paragraph.position = "Two, corrected.", 5
    paragraph.save()
    paragraph.refresh_from_db()
    assert paragraph.public_id == ids[1]


def test_statement_year_follows_its_date_or_its_meeting():
    meeting = make_meeting(date_start=datetime.date(2019, 12, 30), date_end=datetime.date(2020, 1, 2))
    assert make_statement(meeting=meeting).year == 2019
    assert make_statement(meeting=meeting, date=datetime.date(2020, 1, 2)).year == 2020
