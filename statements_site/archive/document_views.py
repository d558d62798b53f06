"""Pages of the UN documents statements cite: which paragraphs cite one, by whom and when."""
import re

from django.core.paginator import Paginator
from django.db.models import Count, Max, Min
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import symbols
from .documents import DocumentMention
from .models import Statement
from .views import PAGE_SIZE

DOCUMENTS_LISTED = 200
BARE_RESOLUTION = re.compile(r"\d{1,2}/\d{1,3}[A-Z]?")


def mentions_in(request):
    """The citations in statements this visitor may see. A join on the statement's status, not
    `statement IN (published statements)`: SQLite probed that list once per citation (7 s for 3,000
    citations among 10,000 statements; 30 ms as a join)."""
    if request.user.is_staff:
        return DocumentMention.objects.all()
    return DocumentMention.objects.filter(paragraph__statement__status=Statement.Status.PUBLISHED)


@require_safe
def document_list(request):
    """The documents most cited, and a box to look one up by symbol or resolution number."""
    asked = (request.GET.get("symbol") or "").strip()[:200]
    notice = ""
    if asked:
        found = symbols.symbols(asked)
        if not found and BARE_RESOLUTION.fullmatch(asked):  # "74/247"; not "12/2020", a month
            found = symbols.symbols(f"resolution {asked}")
        if found:
            return redirect("archive:document-detail", found[0])
        notice = _(
            "“%(asked)s” is not a UN document symbol or resolution number the archive recognises "
            "(for example A/RES/74/247, E/CN.15/2020/L.4 or resolution 74/247)."
        ) % {"asked": asked}
    rows = (
        mentions_in(request).values_list("symbol")
        .annotate(n=Count("paragraph_id"), first=Min("paragraph__statement__year"), last=Max("paragraph__statement__year"))
        .order_by("-n", "symbol")[:DOCUMENTS_LISTED]
    )
    return render(request, "archive/documents/document_list.html", {"documents": rows, "asked": asked, "notice": notice})


@require_safe
def document_detail(request, symbol):
    """Every visible paragraph citing `symbol`, oldest statement first: who cited it, and when."""
    if symbols.symbols(symbol) != [symbol]:
        # Checked before any query: an address is any text, and PostgreSQL refuses some (a NUL).
        raise Http404("This is not a document symbol the archive recognises.")
    mentions = mentions_in(request).filter(symbol=symbol)
    ordered = mentions.select_related(
        "paragraph__statement__meeting", "paragraph__statement__delegation", "paragraph__statement__on_behalf_of",
        "paragraph__statement__person",
    ).order_by("paragraph__statement__year", "paragraph__statement__meeting__date_start", "paragraph__statement__position",
               "paragraph__statement_id", "paragraph__position")
    page = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "symbol": symbol,
        "official_url": symbols.url(symbol),
        "page": page,
        "mentions": page.object_list,
        "statement_count": mentions.values("paragraph__statement_id").distinct().count(),
    }
    return render(request, "archive/documents/document_detail.html", context)
