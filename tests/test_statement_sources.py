"""A statement's sources on its public page: the document symbol, the original document and the file as imported."""
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from .conftest import make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def sourced():
    statement = make_statement(source_symbol="A/AC.291/CRP.12", source_url="https://documents.example.org/crp12.pdf")
    statement.source_file.save("g77-statement.docx", ContentFile(b"PK original bytes"), save=True)
    return statement


def test_statement_page_shows_the_document_symbol_and_links_the_originals(client, sourced):
    page = client.get(sourced.get_absolute_url()).content.decode()
    assert "<dt>Document symbol</dt><dd>A/AC.291/CRP.12</dd>" in page
    assert 'href="https://documents.example.org/crp12.pdf"' in page
    assert f'href="{reverse("archive:statement-original", args=[sourced.pk])}"' in page


def test_the_file_as_imported_downloads_with_its_own_name(client, sourced):
    response = client.get(reverse("archive:statement-original", args=[sourced.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="g77-statement.docx"'
    assert b"".join(response.streaming_content) == b"PK original bytes"


def test_the_original_file_of_a_draft_or_a_statement_without_one_is_a_404(client, sourced):
    sourced.status = "draft"
    sourced.save()
    assert client.get(reverse("archive:statement-original", args=[sourced.pk])).status_code == 404
    plain = make_statement()
    assert client.get(reverse("archive:statement-original", args=[plain.pk])).status_code == 404
    assert "Original" not in client.get(plain.get_absolute_url()).content.decode().split("</dl>")[0].split("statement-meta")[1]
