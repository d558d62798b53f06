"""The 400, 404 and 500 pages: the site's header, a search box and a way on.

A mistyped paragraph address (/p/<id>/) also suggests the paragraphs whose identifier is one
keystroke away from what was typed, current or retired.
"""
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .models import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, Paragraph, RetiredParagraph
from .versions import readable

MAX_SUGGESTIONS = 3


def one_keystroke_away(typed):
    """Every identifier one substitution, missing, extra or swapped character away from `typed`
    (about 600 strings for a 10-character id), in the identifier alphabet."""
    typed = typed.strip().strip(".,;:)(]['\"").lower()
    if abs(len(typed) - PUBLIC_ID_LENGTH) > 1:
        return set()
    found = set()
    for i in range(len(typed) + 1):
        head, tail = typed[:i], typed[i:]
        if tail:
            found.add(head + tail[1:])  # one character too many
            found.update(head + ch + tail[1:] for ch in PUBLIC_ID_ALPHABET)  # one character wrong
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])  # two characters swapped
        found.update(head + ch + tail for ch in PUBLIC_ID_ALPHABET)  # one character missing
    found.add(typed)  # the same id in capitals or with a trailing full stop
    return {candidate for candidate in found if len(candidate) == PUBLIC_ID_LENGTH}


def similar_paragraphs(typed):
    """Published paragraphs whose identifier, or a retired identifier of theirs, is one keystroke
    from `typed`: [(identifier, statement)]. Two indexed IN queries."""
    candidates = one_keystroke_away(typed) - {typed}
    if not candidates:
        return []
    published = readable().select_related("delegation", "on_behalf_of", "meeting")  # language versions too
    current = Paragraph.objects.filter(public_id__in=candidates, statement__in=published.values("pk"))
    retired = RetiredParagraph.objects.filter(public_id__in=candidates, statement__in=published.values("pk"))
    rows = list(current.values_list("public_id", "statement_id")[:MAX_SUGGESTIONS])
    rows += list(retired.values_list("public_id", "statement_id")[: MAX_SUGGESTIONS - len(rows)])
    statements = published.in_bulk([statement_id for _, statement_id in rows])
    return [(public_id, statements[statement_id]) for public_id, statement_id in rows]


def page_not_found(request, exception):
    match = request.resolver_match
    typed = match.kwargs.get("public_id") if match and match.url_name == "paragraph-permalink" else None
    context = {"path": request.path, "suggestions": similar_paragraphs(typed) if typed else []}
    return render(request, "404.html", context, status=404)


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def server_error(request):
    # Rendered without the request: its context processors read the session and the user from the
    # database, which may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
