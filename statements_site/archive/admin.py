"""The staff admin: configured for daily loading and correcting of statements, not rebuilt.

Meetings, agenda items, delegations and the records the archive writes here; statements and their import
in admin_statements (imported first: it registers the statement admin), people in admin_people (imported
at the end, so autodiscovery registers it)."""
import logging

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from .admin_statements import SyntheticListFilter
from .filters import forget_facet_counts
from .models import (
    AgendaItem,
    Body,
    Delegation,
    DelegationAlias,
    Meeting,
    ProblemReport,
    RetiredParagraph,
    SlugHistory,
)


# Every staff change is also in the admin's own history (LogEntry); this log goes to stdout.
staff_log = logging.getLogger("archive.staff")


def merge_records(model_admin, request, records, plural):
    """The admin's merge action for records with merge_into() (delegations, people): the others fold into
    the first of `records`, in one transaction, logged, and told to the staff member in words."""
    if len(records) < 2:
        model_admin.message_user(request, f"Choose at least two {plural} to merge.", messages.WARNING)
        return
    target, others = records[0], records[1:]
    with transaction.atomic():
        for other in others:
            other.merge_into(target)
    forget_facet_counts()
    names = ", ".join(str(other) for other in others)
    staff_log.info(f"{plural} merged", extra={"user": request.user.get_username(), "into": target.pk, "merged": names})
    model_admin.message_user(
        request, f"Merged {names} into {target}. Their statements, names and old addresses now lead to {target}.",
        messages.SUCCESS,
    )


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "organisation", "meeting_count", "is_synthetic"]
    list_filter = ["organisation", ("is_synthetic", SyntheticListFilter)]
    search_fields = ["name", "short_name", "organisation"]
    prepopulated_fields = {"slug": ["short_name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_meeting_counts()

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, obj):
        return obj.meeting_count


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "number", "title"]
    extra = 1


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "body", "date_start", "date_end", "location", "statement_count"]
    list_filter = ["body", "year"]
    list_select_related = ["body"]
    search_fields = ["title", "session", "slug", "symbol", "body__name", "body__short_name", "location"]
    autocomplete_fields = ["body"]
    date_hierarchy = "date_start"
    inlines = [AgendaItemInline]
    fields = ["body", "title", "session", ("date_start", "date_end"), "location", "symbol", "source_url", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_count=Count("statements"))

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["title", "session"]}


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "meeting"]
    list_select_related = ["meeting__body"]
    list_filter = ["meeting__body"]
    search_fields = ["number", "title", "meeting__title", "meeting__session", "meeting__slug"]
    autocomplete_fields = ["meeting"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting__body")


class DelegationAliasInline(admin.TabularInline):
    model = DelegationAlias
    fields = ["name"]
    extra = 1


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code", "alternate_names"]
    list_filter = ["kind"]
    search_fields = ["name", "iso_code", "aliases__name"]
    autocomplete_fields = ["members"]
    inlines = [DelegationAliasInline]
    fields = ["name", "kind", "iso_code", "members", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset, True  # searching aliases joins a many-side table

    actions = ["merge_delegations"]

    @admin.action(description="Merge the selected delegations into the first one chosen (oldest)", permissions=["change"])
    def merge_delegations(self, request, queryset):
        merge_records(self, request, list(queryset.order_by("created", "pk")), "delegations")

    @admin.display(description="alternate names")
    def alternate_names(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["created", "status", "paragraph_link", "statement", "short_message", "email"]
    list_filter = ["status"]
    list_select_related = ["statement__delegation", "statement__meeting"]
    search_fields = ["message", "public_id", "email"]
    readonly_fields = ["statement", "public_id", "paragraph_link", "message", "email", "created"]
    fields = ["status", "paragraph_link", "statement", "message", "email", "created"]
    actions = ["mark_resolved", "mark_spam"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="paragraph")
    def paragraph_link(self, obj):
        from django.utils.html import format_html

        return format_html('<a href="{}">¶ {}</a>', reverse("archive:paragraph-permalink", args=[obj.public_id]), obj.public_id)

    @admin.display(description="message")
    def short_message(self, obj):
        return obj.message[:80]

    @admin.action(description="Mark as resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        queryset.update(status=ProblemReport.Status.RESOLVED)

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        queryset.update(status=ProblemReport.Status.SPAM)


class RecordAdmin(admin.ModelAdmin):
    """Rows the archive writes itself (old addresses, retired identifiers): never edited, and shown only
    to superusers, as editors have nothing to do with them (the public pages show where they lead)."""

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SlugHistory)
class SlugHistoryAdmin(RecordAdmin):
    list_display = ["kind", "slug", "object_id", "created"]
    list_filter = ["kind"]
    search_fields = ["slug"]


@admin.register(RetiredParagraph)
class RetiredParagraphAdmin(RecordAdmin):
    list_display = ["public_id", "fate", "successor_id", "statement", "retired", "reason"]
    list_filter = ["fate"]
    list_select_related = ["statement__delegation", "statement__meeting"]
    search_fields = ["public_id", "successor_id", "text"]


from . import admin_people  # noqa: E402,F401  (registers the people's admin)
# Research data: group memberships with dates, alignments read at import, lists of speakers.
from .research_models import Alignment, GroupMembership, ListedSpeaker  # noqa: E402


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    fk_name = "group"
    fields = ["member", "joined", "left", "note"]
    autocomplete_fields = ["member"]
    extra = 1
    verbose_name = "member with dates"
    verbose_name_plural = "members with dates (join and leave days)"


class ListedSpeakerInline(admin.TabularInline):
    model = ListedSpeaker
    fields = ["position", "delegation", "on_behalf_of", "source", "spoke"]
    autocomplete_fields = ["delegation", "on_behalf_of"]
    extra = 1
    verbose_name_plural = "list of speakers (from the official list or the meeting record)"


DelegationAdmin.inlines = [*DelegationAdmin.inlines, GroupMembershipInline]
MeetingAdmin.inlines = [*MeetingAdmin.inlines, ListedSpeakerInline]


@admin.register(Alignment)
class AlignmentAdmin(admin.ModelAdmin):
    list_display = ["statement", "aligned_with", "aligned_statement"]
    list_select_related = ["statement__delegation", "statement__meeting", "aligned_with", "aligned_statement__delegation"]
    search_fields = ["statement__delegation__name", "aligned_with__name", "sentence"]
    raw_id_fields = ["statement", "aligned_statement"]
    autocomplete_fields = ["aligned_with"]
