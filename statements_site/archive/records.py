"""Rows kept for readers who follow the archive: the change log (changes.py) and e-mail alerts (alerts.py).

Imported at the bottom of models.py, so Django finds these models; they point at the archive's
models by name only.
"""
from contextlib import contextmanager

from asgiref.local import Local
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy


class Change(models.Model):
    """One write to an archive row, numbered in order: the change feed is read from these.

    Rows are referred to by type and id, not by foreign key: a removed row's change outlives it.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SAVED = "saved", "Changed"
        REMOVED = "removed", "Removed"

    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=20)  # a dump type: "statement", "paragraph" ...
    object_id = models.BigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    # For a statement: whether it is public after this write (the change feed), and whether this
    # write made it public, a draft published or a statement created published (alerts list a
    # statement from its first publication, so a later correction does not alert again).
    public = models.BooleanField(default=False)
    published = models.BooleanField(default=False)
    # For a paragraph: its public identifier (a removed paragraph's is otherwise lost).
    public_id = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["kind", "object_id"], name="change_object_idx"),
            # Alerts: the first publication of each statement.
            models.Index(fields=["kind", "published", "object_id", "seq"], name="change_published_idx"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.kind} {self.object_id} {self.action}"


class Alert(models.Model):
    """A reader's e-mail subscription to one search. The address is personal data: used only to send
    this alert's messages, never shown or exported, deleted with the alert on unsubscribe."""

    class Frequency(models.TextChoices):
        DAILY = "daily", gettext_lazy("Daily")
        WEEKLY = "weekly", gettext_lazy("Weekly")

    email = models.EmailField()
    # The statement list's query string (q and filters) this alert follows.
    query = models.CharField(max_length=2000)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    created = models.DateTimeField(default=timezone.now)
    confirmed = models.DateTimeField(null=True, blank=True)
    # Random values signed into the confirmation and unsubscribe links (alerts.py): a link is valid
    # only while its value is here, so each works once; a new value voids links sent before.
    confirm_nonce = models.CharField(max_length=64, blank=True)
    unsubscribe_nonce = models.CharField(max_length=64)
    # The last change (Change.seq) the previous digest covered; the next lists statements published after it.
    last_seq = models.BigIntegerField(default=0)
    last_sent = models.DateTimeField(null=True, blank=True)
    # The interface language the reader subscribed in: their digests are written in it and link to its pages.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["confirmed", "frequency"], name="alert_due_idx")]

    def __str__(self):
        return f"Alert {self.pk} ({self.get_frequency_display().lower()})"


# Recording --------------------------------------------------------------------------------------

# The dump type of each archive model whose writes are recorded (the same names as dump.DUMP_TYPES).
KINDS = {
    "archive.Body": "body",
    "archive.Meeting": "meeting",
    "archive.AgendaItem": "agenda_item",
    "archive.Delegation": "delegation",
    "archive.DelegationAlias": "alias",
    "archive.Statement": "statement",
    "archive.Paragraph": "paragraph",
    "archive.StatementRevision": "revision",
    "archive.RetiredParagraph": "retired_paragraph",
    "archive.SlugHistory": "slug_history",
}

_paused = Local()


@contextmanager
def not_recorded():
    """Writes inside are not recorded (applying a change feed to a copy is not a change of the archive)."""
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = False


def record(kind, ids, action, public=False, published=False):
    """Record writes the signals do not see: queryset.update() and bulk_create()."""
    if getattr(_paused, "on", False):
        return
    now = timezone.now()
    Change.objects.bulk_create(
        [Change(kind=kind, object_id=pk, action=action, public=public, published=published, at=now) for pk in ids],
        batch_size=1000,
    )


def record_statements(statements, newly_published=()):
    """Record a queryset.update() of `statements` (a Statement queryset), read after it; the ids in
    `newly_published` were drafts it published."""
    rows = list(statements.values_list("pk", "status"))
    newly = set(newly_published)
    for published in (True, False):
        for public in (True, False):
            ids = [pk for pk, status in rows if (status == "published") == public and (pk in newly) == published]
            record("statement", ids, Change.Action.SAVED, public=public, published=published)


def _remember_status(sender, instance, raw=False, **kwargs):
    """Before a statement is saved: whether it was published already (one query, on saves of existing rows)."""
    if raw or instance._state.adding or not instance.pk:
        instance._was_published = False
        return
    before = type(instance).objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._was_published = before == "published"


def _saved(sender, instance, created, raw=False, **kwargs):
    if raw or getattr(_paused, "on", False):
        return
    kind = KINDS[sender._meta.label]
    public = kind == "statement" and instance.status == "published"
    Change.objects.create(
        kind=kind, object_id=instance.pk, action=Change.Action.CREATED if created else Change.Action.SAVED,
        public=public, published=public and not getattr(instance, "_was_published", False),
        public_id=getattr(instance, "public_id", "") if kind == "paragraph" else "",
    )


def _removed(sender, instance, **kwargs):
    if getattr(_paused, "on", False):
        return
    kind = KINDS[sender._meta.label]
    Change.objects.create(
        kind=kind, object_id=instance.pk, action=Change.Action.REMOVED,
        public_id=getattr(instance, "public_id", "") if kind == "paragraph" else "",
    )


def _members_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("post_") and not getattr(_paused, "on", False):
        ids = pk_set if reverse else [instance.pk]
        record("delegation", ids or [], Change.Action.SAVED)


for _label in KINDS:
    post_save.connect(_saved, sender=_label, dispatch_uid=f"change-saved-{_label}")
    post_delete.connect(_removed, sender=_label, dispatch_uid=f"change-removed-{_label}")
pre_save.connect(_remember_status, sender="archive.Statement", dispatch_uid="change-statement-status")
m2m_changed.connect(_members_changed, sender="archive.Delegation_members", dispatch_uid="change-members")
