"""HTML fragments built in Python are safe by construction: every value not marked safe is escaped."""
import pytest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from statements_site.archive.markup import fragment, join

from .conftest import make_delegation, make_meeting, make_statement

VALUES = ['<script>alert("x")</script>', "Group of 77 & China", "O'Brien", 42, None, "", mark_safe("<mark>kept</mark>")]


@pytest.mark.parametrize("value", VALUES)
def test_a_fragment_escapes_a_value_exactly_as_format_html_does(value):
    template = '<a title="{}">{}</a>'
    assert fragment(template, value, value) == format_html(template, value, value)
    assert fragment('<a title="{title}">x</a>', title=value) == format_html('<a title="{title}">x</a>', title=value)


def test_a_fragment_is_marked_safe_so_templates_do_not_escape_it_twice():
    assert isinstance(fragment("<b>{}</b>", "&"), SafeString)


def test_join_keeps_fragments_and_escapes_plain_text():
    assert join([fragment("<b>{}</b>", "&"), "<i>"], " ") == "<b>&amp;</b> &lt;i&gt;"


@pytest.mark.django_db
def test_hostile_names_show_as_text_in_statement_rows_and_search_results(client):
    meeting = make_meeting(title="<img src=x onerror=alert(1)>", session="")
    make_statement(meeting=meeting, delegation=make_delegation("<b>Sweden</b>"),
                   on_behalf_of=make_delegation("<i>Group</i>", kind="group"), paragraphs=["Oceans matter."])
    for params in ({}, {"q": "oceans"}):
        page = client.get(reverse("archive:statement-list"), params).content.decode()
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "<img src=x" not in page
        assert "&lt;i&gt;Group&lt;/i&gt;" in page and "<i>Group</i>" not in page


def test_fragments_give_the_rows_as_fragments_joined():
    from statements_site.archive.markup import fragments

    rows = [("?a=1&b=2", "<Sweden>", SafeString("1,234")), ("?c", "Mexico & co", "5")]
    template = '<li><a href="{}">{}</a> {}</li>'
    assert fragments(template, rows) == join([fragment(template, *row) for row in rows])
    assert isinstance(fragments(template, rows), SafeString) and fragments(template, []) == ""
