"""Pages of a statement's language versions: the original and its translations side by side, aligned
by paragraph (versions.py holds the logic; this module reads the request and renders)."""
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import versions

MAX_COLUMNS = 6  # the UN's six languages


@require_safe
def statement_languages(request, pk):
    """Every language of one statement, paragraph beside paragraph, each with its permanent link.
    Four queries whatever the number of languages or paragraphs."""
    staff = request.user.is_staff
    statement = get_object_or_404(
        versions.readable(staff).select_related("meeting__body", "delegation", "on_behalf_of"), pk=pk
    )
    texts = versions.family(statement, staff)[:MAX_COLUMNS]
    context = {
        "statement": statement,
        "texts": texts,
        "rows": versions.aligned_rows(texts),
        "languages": [(text, text.pk == statement.pk) for text in texts] if len(texts) > 1 else [],
        "side_by_side": True,
    }
    return render(request, "archive/statement_languages.html", context)
