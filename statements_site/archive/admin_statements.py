"""The statement admin: loading a statement (paste or upload, preview with confidence marks, one-step
save) and correcting one (paragraphs, revisions with a reason, retired paragraph ids).

admin.py imports this module (and its SyntheticListFilter), so its registrations happen when Django's admin
autodiscovers admin.py; this module imports nothing from admin.py."""
import datetime
import hashlib
import logging

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from . import documents
from .filters import forget_facet_counts
from .forms import ImportPreviewForm, ImportSourceForm
from .importing.parse import parse_statement
from .importing.readers import ReadError, apply_front_matter, time_limit
from .importing.store import ImportRefused, paragraph_changes, plan_import, save_import
from .models import Paragraph, Statement, StatementRevision
from .records import record_statements
from .revisions import SNAPSHOT_FIELDS, ensure_first_revision, record_revision, retire_vanished


class SyntheticListFilter(admin.BooleanFieldListFilter):
    """The is_synthetic filter under a title staff read (the field's own name gave "By is synthetic")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "synthetic demo data"


STAGING = "imports/staging/"
# An upload waits here between preview and save; one not saved within a day was abandoned.
STAGED_LIFETIME = datetime.timedelta(days=1)

# Every staff change is also in the admin's own history (LogEntry); this log goes to stdout.
staff_log = logging.getLogger("archive.staff")

REASON_REQUIRED = (
    "This statement is public: give a short reason for the correction (“typo in ¶4”, “as delivered text”). "
    "Readers see it in the statement's history."
)


def was_published(statement):
    return bool(statement.pk) and Statement.objects.filter(pk=statement.pk, status=Statement.Status.PUBLISHED).exists()


class ParagraphFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if self.has_changed() and was_published(self.instance) and not self.data.get("change_reason", "").strip():
            raise forms.ValidationError(REASON_REQUIRED)


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    formset = ParagraphFormSet
    fields = ["position", "label", "text", "public_id"]
    readonly_fields = ["public_id"]
    ordering = ["position"]
    extra = 0
    formfield_overrides = {
        # Long paragraphs must be readable and editable in place.
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 90})}
    }


class StatementRevisionInline(admin.TabularInline):
    model = StatementRevision
    fields = ["number", "created", "created_by", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "versions (read-only; the public history page shows the differences)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatementAdminForm(forms.ModelForm):
    change_reason = forms.CharField(
        label="Reason for this change", required=False, max_length=300,
        help_text="Required when correcting a published statement's text or paragraphs; shown in its history.",
        widget=forms.TextInput(attrs={"size": 80}),
    )

    # When the editor opened the form: if the statement was saved by someone else since, refuse (optimistic locking).
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Statement
        fields = "__all__"
        # The model's examples name a real speaker and mission, which read as this record's own values.
        help_texts = {
            "speaker": "As the statement writes it, with the title: “Ms.”, “H.E. Mr.”, “Ambassador”.",
            "speaker_title": "As the statement writes it: the speaker's office or mission.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["edit_token"].initial = self.instance.updated.isoformat()

    def clean_edit_token(self):
        token = self.cleaned_data.get("edit_token")
        if self.instance.pk and token:
            # The admin saves inside a transaction: lock the row so two saves cannot both pass this check.
            current = Statement.objects.select_for_update().filter(pk=self.instance.pk).values_list("updated", flat=True).first()
            if current and current.isoformat() != token:
                raise forms.ValidationError(
                    f"Someone else saved this statement at {current:%H:%M:%S} UTC, after you opened it, so your "
                    "changes were not saved. Open the statement again in a new tab to see their version, then "
                    "make your changes there."
                )
        return token

    def clean(self):
        cleaned = super().clean()
        if self.errors.get("edit_token"):
            self.add_error(None, self.errors["edit_token"][0])
        text_changed = set(self.changed_data) & set(SNAPSHOT_FIELDS)
        if text_changed and was_published(self.instance) and not cleaned.get("change_reason", "").strip():
            self.add_error("change_reason", REASON_REQUIRED)
        meeting = cleaned.get("meeting")
        items = cleaned.get("agenda_items") or []
        if meeting:
            foreign = [item for item in items if item.meeting_id != meeting.pk]
            if foreign:
                names = "; ".join(f"“{item}”" for item in foreign)
                self.add_error(
                    "agenda_items",
                    f"These agenda items belong to another meeting: {names}. "
                    f"Choose items of {meeting.name}, or add them to that meeting first.",
                )
        return cleaned


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    form = StatementAdminForm
    list_display = [
        "delegation",
        "on_behalf_of",
        "meeting",
        "agenda_item_numbers",
        "date",
        "language",
        "paragraph_count",
        "status",
    ]
    list_filter = ["status", "language", "kind", "version", ("version_of", admin.EmptyFieldListFilter), "meeting__body", "year",
                   ("is_synthetic", SyntheticListFilter)]
    list_select_related = ["delegation", "on_behalf_of", "meeting__body"]
    search_fields = ["delegation__name", "on_behalf_of__name", "speaker", "title", "meeting__title", "meeting__slug"]
    autocomplete_fields = ["meeting", "delegation", "on_behalf_of", "agenda_items", "person", "version_of"]
    readonly_fields = ["created_by", "created", "updated", "source_sha256", "content_hash"]
    actions = ["publish", "unpublish"]
    inlines = [ParagraphInline, StatementRevisionInline]
    fieldsets = [
        # edit_token is not here: the form's template sends it hidden, without a label.
        (None, {"fields": ["change_reason", "status", "meeting", "delegation", "on_behalf_of", "agenda_items",
                           "date", "position"]}),
        ("Speaker", {"fields": ["speaker", "speaker_title", "person"]}),
        ("Text", {"fields": ["title", "language", "version_of", "kind", "version", "salutation", "closing"]}),
        ("Source", {"fields": ["source_url", "source_symbol", "source_file", "source_sha256", "is_synthetic"]}),
        ("Record", {"fields": ["created_by", "created", "updated", "content_hash"], "classes": ["collapse"]}),
    ]

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_facet_counts()

    def render_change_form(self, request, context, *args, **kwargs):
        # The paragraphs' formset finds a correction without a reason, but its error would show under the
        # paragraphs, far below the reason field: it is moved onto that field.
        form = context["adminform"].form
        for inline_formset in context.get("inline_admin_formsets", []):
            errors = inline_formset.formset.non_form_errors()
            if REASON_REQUIRED in errors:
                errors.data[:] = [error for error in errors.data if ValidationError(error).messages != [REASON_REQUIRED]]
                if REASON_REQUIRED not in form.errors.get("change_reason", []):
                    form.add_error("change_reason", REASON_REQUIRED)
        return super().render_change_form(request, context, *args, **kwargs)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        forget_facet_counts()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        statement = form.instance
        reason = form.cleaned_data.get("change_reason", "").strip() or ("Edited in the admin" if change else "Created in the admin")
        retire_vanished(statement, getattr(request, "paragraphs_before", []), reason=reason)
        record_revision(statement, user=request.user, reason=reason)
        documents.refresh(statement)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(paragraph_count=Count("paragraphs", distinct=True))
            .prefetch_related("agenda_items")
        )

    @admin.display(description="items")
    def agenda_item_numbers(self, obj):
        return ", ".join(item.number for item in obj.agenda_items.all()) or "—"

    @admin.display(description="paragraphs", ordering="paragraph_count")
    def paragraph_count(self, obj):
        return obj.paragraph_count

    def save_model(self, request, obj, form, change):
        if not obj.created_by_id:
            obj.created_by = request.user
        if change:
            # Keep the state before this edit: as version 1 if it has none, and its paragraph identifiers.
            ensure_first_revision(Statement.objects.get(pk=obj.pk))
            request.paragraphs_before = list(obj.paragraphs.values("public_id", "label", "text"))
        super().save_model(request, obj, form, change)
        staff_log.info(
            "statement %s", "changed" if change else "added",
            extra={"user": request.user.get_username(), "statement": obj.pk, "fields": form.changed_data},
        )

    @admin.action(description="Publish the selected statements", permissions=["change"])
    def publish(self, request, queryset):
        # update() skips auto_now: set `updated` so cached counts (keyed on the latest write) refresh at once.
        newly = list(queryset.exclude(status=Statement.Status.PUBLISHED).values_list("pk", flat=True))
        count = queryset.update(status=Statement.Status.PUBLISHED, updated=timezone.now())
        record_statements(queryset, newly_published=newly)  # update() sends no signal: the change log is told
        staff_log.info("statements published", extra={"user": request.user.get_username(), "count": count})
        self.message_user(request, f"Published {count} statement{'s' if count != 1 else ''}.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected statements (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=Statement.Status.DRAFT, updated=timezone.now())
        record_statements(queryset)
        staff_log.info("statements unpublished", extra={"user": request.user.get_username(), "count": count})
        self.message_user(request, f"Moved {count} statement{'s' if count != 1 else ''} back to draft.", messages.SUCCESS)

    # The import page: paste or upload, check the preview, save in one step.

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_view)
        return [path("import/", import_view, name="archive_statement_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        step = request.POST.get("step") if request.method == "POST" else None
        if step == "save":
            return self.import_save(request)
        source_form = ImportSourceForm(request.POST or None, request.FILES or None)
        if step == "read" and source_form.is_valid():
            try:
                return self.import_preview(request, source_form.cleaned_data)
            except ReadError as error:
                source_form.add_error(None, str(error))
        return self.render_import(request, {"source_form": source_form})

    def import_preview(self, request, source):
        name = source["source_name"] or "pasted text"
        with time_limit(name, "reading the statement"):
            parse = parse_statement(source["source_text"], source=name)
        apply_front_matter(parse, source.get("front_matter") or {})
        meeting, delegation = source.get("meeting"), source.get("delegation") or None
        plan = plan_import(parse, meeting_slug=meeting.slug if meeting else None, delegation_name=delegation)
        self.remove_abandoned_staged_files()
        staged = ""
        if source["source_bytes"] is not None:
            staged = hashlib.sha256(source["source_bytes"]).hexdigest()
            if not default_storage.exists(STAGING + staged):
                default_storage.save(STAGING + staged, ContentFile(source["source_bytes"]))
        changes = paragraph_changes(plan.existing, parse.get("paragraphs") or []) if plan.existing else None
        if changes and not changes["changed_count"]:
            initial = ImportPreviewForm.initial_from_statement(plan.existing)
        else:
            initial = ImportPreviewForm.initial_from_parse(parse, meeting=plan.meeting, delegation=delegation)
        initial.update({"staged": staged, "source_name": source["source_name"]})
        confidence = None if changes and not changes["changed_count"] else parse.get("confidence") or {}
        form = ImportPreviewForm(initial=initial, confidence=confidence)
        context = {"form": form, "plan": plan, "parse": parse, "changes": changes}
        return self.render_import(request, context)

    def import_save(self, request):
        form = ImportPreviewForm(request.POST)
        plan = changes = None
        if form.is_valid():
            data = form.cleaned_data
            meeting = data.get("meeting")
            plan = plan_import(form.to_parse(), meeting_slug=meeting.slug if meeting else None,
                               version_of=data.get("version_of"))
            changes = paragraph_changes(plan.existing, data["paragraphs"]) if plan.existing else None
            if changes and changes["changed_count"] and plan.existing.is_published and not data["change_reason"].strip():
                form.add_error("change_reason", REASON_REQUIRED)
            elif plan.new_records and not data["confirm_create"]:
                form.add_error("confirm_create", "Tick this box to create the new records listed above, or correct "
                               "the names so that they match records the archive has.")
            elif not plan.ok:
                for error in plan.errors:
                    form.add_error(None, error)
            else:
                try:
                    statement, outcome = save_import(
                        plan, user=request.user, publish=data["publish"], source_name=data["source_name"],
                        source_bytes=self.staged_bytes(data["staged"]), reason=data["change_reason"].strip(),
                        overrides={"kind": data["kind"], "version": data["version"], "language": data["language"],
                                   "paragraphs": data["paragraphs"]},
                    )
                except ImportRefused as error:
                    form.add_error(None, str(error))
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    if data["staged"]:
                        default_storage.delete(STAGING + data["staged"])
                    count = statement.paragraphs.count()
                    staff_log.info(
                        "statement imported",
                        extra={"user": request.user.get_username(), "statement": statement.pk, "outcome": outcome},
                    )
                    if outcome == "skipped":
                        message = f"Skipped: the archive already has this text as {statement}; nothing was changed."
                    else:
                        message = (f"{outcome.capitalize()}: {statement} with {count} paragraphs"
                                   f"{' (published)' if statement.is_published else ' (draft)'}.")
                    self.message_user(request, message, messages.SUCCESS)
                    return redirect(reverse("admin:archive_statement_change", args=[statement.pk]))
        return self.render_import(request, {"form": form, "plan": plan, "changes": changes})

    def remove_abandoned_staged_files(self):
        """Delete staged uploads older than STAGED_LIFETIME: runs on each preview, so no schedule is needed."""
        try:
            _, names = default_storage.listdir(STAGING)
        except FileNotFoundError:
            return
        cutoff = timezone.now() - STAGED_LIFETIME
        for name in names:
            try:
                if default_storage.get_modified_time(STAGING + name) < cutoff:
                    default_storage.delete(STAGING + name)
            except FileNotFoundError:  # another worker removed it first
                pass

    def staged_bytes(self, staged):
        if staged and default_storage.exists(STAGING + staged):
            with default_storage.open(STAGING + staged) as handle:
                return handle.read()
        return None

    def render_import(self, request, context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a statement",
            "media": self.media + (context.get("form") or context.get("source_form")).media,
            **context,
        }
        return TemplateResponse(request, "admin/archive/statement/import.html", context)
