"""The admin as a Statement editor (staff, not superuser) meets it: only their tables, clear labels, errors by their field."""
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from .conftest import ORIGINAL, make_statement
from .test_corrections import admin_post

pytestmark = pytest.mark.django_db


def test_editors_do_not_see_the_archives_internal_tables(client, staff):
    index = client.get(reverse("admin:index")).content.decode()
    assert "Slug history" not in index and "Retired paragraph" not in index
    assert "Statements" in index and "Problem reports" in index
    for model in ("slughistory", "retiredparagraph"):
        assert client.get(reverse(f"admin:archive_{model}_changelist")).status_code == 403


def test_superusers_still_read_the_internal_tables(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    index = client.get(reverse("admin:index")).content.decode()
    assert "Slug history" in index and "Retired paragraphs" in index
    assert client.get(reverse("admin:archive_retiredparagraph_changelist")).status_code == 200


def test_no_filter_is_titled_by_a_field_name(client, staff):
    make_statement()
    for model in ("statement", "body"):
        page = client.get(reverse(f"admin:archive_{model}_changelist")).content.decode()
        assert "By is synthetic" not in page and "By synthetic demo data" in page


def test_the_missing_reason_error_is_shown_at_the_reason_field_once(client, staff, published):
    response = admin_post(client, published, [{}, {"text": "A corrected second paragraph about evidence."}])
    page = response.content.decode()
    field = re.search(r'<div class="form-row errors field-change_reason">(.*?)</div>\s*</div>', page, re.S)
    assert field and "give a short reason for the correction" in field.group(1)
    assert page.count("give a short reason for the correction") == 1
    assert published.paragraphs.get(position=2).text == ORIGINAL[1]


def test_the_speaker_help_text_names_no_real_person(client, staff):
    page = client.get(reverse("admin:archive_statement_add")).content.decode()
    assert "Safa Shabat" not in page and "Permanent Mission of Palestine" not in page
    assert "with the title" in page


def test_the_admin_index_offers_import_statement(client, staff):
    page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("admin:archive_statement_import")}"' in page and "Import statement" in page
