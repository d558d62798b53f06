"""E-mail alerts: a reader follows a search (its words and filters) and receives digests of the
paragraphs published since the last one, daily or weekly.

- Double opt-in: an alert sends nothing until the link in its confirmation message is followed.
- Links are signed (django.core.signing, with the secret key) and carry a random value stored with
  the alert: they cannot be guessed, and each works once (confirming clears the value, unsubscribing
  deletes the alert and its address).
- A digest lists the paragraphs of statements first published after the previous digest
  (records.Change.published): a statement corrected later is not sent again, whatever the
  correction did, nor one published, unpublished and published again.
- Addresses are personal data: used only to send the alert's messages, never shown or exported.
"""
import hmac
import secrets
from collections import defaultdict
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import changes, filters, search_sql
from .models import Paragraph, Statement
from .records import Alert, Change
from .selection import Selection

CONFIRM_SALT = "archive.alerts.confirm"
UNSUBSCRIBE_SALT = "archive.alerts.unsubscribe"
CONFIRM_DAYS = 7  # an unconfirmed alert and its address are deleted after this
PERIODS = {Alert.Frequency.DAILY: timedelta(days=1), Alert.Frequency.WEEKLY: timedelta(days=7)}
# A scheduled run a little early still sends: a daily alert sent at 06:00 is due again at 05:00.
SLACK = timedelta(hours=1)
MAX_PARAGRAPHS = 50  # per message; the rest are one click away on the search page
EXCERPT_WORDS = 80
# Subscription requests: per client, and per address (nobody is sent a stream of confirmations).
CLIENT_LIMIT, CLIENT_SECONDS = 10, 3600
ADDRESS_LIMIT, ADDRESS_SECONDS = 3, 86400


# The saved search -------------------------------------------------------------------------------

def saved_search(params):
    """The statement list's query string an alert follows: its words and filters, in a fixed order,
    without paging, sorting or unknown parameters."""
    known = ["q", *filters.StatementFilter.base_filters]
    pairs = [(name, value.strip()) for name in known for value in params.getlist(name) if value.strip()]
    return urlencode(sorted(pairs))


def describe(query_string):
    """The search in words, as the digest and the pages name it: “cybercrime” · Sweden · 2024."""
    selection = Selection(query_string)
    parts = [f"“{selection.params['q']}”"] if selection.params.get("q") else []
    parts += [str(label) for _name, _value, label in selection.pills()]
    return " · ".join(parts) or _("every new statement")


COLUMNS = ("pk", "statement_id", "public_id", "label", "text")


class NewParagraphs:
    """The paragraphs that statement-list searches select among `statements` (a Statement queryset),
    for many searches in a row: the one place an alert's search is evaluated. Each saved search is
    read and validated as the statement list reads it (selection.Selection, over these statements
    only); its words are matched here with the search's own SQL, once per distinct text and only
    among these statements' paragraphs. Selection.statements would run search.find, which ranks
    every hit in the whole archive for every alert (0.4 s for a common word at 600,000 paragraphs)."""

    def __init__(self, statements):
        self.statements = statements
        self.paragraphs = list(
            Paragraph.objects.filter(statement__in=statements).order_by("statement_id", "position").values(*COLUMNS)
        )
        self._matched = {}

    def select(self, query_string):
        """[paragraph values rows] that the statement list at `?query_string` shows among the statements."""
        selection = Selection(query_string, base=self.statements)
        if selection.selects_nothing:
            return []
        chosen = set(selection.unsearched.values_list("pk", flat=True))
        matched = self._match(selection.query) if selection.query else None
        return [row for row in self.paragraphs
                if row["statement_id"] in chosen and (matched is None or row["pk"] in matched)]

    def _match(self, query):
        key = query.fts5()  # every term quoted: one key per distinct search, however it was typed
        if key not in self._matched:
            hits = Paragraph.objects.filter(statement__in=self.statements, pk__in=search_sql.engine().paragraph_ids(query))
            self._matched[key] = set(hits.values_list("pk", flat=True))
        return self._matched[key]


def selected_paragraphs(query_string, statements):
    """The paragraphs the statement list at `?query_string` shows among `statements`."""
    return NewParagraphs(statements).select(query_string)


def is_valid_search(query_string):
    selection = Selection(query_string, base=Statement.objects.none())
    return selection.valid and (not selection.params.get("q") or bool(selection.query))


# Links ------------------------------------------------------------------------------------------

def _nonce():
    return secrets.token_urlsafe(24)


def confirm_token(alert):
    return signing.dumps([alert.pk, alert.confirm_nonce], salt=CONFIRM_SALT)


def unsubscribe_token(alert):
    return signing.dumps([alert.pk, alert.unsubscribe_nonce], salt=UNSUBSCRIBE_SALT)


def _alert_for(token, salt, field, max_age=None):
    """The alert a link names, or None: a forged, expired, used or superseded link names none."""
    try:
        pk, nonce = signing.loads(token, salt=salt, max_age=max_age)
        alert = Alert.objects.filter(pk=int(pk)).first()
    except (signing.BadSignature, ValueError, TypeError):
        return None
    stored = getattr(alert, field, "") if alert else ""
    if not stored or not hmac.compare_digest(str(stored), str(nonce)):
        return None
    return alert


def alert_to_confirm(token):
    return _alert_for(token, CONFIRM_SALT, "confirm_nonce", max_age=timedelta(days=CONFIRM_DAYS))


def alert_to_unsubscribe(token):
    return _alert_for(token, UNSUBSCRIBE_SALT, "unsubscribe_nonce")


def absolute(path):
    return settings.ARCHIVE_BASE_URL + path


# Subscribing ------------------------------------------------------------------------------------

def subscribe(email, query_string, frequency, base_url=None):
    """Keep a new alert, unconfirmed, and send its confirmation link. An address already following
    this search is not sent a second alert (and the page does not say so: addresses stay private)."""
    email = email.strip()
    existing = Alert.objects.filter(email__iexact=email, query=query_string).first()
    if existing and existing.confirmed:
        return None
    alert = existing or Alert(email=email, query=query_string, unsubscribe_nonce=_nonce())
    alert.frequency, alert.confirm_nonce, alert.created = frequency, _nonce(), timezone.now()
    alert.language = reading_language()
    alert.save()
    base = base_url or settings.ARCHIVE_BASE_URL
    context = {
        "description": describe(query_string),
        "frequency": alert.get_frequency_display().lower(),
        "confirm_url": base + reverse("archive:alert-confirm", args=[confirm_token(alert)]),
        "search_url": base + reverse("archive:statement-list") + (f"?{query_string}" if query_string else ""),
        "days": CONFIRM_DAYS,
        "site_name": settings.SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=_("Confirm your alert: %(search)s") % {"search": context["description"]},
        body=render_to_string("archive/alerts/confirm_email.txt", context),
        to=[alert.email],
    )
    message.send()
    return alert


def reading_language():
    """The interface language now active (the subscriber's page), as one of the site's languages."""
    active = translation.get_language()
    return active if active in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


def confirm(alert):
    """Start the alert: its first digest lists what is published from now on. The link is used up."""
    alert.confirmed = timezone.now()
    alert.confirm_nonce = ""
    alert.last_seq = changes.latest_seq()
    alert.save(update_fields=["confirmed", "confirm_nonce", "last_seq"])


def unsubscribe(alert):
    """Delete the alert and with it the address (the only place it was kept)."""
    alert.delete()


def forget_unconfirmed(now=None):
    """Delete alerts (and addresses) whose confirmation link was never followed in time."""
    cutoff = (now or timezone.now()) - timedelta(days=CONFIRM_DAYS)
    return Alert.objects.filter(confirmed__isnull=True, created__lt=cutoff).delete()[0]


# Digests ----------------------------------------------------------------------------------------

def due_alerts(now):
    alerts = Alert.objects.none()
    for frequency, period in PERIODS.items():
        due = Alert.objects.filter(confirmed__isnull=False, frequency=frequency)
        alerts |= due.filter(last_sent__isnull=True) | due.filter(last_sent__lte=now - period + SLACK)
    return alerts.order_by("pk")


def first_published(after, until):
    """Statements first made public by a change in (after, until]: rows (statement id, that change)."""
    return (
        Change.objects.filter(kind="statement", published=True).values("object_id")
        .annotate(first=Min("seq")).filter(first__gt=after, first__lte=until).order_by()
    )


def send_digests(now=None, alerts=None):
    """Send every due alert the paragraphs published since its previous digest. Returns
    {"alerts": considered, "sent": messages, "paragraphs": paragraphs listed}."""
    now = now or timezone.now()
    alerts = list(due_alerts(now) if alerts is None else alerts)
    stats = {"alerts": len(alerts), "sent": 0, "paragraphs": 0}
    if not alerts:
        return stats
    until = changes.latest_seq()
    published = first_published(min(alert.last_seq for alert in alerts), until)
    first = dict(published.values_list("object_id", "first"))
    candidates = Statement.objects.published().filter(pk__in=published.values("object_id"))
    selection = NewParagraphs(candidates)
    statements = candidates.select_related("delegation", "on_behalf_of", "meeting").in_bulk()
    by_search = defaultdict(list)
    for alert in alerts:
        by_search[alert.query].append(alert)
    messages = []
    for query_string, followers in by_search.items():
        found = selection.select(query_string) if first else []
        by_language = defaultdict(list)
        for alert in followers:
            by_language[alert.language].append(alert)
        for language, readers in by_language.items():
            with translation.override(language):  # the words, dates and links of the reader's pages
                digest = Digest(query_string, statements)
                for alert in readers:
                    rows = [row for row in found if first[row["statement_id"]] > alert.last_seq]
                    if rows:
                        messages.append(digest.message(alert, rows))
                        stats["paragraphs"] += len(rows)
                    alert.last_seq, alert.last_sent = until, now
    if messages:
        with get_connection() as connection:
            stats["sent"] = connection.send_messages(messages) or 0
    Alert.objects.bulk_update(alerts, ["last_seq", "last_sent"], batch_size=500)
    return stats


# Stands for the unsubscribe address in a digest rendered once for every follower of a search.
UNSUBSCRIBE_MARK = "\ue000unsubscribe\ue000"


class Digest:
    """The digests of one search: each distinct list of paragraphs and frequency is rendered once
    (most followers of a search get the same list), then each follower's message gets its own
    unsubscribe address."""

    def __init__(self, query_string, statements):
        self.query_string, self.statements = query_string, statements
        self.description = describe(query_string)
        self.search_url = absolute(reverse("archive:statement-list")) + (f"?{query_string}" if query_string else "")
        self.rendered = {}

    def message(self, alert, rows):
        key = (alert.frequency, tuple(row["pk"] for row in rows))
        if key not in self.rendered:
            self.rendered[key] = self.render(rows, alert.get_frequency_display().lower())
        text, html = self.rendered[key]
        unsubscribe_url = absolute(reverse("archive:alert-unsubscribe", args=[unsubscribe_token(alert)]))
        message = EmailMultiAlternatives(
            subject=ngettext("%(count)s new paragraph: %(search)s", "%(count)s new paragraphs: %(search)s", len(rows))
            % {"count": len(rows), "search": self.description},
            body=text.replace(UNSUBSCRIBE_MARK, unsubscribe_url),
            to=[alert.email],
            headers={
                # RFC 8058: mail programs show an unsubscribe button that POSTs to this address.
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(html.replace(UNSUBSCRIBE_MARK, unsubscribe_url), "text/html")
        return message

    def render(self, rows, frequency):
        """(text, html) of a digest of `rows`: the statements in the order found, each with its
        paragraphs (shortened to EXCERPT_WORDS) and their permalinks."""
        grouped = defaultdict(list)
        language = translation.get_language()
        for row in rows[:MAX_PARAGRAPHS]:
            # Rows are shared by the searches that found them: each link and excerpt is made once.
            links = row.setdefault("permalinks", {})
            if language not in links:  # the address of the page in the reader's language
                links[language] = absolute(reverse("archive:paragraph-permalink", args=[row["public_id"]]))
            if "excerpt" not in row:
                row["excerpt"] = Truncator(row["text"]).words(EXCERPT_WORDS)
            row["permalink"] = links[language]
            grouped[row["statement_id"]].append(row)
        entries = [{"statement": self.statements[pk], "url": absolute(self.statements[pk].get_absolute_url()),
                    "paragraphs": paragraphs} for pk, paragraphs in grouped.items()]
        context = {
            "description": self.description, "entries": entries, "more": max(0, len(rows) - MAX_PARAGRAPHS),
            "count": len(rows), "search_url": self.search_url, "unsubscribe_url": UNSUBSCRIBE_MARK,
            "frequency": frequency, "site_name": settings.SITE_NAME,
        }
        return (render_to_string("archive/alerts/digest_email.txt", context),
                render_to_string("archive/alerts/digest_email.html", context))
