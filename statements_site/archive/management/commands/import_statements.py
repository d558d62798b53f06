"""Import statement files (.txt, .md, .rtf, .docx, .odt, .pdf, .html): `manage.py import_statements PATH...`.

Each file is parsed, matched against the archive and saved in its own transaction; a file that
fails leaves nothing behind and the others go on. Exit status: 0 when every file was imported
(or, with --dry-run, parsed), 1 when any failed, 2 for bad usage.
"""
import json
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...importing.parse import parse_statement
from ...importing.readers import SUPPORTED, ReadError, apply_front_matter, front_matter, read_upload, time_limit
from ... import versions
from ...importing.store import ImportRefused, plan_import, save_import

logger = logging.getLogger(__name__)


def expand(paths):
    """Files in the order given; a folder means every supported file under it, sorted."""
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            files.append(path)
    return files


def read_bytes(path):
    """The file's bytes, or a reason it cannot be read (missing, unreadable, over the size limit)."""
    try:
        size = path.stat().st_size
    except OSError:
        return None, f"{path}: no such file."
    if size > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        return None, f"{path.name}: {size / 1024 / 1024:.1f} MB is over the {limit} MB limit (IMPORT_MAX_BYTES)."
    try:
        return path.read_bytes(), None
    except OSError as error:
        return None, f"{path.name}: cannot be read ({error.strerror})."


def inferred_fields(parse):
    """Lines naming each field the parser inferred rather than read (its `confidence`, where given)."""
    lines = []
    for field, entry in (parse.get("confidence") or {}).items():
        if isinstance(entry, dict) and entry.get("status") == "inferred" and parse.get(field):
            value = parse[field]
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            why = f" ({entry['why']})" if entry.get("why") else ""
            lines.append(f"{field.replace('_', ' ')} “{shown}”{why}")
    return lines


@contextmanager
def logs_to_stderr():
    """Send log records (ours, and libraries' such as pypdf's warnings) to stderr meanwhile:
    this command's stdout is its report, or one JSON document for a script to read."""
    loggers = [logging.getLogger(), *(item for item in logging.Logger.manager.loggerDict.values()
                                      if isinstance(item, logging.Logger))]
    moved = [
        handler for logger in loggers for handler in logger.handlers
        if isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stdout, sys.__stdout__)
    ]
    previous = [handler.setStream(sys.stderr) for handler in moved]
    try:
        yield
    finally:
        for handler, stream in zip(moved, previous):
            handler.setStream(stream)


class Command(BaseCommand):
    help = "Import statement files (.txt, .md, .rtf, .docx, .odt, .pdf, .html; a folder means every such file under it)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--dry-run", action="store_true", help="Parse and match; write nothing.")
        parser.add_argument("--json", action="store_true", help="With --dry-run: print the parse objects as JSON.")
        parser.add_argument("--publish", action="store_true", help="Publish the imported statements at once.")
        parser.add_argument("--meeting", metavar="SLUG", help="The meeting, when the text does not say it.")
        parser.add_argument("--delegation", metavar="NAME", help="The delegation taking the floor.")
        parser.add_argument("--no-create", action="store_true", help="Fail rather than create unknown records.")
        parser.add_argument(
            "--version-of", metavar="ID", type=int,
            help="Attach the text as the language version of statement ID (its original), aligned by paragraph.",
        )

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            # Bad usage exits 2, as scripts expect; Django's default is 1.
            error.returncode = 2
            raise

    def handle(self, *paths, **options):
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json goes with --dry-run: the JSON is the parse of each file.")
        files = expand(options["paths"])
        if not files:
            raise CommandError(f"No statement files found under the paths given ({', '.join(SUPPORTED)}).")
        self.progress = sys.stderr.isatty() and not options["json"]
        with logs_to_stderr():
            results = [self.import_one(path, index, len(files), options) for index, path in enumerate(files, start=1)]
        if options["json"]:
            self.stdout.write(json.dumps([r["parse"] for r in results], ensure_ascii=False, indent=2))
        else:
            self.summarise(results, options["dry_run"])
        if any(r["outcome"] == "failed" for r in results):
            sys.exit(1)

    def import_one(self, path, index, total, options):
        """One file's outcome. Whatever goes wrong with it is its own failure, reported with the file's
        name: the other files go on, and --json still prints one document (an exception escaping here
        would leave stdout empty)."""
        try:
            return self._import_one(path, index, total, options)
        except Exception as error:
            logger.exception("import_statements: %s failed", path.name)
            problem = (f"{path.name}: the import failed on this file ({type(error).__name__}: {error}); "
                       "nothing of it was saved. Report it with the file.")
            parse = {"source": path.name, "ok": False, "errors": [problem]}
            return self.report(index, total, path, parse, "failed", problem, [], options)

    def _import_one(self, path, index, total, options):
        if self.progress:
            sys.stderr.write(f"\r[{index}/{total}] {path.name[:60]:<60}")
            sys.stderr.flush()
        data, problem = read_bytes(path)
        if problem:
            parse = {"source": path.name, "ok": False, "errors": [problem]}
            return self.report(index, total, path, parse, "failed", problem, [], options)
        try:
            with time_limit(path.name, "reading and parsing the file"):
                parse = parse_statement(read_upload(data, path.name), source=path.name)
            apply_front_matter(parse, front_matter(data, path.name))
        except ReadError as error:
            parse = {"source": path.name, "ok": False, "errors": [str(error)]}
            return self.report(index, total, path, parse, "failed", str(error), [], options)
        if options["delegation"]:
            parse["delegation"] = options["delegation"]
        plan = plan_import(
            parse,
            meeting_slug=options["meeting"],
            delegation_name=options["delegation"],
            allow_create=not options["no_create"],
            version_of=options["version_of"],
        )
        proposed = versions.proposal(plan)  # a text that looks like another statement's language version
        new = [f"{record.kind} “{record.label}”" for record in plan.new_records]
        if options["dry_run"]:
            outcome = "parsed" if plan.ok else "parsed, would fail"
            detail = " ".join(plan.errors) or f"{len(parse['paragraphs'])} paragraphs"
            detail += f". {proposed}" if proposed else ""
            return self.report(index, total, path, parse, outcome, detail, new, options)
        try:
            statement, outcome = save_import(
                plan, publish=options["publish"], source_name=path.name, source_bytes=data
            )
        except ImportRefused as error:
            return self.report(index, total, path, parse, "failed", str(error), [], options)
        detail = f"statement {statement.pk}: {statement} ({statement.paragraphs.count()} paragraphs)"
        if plan.version_of:
            detail += f", the {statement.get_language_display()} version of statement {plan.version_of.pk}"
        detail += f". {proposed}" if proposed and outcome == "created" else ""
        return self.report(index, total, path, parse, outcome, detail, new if outcome == "created" else [], options)

    def report(self, index, total, path, parse, outcome, detail, new, options):
        if not options["json"]:
            if self.progress:
                sys.stderr.write("\r" + " " * 70 + "\r")
            style = self.style.ERROR if outcome == "failed" else self.style.SUCCESS
            self.stdout.write(f"[{index}/{total}] {path.name}: " + style(outcome) + f" — {detail}")
        return {"path": path, "parse": parse, "outcome": outcome, "detail": detail, "new": new}

    def summarise(self, results, dry_run):
        counts = {}
        for result in results:
            counts[result["outcome"]] = counts.get(result["outcome"], 0) + 1
        order = ["parsed", "parsed, would fail", "failed"] if dry_run else ["created", "updated", "skipped", "failed"]
        self.stdout.write("Summary: " + ", ".join(f"{counts.get(key, 0)} {key}" for key in order) + ".")
        new = [(result["path"].name, record) for result in results for record in result["new"]]
        if new:
            heading = "Would create, for staff review:" if dry_run else "Created, for staff review:"
            self.stdout.write(heading)
            for name, record in new:
                self.stdout.write(f"  {record} (from {name})")
        inferred = [
            (result["path"].name, line) for result in results if result["outcome"] in ("created", "updated", "parsed")
            for line in inferred_fields(result["parse"])
        ]
        if inferred:
            self.stdout.write("Inferred, not stated in the text: check these in the admin:")
            for name, line in inferred:
                self.stdout.write(f"  {name}: {line}")
        failed = [result for result in results if result["outcome"] == "failed"]
        if failed:
            self.stdout.write(self.style.ERROR("Failed:"))
            for result in failed:
                self.stdout.write(f"  {result['path'].name}: {result['detail']}")
