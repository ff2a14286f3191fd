"""Actor resolution: dictionaries, titles, roles, dates, coreference, users' files, accuracy floor."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from eventcoder.actors import find_actors, load_knowledge
from eventcoder.errors import EventcoderError
from eventcoder.nlp import parse

ROOT = Path(__file__).resolve().parents[1]
# Measured 0.966 (592/613) on 2026-11-25 on tests/data/actors_gold.jsonl (former leaders coded ELI, as CAMEO does);
# raise it when the figure improves.
ACCURACY_FLOOR = 0.96


def codes(text: str, day: str | None = "2020-02-12", files: list[Path] | None = None) -> dict[str, str]:
    """Actor text -> code for every actor listed in ``text``."""
    doc = parse(text)
    mentions = find_actors(doc, date.fromisoformat(day) if day else None, load_knowledge(files))
    return {a.text: a.code for a in mentions.actors}


def code_of(text: str, mention: str, day: str | None = "2020-02-12", files: list[Path] | None = None) -> str | None:
    """The code of the actor whose text contains ``mention`` (the shortest such actor)."""
    found = sorted((t for t in codes(text, day, files) if mention in t), key=len)
    return codes(text, day, files)[found[0]] if found else None


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Ankara said the talks had failed.", "Ankara", "TURGOV"),
    ("The Kremlin rejected the claim.", "Kremlin", "RUSGOV"),
    ("Downing Street declined to comment.", "Downing Street", "GBRGOV"),
    ("The White House welcomed the deal.", "White House", "USAGOV"),
    ("Turkish troops shelled the town.", "Turkish troops", "TURMIL"),
    ("Ivorian police arrested two men.", "Ivorian police", "CIVCOP"),
    ("U.S. troops landed at the airport.", "U.S. troops", "USAMIL"),
    ("NATO warned Moscow on Tuesday.", "NATO", "IGONAT"),
    ("The International Monetary Fund approved a loan to Russia.", "International Monetary Fund", "IGOIMF"),
    ("Al-Shabaab militants ambushed a convoy.", "Al-Shabaab militants", "SOMINS"),
])
def test_dictionary_and_role(text: str, mention: str, code: str) -> None:
    assert code_of(text, mention) == code


def test_acronym_needs_upper_case() -> None:
    # "Un" in a Korean name is not the United Nations; "who" is not the WHO.
    found = codes("North Korean leader Kim Jong Un met officials who arrived from Moscow.", "2023-09-13")
    assert "IGOUNO" not in found.values() and "IGOWHO" not in found.values()
    assert code_of("North Korean leader Kim Jong Un met Putin.", "Kim Jong Un", "2023-09-13") == "PRKGOV"


def test_lower_case_common_words_are_not_names() -> None:
    assert "said" not in " ".join(codes("The minister said nothing.", "2020-01-01"))


def test_leading_quote_is_trimmed() -> None:
    text = '"Russia will respond," the Kremlin said. "Turkey must withdraw," Peskov said.'
    assert all(not t.startswith(('"', "“")) for t in codes(text))


@pytest.mark.parametrize(("day", "code"), [("1995-06-12", "RUSGOV"), ("2015-09-30", "RUSGOV")])
def test_title_resolves_through_date(day: str, code: str) -> None:
    assert code_of("The Russian president said the army would withdraw.", "Russian president", day) == code


def test_person_by_date_in_out_and_before_office() -> None:
    text = "Boris Yeltsin spoke on Tuesday."
    assert code_of(text, "Boris Yeltsin", "1995-06-12") == "RUSGOV"
    assert code_of(text, "Boris Yeltsin", "2003-06-12") == "RUSELI"  # former official: CAMEO ELI
    assert code_of("Vladimir Putin spoke on Tuesday.", "Vladimir Putin", "1995-06-12") == "RUSOPP"
    # No date: the best-known office.
    assert code_of("Vladimir Putin spoke on Tuesday.", "Vladimir Putin", None) == "RUSGOV"


def test_title_beats_dictionary_office() -> None:
    text = "Putin replaced Defence Minister Sergei Shoigu with economist Andrei Belousov."
    assert code_of(text, "Sergei Shoigu", "2024-05-13") == "RUSMIL"


@pytest.mark.parametrize(("text", "mention", "day", "code"), [
    ("Georgian President Eduard Shevardnadze met the envoy.", "Eduard Shevardnadze", "1998-01-10", "GEOGOV"),
    ("A senior Hungarian official said the border would stay open.", "official", "2015-09-15", "HUNGOV"),
    ("Russian President Vladimir Putin's spokesman Dmitry Peskov said the talks were useful.", "Peskov",
     "2020-02-12", "RUSGOV"),
    ("Syria's Russia-backed government forces advanced on Saraqeb.", "forces", "2020-02-12", "SYRMIL"),
    ("Chinese Foreign Ministry spokesperson Mao Ning said Beijing opposed the sanctions.", "Mao Ning",
     "2024-04-03", "CHNGOV"),
    ("NATO Secretary-General Mark Rutte said allies had agreed.", "Mark Rutte", "2025-06-25", "IGONAT"),
])
def test_titles_and_chains(text: str, mention: str, day: str, code: str) -> None:
    assert code_of(text, mention, day) == code


def test_damascus_ally_moscow() -> None:
    found = codes("Damascus ally Moscow said it would not allow clashes.", "2019-10-15")
    assert found.get("Damascus") == "SYRGOV"
    assert "RUSGOV" in found.values()


def test_role_noun_takes_country_from_sentence() -> None:
    assert code_of("Jihadists linked to al-Qaeda killed soldiers in central Mali.", "soldiers", "2020-12-02") \
        == "MLIMIL"
    assert code_of("Armenian officials said more than 100,000 refugees had arrived.", "refugees",
                   "2023-10-02") == "ARMREF"


def test_turkish_side_and_both_countries() -> None:
    text = ("Russian and Turkish officials met in Moscow. The Turkish side asked for a ceasefire, "
            "and both countries agreed to meet again.")
    found = codes(text)
    assert code_of(text, "Turkish side") in {"TUR", "TURGOV"}
    both = [c for t, c in found.items() if "both countries" in t]
    assert sorted(both) == [] or set(both) <= {"RUS", "TUR"}
    doc = parse(text)
    mentions = find_actors(doc, date(2020, 2, 12), load_knowledge())
    countries = next(t for t in doc if t.lower_ == "countries")
    assert {a.country for a in mentions.of(countries)} == {"RUS", "TUR"}


def test_pronouns_and_possessives_across_sentences() -> None:
    text = "Turkish President Recep Tayyip Erdogan spoke to reporters. He said his soldiers would stay."
    doc = parse(text)
    mentions = find_actors(doc, date(2020, 2, 12), load_knowledge())
    he = next(t for t in doc if t.text == "He")
    soldiers = next(t for t in doc if t.text == "soldiers")
    assert [a.code for a in mentions.of(he)] == ["TURGOV"]
    assert [a.code for a in mentions.of(soldiers)] == ["TURMIL"]


def test_compound_actor_gives_one_per_member() -> None:
    doc = parse("Russia and Turkey agreed to a ceasefire in Idlib.")
    mentions = find_actors(doc, date(2020, 3, 5), load_knowledge())
    russia = next(t for t in doc if t.text == "Russia")
    assert [a.code for a in mentions.of(russia)] == ["RUS", "TUR"]


def test_resolve_span_and_by_head() -> None:
    doc = parse("The Kremlin said Turkish troops had entered Syria.")
    mentions = find_actors(doc, date(2020, 2, 12), load_knowledge())
    assert mentions.resolve_span(doc[0:2]).code == "RUSGOV"
    troops = next(t for t in doc if t.text == "troops")
    assert mentions.by_head[troops.i][0].code == "TURMIL"


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Russian helicopter gunships attacked the village.", "gunships", "RUSMIL"),
    ("Israel said its aircraft struck a weapons depot.", "its aircraft", "ISRMIL"),
    ("Turkish drones hit a convoy near Saraqeb.", "Turkish drones", "TURMIL"),
])
def test_weapons_with_an_owner_are_its_military(text: str, mention: str, code: str) -> None:
    assert code_of(text, mention) == code


def test_coordinated_owners_of_weapons() -> None:
    doc = parse("U.S. and British warplanes struck targets near Mosul.")
    mentions = find_actors(doc, date(2015, 1, 1), load_knowledge())
    warplanes = next(t for t in doc if t.text == "warplanes")
    assert [a.code for a in mentions.of(warplanes)] == ["USAMIL", "GBRMIL"]


def test_weapon_without_owner_takes_no_country() -> None:
    # "Drones struck" says nothing of whose drones: no country from the context.
    assert codes("Syria said drones struck the airport.") == {"Syria": "SYR"}


def test_quantity_and_group_heads_resolve_through_of() -> None:
    text = "Thousands of Belarusians rallied in Minsk."
    doc = parse(text)
    mentions = find_actors(doc, date(2020, 8, 16), load_knowledge())
    thousands = next(t for t in doc if t.text == "Thousands")
    assert [a.code for a in mentions.of(thousands)] == ["BLRCVL"]
    assert code_of("Dozens of Afghan soldiers were killed.", "Dozens of Afghan soldiers") == "AFGMIL"
    assert code_of("Critics of Erdogan were arrested.", "Critics", "2020-02-12") == "TUROPP"


def test_supporters_of_a_leader_in_and_out_of_office() -> None:
    text = "Supporters of Jair Bolsonaro stormed the Congress."
    assert code_of(text, "Supporters", "2020-02-12") == "BRACVL"  # of a sitting president: civilians
    assert code_of(text, "Supporters", "2023-01-09") == "BRAOPP"  # of a former one: his camp


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Separatists in eastern Ukraine shelled the town.", "Separatists", "UKRSEP"),
    ("Police fired tear gas at protesters in Mandalay.", "protesters", "MMRCVL"),  # city: gazetteer
    ("Fighters from Idlib crossed the border.", "Fighters", "SYRREB"),
])
def test_role_noun_located_by_a_place(text: str, mention: str, code: str) -> None:
    assert code_of(text, mention, "2021-03-28") == code


def test_backer_is_not_the_owner() -> None:
    found = codes("Rebels backed by Rwanda and Uganda seized Goma.", "2012-11-20")
    assert found["Rebels"] == "---REB"  # whose rebels the sentence does not say
    assert code_of("Iran-backed militias in Iraq fired rockets.", "militias") == "IRQREB"
    assert code_of("Rwanda-backed rebels seized Goma.", "Rwanda") == "RWA"


def test_attacker_adjective_does_not_locate_victims() -> None:
    text = "Four children were killed in Israeli tank shelling in the Gaza Strip."
    assert code_of(text, "Four children", "2008-02-28") != "ISRCVL"


def test_place_modifiers_give_an_office_its_country() -> None:
    text = "Israel on Wednesday released the mayor of the northern West Bank city of Nablus."
    assert code_of(text, "the mayor", "2008-08-06") == "PSEGOV"


@pytest.mark.parametrize(("text", "day"), [
    ("The protest began on Friday.", "2026-01-09"),  # Godwin Friday, prime minister of Saint Vincent
    ("Floods hit Lagos and Goma.", "2020-02-12"),  # surnames of former leaders that are cities
    ("Major General Smith inspected the base.", "1995-01-01"),  # John Major
    ("Thomas Shannon, the U.S. envoy, arrived.", "2010-01-01"),  # another Thomas
])
def test_common_words_and_other_names_are_not_leaders(text: str, day: str) -> None:
    assert not any(a.how.startswith("leader") for a in find_actors(parse(text), date.fromisoformat(day),
                                                                   load_knowledge()).actors)


def test_surname_that_names_a_country_stays_the_country() -> None:
    # Luis Montenegro (Portugal) and Madhav Kumar Nepal must not shadow the countries.
    assert code_of("Montenegro joined NATO.", "Montenegro", "2025-06-01") == "MNE"
    assert code_of("Nepal signed a deal with India.", "Nepal", "2010-01-01") == "NPL"
    assert code_of("Premier Luis Montenegro spoke.", "Luis Montenegro", "2025-06-01") == "PRTGOV"


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "my_actors.yaml"
    user.write_text(
        "actors:\n"
        "  - name: Zorblax Front\n"
        "    aliases: [ZF]\n"
        "    code: SYRREB\n"
        "  - name: Hezbollah\n"
        "    code: LBNREB\n"
        "  - name: Jane Quux\n"
        "    code: FRAGOV\n"
        "    office: president\n"
        "    start: 2030-01-01\n"
        "roles:\n"
        "  - term: zealot\n"
        "    code: INS\n", encoding="utf-8")
    text = "The Zorblax Front attacked Hezbollah. Jane Quux said French zealots were arrested."
    assert code_of(text, "Zorblax Front", "2031-01-01", [user]) == "SYRREB"
    assert code_of(text, "Hezbollah", "2031-01-01", [user]) == "LBNREB"
    assert code_of(text, "Jane Quux", "2031-01-01", [user]) == "FRAGOV"
    assert code_of(text, "zealots", "2031-01-01", [user]) == "FRAINS"


@pytest.mark.parametrize(("body", "line", "reason"), [
    ("actors:\n  - name: A\n    code: USAGOV\n  - name: B\n", 4, "needs 'name' and 'code'"),
    ("actors:\n  - name: A\n    code: US1\n", 2, "bad actor code"),
    ("actors:\n  - name: A\n    code: USAGOV\n    colour: red\n", 2, "unknown field"),
    ("actors:\n  - name: A\n    code: USAGOV\n    start: 2020-13-45\n", 4, "YYYY-MM-DD"),
    ("actors:\n  - name: [unclosed\n", 3, ""),
    ("people:\n  - name: A\n", 1, "top-level"),
])
def test_malformed_user_file_names_the_line(tmp_path: Path, body: str, line: int, reason: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(body, encoding="utf-8")
    with pytest.raises(EventcoderError) as info:
        load_knowledge([bad])
    message = str(info.value)
    assert "E010" in message or info.value.code == "E010"
    assert f"line {line}" in message and reason in message


def test_cli_actors_option(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventcoder.cli import main

    user = tmp_path / "mine.yaml"
    user.write_text("actors:\n  - name: Blue Lotus Brigade\n    code: MMRREB\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The Blue Lotus Brigade attacked Myanmar soldiers.", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(article), "--date", "2021-05-01", "--format", "json",
                                       "--actors", str(user)])
    assert result.exit_code == 0, result.output
    assert "MMRREB" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - code: MMRREB\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(article), "--actors", str(bad)])
    assert result.exit_code != 0
    assert "line 2" in result.output + str(result.exception)


def test_accuracy_floor_on_team_gold() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from actors_eval import evaluate

    result = evaluate(ROOT / "tests" / "data" / "actors_gold.jsonl")
    assert result.total >= 600
    assert result.accuracy >= ACCURACY_FLOOR, f"{result.accuracy:.3f}"


def test_object_pronoun_is_not_its_own_clause_subject() -> None:
    # Broke: "him" went to Trump, the subject of "urged", instead of Erdogan.
    text = ("US President Donald Trump spoke with President Recep Tayyip Erdogan on Wednesday "
            "and urged him to exercise caution.")
    doc = parse(text)
    mentions = find_actors(doc, date(2018, 1, 24), load_knowledge())
    him = next(t for t in doc if t.text == "him")
    assert [a.code for a in mentions.of(him)] == ["TURGOV"]


def test_both_leaders_are_the_last_two_people() -> None:
    text = "Mitsotakis met Erdogan in Ankara, and the two leaders signed a declaration."
    doc = parse(text)
    mentions = find_actors(doc, date(2023, 12, 7), load_knowledge())
    leaders = next(t for t in doc if t.text == "leaders")
    assert sorted(a.code for a in mentions.of(leaders)) == ["GRCGOV", "TURGOV"]


@pytest.mark.parametrize(("text", "mention", "code"), [
    # National institutions named without a country word.
    ("The Government Accountability Office said the program was late.", "Government Accountability Office", "USAGOV"),
    ("USAID contributed $90 million to the appeal.", "USAID", "USAGOV"),
    ("ICE arrested 40 people, the Department of Homeland Security said.", "ICE", "USACOP"),
    ("The Senate Intelligence Committee interviewed Maria Butina.", "Senate Intelligence Committee", "USALEG"),
    ("The U.S. Chamber of Commerce issued a statement.", "U.S. Chamber of Commerce", "USABUS"),
    ("The Bundestag approved the bill.", "Bundestag", "DEULEG"),
    ("The State Council approved the plan.", "State Council", "CHNGOV"),
    ("Action Against Hunger said it was providing food.", "Action Against Hunger", "NGOAAH"),
    # A name several countries use stays a role: Peru's Congress is not the US Congress.
    ("Peru's Congress voted to remove the president.", "Peru's Congress", "PERLEG"),
])
def test_national_institutions(text: str, mention: str, code: str) -> None:
    assert code_of(text, mention, "2019-06-01") == code


def test_institution_acronyms_need_upper_case_and_skip_clashes() -> None:
    # "ice" is not Immigration and Customs Enforcement; AFP is the news agency, not the Philippine army.
    found = codes("The ice on the lake was thin, an AFP correspondent said.", "2019-06-01")
    assert "USACOP" not in found.values() and "PHLMIL" not in found.values()


def test_agents_take_their_owner_sector() -> None:
    # A police body's agents are police; a nation's agents are its spies; bare "agents" are no one.
    assert code_of("FBI agents raided the house.", "FBI agents", "2019-06-01") == "USACOP"
    assert code_of("Border Patrol agents detained 12 migrants.", "Border Patrol agents", "2019-06-01") == "USACOP"
    assert code_of("Chinese agents tried to recruit a businessman.", "Chinese agents", "2019-06-01") == "CHNSPY"
    assert code_of("Agents searched the building.", "Agents", "2019-06-01") is None


# -- a bracketed acronym is part of its name's mention -----------------------------------------

@pytest.mark.parametrize(("text", "whole", "code"), [
    ("Human Rights Watch (HRW) said it documented abuses by the army.", "Human Rights Watch (HRW)", "NGOHRW"),
    ("The Islamic Revolutionary Guard Corps (IRGC) said it fired missiles.",
     "The Islamic Revolutionary Guard Corps (IRGC)", "IRNMIL"),
    # Only the name is known (a role noun and a nationality): the initials tie the acronym to it.
    ("The Nigerian Air Force (NAF) said it bombed a camp.", "The Nigerian Air Force (NAF)", "NGAMIL"),
])
def test_bracketed_acronym_is_one_mention(text: str, whole: str, code: str) -> None:
    doc = parse(text)
    mentions = find_actors(doc, date(2021, 3, 1), load_knowledge())
    named = [a for a in mentions.actors if a.how and not a.how.startswith("pronoun") and a.country]
    assert [(a.text, a.code) for a in named] == [(whole, code)]
    acronym = next(t for t in doc if t.text.isupper() and len(t) > 2)
    assert mentions.of(acronym) == mentions.of(next(t for t in doc if t.dep_ == "nsubj"))
    it = next(a for a in mentions.actors if a.text == "it")
    # "it" refers to the name's mention, not to a separate acronym.
    assert it.code == code and not it.how.endswith(f"refers to {acronym.text}")


def test_bracketed_acronym_gives_the_event_evidence() -> None:
    import eventcoder

    coded = eventcoder.code_text("Human Rights Watch (HRW) said it documented abuses by the army.", date(2021, 3, 1))
    assert coded.events and coded.events[0].source.code == "NGOHRW"
    assert coded.events[0].source.text == "Human Rights Watch (HRW)"


def test_acronym_entry_beats_a_name_inside_the_phrase(tmp_path: Path) -> None:
    # "People's Liberation Army" is China's; the acronym the article spells out names another group.
    user = tmp_path / "zpla.yaml"
    user.write_text("actors:\n  - name: ZPLA\n    code: ZWEREB\n", encoding="utf-8")
    found = codes("The Zambezi People's Liberation Army (ZPLA) attacked a police post.", "2020-03-01", [user])
    assert found["The Zambezi People's Liberation Army (ZPLA)"] == "ZWEREB"
    assert "CHNMIL" not in found.values()


# -- a "Minister of ..." title and its name are one actor ----------------------------------------

@pytest.mark.parametrize(("text", "whole", "day", "code"), [
    ("Minister of Defence Sergei Shoigu met Turkish officials.", "Minister of Defence Sergei Shoigu", "2021-03-01",
     "RUSMIL"),
    ("Secretary of State Antony Blinken warned China.", "Secretary of State Antony Blinken", "2021-03-01", "USAGOV"),
    ("Minister of Foreign Affairs Sergei Lavrov criticised NATO.", "Minister of Foreign Affairs Sergei Lavrov",
     "2021-03-01", "RUSGOV"),
    ("Turkey summoned the Minister of Foreign Affairs Sergei Lavrov.", "the Minister of Foreign Affairs Sergei Lavrov",
     "2021-03-01", "RUSGOV"),
    # A US defence secretary is a defence minister: MIL, as "Defence Minister Sergei Shoigu".
    ("Secretary of Defense Mark Esper warned Iran.", "Secretary of Defense Mark Esper", "2020-03-01", "USAMIL"),
])
def test_title_of_department_and_name_is_one_actor(text: str, whole: str, day: str, code: str) -> None:
    found = codes(text, day)
    people = {t: c for t, c in found.items() if t not in {"Turkish officials", "China", "NATO", "Turkey", "Iran"}}
    assert people == {whole: code}


def test_department_title_without_a_name() -> None:
    assert codes("The Minister of Defence said Russian troops would withdraw.", "2021-03-01")[
        "The Minister of Defence"] == "RUSMIL"
    assert code_of("Esper visited Kabul.", "Esper", "2020-03-01") == "USAMIL"


# -- members of a named body take the body's code ------------------------------------------------

@pytest.mark.parametrize(("text", "mention", "code"), [
    ("Mossad agents killed the scientist.", "Mossad agents", "ISRSPY"),
    ("FBI agents arrested the suspect.", "FBI agents", "USACOP"),
    ("DEA agents raided the house.", "DEA agents", "USACOP"),
    ("IRGC operatives attacked the tanker.", "IRGC operatives", "IRNMIL"),
    ("Quds Force agents were arrested in Baku.", "Quds Force agents", "IRNMIL"),
    ("Kremlin agents poisoned him.", "Kremlin agents", "RUSSPY"),
])
def test_members_of_a_named_body_are_the_body(text: str, mention: str, code: str) -> None:
    doc = parse(text)
    actor = next(a for a in find_actors(doc, date(2021, 3, 1), load_knowledge()).actors if mention in a.text)
    assert actor.code == code
    if mention.split()[0] != "Kremlin":
        assert " of " in actor.how  # the body's code, not the role noun's sector by coincidence


def test_office_role_from_first_of_two_offices_and_worshippers() -> None:
    # "junta leader and president": a junta leader is MIL, the rank does not change it.
    text = "Burkina Faso's military leader, Capt. Ibrahim Traore, said the junta had foiled a coup plot."
    assert code_of(text, "Ibrahim Traore", "2023-09-18") == "BFAMIL"
    text = "Gunmen attacked a Catholic church in southwestern Nigeria, killing dozens of worshippers."
    assert code_of(text, "worshippers", "2022-06-05") == "NGACVL"


@pytest.mark.parametrize(("text", "mention", "code"), [
    ("The agency said it would review the contracts.", "The agency", "---GOV"),
    ("Sen. Mitch McConnell said he was pessimistic about a deal.", "Sen. Mitch McConnell", "---LEG"),
    ("The finance minister rejected the accusation.", "The finance minister", "---GOV"),
])
def test_no_country_anywhere_is_unknown_country(text: str, mention: str, code: str) -> None:
    actor = next(a for a in find_actors(parse(text), None, load_knowledge()).actors if a.text == mention)
    assert (actor.code, actor.country) == (code, None)
    # Gunmen with no country stay unresolved.
    assert code_of("Gunmen opened fire on a bus.", "Gunmen", None) is None
