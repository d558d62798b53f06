"""Every word a reader sees in the site's templates goes through gettext: a template with English
outside {% translate %} / {% blocktranslate %} would show English on the French, Spanish and Arabic
pages. Staff-only admin templates are checked too, except the import page (see STAFF_ONLY)."""
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Names and formats that read the same in every language.
UNTRANSLATED = {"Akoma Ntoso XML", "Markdown", "JSON", "CSV", "RIS", "BibTeX", "CSL-JSON", "API", "Atom", "UTC"}
# Meta tags whose content people read (in search results and link previews); og:type and the like are codes.
SHOWN_META = {"description", "og:title", "og:description", "og:site_name", "twitter:title", "twitter:description"}
# Words shown to people in attributes.
SHOWN_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "content", "value"}
# Staff-only pages still in English, each with the reason.
STAFF_ONLY = {
    "admin/archive/statement/import.html": "the staff import page; staff work in English for now",
    "admin/archive/statement/includes/version_proposal.html": "part of the staff import page",
    "admin/locked_out.html": "the staff sign-in lockout page",
    "admin/index.html": "the staff index",
    "admin/archive/statement/change_list_object_tools.html": "a staff button",
}

TEMPLATE_TAG = re.compile(
    r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|{{.*?}}|{%.*?%}",
    re.S,
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


class ShownText(HTMLParser):
    """The text and shown attribute values of an HTML page, outside <script>, <style>, <pre>, <code>."""

    HIDDEN = {"script", "style", "pre", "code", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1
        attributes = dict(attrs)
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value and not (name == "value" and attributes.get("type") in {"hidden", "radio", "checkbox"}):
                if name == "content" and (attributes.get("name") or attributes.get("property")) not in SHOWN_META:
                    continue
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.found.append(data)


def english_words(source):
    parser = ShownText()
    parser.feed(TEMPLATE_TAG.sub(" ", source))
    words = []
    for text in parser.found:
        for name in sorted(UNTRANSLATED, key=len, reverse=True):
            text = text.replace(name, " ")
        words += WORD.findall(text)
    return words


def templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = str(path.relative_to(TEMPLATES))
        if name not in STAFF_ONLY:
            yield name


@pytest.mark.parametrize("name", list(templates()))
def test_template_shows_no_english_outside_translate_tags(name):
    assert english_words((TEMPLATES / name).read_text(encoding="utf-8")) == []


def test_the_check_finds_english_outside_translate_tags():
    assert english_words('<p>Nothing found.</p><input placeholder="Type here">') == ["Nothing", "found", "Type", "here"]
    assert english_words('<p>{% translate "Nothing found." %} {{ count }}</p><code>prefix*</code>') == []
    assert english_words('{% blocktranslate %}Page {{ n }}{% endblocktranslate %} <a title="{% translate "x" %}">¶</a>') == []
