"""Small formatting filters and tags for the archive's templates."""
from html import escape
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .. import citations, search

register = template.Library()

# Languages written right to left: their text gets dir="rtl" as well as lang.
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}


def language_attributes(code):
    """` lang="ar" dir="rtl"` for text in a statement's language, so browsers lay it out and screen
    readers pronounce it by that language's rules; nothing for an unknown language ("other")."""
    code = str(code or "")
    if not code.isalpha() or len(code) > 3:
        return ""
    return f' lang="{code}" dir="rtl"' if code in RIGHT_TO_LEFT else f' lang="{code}"'


@register.filter
def lang(code):
    """The lang (and dir) attributes for text in a statement's language: `<p{{ statement.language|lang }}>`."""
    return mark_safe(language_attributes(code))


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


@register.simple_tag(takes_context=True)
def citation(context, paragraph, agenda_items, style="plain"):
    """A ready citation of the paragraph; style is plain, bibtex or csl."""
    url = context["request"].build_absolute_uri(paragraph.get_absolute_url())
    builder = {"plain": citations.plain, "bibtex": citations.bibtex, "csl": citations.csl_json}[style]
    return builder(paragraph, list(agenda_items), url)


@register.filter
def paragraph_name(paragraph):
    return f"Paragraph {paragraph.label}" if paragraph.label else f"Paragraph {paragraph.position}"


@register.simple_tag
def facet_values(values):
    """The <li> items of a facet list. Built here rather than with an include per value: a browse
    page lists hundreds of values. Escaped with the standard library's html.escape (what Django's
    escape() calls, without its lazy-string wrapping, which cost more than the rest of the item)."""
    items = []
    for value, label, count, selected, url in values:
        if selected:
            items.append(
                f'<li class="selected"><a href="{escape(url)}" aria-current="true" rel="nofollow"><span aria-hidden="true">✓ </span>'
                f'{escape(str(label))}<span class="visually-hidden"> (selected; follow to remove)</span></a> '
                f'<span class="count">{int(count):,}</span></li>'
            )
        else:
            items.append(f'<li><a href="{escape(url)}" rel="nofollow">{escape(str(label))}</a> <span class="count">{int(count):,}</span></li>')
    return mark_safe("".join(items))


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
        context.render_context["paragraph_urls"] = urls
    return urls


@register.simple_tag(takes_context=True)
def render_paragraph(context, paragraph, language=""):
    """One paragraph of a statement: printed label, text (search words marked), the cite tools where the
    page is citable, and the permanent link (CONTRACT.md: an `id` anchor and `<a rel="bookmark">`).

    Rendered here rather than by an include: a debate page shows hundreds of paragraphs, and an
    include each costs several times more than this. Escaped as in facet_values."""
    urls = _paragraph_urls(context)
    public_id = escape(paragraph.public_id)
    permalink = urls["permalink"].format(public_id)
    target = context.get("highlight")
    tools = ""
    if context.get("citable"):
        request = context["request"]
        absolute = escape(request.build_absolute_uri(permalink))
        plain = citations.plain(paragraph, list(context.get("agenda_items") or []), request.build_absolute_uri(permalink))
        tools = (
            f'<div class="tools"><button type="button" class="copy link-button" data-copy="{absolute}" hidden>Copy link</button>'
            f'<details class="cite"><summary>Cite</summary><p class="citation" id="cite-{public_id}">{escape(plain)}</p>'
            f'<p><button type="button" class="copy link-button" data-copy-from="cite-{public_id}" hidden>Copy citation</button> '
            f'<a href="{urls["cite"].format(public_id)}">BibTeX and CSL-JSON</a> · '
            f'<a href="{urls["ris"].format(public_id)}" download>RIS</a></p></details></div>'
        )
    label = escape(paragraph.label)
    is_target = " is-target" if target is not None and getattr(target, "pk", None) == paragraph.pk else ""
    return mark_safe(
        f'<div class="paragraph{is_target}" id="{escape(paragraph.anchor)}"><span class="label">{f"{label}." if label else ""}</span>'
        f'<div class="text"><p{language_attributes(language)}>{search.highlight(paragraph.text, context.get("query"))}</p>{tools}</div>'
        f'<a class="permalink" rel="bookmark" href="{permalink}" title="Permanent link to this paragraph" '
        f'aria-label="Permanent link to paragraph{f" {label}" if label else ""}">¶</a></div>'
    )


@register.simple_tag(takes_context=True)
def render_paragraphs(context, paragraphs, language=""):
    """Every paragraph of `paragraphs`, each as render_paragraph makes it (one tag call per
    statement rather than one per paragraph); `language` is the statement's, for lang and dir."""
    return mark_safe("".join(render_paragraph(context, paragraph, language) for paragraph in paragraphs))


def _statement_url(context, pk):
    """A statement's address, from a pattern reversed once per page (a list shows hundreds)."""
    pattern = context.render_context.get("statement_url")
    if pattern is None:
        pattern = context.render_context["statement_url"] = reverse("archive:statement-detail", args=[0]).replace(
            "/0/", "/{}/"
        )
    return pattern.format(pk)


@register.simple_tag(takes_context=True)
def render_statement_row(context, statement):
    """One statement in a list (browse, meeting, delegation pages): who, badges, meeting, date, items.

    Rendered here rather than by an include, for the same reason as render_paragraph: a meeting
    page lists a few hundred rows. Escaped as in facet_values."""
    badges = mark_safe(
        (' <span class="badge">Draft</span>' if statement.status != "published" else "")
        + (' <span class="badge synthetic">Synthetic demo</span>' if statement.is_synthetic else "")
    )
    items = ", ".join(f"item {number}" for number in statement.item_numbers)
    details = [statement.meeting.name, statement.date_display, items, statement.get_language_display(), statement.speaker]
    group = f" on behalf of {escape(str(statement.on_behalf_of))}" if statement.on_behalf_of_id else ""
    meta = escape(" · ".join(str(part) for part in details if part))
    return mark_safe(
        f'<li class="statement-row"><a href="{_statement_url(context, statement.pk)}"><strong>{escape(str(statement.delegation))}</strong>'
        f'{group}</a>{badges}<div class="meta">{meta}</div></li>'
    )


@register.simple_tag(takes_context=True)
def render_result(context, statement, shown, more):
    """One search result: the statement, its best matching paragraphs with their snippets (safe HTML
    from search.snippets) and how many more match. Built here for the same reason as
    render_statement_row; escaped as in facet_values."""
    q = quote(context["query"].text, safe="/")
    url = f"{_statement_url(context, statement.pk)}?q={escape(q)}"
    badges = (' <span class="badge">Draft</span>' if statement.status != "published" else "") + (
        ' <span class="badge synthetic">Synthetic demo</span>' if statement.is_synthetic else ""
    )
    items = ", ".join(f"item {number}" for number in statement.item_numbers)
    details = [statement.meeting.name, statement.date_display, items, statement.get_language_display()]
    meta = " · ".join(part for part in details if part)
    hits = "".join(
        f'<li><a class="hit-link" href="{url}#{escape(paragraph.anchor)}">{escape(paragraph_name(paragraph))}</a> '
        f'<span class="snippet"{language_attributes(statement.language)}>{conditional_escape(snippet)}</span></li>'
        for paragraph, snippet in shown
    )
    more_link = (
        f'<p class="more-hits"><a href="{url}">{more} more matching paragraph{"s" if more != 1 else ""} in this statement</a></p>'
        if more > 0 else ""
    )
    return mark_safe(
        f'<li class="result"><h3><a href="{url}">{escape(statement.attribution)}</a>{badges}</h3>'
        f'<div class="meta">{escape(meta)}</div><ol class="hits">{hits}</ol>{more_link}</li>'
    )
