"""“X aligns itself with the statement of Y”: read from a statement's paragraphs at import and recorded
as Alignment rows (who aligned, with whom, at which statement). Only names the archive already knows
(a delegation's name or alternate name, or a group's canonical name) are recorded: a guess is no fact."""
import re

from .groups import canonical_group

# "aligns itself with", "align ourselves fully with", "associates itself with", then "the statement(s)
# delivered / made by [the representative of] Y" or "... on behalf of Y"; what follows runs to the next
# punctuation mark, and the name is the longest start of it the archive knows (see candidates()).
ALIGNS = re.compile(
    r"\b(?:align|associate)(?:s|d|ed)?\s+(?:itself|themselves|ourselves|myself|herself|himself)?\s*"
    r"(?:fully\s+|entirely\s+)?with\s+the\s+statements?\s+"
    r"(?:(?:made|delivered|given|presented|read\s+out)\s+)?"
    r"(?:(?:by\s+(?:the\s+)?(?:distinguished\s+)?(?:representative|delegation|ambassador)\s+of\s+(?:the\s+)?)|by\s+(?:the\s+)?|on\s+behalf\s+of\s+(?:the\s+)?|of\s+(?:the\s+)?)"
    r"(?P<rest>[^,.;:()\n]+)",
    re.IGNORECASE,
)
CUT = re.compile(r"\s+(?:and|in\s+(?:its|our|my|their)|as\s+well|which|that|who)\b", re.IGNORECASE)
BEHALF = re.compile(r"\s+on\s+behalf\s+of\s+(?:the\s+)?", re.IGNORECASE)


def candidates(rest):
    """The names `rest` may start with, longest first: "the Group of 77 and China and add ..." gives
    the whole, then "Group of 77 and China", then "Group of 77". A statement made by a state on behalf
    of a group is the group's ("Guatemala on behalf of the Group of Friends" gives the group)."""
    parts = BEHALF.split(rest.strip(), maxsplit=1)
    rest = parts[-1]
    cuts = [match.start() for match in CUT.finditer(rest)]
    return [rest.strip()] + [rest[:cut].strip() for cut in reversed(cuts)]


def aligned_names(text):
    """[([candidate names, longest first], the sentence)] of every alignment `text` states."""
    found = []
    for match in ALIGNS.finditer(text):
        start = text.rfind(".", 0, match.start()) + 1
        end = text.find(".", match.end())
        found.append((candidates(match.group("rest")), text[start:end + 1 if end >= 0 else len(text)].strip()))
    return found


def resolve(names):
    """The first of `names` that is a delegation the archive knows, or None."""
    from ..models import Delegation

    for name in names:
        target = Delegation.objects.matching(canonical_group(name) or name).first()
        if target is not None:
            return target
    return None


def record(statement):
    """Replace the statement's alignments with those its paragraphs state now. Returns them."""
    from ..models import Alignment, Statement

    statement.alignments.all().delete()
    recorded = {}
    for text in statement.paragraphs.order_by("position").values_list("text", flat=True):
        for names, sentence in aligned_names(text):
            target = resolve(names)
            if target is None or target.pk in (statement.delegation_id, statement.on_behalf_of_id) or target.pk in recorded:
                continue
            spoken = Statement.objects.filter(meeting_id=statement.meeting_id).exclude(pk=statement.pk)
            aligned_statement = (
                spoken.filter(on_behalf_of=target).order_by("position", "pk").first()
                or spoken.filter(delegation=target, on_behalf_of=None).order_by("position", "pk").first()
            )
            recorded[target.pk] = Alignment.objects.create(
                statement=statement, aligned_with=target, aligned_statement=aligned_statement, sentence=sentence[:2000]
            )
    return list(recorded.values())
