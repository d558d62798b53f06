"""Synthetic statements in the diplomatic register, written by the project: for the demo and benchmarks.

Everything here is invented and is stored with `is_synthetic=True`, so the pages say so wherever
it shows. Generation is deterministic for a given seed.
"""
import random

OPENINGS = [
    "It is an honour to take the floor on behalf of {group}.",
    "{group} thanks the Chair for convening this meeting and for the clear programme of work.",
    "We align ourselves with the statement delivered on behalf of {group} and add the following remarks in our national capacity.",
    "Allow me at the outset to congratulate you on your election and to assure you of the full support of my delegation.",
    "My delegation welcomes the report of the Secretariat and the recommendations it contains.",
]
SUBJECTS = [
    "The Group", "My delegation", "Our Government", "The international community", "Member States",
    "The Secretariat", "Developing countries", "Small island developing States", "The Commission",
    "Regional organizations", "Civil society", "National authorities",
]
VERBS = [
    "reaffirms", "underlines", "stresses", "recognizes", "welcomes", "notes with concern", "calls for",
    "encourages", "supports", "recalls", "emphasizes", "reiterates its commitment to", "takes note of",
]
OBJECTS = [
    "the central role of the United Nations", "technical assistance and capacity-building",
    "the exchange of best practices", "international cooperation in criminal matters",
    "the mobilization of adequate, predictable and sustainable financing", "the transfer of technology on mutually agreed terms",
    "a balanced and integrated approach", "the principle of common but differentiated responsibilities",
    "full respect for human rights and fundamental freedoms", "the sovereignty and territorial integrity of States",
    "the implementation of the 2030 Agenda for Sustainable Development", "mutual legal assistance and extradition",
    "the collection and sharing of electronic evidence", "the prevention of illicit financial flows",
    "gender equality and the empowerment of all women and girls", "evidence-based prevention and treatment",
    "the protection of the marine environment", "access to justice for victims", "data collection and analysis",
    "the needs of countries in special situations", "early warning and disaster risk reduction",
]
CLAUSES = [
    "in line with the relevant resolutions of the General Assembly",
    "taking into account national circumstances and priorities",
    "with the full participation of all stakeholders",
    "in a transparent, inclusive and consensus-based manner",
    "upon request of the Member States concerned",
    "within existing resources",
    "at the national, regional and international levels",
    "without prejudice to the outcome of the negotiations",
    "as a matter of priority",
    "in close coordination with the relevant United Nations entities",
]
CLOSINGS_SENTENCES = [
    "We stand ready to engage constructively with all delegations to reach a successful outcome.",
    "My delegation will continue to contribute actively to the work of this body.",
    "We look forward to a fruitful exchange of views during this session.",
]
SALUTATIONS = ["Mr. Chair,", "Madam Chair,", "Mr. President,", "Excellencies, distinguished delegates,"]
CLOSINGS = ["Thank you, Mr. Chair.", "I thank you.", "Thank you.", "Thank you, Madam Chair."]


def sentence(rng):
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.7:
        text += f" {rng.choice(CLAUSES)}"
    if rng.random() < 0.4:
        text += f", and {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    return text + "."


def paragraph(rng, min_words=40, max_words=150):
    """A paragraph of roughly min_words to max_words words."""
    target = rng.randint(min_words, max_words)
    sentences, words = [], 0
    while words < target:
        text = sentence(rng)
        sentences.append(text)
        words += len(text.split())
    return " ".join(sentences)


def statement_paragraphs(rng, count, group_name=None):
    """The numbered body of one synthetic statement."""
    opening = rng.choice(OPENINGS).format(group=group_name or "the Group")
    texts = [opening + " " + paragraph(rng, 20, 60)]
    texts += [paragraph(rng) for _ in range(count - 2)]
    texts.append(paragraph(rng, 20, 50) + " " + rng.choice(CLOSINGS_SENTENCES))
    return [{"label": str(number), "text": text} for number, text in enumerate(texts, start=1)]


def make_rng(seed):
    return random.Random(seed)
