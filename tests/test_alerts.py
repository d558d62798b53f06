"""E-mail alerts: a reader follows a search, confirms by a link, and receives digests of exactly the
paragraphs published since the last one; corrections do not alert again; unsubscribing stops
everything and deletes the address; links cannot be guessed or used twice."""
import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from statements_site.archive import alerts, dump
from statements_site.archive.records import Alert

from .conftest import ORIGINAL, make_delegation, make_meeting, make_statement, reimport

pytestmark = pytest.mark.django_db

ADDRESS = "reader@example.org"


def link(message, name):
    """The path of the first link to the named view in a message's text."""
    prefix = reverse(name, args=["X"]).split("X")[0]
    match = re.search(re.escape(prefix) + r"[^/\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def subscribe(client, query="q=cybercrime", frequency="daily", email=ADDRESS):
    return client.post(reverse("archive:alert-new"), {"email": email, "frequency": frequency, "query": query})


def subscribed(client, query="q=cybercrime", frequency="daily"):
    """A confirmed alert, confirmed through the link in its message."""
    mail.outbox.clear()
    subscribe(client, query, frequency)
    confirm = link(mail.outbox[0], "archive:alert-confirm")
    assert client.post(confirm).status_code == 200
    mail.outbox.clear()
    return Alert.objects.get(query=query)


def permalinks(message):
    return set(re.findall(r"/p/([a-z0-9]+)/", message.body))


def send(days=1):
    """Run the digests `days` from now (a daily alert is due again after a day)."""
    return alerts.send_digests(now=timezone.now() + datetime.timedelta(days=days))


def new_statement(texts, delegation="Sweden"):
    return make_statement(meeting=make_meeting(), delegation=make_delegation(delegation), paragraphs=texts)


def test_the_search_page_offers_e_mail_alerts_for_that_search(client):
    page = client.get(reverse("archive:statement-list"), {"q": "cybercrime", "delegation": "sweden"}).content.decode()
    assert "Get e-mail alerts" in page
    assert 'name="query" value="?q=cybercrime&amp;delegation=sweden"' in page


def test_subscribing_sends_a_confirmation_and_nothing_else_until_it_is_followed(client):
    response = subscribe(client)
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]
    alert = Alert.objects.get()
    assert alert.confirmed is None
    make_statement(paragraphs=["Cybercrime is a threat."])
    mail.outbox.clear()
    assert send()["sent"] == 0 and not mail.outbox


def test_confirming_asks_first_then_starts_the_alert(client):
    subscribe(client)
    confirm = link(mail.outbox[0], "archive:alert-confirm")
    page = client.get(confirm)
    assert page.status_code == 200 and "Yes, start the alert" in page.content.decode()
    assert Alert.objects.get().confirmed is None, "opening the link (a link checker) confirms nothing"
    assert "Your alert is on" in client.post(confirm).content.decode()
    assert Alert.objects.get().confirmed is not None


def test_a_digest_lists_exactly_the_paragraphs_published_since_the_last_one(client):
    old = new_statement(["Cybercrime before the alert.", "Nothing here."])
    subscribed(client)
    first = new_statement(["Cybercrime grows.", "Trade matters.", "Cooperation on cybercrime."])
    assert send()["sent"] == 1
    sent = mail.outbox[0]
    wanted = set(first.paragraphs.filter(text__icontains="cybercrime").values_list("public_id", flat=True))
    assert permalinks(sent) == wanted
    assert not permalinks(sent) & set(old.paragraphs.values_list("public_id", flat=True))
    mail.outbox.clear()
    second = new_statement(["More cybercrime."], delegation="Mexico")
    send(days=2)
    assert permalinks(mail.outbox[0]) == set(second.paragraphs.values_list("public_id", flat=True))


def test_nothing_new_sends_nothing(client):
    subscribed(client)
    new_statement(["Only trade is discussed."])
    assert send()["sent"] == 0 and not mail.outbox


def test_a_corrected_paragraph_is_not_sent_a_second_time(client, published):
    subscribed(client)
    # published (conftest) came before the alert; a new statement comes after it, and is corrected.
    statement = new_statement(["Cybercrime is rising.", "Other words."])
    send()
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    texts = ["Cybercrime is rising fast.", "Other words.", "A new cybercrime paragraph split off."]
    from statements_site.archive.models import Paragraph

    Paragraph.objects.filter(statement=statement, position=1).update(text=texts[0])
    statement.save()
    Paragraph.objects.create(statement=statement, position=3, text=texts[2])
    reimport(published, [ORIGINAL[0] + " Cybercrime again.", *ORIGINAL[1:]])
    send(days=2)
    assert not mail.outbox


def test_alerts_follow_the_filters_of_the_search(client):
    make_delegation("Mexico")
    subscribed(client, query="delegation=mexico&q=cybercrime")
    new_statement(["Cybercrime by Sweden."], delegation="Sweden")
    mexico = new_statement(["Cybercrime by Mexico."], delegation="Mexico")
    send()
    assert permalinks(mail.outbox[0]) == set(mexico.paragraphs.values_list("public_id", flat=True))


def test_weekly_alerts_wait_a_week(client):
    subscribed(client, frequency="weekly")
    new_statement(["Cybercrime."])
    assert send(days=0)["sent"] == 1
    new_statement(["Cybercrime again."])
    assert send(days=3)["alerts"] == 0
    assert send(days=7)["sent"] == 1


def test_every_digest_has_a_one_click_unsubscribe(client):
    subscribed(client)
    new_statement(["Cybercrime."])
    send()
    message = mail.outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = link(message, "archive:alert-unsubscribe")
    assert path in header and path in message.alternatives[0][0]


def test_after_unsubscribing_nothing_is_sent_and_the_address_is_gone(client):
    subscribed(client)
    new_statement(["Cybercrime."])
    send()
    unsubscribe = link(mail.outbox[0], "archive:alert-unsubscribe")
    mail.outbox.clear()
    # A mail program's one-click POST, without a CSRF token.
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(unsubscribe).status_code == 200
    assert not Alert.objects.filter(email=ADDRESS).exists()
    new_statement(["Cybercrime again."])
    assert send(days=2)["sent"] == 0 and not mail.outbox


def test_links_cannot_be_replayed(client):
    subscribe(client)
    confirm = link(mail.outbox[0], "archive:alert-confirm")
    assert client.post(confirm).status_code == 200
    assert client.post(confirm).status_code == 404
    assert "does not work" in client.get(confirm).content.decode()
    alert = Alert.objects.get()
    unsubscribe = reverse("archive:alert-unsubscribe", args=[alerts.unsubscribe_token(alert)])
    assert client.post(unsubscribe).status_code == 200
    assert client.post(unsubscribe).status_code == 404


def test_links_cannot_be_guessed_or_forged(client):
    subscribe(client)
    alert = Alert.objects.get()
    real = alerts.confirm_token(alert)
    forged_signature = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    wrong_nonce = signing.dumps([alert.pk, "guessed"], salt=alerts.CONFIRM_SALT)
    other_purpose = signing.dumps([alert.pk, alert.confirm_nonce], salt=alerts.UNSUBSCRIBE_SALT)
    for token in [forged_signature, wrong_nonce, other_purpose, "1", "x" * 300]:
        assert client.post(reverse("archive:alert-confirm", args=[token])).status_code == 404, token
    assert client.post(reverse("archive:alert-unsubscribe", args=[other_purpose])).status_code == 404
    assert Alert.objects.get().confirmed is None and Alert.objects.exists()
    # A new confirmation request voids the link sent before.
    subscribe(client)
    assert client.post(reverse("archive:alert-confirm", args=[real])).status_code == 404


def test_confirmation_links_expire(client):
    subscribe(client)
    confirm = link(mail.outbox[0], "archive:alert-confirm")
    later = timezone.now() + datetime.timedelta(days=alerts.CONFIRM_DAYS + 1)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        assert client.post(confirm).status_code == 404
    assert alerts.forget_unconfirmed(now=later) == 1 and not Alert.objects.exists()


def test_subscription_requests_are_rate_limited(client):
    for n in range(alerts.ADDRESS_LIMIT):
        assert subscribe(client, query=f"q=word{n}").status_code == 200
    refused = subscribe(client, query="q=another")
    assert refused.status_code == 429 and "try again" in refused.content.decode()
    # Every request counts against the client, the refused one too.
    for n in range(alerts.CLIENT_LIMIT - alerts.ADDRESS_LIMIT - 1):
        assert subscribe(client, email=f"r{n}@example.org").status_code == 200
    assert subscribe(client, email="last@example.org").status_code == 429


def test_a_bad_address_or_search_gets_a_clear_message(client):
    response = subscribe(client, email="not an address")
    assert response.status_code == 400 and "valid email" in response.content.decode()
    response = subscribe(client, query="delegation=no-such-delegation")
    assert response.status_code == 400 and "cannot be followed" in response.content.decode()
    assert not mail.outbox and not Alert.objects.exists()


def test_the_subscribe_page_names_the_search(client):
    make_delegation("Sweden")
    make_statement(delegation=make_delegation("Sweden"))
    page = client.get(reverse("archive:alert-new"), {"q": "cybercrime", "delegation": "sweden", "page": "2"})
    text = page.content.decode()
    assert page.status_code == 200 and "“cybercrime” · Sweden" in text
    assert 'value="delegation=sweden&amp;q=cybercrime"' in text


def test_addresses_are_never_exported(client):
    subscribed(client)
    assert ADDRESS not in "\n".join(dump.dump_lines())
    assert ADDRESS not in client.get("/api/statements/").content.decode()


def test_a_statement_loaded_in_bulk_and_corrected_later_is_not_sent(client):
    from statements_site.archive.models import Paragraph, Statement

    statement = new_statement(["Cybercrime, loaded long ago."])
    from statements_site.archive.records import Change

    Change.objects.all().delete()  # as generate_corpus or load_demo leave it: no change recorded
    subscribed(client)
    Paragraph.objects.filter(statement=statement).update(text="Cybercrime, corrected.")
    statement.save()
    assert send()["sent"] == 0 and not mail.outbox


def test_publishing_a_draft_sends_it_once(client, admin_client):
    from statements_site.archive.models import Statement

    draft = make_statement(paragraphs=["Cybercrime in a draft."], status=Statement.Status.DRAFT)
    subscribed(client)
    assert send()["sent"] == 0
    changelist = reverse("admin:archive_statement_changelist")
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert send(days=2)["sent"] == 1
    mail.outbox.clear()
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert send(days=3)["sent"] == 0


def test_a_reader_who_subscribed_in_french_gets_the_digest_in_french(client):
    from django.utils import translation

    with translation.override("fr"):
        address = reverse("archive:alert-new")
    assert address.startswith("/fr/")
    client.post(address, {"email": ADDRESS, "frequency": "daily", "query": "q=cybercrime"})
    confirm = link(mail.outbox[0], "archive:alert-confirm")
    client.post(confirm)
    mail.outbox.clear()
    new_statement(["Cybercrime grows."])
    with translation.override("en"):  # as the send_alerts command runs: in the site's default language
        assert send()["sent"] == 1
    digest = mail.outbox[0]
    assert "nouveau paragraphe" in digest.subject
    assert "/fr/p/" in digest.body, "the permalinks lead to the French pages"
    english = Alert.objects.create(email="other@example.org", query="q=cybercrime", frequency="daily",
                                   confirmed=timezone.now(), unsubscribe_nonce="x", last_seq=0)
    mail.outbox.clear()
    with translation.override("fr"):
        alerts.send_digests(now=timezone.now() + datetime.timedelta(days=3), alerts=[english])
    assert "new paragraph" in mail.outbox[0].subject and "/fr/" not in mail.outbox[0].body
