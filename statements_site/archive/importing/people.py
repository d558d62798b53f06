"""The speaker of an imported statement as a person: matched with the same care as delegations.

plan_speaker() says in the plan's warnings what saving will do with the speaker's name: propose a
new person (listed for staff review in the admin's people, not a new record to confirm: a speaker
is optional, and a file should not fail on one) or leave a name that could be several people
unlinked; link_speaker() links the statement before it is saved. Only names are read here; the matching itself is people.match().
"""
from .. import people


def plan_speaker(plan):
    """Warn in `plan` when the speaker would be a new person or could be several. Reads only."""
    message = people.describe(people.match(plan.parse.get("speaker") or ""))
    if message:
        plan.warnings.append(message)


def link_speaker(statement):
    """Set `statement.person` from its speaker text (creating a proposed person for a new name). The
    caller saves the statement. A statement staff linked by hand keeps its person while its speaker
    text is the same."""
    if statement.person_id and statement.pk:
        from ..models import Statement

        before = Statement.objects.filter(pk=statement.pk).values_list("speaker", flat=True).first()
        if before == statement.speaker:
            return
    statement.person = None
    if statement.speaker:
        people.speaker_of(statement)
