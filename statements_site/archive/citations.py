"""Ready citations of one paragraph: plain text, BibTeX and CSL-JSON.

Each takes the paragraph (its statement, meeting and body already loaded), the statement's
agenda items and the paragraph's absolute URL. Pure functions: no queries, no request.
"""
import json
import re


def _who(statement):
    if statement.on_behalf_of_id:
        return f"{statement.delegation} on behalf of {statement.on_behalf_of}"
    return str(statement.delegation)


def _meeting(statement):
    meeting = statement.meeting
    return f"{meeting.title}, {meeting.session}" if meeting.session else meeting.title


def _items(agenda_items):
    return "; ".join(f"item {item.number} “{item.title}”" for item in agenda_items)


def _paragraph(paragraph):
    return f"para. {paragraph.label}" if paragraph.label else f"paragraph {paragraph.position}"


def plain(paragraph, agenda_items, url):
    statement = paragraph.statement
    parts = [f"{_who(statement)}, statement at the {_meeting(statement)} ({statement.meeting.body})"]
    if agenda_items:
        parts.append(_items(agenda_items))
    parts += [statement.date_display, _paragraph(paragraph)]
    synthetic = " [Synthetic demo statement, not a real one.]" if statement.is_synthetic else ""
    return ", ".join(parts) + f".{synthetic} Statements Archive, {url}"


def _bibtex_escape(text):
    return re.sub(r"([{}&%$#_])", r"\\\1", str(text))


def bibtex(paragraph, agenda_items, url):
    statement = paragraph.statement
    date = statement.date or statement.meeting.date_start
    fields = [
        ("author", "{" + _bibtex_escape(_who(statement)) + "}"),
        ("title", _bibtex_escape(f"Statement at the {_meeting(statement)}, {_paragraph(paragraph)}")),
        ("howpublished", _bibtex_escape(f"{statement.meeting.body}" + (f", {_items(agenda_items)}" if agenda_items else ""))),
        ("date", date.isoformat()),
        ("year", str(date.year)),
        ("url", url),
        ("note", "Statements Archive" + (". Synthetic demo statement" if statement.is_synthetic else "")),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{archive-{paragraph.public_id},\n{body}\n}}"


def csl_json(paragraph, agenda_items, url):
    statement = paragraph.statement
    date = statement.date or statement.meeting.date_start
    item = {
        "id": f"archive-{paragraph.public_id}",
        "type": "speech",
        "author": [{"literal": _who(statement)}],
        "title": f"Statement at the {_meeting(statement)}, {_paragraph(paragraph)}",
        "event-title": _meeting(statement),
        "container-title": str(statement.meeting.body),
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "URL": url,
        "publisher": "Statements Archive",
    }
    if statement.meeting.location:
        item["event-place"] = statement.meeting.location
    if agenda_items:
        item["section"] = _items(agenda_items)
    if statement.is_synthetic:
        item["note"] = "Synthetic demo statement"
    return json.dumps([item], ensure_ascii=False, indent=2)


def ris(paragraph, agenda_items, url):
    """RIS (Zotero, EndNote, Mendeley): one SPEECH record, CRLF line ends as the format asks."""
    statement = paragraph.statement
    date = statement.date or statement.meeting.date_start
    lines = [
        ("TY", "SPEECH"),
        ("ID", f"archive-{paragraph.public_id}"),
        ("AU", _who(statement)),
        ("TI", f"Statement at the {_meeting(statement)}, {_paragraph(paragraph)}"),
        ("T2", _meeting(statement)),
        ("PB", str(statement.meeting.body)),
        ("CY", statement.meeting.location),
        ("DA", f"{date:%Y/%m/%d}"),
        ("PY", str(date.year)),
        ("LA", statement.language),
        ("UR", url),
        ("N1", _items(agenda_items)),
        ("N1", "Synthetic demo statement" if statement.is_synthetic else ""),
        ("DB", "Statements Archive"),
    ]
    # A tag's value is one line: newlines inside it would start a new (bogus) tag.
    body = [f"{tag}  - {' '.join(str(value).split())}" for tag, value in lines if value]
    return "\r\n".join([*body, "ER  - ", ""])
