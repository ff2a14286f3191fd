"""Parsing: Title Case headlines are parsed truecased, with the original text kept."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.model import Article
from eventcoder.nlp import is_title_case, parse, parse_many, truecase

HEADLINE = "Lebanon Deploys Missile Defense System to Bolster Position"
BODY = "Lebanon on Monday deployed a missile defense system near its southern border, the army said."


@pytest.mark.parametrize(("line", "title"), [
    (HEADLINE, True),
    ("Human Rights Group Withdraws from Kenya Amid Increased Security Concerns", True),
    ("Putin Meets Erdogan", True),
    # The part after a hyphen may stay lower case in Title Case.
    ("Ecuador President Visits Bogota As Part of Multi-country Tour", True),
    ("Russian President Vladimir Putin met Turkish President Tayyip Erdogan in Moscow.", False),
    ("Israel strikes Hamas targets in Gaza", False),
    ("RUSSIA AND TURKEY AGREE CEASEFIRE", False),
    ("", False),
])
def test_title_case_detection(line: str, title: bool) -> None:
    assert is_title_case(line) is title


def test_truecase_keeps_names_and_lowers_vocabulary() -> None:
    assert truecase(HEADLINE) == "Lebanon deploys missile defense system to bolster position"
    # Known names (actor dictionaries), months and ALL CAPS words keep their capitals.
    assert (truecase("United Nations Security Council Condemns NATO Attack in May")
            == "United Nations Security Council condemns NATO attack in May")
    # Before a verb, "May" is the modal.
    assert truecase("Cyprus Says It May Expel Diplomats") == "Cyprus says it may expel diplomats"
    # A name written capitalised inside a sentence of the body stays capitalised in the headline.
    assert truecase("Brown Wins Vote\nThe party said Brown had won.").startswith("Brown wins vote\n")


def test_all_caps_headline_is_read_in_title_case() -> None:
    assert truecase("PUTIN MEETS ERDOGAN IN MOSCOW\n\nThe two met.") == "Putin meets Erdogan in Moscow\n\nThe two met."
    assert truecase("NATO") == "NATO"  # a lone acronym is no headline
    doc = parse("PUTIN MEETS ERDOGAN IN MOSCOW")
    assert doc.text == "PUTIN MEETS ERDOGAN IN MOSCOW"
    assert [t.dep_ for t in doc if t.text == "MEETS"] == ["ROOT"]


def test_normal_text_is_untouched() -> None:
    text = f"Israel strikes Hamas targets in Gaza\n\n{BODY}"
    assert truecase(text) is text


def test_title_case_headline_gets_a_verb_root_and_the_original_text() -> None:
    text = f"{HEADLINE}\n\n{BODY}"
    doc = parse(text)
    assert doc.text == text
    headline = next(doc.sents)
    assert headline.root.text == "Deploys"
    assert headline.root.pos_ == "VERB"
    assert headline.root.lemma_ == "deploy"
    assert [e.text for e in doc.ents if e.label_ == "GPE"][:1] == ["Lebanon"]
    # Offsets are those of the input: every token's text is the input at its offset.
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)


def test_parse_many_matches_parse() -> None:
    texts = [HEADLINE, BODY, "Putin Meets Erdogan in Moscow"]
    docs = list(parse_many(texts))
    assert [d.text for d in docs] == texts
    for doc, text in zip(docs, texts, strict=True):
        single = parse(text)
        assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in single]


def test_title_case_headline_gets_an_event(pipeline) -> None:
    coded = pipeline.code(Article(id="headline", text=HEADLINE, published=date(2024, 1, 8)))
    events = [(e.source.code, e.cameo_root) for e in coded.events if not e.negated and not e.hypothetical]
    assert ("LBN", "15") in events
