"""The API's serializers: how each body, meeting, agenda item, delegation, statement and paragraph
reads as JSON (api.py has the endpoints, their filters and their errors)."""
from datetime import date

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import symbols
from .models import AgendaItem, Body, Delegation, GroupMembership, Meeting, Paragraph, Statement
from .reversing import origin, reverse, reverse_each


def full(request, path):
    """The full address of one of the archive's paths, as the client reached the archive: the origin
    is worked out once per request rather than once per address (an API page carries hundreds)."""
    return origin(request) + path


def absolute(request, name, *args):
    """The full address of the route `name` with `args`."""
    return full(request, reverse_each(name, args[0]) if len(args) == 1 else reverse(name, args=args))


class LinkedSerializer(serializers.ModelSerializer):
    """Adds `url` (this object in the API) and `html_url` (its page) from the Meta's route names."""

    url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return absolute(self.context["request"], f"archive:api:{self.Meta.api_route}-detail", obj.pk)

    def get_html_url(self, obj) -> str:
        return full(self.context["request"], obj.get_absolute_url())


class BodySerializer(LinkedSerializer):
    class Meta:
        model = Body
        api_route = "body"
        fields = ["id", "slug", "name", "short_name", "organisation", "description", "is_synthetic", "created",
                  "url", "html_url"]


class MeetingSerializer(LinkedSerializer):
    body_slug = serializers.CharField(source="body.slug")
    feed_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        api_route = "meeting"
        fields = ["id", "slug", "title", "session", "date_start", "date_end", "location", "symbol", "source_url",
                  "year", "body", "body_slug", "created", "url", "html_url", "feed_url"]

    def get_feed_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:meeting-feed", obj.slug)


class AgendaItemSerializer(LinkedSerializer):
    meeting_slug = serializers.CharField(source="meeting.slug")

    class Meta:
        model = AgendaItem
        api_route = "agenda-item"
        fields = ["id", "meeting", "meeting_slug", "number", "title", "position", "url", "html_url"]


class MembershipSerializer(serializers.ModelSerializer):
    """A state's membership of a group, with the day it joined and the first day it no longer was one
    (null when unknown or still a member)."""

    group = serializers.SlugRelatedField(read_only=True, slug_field="slug")
    member = serializers.SlugRelatedField(read_only=True, slug_field="slug")

    class Meta:
        model = GroupMembership
        fields = ["group", "member", "joined", "left", "note"]


class DelegationSerializer(LinkedSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    feed_url = serializers.SerializerMethodField()
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        api_route = "delegation"
        fields = ["id", "slug", "name", "kind", "iso_code", "aliases", "members", "memberships", "created", "url",
                  "html_url", "feed_url"]

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, obj):
        """The dated memberships: a group's of its members, a state's of the groups it belonged to
        (`members` lists a group's members without dates)."""
        rows = [*obj.memberships.all(), *obj.group_memberships.all()]  # prefetched (api.DelegationViewSet)
        return MembershipSerializer(sorted(rows, key=lambda m: (m.group.name, m.member.name, m.joined or date.min)),
                                    many=True).data

    def get_feed_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:delegation-feed", obj.slug)


class DelegationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegation
        fields = ["id", "slug", "name", "kind"]


class MeetingSummarySerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.name")

    class Meta:
        model = Meeting
        fields = ["id", "slug", "title", "session", "date_start", "date_end", "location", "body"]


class AgendaItemSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "number", "title"]


@extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
    "symbol": {"type": "string"}, "written": {"type": "string"}, "url": {"type": "string"},
    "archive_url": {"type": "string"}}}})
class DocumentsField(serializers.Field):
    """The UN documents a paragraph's text cites: canonical symbol, the words as written, the UN's
    address and the archive's page of everyone citing it. Read from the text; no query."""

    def __init__(self, **kwargs):
        super().__init__(source="text", read_only=True, **kwargs)

    def to_representation(self, text):
        request = self.context["request"]
        return [
            {"symbol": ref.symbol, "written": ref.written, "url": ref.url,
             "archive_url": absolute(request, "archive:document-detail", ref.symbol)}
            for ref in symbols.find(text)
        ]


class StatementParagraphSerializer(serializers.ModelSerializer):
    permalink = serializers.SerializerMethodField()
    documents = DocumentsField()

    class Meta:
        model = Paragraph
        fields = ["public_id", "position", "label", "text", "text_changed", "permalink", "documents"]

    def get_permalink(self, obj) -> str:
        return absolute(self.context["request"], "archive:paragraph-permalink", obj.public_id)


class ParagraphSerializer(StatementParagraphSerializer):
    url = serializers.SerializerMethodField()
    statement_url = serializers.SerializerMethodField()
    statement_html_url = serializers.SerializerMethodField()

    class Meta:
        model = Paragraph
        fields = ["public_id", "position", "label", "text", "text_changed", "permalink", "documents", "url", "statement",
                  "statement_url", "statement_html_url"]

    def get_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:api:paragraph-detail", obj.public_id)

    def get_statement_url(self, obj) -> str:
        # A language version's paragraph: its statement in the API is the original, which lists the version.
        listed = getattr(obj, "listed_statement_id", None) or obj.statement_id
        return absolute(self.context["request"], "archive:api:statement-detail", listed)

    def get_statement_html_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:statement-detail", obj.statement_id)


@extend_schema_field({"type": "object", "properties": {
    "akoma_ntoso": {"type": "string"}, "text": {"type": "string"}, "markdown": {"type": "string"}}})
class ExportLinksField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="pk", read_only=True, **kwargs)

    def to_representation(self, pk):
        request = self.context["request"]
        return {
            "akoma_ntoso": absolute(request, "archive:statement-akoma-ntoso", pk),
            "text": absolute(request, "archive:statement-text", pk, "txt"),
            "markdown": absolute(request, "archive:statement-text", pk, "md"),
        }


class LanguageVersionSerializer(serializers.ModelSerializer):
    """A statement's text in another language (versions.py): its own paragraphs and permalinks."""

    html_url = serializers.SerializerMethodField()
    paragraphs = StatementParagraphSerializer(many=True)

    class Meta:
        model = Statement
        fields = ["id", "html_url", "language", "title", "salutation", "closing", "updated", "paragraphs"]

    def get_html_url(self, obj) -> str:
        return full(self.context["request"], obj.get_absolute_url())


class PersonSummarySerializer(serializers.Serializer):
    """The speaker as a person (matched from the speaker's name), or null."""

    slug = serializers.CharField()
    name = serializers.CharField()
    html_url = serializers.SerializerMethodField()

    def get_html_url(self, obj) -> str:
        return absolute(self.context["request"], "archive:person-detail", obj.slug)


class StatementSerializer(LinkedSerializer):
    meeting = MeetingSummarySerializer()
    delegation = DelegationSummarySerializer()
    on_behalf_of = DelegationSummarySerializer(allow_null=True)
    agenda_items = AgendaItemSummarySerializer(many=True)
    type = serializers.CharField(source="kind")
    exports = ExportLinksField()
    paragraphs = StatementParagraphSerializer(many=True)
    person = PersonSummarySerializer(allow_null=True)
    language_versions = LanguageVersionSerializer(many=True, source="published_versions")

    class Meta:
        model = Statement
        api_route = "statement"
        fields = ["id", "url", "html_url", "title", "meeting", "delegation", "on_behalf_of", "agenda_items",
                  "speaker", "speaker_title", "person", "date", "year", "language", "type", "version", "salutation",
                  "closing", "source_url", "source_symbol", "is_synthetic", "created", "updated", "exports",
                  "paragraphs", "language_versions"]
