"""sitemap.xml: every public page, one section per kind, paginated by Django past `limit` URLs."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import AgendaItem, Body, Delegation, Meeting, Paragraph, Statement
from .versions import readable


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["archive:home", "archive:statement-list", "archive:body-list", "archive:delegation-list",
                "archive:api-docs"]

    def location(self, name):
        return reverse(name)


class BodySitemap(Sitemap):
    def items(self):
        return Body.objects.public().order_by("pk").only("slug")


class MeetingSitemap(Sitemap):
    def items(self):
        return Meeting.objects.public().order_by("pk").only("slug")


class AgendaItemSitemap(Sitemap):
    def items(self):
        return AgendaItem.objects.public().order_by("pk").select_related("meeting").only("number", "meeting__slug")


class DelegationSitemap(Sitemap):
    def items(self):
        return Delegation.objects.public().order_by("pk").only("slug")


class StatementSitemap(Sitemap):
    def items(self):
        # Language versions have pages of their own.
        return readable().order_by("pk").only("pk", "updated")

    def lastmod(self, statement):
        return statement.updated


class ParagraphSitemap(Sitemap):
    """Paragraph permalinks: the addresses people cite. Identifiers only, no model instances."""

    limit = 20000

    def items(self):
        return (
            Paragraph.objects.filter(statement__status=Statement.Status.PUBLISHED)
            .exclude(statement__version_of__status=Statement.Status.DRAFT)  # a version of a draft is not public
            .order_by("pk")
            .values_list("public_id", flat=True)
        )

    def location(self, public_id):
        return reverse("archive:paragraph-permalink", args=[public_id])


SITEMAPS = {
    "pages": PagesSitemap,
    "bodies": BodySitemap,
    "meetings": MeetingSitemap,
    "agenda-items": AgendaItemSitemap,
    "delegations": DelegationSitemap,
    "statements": StatementSitemap,
    "paragraphs": ParagraphSitemap,
}
