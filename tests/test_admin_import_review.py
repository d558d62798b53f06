"""The admin import preview as staff review it: staged files, re-imports, confidence marks, accessibility."""
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from statements_site.archive.models import Statement

from .test_admin_import import FOUNDING, URL, preview_data, read

pytestmark = pytest.mark.django_db


def staged_files():
    folder = Path(settings.MEDIA_ROOT) / "imports" / "staging"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def upload_founding(client):
    return read(client, file=SimpleUploadedFile(FOUNDING.name, FOUNDING.read_bytes(), content_type="text/plain"))


def test_the_staged_upload_is_removed_once_the_statement_is_saved(client, staff):
    preview = upload_founding(client)
    assert staged_files() == [preview.context["form"].initial["staged"]]
    response = client.post(URL, preview_data(preview, confirm_create="on"))
    assert response.status_code == 302
    assert staged_files() == []


def test_staged_uploads_abandoned_for_a_day_are_removed_by_the_next_preview(client, staff):
    old = upload_founding(client).context["form"].initial["staged"]
    path = Path(settings.MEDIA_ROOT) / "imports" / "staging" / old
    a_day_ago = time.time() - 86400 - 60
    os.utime(path, (a_day_ago, a_day_ago))
    fresh = read(client, file=SimpleUploadedFile("other.txt", FOUNDING.read_bytes() + b"\nMore.\n"))
    assert staged_files() == [fresh.context["form"].initial["staged"]]
    assert not Statement.objects.exists()


def save_founding(client, **changes):
    response = client.post(URL, preview_data(read(client, text=FOUNDING.read_text()), confirm_create="on", **changes))
    assert response.status_code == 302, response.context["form"].errors
    return Statement.objects.get()


def test_an_identical_reimport_changes_nothing_and_says_skipped(client, staff):
    statement = save_founding(client, publish="on")
    statement.speaker = "Ms. S. Shabat (corrected in the admin)"
    statement.save()
    updated, versions = Statement.objects.get().updated, statement.revisions.count()
    again = read(client, text=FOUNDING.read_text())
    assert "is already in the archive as" in again.content.decode() and "unchanged" in again.content.decode()
    response = client.post(URL, preview_data(again), follow=True)
    assert "Skipped: the archive already has this text" in response.content.decode()
    statement = Statement.objects.get()
    assert statement.updated == updated and statement.revisions.count() == versions
    assert statement.speaker == "Ms. S. Shabat (corrected in the admin)"


def test_a_changed_text_shows_its_paragraph_differences_and_asks_for_a_reason(client, staff):
    statement = save_founding(client, publish="on")
    changed = FOUNDING.read_text().replace("international cooperation is important", "international cooperation remains important")
    preview = read(client, text=changed)
    page = preview.content.decode()
    assert "Changes to the text (1 paragraph)" in page
    assert "<del>is</del>" in page and "<ins>remains</ins>" in page
    response = client.post(URL, preview_data(preview))
    assert response.status_code == 200
    assert "give a short reason for the correction" in response.content.decode()
    assert Statement.objects.get().revisions.count() == statement.revisions.count()
    response = client.post(URL, preview_data(preview, change_reason="As delivered"))
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.revisions.order_by("-number").first().reason == "As delivered"
    assert "international cooperation remains important" in " ".join(statement.paragraphs.values_list("text", flat=True))


def test_an_uploaded_markdown_file_is_previewed_with_its_front_matter_and_without_it_in_the_text(client, staff):
    text = "---\ntitle: G-77 statement\nsource_url: https://example.org/g77\n---\n\n" + FOUNDING.read_text()
    preview = read(client, file=SimpleUploadedFile("g77.md", text.encode()))
    initial = preview.context["form"].initial
    assert initial["source_url"] == "https://example.org/g77"
    assert "source_url" not in initial["paragraphs"] and "---" not in initial["paragraphs"]
    client.post(URL, preview_data(preview, confirm_create="on"))
    assert Statement.objects.get().source_url == "https://example.org/g77"


def hand_made_parse(**confidence):
    from .conftest import parse_of

    return parse_of(["We welcome the report.", "We support the work."], delegation="Ghana", speaker="Mr. Kofi Mensah",
                    confidence=confidence)


CONFIDENCE = {
    "delegation": {"status": "inferred", "why": "named in the mission's letterhead", "candidates": ["Ghana", "Kenya"]},
    "speaker": {"status": "stated", "why": "", "candidates": []},
    "date": {"status": "missing", "why": "", "candidates": []},
}


def preview_of(client, monkeypatch, parse):
    from statements_site.archive import admin_statements as archive_admin

    monkeypatch.setattr(archive_admin, "parse_statement", lambda text, source=None: parse)
    return read(client, text="(the parse is made by hand)")


def test_the_preview_marks_each_field_as_stated_inferred_or_not_found_and_offers_the_candidates(
    client, staff, monkeypatch
):
    page = preview_of(client, monkeypatch, hand_made_parse(**CONFIDENCE)).content.decode()
    assert "? inferred: named in the mission&#x27;s letterhead" in page
    assert "✓ stated in the text" in page
    assert "✗ not found in the text" in page
    assert "The text names several: Ghana, Kenya." in page
    assert '<option value="Kenya">' in page and 'list="delegation-candidates"' in page
    assert "Delegation: I checked this inferred value" in page


def test_a_preview_without_confidence_shows_no_marks(client, staff, monkeypatch):
    page = preview_of(client, monkeypatch, hand_made_parse()).content.decode()
    assert "stated in the text" not in page and "inferred" not in page


def test_an_inferred_field_is_not_saved_until_staff_confirm_it(client, staff, monkeypatch):
    from .conftest import make_meeting

    meeting = make_meeting()
    preview = preview_of(client, monkeypatch, hand_made_parse(**CONFIDENCE))
    response = client.post(URL, preview_data(preview, meeting=meeting.pk, confirm_create="on"))
    assert response.status_code == 200
    assert "This value was inferred, not stated in the text" in response.content.decode()
    assert not Statement.objects.exists()
    response = client.post(URL, preview_data(preview, meeting=meeting.pk, confirm_create="on", confirm_delegation="on"))
    assert response.status_code == 302
    assert Statement.objects.get().delegation.name == "Ghana"


@pytest.mark.parametrize("confidence", [
    '{"delegation": {"status": "inferred", "candidates": 5}}',
    '{"delegation": {"status": "inferred", "candidates": "Ghana"}}',
    '{"delegation": {"status": ["inferred"]}}',
    "[1, 2]",
    "{bad json",
])
def test_a_tampered_confidence_field_gives_the_preview_again_not_a_server_error(client, staff, confidence):
    response = client.post(URL, {"step": "save", "confidence": confidence, "delegation": "Ghana"})
    assert response.status_code == 200
    assert "Choose an existing meeting" in response.content.decode()
    assert not Statement.objects.exists()


def test_a_single_candidate_is_not_offered_as_a_choice_between_several(client, staff, monkeypatch):
    confidence = {"delegation": {"status": "inferred", "why": "the body has it speak in the third person",
                                 "candidates": ["Ghana"]}}
    page = preview_of(client, monkeypatch, hand_made_parse(**confidence)).content.decode()
    assert "? inferred: the body has it speak in the third person" in page
    assert "names several" not in page
