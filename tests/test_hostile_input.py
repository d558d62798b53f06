"""Every text field is hostile: HTML and script in a statement come out as text on every page,
snippet, feed, export and admin screen that shows them."""
import json
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from statements_site.archive.models import AgendaItem, Delegation

from .conftest import make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile():
    meeting = make_meeting(title=f"Commission {PAYLOAD}", location=PAYLOAD)
    item = AgendaItem.objects.create(meeting=meeting, number="3", title=f"Evidence {PAYLOAD}")
    group = make_delegation(f"Group {PAYLOAD}", kind=Delegation.Kind.GROUP)
    statement = make_statement(
        meeting=meeting, delegation=make_delegation(f"State {PAYLOAD}"), on_behalf_of=group,
        speaker=f"Mr. {PAYLOAD}", speaker_title=PAYLOAD, salutation=f"Chair {PAYLOAD}", closing=f"Thanks {PAYLOAD}",
        title=f"Statement {PAYLOAD}", paragraphs=[f"Electronic evidence {PAYLOAD} matters.", f"Second {PAYLOAD}."],
    )
    statement.agenda_items.add(item)
    return statement


def html_pages(statement):
    paragraph = statement.paragraphs.first()
    item = statement.agenda_items.get()
    return [
        "/", statement.get_absolute_url(), paragraph.get_absolute_url(),
        reverse("archive:paragraph-cite", args=[paragraph.public_id]),
        reverse("archive:paragraph-report", args=[paragraph.public_id]),
        reverse("archive:statement-history", args=[statement.pk]),
        reverse("archive:statement-list") + "?q=evidence", reverse("archive:statement-list") + "?q=" + PAYLOAD,
        statement.meeting.get_absolute_url(), item.get_absolute_url(),
        statement.delegation.get_absolute_url(), statement.on_behalf_of.get_absolute_url(),
        reverse("archive:delegation-list"), reverse("archive:body-list"), reverse("archive:api-docs"),
    ]


def test_html_pages_show_markup_from_the_data_as_text(client, hostile):
    from statements_site.archive.revisions import record_revision

    record_revision(hostile, reason=f"Fix {PAYLOAD}")
    for url in html_pages(hostile):
        response = client.get(url)
        assert response.status_code in (200, 400), url
        body = response.content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url


def test_admin_screens_show_markup_from_the_data_as_text(client, staff, hostile):
    for url in [reverse("admin:archive_statement_changelist"), reverse("admin:archive_statement_change", args=[hostile.pk]),
                reverse("admin:archive_delegation_changelist"), reverse("admin:archive_meeting_changelist")]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url


def test_admin_import_preview_shows_pasted_markup_as_text(client, staff):
    text = f"Statement by Mexico {PAYLOAD}\n\nMr. Chair,\n\n1. We support {PAYLOAD} the draft.\n\nThank you.\n"
    response = client.post(reverse("admin:archive_statement_import"), {"step": "read", "text": text, "delegation": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in body and "<img src=x" not in body


def test_feeds_and_xml_exports_carry_markup_as_escaped_text(client, hostile):
    for url in [reverse("archive:statement-feed"), reverse("archive:statement-akoma-ntoso", args=[hostile.pk]),
                "/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        ElementTree.fromstring(body)  # well-formed: nothing injected broke the XML
        assert b"<script>" not in body, url


def test_json_exports_and_the_api_keep_markup_as_data(client, hostile):
    response = client.get(reverse("archive:api:statement-list"))
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["results"][0]["title"] == f"Statement {PAYLOAD}"
    download = client.get(reverse("archive:statement-export", args=["json"]))
    assert download["Content-Type"].startswith("application/json")
    rows = json.loads(b"".join(download.streaming_content))
    assert any(PAYLOAD in value for row in rows for value in row.values() if isinstance(value, str))


def test_markdown_export_escapes_markup_so_a_renderer_shows_it_as_text(client, hostile):
    import re

    body = client.get(reverse("archive:statement-text", args=[hostile.pk, "md"])).content.decode()
    assert PAYLOAD.replace("<", "\\<").replace(">", "\\>").replace("(", "\\(").replace(")", "\\)") in body
    # Apart from autolinks (<http://...>), every < is backslash-escaped, so Markdown renders it as text.
    assert not re.search(r"(?<!\\)<(?!https?://)", body)


def test_any_pasted_text_or_uploaded_bytes_gets_a_page_never_a_server_error(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    url = reverse("admin:archive_statement_import")

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(text=st.text(max_size=400), data=st.binary(max_size=300),
           name=st.sampled_from(["a.txt", "a.docx", "a.pdf", "a.html", "a.exe", "noext"]))
    def check(text, data, name):
        assert client.post(url, {"step": "read", "text": text, "delegation": ""}).status_code == 200
        upload = SimpleUploadedFile(name, data)
        assert client.post(url, {"step": "read", "text": "", "delegation": "", "file": upload}).status_code == 200

    check()


def test_a_nul_character_in_a_paragraph_or_agenda_item_address_is_not_found_not_a_server_error(client, hostile):
    """PostgreSQL cannot compare text with a NUL character: such an address must not reach a query."""
    from django.test import Client

    client = Client(raise_request_exception=False)
    item = hostile.agenda_items.get()
    paths = [f"/p/a{chr(0)}b/{end}" for end in ("", "cite/", "report/", "cite.bib")] + [
        f"/meetings/{item.meeting.slug}/items/3{chr(0)}/{end}" for end in ("", "compare/", "feed/")
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
