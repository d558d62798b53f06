"""Load the founding statement and a small, clearly labelled synthetic corpus. Idempotent."""
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from ... import synthetic
from ...importing.parse import parse_statement
from ...importing.readers import read_upload
from ...importing.store import content_hash, plan_import, save_import
from ...models import AgendaItem, Body, Delegation, DelegationAlias, Meeting, Paragraph, Statement

DEMO_DIR = Path(__file__).resolve().parent.parent.parent / "demo"
FOUNDING_FILE = DEMO_DIR / "seed-g77-cybercrime-egm-2020.txt"

GROUPS = {
    "Group of 77 and China": ["G-77 and China", "G77", "G-77", "Group of 77", "Groupe des 77 et la Chine",
                              "Grupo de los 77 y China"],
    "European Union": ["EU", "European Union and its Member States", "Union européenne", "Unión Europea"],
    "African Group": ["Group of African States", "Groupe africain", "Grupo Africano"],
}
STATES = {
    "Palestine": "PSE", "Sweden": "SWE", "Brazil": "BRA", "Kenya": "KEN", "Japan": "JPN", "Mexico": "MEX",
    "Norway": "NOR", "India": "IND", "South Africa": "ZAF", "Indonesia": "IDN", "Canada": "CAN",
    "Egypt": "EGY", "Germany": "DEU", "Chile": "CHL", "Philippines": "PHL", "Nigeria": "NGA",
    "United States of America": "USA", "China": "CHN", "Russian Federation": "RUS", "France": "FRA",
}
STATE_ALIASES = {"United States of America": ["United States", "USA", "U.S."], "Russian Federation": ["Russia"]}
MEMBERS = {
    "Group of 77 and China": ["Palestine", "Brazil", "Kenya", "India", "South Africa", "Indonesia", "Egypt",
                              "Chile", "Philippines", "Nigeria", "Mexico", "China"],
    "European Union": ["Sweden", "Germany", "France"],
    "African Group": ["Kenya", "South Africa", "Egypt", "Nigeria"],
}
SYNTHETIC_MEETINGS = [
    ("Synthetic demo: Commission on Ocean Stewardship", "COS (demo)", "Demo Organisation",
     [("first session", datetime.date(2023, 5, 8), datetime.date(2023, 5, 12), "New York",
       ["Opening of the session", "General debate", "Marine pollution", "Capacity-building"]),
      ("second session", datetime.date(2024, 5, 6), datetime.date(2024, 5, 10), "New York",
       ["Opening of the session", "General debate", "Financing", "Other matters"])]),
    ("Synthetic demo: Working Group on Digital Cooperation", "WGDC (demo)", "Demo Organisation",
     [("third session", datetime.date(2025, 2, 17), datetime.date(2025, 2, 20), "Geneva",
       ["Adoption of the agenda", "Electronic evidence", "Technical assistance"])]),
]
SYNTHETIC_LANGUAGES = ["en"] * 7 + ["fr", "es", "en"]


class Command(BaseCommand):
    help = "Load the founding example statement and a small synthetic demo corpus (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            delegations = self.load_delegations()
            founding = self.load_founding_statement()
            synthetic_count = self.load_synthetic(delegations)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: founding statement {founding}; {synthetic_count} synthetic statements added "
                f"({Statement.objects.filter(is_synthetic=True).count()} in all)."
            )
        )

    def load_delegations(self):
        delegations = {}
        for name, code in STATES.items():
            delegations[name], _ = Delegation.objects.get_or_create(
                name=name, defaults={"kind": Delegation.Kind.STATE, "iso_code": code}
            )
            for alias in STATE_ALIASES.get(name, []):
                DelegationAlias.objects.get_or_create(delegation=delegations[name], name=alias)
        for name, aliases in GROUPS.items():
            delegations[name], _ = Delegation.objects.get_or_create(name=name, defaults={"kind": Delegation.Kind.GROUP})
            for alias in aliases:
                DelegationAlias.objects.get_or_create(delegation=delegations[name], name=alias)
            delegations[name].members.add(*[delegations[member] for member in MEMBERS[name]])
        return delegations

    def load_founding_statement(self):
        body, _ = Body.objects.get_or_create(
            name="Open-ended Intergovernmental Expert Group to Conduct a Comprehensive Study of the Problem of Cybercrime",
            defaults={"short_name": "Cybercrime Expert Group", "organisation": "UNODC", "slug": "cybercrime-expert-group"},
        )
        meeting, _ = Meeting.objects.get_or_create(
            slug="cybercrime-expert-group-sixth-session-2020",
            defaults={
                "body": body,
                "title": "Expert Group Meeting to Conduct a Comprehensive Study of the Problem of Cybercrime",
                "session": "sixth session",
                "date_start": datetime.date(2020, 7, 27),
                "date_end": datetime.date(2020, 7, 29),
                "location": "Vienna",
            },
        )
        AgendaItem.objects.get_or_create(meeting=meeting, number="2", defaults={"title": "International cooperation", "position": 1})
        AgendaItem.objects.get_or_create(meeting=meeting, number="3", defaults={"title": "Prevention", "position": 2})
        data = FOUNDING_FILE.read_bytes()
        parse = parse_statement(read_upload(data, FOUNDING_FILE.name), source=FOUNDING_FILE.name)
        plan = plan_import(parse, meeting_slug=meeting.slug, allow_create=False)
        statement, outcome = save_import(
            plan, publish=True, source_name=FOUNDING_FILE.name, source_bytes=None if plan.existing else data,
            overrides={} if plan.existing else {"kind": Statement.Kind.ITEM, "version": Statement.Version.PREPARED},
        )
        return f"{outcome} (statement {statement.pk})"

    def load_synthetic(self, delegations):
        rng = synthetic.make_rng(2020)
        states = list(STATES)
        added = 0
        for body_name, short_name, organisation, sessions in SYNTHETIC_MEETINGS:
            body, _ = Body.objects.get_or_create(
                name=body_name, defaults={"short_name": short_name, "organisation": organisation, "is_synthetic": True}
            )
            for session, start, end, location, items in sessions:
                meeting, _ = Meeting.objects.get_or_create(
                    body=body, session=session,
                    defaults={"title": body_name.removeprefix("Synthetic demo: "), "date_start": start,
                              "date_end": end, "location": location},
                )
                agenda = [
                    AgendaItem.objects.get_or_create(meeting=meeting, number=str(n), defaults={"title": t, "position": n})[0]
                    for n, t in enumerate(items, start=1)
                ]
                for position in range(1, 7):
                    added += self.add_synthetic_statement(rng, meeting, agenda, position, delegations, states)
        return added

    def add_synthetic_statement(self, rng, meeting, agenda, position, delegations, states):
        group = rng.choice(list(GROUPS)) if rng.random() < 0.35 else None
        speaker_pool = MEMBERS[group] if group else states
        delegation = delegations[rng.choice(speaker_pool)]
        paragraphs = synthetic.statement_paragraphs(rng, rng.randint(4, 9), group)
        items = rng.sample(agenda[1:], k=min(len(agenda) - 1, rng.choice([1, 1, 2])))
        day = meeting.date_start + datetime.timedelta(days=rng.randint(0, (meeting.last_day - meeting.date_start).days))
        # Every random draw happens before the idempotence check, so a second run sees the same sequence.
        fields = {
            "language": rng.choice(SYNTHETIC_LANGUAGES),
            "version": rng.choice(list(Statement.Version.values)),
            "salutation": rng.choice(synthetic.SALUTATIONS),
            "closing": rng.choice(synthetic.CLOSINGS),
            "speaker": f"{rng.choice(['Mr.', 'Ms.', 'H.E. Mr.', 'H.E. Ms.'])} {rng.choice('ABCDEFGH')}. Demo",
        }
        key = content_hash(paragraphs)
        if Statement.objects.filter(content_hash=key).exists():
            return 0
        statement = Statement.objects.create(
            meeting=meeting, delegation=delegation, on_behalf_of=delegations[group] if group else None,
            date=day, kind=Statement.Kind.ITEM, position=position, status=Statement.Status.PUBLISHED,
            is_synthetic=True, content_hash=key, title="Synthetic demo statement", **fields,
        )
        statement.agenda_items.set(items)
        Paragraph.objects.bulk_create(
            Paragraph(statement=statement, position=n, label=p["label"], text=p["text"])
            for n, p in enumerate(paragraphs, start=1)
        )
        return 1
