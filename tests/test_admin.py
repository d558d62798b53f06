"""A staff member in the Statement editors group does the whole job in the admin, without superuser rights."""
import pytest
from django.urls import reverse

from statements_site.archive.models import AgendaItem, Delegation, Meeting, Paragraph, Statement

from .conftest import make_body, make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db

MODELS = ["body", "meeting", "agendaitem", "delegation", "statement"]


@pytest.fixture
def some_of_everything(db):
    statement = make_statement(
        meeting=make_meeting(), delegation=make_delegation(),
        on_behalf_of=make_delegation("European Union", kind="group"),
    )
    statement.agenda_items.add(AgendaItem.objects.create(meeting=statement.meeting, number="3", title="General debate"))
    return statement


@pytest.mark.parametrize("model", MODELS)
def test_every_admin_list_and_form_renders_for_an_editor(client, staff, some_of_everything, model):
    changelist = client.get(reverse(f"admin:archive_{model}_changelist"))
    assert changelist.status_code == 200
    assert client.get(reverse(f"admin:archive_{model}_add")).status_code == 200
    obj = {"body": lambda s: s.meeting.body, "meeting": lambda s: s.meeting, "agendaitem": lambda s: s.agenda_items.get(),
           "delegation": lambda s: s.delegation, "statement": lambda s: s}[model](some_of_everything)
    change = client.get(reverse(f"admin:archive_{model}_change", args=[obj.pk]))
    assert change.status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, some_of_everything, model):
    response = client.get(reverse(f"admin:archive_{model}_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_statement_list_shows_the_columns_staff_need(client, staff, some_of_everything):
    page = client.get(reverse("admin:archive_statement_changelist")).content.decode()
    for text in ["Sweden", "European Union", "Commission on Narcotic Drugs", ">3<", "English", ">2<", "Published"]:
        assert text in page


def test_editor_cannot_delete_statements_but_can_unpublish_them(client, staff, some_of_everything):
    statement = some_of_everything
    assert client.get(reverse("admin:archive_statement_delete", args=[statement.pk])).status_code == 403
    response = client.post(
        reverse("admin:archive_statement_changelist"),
        {"action": "unpublish", "_selected_action": [statement.pk]},
        follow=True,
    )
    assert "Moved 1 statement back to draft." in response.content.decode()
    statement.refresh_from_db()
    assert statement.status == Statement.Status.DRAFT


def inline_management(prefix, total, initial=0):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def test_editor_creates_meeting_with_agenda_delegation_and_statement_with_paragraphs(client, staff):
    body = make_body("Expert Group on Cybercrime", short_name="Cybercrime EGM")
    response = client.post(reverse("admin:archive_meeting_add"), {
        "body": body.pk, "title": "Expert Group Meeting on Cybercrime", "session": "sixth session",
        "date_start": "2020-07-27", "date_end": "2020-07-29", "location": "Vienna", "symbol": "", "source_url": "",
        "slug": "cybercrime-egm-6",
        **inline_management("agenda_items", 2),
        "agenda_items-0-position": "1", "agenda_items-0-number": "2", "agenda_items-0-title": "International cooperation",
        "agenda_items-1-position": "2", "agenda_items-1-number": "3", "agenda_items-1-title": "Prevention",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(slug="cybercrime-egm-6")
    assert [i.number for i in meeting.agenda_items.all()] == ["2", "3"]

    response = client.post(reverse("admin:archive_delegation_add"), {
        "name": "Group of 77 and China", "kind": "group", "iso_code": "", "slug": "g77",
        **inline_management("aliases", 1), "aliases-0-name": "G-77 and China",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    group = Delegation.objects.get(slug="g77")
    palestine = make_delegation("Palestine", iso_code="PSE")

    response = client.post(reverse("admin:archive_statement_add"), {
        "status": "published", "meeting": meeting.pk, "delegation": palestine.pk, "on_behalf_of": group.pk,
        "agenda_items": [i.pk for i in meeting.agenda_items.all()], "date": "", "position": "1",
        "speaker": "Ms. Safa Shabat", "speaker_title": "Permanent Mission of Palestine", "title": "",
        "language": "en", "kind": "item", "version": "prepared", "salutation": "Mr. Chairman,",
        "closing": "Thank you, Mr. Chairman.", "source_url": "", "source_symbol": "",
        **inline_management("paragraphs", 2), **inline_management("revisions", 0),
        "paragraphs-0-position": "1", "paragraphs-0-label": "1", "paragraphs-0-text": "It's my pleasure to speak.",
        "paragraphs-1-position": "2", "paragraphs-1-label": "2", "paragraphs-1-text": "The Group reiterates.",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    statement = Statement.objects.get()
    assert statement.created_by == staff
    assert statement.on_behalf_of == group and statement.agenda_items.count() == 2
    assert list(statement.paragraphs.values_list("label", flat=True)) == ["1", "2"]


def test_admin_refuses_agenda_item_of_another_meeting_with_a_clear_message(client, staff):
    meeting, other = make_meeting(), make_meeting(session="67th session")
    foreign = AgendaItem.objects.create(meeting=other, number="9", title="Other matters")
    response = client.post(reverse("admin:archive_statement_add"), {
        "status": "draft", "meeting": meeting.pk, "delegation": make_delegation().pk, "agenda_items": [foreign.pk],
        "position": "0", "language": "en", "kind": "item", "version": "prepared",
        **inline_management("paragraphs", 0), **inline_management("revisions", 0),
    })
    assert response.status_code == 200
    assert "These agenda items belong to another meeting" in response.content.decode()
    assert not Statement.objects.exists()


def test_admin_refuses_group_statement_for_a_non_group_with_a_clear_message(client, staff):
    response = client.post(reverse("admin:archive_statement_add"), {
        "status": "draft", "meeting": make_meeting().pk, "delegation": make_delegation().pk,
        "on_behalf_of": make_delegation("Canada").pk, "position": "0", "language": "en", "kind": "item",
        "version": "prepared", **inline_management("paragraphs", 0), **inline_management("revisions", 0),
    })
    assert "Canada is a state, not a group" in response.content.decode()
    assert not Statement.objects.exists()


def test_the_statement_form_sends_its_edit_token_without_a_label_for_it(client, staff, some_of_everything):
    page = client.get(reverse("admin:archive_statement_change", args=[some_of_everything.pk])).content.decode()
    assert '<input type="hidden" name="edit_token"' in page
    assert 'for="id_edit_token"' not in page and "Edit token" not in page


def test_public_statement_page_shows_an_edit_link_to_staff_only(client, staff, some_of_everything):
    url = some_of_everything.get_absolute_url()
    edit = reverse("admin:archive_statement_change", args=[some_of_everything.pk])
    assert edit in client.get(url).content.decode()
    client.logout()
    assert edit not in client.get(url).content.decode()


def test_paragraphs_are_inline_in_order_with_their_permanent_ids(client, staff, some_of_everything):
    page = client.get(reverse("admin:archive_statement_change", args=[some_of_everything.pk])).content.decode()
    first, second = Paragraph.objects.filter(statement=some_of_everything).order_by("position")
    assert page.index(first.public_id) < page.index(second.public_id)


def test_two_editors_saving_the_same_statement_do_not_silently_overwrite(client, staff, some_of_everything):
    statement = some_of_everything
    url = reverse("admin:archive_statement_change", args=[statement.pk])
    form = client.get(url).context["adminform"].form
    token = form["edit_token"].initial
    data = {
        "edit_token": token, "change_reason": "Typo", "status": "published", "meeting": statement.meeting_id,
        "delegation": statement.delegation_id, "on_behalf_of": statement.on_behalf_of_id, "position": "0",
        "language": "en", "kind": "general", "version": "prepared", "speaker": "First editor's fix",
        **inline_management("paragraphs", 0), **inline_management("revisions", 0),
    }
    first = client.post(url, data)
    assert first.status_code == 302
    second = client.post(url, {**data, "speaker": "Second editor's fix"})
    assert second.status_code == 200
    assert "Someone else saved this statement" in second.content.decode()
    statement.refresh_from_db()
    assert statement.speaker == "First editor's fix"


@pytest.mark.parametrize("model", ["problemreport", "statementrevision"])
def test_correction_records_are_readable_by_editors_but_not_writable(client, staff, some_of_everything, model):
    from django.urls import NoReverseMatch

    try:
        url = reverse(f"admin:archive_{model}_changelist")
    except NoReverseMatch:  # versions show inline on the statement only
        from statements_site.archive.revisions import record_revision

        record_revision(some_of_everything, reason="As first loaded")
        page = client.get(reverse("admin:archive_statement_change", args=[some_of_everything.pk]))
        assert "Versions (read-only" in page.content.decode()
        return
    assert client.get(url).status_code == 200
    assert client.get(reverse(f"admin:archive_{model}_add")).status_code == 403
