"""Sentences in the reference article's style, with other countries, leaders and verbs.

They show that what codes the reference article right is general knowledge (lexicon
patterns, dictionaries, syntax rules), not a fit to one text.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.model import Article

# (text, publication date, expected (source, category, target), forbidden (source, category, target))
CASES = [
    ("Iran's foreign ministry on Monday accused Israel of sabotaging its nuclear programme.",
     "2021-04-12", ("IRNGOV", "ACCUSE", "ISR"), None),
    ("Indian Prime Minister Narendra Modi spoke by phone with Japanese Prime Minister Fumio Kishida on Tuesday.",
     "2023-05-02", ("INDGOV", "CONSULT", "JPNGOV"), None),
    ("Ethiopia and Eritrea signed a peace agreement in 2018, ending two decades of hostility.",
     "2019-07-01", ("ETH", "AGREE|SUPPORT", "ERI"), None),
    ("Deadly clashes between Indian and Chinese troops left twenty soldiers dead in the Galwan Valley.",
     "2020-06-17", ("INDMIL", "ASSAULT", "CHNMIL"), None),
    ("The Kremlin said Putin had no plans to meet Ukrainian President Volodymyr Zelensky.",
     "2022-03-01", None, ("RUSGOV", "CONSULT", "UKRGOV")),
    ("North Korea threatened to attack South Korea if the joint military drills went ahead.",
     "2017-08-09", ("PRK", "THREATEN", "KOR"), ("PRK", "ASSAULT", "KOR")),
    ("Venezuelan President Nicolas Maduro on Friday condemned the United States. "
     "\"We will never accept foreign interference,\" he said.",
     "2019-01-25", ("VENGOV", "ACCUSE", "USA"), None),
    ("Pakistani troops attacked Indian soldiers along the Line of Control on Sunday.",
     "2019-03-03", ("PAKMIL", "ASSAULT", "INDMIL"), None),
    ("Kenyan police were attacked by al-Shabaab militants near the Somali border.",
     "2015-04-02", ("SOMINS", "ASSAULT", "KENCOP"), None),
    ("German Chancellor Olaf Scholz praised Poland for its support to Ukraine.",
     "2023-02-20", ("DEUGOV", "SUPPORT", "POL"), None),
    ("Chinese President Xi Jinping met Brazilian President Luiz Inacio Lula da Silva in Beijing on Friday.",
     "2023-04-14", ("CHNGOV", "CONSULT", "BRAGOV"), None),
    ("Colombia denied attacking Venezuelan border posts.",
     "2019-02-25", None, ("COL", "ASSAULT", "VEN")),
]


def _has(events, want) -> bool:
    source, categories, target = want
    for event in events:
        if event.negated or event.hypothetical:
            continue
        pair = (event.source.code, event.target.code if event.target else None)
        if (event.plover or "") in categories.split("|") and pair in ((source, target), (target, source)):
            return True
    return False


@pytest.mark.parametrize(("text", "published", "expected", "forbidden"), CASES, ids=[c[0][:40] for c in CASES])
def test_own_sentence(pipeline, text, published, expected, forbidden) -> None:
    coded = pipeline.code(Article(id="t", text=text, published=date.fromisoformat(published)))
    got = [(e.source.code, e.plover, e.target.code if e.target else None, e.negated, e.hypothetical)
           for e in coded.events]
    if expected:
        assert _has(coded.events, expected), got
    if forbidden:
        assert not _has(coded.events, forbidden), got


def test_quote_with_he_said_goes_to_the_leader(pipeline) -> None:
    coded = pipeline.code(Article(id="t", text=CASES[6][0], published=date(2019, 1, 25)))
    quote = next(q for q in coded.quotes if "foreign interference" in q.text)
    assert quote.speaker is not None and quote.speaker.code == "VENGOV"
