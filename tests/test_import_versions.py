"""Importing a language version: attached when staff say so, proposed when a text looks like one."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from statements_site.archive.importing.store import plan_import, save_import
from statements_site.archive.models import Statement

from .conftest import ORIGINAL, ids, parse_of

FRENCH = [
    "Le Groupe reconnaît la nature complexe de la cybercriminalité et la nécessité d'une coopération entre les États.",
    "La coopération internationale est importante pour recueillir et partager les preuves électroniques.",
    "Le Groupe encourage les mesures de prévention aux niveaux national et international.",
    "Le Groupe regrette que certains pays en développement n'aient pas les moyens de combattre la cybercriminalité.",
]
FRENCH_TEXT = "Monsieur le Président,\n\n" + "\n\n".join(f"{n}. {text}" for n, text in enumerate(FRENCH, 1)) + "\n\nJe vous remercie.\n"


def french_parse(**extra):
    return parse_of(FRENCH, language="fr", title="Déclaration du Mexique", **extra)


def test_a_text_with_the_same_metadata_and_paragraph_count_is_proposed_as_a_version(published):
    plan = plan_import(french_parse(), meeting_slug=published.meeting.slug)
    assert plan.ok and plan.existing is None
    assert plan.version_candidates == [published]


def test_no_proposal_when_the_paragraph_count_differs(published):
    plan = plan_import(parse_of(FRENCH[:3], language="fr"), meeting_slug=published.meeting.slug)
    assert plan.version_candidates == []


def test_a_text_in_another_language_with_the_same_heading_is_not_taken_for_a_correction(published):
    plan = plan_import(parse_of(FRENCH, language="fr"), meeting_slug=published.meeting.slug)  # "Statement by Mexico"
    assert plan.existing is None and plan.version_candidates == [published]


def test_attaching_a_version_keeps_the_original_and_aligns_the_paragraphs(published):
    plan = plan_import(french_parse(), meeting_slug=published.meeting.slug, version_of=published.pk)
    version, outcome = save_import(plan, publish=True)
    assert outcome == "created"
    assert version.version_of == published and version.language == "fr"
    assert (version.meeting, version.delegation, version.position) == (published.meeting, published.delegation, published.position)
    assert list(version.paragraphs.values_list("text", flat=True)) == FRENCH
    assert not version.agenda_items.exists()
    assert list(Statement.objects.published()) == [published]
    assert set(ids(version)).isdisjoint(ids(published))


def test_importing_the_version_again_updates_it_and_keeps_its_permalinks(published):
    version, _ = save_import(plan_import(french_parse(), meeting_slug=published.meeting.slug, version_of=published.pk), publish=True)
    before = ids(version)
    corrected = [*FRENCH[:3], FRENCH[3].replace("regrette", "déplore")]
    plan = plan_import(parse_of(corrected, language="fr"), meeting_slug=published.meeting.slug, version_of=published.pk)
    assert plan.existing == version
    again, outcome = save_import(plan, publish=True, reason="Corrected translation")
    assert (again, outcome) == (version, "updated")
    assert ids(version) == before
    assert Statement.objects.filter(version_of=published).count() == 1


def test_a_version_in_the_originals_language_is_refused_with_a_reason(published):
    plan = plan_import(parse_of(ORIGINAL, language="en", title="Other"), meeting_slug=published.meeting.slug,
                       version_of=published.pk)
    assert not plan.ok
    assert "a language version is in another language" in plan.errors[0]


def test_a_version_of_a_version_is_attached_to_the_original(published):
    french, _ = save_import(plan_import(french_parse(), meeting_slug=published.meeting.slug, version_of=published.pk))
    spanish = parse_of(["Uno.", "Dos.", "Tres.", "Cuatro."], language="es", title="Declaración de México")
    version, _ = save_import(plan_import(spanish, meeting_slug=published.meeting.slug, version_of=french.pk))
    assert version.version_of == published


def test_an_unknown_original_is_refused_with_a_reason(published):
    plan = plan_import(french_parse(), meeting_slug=published.meeting.slug, version_of=99999)
    assert plan.errors == ["No statement 99999 to attach this text to. Give the number of the original statement."]


@pytest.mark.django_db(transaction=True)
def test_the_command_proposes_a_version_and_attaches_it_when_told(published, tmp_path, capsys):
    path = tmp_path / "mexique.txt"
    path.write_text(FRENCH_TEXT, encoding="utf-8")
    common = ["--meeting", published.meeting.slug, "--delegation", "Mexico"]
    call_command("import_statements", str(path), "--dry-run", *common)
    out = capsys.readouterr().out
    assert f"--version-of {published.pk}" in out and "counts once" in out
    call_command("import_statements", str(path), "--publish", "--version-of", str(published.pk), *common)
    out = capsys.readouterr().out
    assert f"version of statement {published.pk}" in out
    version = Statement.objects.get(version_of=published)
    assert version.language == "fr" and version.paragraphs.count() == 4


def test_the_admin_preview_proposes_and_saving_with_the_number_attaches(client, staff, published):
    url = reverse("admin:archive_statement_import")
    preview = client.post(url, {"step": "read", "text": FRENCH_TEXT, "delegation": "Mexico",
                                "meeting": published.meeting.pk})
    page = preview.content.decode()
    assert "This text looks like a language version of" in page
    assert f"statement {published.pk}</a>" in page
    form = preview.context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()}
    data.update({"step": "save", "publish": "on", "version_of": published.pk})
    data = {key: value for key, value in data.items() if value is not False}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    version = Statement.objects.get(version_of=published)
    assert version.language == "fr" and version.is_published
    assert client.get(version.get_absolute_url()).status_code == 200
