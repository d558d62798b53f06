"""Anyone citing a paragraph: the link keeps working after every kind of correction, says what
happened, and old addresses of renamed or merged records redirect permanently."""
import html
import secrets
import time

import pytest
from django.core import signing
from django.urls import reverse

from statements_site.archive.models import AgendaItem, ProblemReport

from .conftest import ORIGINAL, ids, make_body, make_delegation, reimport

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    "correction",
    [
        lambda texts: [texts[0], texts[1].replace("borders", "borders and jurisdictions"), *texts[2:]],  # edit
        lambda texts: ["A new first paragraph on the organisation of work of the session.", *texts],  # insertion
        lambda texts: [texts[0], "International cooperation is important.", texts[1].split("important ")[1], *texts[2:]],  # split
        lambda texts: [texts[2], texts[0], texts[1], texts[3]],  # reorder
        lambda texts: list(texts),  # identical re-import
    ],
    ids=["edit", "insertion-before", "split", "reorder", "same-reimport"],
)
def test_a_cited_paragraph_resolves_to_its_current_text_after_a_correction(client, published, correction):
    cited = ids(published)[1]
    reimport(published, correction(ORIGINAL)) if correction(ORIGINAL) != ORIGINAL else None
    text = page(client, reverse("archive:paragraph-permalink", args=[cited]))
    current = published.paragraphs.get(public_id=cited)
    assert current.text in text
    assert 'class="paragraph is-target" id="p-%s"' % cited in text


def test_an_edited_paragraph_says_it_was_corrected_and_links_the_history(client, published):
    cited = ids(published)[1]
    reimport(published, [ORIGINAL[0], ORIGINAL[1] + " Also data.", *ORIGINAL[2:]])
    text = page(client, reverse("archive:paragraph-permalink", args=[cited]))
    assert "This paragraph was corrected" in text
    assert reverse("archive:statement-history", args=[published.pk]) in text


def test_a_merged_paragraph_link_leads_to_the_paragraph_it_became(client, published):
    cited = ids(published)[2]
    reimport(published, [ORIGINAL[0], ORIGINAL[1] + " " + ORIGINAL[2], ORIGINAL[3]])
    text = page(client, reverse("archive:paragraph-permalink", args=[cited]))
    assert "was merged into this one" in text and "Corrected text" in text
    assert ORIGINAL[1] + " " + ORIGINAL[2] in text


def test_a_deleted_paragraph_link_leads_to_its_statement_with_a_notice_and_the_last_text(client, published):
    cited = ids(published)[2]
    reimport(published, [ORIGINAL[0], ORIGINAL[1], ORIGINAL[3]])
    text = page(client, reverse("archive:paragraph-permalink", args=[cited]))
    assert "was removed from this statement" in text
    assert ORIGINAL[2] in text and ORIGINAL[3] in text


def test_history_shows_a_readable_difference_between_versions(client, published):
    reimport(published, [ORIGINAL[0], ORIGINAL[1].replace("borders", "jurisdictions"), ORIGINAL[3]])
    text = page(client, reverse("archive:statement-history", args=[published.pk]))
    assert "Differences between version 1 and version 2" in text
    assert "<del>borders.</del>" in text and "<ins>jurisdictions.</ins>" in text
    assert f"<del>{ORIGINAL[2]}</del>" in text and "<span class=\"diff-status\">removed</span>" in text
    assert "3 paragraphs changed" in text and "(was ¶ 4)" in text  # the last one was renumbered
    assert "1 correction" in page(client, published.get_absolute_url())


def test_history_compares_any_two_versions_and_ignores_junk(client, published):
    reimport(published, ORIGINAL[:3])
    reimport(published, ORIGINAL[:2])
    url = reverse("archive:statement-history", args=[published.pk])
    assert "between version 1 and version 3" in page(client, url + "?from=1&to=3")
    assert "between version 2 and version 3" in page(client, url + "?from=zzz&to=99")


def test_history_escapes_statement_text(client, published):
    reimport(published, [ORIGINAL[0] + " <script>alert(1)</script>", *ORIGINAL[1:]])
    body = client.get(reverse("archive:statement-history", args=[published.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_an_old_meeting_slug_redirects_permanently_including_sub_pages(client, published):
    meeting = published.meeting
    AgendaItem.objects.create(meeting=meeting, number="3", title="General debate")
    old = meeting.slug
    meeting.slug = "cnd-66th-session"
    meeting.save()
    response = client.get(f"/meetings/{old}/")
    assert response.status_code == 301 and response["Location"] == "/meetings/cnd-66th-session/"
    response = client.get(f"/meetings/{old}/items/3/?q=evidence")
    assert response.status_code == 301 and response["Location"] == "/meetings/cnd-66th-session/items/3/?q=evidence"


def test_old_body_and_delegation_slugs_redirect_permanently(client, published):
    body = published.meeting.body
    old_body = body.slug
    body.slug = "narcotic-drugs"
    body.save()
    assert client.get(f"/bodies/{old_body}/")["Location"] == "/bodies/narcotic-drugs/"
    delegation = published.delegation
    old = delegation.slug
    delegation.slug = "united-mexican-states"
    delegation.save()
    response = client.get(f"/delegations/{old}/")
    assert response.status_code == 301 and response["Location"] == "/delegations/united-mexican-states/"


def test_a_merged_delegations_address_redirects_to_the_one_it_joined(client, published):
    duplicate = make_delegation("Mexique")
    old = duplicate.slug
    duplicate.merge_into(published.delegation)
    response = client.get(f"/delegations/{old}/")
    assert response.status_code == 301 and response["Location"] == published.delegation.get_absolute_url()


def test_unknown_slugs_are_still_404(client, db):
    make_body()
    assert client.get("/meetings/never-existed/").status_code == 404
    assert client.get("/delegations/never-existed/").status_code == 404


# Report a problem ------------------------------------------------------------------------------

def report(client, public_id, **data):
    # A form shown a minute ago; each form's token is its own (a token is accepted once).
    started = signing.dumps([int(time.time()) - 60, secrets.token_urlsafe(9)], salt="problem-report")
    fields = {"message": "The second sentence is missing a word.", "email": "", "website": "", "started": started}
    fields.update(data)
    return client.post(reverse("archive:paragraph-report", args=[public_id]), fields)


def test_a_reader_reports_a_problem_and_it_lands_in_the_staff_queue(client, published):
    public_id = ids(published)[1]
    assert "Report a problem with this paragraph" in page(client, reverse("archive:paragraph-permalink", args=[public_id]))
    response = report(client, public_id, email="reader@example.org")
    assert response.status_code == 302 and response["Location"] == f"/p/{public_id}/"
    reported = ProblemReport.objects.get()
    assert reported.public_id == public_id and reported.statement == published and reported.status == "open"
    assert "Your report is in the staff queue" in page(client, response["Location"])


def test_the_report_form_help_texts_describe_their_fields(client, published):
    form = page(client, reverse("archive:paragraph-report", args=[ids(published)[1]]))
    for field in ("message", "email"):
        assert f'aria-describedby="id_{field}_helptext"' in form
        assert f'id="id_{field}_helptext"' in form


def test_staff_see_reports_with_the_paragraph_linked(client, staff, published):
    public_id = ids(published)[1]
    report(client, public_id)
    text = page(client, reverse("admin:archive_problemreport_changelist"))
    assert f'href="/p/{public_id}/"' in text and "missing a word" in text


def test_a_filled_trap_field_or_an_instant_post_is_refused(client, published):
    public_id = ids(published)[1]
    assert report(client, public_id, website="http://spam.example").status_code == 400
    quick = signing.dumps(int(time.time()), salt="problem-report")
    response = report(client, public_id, started=quick)
    assert response.status_code == 400 and "That was quick" in html.unescape(response.content.decode())
    assert report(client, public_id, started="forged").status_code == 400
    assert not ProblemReport.objects.exists()


def test_reports_are_rate_limited_per_address(client, published):
    from django.core.cache import cache

    cache.clear()
    public_id = ids(published)[1]
    statuses = [report(client, public_id).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [400]
    assert ProblemReport.objects.count() == 5
    cache.clear()


def test_history_says_where_a_merged_paragraph_went(client, published):
    reimport(published, [ORIGINAL[0], ORIGINAL[1] + " " + ORIGINAL[2], ORIGINAL[3]])
    text = page(client, reverse("archive:statement-history", args=[published.pk]))
    assert 'merged into <a href="#d-%s">¶ 2</a>' % ids(published)[1] in text
