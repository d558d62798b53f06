"""Running the archive: backups, health checks, staff login throttling, logs."""
import json
import logging
import sqlite3

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from statements_site.logging import JSONFormatter

from .conftest import make_statement

pytestmark = pytest.mark.django_db


# A backup runs outside any transaction, as the command does in production.
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup; PostgreSQL uses pg_dump")
def test_backup_copies_the_database_and_the_copy_restores(tmp_path):
    statement = make_statement(paragraphs=["Backed up paragraph."])
    target = tmp_path / "backup.sqlite3"
    call_command("backup", str(target), stdout=open("/dev/null", "w"))
    restored = sqlite3.connect(target)
    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    row = restored.execute(
        "SELECT text, public_id FROM archive_paragraph WHERE statement_id = ?", [statement.pk]
    ).fetchone()
    assert row == ("Backed up paragraph.", statement.paragraphs.get().public_id)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup; PostgreSQL uses pg_dump")
def test_backup_never_overwrites_an_existing_file(tmp_path):
    target = tmp_path / "backup.sqlite3"
    target.write_text("an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", str(target))
    assert target.read_text() == "an older backup"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_backup_on_postgresql_points_to_pg_dump(tmp_path):
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", str(tmp_path / "x"))


def test_repeated_failed_staff_logins_are_locked_out(client, django_user_model, settings):
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_user("editor", password="right-password", is_staff=True)
    url = reverse("admin:login")
    for _ in range(3):
        client.post(url, {"username": "editor", "password": "wrong"})
    response = client.post(url, {"username": "editor", "password": "right-password"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_logs_are_one_json_object_a_line_with_extra_fields():
    record = logging.LogRecord("archive.staff", logging.INFO, __file__, 1, "statement %s", ("added",), None)
    record.user = "editor"
    entry = json.loads(JSONFormatter().format(record))
    assert entry["message"] == "statement added" and entry["user"] == "editor" and entry["level"] == "INFO"


def test_pages_carry_security_headers_and_a_csp_without_inline_scripts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_has_an_inline_script_or_event_handler():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    for template in root.rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or "application/ld+json" in tag or "application/json" in tag, (template, tag)
        assert not re.search(r"\son[a-z]+\s*=", text), template


def test_production_settings_pass_the_deployment_checklist():
    import os
    import subprocess
    import sys
    from pathlib import Path

    # The browser tests allow async-unsafe calls in this process; a production check must not inherit that.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {**env, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-1234567890",
           "DJANGO_ALLOWED_HOSTS": "archive.example.org"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_both_databases_are_configured_to_keep_connections_between_requests():
    import os
    import subprocess
    import sys
    from pathlib import Path

    for url in ["sqlite:////tmp/archive-settings-check.sqlite3", "postgres://postgres@127.0.0.1:5432/archive"]:
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_CONN_MAX_AGE"}
        env = {**env, "DJANGO_DEBUG": "1", "DATABASE_URL": url}
        result = subprocess.run(
            [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'statements_site.settings'; "
             "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"],
            cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True, timeout=60,
        )
        assert result.stdout.strip() == "60", (url, result.stdout + result.stderr)


@pytest.mark.parametrize("command", [["check"], ["makemigrations", "--check", "--dry-run"]])
def test_missing_secret_key_in_production_stops_with_a_clear_message(command):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {key: value for key, value in os.environ.items() if key not in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG")}
    result = subprocess.run([sys.executable, "manage.py", *command],
                            cwd=Path(__file__).resolve().parent.parent, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is required" in result.stderr
    assert "Traceback" not in result.stderr and "DJANGO_DEBUG=1" in result.stderr
