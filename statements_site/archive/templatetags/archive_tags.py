"""Small formatting filters and tags for the archive's templates.

Over 400 lines: it is the one template library every page loads, and its render_* tags (facets,
paragraphs, debate turns, result rows) build the busiest fragments with markup.py from the same
small formatters above them (languages, names, badges, links), which they share with the filters."""
import unicodedata
from urllib.parse import quote

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext as _, gettext_lazy, ngettext, override

from .. import citations, documents, search, symbols
from ..local_names import delegation_name
from ..markup import fragment, fragments, join
from ..models import Language
from ..reversing import pattern

register = template.Library()

# Languages written right to left: their text gets dir="rtl" as well as lang.
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}


def language_attributes(code):
    """` lang="ar" dir="rtl"` for text in a statement's language, so browsers lay it out and screen
    readers pronounce it by that language's rules; no language claim for an unknown one ("other")."""
    code = str(code or "")
    if not code.isalpha() or len(code) > 3:
        return ' dir="auto"' if get_language_bidi() else ""
    if code in RIGHT_TO_LEFT:
        return f' lang="{code}" dir="rtl"'
    # On a right-to-left page (the Arabic interface), English or French text says it runs left to
    # right, or its full stops and brackets land on the wrong side.
    return f' lang="{code}" dir="ltr"' if get_language_bidi() else f' lang="{code}"'


@register.filter
def lang(code):
    """The lang (and dir) attributes for text in a statement's language: `<p{{ statement.language|lang }}>`."""
    return mark_safe(language_attributes(code))


@register.filter
def script_direction(text):
    """"rtl" or "ltr": the way the first letter of `text` that has a direction is written. A search's
    words say which way the passages they match run, whatever the interface's language."""
    for character in str(text):
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@register.filter
def highlight(text, query):
    """The text, escaped, with the search's words in <mark>; plain escaped text without a search."""
    return search.highlight(text, query)


@register.filter
def quoted(text):
    """A search as the reader typed it, in quotation marks, unless it is one "quoted phrase" already."""
    text = str(text)
    if len(text) > 1 and text[0] == text[-1] == '"' and text.count('"') == 2:
        return text
    return f"“{text}”"


@register.simple_tag(takes_context=True)
def absolute_url(context, obj):
    return context["request"].build_absolute_uri(obj.get_absolute_url())


def permanent_path(public_id):
    """A paragraph's permanent address without a language prefix (/p/<id>/, which leads each reader to
    their own language): what citations and copied links carry, whatever the page's language."""
    with override(settings.LANGUAGE_CODE):
        return reverse("archive:paragraph-permalink", args=[public_id])


@register.simple_tag(takes_context=True)
def permanent_url(context, paragraph):
    return context["request"].build_absolute_uri(permanent_path(paragraph.public_id))


@register.simple_tag(takes_context=True)
def citation(context, paragraph, agenda_items, style="plain"):
    """A ready citation of the paragraph; style is plain, bibtex or csl."""
    url = permanent_url(context, paragraph)
    builder = {"plain": citations.plain, "bibtex": citations.bibtex, "csl": citations.csl_json}[style]
    return builder(paragraph, list(agenda_items), url)


SORT_LABELS = {"relevance": gettext_lazy("Relevance"), "newest": gettext_lazy("Newest"), "oldest": gettext_lazy("Oldest")}


@register.filter
def sort_label(sort):
    """A browse page's sort order as the reader sees it: "newest" -> "Newest", translated."""
    return SORT_LABELS.get(sort, str(sort).capitalize())


@register.filter(name="delegation_name")
def delegation_name_filter(name):
    """A delegation's canonical name (from a row of plain values) in the interface's language."""
    return delegation_name(name)


@register.filter
def paragraph_name(paragraph):
    return _("Paragraph %(label)s") % {"label": paragraph.label or paragraph.position}


def _words(context):
    """The human words of the fragments below, translated (and escaped) once per page rather than once
    per fragment: a gettext call costs several microseconds and a page shows hundreds of fragments.
    The words with a %(placeholder)s stay plain text, to be escaped once filled in."""
    words = context.render_context.get("fragment_words")
    if words is None:
        words = context.render_context["fragment_words"] = {
            **{name: conditional_escape(text) for name, text in [
                ("copy_link", _("Copy link")),
                ("cite", _("Cite")),
                ("copy_citation", _("Copy citation")),
                ("cite_formats", _("BibTeX and CSL-JSON")),
                ("permalink_title", _("Permanent link to this paragraph")),
                ("permalink", _("Permanent link to paragraph")),
                ("draft", _("Draft")),
                ("synthetic", _("Synthetic demo")),
            ]},
            "permalink_to": _("Permanent link to paragraph %(label)s"),
            "paragraph": _("Paragraph %(label)s"),
            "item": _("item %(number)s"),
            # Markup with {delegation} and {group} filled in by the row: translate the words around them.
            "on_behalf_of": _("{delegation} on behalf of {group}"),
        }
    return words


_FACET_VALUE = '<li><a href="{}" rel="nofollow">{}</a> <span class="count">{}</span></li>'


@register.simple_tag
def facet_values(values):
    """The <li> items of a facet list. Built here rather than with an include per value: a browse
    page lists hundreds of values."""
    if not any(selected for _value, _label, _count, selected, _url in values):  # most lists: one template for all
        return fragments(_FACET_VALUE, [(url, label, SafeString(f"{int(count):,}")) for _value, label, count, _selected, url in values])
    items = []
    selected_words = None  # translated at most once per list, and only when it has a selected value
    for value, label, count, selected, url in values:
        if selected:
            selected_words = selected_words or _("(selected; follow to remove)")
            items.append(fragment(
                '<li class="selected"><a href="{}" aria-current="true" rel="nofollow"><span aria-hidden="true">✓ </span>'
                '{}<span class="visually-hidden"> {}</span></a> <span class="count">{}</span></li>',
                url, label, selected_words, f"{int(count):,}",
            ))
        else:
            items.append(fragment(_FACET_VALUE, url, label, f"{int(count):,}"))
    return join(items)


@register.simple_tag(takes_context=True)
def render_facets(context, facets):
    """The browse page's facets, each a <section> with its values, a filter box and "show more" where
    it has more than a few, and the year range beside the year facet. Built here rather than with an
    include per facet (a dozen on every browse page: 1.5 ms of the page's rendering, the values
    included), with facet_values for the values."""
    sections = []
    type_to_filter = None
    for facet in facets:
        name, more = facet.name, facet.more
        year_range = ""
        if name == "year":
            year_range = context.template.engine.get_template("archive/includes/year_range.html").render(context)
        filter_box = shown_more = ""
        if more:
            type_to_filter = type_to_filter or _("Type to filter")
            filter_box = fragment(
                '<input type="search" class="facet-filter" data-facet="{}" aria-label="{}" placeholder="{}" hidden>',
                name, _("Filter the %(label)s list") % {"label": str(facet.label).lower()}, type_to_filter,
            )
            truncated = fragment('<p class="meta">{}</p>', _("Only the most frequent are listed.")) if facet.truncated else ""
            shown_more = fragment(
                '<details class="facet-more"><summary>{}</summary>\n    <ul class="facet-values">{}</ul>\n    {}\n  </details>',
                ngettext("Show %(n)s more", "Show %(n)s more", len(more)) % {"n": len(more)}, facet_values(more), truncated,
            )
        sections.append(fragment(
            '<section class="facet" aria-labelledby="facet-{name}">\n  <h3 id="facet-{name}">{label}</h3>\n  {year_range}'
            '\n  {filter_box}\n  <ul class="facet-values">\n  {values}\n  </ul>\n  {more}\n</section>',
            name=name, label=facet.label, year_range=year_range, filter_box=filter_box, values=facet_values(facet.shown),
            more=shown_more,
        ))
    return join(sections)


def _paragraph_urls(context):
    """The paragraph addresses as templates, reversed once per page rather than once per paragraph."""
    urls = context.render_context.get("paragraph_urls")
    if urls is None:
        urls = {
            name: reverse(route, args=["PUBLICID", *extra]).replace("PUBLICID", "{}")
            for name, route, extra in [
                ("permalink", "archive:paragraph-permalink", []),
                ("cite", "archive:paragraph-cite", []),
                ("ris", "archive:paragraph-cite-file", ["ris"]),
            ]
        }
        urls["permanent"] = permanent_path("PUBLICID").replace("PUBLICID", "{}")
        context.render_context["paragraph_urls"] = urls
    return urls


# Markup constants: a fragment passes them through rather than escaping them for every paragraph.
NOTHING = SafeString("")
IS_TARGET = SafeString(" is-target")


class _ParagraphsOf:
    """What every paragraph rendered at one place of a page shares: the addresses, the words, the
    statement's lang attributes, the search, the paragraph to highlight and, where the page is
    citable, the absolute address pattern and each statement's part of the citation. Read from the
    context once per statement rather than once per paragraph (a context lookup walks its layers)."""

    def __init__(self, context, language):
        self.context = context
        self.urls = _paragraph_urls(context)
        self.words = words = _words(context)
        attributes = words.get(("lang", language))  # made once per page and language
        if attributes is None:
            attributes = words[("lang", language)] = lang(language)
        self.attributes = attributes
        self.query = context.get("query")
        target = context.get("highlight")
        self.target_pk = getattr(target, "pk", None) if target is not None else None
        self.citable = context.get("citable")
        if self.citable:
            absolute = self.urls.get("absolute")
            if absolute is None:  # the request's host validated once, not once per paragraph
                absolute = self.urls["absolute"] = context["request"].build_absolute_uri(
                    self.urls["permanent"].format("PUBLICID")).replace("PUBLICID", "{}")
            self.absolute = absolute
            self.agenda_items = list(context.get("agenda_items") or [])
            self.cited = {}  # statement id -> its part of the citation

    def html(self, paragraph):
        urls, words = self.urls, self.words
        public_id = paragraph.public_id
        tools = NOTHING
        if self.citable:
            absolute = self.absolute.format(public_id)
            part = self.cited.get(paragraph.statement_id)
            if part is None:
                part = self.cited[paragraph.statement_id] = citations.plain_statement_part(
                    paragraph.statement, self.agenda_items)
            tools = fragment(
                '<div class="tools"><button type="button" class="copy link-button" data-copy="{absolute}" hidden>{copy_link}</button>'
                '<details class="cite"><summary>{cite}</summary><p class="citation" id="cite-{id}">{citation}</p>'
                '<p><button type="button" class="copy link-button" data-copy-from="cite-{id}" hidden>{copy_citation}</button> '
                '<a href="{cite_url}">{cite_formats}</a> · <a href="{ris_url}" download>RIS</a></p></details></div>',
                absolute=absolute, id=public_id, cite_url=urls["cite"].format(public_id), ris_url=urls["ris"].format(public_id),
                citation=citations.plain(paragraph, self.agenda_items, absolute, part),
                copy_link=words["copy_link"], cite=words["cite"], copy_citation=words["copy_citation"],
                cite_formats=words["cite_formats"],
            )
        label = paragraph.label
        return fragment(
            '<div class="paragraph{is_target}" id="{anchor}"><span class="label">{label}</span>'
            '<div class="text"><p{lang}>{text}</p>{tools}</div>'
            '<a class="permalink" rel="bookmark" href="{permalink}" title="{title}" aria-label="{aria_label}">¶</a></div>',
            is_target=IS_TARGET if self.target_pk is not None and self.target_pk == paragraph.pk else NOTHING,
            anchor=f"p-{public_id}", label=f"{label}." if label else NOTHING, lang=self.attributes,
            text=_marked_text(self.query, paragraph.text), tools=tools, permalink=urls["permalink"].format(public_id),
            title=words["permalink_title"],
            aria_label=words["permalink_to"] % {"label": label} if label else words["permalink"],
        )


@register.simple_tag(takes_context=True)
def render_paragraph(context, paragraph, language=""):
    """One paragraph of a statement: printed label, text (search words marked), the cite tools where the
    page is citable, and the permanent link (an `id` anchor and `<a rel="bookmark">`, which the archive
    promises to keep).

    Rendered here rather than by an include: a debate page shows hundreds of paragraphs, and an
    include each costs several times more than this."""
    return _ParagraphsOf(context, language).html(paragraph)


def _marked_text(query, text):
    """A paragraph's text with the search's words marked and the UN documents it cites linked."""
    if not query and not symbols.find(text):
        return text  # plain text: fragment() and the template escape it, cheaper than highlight's escape()
    return documents.linked_text(text, lambda part: search.highlight(part, query))


@register.simple_tag(takes_context=True)
def document_links(context, text):
    """`text` with the UN documents it cites linked to the UN's document system (and search words marked)."""
    return _marked_text(context.get("query"), text)


@register.simple_tag
def cited_documents(paragraphs):
    """[(symbol, archive page)] of the documents `paragraphs` cite, each once, in order of first citation.
    Read from the paragraphs' text (already loaded for the page), not from the database."""
    found = dict.fromkeys(symbol for paragraph in paragraphs for symbol in symbols.symbols(paragraph.text))
    return [(symbol, documents.document_url(symbol)) for symbol in found]


@register.simple_tag(takes_context=True)
def render_paragraphs(context, paragraphs, language=""):
    """Every paragraph of `paragraphs`, each as render_paragraph makes it (one tag call per
    statement rather than one per paragraph); `language` is the statement's, for lang and dir."""
    shared = _ParagraphsOf(context, language)
    return join(shared.html(paragraph) for paragraph in paragraphs)


@register.simple_tag
def debate_contents(statements):
    """The <li> links to each statement of a debate page, by who spoke (see render_debate_turns)."""
    return join(fragment('<li><a href="#turn-{}">{}</a></li>', statement.pk, statement.attribution) for statement in statements)


@register.simple_tag(takes_context=True)
def render_debate_turns(context, statements):
    """The statements of a debate page, each an <article>: who (linked to the statement), badges, the
    speaker, salutation, paragraphs and closing. Built here rather than in the template's loop, for
    the reason of render_paragraph: twenty statements' variables and tags cost the page 5 ms."""
    words = _words(context)
    turns = []
    for statement in statements:
        language = statement.language
        paragraphs = _ParagraphsOf(context, language)
        attributes = paragraphs.attributes
        speaker = ""
        if statement.speaker:
            speaker = fragment('\n  <p class="meta">{}{}</p>', statement.speaker,
                               f", {statement.speaker_title}" if statement.speaker_title else "")
        turns.append(fragment(
            '<article class="statement debate-turn" aria-labelledby="turn-{pk}">\n'
            '  <h2 id="turn-{pk}"><a href="{url}">{who}</a>{badges}</h2>{speaker}{salutation}\n'
            '  <div class="paragraphs">{paragraphs}</div>{closing}\n</article>',
            pk=statement.pk, url=_statement_url(context, statement.pk), who=statement.attribution,
            badges=_badges(statement, words), speaker=speaker,
            salutation=fragment('\n  <p class="salutation"{}>{}</p>', attributes, statement.salutation) if statement.salutation else "",
            paragraphs=join(paragraphs.html(paragraph) for paragraph in statement.paragraphs.all()),
            closing=fragment('\n  <p class="closing"{}>{}</p>', attributes, statement.closing) if statement.closing else "",
        ))
    return join(turns, "\n")


def _statement_url(context, pk):
    """A statement's address, from a pattern reversed once per page (a list shows hundreds)."""
    address = context.render_context.get("statement_url")
    if address is None:
        address = context.render_context["statement_url"] = pattern("archive:statement-detail")
    return address.format(pk)


def _badges(statement, words):
    """The draft and synthetic badges: fragments built once per page (see _words), joined per row."""
    badges = words.get("badges")
    if badges is None:
        badges = words["badges"] = (fragment(' <span class="badge">{}</span>', words["draft"]),
                                    fragment(' <span class="badge synthetic">{}</span>', words["synthetic"]))
    draft = statement.status != "published"
    if draft and statement.is_synthetic:
        return SafeString(badges[0] + badges[1])
    return badges[0] if draft else badges[1] if statement.is_synthetic else ""


def _details(statement, words, *more):
    """Meeting · date · items · language (· more), as one line of text."""
    items = ", ".join(words["item"] % {"number": number} for number in statement.item_numbers)
    # The language's name from a dictionary made once per page (get_language_display() builds one per
    # call), its lazy names made text once rather than once per row.
    languages = words.get("languages")
    if languages is None:
        languages = words["languages"] = {code: str(name) for code, name in Language.choices}
    # The date as the page's language writes it, formatted once per day and meeting on the page (a
    # meeting page's rows share a few: formatting translates the month's name each time).
    key = ("date", statement.date, statement.meeting_id)
    date = words.get(key)
    if date is None:
        date = words[key] = statement.date_display
    details = [statement.meeting.name, date, items, languages.get(statement.language, statement.language), *more]
    return " · ".join(str(part) for part in details if part)


@register.simple_tag(takes_context=True)
def render_statement_row(context, statement):
    """One statement in a list (browse, meeting, delegation pages): who, badges, meeting, date, items.

    Rendered here rather than by an include, for the same reason as render_paragraph: a meeting
    page lists a few hundred rows."""
    words = _words(context)
    who = fragment("<strong>{}</strong>", str(statement.delegation))
    if statement.on_behalf_of_id:
        who = fragment(words["on_behalf_of"], delegation=who, group=str(statement.on_behalf_of))
    return fragment(
        '<li class="statement-row"><a href="{}">{}</a>{}<div class="meta">{}</div></li>',
        _statement_url(context, statement.pk), who, _badges(statement, words), _details(statement, words, statement.speaker),
    )


def _more_hits(words, more):
    """“4 more matching paragraphs in this statement”, translated once per page for each count."""
    key = ("more", more)
    if key not in words:
        words[key] = ngettext(
            "%(count)s more matching paragraph in this statement", "%(count)s more matching paragraphs in this statement", more
        ) % {"count": more}
    return words[key]


@register.simple_tag(takes_context=True)
def render_result(context, statement, shown, more):
    """One search result: the statement, its best matching paragraphs with their snippets (safe HTML
    from search.snippets) and how many more match. Built here for the same reason as
    render_statement_row."""
    words = _words(context)
    url = f"{_statement_url(context, statement.pk)}?q={quote(context['query'].text, safe='/')}"
    language = lang(statement.language)
    hits = join(
        fragment(
            '<li><a class="hit-link" href="{}#{}">{}</a> <span class="snippet"{}>{}</span>{}</li>',
            url, paragraph.anchor, words["paragraph"] % {"label": paragraph.label or paragraph.position}, language, snippet,
            "",
        )
        if not getattr(paragraph, "in_version", False) and not getattr(paragraph, "siblings", None)
        else _version_hit(context, paragraph, snippet, words)
        for paragraph, snippet in shown
    )
    more_link = fragment('<p class="more-hits"><a href="{}">{}</a></p>', url, _more_hits(words, more)) if more > 0 else ""
    return fragment(
        '<li class="result"><h3><a href="{}">{}</a>{}</h3><div class="meta">{}</div><ol class="hits">{}</ol>{}</li>',
        url, statement.attribution, _badges(statement, words), _details(statement, words), hits, more_link,
    )


def _version_hit(context, paragraph, snippet, words):
    """A hit of a statement with language versions: the paragraph in the language it matched in,
    at its own text's address, and links to the same paragraph in the statement's other languages."""
    from ..versions import language_name

    query = quote(context["query"].text, safe="/")
    language = paragraph.text_language
    name = words["paragraph"] % {"label": paragraph.label or paragraph.position}
    if paragraph.in_version:
        name = f"{name} ({language_name(language)})"
    permalinks = _paragraph_urls(context)["permalink"]
    siblings = join(
        (fragment('<a href="{}" hreflang="{}"{}>{}</a>', permalinks.format(sibling.public_id), code, lang(code),
                  language_name(code)) for code, sibling in paragraph.siblings),
        " · ",
    )
    also = fragment(' <span class="also-in">{} {}</span>', _("Also in:"), siblings) if paragraph.siblings else ""
    return fragment(
        '<li><a class="hit-link" href="{}?q={}#{}">{}</a> <span class="snippet"{}>{}</span>{}</li>',
        _statement_url(context, paragraph.statement_id), query, paragraph.anchor, name,
        lang(language), snippet, also,
    )
