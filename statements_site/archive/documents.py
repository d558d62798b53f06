"""Which paragraphs cite which UN documents: the mentions symbols.find() recognises, kept as rows so
a document's page can list every paragraph citing it with one indexed query.

The rows are kept in step explicitly: the import and the admin call refresh() for the statement they
saved, inside the same transaction; `manage.py link_documents` rebuilds them all (after a bulk load).
"""
from django.db import models, transaction
from django.db.models import Count, Max, Min
from django.urls import reverse

from . import symbols
from .markup import fragment, join


class DocumentMention(models.Model):
    """One UN document (by canonical symbol) cited in one paragraph."""

    paragraph = models.ForeignKey("archive.Paragraph", on_delete=models.CASCADE, related_name="document_mentions")
    symbol = models.CharField(max_length=120)
    written = models.CharField(max_length=200, help_text="The words as the paragraph writes them.")

    class Meta:
        ordering = ["paragraph", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["paragraph", "symbol"], name="document_mention_once_per_paragraph"),
        ]
        indexes = [
            # The document page: every paragraph citing one symbol; the document list's counts.
            models.Index(fields=["symbol", "paragraph"], name="document_mention_symbol_idx"),
        ]

    def __str__(self):
        return f"{self.symbol} in paragraph {self.paragraph_id}"

    @property
    def url(self):
        return symbols.url(self.symbol)


def document_url(symbol):
    """The archive's page of a document: who cited it, and when."""
    return reverse("archive:document-detail", args=[symbol])


def mentions_of(paragraphs):
    """DocumentMention rows (unsaved) for the given paragraphs' texts."""
    rows = []
    for paragraph in paragraphs:
        seen = set()
        for reference in symbols.find(paragraph.text):
            if reference.symbol not in seen:
                seen.add(reference.symbol)
                rows.append(DocumentMention(paragraph=paragraph, symbol=reference.symbol[:120], written=reference.written[:200]))
    return rows


def refresh(statement):
    """Read the documents `statement`'s paragraphs cite again, replacing its mentions. Returns how many."""
    from .models import Paragraph

    paragraphs = list(Paragraph.objects.filter(statement=statement).only("pk", "text"))
    with transaction.atomic():
        DocumentMention.objects.filter(paragraph__statement=statement).delete()
        rows = DocumentMention.objects.bulk_create(mentions_of(paragraphs))
    return len(rows)


def rebuild(batch=2000):
    """Every paragraph's mentions read again (after a bulk load or a change to the recognition).
    Returns (paragraphs read, mentions stored)."""
    from .models import Paragraph

    read = stored = 0
    with transaction.atomic():
        DocumentMention.objects.all().delete()
        last = 0
        while True:
            paragraphs = list(Paragraph.objects.filter(pk__gt=last).order_by("pk").only("pk", "text")[:batch])
            if not paragraphs:
                break
            last = paragraphs[-1].pk
            read += len(paragraphs)
            stored += len(DocumentMention.objects.bulk_create(mentions_of(paragraphs)))
    return read, stored


def cited(statements):
    """Documents the paragraphs of `statements` cite: [(symbol, paragraphs citing it, first and last
    year)], most cited first."""
    return list(
        DocumentMention.objects.filter(paragraph__statement__in=statements)
        .values_list("symbol")
        .annotate(n=Count("paragraph_id"), first=Min("paragraph__statement__year"), last=Max("paragraph__statement__year"))
        .order_by("-n", "symbol")
    )


def linked_text(text, highlight):
    """`text` as safe HTML: each document it cites a link to the UN's document system (the words as
    written), the rest through `highlight` (search.highlight with the page's query, which escapes)."""
    references = symbols.find(text)
    if not references:
        return highlight(text)
    parts, last = [], 0
    for reference in references:
        parts.append(highlight(text[last:reference.start]))
        parts.append(fragment(
            '<a class="document-symbol" href="{}" title="{}" data-symbol="{}">{}</a>',
            reference.url, reference.symbol, reference.symbol, highlight(reference.written),
        ))
        last = reference.end
    parts.append(highlight(text[last:]))
    return join(parts)
