"""Source links are web addresses (http or https) on every way into the database: the models (and so
the admin's forms) and import_archive; never javascript: or data:, which a reader's click would run."""
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from statements_site.archive.models import Body, Meeting

from .conftest import make_meeting, make_statement

pytestmark = pytest.mark.django_db

BAD = ["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
       "ftp://example.org/statement.pdf", "vbscript:msgbox(1)"]


@pytest.mark.parametrize("url", BAD)
def test_models_refuse_a_source_link_that_is_not_a_web_address(url):
    meeting = make_meeting(source_url=url)
    statement = make_statement(meeting=meeting, source_url=url)
    for record in (meeting, statement):
        with pytest.raises(ValidationError) as error:
            record.full_clean()
        assert "http:// or https://" in str(error.value.message_dict["source_url"])


def test_models_accept_http_and_https_links():
    meeting = make_meeting(source_url="https://undocs.org/E/CN.7/2023/1")
    statement = make_statement(meeting=meeting, source_url="http://example.org/statement.pdf")
    meeting.full_clean()
    statement.full_clean()


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    return client


def test_the_admin_refuses_a_javascript_source_link_and_saves_nothing(admin_client):
    meeting = make_meeting(source_url="https://example.org/")
    url = reverse("admin:archive_meeting_change", args=[meeting.pk])
    form = {"body": meeting.body.pk, "title": meeting.title, "session": meeting.session, "date_start": "2023-03-13",
            "date_end": "2023-03-17", "location": "", "symbol": "", "source_url": "javascript:alert(1)", "slug": meeting.slug}
    inline = {"agenda_items-TOTAL_FORMS": "0", "agenda_items-INITIAL_FORMS": "0"}
    response = admin_client.post(url, {**form, **inline})
    assert response.status_code == 200
    assert "http:// or https://" in response.content.decode() or "Enter a valid URL" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.source_url == "https://example.org/"


def dump_line(**fields):
    body = {"type": "body", "id": 1, "name": "X", "short_name": "", "organisation": "", "slug": "x",
            "description": "", "is_synthetic": False, "created": "2024-01-01T00:00:00Z"}
    meeting = {"type": "meeting", "id": 1, "body_id": 1, "title": "Session", "session": "", "date_start": "2024-01-01",
               "date_end": None, "year": 2024, "location": "", "slug": "x-2024", "symbol": "", "source_url": "https://example.org/",
               "created": "2024-01-01T00:00:00Z", **fields}
    return json.dumps(body) + "\n" + json.dumps(meeting) + "\n"


def test_import_archive_refuses_a_javascript_source_link_and_writes_nothing(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_text(dump_line(source_url="javascript:alert(1)"))
    with pytest.raises(CommandError, match=r"Line 2.*source_url.*http"):
        call_command("import_archive", str(path))
    assert not Body.objects.exists() and not Meeting.objects.exists()


def test_import_archive_keeps_a_web_source_link(tmp_path):
    path = tmp_path / "archive.jsonl"
    path.write_text(dump_line())
    call_command("import_archive", str(path))
    assert Meeting.objects.get().source_url == "https://example.org/"
