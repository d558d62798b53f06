"""Bodies, meetings, agenda items and delegations that only a draft uses stay out of public pages,
the API, the feeds and the sitemap until a published statement uses them; staff still see them."""
import pytest
from django.urls import reverse

from .conftest import make_body, make_delegation, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

SECRETS = ("Secret Body", "Secret Meeting", "Secret item", "Narnia", "Secret Group")


@pytest.fixture
def archive():
    """One published statement, and a draft import that brought new records with it."""
    public_meeting = make_meeting()
    published = make_statement(meeting=public_meeting, delegation=make_delegation("Sweden"))
    published.agenda_items.add(make_item(public_meeting, "2", "International cooperation"))
    secret_meeting = make_meeting(body=make_body("Secret Body", "SB"), title="Secret Meeting", session="")
    draft = make_statement(meeting=secret_meeting, delegation=make_delegation("Narnia"),
                           on_behalf_of=make_delegation("Secret Group", kind="group"), status="draft")
    second_draft = make_statement(meeting=public_meeting, delegation=make_delegation("Narnia"), status="draft")
    second_draft.agenda_items.add(make_item(public_meeting, "9", "Secret item"))
    return published, draft, second_draft


def secret_addresses(draft, second_draft):
    meeting, item = draft.meeting, second_draft.agenda_items.get()
    return [
        meeting.body.get_absolute_url(), meeting.get_absolute_url(), item.get_absolute_url(),
        reverse("archive:agenda-item-compare", args=[item.meeting.slug, item.number]),
        draft.delegation.get_absolute_url(), draft.on_behalf_of.get_absolute_url(),
        reverse("archive:body-feed", args=[meeting.body.slug]), reverse("archive:meeting-feed", args=[meeting.slug]),
        reverse("archive:agenda-item-feed", args=[item.meeting.slug, item.number]),
        reverse("archive:delegation-feed", args=[draft.delegation.slug]),
        reverse("archive:api:body-detail", args=[meeting.body.pk]), reverse("archive:api:meeting-detail", args=[meeting.pk]),
        reverse("archive:api:agenda-item-detail", args=[item.pk]),
        reverse("archive:api:delegation-detail", args=[draft.delegation.pk]),
    ]


def listing_addresses():
    return [
        "/", reverse("archive:body-list"), reverse("archive:delegation-list"),
        reverse("archive:api:body-list"), reverse("archive:api:meeting-list"), reverse("archive:api:agenda-item-list"),
        reverse("archive:api:delegation-list"),
        *(f"/sitemap-{section}.xml" for section in ("bodies", "meetings", "agenda-items", "delegations")),
    ]


def test_records_only_a_draft_uses_are_not_found_by_the_public(client, archive):
    _, draft, second_draft = archive
    for url in secret_addresses(draft, second_draft):
        assert client.get(url).status_code == 404, url


def test_lists_the_api_and_the_sitemap_leave_out_records_only_a_draft_uses(client, archive):
    for url in listing_addresses():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Sweden" in body or "sitemap" in url or "bodies" in url or "meeting" in url or "agenda" in url, url
        assert not [name for name in SECRETS if name in body], url
    assert "International cooperation" in client.get(reverse("archive:api:agenda-item-list")).content.decode()


def test_the_public_meeting_page_does_not_show_an_item_only_a_draft_uses(client, archive):
    published = archive[0]
    body = client.get(published.meeting.get_absolute_url()).content.decode()
    assert "International cooperation" in body and "Secret item" not in body


def test_staff_still_see_draft_records_on_the_site_and_in_the_admin(client, staff, archive):
    _, draft, second_draft = archive
    assert client.get(draft.meeting.get_absolute_url()).status_code == 200
    assert client.get(draft.delegation.get_absolute_url()).status_code == 200
    assert "Narnia" in client.get(reverse("admin:archive_delegation_changelist")).content.decode()
    assert "Secret Meeting" in client.get(reverse("admin:archive_meeting_changelist")).content.decode()


def test_publishing_the_draft_makes_its_records_public(client, archive):
    _, draft, second_draft = archive
    draft.status = second_draft.status = "published"
    draft.save()
    second_draft.save()
    for url in secret_addresses(draft, second_draft):
        assert client.get(url).status_code == 200, url
    assert "Secret Meeting" in client.get("/sitemap-meetings.xml").content.decode() or \
        draft.meeting.slug in client.get("/sitemap-meetings.xml").content.decode()


def test_records_no_statement_uses_yet_stay_public(client, db):
    """Reference data staff enter by hand (a body, a group's members) is not a draft's."""
    body = make_body("Human Rights Council", "HRC")
    make_delegation("Chile")
    assert client.get(body.get_absolute_url()).status_code == 200
    assert "Chile" in client.get(reverse("archive:delegation-list")).content.decode()


def test_public_lists_stay_within_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries):
    for n in range(15):
        meeting = make_meeting(title=f"Meeting {n}")
        make_statement(meeting=meeting, delegation=make_delegation(f"State {n}"), status="draft" if n % 2 else "published")
    for url in [reverse("archive:body-list"), reverse("archive:delegation-list"), reverse("archive:api:delegation-list"),
                reverse("archive:api:meeting-list"), "/sitemap-meetings.xml", "/sitemap-delegations.xml"]:
        with django_assert_max_num_queries(8, info=url):
            assert client.get(url).status_code == 200


def test_a_browse_filter_naming_a_record_only_a_draft_uses_does_not_show_its_name(client, archive):
    _, draft, second_draft = archive
    item = second_draft.agenda_items.get()
    query = (f"?delegation={draft.delegation.slug}&on_behalf_of={draft.on_behalf_of.slug}"
             f"&meeting={draft.meeting.slug}&body={draft.meeting.body.slug}&item={item.pk}")
    for url in [reverse("archive:statement-list") + query, reverse("archive:statement-feed") + query]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [name for name in SECRETS if name in body], url
    download = client.get(reverse("archive:statement-export", args=["csv"]) + query)
    assert not [name for name in ("secret", "narnia") if name in download["Content-Disposition"].lower()]


def test_staff_can_filter_by_a_record_only_a_draft_uses(client, staff, archive):
    _, draft, _ = archive
    body = client.get(reverse("archive:statement-list") + f"?delegation={draft.delegation.slug}").content.decode()
    assert "Narnia" in body


def test_a_body_counts_only_the_meetings_the_public_can_open(client, db):
    body = make_body("Human Rights Council", "HRC")
    make_statement(meeting=make_meeting(body=body, title="Open session", session="1st"))
    make_statement(meeting=make_meeting(body=body, title="Closed session", session="2nd"), status="draft")
    for url in ["/", reverse("archive:body-list")]:
        page = client.get(url).content.decode()
        assert "1 meeting<" in page and "2 meetings" not in page, url


def test_the_api_answers_a_filter_naming_a_record_only_a_draft_uses_as_it_answers_an_unknown_one(client, archive):
    _, draft, _ = archive
    for name, params in [("meeting-list", {"body": draft.meeting.body.slug}),
                         ("agenda-item-list", {"meeting": draft.meeting.slug}),
                         ("statement-list", {"delegation": draft.delegation.slug}),
                         ("paragraph-list", {"on_behalf_of": draft.on_behalf_of.slug})]:
        unknown = client.get(reverse(f"archive:api:{name}"), {key: "no-such-record" for key in params})
        response = client.get(reverse(f"archive:api:{name}"), params)
        assert response.status_code == unknown.status_code == 404, (name, response.status_code)


def test_the_api_lists_no_group_member_that_only_a_draft_uses(client, archive):
    published, draft, _ = archive
    group = make_delegation("African Group", kind="group")
    group.members.add(published.delegation, draft.delegation)
    response = client.get(reverse("archive:api:delegation-detail", args=[group.pk]))
    assert response.json()["members"] == [published.delegation.pk]


def test_a_record_turns_public_on_the_next_request_once_its_draft_is_published(client, archive):
    _, draft, _ = archive
    meeting_url = draft.meeting.get_absolute_url()
    assert client.get(meeting_url).status_code == 404
    assert client.get(reverse("archive:statement-list"), {"meeting": draft.meeting.slug}).status_code == 200
    draft.status = "published"
    draft.save()
    assert client.get(meeting_url).status_code == 200
    page = client.get(reverse("archive:statement-list"), {"meeting": draft.meeting.slug}).content.decode()
    assert "Secret Meeting" in page


def test_a_record_leaves_the_public_filters_once_its_only_published_statement_is_unpublished(client, archive):
    published, _, _ = archive
    address = reverse("archive:statement-list") + f"?meeting={published.meeting.slug}"
    assert "not in the archive" not in client.get(address).content.decode()
    published.status = "draft"
    published.save()
    assert "not in the archive" in client.get(address).content.decode()


def test_a_staff_visit_does_not_show_the_public_a_record_only_a_draft_uses(client, staff, archive):
    from django.test import Client

    _, draft, _ = archive
    address = reverse("archive:statement-list") + f"?meeting={draft.meeting.slug}&delegation={draft.delegation.slug}"
    assert "Secret Meeting" in client.get(address).content.decode()
    public = Client().get(address).content.decode()
    assert "not in the archive" in public and not [name for name in SECRETS if name in public]


def test_a_state_chosen_as_delegation_is_still_no_group_to_speak_on_behalf_of(client, archive):
    published, _, _ = archive
    browse = reverse("archive:statement-list")
    assert "not in the archive" not in client.get(browse, {"delegation": published.delegation.slug}).content.decode()
    assert "not in the archive" in client.get(browse, {"on_behalf_of": published.delegation.slug}).content.decode()
