"""Groups over time and alignments, as the statement, delegation and meeting pages show them.

Which states a group statement spoke for is read on the day it was delivered (its own date, else the
meeting's first day): dated memberships in force that day, and members without dates for whom the
group has no dated row. Each function is a few queries, whatever the group's size.
"""
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from .models import Alignment, Delegation, GroupMembership, ListedSpeaker

COVERING_SHOWN = 50  # group statements listed on a state's page (newest first)


def statement_day(statement):
    return statement.date or statement.meeting.date_start


def members_on(group, day):
    """The group's members on `day`, by name."""
    dated = GroupMembership.objects.filter(group=group)
    undated = group.members.exclude(pk__in=dated.values("member_id"))
    return Delegation.objects.filter(Q(pk__in=dated.on(day).values("member_id")) | Q(pk__in=undated.values("pk"))).order_by("name")


def covering(delegation, statements):
    """Group statements among `statements` made for a group `delegation` belonged to on the day."""
    day = Coalesce("date", "meeting__date_start")
    dated = GroupMembership.objects.filter(group=OuterRef("on_behalf_of_id"), member=delegation)
    in_force = dated.filter(Q(joined__isnull=True) | Q(joined__lte=OuterRef("day")), Q(left__isnull=True) | Q(left__gt=OuterRef("day")))
    undated = Delegation.members.through.objects.filter(from_delegation=OuterRef("on_behalf_of_id"), to_delegation=delegation)
    return (
        statements.exclude(on_behalf_of=None).exclude(delegation=delegation).annotate(day=day)
        .filter(Exists(in_force) | (Exists(undated) & ~Exists(dated)))
        .select_related("meeting", "delegation", "on_behalf_of").order_by("-day", "-pk")
    )


def alignments(statements):
    """Alignments made in `statements` (the visitor's), with who, with whom, where. Each alignment's
    statement is looked up among them (EXISTS): as `statement IN (...)`, SQLite listed all the
    visitor's statements first (35 ms at 50,000, with no alignment to show)."""
    return (
        Alignment.objects.filter(Exists(statements.filter(pk=OuterRef("statement_id"))))
        .select_related("statement__delegation", "statement__meeting", "aligned_with", "aligned_statement")
        .order_by("-statement__meeting__date_start", "statement__position", "pk")
    )


def statement_groups(statement, statements):
    """What a statement page shows of groups: the states it spoke for (a group statement), who aligned
    with it, and whom it aligned with. One query, two for a group statement, three with alignments.

    Most statements have no alignment: a plain indexed EXISTS says so for a seventh of what building
    the query of the alignments themselves costs (0.2 against 1.5 ms of CPU)."""
    involved = Alignment.objects.filter(Q(statement=statement) | Q(aligned_statement=statement))
    found = list(
        Alignment.objects.filter(Q(statement=statement) | Q(aligned_statement=statement, statement__in=statements.values("pk")))
        .select_related("statement__delegation", "aligned_with", "aligned_statement").order_by("statement__position", "pk")
    ) if involved.exists() else []
    return {
        "covered": list(members_on(statement.on_behalf_of, statement_day(statement))) if statement.on_behalf_of_id else [],
        "aligned_by": [alignment for alignment in found if alignment.aligned_statement_id == statement.pk],
        "aligns_with": [alignment for alignment in found if alignment.statement_id == statement.pk],
    }


def delegation_groups(delegation, statements):
    """What a delegation page shows: its memberships with dates (a group's: its members'), and for a
    state the group statements that covered it and its alignments. One query for a group; for a
    state two more, and one for each of those two lists it has.

    A state's group statements are looked for among those of the groups it was ever a member of,
    and its alignments only once an indexed EXISTS finds one: asked of every statement the visitor
    may see, each list cost a scan of the statement table (40 ms at 50,000 statements) on every
    state's page, most of which have neither."""
    memberships = list(GroupMembership.objects.filter(Q(member=delegation) | Q(group=delegation))
                       .select_related("group", "member").order_by("member__name", "joined"))
    context = {
        "memberships": [m for m in memberships if m.member_id == delegation.pk],
        "members": [m for m in memberships if m.group_id == delegation.pk],
        "covered": [], "covered_count": 0, "aligned": [],
    }
    if not delegation.is_group:
        groups = {membership.group_id for membership in context["memberships"]}
        groups.update(Delegation.members.through.objects.filter(to_delegation=delegation)
                      .values_list("from_delegation_id", flat=True))
        if groups:
            spoken_for = covering(delegation, statements).filter(on_behalf_of__in=groups)
            covered = list(spoken_for[: COVERING_SHOWN + 1])
            context["covered_count"] = len(covered) if len(covered) <= COVERING_SHOWN else spoken_for.count()
            context["covered"] = covered[:COVERING_SHOWN]
        if Alignment.objects.filter(statement__delegation=delegation).exists():
            context["aligned"] = list(alignments(statements).filter(statement__delegation=delegation)[:COVERING_SHOWN])
    return context


def meeting_coverage(meeting, statements):
    """The meeting's list of speakers beside the texts the archive holds: [(listed speaker, its
    statements)] in list order, and the statements of delegations not on the list."""
    listed = list(ListedSpeaker.objects.filter(meeting=meeting).select_related("delegation", "on_behalf_of"))
    if not listed:  # most meetings: no list, nothing to set the texts beside (and no query for them)
        return {"listed": [], "unlisted": []}
    held = list(statements.filter(meeting=meeting).select_related("delegation", "on_behalf_of").order_by("position", "pk"))
    rows, matched = [], set()
    for entry in listed:
        mine = [s for s in held if s.delegation_id == entry.delegation_id
                and (entry.on_behalf_of_id is None or s.on_behalf_of_id == entry.on_behalf_of_id)]
        matched.update(s.pk for s in mine)
        rows.append((entry, mine))
    return {"listed": rows, "unlisted": [s for s in held if s.pk not in matched] if listed else []}


def members_by_group(group_ids, delegations):
    """{group id: [{"slug", "name", "joined", "left"}]} of the `group_ids`, by member name: dated
    memberships with their days, members without dates with null ones (unless the pair has dated rows,
    which decide), among `delegations` (the visitor's). Two queries."""
    members = {pk: [] for pk in group_ids}
    if not members:
        return members
    dated = set()
    for group_id, slug, name, joined, left in (
        GroupMembership.objects.filter(group_id__in=members, member__in=delegations)
        .values_list("group_id", "member__slug", "member__name", "joined", "left")
    ):
        members[group_id].append({"slug": slug, "name": name, "joined": joined, "left": left})
        dated.add((group_id, slug))
    for group_id, slug, name in (
        Delegation.members.through.objects.filter(from_delegation_id__in=members, to_delegation__in=delegations)
        .values_list("from_delegation_id", "to_delegation__slug", "to_delegation__name")
    ):
        if (group_id, slug) not in dated:
            members[group_id].append({"slug": slug, "name": name, "joined": None, "left": None})
    for rows in members.values():
        rows.sort(key=lambda row: (row["name"], row["joined"] or date.min))
    return members


def members_text(members):
    """Members with their dates in one line, for a CSV cell: "Brazil (from 2018-01-01); Chile
    (2018-01-01 to 2022-01-01); Egypt"."""
    parts = []
    for row in members:
        joined, left = row["joined"], row["left"]
        if joined and left:
            parts.append(f"{row['name']} ({joined.isoformat()} to {left.isoformat()})")
        elif joined or left:
            parts.append(f"{row['name']} ({'from ' + joined.isoformat() if joined else 'until ' + left.isoformat()})")
        else:
            parts.append(row["name"])
    return "; ".join(parts)

