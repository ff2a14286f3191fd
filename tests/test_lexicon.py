"""The pattern language (docs/lexicon.md): slots, particles and subject constraints."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.errors import EventcoderError
from eventcoder.events.lexicon import parse_pattern, parse_patterns
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline

CLASSES = {"warplane": ["warplane", "jet"], "troops": ["troop", "soldier"], "arm": ["arm", "weapon"]}


def test_subject_class_before_a_verb() -> None:
    pattern = parse_pattern("195", "verb", "{warplane} strike {troops}", CLASSES)
    assert pattern.head == "strike" and pattern.subjects == frozenset({"warplane", "jet"})
    assert pattern.objects == frozenset({"troop", "soldier"})
    assert pattern.words == 3  # more specific than plain "strike"


def test_subject_constraint_only_on_verbs() -> None:
    with pytest.raises(ValueError):
        parse_pattern("195", "noun", "{warplane} strike", CLASSES)
    with pytest.raises(ValueError):
        parse_pattern("195", "verb", "{nosuchclass} strike", CLASSES)


def test_constraint_after_a_particle_is_the_object() -> None:
    before, after = (parse_pattern("0831", "verb", text, CLASSES) for text in ("lay {arm} down", "lay down {arm}"))
    assert before.objects == after.objects == frozenset({"arm", "weapon"})
    assert len(parse_patterns("0831", "verb", "hand over =power", CLASSES)) == 2  # "over" is a preposition too


def test_user_pattern_with_a_subject(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('classes:\n  navy: [frigate, corvette]\n"195":\n  verbs: ["{navy} shell"]\n', encoding="utf-8")
    pipeline = Pipeline(lexicon_files=[extra])
    coded = pipeline.code(Article(id="s", text="Russian frigates shelled Odesa.", published=date(2022, 7, 1)))
    assert any(e.cameo == "195" for e in coded.events)
    coded = pipeline.code(Article(id="t", text="Russian troops shelled Odesa.", published=date(2022, 7, 1)))
    assert all(e.cameo != "195" for e in coded.events)


def test_malformed_user_pattern_is_e011(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('"190":\n  nouns: ["{warplane} raid"]\n', encoding="utf-8")
    with pytest.raises(EventcoderError) as error:
        Pipeline(lexicon_files=[bad]).code(Article(id="x", text="Jets raided the town."))
    assert error.value.code == "E011"


# General senses of the packaged lexicon: (sentence, CAMEO code, source, target) for the asserted event wanted.
PACKAGED_SENSES = [
    # shared infrastructure built or opened by a joint subject, or towards a partner (061)
    ("India and Bangladesh opened a cross-border pipeline carrying diesel.", "061", "IND", "BGD"),
    ("Egypt and Greece began building an undersea power cable.", "061", "EGY", "GRC"),
    ("China opened a railway to Laos.", "061", "CHN", "LAO"),
    # airspace and ports closed to a country's carriers (163)
    ("Canada banned Russian airlines from its airspace.", "163", "CAN", "RUSBUS"),
    ("Britain closed its ports to Russian ships.", "163", "GBR", "RUSMIL"),
    # forces protecting people (074)
    ("French troops protected fleeing Rwandan civilians.", "074", "FRAMIL", "RWACVL"),
    ("Russia launched cyber warfare against Britain.", "176", "RUS", "GBR"),
    ("Cambodian troops remained on alert.", "152", "KHMMIL", ""),
    ("German prosecutors opened investigations against 15 executives.", "090", "DEUJUD", "DEUBUS"),
    # bodies of inquiry set up, and findings of guilt handed down (090, 092, 116)
    ("The Slovenian parliament established an investigative commission.", "090", "SVNLEG", ""),
    ("The Serbian government created a truth commission.", "092", "SRBGOV", ""),
    ("A Paris court handed down a guilty verdict against the former French president.", "116", "FRAJUD", "FRAGOV"),
    # threats of arrest, and strikes threatened by workers rather than armies (137, 133, 143)
    ("Kenyan police threatened protesters with arrest.", "137", "KENCOP", "KENCVL"),
    ("Kenyan doctors threatened a strike.", "133", "KENHLH", ""),
    ("Kenyan doctors threatened to strike over pay.", "133", "KENHLH", ""),
    # options weighed, needs voiced, concessions promised, funds mobilised, papers suspended
    ("The Indian government explored the possibility of switching to crypto-mining.", "014", "INDGOV", ""),
    ("Swaziland's king expressed the need for international assistance.", "023", "SWZGOV", ""),
    ("Djibouti's president promised concessions to the opposition.", "035", "DJIGOV", "DJIOPP"),
    ("The European Union is mobilising additional funds for Colombia.", "071", "IGOEU", "COL"),
    ("The Algerian government suspended publication of the newspaper.", "1721", "DZAGOV", "DZAMED"),
    # a visit whose "to" hangs on the noun ("paid a courtesy visit to"), and state bodies known by name
    ("The Japanese ambassador paid a courtesy visit to the Kenyan president.", "042", "JPNGOV", "KENGOV"),
    ("The Department for International Development has reduced humanitarian aid to Liberia.", "162", "GBRGOV", "LBR"),
    ("The United States Treasury has imposed sanctions on three Iranian banks.", "163", "USAGOV", "IRNBUS"),
]


@pytest.mark.parametrize(("text", "code", "source", "target"), PACKAGED_SENSES)
def test_packaged_general_senses(text: str, code: str, source: str, target: str) -> None:
    coded = Pipeline().code(Article(id="g", text=text, published=date(2020, 1, 1)))
    found = {(e.cameo, e.source.code, e.target.code if e.target else "")
             for e in coded.events if not e.negated and not e.hypothetical}
    assert (code, source, target) in found, found


def test_a_mentioned_ultimatum_is_not_one_given() -> None:
    text = "Bosnian Serb forces withdrew heavy weapons from Sarajevo under NATO's ultimatum."
    coded = Pipeline().code(Article(id="u", text=text, published=date(1994, 2, 20)))
    assert all(e.cameo != "139" for e in coded.events)
    coded = Pipeline().code(Article(id="v", text="NATO issued an ultimatum to the Bosnian Serbs.",
                                    published=date(1994, 2, 9)))
    assert any(e.cameo == "139" and e.source.code == "IGONAT" for e in coded.events)
