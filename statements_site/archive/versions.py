"""Language versions of one statement: the original and its translations, aligned paragraph by paragraph.

Design. A language version is a Statement row whose `version_of` names the original (null for
originals), with Paragraph rows of its own. So everything that works on paragraphs works on a version
unchanged: the search index, permanent identifiers and their permalinks, corrections and retired
identifiers (revisions.py), citations and exports. What differs is only how a version is counted and
found:

- Lists, counts, facets, feeds and the API read `Statement.objects.published()`, which leaves versions
  out: a statement counts once however many languages it is in. A version is opened at its own address
  (`readable()`), from the language links of its original.
- A version carries no agenda items of its own: its page shows its original's, so an item's counts
  stay right.
- Paragraphs are aligned by position: official UN language versions keep the paragraph structure and
  numbering of the original, and the importer proposes a version only when the paragraph counts match.
  No alignment is stored, so there is nothing to keep in step through corrections; a correction that
  splits a paragraph in one version shifts the rows after it, and the side-by-side page shows that.
- A search hit in a version is counted for its original (search_sql's fold_versions, right after
  the match): the result list shows the original once, with the matching paragraph from the
  version, in its language, and links to the same paragraph in its other languages.
"""
import functools
from itertools import zip_longest

from django.db import connection
from django.db.models import Prefetch, Q
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from .models import Language, Paragraph, Statement, checked_sql

# Languages in the order the language links list them: the original first, then the UN's order.
LANGUAGE_ORDER = {code: n for n, code in enumerate(["ar", "zh", "en", "fr", "ru", "es", "pt", "other"])}


def readable(staff=False):
    """Statements a reader may open at their own address: the published ones and the published
    language versions of published originals (staff: every text, drafts included)."""
    if staff:
        return Statement.objects.all()
    return Statement.objects.filter(status=Statement.Status.PUBLISHED).filter(
        Q(version_of=None) | Q(version_of__status=Statement.Status.PUBLISHED)
    )


def is_readable(statement, staff=False):
    """readable() for one statement already loaded: what a statement page checks after loading it by
    its id alone (building readable()'s join to the original cost more than running it). Reads the
    original of a version, which its page shows anyway."""
    if staff:
        return True
    published = Statement.Status.PUBLISHED
    return statement.status == published and (not statement.version_of_id or statement.version_of.status == published)


def original_of(statement):
    """The statement a text belongs to: itself, or the original it is a version of."""
    return statement.version_of if statement.version_of_id else statement


def family(statement, staff=False):
    """The original and its language versions a reader may open, the original first, then by language.
    One query (none of its rows has more than its own columns and the delegation's)."""
    original_id = statement.version_of_id or statement.pk
    texts = list(
        readable(staff).filter(Q(pk=original_id) | Q(version_of_id=original_id)).only("pk", "language", "version_of_id", "status")
    )
    texts.sort(key=lambda text: (text.version_of_id is not None, LANGUAGE_ORDER.get(text.language, 99), text.pk))
    return texts


def language_links(statement, staff=False):
    """[(text, is_current)] for the statement page's language switch, or [] for a text in one language."""
    texts = family(statement, staff)
    if len(texts) < 2:
        return []
    return [(text, text.pk == statement.pk) for text in texts]


def aligned_rows(texts):
    """Rows of the side-by-side page: for each position, [(text, its paragraph there)] for each text
    (the paragraph None where a text has fewer). One query for all texts' paragraphs."""
    by_text = {text.pk: [] for text in texts}
    for paragraph in Paragraph.objects.filter(statement_id__in=list(by_text)).defer("text_changed").order_by("position"):
        by_text[paragraph.statement_id].append(paragraph)
    return [list(zip(texts, row)) for row in zip_longest(*(by_text[text.pk] for text in texts))]


def siblings(paragraph, texts):
    """[(text, paragraph)]: the paragraphs at the same position as `paragraph` in the other texts among
    `texts` (family() of its statement), in that order. One query, none for a statement in one language."""
    others = [text for text in texts if text.pk != paragraph.statement_id]
    if not others:
        return []
    found = {
        p.statement_id: p
        for p in Paragraph.objects.filter(statement_id__in=[t.pk for t in others], position=paragraph.position).only(
            "id", "statement_id", "position", "label", "public_id", "text"
        )
    }
    return [(text, found[text.pk]) for text in others if text.pk in found]


def texts_of(statement_ids):
    """{text id: (statement id, language)} for the statements `statement_ids` and their published
    language versions: a result page's snippets may come from any of them. One query."""
    ids = list(statement_ids)
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(texts_of_sql(len(ids)), [*ids, Statement.Status.PUBLISHED, *ids])
        return {pk: (original or pk, language) for pk, original, language in cursor.fetchall()}


@functools.lru_cache(maxsize=64)
def texts_of_sql(count):
    """texts_of()'s SQL for `count` statements (parameters: their ids, the published status, their ids),
    written by the ORM once per number of statements and process: building it cost most of the query
    (0.4 of 0.6 ms)."""
    ids = list(range(1, count + 1))
    texts = Statement.objects.filter(Q(pk__in=ids) | Q(version_of_id__in=ids, status=Statement.Status.PUBLISHED))
    return checked_sql(texts.order_by().values_list("pk", "version_of_id", "language"), [*ids, Statement.Status.PUBLISHED, *ids])


def mark_versions(paragraphs, texts):
    """Mark a result page's paragraphs with where they come from, for render_result: `original_id`
    (the statement listed), `in_version` (whether it is in a language version), `text_language`
    (the language of the text it is in) and `siblings` ([(language, paragraph)] at its position in the statement's other
    texts). `texts` is texts_of() for the page's statements. One query, none without versions."""
    paragraphs = list(paragraphs)
    for p in paragraphs:
        original, language = texts.get(p.statement_id, (p.statement_id, None))
        p.original_id, p.text_language, p.siblings = original, language, []
        p.in_version = original != p.statement_id
    if all(original == pk for pk, (original, _) in texts.items()):
        return  # no statement shown has a language version
    rows = Paragraph.objects.filter(
        statement_id__in=list(texts), position__in={p.position for p in paragraphs}
    ).order_by().only("id", "statement_id", "position", "label", "public_id")
    at = {}
    for row in rows:
        at.setdefault((texts[row.statement_id][0], row.position), []).append(row)
    for p in paragraphs:
        others = [row for row in at.get((p.original_id, p.position), []) if row.pk != p.pk]
        others.sort(key=lambda row: LANGUAGE_ORDER.get(texts[row.statement_id][1], 99))
        p.siblings = [(texts[row.statement_id][1], row) for row in others]


def candidates(meeting, delegation, date, language, paragraph_count, exclude=None):
    """Statements a new text could be a language version of: same meeting, delegation and date, another
    language, the same number of paragraphs, not a version themselves and without a version in this
    language yet. What the importer proposes; staff decide."""
    if not (meeting and delegation):
        return []
    found = (
        Statement.objects.originals()
        .filter(meeting=meeting, delegation=delegation, date=date)
        .exclude(language=language)
        .exclude(language_versions__language=language)
        .select_related("delegation", "meeting")
        .order_by("pk")
    )
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return [s for s in found[:10] if s.paragraphs.count() == paragraph_count]


def language_name(code):
    """A language as its speakers write it (“Français”, “العربية”), for the language links."""
    try:
        return capfirst(get_language_info(code)["name_local"])
    except KeyError:
        return Language(code).label if code in Language.values else code


def published_versions_prefetch():
    """Prefetch for a list of statements: each one's published language versions with their paragraphs,
    as `published_versions` (the API's statements). Two queries for the whole list."""
    return Prefetch(
        "language_versions",
        queryset=Statement.objects.filter(status=Statement.Status.PUBLISHED)
        .order_by("language", "pk")
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.order_by("position"))),
        to_attr="published_versions",
    )


# The importer's side (importing/store.py calls these): attach a text as a version when staff say so,
# propose it when the text looks like one.

def plan_version(plan, version_of=None):
    """Settle an import plan's relation to other languages, in place. With `version_of` (a statement
    or its id, as staff gave it) the text becomes that statement's version in its language: it takes
    the original's meeting, delegation and group (the translated header need not match the archive's
    names), carries no agenda items of its own, and updates the version already there in that
    language. Without it, `plan.version_candidates` lists the statements it looks like a version of
    (candidates()), for staff to choose; a text found by its heading alone in another language is a
    candidate, not a correction of that statement."""
    parse = plan.parse
    language = Language.parse(parse.get("language")) or Language.OTHER
    count = len(parse.get("paragraphs") or [])
    plan.version_of, plan.version_candidates = None, []
    if version_of in (None, ""):
        existing = plan.existing
        if existing and existing.content_hash != plan.text_hash and Language.OTHER not in (existing.language, language) \
                and existing.language != language:
            plan.existing = None
        if plan.existing is None and not plan.errors:
            date = _parse_date(parse.get("date"))
            plan.version_candidates = candidates(plan.meeting, plan.delegation, date, language, count)
        return
    original = version_of if isinstance(version_of, Statement) else Statement.objects.filter(pk=_int(version_of)).first()
    if original is None:
        plan.errors.append(f"No statement {version_of} to attach this text to. Give the number of the original statement.")
        return
    if original.version_of_id:
        original = original.version_of
    if language == original.language:
        plan.errors.append(
            f"Statement {original.pk} is in {original.get_language_display()}, and so is this text: a language version "
            "is in another language. Correct the language, or import it as a correction of that statement."
        )
        return
    plan.version_of = original
    plan.meeting, plan.delegation, plan.on_behalf_of = original.meeting, original.delegation, original.on_behalf_of
    plan.agenda_items = []
    plan.new_records = [record for record in plan.new_records if record.kind not in
                        ("body", "meeting", "agenda item", "delegation", "group")]
    plan.errors = [error for error in plan.errors if not error.startswith(("Meeting missing", "Delegation missing", "No meeting"))]
    plan.existing = original.language_versions.filter(language=language).first() or (
        plan.existing if plan.existing and plan.existing.version_of_id == original.pk else None
    )
    paragraphs = original.paragraphs.count()
    if paragraphs != count:
        plan.warnings.append(
            f"The original has {paragraphs} paragraphs and this text {count}: paragraphs are set side by side by "
            "position, so check the split before saving."
        )


def version_fields(original, fields):
    """The statement fields of a new language version of `original`, from the importer's `fields`."""
    fields.update({
        "version_of": original, "meeting": original.meeting, "delegation": original.delegation,
        "on_behalf_of": original.on_behalf_of, "kind": original.kind, "position": original.position,
        "date": fields.get("date") or original.date,
    })
    return fields


def proposal(plan):
    """What the importer tells staff about a text that looks like a language version, or ''."""
    if not getattr(plan, "version_candidates", None):
        return ""
    language = (Language.parse(plan.parse.get("language")) or Language.OTHER).label
    named = "; ".join(
        f"statement {s.pk} ({s.get_language_display()}, {s.attribution}, {s.date_display})" for s in plan.version_candidates
    )
    return (
        f"This {language} text has the meeting, delegation, date and paragraph count of {named}. If it is a "
        f"language version, attach it (--version-of {plan.version_candidates[0].pk}, or “Language version of” "
        "in the import form) so the statement counts once; otherwise it is imported as a statement of its own."
    )


def _parse_date(value):
    import datetime

    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def with_version_paragraphs(paragraphs, statements):
    """`paragraphs` (of `statements`) or those of the statements' published language versions."""
    return paragraphs | Paragraph.objects.filter(
        statement__version_of__in=statements.values("pk"), statement__status=Statement.Status.PUBLISHED
    )
