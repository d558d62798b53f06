"""Groups as data over time: memberships with dates, the states a group statement spoke for, the group
statements that covered a state, alignments read at import, and a meeting's list of speakers."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from statements_site.archive.importing.alignment import aligned_names
from statements_site.archive.models import Alignment, GroupMembership, ListedSpeaker, Statement

from .conftest import make_delegation, make_group, make_meeting, make_statement, parse_of

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def g77():
    """G77 with Brazil (since 2018), Chile (member 2018 to 2022) and Egypt (no dates recorded)."""
    group = make_group()
    brazil, chile, egypt = (make_delegation(name) for name in ("Brazil", "Chile", "Egypt"))
    GroupMembership.objects.create(group=group, member=brazil, joined=D(2018, 1, 1))
    GroupMembership.objects.create(group=group, member=chile, joined=D(2018, 1, 1), left=D(2022, 1, 1))
    group.members.add(egypt)
    return group


def group_statement(group, year):
    meeting = make_meeting(title=f"Session {year}", date_start=D(year, 5, 2), date_end=D(year, 5, 6))
    return make_statement(meeting, make_delegation("Palestine"), ["The Group speaks."], on_behalf_of=group)


def test_a_group_statement_page_lists_the_states_it_spoke_for_on_that_day(client, g77):
    html_2021 = client.get(group_statement(g77, 2021).get_absolute_url()).content.decode()
    html_2023 = client.get(group_statement(g77, 2023).get_absolute_url()).content.decode()
    assert "3 members on that day" in html_2021 and ">Chile<" in html_2021
    assert "2 members on that day" in html_2023 and ">Chile<" not in html_2023
    assert ">Brazil<" in html_2023 and ">Egypt<" in html_2023


def test_a_state_page_lists_the_group_statements_that_covered_it(client, g77):
    early, late = group_statement(g77, 2021), group_statement(g77, 2023)
    chile = client.get(reverse("archive:delegation-detail", args=["chile"])).content.decode()
    assert "1 group statement spoke for it" in chile
    assert early.get_absolute_url() in chile and late.get_absolute_url() not in chile
    brazil = client.get(reverse("archive:delegation-detail", args=["brazil"])).content.decode()
    # Days as the archive writes them everywhere ("1 January 2018"), a statement's as its own pages do.
    assert "2 group statements spoke for it" in brazil and "from 1 January 2018" in brazil
    assert f'{early.meeting.name}, {early.date_display}</span>' in brazil
    egypt = client.get(reverse("archive:delegation-detail", args=["egypt"])).content.decode()  # a member without dates
    assert "2 group statements spoke for it" in egypt


def test_a_membership_cannot_end_before_it_began(g77):
    membership = GroupMembership(group=g77, member=make_delegation("Peru"), joined=D(2020, 1, 1), left=D(2019, 1, 1))
    with pytest.raises(ValidationError):
        membership.full_clean()


@pytest.mark.parametrize("text, names", [
    ("We align ourselves with the statement delivered on behalf of the Group of 77 and China and add the following.",
     "Group of 77 and China"),
    ("Mexico aligns itself with the statement made by the representative of Guatemala on behalf of the Group of Friends.",
     "Group of Friends"),
    ("My delegation associates itself fully with the statement of the European Union, and adds a few points.",
     "European Union"),
    ("Sweden aligns itself with the statements delivered by the EU.", "EU"),
])
def test_alignments_are_read_from_how_delegations_write_them(text, names):
    assert names in aligned_names(text)[0][0]


def test_an_imported_alignment_is_recorded_with_the_statement_it_aligns_with(client, g77):
    from statements_site.archive.importing.store import plan_import, save_import

    group = group_statement(g77, 2021)
    make_delegation("Mexico")
    texts = ["Mexico aligns itself with the statement delivered on behalf of the G-77 and China and adds the following.",
             "Data flows matter."]
    statement, _ = save_import(plan_import(parse_of(texts), meeting_slug=group.meeting.slug), publish=True)
    alignment = Alignment.objects.get(statement=statement)
    assert (alignment.aligned_with, alignment.aligned_statement) == (g77, group)
    assert "aligns itself" in alignment.sentence
    # Shown on both statements' pages.
    assert statement.get_absolute_url() in client.get(group.get_absolute_url()).content.decode()
    assert group.get_absolute_url() in client.get(statement.get_absolute_url()).content.decode()
    # And on the page of the state that aligned itself.
    mexico = client.get(reverse("archive:delegation-detail", args=["mexico"])).content.decode()
    assert "Alignments" in mexico and group.get_absolute_url() in mexico
    # Re-importing a corrected text without the sentence removes it.
    plan = plan_import(parse_of(["Data flows matter.", "Nothing else."]), meeting_slug=group.meeting.slug)
    plan.existing = statement
    save_import(plan, publish=True, reason="Corrected")
    assert not Alignment.objects.filter(statement=statement).exists()


def test_an_alignment_with_a_name_the_archive_does_not_know_is_not_recorded(g77):
    from statements_site.archive.importing.store import plan_import, save_import

    meeting = make_meeting()
    make_delegation("Mexico")
    texts = ["Mexico aligns itself with the statement delivered by the Group of Imaginary States.", "More."]
    statement, _ = save_import(plan_import(parse_of(texts), meeting_slug=meeting.slug), publish=True)
    assert not Alignment.objects.filter(statement=statement).exists()


def test_alignments_are_listed_filterable_and_downloadable(client, g77):
    group = group_statement(g77, 2021)
    for name in ("Mexico", "Peru"):
        statement = make_statement(group.meeting, make_delegation(name), ["We align."])
        Alignment.objects.create(statement=statement, aligned_with=g77, aligned_statement=group, sentence="We align.")
    draft = make_statement(group.meeting, make_delegation("Chad"), ["We align."], status=Statement.Status.DRAFT)
    Alignment.objects.create(statement=draft, aligned_with=g77, sentence="We align.")
    rows = client.get(reverse("archive:research-alignments-download", args=["json"])).json()["rows"]
    assert sorted(row["delegation"] for row in rows) == ["Mexico", "Peru"]  # not the draft
    rows = client.get(reverse("archive:research-alignments-download", args=["json"]), {"delegation": "peru"}).json()["rows"]
    assert [(row["delegation"], row["aligned_with"]) for row in rows] == [("Peru", "Group of 77 and China")]
    api = client.get(reverse("archive:api-research-alignments"), {"delegation": "peru"}).json()["rows"]
    assert api == rows
    html = client.get(reverse("archive:research-alignments"), {"aligned_with": g77.slug}).content.decode()
    assert "2 alignments" in html and "Chad" not in html


def test_a_meeting_page_tells_silence_from_a_missing_text(client):
    meeting = make_meeting()
    sweden, chile, peru, iran = (make_delegation(name) for name in ("Sweden", "Chile", "Peru", "Iran"))
    make_statement(meeting, sweden, ["Sweden speaks."])
    make_statement(meeting, iran, ["Iran speaks off the list."])
    ListedSpeaker.objects.create(meeting=meeting, delegation=sweden, position=1)
    ListedSpeaker.objects.create(meeting=meeting, delegation=chile, position=2)
    ListedSpeaker.objects.create(meeting=meeting, delegation=peru, position=3, spoke=False)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "List of speakers and the texts held" in html
    chile_row = html[html.index(">Chile<"):][:400]
    peru_row = html[html.index(">Peru<"):][:400]
    assert "not held" in chile_row and "did not speak" in peru_row
    assert "Texts held of delegations not on the list" in html and ">Iran<" in html


def test_alignments_of_statements_already_in_the_archive_are_read_by_a_command(g77):
    from django.core.management import call_command

    group = group_statement(g77, 2021)
    statement = make_statement(group.meeting, make_delegation("Peru"),
                               ["Peru aligns itself with the statement delivered on behalf of the Group of 77 and China."])
    call_command("read_alignments", stdout=open("/dev/null", "w"))
    assert Alignment.objects.get(statement=statement).aligned_statement == group


def test_the_api_gives_memberships_with_their_dates_on_the_group_and_on_the_state(client, g77):
    statement = group_statement(g77, 2021)
    for name in ("Brazil", "Chile"):
        make_statement(statement.meeting, make_delegation(name), [f"{name} speaks."])
    narnia = make_delegation("Narnia")  # only a draft names it: not public
    make_statement(statement.meeting, narnia, ["Draft."], status=Statement.Status.DRAFT)
    GroupMembership.objects.create(group=g77, member=narnia, joined=D(2019, 1, 1))
    group = client.get(reverse("archive:api:delegation-detail", args=[g77.pk])).json()
    assert group["memberships"] == [
        {"group": "group-of-77-and-china", "member": "brazil", "joined": "2018-01-01", "left": None, "note": ""},
        {"group": "group-of-77-and-china", "member": "chile", "joined": "2018-01-01", "left": "2022-01-01", "note": ""},
    ]
    chile = client.get(reverse("archive:api:delegation-detail", args=[make_delegation("Chile").pk])).json()
    assert chile["memberships"] == [group["memberships"][1]]


def test_the_delegation_list_in_the_api_reads_memberships_in_a_fixed_number_of_queries(client, g77, django_assert_max_num_queries):
    statement = group_statement(g77, 2021)
    for name in ("Brazil", "Chile", "Egypt"):
        make_statement(statement.meeting, make_delegation(name), [f"{name} speaks."])
    with django_assert_max_num_queries(8):
        rows = client.get(reverse("archive:api:delegation-list")).json()["results"]
    assert sum(len(row["memberships"]) for row in rows) == 4  # Brazil's and Chile's, on the group and on each state
