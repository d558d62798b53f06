"""Forms of the staff import page: the source (paste or upload), then the editable preview."""
import datetime
import hashlib
import json
import re
import secrets
import time

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import limits
from .importing.readers import SUPPORTED, ReadError, front_matter, read_upload
from .models import Language, Meeting, Statement

# In the preview a printed paragraph number stands in square brackets: "[6] The Group recognizes ..."
LABEL_MARK = re.compile(r"^\[([^\[\]\n]{1,20})\]\s*")
AGENDA_LINE = re.compile(r"^\s*(?:item\s+)?([0-9A-Za-z().-]{1,20})\s*[:.–-]\s*(.*)$", re.IGNORECASE)


def meeting_widget():
    return AutocompleteSelect(Statement._meta.get_field("meeting"), admin.site, attrs={"style": "width: 40em"})


class ImportSourceForm(forms.Form):
    """Step 1: the statement's text, pasted or as a file."""

    text = forms.CharField(
        label="Paste the statement", required=False, widget=forms.Textarea(attrs={"rows": 14, "cols": 100})
    )
    file = forms.FileField(
        label="or upload a file", required=False, help_text=f"{', '.join(SUPPORTED)}; at most "
        f"{settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB."
    )
    meeting = forms.ModelChoiceField(
        Meeting.objects.all(), required=False, widget=meeting_widget(),
        help_text="Only if the text does not name its meeting, or names it ambiguously.",
    )
    delegation = forms.CharField(
        required=False, max_length=200, help_text="Only if the text does not say who takes the floor."
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if upload and text:
            raise forms.ValidationError("Paste text or upload a file, not both.")
        if not upload and not text:
            raise forms.ValidationError("Paste the statement's text or choose a file to upload.")
        if upload:
            if upload.size > settings.IMPORT_MAX_BYTES:
                raise forms.ValidationError(
                    f"{upload.name} is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                    f"{settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB. Split the file or raise IMPORT_MAX_BYTES."
                )
            data = upload.read()
            try:
                cleaned["source_text"] = read_upload(data, upload.name)
            except ReadError as error:
                raise forms.ValidationError(str(error)) from None
            cleaned["source_bytes"], cleaned["source_name"] = data, upload.name
            cleaned["front_matter"] = front_matter(data, upload.name)
        else:
            cleaned["source_text"] = cleaned["text"]
            cleaned["source_bytes"], cleaned["source_name"], cleaned["front_matter"] = None, "", {}
        return cleaned


def paragraphs_to_text(paragraphs):
    return "\n\n".join(f"[{p['label']}] {p['text']}" if p.get("label") else p["text"] for p in paragraphs)


def agenda_to_text(items):
    return "\n".join(f"{item['number']}: {item['title']}" for item in items)


# The parse's confidence entries and the preview fields they mark.
CONFIDENCE_FIELDS = {
    "delegation": "delegation", "on_behalf_of": "on_behalf_of", "speaker": "speaker", "date": "date",
    "meeting": "meeting", "agenda_items": "agenda", "language": "language",
}


class ImportPreviewForm(forms.Form):
    """Step 2: what the parser read, for staff to check and correct before saving.

    Where the parse says how it knows a field (`confidence`: stated, inferred with why, or missing,
    and candidates where the text named several), each field carries that mark, and every inferred
    field with a value gets a checkbox staff must tick: an inference is never saved unseen.
    """

    staged = forms.CharField(widget=forms.HiddenInput, required=False)
    confidence = forms.CharField(widget=forms.HiddenInput, required=False)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)
    delegation = forms.CharField(max_length=200, help_text="Who takes the floor.")
    on_behalf_of = forms.CharField(max_length=200, required=False, help_text="The group spoken for, if any.")
    speaker = forms.CharField(max_length=200, required=False)
    speaker_title = forms.CharField(max_length=300, required=False)
    title = forms.CharField(max_length=500, required=False, widget=forms.TextInput(attrs={"size": 100}))
    source_url = forms.URLField(label="Source link", required=False, max_length=500, assume_scheme="https",
                                widget=forms.URLInput(attrs={"size": 80}))
    meeting = forms.ModelChoiceField(
        Meeting.objects.all(), required=False, widget=meeting_widget(),
        help_text="An existing meeting. Leave empty to create the meeting described below.",
    )
    meeting_title = forms.CharField(max_length=300, required=False, widget=forms.TextInput(attrs={"size": 80}))
    meeting_session = forms.CharField(max_length=120, required=False)
    meeting_location = forms.CharField(max_length=120, required=False)
    meeting_start = forms.DateField(required=False, help_text="YYYY-MM-DD")
    meeting_end = forms.DateField(required=False, help_text="YYYY-MM-DD")
    agenda = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="One item a line: “2: International cooperation”.",
    )
    date = forms.DateField(label="Date delivered", required=False, help_text="YYYY-MM-DD, if the text says so.")
    language = forms.ChoiceField(choices=Language.choices)
    kind = forms.ChoiceField(label="Type", choices=Statement.Kind.choices)
    version = forms.ChoiceField(choices=Statement.Version.choices)
    salutation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 100}))
    paragraphs = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100}),
        help_text="One paragraph per block, blocks separated by a blank line. A printed number goes in "
        "square brackets at the start: “[6] The Group …”. Split a paragraph by inserting a blank line; "
        "merge two by removing the blank line between them.",
    )
    closing = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 100}))
    publish = forms.BooleanField(required=False, help_text="Make it public at once. Otherwise it is saved as a draft.")
    change_reason = forms.CharField(
        label="Reason for this change", required=False, max_length=300, widget=forms.TextInput(attrs={"size": 80}),
        help_text="Required when this text changes a published statement; shown in its history.",
    )
    version_of = forms.IntegerField(
        label="Language version of", required=False, min_value=1,
        help_text="The number of the original statement, when this text is its version in another language: "
        "it is then listed and counted with it, paragraph beside paragraph.",
    )
    confirm_create = forms.BooleanField(
        required=False, label="Create the new records listed above",
        help_text="Required when the statement refers to records the archive does not have yet.",
    )

    def __init__(self, *args, confidence=None, **kwargs):
        super().__init__(*args, **kwargs)
        if confidence is None:
            raw = self.data.get("confidence") if self.is_bound else self.initial.get("confidence")
            try:
                confidence = json.loads(raw) if raw else {}
            except ValueError:
                confidence = {}
        self.marks = {}
        for key, name in CONFIDENCE_FIELDS.items():
            entry = confidence.get(key) if isinstance(confidence, dict) else None
            if not isinstance(entry, dict) or entry.get("status") not in ("stated", "inferred", "missing"):
                continue
            # The field comes back from the browser: anything but a list of names is no candidates.
            candidates = entry.get("candidates")
            candidates = [str(c) for c in candidates if c][:10] if isinstance(candidates, list) else []
            mark = {"status": entry["status"], "why": str(entry.get("why") or ""), "candidates": candidates,
                    "confirm": f"confirm_{name}" if entry["status"] == "inferred" else None}
            self.marks[name] = mark
            self.fields[name].confidence = mark
            described = [f"{name}-confidence"] + ([f"id_{name}_helptext"] if self.fields[name].help_text else [])
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
            if candidates and isinstance(self.fields[name].widget, forms.TextInput):
                self.fields[name].widget.attrs["list"] = f"{name}-candidates"
        self.initial["confidence"] = json.dumps({k: confidence[k] for k in CONFIDENCE_FIELDS if k in confidence}
                                                if isinstance(confidence, dict) else {})
        for name, mark in self.marks.items():
            if mark["confirm"]:
                label = self.fields[name].label or name.replace("_", " ").capitalize()
                self.fields[mark["confirm"]] = forms.BooleanField(
                    required=False, label=f"{label}: I checked this inferred value",
                    help_text=f"Not stated in the text; inferred: {mark['why'] or 'no reason given'}.",
                )
        # Each checkbox right below the field it confirms.
        self.order_fields([n for name in list(self.fields) if not name.startswith("confirm_")
                           for n in (name, (self.marks.get(name) or {}).get("confirm")) if n])

    def clean_staged(self):
        staged = self.cleaned_data["staged"]
        if staged and not re.fullmatch(r"[0-9a-f]{64}", staged):
            raise forms.ValidationError("The uploaded file was lost; upload it again.")
        return staged

    def clean_paragraphs(self):
        blocks = [block.strip() for block in re.split(r"\n\s*\n", self.cleaned_data["paragraphs"]) if block.strip()]
        paragraphs = []
        for number, block in enumerate(blocks, start=1):
            match = LABEL_MARK.match(block)
            label = match.group(1).strip() if match else ""
            text = " ".join(block[match.end():].split()) if match else " ".join(block.split())
            if not text:
                raise forms.ValidationError(f"Paragraph {number} (“{block[:40]}”) has a number but no text.")
            paragraphs.append({"label": label, "text": text})
        if not paragraphs:
            raise forms.ValidationError("The statement needs at least one paragraph.")
        return paragraphs

    def clean_agenda(self):
        items = []
        for number, line in enumerate(self.cleaned_data["agenda"].splitlines(), start=1):
            if not line.strip():
                continue
            match = AGENDA_LINE.match(line)
            if not match:
                raise forms.ValidationError(f"Agenda line {number} (“{line.strip()[:60]}”) should read “2: Title”.")
            items.append({"number": match.group(1), "title": match.group(2).strip()})
        return items

    def clean(self):
        cleaned = super().clean()
        for name, mark in self.marks.items():
            if mark["confirm"] and cleaned.get(name) and not cleaned.get(mark["confirm"]):
                self.add_error(mark["confirm"], "This value was inferred, not stated in the text: check it, correct "
                               "it if needed, and tick the box (or empty the field).")
        if not cleaned.get("meeting") and not (cleaned.get("meeting_title") and cleaned.get("meeting_start")):
            self.add_error("meeting", "Choose an existing meeting, or give the new meeting's title and first day.")
        return cleaned

    def to_parse(self):
        """The corrected parse object (the shape `import_statements --dry-run --json` prints, documented
        in the README) built from the form."""
        data = self.cleaned_data
        iso = lambda value: value.isoformat() if isinstance(value, datetime.date) else None  # noqa: E731
        return {
            "source": data.get("source_name") or "pasted text",
            "ok": True,
            "errors": [],
            "warnings": [],
            "language": data["language"],
            "title": data["title"] or None,
            "source_url": data["source_url"] or None,
            "delegation": data["delegation"],
            "on_behalf_of": data["on_behalf_of"] or None,
            "speaker": data["speaker"] or None,
            "speaker_title": data["speaker_title"] or None,
            "date": iso(data.get("date")),
            "meeting": {
                "title": data["meeting_title"] or None,
                "session": data["meeting_session"] or None,
                "location": data["meeting_location"] or None,
                "date_start": iso(data.get("meeting_start")),
                "date_end": iso(data.get("meeting_end")),
            },
            "agenda_items": data["agenda"],
            "salutation": data["salutation"] or None,
            "closing": data["closing"] or None,
            "paragraphs": data["paragraphs"],
        }

    @classmethod
    def initial_from_statement(cls, statement):
        """The preview of a text the archive already has: what the archive holds, so saving it unchanged
        changes nothing (and does not undo corrections made since it was first imported)."""
        meeting = statement.meeting
        return {
            "delegation": statement.delegation.name,
            "on_behalf_of": statement.on_behalf_of.name if statement.on_behalf_of_id else "",
            "speaker": statement.speaker,
            "speaker_title": statement.speaker_title,
            "title": statement.title,
            "source_url": statement.source_url,
            "meeting": meeting.pk,
            "meeting_title": meeting.title,
            "meeting_session": meeting.session,
            "meeting_location": meeting.location,
            "meeting_start": meeting.date_start,
            "meeting_end": meeting.date_end,
            "agenda": agenda_to_text({"number": i.number, "title": i.title} for i in statement.agenda_items.all()),
            "date": statement.date,
            "language": statement.language,
            "kind": statement.kind,
            "version": statement.version,
            "salutation": statement.salutation,
            "paragraphs": paragraphs_to_text(statement.paragraphs.order_by("position").values("label", "text")),
            "closing": statement.closing,
            "publish": statement.is_published,
        }

    @classmethod
    def initial_from_parse(cls, parse, *, meeting=None, delegation=None):
        meeting_info = parse.get("meeting") or {}
        return {
            "delegation": delegation or parse.get("delegation") or "",
            "on_behalf_of": parse.get("on_behalf_of") or "",
            "speaker": parse.get("speaker") or "",
            "speaker_title": parse.get("speaker_title") or "",
            "title": parse.get("title") or "",
            "source_url": parse.get("source_url") or "",
            "meeting": meeting.pk if meeting else None,
            "meeting_title": meeting_info.get("title") or "",
            "meeting_session": meeting_info.get("session") or "",
            "meeting_location": meeting_info.get("location") or "",
            "meeting_start": meeting_info.get("date_start") or (parse.get("date") if not meeting else None),
            "meeting_end": meeting_info.get("date_end"),
            "agenda": agenda_to_text(parse.get("agenda_items") or []),
            "date": parse.get("date"),
            "language": Language.parse(parse.get("language")) or Language.OTHER,
            "kind": Statement.Kind.ITEM if parse.get("agenda_items") else Statement.Kind.GENERAL,
            "version": Statement.Version.PREPARED,
            "salutation": parse.get("salutation") or "",
            "paragraphs": paragraphs_to_text(parse.get("paragraphs") or []),
            "closing": parse.get("closing") or "",
        }


class ProblemReportForm(forms.Form):
    """A reader's report about one paragraph: no account, but rate-limited and spam-resistant.

    Spam defences, cheapest first: a field people do not see (bots fill it), a signed timestamp (a
    form sent within seconds of being shown, or days later, is refused) that is accepted once, a
    length bound, and a limit of reports per client per hour. The token's use and the quota are kept
    in the shared cache, so they hold whatever the number of workers.
    """

    RATE_LIMIT = 5
    RATE_WINDOW = 3600
    MIN_SECONDS = 3
    TOKEN_SECONDS = 86400

    message = forms.CharField(
        label=_("What is wrong with this paragraph?"), min_length=10, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 70}),
        help_text=_("A wrong word, a paragraph split in the wrong place, text missing ... Quote what you can."),
    )
    email = forms.EmailField(label=_("Your email (optional)"), required=False, help_text=_("Only to tell you when it is fixed."))
    # People never see this field (hidden by CSS and from screen readers); bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not self.is_bound:
            # A random part, so two readers shown the form in the same second get different tokens.
            self.fields["started"].initial = signing.dumps([int(time.time()), secrets.token_urlsafe(9)], salt="problem-report")

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("This field must stay empty."))
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt="problem-report", max_age=self.TOKEN_SECONDS)
        except signing.BadSignature:
            raise forms.ValidationError(_("This form has expired; reload the page and send your report again.")) from None
        if isinstance(started, list):
            started = started[0]
        if not isinstance(started, int):
            raise forms.ValidationError(_("This form has expired; reload the page and send your report again."))
        if time.time() - started < self.MIN_SECONDS:
            raise forms.ValidationError(_("That was quick: please read your report once more and send it again."))
        return started

    def clean(self):
        cleaned = super().clean()
        # Only a report that is otherwise fine uses up its form and a place in the quota, so a
        # reader can correct a mistake and send the same form again.
        if self.request is not None and not self.errors:
            # The form first, so a double-click does not use up a second place in the quota.
            token = "problem-report-form:" + hashlib.sha256(self.data["started"].encode()).hexdigest()
            if not limits.first_use(token, self.TOKEN_SECONDS):
                raise forms.ValidationError(_("This report has already been sent. To report something else, reload the page."))
            if not limits.take_slot(limits.client_key("problem-report", self.request), self.RATE_LIMIT, self.RATE_WINDOW):
                limits.forget_use(token)  # the same form can be sent once the hour has passed
                raise forms.ValidationError(_("You have sent several reports in the last hour; please try again later."))
        return cleaned

    def save(self, paragraph):
        from .models import ProblemReport

        return ProblemReport.objects.create(
            statement=paragraph.statement, public_id=paragraph.public_id,
            message=self.cleaned_data["message"], email=self.cleaned_data["email"],
        )
