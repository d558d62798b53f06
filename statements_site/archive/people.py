"""Speakers as people: a person, the names they are written under, their roles over time, and how a
speaker's name as a statement writes it ("Ms. Safa Shabat", "SHABAT, Safa") is matched to one.

Matching has three outcomes and never guesses: a name whose key belongs to exactly one person is
that person; a name no person has and no person might have is a new person, proposed for staff to
confirm; a name that could be several people ("Mr. Smith" when there is a John and a Jane Smith, or
"S. Shabat" when Safa Shabat exists) is left unlinked with a warning, for staff to decide.
"""
import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q
from django.urls import reverse

# Forms of address before a name, as statements write them (compared without dots and case).
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "he", "h e", "his excellency", "her excellency", "excellency", "ambassador", "amb", "hon", "honourable",
    "the honourable", "rt hon", "the rt hon", "m", "mme", "mlle", "sr", "sra", "srta", "don", "dona", "dna",
    "senor", "senora", "g-n", "g-zha", "judge", "justice", "minister", "president",
}
HONORIFIC = re.compile(
    r"^\s*(?P<honorific>(?:(?:" + "|".join(sorted((re.escape(h).replace(r"\ ", r"\.?\s*") for h in HONORIFICS), key=len, reverse=True))
    + r")\.?\s+)+)",
    re.IGNORECASE,
)


def fold(text):
    """Lower case, accents off, punctuation as spaces: the form names are compared in."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


def _is_caps(word):
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _title(word):
    return word.title() if _is_caps(word) else word


@dataclass
class WrittenName:
    """A speaker's name as a statement writes it, read: the form of address and the name in display order."""

    honorific: str
    name: str

    @property
    def key(self):
        return fold(self.name)


def read_name(text):
    """ "Ms. Safa Shabat" -> ("Ms.", "Safa Shabat"); "SHABAT, Safa" and "Safa SHABAT" -> ("", "Safa Shabat").

    UN lists write the family name in capitals, first or after a comma; the display order is given
    names first. Remarks in brackets are not part of the name."""
    text = " ".join(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text or "").split()).strip(" ,;")
    honorific = ""
    match = HONORIFIC.match(text)
    if match and match.end() < len(text):
        honorific, text = match.group("honorific").strip(), text[match.end():]
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and given and not HONORIFIC.match(given + " x"):
            text = f"{given} {family}"
    words = text.split()
    if len(words) > 1 and _is_caps(words[0]) and not all(_is_caps(w) for w in words):
        # "SHABAT Safa": the family name first, in capitals.
        caps = [w for w in words if _is_caps(w)]
        words = [w for w in words if not _is_caps(w)] + caps
    return WrittenName(honorific, " ".join(_title(w) for w in words))


class PersonQuerySet(models.QuerySet):
    def public(self):
        """Without the people only drafts name (as bodies and delegations)."""
        from .models import Statement, used_in_public

        return used_in_public(self, Statement.objects.filter(person=OuterRef("pk")))


class Person(models.Model):
    """A person who delivers statements, under one canonical name."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed by an import, to review"
        CONFIRMED = "confirmed", "Confirmed"

    name = models.CharField(max_length=200, help_text="Given names first: “Safa Shabat”.")
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    honorific = models.CharField(max_length=40, blank=True, help_text="As usually written: “Ms.”, “H.E.”.")
    slug = models.SlugField(max_length=120, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    created = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:person-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        from .models import SlugHistory, unique_slug

        self.name_key = fold(self.name)
        if not self.slug:
            self.slug = unique_slug(Person, self.name, instance=self)
        SlugHistory.remember_old_slug(self, SlugHistory.Kind.PERSON)
        super().save(*args, **kwargs)

    def add_variant(self, written):
        """Remember `written` as a way statements write this person's name (each spelling once)."""
        written = " ".join((written or "").split())[:200]
        if read_name(written).key and not self.names.filter(name=written).exists():
            PersonName.objects.create(person=self, name=written)

    def merge_into(self, target):
        """Fold this person into `target`: statements, names, roles and address move there, it goes.

        Its old address keeps redirecting (SlugHistory). Run inside a transaction (the admin action does)."""
        from .models import SlugHistory, Statement

        if target.pk == self.pk:
            raise ValidationError("A person cannot be merged into itself.")
        Statement.objects.filter(person=self).update(person=target)
        for variant in self.names.all():
            target.add_variant(variant.name)
        target.add_variant(self.name)
        self.roles.update(person=target)
        SlugHistory.objects.filter(kind=SlugHistory.Kind.PERSON, object_id=self.pk).update(object_id=target.pk)
        SlugHistory.objects.update_or_create(kind=SlugHistory.Kind.PERSON, slug=self.slug, defaults={"object_id": target.pk})
        self.delete()


class PersonName(models.Model):
    """A way a person's name is written in statements: “SHABAT, Safa”, “Ms. S. Shabat”."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "name as written"
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="person_name_unique_per_person")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = read_name(self.name).key
        super().save(*args, **kwargs)


class PersonRole(models.Model):
    """A position a person held: “Permanent Representative of Palestine to the UN in Vienna, 2019–2022”."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300)
    delegation = models.ForeignKey("archive.Delegation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty while the role is held.")

    class Meta:
        ordering = ["person", "-start_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(start_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="person_role_ends_after_it_starts",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self):
        return f"{self.title}, {self.years}" if self.years else self.title

    @property
    def years(self):
        if not self.start_year:
            return str(self.end_year or "")
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year or ''}"


@dataclass
class Match:
    """What a written name refers to: `person` when exactly one, else `candidates` when it could be
    several (or a shortened form of one), else a new person named `written.name`."""

    written: WrittenName
    person: Person | None = None
    candidates: tuple = ()

    @property
    def is_new(self):
        return self.person is None and not self.candidates and bool(self.written.key)

    @property
    def is_ambiguous(self):
        return bool(self.candidates)


def match(text):
    """The person a speaker's name as written refers to, never guessed: see the module's docstring."""
    written = read_name(text)
    key = written.key
    if not key:
        return Match(written)
    exact = list(Person.objects.filter(Q(name_key=key) | Q(names__key=key)).distinct()[:5])
    if len(exact) == 1:
        return Match(written, person=exact[0])
    if exact:
        return Match(written, candidates=tuple(exact))
    return Match(written, candidates=tuple(_shortened_forms_of(key)))


def _shortened_forms_of(key):
    """People `key` may be a shortened form of, or who may be a shortened form of it: the same family
    name (last word) and given names that agree by initial ("s shabat", "shabat" and "safa shabat")."""
    words = key.split()
    family, given = words[-1], words[:-1]
    possible = Person.objects.filter(
        Q(name_key=family) | Q(name_key__endswith=f" {family}") | Q(names__key=family) | Q(names__key__endswith=f" {family}")
    ).distinct().prefetch_related("names")[:20]
    found = []
    for person in possible:
        for other in [person.name_key, *(n.key for n in person.names.all())]:
            other_given = other.split()[:-1]
            if other.split()[-1] == family and _agree(given, other_given):
                found.append(person)
                break
    return found


def _agree(given, other):
    """Whether two lists of given names could be the same person's: one empty, or word by word the
    same or an initial of the other."""
    if not given or not other:
        return True
    for a, b in zip(given, other):
        if a != b and not (len(a) == 1 and b.startswith(a)) and not (len(b) == 1 and a.startswith(b)):
            return False
    return True


def speaker_of(statement, *, create=True):
    """Link `statement` to the person its speaker text names (not saved: the caller saves the
    statement). A name no one has becomes a proposed person when `create`; an ambiguous one stays
    unlinked. Returns the Match."""
    found = match(statement.speaker)
    if found.person:
        found.person.add_variant(statement.speaker)
        statement.person = found.person
    elif found.is_new and create:
        person = Person.objects.create(name=found.written.name[:200], honorific=found.written.honorific[:40])
        person.add_variant(statement.speaker)
        statement.person = found.person = person
    return found


def describe(found):
    """A line for staff about a match that is not a plain one, or ''."""
    if found.is_ambiguous:
        names = ", ".join(f"{person.name} ({person.slug})" for person in found.candidates)
        return (f"The speaker “{found.written.name}” could be {names}: not linked to anyone. "
                "Choose the person on the statement in the admin, or add the name to the right person's names.")
    if found.is_new:
        return f"New person proposed for review: {found.written.name}."
    return ""


def link_all(*, create=True, write=True):
    """Link every statement whose speaker text names a person and has none yet; each distinct text
    matched once. A new name becomes a proposed person when `create`; nothing is written unless
    `write`. Returns {"linked": statements, "proposed": [names], "ambiguous": {text: [people]}}."""
    from .models import Statement

    result = {"linked": 0, "proposed": [], "ambiguous": {}}
    texts = Statement.objects.filter(person=None).exclude(speaker="").order_by("speaker").values_list("speaker", flat=True).distinct()
    proposed_keys = {}
    for text in list(texts):
        found = match(text)
        person = found.person
        if found.is_ambiguous:
            result["ambiguous"][text] = [p.name for p in found.candidates]
            continue
        if found.is_new:
            if found.written.key in proposed_keys:
                person = proposed_keys[found.written.key]
            else:
                result["proposed"].append(found.written.name)
                if not (create and write):
                    proposed_keys[found.written.key] = None
                    continue
                person = Person.objects.create(name=found.written.name[:200], honorific=found.written.honorific[:40])
                proposed_keys[found.written.key] = person
        if person is None:
            continue
        statements = Statement.objects.filter(person=None, speaker=text)
        if write:
            person.add_variant(text)
            result["linked"] += statements.update(person=person)
        else:
            result["linked"] += statements.count()
    return result
