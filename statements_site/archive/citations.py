"""Ready citations of one paragraph: plain text, BibTeX and CSL-JSON.

Each takes the paragraph (its statement, meeting and body already loaded), the statement's
agenda items and the paragraph's absolute URL. Pure functions: no queries, no request.
"""
import json


def _items(agenda_items):
    return "; ".join(f"item {item.number} “{item.title}”" for item in agenda_items)


def _paragraph(paragraph):
    return f"para. {paragraph.label}" if paragraph.label else f"paragraph {paragraph.position}"


def plain(paragraph, agenda_items, url, statement_part=None):
    """`statement_part`: plain_statement_part() of the paragraph's statement, when the caller cites
    many paragraphs of one statement (a statement page cites each of its paragraphs)."""
    head, synthetic = statement_part or plain_statement_part(paragraph.statement, agenda_items)
    return f"{head}, {_paragraph(paragraph)}.{synthetic} Statements Archive, {url}"


def plain_statement_part(statement, agenda_items):
    """(what a plain citation says before the paragraph, what it says of a synthetic statement after it)."""
    parts = [f"{statement.attribution}, statement at the {statement.meeting.name} ({statement.meeting.body})"]
    if agenda_items:
        parts.append(_items(agenda_items))
    parts.append(statement.date_display)
    return ", ".join(parts), " [Synthetic demo statement, not a real one.]" if statement.is_synthetic else ""


def known_date(statement):
    """(year, month, day) of the statement as far as the archive knows it, None for an unknown part.

    The statement's own date when the text gives one; else the meeting's: its day when the meeting
    lasted one day, its month when it began and ended in one month, else only its year."""
    if statement.date:
        return statement.date.year, statement.date.month, statement.date.day
    start, end = statement.meeting.date_start, statement.meeting.date_end or statement.meeting.date_start
    if start == end:
        return start.year, start.month, start.day
    if (start.year, start.month) == (end.year, end.month):
        return start.year, start.month, None
    return start.year, None, None


def _speaker(statement):
    return ", ".join(part for part in (statement.speaker, statement.speaker_title) if part)


# BibTeX counts every brace, even after a backslash, so a lone { or } in a name would end the field
# early: braces become LaTeX's text commands, as do the other characters LaTeX treats specially.
BIBTEX_SPECIAL = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
})
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _bibtex_escape(text):
    return " ".join(str(text).translate(BIBTEX_SPECIAL).split())


def bibtex(paragraph, agenda_items, url):
    statement = paragraph.statement
    year, month, day = known_date(statement)
    note = [f"Delivered by {_speaker(statement)}" if statement.speaker else "", "Statements Archive",
            "Synthetic demo statement" if statement.is_synthetic else ""]
    fields = [
        ("author", "{{" + _bibtex_escape(statement.attribution) + "}}"),
        ("title", "{" + _bibtex_escape(f"Statement at the {statement.meeting.name}, {_paragraph(paragraph)}") + "}"),
        ("howpublished", "{" + _bibtex_escape(f"{statement.meeting.body}" + (f", {_items(agenda_items)}" if agenda_items else "")) + "}"),
        # biblatex reads `date`; classic BibTeX styles read year and month (a month is a macro, unbraced).
        ("date", "{" + "-".join(f"{part:02d}" for part in (year, month, day) if part) + "}"),
        ("year", "{" + str(year) + "}"),
        ("month", BIBTEX_MONTHS[month - 1] if month else ""),
        ("url", "{" + url + "}"),
        ("note", "{" + _bibtex_escape(". ".join(part for part in note if part)) + "}"),
    ]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields if value)
    return f"@misc{{archive-{paragraph.public_id},\n{body}\n}}"


def csl_json(paragraph, agenda_items, url):
    statement = paragraph.statement
    item = {
        "id": f"archive-{paragraph.public_id}",
        "type": "speech",
        "author": [{"literal": statement.attribution}],
        **({"note": f"Delivered by {_speaker(statement)}"} if statement.speaker else {}),
        "title": f"Statement at the {statement.meeting.name}, {_paragraph(paragraph)}",
        "event-title": statement.meeting.name,
        "container-title": str(statement.meeting.body),
        "issued": {"date-parts": [[part for part in known_date(statement) if part]]},
        "URL": url,
        "publisher": "Statements Archive",
    }
    if statement.meeting.location:
        item["event-place"] = statement.meeting.location
    if agenda_items:
        item["section"] = _items(agenda_items)
    if statement.is_synthetic:
        item["note"] = "; ".join(filter(None, [item.get("note"), "Synthetic demo statement"]))
    return json.dumps([item], ensure_ascii=False, indent=2)


def ris(paragraph, agenda_items, url):
    """RIS (Zotero, EndNote, Mendeley): one SPEECH record, CRLF line ends as the format asks."""
    statement = paragraph.statement
    year, month, day = known_date(statement)
    lines = [
        ("TY", "SPEECH"),
        ("ID", f"archive-{paragraph.public_id}"),
        ("AU", statement.attribution),
        ("TI", f"Statement at the {statement.meeting.name}, {_paragraph(paragraph)}"),
        ("T2", statement.meeting.name),
        ("PB", str(statement.meeting.body)),
        ("CY", statement.meeting.location),
        # YYYY/MM/DD, cut after the last part the archive knows.
        ("DA", "/".join([str(year), *(f"{part:02d}" for part in (month, day) if part)])),
        ("PY", str(year)),
        ("LA", statement.language),
        ("UR", url),
        ("N1", _items(agenda_items)),
        ("N1", f"Delivered by {_speaker(statement)}" if statement.speaker else ""),
        ("N1", "Synthetic demo statement" if statement.is_synthetic else ""),
        ("DB", "Statements Archive"),
    ]
    # A tag's value is one line: newlines inside it would start a new (bogus) tag.
    body = [f"{tag}  - {' '.join(str(value).split())}" for tag, value in lines if value]
    return "\r\n".join([*body, "ER  - ", ""])
