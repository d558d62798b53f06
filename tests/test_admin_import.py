"""The staff import page: paste or upload, check and correct the preview, save in one step."""
import html
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from statements_site.archive.models import Delegation, Meeting, Statement

FOUNDING = Path(__file__).resolve().parent.parent / "statements_site" / "archive" / "demo" / "seed-g77-cybercrime-egm-2020.txt"
URL = reverse("admin:archive_statement_import")

pytestmark = pytest.mark.django_db


def read(client, **data):
    return client.post(URL, {"step": "read", "text": "", "delegation": "", **data})


def preview_data(response, **changes):
    """What the staff member submits from the preview: the form as shown, with their corrections."""
    form = response.context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update({"step": "save", **changes})
    return {key: value for key, value in data.items() if value is not False}


def test_import_page_is_linked_from_the_statement_list_and_refuses_anonymous(client, staff):
    assert URL in client.get(reverse("admin:archive_statement_changelist")).content.decode()
    assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 302


def test_uploading_the_founding_statement_previews_what_was_read(client, staff):
    upload = SimpleUploadedFile(FOUNDING.name, FOUNDING.read_bytes(), content_type="text/plain")
    response = read(client, file=upload)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Palestine" in page and "new: will be created" in page
    assert "Group of 77 and China" in page
    initial = response.context["form"].initial
    assert initial["speaker"] == "Ms. Safa Shabat"
    assert initial["agenda"] == "2: International Cooperation\n3: Prevention"
    assert "[6] The Group recognizes that international cooperation" in initial["paragraphs"]
    assert "preserving and obtaining electronic evidence" in initial["paragraphs"]
    assert not Statement.objects.exists()


def test_saving_the_preview_creates_everything_in_one_step(client, staff):
    upload = SimpleUploadedFile(FOUNDING.name, FOUNDING.read_bytes(), content_type="text/plain")
    response = client.post(URL, preview_data(read(client, file=upload), confirm_create="on", publish="on"))
    assert response.status_code == 302, response.context["form"].errors
    statement = Statement.objects.get()
    assert statement.delegation.name == "Palestine" and statement.on_behalf_of.kind == Delegation.Kind.GROUP
    assert statement.meeting.date_start.isoformat() == "2020-07-27" and statement.meeting.session == "sixth session"
    assert [i.number for i in statement.agenda_items.all()] == ["2", "3"]
    assert list(statement.paragraphs.values_list("label", flat=True)) == [str(n) for n in range(1, 10)]
    assert statement.created_by == staff and statement.is_published
    assert statement.source_file and len(statement.source_sha256) == 64
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Created" in m and "9 paragraphs" in m for m in messages)


def test_new_records_are_not_created_without_confirmation(client, staff):
    response = client.post(URL, preview_data(read(client, text=FOUNDING.read_text())))
    assert response.status_code == 200
    assert "Tick this box to create the new records" in response.content.decode()
    assert not Statement.objects.exists() and not Meeting.objects.exists() and not Delegation.objects.exists()


def test_staff_can_split_and_relabel_paragraphs_in_the_preview(client, staff):
    preview = read(client, text=FOUNDING.read_text())
    paragraphs = preview.context["form"].initial["paragraphs"].replace(
        "preserving and obtaining electronic evidence.", "preserving and obtaining electronic evidence.\n\n[6bis]"
    )
    response = client.post(URL, preview_data(preview, paragraphs=paragraphs, confirm_create="on"))
    assert response.status_code == 302
    labels = list(Statement.objects.get().paragraphs.values_list("label", flat=True))
    assert labels == ["1", "2", "3", "4", "5", "6", "6bis", "7", "8", "9"]


def test_a_numbered_paragraph_without_text_is_reported_where_it_is(client, staff):
    preview = read(client, text=FOUNDING.read_text())
    response = client.post(URL, preview_data(preview, paragraphs="[1] Some text.\n\n[2]", confirm_create="on"))
    assert "Paragraph 2 (“[2]”) has a number but no text." in response.content.decode()
    assert not Statement.objects.exists()


def test_reimporting_the_same_text_offers_an_update_not_a_duplicate(client, staff):
    client.post(URL, preview_data(read(client, text=FOUNDING.read_text()), confirm_create="on"))
    first = Statement.objects.get()
    ids = list(first.paragraphs.values_list("public_id", flat=True))
    again = read(client, text=FOUNDING.read_text())
    assert "is already in the archive as" in again.content.decode()
    response = client.post(URL, preview_data(again, confirm_create="on"))
    assert response.status_code == 302
    assert Statement.objects.count() == 1
    assert list(first.paragraphs.values_list("public_id", flat=True)) == ids


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("statement.pdf", b"%PDF-1.4 garbage", "statement.pdf"),
        ("statement.exe", b"MZ\x00\x00", "unsupported file type"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_bad_uploads_get_a_message_naming_the_file_and_nothing_is_written(client, staff, name, data, message):
    response = read(client, file=SimpleUploadedFile(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Statement.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, staff, settings):
    settings.IMPORT_MAX_BYTES = 1000
    response = read(client, file=SimpleUploadedFile("big.txt", b"word " * 1000))
    assert "the limit is" in response.content.decode()


def test_pasting_nothing_says_what_to_do(client, staff):
    response = read(client)
    assert "Paste the statement's text or choose a file to upload." in html.unescape(response.content.decode())


def missing_references(page):
    """aria-describedby ids that name no element of the page."""
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    return [ref for value in re.findall(r'aria-describedby="([^"]+)"', page) for ref in value.split() if ref not in ids]


def test_help_texts_on_the_import_page_and_preview_are_the_fields_descriptions(client, staff):
    page = client.get(URL).content.decode()
    assert 'aria-describedby="id_meeting_helptext"' in page and missing_references(page) == []
    preview = read(client, text=FOUNDING.read_text()).content.decode()
    assert 'aria-describedby="id_paragraphs_helptext"' in preview and missing_references(preview) == []


def test_the_import_page_names_its_meeting_selector_by_its_label(client, staff):
    page = client.get(URL).content.decode()
    assert 'src="/static/archive/admin-import.js"' in page
    assert re.search(r'<label for="id_meeting"[^>]*>Meeting</label>', page)
