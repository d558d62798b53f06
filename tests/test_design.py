"""The page frame every template extends: it must render where nothing else can, as on a 500."""
from django.template import Context, Template


def test_the_page_frame_renders_with_no_context_no_request_and_no_database():
    # No django_db mark: any query here fails the test, as it would fail a 500 page with the database down.
    html = Template('{% extends "base.html" %}{% block content %}<h1>Something went wrong</h1>{% endblock %}').render(Context())
    assert "<h1>Something went wrong</h1>" in html
    assert 'role="search"' in html and 'class="site-name"' in html and 'rel="icon"' in html
