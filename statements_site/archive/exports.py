"""One statement in other formats: Akoma Ntoso XML, plain text, Markdown, and schema.org JSON-LD.

Each builder takes the statement (meeting, body, delegation and group loaded), its agenda items,
its paragraphs in order and `url(path)`, which makes an address absolute. Pure functions: no
queries, no request. Text goes through lxml or is escaped here, never pasted into markup.
"""
import json
import re

from django.urls import reverse
from lxml import etree
from lxml.builder import ElementMaker

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Akoma Ntoso names languages with ISO 639-2 codes.
AKN_LANGUAGES = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "ru": "rus", "zh": "zho", "pt": "por"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# FRBRcountry is required; the archive's bodies are international, AKN's naming convention says "un".
AKN_COUNTRY = "un"


# Characters XML 1.0 cannot carry or that are controls (C0 but tab and newline, DEL, C1), plus
# surrogates and the non-characters U+FFFE/U+FFFF: older imports stored some, and one in a paragraph
# made every feed listing the statement, and its Akoma Ntoso, fail.
NOT_XML_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """`value` with what XML cannot carry removed; anything but a string is returned as it is."""
    return NOT_XML_TEXT.sub("", value) if isinstance(value, str) else value


class XMLTextMaker:
    """An lxml ElementMaker whose text and attribute values go through xml_text() first."""

    def __init__(self, maker):
        self.maker = maker

    def __call__(self, tag, *children, **attributes):
        children = [{k: xml_text(v) for k, v in c.items()} if isinstance(c, dict) else xml_text(c) for c in children]
        return self.maker(tag, *children, **{k: xml_text(v) for k, v in attributes.items()})

    def __getattr__(self, tag):
        return lambda *children, **attributes: self(tag, *children, **attributes)


def statement_date(statement):
    return statement.date or statement.meeting.date_start


def akoma_ntoso(statement, agenda_items, paragraphs, url):
    """The statement as an Akoma Ntoso 3.0 `debate` document (bytes, UTF-8, with XML declaration).

    Each paragraph is `<p eId="para_<public_id>">`, so an eId is as permanent as the paragraph's link.
    The speaker is `#speaker`, the delegation `#delegation`, the group spoken for `#onBehalfOf`.
    """
    E = XMLTextMaker(ElementMaker(namespace=AKN_NAMESPACE, nsmap={None: AKN_NAMESPACE}))
    date = statement_date(statement).isoformat()
    updated = statement.updated.date().isoformat()
    language = AKN_LANGUAGES.get(statement.language, "mul")
    work = f"/akn/{AKN_COUNTRY}/debate/{date}/statement-{statement.pk}"
    expression = f"{work}/{language}@{updated}"
    statement_url = url(statement.get_absolute_url())

    def frbr(level, this, uri, frbr_date, date_name, author, *extra):
        return E(level, E.FRBRthis(value=this), E.FRBRuri(value=uri),
                 *([E.FRBRalias(name="archiveUrl", value=statement_url)] if level == "FRBRWork" else []),
                 E.FRBRdate(date=frbr_date, name=date_name), E.FRBRauthor(href=author), *extra)

    identification = E.identification(
        frbr("FRBRWork", f"{work}/!main", work, date, "delivered" if statement.date else "meeting", "#delegation",
             E.FRBRcountry(value=AKN_COUNTRY), E.FRBRnumber(value=str(statement.pk)),
             E.FRBRname(value=statement.title or statement.attribution)),
        frbr("FRBRExpression", f"{expression}/!main", expression, updated, "updated", "#archive",
             E.FRBRlanguage(language=language)),
        frbr("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", updated, "updated", "#archive",
             E.FRBRformat(value="application/akn+xml")),
        source="#archive",
    )

    speaker_name = statement.speaker or f"Representative of {statement.delegation}"
    references = [
        E.TLCOrganization(eId="archive", href="/ontology/organization/statements-archive", showAs="Statements Archive"),
        E.TLCPerson(eId="speaker", href=f"/ontology/person/{statement.delegation.slug}/speaker", showAs=speaker_name),
        E.TLCOrganization(eId="delegation", href=f"/ontology/organization/{statement.delegation.slug}",
                          showAs=str(statement.delegation)),
    ]
    if statement.on_behalf_of_id:
        references.append(E.TLCOrganization(eId="onBehalfOf", href=f"/ontology/organization/{statement.on_behalf_of.slug}",
                                            showAs=str(statement.on_behalf_of)))
        references.append(E.TLCRole(eId="spokesperson", href="/ontology/role/spokespersonForGroup",
                                    showAs=f"On behalf of {statement.on_behalf_of}"))
    references.append(E.TLCEvent(eId="meeting", href=f"/ontology/event/{statement.meeting.slug}",
                                 showAs=statement.meeting.name))
    meta = E.meta(identification, E.references(*references, source="#archive"))

    # <from>: who takes the floor, for whom, as the statement page says it.
    origin = [E.person(speaker_name, refersTo="#speaker")]
    origin[-1].tail = ", "
    origin.append(E.organization(str(statement.delegation), refersTo="#delegation"))
    if statement.on_behalf_of_id:
        origin[-1].tail = ", on behalf of "
        origin.append(E.organization(str(statement.on_behalf_of), refersTo="#onBehalfOf"))
    speech_attrs = {"by": "#speaker"}
    if statement.on_behalf_of_id:
        speech_attrs["as"] = "#spokesperson"
    speech = [E("from", *origin)]
    if statement.salutation:
        speech.append(E.p(statement.salutation, {"class": "salutation"}))
    for paragraph in paragraphs:
        p = E.p(eId=f"para_{paragraph.public_id}")
        if paragraph.label:
            p.append(E.inline(paragraph.label, name="num"))
            p[-1].tail = " " + xml_text(paragraph.text)
        else:
            p.text = xml_text(paragraph.text)
        speech.append(p)
    if statement.closing:
        speech.append(E.p(statement.closing, {"class": "closing"}))
    if not paragraphs and not statement.salutation and not statement.closing:
        speech.append(E.p())  # a speech needs at least one block

    heading = "; ".join(item.label for item in agenda_items) or "General statement"
    section = E.debateSection(E.heading(heading), E.speech(*speech, **speech_attrs), name="statement", eId="dbsect_1")
    # The language of the text, for readers and screen readers; "other" says none rather than a guess.
    body_attrs = {XML_LANG: statement.language} if statement.language in AKN_LANGUAGES else {}
    root = E.akomaNtoso(E.debate(meta, E.debateBody(section, body_attrs), name="statement"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _header_lines(statement, agenda_items):
    meeting = statement.meeting
    lines = [
        ("Delegation", str(statement.delegation)),
        ("On behalf of", str(statement.on_behalf_of) if statement.on_behalf_of_id else ""),
        ("Speaker", ", ".join(part for part in (statement.speaker, statement.speaker_title) if part)),
        ("Meeting", f"{meeting.name} ({meeting.body})"),
        ("Agenda", "; ".join(item.label for item in agenda_items)),
        ("Date", statement.date.isoformat() if statement.date else meeting.date_range_display),
        ("Language", statement.get_language_display()),
        ("Type", statement.get_kind_display()),
        ("Version", statement.get_version_display()),
        ("Source", " ".join(part for part in (statement.source_symbol, statement.source_url) if part)),
    ]
    return [(name, value) for name, value in lines if value]


def plain_text(statement, agenda_items, paragraphs, url):
    """The statement as UTF-8 plain text: a header, then the paragraphs with their numbers and permalinks."""
    out = [statement.attribution, "=" * len(statement.attribution)]
    if statement.title:
        out.append(statement.title)
    out.append("")
    out += [f"{name}: {value}" for name, value in _header_lines(statement, agenda_items)]
    out.append(f"Address: {url(statement.get_absolute_url())}")
    if statement.is_synthetic:
        out.append("Synthetic demo statement, not a real one.")
    out.append("")
    if statement.salutation:
        out += [statement.salutation, ""]
    for paragraph in paragraphs:
        number = f"{paragraph.label}. " if paragraph.label else ""
        out += [f"{number}{paragraph.text}", f"[{url(paragraph.get_absolute_url())}]", ""]
    if statement.closing:
        out += [statement.closing, ""]
    return "\n".join(out)


# With & too: "&copy;" or "R&amp;D" in a statement would otherwise be read as character references.
MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]<>()#+-.!|~&"})


def md(text):
    """Text with Markdown's punctuation escaped, so statement text never becomes markup (or HTML)."""
    return str(text).translate(MARKDOWN_SPECIAL)


def markdown(statement, agenda_items, paragraphs, url):
    """The statement as Markdown; every paragraph ends with its permanent link."""
    out = [f"# {md(statement.attribution)}", ""]
    if statement.title:
        out += [f"*{md(statement.title)}*", ""]
    out += [f"- **{name}:** {md(value)}" for name, value in _header_lines(statement, agenda_items)]
    out += [f"- **Address:** <{url(statement.get_absolute_url())}>", ""]
    if statement.is_synthetic:
        out += ["> Synthetic demo statement, not a real one.", ""]
    if statement.salutation:
        out += [md(statement.salutation), ""]
    for paragraph in paragraphs:
        number = f"**{md(paragraph.label)}.** " if paragraph.label else ""
        out += [f"{number}{md(paragraph.text)} [¶]({url(paragraph.get_absolute_url())})", ""]
    if statement.closing:
        out += [md(statement.closing), ""]
    return "\n".join(out)


# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...) runs on
# open): such text cells get a leading apostrophe, which spreadsheets show as text and hide.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(row, columns):
    """`row` (a dict by column name, or a list by column index) with its text `columns` made cells
    that a spreadsheet shows as the text they are, never runs as formulas. Changed in place: called
    for every row of a download, and only on the columns that hold free text (ids, dates, codes and
    addresses cannot start so)."""
    for column in columns:
        value = row[column]
        if value and value.startswith(FORMULA_STARTS):
            row[column] = "'" + value
    return row


def json_ld(statement, agenda_items, url, paragraph=None):
    """schema.org CreativeWork for a statement page (or one paragraph of it), as a dict."""
    meeting = statement.meeting
    author = {
        "@type": "GovernmentOrganization" if statement.delegation.kind == "state" else "Organization",
        "name": str(statement.delegation),
        "url": url(statement.delegation.get_absolute_url()),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": f"{statement.attribution}, {meeting.name}",
        "url": url(statement.get_absolute_url()),
        "author": author,
        "datePublished": statement_date(statement).isoformat(),
        "dateModified": statement.updated.isoformat(),
        "inLanguage": statement.language if statement.language != "other" else None,
        "isPartOf": {
            "@type": "Event",
            "name": meeting.name,
            "url": url(meeting.get_absolute_url()),
            "startDate": meeting.date_start.isoformat(),
            "endDate": meeting.last_day.isoformat(),
            "organizer": {"@type": "Organization", "name": meeting.body.name, "url": url(meeting.body.get_absolute_url())},
        },
        "publisher": {"@type": "Organization", "name": "Statements Archive", "url": url(reverse("archive:home"))},
    }
    if meeting.location:
        data["isPartOf"]["location"] = {"@type": "Place", "name": meeting.location}
    if statement.on_behalf_of_id:
        data["sourceOrganization"] = {"@type": "Organization", "name": str(statement.on_behalf_of),
                                      "url": url(statement.on_behalf_of.get_absolute_url())}
    if agenda_items:
        data["about"] = [item.label for item in agenda_items]
    if statement.is_synthetic:
        data["description"] = "Synthetic demo statement, not a real one."
    if paragraph is not None:
        data = {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": f"{statement.attribution}, {meeting.name}, paragraph {paragraph.label or paragraph.position}",
            "url": url(paragraph.get_absolute_url()),
            "identifier": paragraph.public_id,
            "text": paragraph.text,
            "author": author,
            "datePublished": data["datePublished"],
            "inLanguage": data["inLanguage"],
            "isPartOf": [{**{k: v for k, v in data.items() if k != "@context"}}, data["isPartOf"]],
        }
    return {key: value for key, value in data.items() if value is not None}


# What json.dumps leaves as is but would end a <script> element or start markup inside it.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data):
    """JSON safe to put between <script type="application/ld+json"> tags (as Django's json_script)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(SCRIPT_ESCAPES)
