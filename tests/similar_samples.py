"""The real sample statements (../shared/samples) loaded as a small archive, for the labelled set of
similar paragraphs: each paragraph is named "file stem#position"."""
import datetime
from pathlib import Path


def load_samples(folder):
    """Parse every sample text with the importer's parser and store it published, one meeting per file.
    Returns {key: Paragraph}."""
    from statements_site.archive.importing.parse import parse_file
    from statements_site.archive.models import Body, Delegation, Meeting, Paragraph, Statement

    body = Body.objects.create(name="Samples", short_name="Samples")
    found = {}
    files = sorted(p for p in Path(folder).rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md")
    for n, path in enumerate(files):
        parse = parse_file(path.read_bytes(), path.name)
        if not parse.get("ok") or not parse.get("paragraphs"):
            continue
        meeting = Meeting.objects.create(body=body, title=f"Meeting of {path.stem}", session=str(n),
                                         date_start=datetime.date(2000 + n % 25, 1, 1))
        name = parse.get("delegation") or path.stem
        delegation = Delegation.objects.get_or_create(name=name)[0]
        statement = Statement.objects.create(meeting=meeting, delegation=delegation, language=parse.get("language") or "en",
                                             status=Statement.Status.PUBLISHED)
        for position, paragraph in enumerate(parse["paragraphs"], start=1):
            found[f"{path.stem}#{position}"] = Paragraph.objects.create(
                statement=statement, position=position, text=paragraph["text"])
    return found
