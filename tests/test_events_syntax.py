"""Event syntax: one case per construction the coder must handle (issue 4), named after it.

Each case: (text, publication date, expected asserted events as (source, CAMEO root, target),
forbidden asserted events). Codes compare on the actor code and the 2-digit CAMEO root.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.model import Article

CASES = {
    "active": ("Russian troops shelled Ukrainian positions near Bakhmut.", "2023-01-10",
               [("RUSMIL", "19", None)], []),
    "passive with agent": ("Croatian police were attacked by Serb rebels near Knin.", "1995-05-02",
                           [("SRBREB", "19", "HRVCOP")], []),
    "control verb": ("Peskov sought to defend the Syrian army.", "2020-02-12", [("RUSGOV", "05", "SYRMIL")], []),
    "what the doer says it could do is a threat": ("Russia said it could strike Kyiv.", "2022-02-01",
                                                  [("RUS", "13", "UKR")], [("RUS", "19", "UKR")]),
    "force announced on a condition is a threat": ("Russia said it would strike Kyiv if NATO expanded.",
                                                   "2022-01-01", [("RUS", "13", "UKR")], [("RUS", "19", "UKR")]),
    "force not ruled out is a threat": ("The United States did not rule out strikes against Haiti's junta.",
                                        "1994-07-01", [], [("USA", "19", None)]),
    "what others say it could do is neither": ("Russia could strike Kyiv, analysts said.", "2022-02-01",
                                               [], [("RUS", "19", "UKR"), ("RUS", "13", "UKR")]),
    "conjunct inside a demand is demanded": (
        "Washington demanded that Belgrade stop its crackdown in Kosovo and negotiate with Albanian leaders.",
        "1998-06-01", [("USAGOV", "10", "SRBGOV")], [("SRBGOV", "04", None)]),
    "a U.S.-brokered ceasefire names its broker": ("Armenia and Azerbaijan agreed to a U.S.-brokered ceasefire.",
                                                    "2020-10-26", [("USA", "04", "ARM")], []),
    "claiming another's attack accuses its doer": ("Israel claimed that Hamas fired rockets at Ashkelon.",
                                                    "2021-05-11", [("ISR", "11", "PSEINS")],
                                                    [("PSEINS", "19", "ISR"), ("ISR", "01", None)]),
    "a body with no country named is ---": ("The ministry accused the rebels of attacking a convoy.", "2024-01-01",
                                            [("---GOV", "11", "---REB")], []),
    "an act with no doer named is ---": ("Two car bombs exploded in Baghdad on Sunday, killing at least 20 people.",
                                         "2024-01-01", [("---", "18", None)], []),
    "an act with no doer beside one with a doer is circumstance": (
        "Iran's foreign minister condemned the killings.", "2024-01-01", [("IRNGOV", "11", None)],
        [("---", "18", None)]),
    "a headline's infinitive is an act to come": ("Russia to Withdraw Troops from Kherson", "2022-11-09",
                                                  [("RUS", "03", "UKR")], [("RUS", "08", None)]),
    "a headline's conditional detention is a threat": (
        "Botswana Government to Detain Journalists if they Publicize Fraud Allegations", "2024-01-01",
        [("BWAGOV", "13", "BWAMED")], [("BWAGOV", "17", None)]),
    "received from": ("Georgian demonstrators received weapons from the Georgian government.", "2019-01-01",
                      [("GEOGOV", "07", "GEOCVL")], [("GEOCVL", "07", "GEOGOV")]),
    "threat is not an attack": ("North Korea threatened to strike Guam.", "2017-08-09",
                                [("PRK", "13", None)], [("PRK", "19", None)]),
    "coordinated sources": ("Russia and Turkey signed a ceasefire agreement.", "2020-03-05",
                            [("RUS", "05", "TUR")], []),
    "list of three": ("Russia, Turkey and Iran met in Astana.", "2017-01-23",
                      [("RUS", "04", "TUR"), ("RUS", "04", "IRN"), ("TUR", "04", "IRN")], []),
    "prepositional target": ("Iran held talks with Saudi Arabia in Baghdad.", "2021-04-20",
                             [("IRN", "04", "SAU")], []),
    "nominal event between": ("Clashes between Armenian and Azerbaijani troops killed 15 soldiers.", "2022-09-13",
                              [("ARMMIL", "19", "AZEMIL")], []),
    "nominal event with support verb": ("Israeli forces launched an offensive against Hamas in Gaza.",
                                        "2023-10-27", [("ISRMIL", "19", "PSEINS")], []),
    "reported speech": ("Kyiv said Russian forces attacked the city of Kharkiv.", "2022-03-01",
                        [("RUSMIL", "19", None)], []),
    "headline present tense": ("Israel strikes Hamas targets in Gaza", "2021-05-11", [("ISR", "19", None)], []),
    "negated plan": ("The Kremlin said it had no plans to meet Ukrainian officials.", "2022-03-01", [],
                     [("RUSGOV", "04", "UKRGOV")]),
    "denial": ("Colombia denied attacking Venezuelan border posts.", "2019-02-25", [], [("COL", "19", None)]),
    "modal": ("Officials said Iran could strike Israel within days.", "2024-04-10", [], [("IRN", "19", "ISR")]),
    "question": ("Will China invade Taiwan?", "2022-08-05", [], [("CHN", "19", "TWN")]),
    "stated intent": ("Egypt said it was ready to mediate between Israel and Hamas.", "2023-10-20",
                      [("EGY", "03", None)], [("EGY", "04", None)]),
    "accepted act": ("Armenia and Azerbaijan agreed to a ceasefire.", "2020-10-10",
                     [("ARM", "08", "AZE")], []),
    "demand for an act": ("The European Union demanded that Russia withdraw its troops.", "2022-02-20",
                          [("IGOEU", "10", "RUS")], [("RUS", "08", None)]),
    "civilians who attack are rioting": ("Protesters stormed the parliament building and clashed with police "
                                         "in Belgrade.", "2020-07-08", [("SRBCVL", "14", "SRBCOP")],
                                         [("SRBCVL", "19", None)]),
    "own act reported is that act": ("Vietnam said it was willing to hold talks with China.", "2014-06-01",
                                     [("VNM", "03", "CHN")], [("VNM", "01", None)]),
    "another's act reported keeps the statement": ("The United Nations said Ethiopian troops shelled villages in "
                                                   "Tigray.", "2021-03-01",
                                                   [("IGOUNO", "01", None), ("ETHMIL", "19", None)], []),
    "owner of the thing acted on": ("Japan rejected China's proposal for joint patrols.", "2015-05-01",
                                    [("JPN", "12", "CHN")], []),
    "force falls where it happened": ("Turkish jets struck targets in northern Iraq.", "2019-06-01",
                                      [("TURMIL", "19", "IRQ")], []),
    "protest aimed at the own government": ("Thousands of Kenyans marched in Nairobi against new taxes.", "2024-06-25",
                                            [("KENCVL", "14", "KENGOV")], []),
    "a time clause states a fact": ("Moscow accused Kyiv of escalating tensions after Ukrainian forces shelled "
                                    "Donetsk.", "2021-04-01", [("RUSGOV", "11", "UKRGOV"), ("UKRMIL", "19", None)], []),
    "a capital bombed is the place": ("Israeli jets bombed Beirut overnight.", "2024-09-28",
                                      [("ISRMIL", "19", "LBN")], [("ISRMIL", "19", "LBNGOV")]),
    "who acts decides the sense": ("Israeli jets struck Hezbollah positions, and a Hamas suicide bomber killed "
                                   "nine people.", "2006-07-20",
                                   [("ISRMIL", "19", "LBNINS"), ("PSEINS", "18", None)], [("PSEINS", "19", None)]),
    "small clause": ("A Tehran court found a British journalist guilty of spying.", "2021-05-01",
                     [("IRNJUD", "11", "GBRMED")], []),
    "a time is not an object": ("Biden called on Wednesday for calm in the Middle East.", "2023-10-11",
                                [("USAGOV", "02", None)], []),
}


def _matches(event, want) -> bool:
    source, root, target = want
    return (event.source.code == source and event.cameo_root == root
            and (target is None or (event.target is not None and event.target.code == target)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_syntax(pipeline, name: str) -> None:
    text, published, expected, forbidden = CASES[name]
    coded = pipeline.code(Article(id=name, text=text, published=date.fromisoformat(published)))
    asserted = [e for e in coded.events if not e.negated and not e.hypothetical]
    got = [(e.source.code, e.cameo, e.target.code if e.target else None) for e in asserted]
    for want in expected:
        assert any(_matches(e, want) for e in asserted), (want, got)
    for bad in forbidden:
        assert not any(_matches(e, bad) for e in asserted), (bad, got)
