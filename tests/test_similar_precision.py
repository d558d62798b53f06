"""Precision at 5 of “said similarly” on the labelled set of real sample paragraphs (skipped where
../shared/samples is absent): the number the README gives, kept from going down unnoticed."""
import json
from pathlib import Path

import pytest

from statements_site.archive import similar
from statements_site.archive.models import Statement

from .similar_samples import load_samples

pytestmark = pytest.mark.django_db
JUDGEMENTS = Path(__file__).parent / "data" / "similar_judgements.json"
# Measured: of the 60 results for 12 query paragraphs, this many in 60 are judged similar (the index's
# best 100 ranked again with the paragraph's own word frequencies: similar.Ranking). Results nobody
# judged count as misses.
MEASURED = {"sqlite": 18 / 60, "postgresql": 18 / 60}


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    similar.forget_vocabulary()
    yield
    similar.forget_vocabulary()


def precision_at_5(paragraphs, judgements):
    """(mean precision at 5, [(query, candidate)] results nobody judged: they count as not similar)."""
    names = {paragraph.pk: name for name, paragraph in paragraphs.items()}
    published = Statement.objects.published()
    precisions, unjudged = [], []
    for query, judged in judgements.items():
        found = [names[item.paragraph.pk] for item in similar.similar(paragraphs[query], published, limit=5)]
        unjudged += [(query, name) for name in found if name not in judged]
        precisions.append(sum(judged.get(name, False) for name in found) / 5)
    return sum(precisions) / len(precisions), unjudged


def test_said_similarly_keeps_its_precision_at_5_on_the_labelled_set(samples_dir):
    labelled = json.loads(JUDGEMENTS.read_text())
    assert labelled["pairs"] >= 40
    paragraphs = load_samples(samples_dir)
    precision, unjudged = precision_at_5(paragraphs, labelled["judgements"])
    print(f"precision at 5: {precision:.3f}; unjudged results: {unjudged}")
    from django.db import connection

    assert precision >= MEASURED[connection.vendor] - 0.005, f"precision at 5 fell to {precision:.3f}; unjudged results: {unjudged}"
