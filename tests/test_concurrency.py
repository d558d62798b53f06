"""Faults and concurrent writers: an interrupted import leaves nothing, and two importers writing to
the same SQLite file at once both succeed (WAL, busy timeout, immediate transactions)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from statements_site.archive.models import Body, Delegation, Meeting, Paragraph, Statement

from .test_import_command import STATEMENT, import_

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db(transaction=True)
def test_an_import_interrupted_halfway_leaves_nothing_behind(tmp_path, monkeypatch):
    from statements_site.archive.importing import store

    path = tmp_path / "mexico.txt"
    path.write_text(STATEMENT, encoding="utf-8")

    def killed(statement, paragraphs):
        Paragraph.objects.create(statement=statement, position=1, text="half written")
        raise KeyboardInterrupt  # what Ctrl-C or a stopping worker raises mid-save

    monkeypatch.setattr(store, "replace_paragraphs", killed)
    with pytest.raises(KeyboardInterrupt):
        import_(path)
    for model in (Statement, Paragraph, Meeting, Body, Delegation):
        assert not model.objects.exists(), model


COUNTRIES = ["Kenya", "Chile", "Norway", "Japan", "Brazil", "Ghana", "Peru", "India", "Nepal", "Fiji", "Oman", "Iraq"]


def statement_text(n):
    country = COUNTRIES[n % 100 + 6 * (n // 100)]
    return (
        f"Statement by {country} at the Commission on Narcotic Drugs, 66th session, 13-17 March 2023, "
        f"delivered by Mr. Jan Speaker, Permanent Mission of {country}\n\nMr. Chair,\n\n"
        + "\n\n".join(f"{p}. Paragraph {p} of statement {n} on demand reduction and cooperation." for p in range(1, 6))
        + "\n\nThank you, Mr. Chair.\n"
    )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file locking; PostgreSQL has row locks")
def test_two_importers_writing_at_once_both_succeed(tmp_path):
    database = tmp_path / "concurrent.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)
    folders = []
    for worker in range(2):
        folder = tmp_path / f"batch{worker}"
        folder.mkdir()
        for n in range(6):
            (folder / f"s{worker}-{n}.txt").write_text(statement_text(worker * 100 + n), encoding="utf-8")
        folders.append(folder)
    # Both create the same new meeting and body at the same moment: the loser must wait, then match it.
    processes = [
        subprocess.Popen([*manage, "import_statements", str(folder)], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
        for folder in folders
    ]
    outputs = [process.communicate(timeout=180)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert "database is locked" not in "".join(outputs)
    count = subprocess.run(
        [*manage, "shell", "-c", "from statements_site.archive.models import *; "
         "print(Statement.objects.count(), Meeting.objects.count())"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert count[-2:] == ["12", "1"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs the command on its own SQLite file")
def test_two_imports_of_the_same_folder_at_once_both_finish_with_their_summary(tmp_path):
    database = tmp_path / "same.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, timeout=120)
    folder = tmp_path / "batch"
    folder.mkdir()
    for n in range(6):
        (folder / f"s{n}.txt").write_text(statement_text(n), encoding="utf-8")
    processes = [
        subprocess.Popen([*manage, "import_statements", str(folder)], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=180)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert all("Traceback" not in output and "Summary:" in output for output in outputs), outputs
    created = sum(int(output.split("Summary: ")[1].split(" created")[0]) for output in outputs)
    assert created == 6, outputs
