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
