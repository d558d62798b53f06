"""E-mail alerts: a reader follows a search (its words and filters) and receives digests of the
paragraphs published since the last one, daily or weekly.

- Double opt-in: an alert sends nothing until the link in its confirmation message is followed.
- Links are signed (django.core.signing, with the secret key) and carry a random value stored with
  the alert: they cannot be guessed, and each works once (confirming clears the value, unsubscribing
  deletes the alert and its address).
- A digest lists the paragraphs of statements first made public after the previous digest
  (records.Change): a statement corrected later is not sent again, whatever the correction did.
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
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import changes, filters, search
from .models import Paragraph, Statement
from .records import Alert, Change

CONFIRM_SALT = "archive.alerts.confirm"
UNSUBSCRIBE_SALT = "archive.alerts.unsubscribe"
CONFIRM_DAYS = 7  # an unconfirmed alert and its address are deleted after this
PERIODS = {Alert.Frequency.DAILY: timedelta(days=1), Alert.Frequency.WEEKLY: timedelta(days=7)}
# A scheduled run a little early still sends: a daily alert sent at 06:00 is due again at 05:00.
SLACK = timedelta(hours=1)
MAX_PARAGRAPHS = 50  # per message; the rest are one click away on the search page
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
    params = QueryDict(query_string)
    filterset = filters.StatementFilter(params, queryset=Statement.objects.published(), request=None)
    parts = [f"“{params['q']}”"] if params.get("q") else []
    if filterset.is_valid():
        parts += [str(label) for _name, _value, label in filterset.selected()]
    return " · ".join(parts) or _("every new statement")


def selected_paragraphs(query_string, statements):
    """The paragraphs the statement list at `?query_string` shows, among `statements` (a Statement
    queryset), as values rows. The one place an alert's search is evaluated: the list's own
    filters (filters.StatementFilter) and full-text search (search.find)."""
    params = QueryDict(query_string)
    filterset = filters.StatementFilter(params, queryset=statements, request=None)
    if not filterset.is_valid():
        return []
    paragraphs = Paragraph.objects.filter(statement__in=filterset.qs).order_by("statement_id", "position")
    columns = ("pk", "statement_id", "public_id", "label", "text")
    query = search.parse(params.get("q"))
    if not query:
        return [] if query.text else list(paragraphs.values(*columns))
    with search.find(query) as hits:
        return list(paragraphs.filter(pk__in=hits.paragraph_ids()).values(*columns))


def is_valid_search(query_string):
    params = QueryDict(query_string)
    filterset = filters.StatementFilter(params, queryset=Statement.objects.none(), request=None)
    return filterset.is_valid() and (not params.get("q") or bool(search.parse(params["q"])))


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
    """{statement id: the change that first made it public}, for statements first public in (after, until]."""
    firsts = (
        Change.objects.filter(kind="statement", public=True).values("object_id")
        .annotate(first=Min("seq")).filter(first__gt=after, first__lte=until).values_list("object_id", "first")
    )
    return dict(firsts)


def send_digests(now=None, alerts=None):
    """Send every due alert the paragraphs published since its previous digest. Returns
    {"alerts": considered, "sent": messages, "paragraphs": paragraphs listed}."""
    now = now or timezone.now()
    alerts = list(due_alerts(now) if alerts is None else alerts)
    stats = {"alerts": len(alerts), "sent": 0, "paragraphs": 0}
    if not alerts:
        return stats
    until = changes.latest_seq()
    first = first_published(min(alert.last_seq for alert in alerts), until)
    candidates = Statement.objects.published().filter(pk__in=list(first))
    by_search = defaultdict(list)
    for alert in alerts:
        by_search[alert.query].append(alert)
    statements = {}
    messages = []
    for query_string, followers in by_search.items():
        found = selected_paragraphs(query_string, candidates) if first else []
        needed = {row["statement_id"] for row in found} - set(statements)
        statements.update(Statement.objects.filter(pk__in=needed).select_related("delegation", "on_behalf_of", "meeting").in_bulk())
        for alert in followers:
            rows = [row for row in found if first[row["statement_id"]] > alert.last_seq]
            if rows:
                messages.append(digest_message(alert, query_string, rows, statements))
                stats["paragraphs"] += len(rows)
            alert.last_seq, alert.last_sent = until, now
    if messages:
        with get_connection() as connection:
            stats["sent"] = connection.send_messages(messages) or 0
    Alert.objects.bulk_update(alerts, ["last_seq", "last_sent"], batch_size=500)
    return stats


def digest_message(alert, query_string, rows, statements):
    """One digest: the statements in the order they were found, each with its paragraphs and their permalinks."""
    grouped = defaultdict(list)
    for row in rows[:MAX_PARAGRAPHS]:
        row["permalink"] = absolute(reverse("archive:paragraph-permalink", args=[row["public_id"]]))
        grouped[row["statement_id"]].append(row)
    entries = [{"statement": statements[pk], "url": absolute(statements[pk].get_absolute_url()), "paragraphs": paragraphs}
               for pk, paragraphs in grouped.items()]
    unsubscribe_url = absolute(reverse("archive:alert-unsubscribe", args=[unsubscribe_token(alert)]))
    context = {
        "description": describe(query_string),
        "entries": entries,
        "more": max(0, len(rows) - MAX_PARAGRAPHS),
        "count": len(rows),
        "search_url": absolute(reverse("archive:statement-list")) + (f"?{query_string}" if query_string else ""),
        "unsubscribe_url": unsubscribe_url,
        "frequency": alert.get_frequency_display().lower(),
        "site_name": settings.SITE_NAME,
    }
    message = EmailMultiAlternatives(
        subject=_("%(count)s new paragraphs: %(search)s") % {"count": len(rows), "search": context["description"]},
        body=render_to_string("archive/alerts/digest_email.txt", context),
        to=[alert.email],
        headers={
            # RFC 8058: mail programs show an unsubscribe button that POSTs to this address.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("archive/alerts/digest_email.html", context), "text/html")
    return message
