"""The read-only JSON API: the browse page's filters and search, identifiers, pagination, throttling, schema."""
import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The throttle counts in the cache; each test starts with a clean count.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def archive():
    meeting = make_meeting(location="Vienna")
    item = make_item(meeting, "3", "Prevention")
    g77 = make_group()
    palestine = make_statement(
        meeting=meeting, delegation=make_delegation("Palestine"), on_behalf_of=g77, position=1,
        speaker="Ms. Safa Shabat", date=datetime.date(2023, 3, 14),
        paragraphs=["The Group calls for technical assistance.", "Cooperation must respect sovereignty."],
    )
    palestine.agenda_items.add(item)
    sweden = make_statement(meeting=meeting, delegation=make_delegation("Sweden"), position=2,
                            paragraphs=["Sweden stresses prevention.", "Human rights online."])
    draft = make_statement(meeting=meeting, delegation=make_delegation("Mexico"), status="draft",
                           paragraphs=["A draft about prevention."])
    return meeting, item, g77, palestine, sweden, draft


def get(client, name, *args, **params):
    return client.get(reverse(f"archive:api:{name}", args=args), params)


def test_statement_list_has_identifiers_permalinks_and_paragraphs(client, archive):
    palestine = archive[3]
    data = get(client, "statement-list").json()
    assert [s["id"] for s in data["results"]] == [palestine.pk, archive[4].pk]
    first = data["results"][0]
    assert first["html_url"] == f"http://testserver/statements/{palestine.pk}/"
    assert first["url"] == f"http://testserver/api/statements/{palestine.pk}/"
    assert first["delegation"]["slug"] == "palestine"
    assert first["on_behalf_of"]["name"] == "Group of 77 and China"
    assert first["agenda_items"] == [{"id": archive[1].pk, "number": "3", "title": "Prevention"}]
    assert first["type"] == "general" and first["date"] == "2023-03-14"
    paragraph = palestine.paragraphs.get(position=1)
    assert first["paragraphs"][0] == {
        "public_id": paragraph.public_id, "position": 1, "label": "1", "text": "The Group calls for technical assistance.",
        "text_changed": None, "permalink": f"http://testserver/p/{paragraph.public_id}/", "documents": [],
    }
    assert first["exports"]["akoma_ntoso"] == f"http://testserver/statements/{palestine.pk}/akoma-ntoso.xml"


def test_drafts_are_not_in_the_api(client, archive):
    draft = archive[5]
    assert draft.pk not in [s["id"] for s in get(client, "statement-list").json()["results"]]
    assert get(client, "statement-detail", draft.pk).status_code == 404
    assert get(client, "paragraph-detail", draft.paragraphs.get().public_id).status_code == 404


def test_statements_take_the_browse_filters(client, archive):
    data = get(client, "statement-list", delegation="sweden").json()
    assert [s["delegation"]["slug"] for s in data["results"]] == ["sweden"]
    data = get(client, "statement-list", on_behalf_of="group-of-77-and-china").json()
    assert [s["id"] for s in data["results"]] == [archive[3].pk]
    data = get(client, "statement-list", item=archive[1].pk).json()
    assert [s["id"] for s in data["results"]] == [archive[3].pk]
    data = get(client, "statement-list", delegation=["sweden", "palestine"], year="2023").json()
    assert len(data["results"]) == 2


def test_a_filter_naming_no_record_is_a_404_naming_the_filter(client, archive):
    response = get(client, "statement-list", delegation="atlantis", item="999999")
    assert response.status_code == 404
    assert sorted(response.json()) == ["delegation", "item"]
    assert "atlantis" in response.json()["delegation"][0]


def test_full_text_search_selects_statements_and_paragraphs(client, archive):
    data = get(client, "statement-list", q="prevention").json()
    assert [s["id"] for s in data["results"]] == [archive[4].pk]  # the draft also says it, but is not public
    data = get(client, "paragraph-list", q='"technical assistance"').json()
    assert [p["text"] for p in data["results"]] == ["The Group calls for technical assistance."]
    data = get(client, "paragraph-list", q="prevention OR sovereignty", delegation="palestine").json()
    assert [p["text"] for p in data["results"]] == ["Cooperation must respect sovereignty."]


def test_a_search_without_words_is_a_400_with_the_reason(client, archive):
    response = get(client, "statement-list", q="-prevention")
    assert response.status_code == 400
    assert "minus sign" in response.json()["q"][0]


def test_paragraph_detail_by_public_id_links_to_its_statement(client, archive):
    paragraph = archive[4].paragraphs.get(position=2)
    data = get(client, "paragraph-detail", paragraph.public_id).json()
    assert data["permalink"] == f"http://testserver/p/{paragraph.public_id}/"
    assert data["statement"] == archive[4].pk
    assert data["statement_html_url"] == f"http://testserver/statements/{archive[4].pk}/"


def test_cursor_pagination_walks_every_row_once(client, archive):
    for n in range(5):
        make_statement(delegation=make_delegation(f"State {n}"), meeting=archive[0], paragraphs=["Text."])
    seen, url = [], reverse("archive:api:statement-list") + "?page_size=3"
    while url:
        data = client.get(url).json()
        assert "count" not in data
        seen += [s["id"] for s in data["results"]]
        url = data["next"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == 7


def test_other_endpoints_and_their_filters(client, archive):
    meeting, item, g77 = archive[:3]
    other = make_meeting(body=meeting.body, title="Other", session="67th session",
                         date_start=datetime.date(2024, 3, 11), date_end=datetime.date(2024, 3, 15))
    assert [b["slug"] for b in get(client, "body-list").json()["results"]] == [meeting.body.slug]
    assert [m["id"] for m in get(client, "meeting-list", year=2024).json()["results"]] == [other.pk]
    assert [i["id"] for i in get(client, "agenda-item-list", meeting=meeting.slug).json()["results"]] == [item.pk]
    groups = get(client, "delegation-list", kind="group").json()["results"]
    assert [d["slug"] for d in groups] == ["group-of-77-and-china"]
    assert groups[0]["feed_url"] == "http://testserver/delegations/group-of-77-and-china/feed/"
    detail = get(client, "meeting-detail", meeting.pk).json()
    assert detail["html_url"] == f"http://testserver/meetings/{meeting.slug}/"


def test_the_api_is_read_only(client, archive):
    assert client.post(reverse("archive:api:statement-list"), {}).status_code == 405
    assert client.delete(reverse("archive:api:statement-detail", args=[archive[3].pk])).status_code == 405


@pytest.mark.parametrize("name", ["statement-list", "paragraph-list", "delegation-list", "meeting-list",
                                  "agenda-item-list", "body-list"])
def test_list_endpoints_use_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries, name):
    g77 = archive[2]
    for n in range(12):
        statement = make_statement(delegation=make_delegation(f"State {n}"), on_behalf_of=g77, meeting=archive[0])
        statement.agenda_items.add(archive[1])
        g77.members.add(statement.delegation)
    with django_assert_max_num_queries(8):
        assert get(client, name).status_code == 200


def test_search_in_the_api_uses_a_fixed_number_of_queries(client, archive, django_assert_max_num_queries):
    for n in range(12):
        make_statement(delegation=make_delegation(f"State {n}"), meeting=archive[0], paragraphs=["On prevention."])
    with django_assert_max_num_queries(14):
        assert len(get(client, "statement-list", q="prevention").json()["results"]) == 13


def test_anonymous_clients_are_throttled(client, archive, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/min"}}
    assert get(client, "body-list").status_code == 200
    assert get(client, "body-list").status_code == 200
    response = get(client, "body-list")
    assert response.status_code == 429
    assert "Retry-After" in response


def test_openapi_schema_describes_the_endpoints_and_the_browse_parameters(client, archive):
    response = client.get(reverse("archive:api-schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/statements/", "/api/statements/{id}/", "/api/paragraphs/{public_id}/", "/api/delegations/"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/statements/"]["get"]["parameters"]}
    assert {"q", "delegation", "on_behalf_of", "item", "year", "language", "cursor"} <= names
    assert not [path for path in schema["paths"] if not path.startswith("/api/")]


@pytest.mark.parametrize("version", ["\n", "2 (beta)"])
def test_the_schema_describes_the_one_api_version_whatever_the_address_says(client, archive, version):
    response = client.get(reverse("archive:api-schema"), {"format": "json", "version": version})
    assert response.status_code == 200
    assert response.json()["info"]["version"] == "1"
    assert response["Content-Disposition"] == 'inline; filename="Statements Archive API.json"'


def test_api_docs_page_shows_curl_examples_and_links_schema_and_downloads(client, archive):
    page = client.get(reverse("archive:api-docs")).content.decode()
    assert "curl &#x27;http://testserver/api/statements/?q=cooperation&amp;delegation=" in page or \
        "curl 'http://testserver/api/statements/?q=cooperation&amp;delegation=" in page
    assert f"/api/statements/{archive[3].pk}/" in page
    for href in ['href="/api/schema/"', 'href="/statements/download.csv"', 'href="/statements/download.json"',
                 'href="/statements/feed/"']:
        assert href in page
    assert "Open data and API" in page


def test_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    # --fail-on-warn: a warning here would also fail `manage.py check --deploy --fail-level WARNING`.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/paragraphs/{public_id}/" in (tmp_path / "schema.yaml").read_text()


# What the API refuses and accepts matches what its OpenAPI schema says ------------------------


@pytest.mark.parametrize("name, params", [
    ("body-list", {"page_size": "null"}),
    ("body-list", {"page_size": "0"}),
    ("body-list", {"page_size": "201"}),
    ("statement-list", {"page_size": "2.5"}),
    ("meeting-list", {"year": "4.888e-118"}),
    ("meeting-list", {"year": "2017.5"}),
    ("meeting-list", {"year": "99999"}),
    ("statement-list", {"item": "9223372036854775808"}),
    ("paragraph-list", {"item": "-1"}),
    ("statement-list", {"year": "2017.5"}),
])
def test_a_value_the_schema_does_not_allow_is_a_400_naming_the_parameter(client, archive, name, params):
    response = get(client, name, **params)
    assert response.status_code == 400
    assert list(response.json()) == list(params)


def test_a_year_between_two_meetings_years_is_not_rounded_to_one_of_them(client, archive):
    assert get(client, "meeting-list", year="2023").json()["results"]
    assert get(client, "meeting-list", year="2023.0").status_code == 400


@pytest.mark.parametrize("name, params", [
    ("statement-list", ["meeting", "body", "delegation", "on_behalf_of", "q", "cursor"]),
    ("paragraph-list", ["meeting", "delegation", "q"]),
    ("agenda-item-list", ["meeting", "cursor"]),
    ("meeting-list", ["body"]),
])
def test_an_empty_slug_filter_means_no_filter(client, archive, name, params):
    unfiltered = get(client, name).json()["results"]
    response = get(client, name, **dict.fromkeys(params, ""))
    assert response.status_code == 200
    assert response.json()["results"] == unfiltered


@pytest.mark.parametrize("name, param", [("statement-list", "item"), ("statement-list", "type"),
                                         ("paragraph-list", "year"), ("meeting-list", "year"), ("body-list", "page_size")])
def test_an_empty_number_or_choice_is_refused_as_the_schema_says(client, archive, name, param):
    response = get(client, name, **{param: ""})
    assert response.status_code == 400 and list(response.json()) == [param]


@pytest.mark.parametrize("params", [{"colour": "blue"}, {"page": "2", "ordering": "-id"}])
def test_an_unknown_query_parameter_is_a_400_naming_it(client, archive, params):
    response = get(client, "statement-list", **params)
    assert response.status_code == 400
    assert sorted(response.json()) == sorted(params)
    assert "delegation" in response.json()[next(iter(params))][0]  # says which parameters there are


def test_a_method_the_api_does_not_answer_is_a_405_whatever_the_parameters(client, archive):
    response = client.generic("TRACE", reverse("archive:api:body-list") + "?colour=blue")
    assert response.status_code == 405


def test_a_detail_operation_takes_no_query_parameters(client, archive):
    response = get(client, "statement-detail", archive[3].pk, delegation="sweden")
    assert response.status_code == 400 and list(response.json()) == ["delegation"]


@pytest.mark.parametrize("cursor", ["cD1hYmM=", "not base64!", "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5"])
def test_a_cursor_that_does_not_decode_is_a_404(client, archive, cursor):
    response = get(client, "statement-list", cursor=cursor)
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


@pytest.mark.parametrize("path", ["/api/statements/9223372036854775808/", "/api/statements/null/",
                                  "/api/meetings/-1/", "/api/bodies/0.5/", "/api/paragraphs/nope/",
                                  "/api/paragraphs/.%C2%9FkB/"])
def test_a_detail_that_does_not_exist_is_a_json_404(client, archive, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_openapi_schema_documents_every_status_with_its_error_shape(client, archive):
    schema = client.get(reverse("archive:api-schema"), {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        statuses = set(operations["get"]["responses"])
        assert statuses == {"200", "400", "404", "429"}, path
        bad = operations["get"]["responses"]["400"]["content"]["application/json"]["schema"]
        assert bad["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/meetings/"]["get"]["parameters"]}
    assert parameters["year"] == {"type": "integer", "minimum": 1945, "maximum": 2100}
    assert parameters["page_size"] == {"type": "integer", "minimum": 1, "maximum": 200}
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/api/statements/"]["get"]["parameters"]}
    assert parameters["item"]["items"] == {"type": "integer", "minimum": 1, "maximum": 9223372036854775807}
    assert parameters["year"]["items"] == {"type": "integer", "minimum": 1945, "maximum": 2100}
    assert parameters["page_size"]["maximum"] == 100


def test_the_year_range_parameters_carry_the_range_they_accept(client, archive):
    schema = client.get(reverse("archive:api-schema"), {"format": "json"}).json()
    for path in ("/api/statements/", "/api/paragraphs/"):
        parameters = {p["name"]: p["schema"] for p in schema["paths"][path]["get"]["parameters"]}
        for name in ("year_from", "year_to"):
            assert parameters[name] == {"type": "integer", "minimum": 1945, "maximum": 2100}, (path, name)
    response = client.get(reverse("archive:api:statement-list"), {"year_from": "0"})
    assert response.status_code == 400 and "year_from" in response.json()


def test_every_address_in_an_api_page_is_the_one_django_writes(client, archive):
    """The API writes its hundreds of addresses without reversing each (reversing.reverse_each): the
    addresses must still be exactly Django's, in every language's prefix, for numbers, words and
    values Django quotes (a document symbol with slashes)."""
    from django.urls import reverse as django_reverse
    from django.utils import translation

    statement = archive[3]
    paragraph = statement.paragraphs.first()
    paragraph.text = "Recalling resolution A/RES/70/1 and the Café Agreement."
    paragraph.save()
    for prefix, language in [("", "en"), ("/fr", "fr")]:
        data = client.get(f"{prefix}/api/statements/", {"delegation": statement.delegation.slug}).json()["results"][0]
        with translation.override(language):
            expected = {
                "url": django_reverse("archive:api:statement-detail", args=[statement.pk]),
                "html_url": django_reverse("archive:statement-detail", args=[statement.pk]),
                "permalink": django_reverse("archive:paragraph-permalink", args=[paragraph.public_id]),
                "archive_url": django_reverse("archive:document-detail", args=["A/RES/70/1"]),
                "akoma_ntoso": django_reverse("archive:statement-akoma-ntoso", args=[statement.pk]),
            }
        shown = data["paragraphs"][0]
        found = {"url": data["url"], "html_url": data["html_url"], "permalink": shown["permalink"],
                 "archive_url": shown["documents"][0]["archive_url"], "akoma_ntoso": data["exports"]["akoma_ntoso"]}
        assert found == {name: "http://testserver" + path for name, path in expected.items()}
        assert expected["permalink"].startswith(f"{prefix}/p/")


@pytest.mark.parametrize("name, value", [
    ("archive:paragraph-permalink", "abc-1_X"), ("archive:paragraph-permalink", "é x?#%"),
    ("archive:paragraph-permalink", "a.b"), ("archive:paragraph-permalink", 12),
    ("archive:statement-detail", 12), ("archive:statement-detail", "12"), ("archive:statement-detail", "abc"),
    ("archive:statement-detail", -1), ("archive:statement-detail", True), ("archive:delegation-detail", "kenya"),
    ("archive:delegation-detail", "côte"), ("archive:document-detail", "A/RES/70/1"), ("archive:paragraph-permalink", "a/b"),
])
def test_an_address_written_for_a_list_is_the_one_reverse_writes_or_the_same_error(name, value):
    from django.urls import NoReverseMatch, reverse as django_reverse

    from statements_site.archive.reversing import reverse_each

    try:
        expected = django_reverse(name, args=[value])
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            reverse_each(name, value)
    else:
        assert reverse_each(name, value) == expected
