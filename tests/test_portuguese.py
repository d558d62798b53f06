"""Portuguese statements: read as Portuguese, stored as Portuguese, searched with Portuguese stems.

Written for this module; Brazil, Portugal and the Lusophone states of Africa speak Portuguese in
the archive's bodies, though it is not a UN official language."""
import pytest
from django.urls import reverse

from statements_site.archive import search, wordforms
from statements_site.archive.importing.parse import parse_statement
from statements_site.archive.importing.store import plan_import, save_import
from statements_site.archive.models import Language, Paragraph

from .conftest import make_delegation, make_meeting, make_statement

pytestmark = pytest.mark.django_db

BROWSE = reverse("archive:statement-list")

STATEMENT = """Declaração do Brasil na 55ª sessão do Conselho de Direitos Humanos

Senhor Presidente,

O Brasil agradece o relatório do Alto Comissário e reafirma o seu compromisso com a cooperação internacional.

A delegação brasileira considera que os direitos humanos são universais e indivisíveis, e que não há paz sem desenvolvimento.

Muito obrigado.
"""

PARAGRAPHS = {
    "p1": "A cooperação internacional é essencial para combater o crime cibernético.",
    "p2": "Devemos cooperar com as organizações regionais.",
    "p3": "As vítimas devem ter acesso à justiça.",
    "p4": "A minha delegação apoia as negociações sobre o novo tratado.",
    "p5": "Os países em desenvolvimento precisam de assistência técnica.",
    "p6": "A mudança do clima ameaça os pequenos Estados insulares.",
    "p7": "As mulheres e as meninas devem participar plenamente nos processos de paz.",
    "p8": "Negociámos de boa-fé e saudamos o consenso alcançado.",
    "p9": "Os direitos humanos são universais e indivisíveis.",
    "p10": "A proteção do ambiente marinho é uma prioridade.",
}
# (query, the paragraphs a reader expects it to find: the word in any of its forms)
QUERIES = [
    ("cooperação", {"p1", "p2"}),
    ("vítima", {"p3"}),
    ("negociação", {"p4", "p8"}),
    ('"acesso à justiça"', {"p3"}),
    ("desenvolvimento", {"p5"}),
    ("tratados", {"p4"}),
    ("mulher", {"p7"}),
    ("ameaças", {"p6"}),
    ("direito", {"p9"}),
    ("universais", {"p9"}),  # Snowball keeps "universal" apart from its plural
    ("menina", {"p7"}),
    ("prioridades", {"p10"}),
]


def test_a_portuguese_statement_is_read_and_stored_as_portuguese():
    parse = parse_statement(STATEMENT)
    assert parse["language"] == "pt"
    statement, _ = save_import(plan_import(parse, meeting_slug=make_meeting().slug))
    assert statement.language == Language.PORTUGUESE
    assert statement.get_language_display() == "Portuguese"


def test_portuguese_paragraphs_are_indexed_with_portuguese_stems():
    statement = make_statement(language="pt", paragraphs=["As negociações continuam."])
    indexed = statement.paragraphs.get().search_text.split()
    assert wordforms.word_tokens("negociação", "pt")[0] in indexed
    assert indexed == [wordforms.fold(w) for w in ("as", "negoc", "continu")]


def test_portuguese_queries_find_the_other_forms_of_their_words():
    ids = {}
    for n, (key, text) in enumerate(PARAGRAPHS.items()):
        statement = make_statement(delegation=make_delegation(f"Delegation {n}"), language="pt", paragraphs=[text])
        ids[statement.paragraphs.get().pk] = key
    misses = []
    for query, expected in QUERIES:
        with search.find(search.parse(query)) as hits:
            found = {ids[pk] for pk in Paragraph.objects.filter(pk__in=hits.paragraph_ids()).values_list("pk", flat=True)}
        if found != expected:
            misses.append((query, sorted(expected - found), sorted(found - expected)))
    assert misses == []


def test_a_portuguese_word_is_found_and_marked_as_written(client):
    make_statement(language="pt", paragraphs=["Queremos cooperar mais estreitamente.", "Nada a ver."])
    page = client.get(BROWSE, {"q": "cooperação"}).content.decode()
    assert "Queremos <mark>cooperar</mark> mais estreitamente." in page
    assert "Nada a ver." not in page


def test_the_language_facet_offers_portuguese(client):
    make_statement(language="pt", paragraphs=["A cooperação internacional é essencial."])
    make_statement(language="en", paragraphs=["International cooperation is essential."])
    page = client.get(BROWSE, {"language": "pt"}).content.decode()
    assert 'class="pill" href="?">Portuguese<' in page
    assert "1 statement" in page
