"""What the archive keeps about changes to its statements: each corrected version, the paragraph
identifiers that a correction retired (so old links still resolve), old addresses of renamed records,
and readers' problem reports. models.py imports this module at its end."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class StatementRevision(models.Model):
    """One version of a statement's text and paragraphs, kept when the statement is corrected."""

    statement = models.ForeignKey("archive.Statement", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300)
    # Metadata and paragraphs (with their public identifiers) as they stood in this version.
    snapshot = models.JSONField()

    class Meta:
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="revision_number_unique_in_statement"),
        ]

    def __str__(self):
        return f"Version {self.number} of statement {self.statement_id}: {self.reason}"


class RetiredParagraph(models.Model):
    """A paragraph identifier whose paragraph was merged into another or removed; it still resolves."""

    class Fate(models.TextChoices):
        MERGED = "merged", "Merged into another paragraph"
        REMOVED = "removed", "Removed"

    public_id = models.CharField(max_length=16, unique=True)
    statement = models.ForeignKey("archive.Statement", on_delete=models.CASCADE, related_name="retired_paragraphs")
    fate = models.CharField(max_length=10, choices=Fate.choices)
    # The paragraph it became, by identifier: that one may itself be retired later, so the chain is followed.
    successor_id = models.CharField(max_length=16, blank=True)
    label = models.CharField(max_length=20, blank=True)
    text = models.TextField(help_text="Its last text, shown to readers who follow an old link.")
    retired = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-retired"]

    def __str__(self):
        return f"{self.public_id} ({self.get_fate_display().lower()})"


class SlugHistory(models.Model):
    """An address a body, meeting or delegation had before; it redirects permanently to the current one."""

    class Kind(models.TextChoices):
        BODY = "body", "Body"
        MEETING = "meeting", "Meeting"
        DELEGATION = "delegation", "Delegation"
        PERSON = "person", "Person"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    slug = models.SlugField(max_length=120)
    object_id = models.PositiveBigIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "slug history"
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="slug_history_unique_per_kind")]

    def __str__(self):
        return f"{self.kind} /{self.slug}/"

    @classmethod
    def remember_old_slug(cls, instance, kind):
        """Before `instance` is saved with a new slug, keep its old one (one query, on saves of existing rows)."""
        if not instance.pk:
            return
        old = type(instance).objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
        if old and old != instance.slug:
            cls.objects.update_or_create(kind=kind, slug=old, defaults={"object_id": instance.pk})
            # An address reused by the same object is live again, not a redirect.
            cls.objects.filter(kind=kind, slug=instance.slug).delete()

    @classmethod
    def current(cls, model, kind, slug):
        """The object that once had `slug`, or None."""
        row = cls.objects.filter(kind=kind, slug=slug).first()
        return model.objects.filter(pk=row.object_id).first() if row else None


class ProblemReport(models.Model):
    """A reader's report of a problem with one paragraph, waiting in the staff queue."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"
        SPAM = "spam", "Spam"

    statement = models.ForeignKey("archive.Statement", on_delete=models.CASCADE, related_name="problem_reports")
    public_id = models.CharField("paragraph", max_length=16)
    message = models.TextField(max_length=2000)
    email = models.EmailField(blank=True, help_text="Given by the reader, to be told of the fix.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        indexes = [
            # The admin queue: open reports, newest first.
            models.Index(fields=["status", "created"], name="problem_report_queue_idx"),
        ]

    def __str__(self):
        return f"Problem with ¶ {self.public_id}: {self.message[:50]}"


# Models of their own modules, registered with the app here (they refer to the ones above by string).
from .documents import DocumentMention  # noqa: E402,F401
