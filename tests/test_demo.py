"""`load_demo`: the founding statement, structured exactly, and a labelled synthetic corpus; idempotent."""
import pytest
from django.core.management import call_command

from statements_site.archive.models import Body, Delegation, Meeting, Paragraph, Statement

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (Body, Meeting, Delegation, Statement, Paragraph)]


def test_demo_loads_the_founding_statement_exactly():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    statement = Statement.objects.get(is_synthetic=False)
    assert statement.delegation.name == "Palestine" and statement.delegation.iso_code == "PSE"
    assert statement.on_behalf_of.name == "Group of 77 and China" and statement.on_behalf_of.is_group
    assert (statement.speaker, statement.speaker_title) == ("Ms. Safa Shabat", "Permanent Mission of Palestine")
    meeting = statement.meeting
    assert (meeting.session, meeting.location) == ("sixth session", "Vienna")
    assert (meeting.date_start.isoformat(), meeting.date_end.isoformat()) == ("2020-07-27", "2020-07-29")
    assert [(i.number, i.title) for i in statement.agenda_items.order_by("position")] == [
        ("2", "International cooperation"), ("3", "Prevention")]
    assert statement.salutation == "Mr. Chairman, Excellencies and distinguished delegates,"
    assert statement.closing == "Thank you, Mr. Chairman."
    paragraphs = list(statement.paragraphs.all())
    assert [p.label for p in paragraphs] == [str(n) for n in range(1, 10)]
    assert paragraphs[5].text.startswith("The Group recognizes that international cooperation")
    assert "preserving and obtaining electronic evidence. The Group also emphasizes" in paragraphs[5].text
    assert statement.is_published


def test_demo_is_idempotent():
    call_command("load_demo", stdout=open("/dev/null", "w"))
    first = counts()
    ids = set(Paragraph.objects.values_list("public_id", flat=True))
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts() == first
    assert set(Paragraph.objects.values_list("public_id", flat=True)) == ids


def test_synthetic_demo_statements_are_labelled_wherever_they_show(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    synthetic = Statement.objects.filter(is_synthetic=True)
    assert 12 <= synthetic.count() <= 60
    assert all(body.is_synthetic for body in Body.objects.filter(meetings__statements__in=synthetic).distinct())
    statement = synthetic.first()
    assert "Synthetic demo statement" in client.get(statement.get_absolute_url()).content.decode()
    assert "Synthetic demo" in client.get(statement.meeting.body.get_absolute_url()).content.decode()
