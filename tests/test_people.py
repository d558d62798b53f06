"""Speakers as people: names matched with care at import, a person page, the speaker filter, merging."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from statements_site.archive import people
from statements_site.archive.importing.store import plan_import, save_import
from statements_site.archive.models import Statement
from statements_site.archive.people import Person, PersonRole

from .conftest import make_delegation, make_item, make_meeting, make_statement, parse_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("written, honorific, name", [
    ("Ms. Safa Shabat", "Ms.", "Safa Shabat"),
    ("Safa Shabat", "", "Safa Shabat"),
    ("SHABAT, Safa", "", "Safa Shabat"),
    ("Safa SHABAT", "", "Safa Shabat"),
    ("SHABAT Safa", "", "Safa Shabat"),
    ("H.E. Mr. Riyad Mansour", "H.E. Mr.", "Riyad Mansour"),
    ("Ambassador Anna Karin Eneström", "Ambassador", "Anna Karin Eneström"),
    ("Ms. S. Shabat (as delivered)", "Ms.", "S. Shabat"),
])
def test_a_name_as_written_is_read_as_honorific_and_name_given_names_first(written, honorific, name):
    read = people.read_name(written)
    assert (read.honorific, read.name) == (honorific, name)


def test_the_same_person_written_three_ways_is_one_person():
    person = Person.objects.create(name="Safa Shabat")
    for written in ["Ms. Safa Shabat", "Safa Shabat", "SHABAT, Safa", "Mrs Safa Shabát"]:
        assert people.match(written).person == person, written


def test_a_new_name_is_proposed_and_a_shortened_or_shared_one_is_never_guessed():
    safa = Person.objects.create(name="Safa Shabat")
    assert people.match("Mr. John Smith").is_new
    assert people.match("Ms. S. Shabat").candidates == (safa,)
    assert people.match("Ms. Shabat").candidates == (safa,)
    other = Person.objects.create(name="Safa Shabat")  # a namesake, entered by staff
    found = people.match("Safa Shabat")
    assert found.person is None and set(found.candidates) == {safa, other}


def import_with_speaker(speaker, texts=("We recall resolution 74/247.",), title="Statement by Palestine"):
    make_delegation("Palestine")
    meeting = make_meeting()
    plan = plan_import(parse_of(list(texts), speaker=speaker, delegation="Palestine", title=title), meeting_slug=meeting.slug)
    assert plan.ok, plan.errors
    return plan, save_import(plan, publish=True)[0]


def test_an_import_proposes_a_new_speaker_and_links_the_next_statement_written_otherwise(db):
    plan, first = import_with_speaker("Ms. Safa Shabat")
    assert "New person proposed for review: Safa Shabat." in plan.warnings
    person = first.person
    assert person.name == "Safa Shabat" and person.honorific == "Ms." and person.status == Person.Status.PROPOSED
    parse = parse_of(["Another text."], speaker="SHABAT, Safa", delegation="Palestine", title="Second statement")
    second, _ = save_import(plan_import(parse, meeting_slug=first.meeting.slug), publish=True)
    assert second.person == person
    assert list(person.names.values_list("name", flat=True)) == ["Ms. Safa Shabat", "SHABAT, Safa"]


def test_an_ambiguous_speaker_is_imported_unlinked_with_a_warning(db):
    Person.objects.create(name="Safa Shabat")
    Person.objects.create(name="Samir Shabat")
    plan, statement = import_with_speaker("Mr. S. Shabat")
    assert statement.person is None
    assert any("could be Safa Shabat (safa-shabat), Samir Shabat (samir-shabat)" in w for w in plan.warnings)
    assert Person.objects.count() == 2


def test_link_speakers_links_existing_statements_once_and_leaves_ambiguous_names(db):
    make_statement(speaker="Ms. Safa Shabat")
    make_statement(speaker="SHABAT, Safa", delegation=make_delegation("Brazil"))
    make_statement(speaker="Mr. J. Doe", delegation=make_delegation("Kenya"))
    Person.objects.create(name="John Doe")
    Person.objects.create(name="Jane Doe")
    call_command("link_speakers")
    safa = Person.objects.get(name="Safa Shabat")
    assert safa.statements.count() == 2 and safa.status == Person.Status.PROPOSED
    assert Statement.objects.get(speaker="Mr. J. Doe").person is None
    call_command("link_speakers")
    assert Person.objects.count() == 3 and safa.statements.count() == 2


def test_the_person_page_lists_their_statements_and_roles(client):
    person = Person.objects.create(name="Safa Shabat", honorific="Ms.", status=Person.Status.CONFIRMED)
    PersonRole.objects.create(
        person=person, title="Permanent Representative of Palestine to the UN in Vienna", start_year=2019, end_year=2022
    )
    meeting = make_meeting()
    make_statement(meeting=meeting, speaker="Ms. Safa Shabat", person=person, delegation=make_delegation("Palestine"))
    make_statement(meeting=meeting, speaker="Safa Shabat", person=person, status=Statement.Status.DRAFT)
    response = client.get(reverse("archive:person-detail", args=[person.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Permanent Representative of Palestine to the UN in Vienna, 2019–2022" in page
    assert "Palestine" in page and page.count('class="statement-row"') == 1  # the draft is not public


def test_a_person_only_drafts_name_is_not_public(client):
    person = Person.objects.create(name="Draft Speaker")
    make_statement(speaker="Draft Speaker", person=person, status=Statement.Status.DRAFT)
    assert client.get(reverse("archive:person-detail", args=[person.slug])).status_code == 404


def test_the_statement_page_links_the_speaker_to_their_page(client):
    person = Person.objects.create(name="Safa Shabat")
    statement = make_statement(speaker="Ms. Safa Shabat", person=person)
    page = client.get(statement.get_absolute_url()).content.decode()
    assert f'<a href="{person.get_absolute_url()}">Ms. Safa Shabat</a>' in page


def test_browse_filters_by_speaker_and_offers_the_speaker_facet(client):
    person = Person.objects.create(name="Safa Shabat")
    mine = make_statement(speaker="Safa Shabat", person=person, delegation=make_delegation("Palestine"))
    make_statement(speaker="Someone Else", delegation=make_delegation("Kenya"))
    response = client.get(reverse("archive:statement-list"), {"speaker": person.slug})
    assert [s.pk for s in response.context["page"].object_list] == [mine.pk]
    unfiltered = client.get(reverse("archive:statement-list"))
    speaker_facet = [f for f in unfiltered.context["facets"] if f.name == "speaker"][0]
    assert [(value, label, count) for value, label, count, *_ in speaker_facet.values] == [(person.slug, "Safa Shabat", 1)]


def test_merged_people_keep_their_statements_names_and_old_address(client, staff):
    safa = Person.objects.create(name="Safa Shabat", status=Person.Status.CONFIRMED)
    duplicate = Person.objects.create(name="S. Shabat")
    statement = make_statement(speaker="Ms. S. Shabat", person=duplicate)
    old_url = duplicate.get_absolute_url()
    response = client.post(
        reverse("admin:archive_person_changelist"),
        {"action": "merge_people", "_selected_action": [duplicate.pk, safa.pk]},
        follow=True,
    )
    assert "Merged S. Shabat into Safa Shabat" in response.content.decode()
    statement.refresh_from_db()
    assert statement.person == safa
    assert people.match("S. Shabat").person == safa
    redirect = client.get(old_url)
    assert redirect.status_code == 301 and redirect["Location"] == safa.get_absolute_url()


def test_the_person_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    person = Person.objects.create(name="Safa Shabat")
    PersonRole.objects.create(person=person, title="Permanent Representative", delegation=make_delegation("Palestine"))
    meeting = make_meeting()
    for n in range(15):
        statement = make_statement(meeting=meeting, speaker="Safa Shabat", person=person, delegation=make_delegation(f"State {n}"),
                                   paragraphs=[f"Paragraph {n} recalls resolution 74/247."])
        statement.agenda_items.add(make_item(meeting, str(n % 3 + 1)))
    with django_assert_max_num_queries(9):
        response = client.get(person.get_absolute_url())
    assert response.content.decode().count('class="statement-row"') == 15


def test_the_api_gives_the_speaker_as_a_person_and_filters_by_speaker(client):
    person = Person.objects.create(name="Safa Shabat")
    mine = make_statement(speaker="Ms. Safa Shabat", person=person, delegation=make_delegation("Palestine"))
    make_statement(speaker="Someone Else", delegation=make_delegation("Kenya"))
    data = client.get(reverse("archive:api:statement-list"), {"speaker": person.slug}).json()
    assert [s["id"] for s in data["results"]] == [mine.pk]
    assert data["results"][0]["person"] == {
        "slug": "safa-shabat", "name": "Safa Shabat", "html_url": "http://testserver/people/safa-shabat/"
    }


def test_statement_editors_review_people_in_the_admin(client, staff):
    person = Person.objects.create(name="Safa Shabat")
    make_statement(speaker="Ms. Safa Shabat", person=person)
    listing = client.get(reverse("admin:archive_person_changelist"), {"status__exact": "proposed"})
    assert listing.status_code == 200 and "Safa Shabat" in listing.content.decode()
    assert client.get(reverse("admin:archive_person_change", args=[person.pk])).status_code == 200
    client.post(reverse("admin:archive_person_changelist"), {"action": "confirm_people", "_selected_action": [person.pk]})
    person.refresh_from_db()
    assert person.status == Person.Status.CONFIRMED


def test_a_dump_restores_people_and_their_statements_links():
    from statements_site.archive import dump

    person = Person.objects.create(name="Safa Shabat", honorific="Ms.")
    person.add_variant("SHABAT, Safa")
    PersonRole.objects.create(person=person, title="Permanent Representative", delegation=make_delegation("Palestine"),
                              start_year=2019, end_year=2022)
    statement = make_statement(speaker="SHABAT, Safa", person=person)
    lines = list(dump.dump_lines())
    for model in reversed(list(dump.DUMP_TYPES.values())):
        model.objects.all().delete()
    dump.restore(lines)
    restored = Person.objects.get()
    assert (restored.pk, restored.slug, restored.honorific) == (person.pk, "safa-shabat", "Ms.")
    assert list(restored.names.values_list("name", flat=True)) == ["SHABAT, Safa"]
    assert str(restored.roles.get()) == "Permanent Representative, 2019–2022"
    assert Statement.objects.get(pk=statement.pk).person == restored
