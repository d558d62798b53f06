"""Fill the database with a deterministic synthetic corpus for benchmarks.

What it does: it ADDS a corpus of invented bodies, meetings, agenda items and statements,
every one marked synthetic (Body.is_synthetic, Statement.is_synthetic) and published. It
deletes nothing. It reuses delegations that already exist under the same name and creates
the others. It refuses to run on a database that holds real (non-synthetic) statements unless
--force is given, and on one that already holds a generated corpus (use a fresh database).

Speed: the small tables go through bulk_create; statements, their agenda links and
paragraphs are inserted with executemany (SQLite) or COPY (PostgreSQL) with ids assigned
here, inside one transaction, with the full-text index built once at the end
(search.bulk_load). 50,000 statements take well under a minute on SQLite.
"""
import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from ... import search, synthetic
from ...models import AgendaItem, Body, Delegation, DelegationAlias, Meeting, Paragraph, Statement, name_key

BATCH = 5000  # statements generated and written per round trip
STATEMENTS_PER_MEETING = 125  # 50,000 statements -> 400 meetings
GROUP_SHARE = 0.18  # statements delivered on behalf of a group
HOME_LANGUAGE_SHARE = 0.85  # a delegation mostly speaks its own language

STATEMENT_COLUMNS = [
    "id", "meeting_id", "delegation_id", "on_behalf_of_id", "title", "speaker", "speaker_title", "date", "year",
    "language", "kind", "version", "salutation", "closing", "source_url", "source_symbol", "source_file",
    "source_sha256", "content_hash", "position", "status", "is_synthetic", "created", "updated",
]
PARAGRAPH_COLUMNS = ["id", "statement_id", "position", "label", "text", "public_id", "search_text"]
LINK_COLUMNS = ["id", "statement_id", "agendaitem_id"]


class Command(BaseCommand):
    help = (
        "Add a deterministic synthetic corpus of N published statements (marked synthetic) for benchmarks. "
        "Refuses a database with real statements unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, required=True, metavar="N", help="how many statements to add")
        parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same corpus")
        parser.add_argument(
            "--even-languages", action="store_true",
            help="a sixth of the statements in each UN language (default: English dominates, as in practice)",
        )
        parser.add_argument(
            "--force", action="store_true", help="add the corpus even though the database holds real statements"
        )

    def handle(self, *args, statements, seed, force, even_languages=False, **options):
        if statements < 1:
            raise CommandError("--statements must be at least 1.")
        real = Statement.objects.filter(is_synthetic=False).count()
        if real and not force:
            raise CommandError(
                f"This database holds {real} real (non-synthetic) statement{'s' if real != 1 else ''}. "
                "generate_corpus only adds synthetic rows, but a benchmark corpus mixed into real data is "
                "hard to tell apart in listings: point DATABASE_URL at a fresh database, or pass --force."
            )
        bodies = body_specs(statements)
        if Body.objects.filter(name__in=[spec["name"] for spec in bodies]).exists():
            raise CommandError(
                "This database already holds a generated corpus. Use a fresh database "
                "(e.g. DATABASE_URL=sqlite:////tmp/bench.sqlite3, then migrate) to generate another."
            )
        started = time.monotonic()
        self.speed_up_sqlite(True)
        try:
            with transaction.atomic():
                counts = Generator(synthetic.make_rng(seed), statements, bodies, self.progress, even_languages).run()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        finally:
            self.speed_up_sqlite(False)
        self.stdout.write(
            self.style.SUCCESS(
                f"Added a synthetic corpus (seed {seed}) in {time.monotonic() - started:.1f} s: "
                + ", ".join(f"{n} {name}" for name, n in counts.items())
                + ". Every body and statement is marked synthetic; nothing was deleted."
            )
        )

    def progress(self, message):
        if self.stdout.isatty():
            self.stdout.write(message, ending="\r")
            self.stdout.flush()

    def speed_up_sqlite(self, loading):
        """A rollback journal and no fsync during the load: the WAL would write every page twice.

        Safe because the load is one transaction on a database nothing else is writing to; the
        usual WAL mode returns afterwards. Changing the journal mode fails if another connection
        is open: then the load simply runs in WAL mode.
        """
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            try:
                if loading:
                    cursor.execute("PRAGMA journal_mode=DELETE")
                    cursor.execute("PRAGMA synchronous=OFF")
                    cursor.execute("PRAGMA cache_size=-262144")  # 256 MB for the index builds
                else:
                    cursor.execute("PRAGMA journal_mode=WAL")
                    cursor.execute("PRAGMA synchronous=NORMAL")
            except Exception:  # noqa: BLE001 - best effort; the load is correct either way
                pass


def body_specs(statements):
    """About 40 bodies (fewer for small corpora), each with its sessions over the years."""
    meetings = max(1, min(400, round(statements / STATEMENTS_PER_MEETING)))
    count = max(1, min(40, round(meetings / 10)))
    specs = []
    for n in range(count):
        kind = synthetic.BODY_KINDS[n % len(synthetic.BODY_KINDS)]
        topic = synthetic.BODY_TOPICS[n % len(synthetic.BODY_TOPICS)]
        specs.append({"name": f"{kind} {topic}", "short_name": abbreviation(f"{kind} {topic}"), "meetings": 0})
    for n in range(meetings):
        specs[n % count]["meetings"] += 1
    return specs


def abbreviation(name):
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isupper()) + " (synthetic)"


class Generator:
    """One run of the corpus: draws everything from `rng` in a fixed order, writes in batches."""

    def __init__(self, rng, statements, bodies, progress, even_languages=False):
        self.rng = rng
        self.even_languages = even_languages
        self.total = statements
        self.body_specs = bodies
        self.progress = progress
        self.text = synthetic.CorpusText(rng)
        self.now = timezone.now()
        self.counts = {"statements": 0, "paragraphs": 0}

    def run(self):
        rng = self.rng
        states, groups, others = self.delegations()
        meetings = self.meetings()
        # Zipf-like: a few delegations and groups speak often, most rarely.
        self.speakers = states + others
        self.speaker_weights = synthetic.zipf_weights(len(self.speakers), 0.7)
        self.groups = groups
        self.group_weights = synthetic.zipf_weights(len(groups), 1.0)
        self.home_language = {d.pk: synthetic.pick(rng, synthetic.LANGUAGE_SHARES) for d in self.speakers}
        self.chairs = {}
        # Some meetings are much bigger than others.
        weights = [rng.lognormvariate(0, 0.6) for _ in meetings]
        chosen = rng.choices(range(len(meetings)), weights=weights, k=self.total)
        per_meeting = [0] * len(meetings)
        for index in chosen:
            per_meeting[index] += 1

        self.next_id = {table: max_id(table) + 1 for table in
                        ("archive_statement", "archive_paragraph", "archive_statement_agenda_items")}
        self.public_ids = synthetic.public_ids(rng, set(Paragraph.objects.values_list("public_id", flat=True)))
        self.rows = {"archive_statement": [], "archive_paragraph": [], "archive_statement_agenda_items": []}
        with search.bulk_load():
            for (meeting, items), count in zip(meetings, per_meeting):
                for position in range(1, count + 1):
                    self.statement(meeting, items, position)
                    if len(self.rows["archive_statement"]) >= BATCH:
                        self.flush()
            self.flush()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Statement, Paragraph, Statement.agenda_items.through]):
                cursor.execute(sql)
        self.counts.update({"meetings": len(meetings), "agenda items": sum(len(items) for _, items in meetings),
                            "bodies": len(self.body_specs)})
        return self.counts

    def delegations(self):
        """The states, groups and others, reusing delegations that exist under the same name."""
        existing = {d.name_key: d for d in Delegation.objects.all()}
        existing.update({a.key: a.delegation for a in DelegationAlias.objects.select_related("delegation")})
        slugs = set(Delegation.objects.values_list("slug", flat=True))
        wanted = [(name, "state") for name in synthetic.STATES] + [(name, "group") for name in synthetic.GROUPS]
        wanted += synthetic.OTHER_DELEGATIONS
        new = []
        for name, kind in wanted:
            if name_key(name) in existing:
                continue
            slug = base = slugify(name)[:110] or "delegation"
            n = 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            slugs.add(slug)
            delegation = Delegation(name=name, name_key=name_key(name), slug=slug, kind=kind)
            existing[delegation.name_key] = delegation
            new.append(delegation)
        Delegation.objects.bulk_create(new)
        # Re-read: bulk_create gives ids back on both databases, but a reused row may be of another kind.
        by_key = {d.name_key: d for d in Delegation.objects.filter(name_key__in=[name_key(n) for n, _ in wanted])}
        by_key.update({k: d for k, d in existing.items() if d.pk})
        states = [by_key[name_key(name)] for name in synthetic.STATES]
        groups = [by_key[name_key(name)] for name in synthetic.GROUPS]
        others = [by_key[name_key(name)] for name, _ in synthetic.OTHER_DELEGATIONS]
        # Each group has members among the states; a member takes the floor for it.
        self.members = {}
        links = []
        for group in groups:
            members = self.rng.sample(states, k=self.rng.randint(8, 40))
            self.members[group.pk] = members
            links += [Delegation.members.through(from_delegation_id=group.pk, to_delegation_id=m.pk) for m in members]
        Delegation.members.through.objects.bulk_create(links, ignore_conflicts=True)
        return states, groups, others

    def meetings(self):
        """[(meeting, [agenda items])], sessions spread over 15+ years per body."""
        rng = self.rng
        bodies = Body.objects.bulk_create([
            Body(name=spec["name"], short_name=spec["short_name"], slug=unique(Body, "syn-" + slugify(spec["short_name"])),
                 organisation=rng.choice(synthetic.ORGANISATIONS), is_synthetic=True,
                 description="Invented for benchmarks by generate_corpus; not a real body.")
            for spec in self.body_specs
        ])
        meetings = []
        for body, spec in zip(bodies, self.body_specs):
            first = rng.randint(2004, 2010)
            span = list(range(first, 2026))
            years = sorted(rng.sample(span, k=min(spec["meetings"], len(span))))
            while len(years) < spec["meetings"]:  # more sessions than years: some years meet twice
                years.append(rng.choice(span))
            years.sort()
            for number, year in enumerate(years, start=1):
                start = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 340))
                session = f"{synthetic.ORDINALS[number - 1]} session" if number <= len(synthetic.ORDINALS) else f"{number}th session"
                meetings.append(Meeting(
                    body=body, title=spec["name"], session=session, date_start=start,
                    date_end=start + datetime.timedelta(days=rng.randint(2, 9)), location=rng.choice(synthetic.LOCATIONS),
                    slug=f"{body.slug}-{number}-{year}", year=year, symbol=f"SYN/{body.pk}/{number}",
                ))
        meetings = Meeting.objects.bulk_create(meetings)
        items = []
        for meeting in meetings:
            topics = rng.sample(synthetic.AGENDA_TOPICS, k=rng.randint(0, 10))
            titles = synthetic.AGENDA_OPENING + topics + synthetic.AGENDA_CLOSING
            items.append([AgendaItem(meeting=meeting, number=str(n), title=title, position=n)
                          for n, title in enumerate(titles, start=1)])
        AgendaItem.objects.bulk_create([item for agenda in items for item in agenda])
        return list(zip(meetings, items))

    def chair(self, group, year):
        key = (group.pk, year)
        if key not in self.chairs:
            self.chairs[key] = self.rng.choice(self.members[group.pk])
        return self.chairs[key]

    def statement(self, meeting, items, position):
        rng = self.rng
        group = None
        if rng.random() < GROUP_SHARE:
            group = rng.choices(self.groups, weights=self.group_weights)[0]
            delegation = self.chair(group, meeting.year)
        else:
            delegation = rng.choices(self.speakers, weights=self.speaker_weights)[0]
        kind = synthetic.pick(rng, synthetic.KIND_SHARES)
        substantive = items[3:-2] or items
        if kind == "general":
            chosen = [items[2]]
        else:
            chosen = rng.sample(substantive, k=min(len(substantive), rng.choices([1, 2, 3], weights=[70, 22, 8])[0]))
        if self.even_languages:
            language = synthetic.pick(rng, synthetic.EVEN_LANGUAGE_SHARES)
        else:
            language = self.home_language[delegation.pk] if rng.random() < HOME_LANGUAGE_SHARE else "en"
        texts = self.text.indexed_statement(language, rng.randint(8, 16), group.name if group else None)
        day = meeting.date_start + datetime.timedelta(days=rng.randint(0, (meeting.date_end - meeting.date_start).days))
        who = f"{delegation.name} on behalf of {group.name}" if group else delegation.name
        topic = f"agenda item {chosen[0].number}: {chosen[0].title}" if kind != "general" else "the general debate"
        speaker = f"{rng.choice(['Mr.', 'Ms.'])} {rng.choice(synthetic.FIRST_NAMES)} {rng.choice(synthetic.LAST_NAMES)}"
        statement_id = self.take_id("archive_statement")
        self.rows["archive_statement"].append([
            statement_id, meeting.pk, delegation.pk, group.pk if group else None,
            f"Statement by {who} on {topic}", speaker,
            f"Permanent Mission of {delegation.name}" if delegation.kind == "state" else "",
            day, meeting.year, language, kind, synthetic.pick(rng, synthetic.VERSION_SHARES),
            rng.choice(synthetic.SALUTATIONS), rng.choice(synthetic.CLOSINGS), "", "", "", "", "", position,
            Statement.Status.PUBLISHED, True, self.now, self.now,
        ])
        for item in chosen:
            self.rows["archive_statement_agenda_items"].append([self.take_id("archive_statement_agenda_items"), statement_id, item.pk])
        for number, (text, indexed) in enumerate(texts, start=1):
            self.rows["archive_paragraph"].append(
                [self.take_id("archive_paragraph"), statement_id, number, str(number), text, next(self.public_ids), indexed]
            )

    def take_id(self, table):
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def flush(self):
        columns = {"archive_statement": STATEMENT_COLUMNS, "archive_paragraph": PARAGRAPH_COLUMNS,
                   "archive_statement_agenda_items": LINK_COLUMNS}
        for table in ("archive_statement", "archive_statement_agenda_items", "archive_paragraph"):
            insert(table, columns[table], self.rows[table])
        self.counts["statements"] += len(self.rows["archive_statement"])
        self.counts["paragraphs"] += len(self.rows["archive_paragraph"])
        for rows in self.rows.values():
            rows.clear()
        self.progress(f"{self.counts['statements']} of {self.total} statements written")


def insert(table, columns, rows):
    """Write rows fast: COPY on PostgreSQL, one executemany on SQLite."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            ops = connection.ops
            adapted = [
                [ops.adapt_datetimefield_value(v) if isinstance(v, datetime.datetime)
                 else ops.adapt_datefield_value(v) if isinstance(v, datetime.date) else v for v in row]
                for row in rows
            ]
            placeholders = ", ".join(["?"] * len(columns))
            # The driver's own cursor: Django's wrapper would rewrite the SQL for every batch.
            cursor.cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", adapted)


def max_id(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        return cursor.fetchone()[0]


def unique(model, slug):
    base, n = slug[:110], 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
