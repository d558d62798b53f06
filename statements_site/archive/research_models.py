"""Groups as data over time, alignments, and who was on a meeting's list of speakers.

GroupMembership: a state's membership of a group, with the day it joined and the day it left (either
may be unknown). A group's members without dates (Delegation.members) count on every day, unless the
same pair also has dated rows, which then decide. Alignment: "X aligns itself with the statement of
Y", read from a statement's text at import (importing/alignment.py). ListedSpeaker: one entry of a
meeting's official list of speakers or summary record, entered or imported by staff, so the meeting
page tells a delegation that did not speak from a text the archive does not hold.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class GroupMembershipQuerySet(models.QuerySet):
    def on(self, day):
        """The memberships in force on `day` (joined on or before it, not left by then)."""
        return self.filter(Q(joined__isnull=True) | Q(joined__lte=day), Q(left__isnull=True) | Q(left__gt=day))


class GroupMembership(models.Model):
    group = models.ForeignKey("archive.Delegation", on_delete=models.CASCADE, related_name="memberships",
                              limit_choices_to={"kind": "group"})
    member = models.ForeignKey("archive.Delegation", on_delete=models.CASCADE, related_name="group_memberships")
    joined = models.DateField(null=True, blank=True, help_text="Leave empty when it was a member from the start of the records.")
    left = models.DateField(null=True, blank=True, help_text="The first day it was no longer a member; empty while it is one.")
    note = models.CharField(max_length=300, blank=True, help_text="Where the dates come from.")

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "member", "joined"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(joined__isnull=True) | Q(left__gt=models.F("joined")),
                name="membership_leaves_after_it_joins",
                violation_error_message="A state leaves a group after the day it joined.",
            ),
        ]
        indexes = [models.Index(fields=["member", "group"], name="membership_member_idx")]

    def __str__(self):
        return f"{self.member} in {self.group}"

    def clean(self):
        if self.group_id and self.group.kind != "group":
            raise ValidationError({"group": f"{self.group} is not a group; change its kind first."})
        if self.group_id and self.group_id == self.member_id:
            raise ValidationError({"member": "A group is not a member of itself."})


class Alignment(models.Model):
    """A statement whose text aligns its delegation with another's statement (a group's, usually)."""

    statement = models.ForeignKey("archive.Statement", on_delete=models.CASCADE, related_name="alignments")
    aligned_with = models.ForeignKey("archive.Delegation", on_delete=models.CASCADE, related_name="alignments_received")
    # The statement of `aligned_with` at the same meeting, when the archive holds it.
    aligned_statement = models.ForeignKey("archive.Statement", on_delete=models.SET_NULL, null=True, blank=True,
                                          related_name="alignments_received")
    sentence = models.TextField(help_text="The words that say so, as written.")

    class Meta:
        ordering = ["statement", "aligned_with"]
        constraints = [models.UniqueConstraint(fields=["statement", "aligned_with"], name="alignment_unique_per_statement")]

    def __str__(self):
        return f"{self.statement.delegation} aligns with {self.aligned_with}"


class ListedSpeaker(models.Model):
    """One delegation on a meeting's list of speakers, in its order."""

    class Source(models.TextChoices):
        SPEAKERS_LIST = "list", "Official list of speakers"
        SUMMARY_RECORD = "record", "Summary or verbatim record"

    meeting = models.ForeignKey("archive.Meeting", on_delete=models.CASCADE, related_name="listed_speakers")
    delegation = models.ForeignKey("archive.Delegation", on_delete=models.PROTECT, related_name="listed_at")
    on_behalf_of = models.ForeignKey("archive.Delegation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     limit_choices_to={"kind": "group"})
    position = models.PositiveIntegerField(default=0, help_text="Order on the list.")
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SPEAKERS_LIST)
    spoke = models.BooleanField(default=True, help_text="Untick for a delegation listed that did not take the floor.")

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "delegation", "on_behalf_of"],
                                               name="listed_speaker_once_per_meeting")]

    def __str__(self):
        return f"{self.delegation} on the list of {self.meeting}"
