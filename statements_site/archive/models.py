"""The archive's data: bodies, their meetings and agendas, delegations, statements, paragraphs.

Over 400 lines for a reason: these core tables and their querysets call one another (a statement's
attribution reads its delegation and meeting, a delegation's merge moves statements and paragraphs), so
they are read together. What the archive records about them lives beside: history_models (revisions,
retired paragraph ids, old addresses, problem reports), people, records (alerts, change log) and
research_models (group memberships, alignments, lists of speakers), all imported at the end."""
import functools
import secrets
import unicodedata
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import dateformat
from django.utils.functional import cached_property, lazy
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, gettext_lazy as _

from .local_names import delegation_name
from .reversing import reverse  # remembered: a page asks for the same addresses many times
from .wordforms import index_text

# Lower-case letters and digits without the easily confused 0/o, 1/l/i: safe to read aloud and type.
PUBLIC_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
PUBLIC_ID_LENGTH = 10

# Readers follow source links: web addresses only, never javascript: or data:.
validate_source_url = URLValidator(schemes=["http", "https"], message="Enter a web address starting with http:// or https://.")


def mint_public_id():
    """A new random paragraph identifier; never derived from position or text."""
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def name_key(name):
    """The form of a delegation name used for matching: case, accents, punctuation and a leading
    "the" do not matter ("The Group of 77 & China" and "group of 77 and china" are one key)."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    words = text.split()
    if words and words[0] in ("the", "la", "le", "les", "el", "los", "las", "l"):
        words = words[1:]
    return " ".join(words)


def unique_slug(model, text, max_length=100, instance=None):
    """A slug for `text` not yet used by another row of `model` (adds -2, -3 ... on a clash)."""
    base = slugify(text)[: max_length - 6].strip("-") or "untitled"
    slug, n = base, 1
    others = model.objects.exclude(pk=instance.pk) if instance and instance.pk else model.objects.all()
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Choices(models.TextChoices):
    """TextChoices that parse a GET value or parser output into a choice, or None for junk (never raising)."""

    @classmethod
    def parse(cls, value):
        """The choice for a GET value or parser output, or None for junk."""
        try:
            return cls(value)
        except (ValueError, TypeError):
            return None


@functools.cache
def _language_name(code, interface_language):
    from babel import Locale

    try:
        name = Locale.parse((interface_language or "en").replace("-", "_")).languages[code]
    except (ValueError, LookupError):  # a language CLDR does not know: English names
        name = Locale.parse("en").languages[code]
    return name[:1].upper() + name[1:]  # CLDR writes "français"; a label starts with a capital


# The name of a language in the interface's language, from CLDR ("French", "Français", "الفرنسية").
language_name = lazy(lambda code: _language_name(code, get_language()), str)


class Language(Choices):
    ENGLISH = "en", language_name("en")
    FRENCH = "fr", language_name("fr")
    SPANISH = "es", language_name("es")
    ARABIC = "ar", language_name("ar")
    RUSSIAN = "ru", language_name("ru")
    CHINESE = "zh", language_name("zh")
    # Not a UN official language, but Brazil, Portugal and the Lusophone states of Africa speak it.
    PORTUGUESE = "pt", language_name("pt")
    OTHER = "other", _("Other")


def used_in_public(queryset, statements):
    """`queryset` without the rows that only drafts use: those `statements` (a Statement queryset
    correlated with OuterRef("pk")) include some published statement, or none at all.

    A draft import creates the meeting, body, agenda items and delegations it names; they stay out
    of public pages, the API, feeds and the sitemap until a published statement uses them. Rows no
    statement uses (reference data staff enter by hand) stay public. Two indexed EXISTS per row.
    """
    published = statements.filter(status=Statement.Status.PUBLISHED)
    return queryset.filter(Exists(published) | ~Exists(statements))


class BodyQuerySet(models.QuerySet):
    def with_meeting_counts(self, meetings=None):
        """Each body with `meeting_count`: its meetings among `meetings` (a Meeting queryset), else all."""
        counted = Q(meetings__in=meetings) if meetings is not None else None
        return self.annotate(meeting_count=Count("meetings", filter=counted))

    def public(self):
        return used_in_public(self, Statement.objects.filter(meeting__body=OuterRef("pk")))


class Body(models.Model):
    """A forum that meets repeatedly: an expert group, a commission, a council."""

    name = models.CharField(max_length=300, unique=True)
    short_name = models.CharField(max_length=80, blank=True, help_text="As people say it: “Cybercrime EGM”, “CND”.")
    organisation = models.CharField(
        max_length=120, blank=True, help_text="The organisation it belongs to: UNODC, Human Rights Council, WTO ..."
    )
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_synthetic = models.BooleanField(default=False, help_text="Invented demo or benchmark data, not a real body.")
    created = models.DateTimeField(auto_now_add=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("archive:body-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Body, self.short_name or self.name, instance=self)
        SlugHistory.remember_old_slug(self, SlugHistory.Kind.BODY)
        super().save(*args, **kwargs)


class MeetingQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-date_start", "-pk")

    def public(self):
        # A meeting of a body only drafts use would name that body.
        meetings = used_in_public(self, Statement.objects.filter(meeting=OuterRef("pk")))
        return meetings.filter(body__in=Body.objects.public())


class AgendaItemQuerySet(models.QuerySet):
    def public(self):
        items = used_in_public(self, Statement.objects.filter(agenda_items=OuterRef("pk")))
        return items.filter(meeting__in=Meeting.objects.public())


def format_day(day, format_string):
    """dateformat.format() of a date in the interface's language, remembered: formatting translates the
    month's name each time, and a list page shows the same few days on many rows."""
    return _format_day(day, format_string, get_language())


@functools.lru_cache(maxsize=4096)
def _format_day(day, format_string, language):
    return dateformat.format(day, format_string)


class Meeting(models.Model):
    """One session of a body, with its dates and place."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(max_length=300, help_text="The meeting's name as documents give it.")
    session = models.CharField(max_length=120, blank=True, help_text="Number or name: “sixth session”, “66th”.")
    date_start = models.DateField("first day")
    date_end = models.DateField("last day", null=True, blank=True, help_text="Leave empty for a one-day meeting.")
    location = models.CharField(max_length=120, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    symbol = models.CharField("official symbol", max_length=120, blank=True)
    source_url = models.URLField("source link", max_length=500, blank=True, validators=[validate_source_url])
    # Stored rather than computed: a year function in GROUP BY is slow on SQLite.
    year = models.PositiveSmallIntegerField(editable=False, db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__isnull=True) | Q(date_end__gte=models.F("date_start")),
                name="meeting_ends_after_it_starts",
                violation_error_message="A meeting cannot end before it starts.",
            ),
        ]
        indexes = [
            # Body page: its meetings by date; home page: latest meetings.
            models.Index(fields=["body", "date_start"], name="meeting_body_date_idx"),
        ]

    def __str__(self):
        return f"{self.name} ({self.date_range_display})"

    @staticmethod
    def format_name(title, session):
        """“Expert Group Meeting on Cybercrime, sixth session”: the one form of a meeting's name that
        pages, citations, exports, feeds and the admin show (format_name for rows read as plain values)."""
        return f"{title}, {session}" if session else title

    @property
    def name(self):
        return self.format_name(self.title, self.session)

    @property
    def last_day(self):
        return self.date_end or self.date_start

    @property
    def date_range_display(self):
        start, end = self.date_start, self.last_day
        if not start:
            return ""
        # Month names in the interface's language ("juillet", "يوليو").
        if start == end:
            return format_day(start, "j F Y")
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{format_day(end, 'j F Y')}"
        if start.year == end.year:
            return f"{format_day(start, 'j F')} – {format_day(end, 'j F Y')}"
        return f"{format_day(start, 'j F Y')} – {format_day(end, 'j F Y')}"

    def get_absolute_url(self):
        return reverse("archive:meeting-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            text = f"{self.body.short_name or self.body.name} {self.session or ''} {self.date_start:%Y}"
            self.slug = unique_slug(Meeting, text, instance=self)
        self.year = self.date_start.year
        SlugHistory.remember_old_slug(self, SlugHistory.Kind.MEETING)
        super().save(*args, **kwargs)
        # Statements without their own date take their year from the meeting.
        self.statements.filter(date__isnull=True).exclude(year=self.year).update(year=self.year)


class AgendaItem(models.Model):
    """One item of a meeting's agenda, numbered as printed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.CharField(max_length=20, help_text="As printed: “2”, “4(a)”.")
    title = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0, help_text="Order on the agenda.")

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique_in_meeting",
                violation_error_message="This meeting already has an agenda item with this number.",
            ),
        ]

    def __str__(self):
        return self.label

    @staticmethod
    def format_label(number, title):
        """“Item 2: International Cooperation”, as pages, exports and feeds name an agenda item."""
        return gettext("Item %(number)s: %(title)s") % {"number": number, "title": title}

    @property
    def label(self):
        return self.format_label(self.number, self.title)

    def get_absolute_url(self):
        return reverse("archive:agenda-item-detail", args=[self.meeting.slug, self.number])


class DelegationQuerySet(models.QuerySet):
    def groups(self):
        return self.filter(kind=Delegation.Kind.GROUP)

    def public(self):
        return used_in_public(self, Statement.objects.filter(Q(delegation=OuterRef("pk")) | Q(on_behalf_of=OuterRef("pk"))))

    def matching(self, name):
        """Delegations whose canonical or alternate name has the same key as `name`."""
        key = name_key(name)
        if not key:
            return self.none()
        return self.filter(Q(name_key=key) | Q(aliases__key=key)).distinct()


class Delegation(models.Model):
    """A state, group, organisation or other participant that takes the floor or is spoken for."""

    class Kind(Choices):
        STATE = "state", _("State")
        GROUP = "group", _("Group of states")
        OBSERVER = "observer", _("Observer")
        IGO = "igo", _("Intergovernmental organisation")
        UN_ENTITY = "un", _("UN entity")
        CIVIL_SOCIETY = "ngo", _("Civil-society organisation")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200, unique=True, help_text="The one canonical name.")
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STATE)
    iso_code = models.CharField(
        "ISO 3166 code", max_length=3, blank=True, help_text="Alpha-3 code, for states only: “PSE”, “SWE”."
    )
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="member_of", help_text="For a group: its members."
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso_code="") | Q(kind="state"),
                name="delegation_iso_code_only_for_states",
                violation_error_message="Only a state has an ISO 3166 code.",
            ),
        ]
        indexes = [
            # Browse facet "delegation kind".
            models.Index(fields=["kind", "name"], name="delegation_kind_idx"),
        ]

    def __str__(self):
        # In the interface's language: "Égypte" on a French page; the canonical name in English.
        return delegation_name(self.name)

    @property
    def is_group(self):
        return self.kind == self.Kind.GROUP

    def get_absolute_url(self):
        return reverse("archive:delegation-detail", args=[self.slug])

    def clean(self):
        self.iso_code = self.iso_code.upper().strip()
        key = name_key(self.name)
        clash = DelegationAlias.objects.filter(key=key).exclude(delegation_id=self.pk).select_related("delegation")
        if clash:
            raise ValidationError(
                {"name": f"“{self.name}” is already an alternate name of {clash[0].delegation}. Use that delegation."}
            )

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        if not self.slug:
            self.slug = unique_slug(Delegation, self.name, instance=self)
        SlugHistory.remember_old_slug(self, SlugHistory.Kind.DELEGATION)
        super().save(*args, **kwargs)

    def merge_into(self, target):
        """Fold this delegation into `target`: its statements, names and address move there, it goes.

        Its old address keeps working: a SlugHistory row redirects it to the target, as do the rows
        of any earlier addresses it had. Run inside a transaction (the admin action does).
        """
        if target.pk == self.pk:
            raise ValidationError("A delegation cannot be merged into itself.")
        from .records import record, record_statements  # the updates below send no signals: the change log is told

        moved = Statement.objects.filter(pk__in=list(
            Statement.objects.filter(Q(delegation=self) | Q(on_behalf_of=self)).values_list("pk", flat=True)))
        redirected = list(SlugHistory.objects.filter(kind=SlugHistory.Kind.DELEGATION, object_id=self.pk).values_list("pk", flat=True))
        # A statement by one on behalf of the other would end up on behalf of itself: drop the group.
        Statement.objects.filter(delegation=self, on_behalf_of=target).update(on_behalf_of=None)
        Statement.objects.filter(delegation=target, on_behalf_of=self).update(on_behalf_of=None)
        Statement.objects.filter(delegation=self).update(delegation=target)
        Statement.objects.filter(on_behalf_of=self).update(on_behalf_of=target)
        for alias in self.aliases.all():
            if not target.aliases.filter(key=alias.key).exists() and alias.key != target.name_key:
                alias.delegation = target
                alias.save()
        target.members.add(*self.members.exclude(pk=target.pk))
        for group in self.member_of.exclude(pk=target.pk):
            group.members.add(target)
        SlugHistory.objects.filter(kind=SlugHistory.Kind.DELEGATION, object_id=self.pk).update(object_id=target.pk)
        SlugHistory.objects.update_or_create(
            kind=SlugHistory.Kind.DELEGATION, slug=self.slug, defaults={"object_id": target.pk}
        )
        record_statements(moved)
        record("slug_history", redirected, "saved")
        old_name = self.name
        self.delete()
        if name_key(old_name) != target.name_key and not DelegationAlias.objects.filter(key=name_key(old_name)).exists():
            DelegationAlias.objects.create(delegation=target, name=old_name)


class DelegationAlias(models.Model):
    """Another name of a delegation, used to recognise it in imported text."""

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "alternate name"

    def __str__(self):
        return self.name

    def clean(self):
        key = name_key(self.name)
        if not key:
            raise ValidationError({"name": "An alternate name needs at least one letter or digit."})
        owner = Delegation.objects.filter(name_key=key).exclude(pk=self.delegation_id).first()
        if owner:
            raise ValidationError({"name": f"“{self.name}” is the name of another delegation, {owner}."})

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)


class StatementQuerySet(models.QuerySet):
    def published(self):
        """Published statements, each once: a language version is read through its original
        (versions.py), so lists, counts, facets, feeds and the API leave versions out."""
        return self.filter(status=Statement.Status.PUBLISHED, version_of=None)

    def originals(self):
        """Statements that are not a language version of another, drafts included (staff lists)."""
        return self.filter(version_of=None)

    def for_meeting(self, meeting):
        return self.filter(meeting=meeting)

    def in_speaking_order(self):
        return self.order_by("position", "date", "pk")

    def with_listing_data(self):
        """What a list row shows, in a fixed number of queries (an agenda item's address names its
        meeting, read with the items)."""
        return self.select_related("meeting__body", "delegation", "on_behalf_of").prefetch_related(
            models.Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting"))
        )

    def for_result_rows(self):
        """Only what a browse or search result row shows (templatetags render_statement_row and
        render_result), but for the agenda items: see result_rows."""
        return self.select_related("meeting", "delegation", "on_behalf_of").only(
            "status", "is_synthetic", "date", "year", "language", "speaker", "meeting_id", "delegation_id",
            "on_behalf_of_id", "meeting__title", "meeting__session", "meeting__date_start", "meeting__date_end",
            "delegation__name", "on_behalf_of__name",
        )

    def result_rows(self, ids):
        """The statements with these ids, in that order (ids not among them are left out), loaded for
        result rows, each with its item_numbers: read in one query of plain values for the whole page,
        which costs a third of what prefetching the agenda items as model objects does."""
        shown = {statement.pk: statement for statement in self.filter(pk__in=ids).for_result_rows().order_by()}
        statements = [shown[pk] for pk in ids if pk in shown]
        if statements:
            numbers = defaultdict(list)
            with connection.cursor() as cursor:
                cursor.execute(item_numbers_sql(len(statements)), [statement.pk for statement in statements])
                for statement_id, number in cursor.fetchall():
                    numbers[statement_id].append(number)
            for statement in statements:
                statement.item_numbers = numbers[statement.pk]
        return statements


def item_numbers_sql(count):
    """The SQL reading (statement id, agenda item number) for `count` statements (one parameter each),
    in AgendaItem's own order as item_numbers gives them where the items are prefetched: building it
    cost a third of a result page's rows (sql_for_ids)."""
    return sql_for_ids(_item_numbers, count)


def _item_numbers(ids):
    in_agenda_order = [f"agendaitem__{name}" for name in AgendaItem._meta.ordering]
    links = Statement.agenda_items.through.objects.filter(statement_id__in=ids)
    return links.order_by(*in_agenda_order).values_list("statement_id", "agendaitem__number")


@functools.lru_cache(maxsize=256)
def sql_for_ids(build, count):
    """The SQL of the queryset build(ids) for `count` distinct ids, which it takes as its parameters in
    that order: written by the ORM once per query, number of ids and process, for the queries a page
    runs every time with other ids, where writing the SQL cost as much as running it (0.1-0.5 ms)."""
    placeholders = list(range(1, count + 1))
    return checked_sql(build(placeholders), placeholders)


def checked_sql(queryset, params):
    """The SQL of `queryset`, for a query written by the ORM once and run many times with other values:
    it must take exactly `params` (stand-ins for the values), in that order, or a caller would bind
    its values to the wrong places."""
    sql, compiled = queryset.query.sql_with_params()
    if list(compiled) != list(params):
        raise ValueError(f"the query takes {list(compiled)!r}, not {list(params)!r}")
    return sql


class Statement(models.Model):
    """What one delegation said (or submitted) at one meeting, as one text."""

    class Kind(Choices):
        GENERAL = "general", _("General statement")
        ITEM = "item", _("Statement on an agenda item")
        EXPLANATION = "explanation", _("Explanation of vote or position")
        REPLY = "reply", _("Right of reply")
        JOINT = "joint", _("Joint statement")
        WRITTEN = "written", _("Written contribution")
        OTHER = "other", _("Other")

    class Version(Choices):
        PREPARED = "prepared", _("As prepared")
        DELIVERED = "delivered", _("As delivered")
        RECORD = "record", _("Official record")
        TRANSCRIPT = "transcript", _("Transcript")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="statements")
    delegation = models.ForeignKey(
        Delegation, on_delete=models.PROTECT, related_name="statements", help_text="Who takes the floor."
    )
    on_behalf_of = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements_on_behalf",
        help_text="The group this statement speaks for, if any.",
    )
    agenda_items = models.ManyToManyField(AgendaItem, blank=True, related_name="statements")
    title = models.CharField(max_length=500, blank=True, help_text="The heading as printed on the statement.")
    speaker = models.CharField(max_length=200, blank=True, help_text="As written: “Ms. Safa Shabat”.")
    speaker_title = models.CharField(max_length=300, blank=True, help_text="As written: “Permanent Mission of Palestine”.")
    person = models.ForeignKey(
        "archive.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="statements",
        help_text="The speaker as a person; matched from the speaker's name at import.",
    )
    date = models.DateField("date delivered", null=True, blank=True)
    # The date's year, or the meeting's: stored because the year facet groups on it.
    year = models.PositiveSmallIntegerField(editable=False)
    language = models.CharField(max_length=8, choices=Language.choices, default=Language.ENGLISH)
    kind = models.CharField("type", max_length=12, choices=Kind.choices, default=Kind.GENERAL)
    version = models.CharField(max_length=12, choices=Version.choices, default=Version.PREPARED)
    salutation = models.TextField(blank=True)
    closing = models.TextField(blank=True)
    source_url = models.URLField("source link", max_length=500, blank=True, validators=[validate_source_url])
    source_symbol = models.CharField("document symbol", max_length=120, blank=True)
    source_file = models.FileField("original file", upload_to="sources/%Y/", blank=True)
    source_sha256 = models.CharField("original file SHA-256", max_length=64, blank=True, editable=False)
    # Hash of the statement's text as imported: importing the same text again is an update, not a duplicate.
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    position = models.PositiveIntegerField("speaking order", default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_synthetic = models.BooleanField(default=False, help_text="Invented demo or benchmark data, not a real statement.")
    # Set on a translation (or another official language version): its own paragraphs and permalinks,
    # listed and counted through the original only (versions.py). PROTECT: deleting an original
    # would take its versions' permalinks with it. No index of its own: the one-version-per-language
    # constraint's index finds an original's versions, and an index of mostly NULLs only tempted
    # SQLite's planner into reading every original through it.
    version_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="language_versions",
        verbose_name="language version of",
        help_text="The original statement, when this text is its version in another language.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_hash"], condition=~Q(content_hash=""), name="statement_content_hash_unique"
            ),
            models.CheckConstraint(
                condition=Q(on_behalf_of__isnull=True) | ~Q(on_behalf_of=models.F("delegation")),
                name="statement_not_on_behalf_of_itself",
                violation_error_message="A delegation does not speak on behalf of itself; leave “on behalf of” empty.",
            ),
            models.UniqueConstraint(
                fields=["version_of", "language"],
                condition=Q(version_of__isnull=False),
                name="statement_one_version_per_language",
                violation_error_message="This statement already has a version in that language.",
            ),
        ]
        # The lists and counts below read published originals (published(): status and version_of IS
        # NULL): version_of ends each index so that they stay covering (a count that had to read the
        # rows for it took 4-8 times as long at 50,000 statements on SQLite).
        indexes = [
            # Meeting page: statements in speaking order; previous/next on the statement page.
            models.Index(fields=["meeting", "status", "position", "version_of"], name="statement_meeting_idx"),
            # Delegation page and the delegation facet.
            models.Index(fields=["delegation", "status", "year", "version_of"], name="statement_delegation_idx"),
            # Group page and the "on behalf of" facet.
            models.Index(fields=["on_behalf_of", "status", "version_of"], name="statement_on_behalf_idx"),
            # Person page and the speaker facet.
            models.Index(fields=["person", "status"], name="statement_person_idx"),
            # Browse facets: year, language, type, version.
            models.Index(fields=["status", "year", "version_of"], name="statement_year_idx"),
            models.Index(fields=["status", "language", "version_of"], name="statement_language_idx"),
            models.Index(fields=["status", "kind", "version_of"], name="statement_kind_idx"),
            models.Index(fields=["status", "version", "version_of"], name="statement_version_idx"),
            # Browse: the latest write time keys the cached unfiltered facet counts (filters.facets).
            models.Index(fields=["updated"], name="statement_updated_idx"),
        ]

    def __str__(self):
        return f"{self.attribution}, {self.meeting.name}"

    @staticmethod
    def format_attribution(delegation, on_behalf_of=None):
        """“Sweden” or “Palestine on behalf of Group of 77 and China”: who speaks, for whom, as pages,
        citations, exports, feeds and the admin say it (format_attribution for plain values)."""
        if not on_behalf_of:
            return str(delegation)
        return gettext("%(delegation)s on behalf of %(group)s") % {"delegation": delegation, "group": on_behalf_of}

    @property
    def attribution(self):
        return self.format_attribution(self.delegation, self.on_behalf_of if self.on_behalf_of_id else None)

    def get_absolute_url(self):
        return reverse("archive:statement-detail", args=[self.pk])

    @property
    def date_display(self):
        """“7 March 2024”: the day it was delivered, or the meeting's dates when it has no day of its own."""
        return format_day(self.date, "j F Y") if self.date else self.meeting.date_range_display

    @cached_property
    def item_numbers(self):
        """The numbers of its agenda items, in AgendaItem's order (StatementQuerySet.result_rows sets them
        for a whole page at once, in the same order)."""
        return [item.number for item in self.agenda_items.all()]

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def clean(self):
        errors = {}
        if self.on_behalf_of_id and self.on_behalf_of.kind != Delegation.Kind.GROUP:
            errors["on_behalf_of"] = (
                f"{self.on_behalf_of} is a {self.on_behalf_of.get_kind_display().lower()}, not a group. "
                "A statement can only be made on behalf of a group; change the delegation's kind or leave this empty."
            )
        if self.version_of_id:
            errors.update(self.version_errors())
        if self.date and self.meeting_id:
            meeting = self.meeting
            if not meeting.date_start <= self.date <= meeting.last_day:
                errors["date"] = (
                    f"{self.date:%d %B %Y} is outside the meeting's dates ({meeting.date_range_display}). "
                    "Correct the date or choose the right meeting."
                )
        if errors:
            raise ValidationError(errors)

    def version_errors(self):
        """{field: message} for a language version that cannot be one: of itself, of another version,
        in the original's language, or of another meeting or delegation."""
        original = self.version_of
        if original.pk == self.pk:
            return {"version_of": "A statement cannot be a language version of itself."}
        if original.version_of_id:
            return {"version_of": f"Statement {original.pk} is itself a language version; choose its original, statement {original.version_of_id}."}
        if self.pk and self.language_versions.exists():
            return {"version_of": "This statement has language versions of its own, so it cannot be a version of another."}
        if original.language == self.language:
            return {"language": f"The original is in {original.get_language_display()} too; a version is in another language."}
        if (original.meeting_id, original.delegation_id) != (self.meeting_id, self.delegation_id):
            return {"version_of": f"Statement {original.pk} was made by {original.delegation} at {original.meeting}; a version has the same delegation and meeting."}
        return {}

    def agenda_item_errors(self, agenda_items):
        """Messages for agenda items that do not belong to this statement's meeting."""
        return [
            f"“{item}” belongs to another meeting ({item.meeting}); choose items of {self.meeting}."
            for item in agenda_items
            if item.meeting_id != self.meeting_id
        ]

    @classmethod
    def from_db(cls, db, field_names, values):
        statement = super().from_db(db, field_names, values)
        statement._indexed_language = statement.__dict__.get("language")
        return statement

    def save(self, *args, **kwargs):
        self.year = (self.date or self.meeting.date_start).year
        super().save(*args, **kwargs)
        indexed = getattr(self, "_indexed_language", None)
        if indexed is not None and indexed != self.language:
            # The paragraphs are indexed in their statement's language: index them again.
            paragraphs = list(self.paragraphs.only("id", "text"))
            for paragraph in paragraphs:
                paragraph.search_text = index_text(paragraph.text, self.language)
            Paragraph.objects.bulk_update(paragraphs, ["search_text"], batch_size=500)
        self._indexed_language = self.language


class ParagraphQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Paragraphs written in bulk get their index text too, their statements' languages read at once."""
        objs = list(objs)
        missing = {p.statement_id for p in objs if not p.search_text and "statement" not in p._state.fields_cache}
        languages = dict(Statement.objects.filter(pk__in=missing).values_list("pk", "language")) if missing else {}
        for paragraph in objs:
            if not paragraph.search_text:
                cached = paragraph._state.fields_cache.get("statement")
                language = cached.language if cached is not None else languages.get(paragraph.statement_id)
                paragraph.search_text = index_text(paragraph.text, language)
        return super().bulk_create(objs, *args, **kwargs)


class Paragraph(models.Model):
    """One paragraph of a statement's body, with its permanent public identifier."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveIntegerField(help_text="Order in the statement, from 1.")
    label = models.CharField(max_length=20, blank=True, help_text="The number printed in the text: “6”, “a”.")
    text = models.TextField()
    public_id = models.CharField(max_length=16, unique=True, default=mint_public_id, editable=False)
    # Set when a correction changes the text after the identifier was minted: the permalink says so.
    text_changed = models.DateTimeField(null=True, blank=True, editable=False)
    # The text as the full-text index reads it (wordforms.index_text: stems in the statement's
    # language, Chinese in two-character pieces), set whenever the text or the language is saved.
    search_text = models.TextField(blank=True, default="", editable=False)

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        ordering = ["statement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="paragraph_position_unique_in_statement"),
        ]
        indexes = [
            # Search (search.find): paragraph id -> statement id for every hit, read from this narrow
            # index instead of the wide paragraph rows (4x faster for a common word on SQLite).
            models.Index(fields=["id", "statement"], name="paragraph_statement_cover_idx"),
        ]

    def save(self, *args, **kwargs):
        self.search_text = index_text(self.text, self.statement.language)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def __str__(self):
        label = f"¶{self.label}" if self.label else f"paragraph {self.position}"
        return f"{label}: {self.text[:60]}"

    @property
    def anchor(self):
        return f"p-{self.public_id}"

    def get_absolute_url(self):
        return reverse("archive:paragraph-permalink", args=[self.public_id])


from .history_models import ProblemReport, RetiredParagraph, SlugHistory, StatementRevision  # noqa: E402,F401
from .people import Person, PersonName, PersonRole  # noqa: E402,F401
from .records import Alert, Change  # noqa: E402,F401
from .research_models import Alignment, GroupMembership, ListedSpeaker  # noqa: E402,F401 (research data)
