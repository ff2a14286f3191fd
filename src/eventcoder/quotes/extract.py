"""Rule-based quote finding over a spaCy parse: direct, mixed and indirect speech.

Rules, in order (each step linear in the document):
1. Quoted passages are paired double marks (``marks.find_quote_marks``).
2. A passage takes the cue verb of its own sentence that governs it (or hangs off it,
   as in ``“...,” he said``); failing that the nearest cue after it in the sentence, or
   a cue before it that ends in ``:`` or ``,``, or a ``He said:`` sentence just before.
   The passage is *direct* when the cue's complement is all inside the marks and
   *mixed* when the statement has words of the reporter's outside them (``said the
   Turkish side “had taken ...”``, ``With X, “...,” he said``). A mixed quote's text is
   the whole reported clause, the quoted fragment kept inside it (``marked_start/end``):
   a reader, and PolNeAR, call the clause the statement; a bare fragment loses its subject.
3. Scare quotes: a quoted fragment shorter than ``min_mixed_words`` inside a cue's
   complement is not a quote of its own (it stays inside the indirect quote of step 5),
   and a quoted fragment that no cue governs (``accused ... of failing to “neutralise
   terrorists”`` without a speech complement, ``“radical” fighters``) is never a quote.
4. A passage with no cue that fills its whole sentence is signed with a dash and a name
   (``“...” ― Jane Doe``), or continues the speaker just before it: the quote before it
   (``“A,” said X, a long title. “B.”``) or a cue in the sentence before, same paragraph
   (``A, Schiff said. “B.”``).
5. Every other cue verb outside quotation marks with a complement listed in the lexicon
   (``said that ...``, ``told reporters ...``, ``urged X to ...``, ``called X a Y``)
   gives an *indirect* quote whose text is the complement, with the object before an
   xcomp/oprd complement; a "that" clause misparsed as a relative clause of the cue's
   object (``told a meeting of leaders that ...``) counts as the complement.
   ``according to X, ...`` gives the clause it modifies (or, unattached, the rest of the
   sentence past its comma).
The speaker is the cue's subject (the nearer one when the parse gives two; climbing
conjunctions, participles, gerunds under prepositions and relative clauses to find it;
``a statement saying``: the noun), the noun phrase minus relative clauses, or the pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from eventcoder.nlp import text_of
from eventcoder.quotes.lexicon import Cue, CueLexicon
from eventcoder.quotes.marks import QuoteMarks, find_quote_marks

TRIM = " \t\n,;:—–-"
# Tokens allowed between two passages of one speaker ("“A,” he said. “B.”").
MAX_GAP = 12
DASHES = "―—"
DASH_CUE = "dash"
# Subject dependents; passive subjects are left out: "it was announced" names no speaker.
SUBJECT_DEPS = ("nsubj",)
# Links through which a verb without a subject borrows its governor's subject.
# "by saying", "aside from saying": a gerund under a preposition borrows through it too.
INHERIT_DEPS = ("conj", "advcl", "xcomp", "ccomp", "acl", "pcomp", "prep")
# Complements that leave the object before them inside the content: "called X a Y", "urged X to Y".
OBJECT_COMPLEMENTS = ("xcomp", "oprd")


@dataclass(slots=True)
class FoundQuote:
    """A quote before speaker resolution: content span, cue and the speaker's Span."""

    start: int
    end: int
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: Span | None
    # For a mixed quote (whose content is the reported clause), the quoted fragment inside it.
    marked_start: int | None = None
    marked_end: int | None = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def cue_at(tok: Token, lex: CueLexicon) -> tuple[Cue, Token, Token] | None:
    """The cue starting at this token (first and last token of the cue), if any."""
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.verbs and tok.dep_ != "amod":
        return lex.verbs[tok.lemma_.lower()], tok, tok
    for words, cue in lex.phrases.items():
        if tok.lower_ == words[0] and tok.i + len(words) <= len(tok.doc):
            if all(tok.doc[tok.i + k].lower_ == w for k, w in enumerate(words)):
                return cue, tok, tok.doc[tok.i + len(words) - 1]
    return None


def _paragraph(tok: Token) -> tuple[int, int]:
    """Character bounds of the paragraph (text between line breaks) holding the token."""
    text = text_of(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return start, len(text) if end < 0 else end


def noun_phrase(head: Token) -> Span:
    """The head's noun phrase without relative clauses and edge punctuation."""
    para_start, para_end = _paragraph(head)
    cut: set[int] = {t.i for t in head.subtree if not para_start <= t.idx < para_end}
    for child in head.subtree:
        if child.dep_ in ("relcl", "acl") and child.i > head.i:
            cut.update(t.i for t in child.subtree)
    inside = {t.i for t in head.subtree} - cut
    left = right = head.i
    while left - 1 in inside:
        left -= 1
    while right + 1 in inside:
        right += 1
    doc = head.doc
    while right > left and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left : right + 1]


def speaker_span(verb: Token, lex: CueLexicon) -> Span | None:
    """The speaker of a cue verb: its subject, or the subject it shares with its governor."""
    cur = verb
    head = verb.head
    if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_.lower() in lex.verbs:
        # "He said X had ... but said Y": the second cue hangs, wrongly, off the first's complement.
        cur = head.head
    for _ in range(6):
        # Two subjects mean a misparse ("X stalled, Peskov said"): the nearer one is the speaker's.
        subjects = sorted((c for c in cur.children if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(c.i - cur.i))
        if subjects:
            if subjects[0].tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                return noun_phrase(cur.head)  # "officials who said": the officials
            return noun_phrase(subjects[0])
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN")):
            return noun_phrase(cur.head)  # "a statement saying ...": the statement
        if cur.dep_ in INHERIT_DEPS and cur.head != cur:
            cur = cur.head
            continue
        return None
    return None


def according_to(first: Token, last: Token) -> tuple[Span | None, tuple[int, int] | None]:
    """Speaker and content (character bounds) of an "according to X" cue."""
    objs = [c for c in last.children if c.dep_ == "pobj"]
    speaker = noun_phrase(objs[0]) if objs else None
    head = first.head
    if head is first:
        return speaker, _according_fallback(first, last)
    phrase = {t.i for t in first.subtree}
    rest = [t for t in head.subtree if t.i not in phrase]
    if not rest:
        return speaker, None
    if first.i < head.i:
        rest = [t for t in rest if t.i > max(phrase)]
    else:
        rest = [t for t in rest if t.i < min(phrase)]
    if not rest:
        return speaker, None
    return speaker, (rest[0].idx, rest[-1].idx + len(rest[-1]))


def _according_fallback(first: Token, last: Token) -> tuple[int, int] | None:
    """Content of an "according to" the parser left unattached: the rest of its sentence past a comma."""
    sent = first.sent
    text = text_of(first.doc)
    if first.i == sent.start:
        comma = text.find(",", last.idx, sent.end_char)
        if comma < 0:
            return None
        start, end = comma + 1, sent.end_char
    elif text[sent.start_char : first.idx].rstrip().endswith(","):
        start, end = sent.start_char, first.idx
    else:
        return None
    while start < end and text[start] in " ,\n":
        start += 1
    while end > start and text[end - 1] in " ,.\n":
        end -= 1
    return (start, end) if end > start else None


def _misparsed_that_clause(verb: Token) -> Token | None:
    """A "that" clause the parser hung as a relative clause on the cue's object.

    ``told a meeting of leaders that few people understood ...``: a relative clause never
    has a ``mark`` "that" of its own, so one that does is the cue's complement.
    """
    for child in verb.children:
        if child.dep_ not in ("dobj", "dative", "npadvmod") or child.i < verb.i:
            continue
        for tok in child.subtree:
            if tok.dep_ in ("relcl", "acl") and any(
                    c.dep_ == "mark" and c.lower_ == "that" and c.i < tok.i for c in tok.children) and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                return tok
    return None


def complement_of(verb: Token, cue: Cue) -> Token | None:
    """The dependent of the cue verb that carries the reported content."""
    for child in verb.children:
        if child.dep_ in cue.complements:
            return child
        if (child.dep_ == "advcl" and "ccomp" in cue.complements and child.i > verb.i
                and any(c.dep_ == "nsubj" for c in child.children)
                and not any(c.dep_ in ("mark", "advmod") and c.i < child.i for c in child.children)):
            return child  # "said after the talks he would ...": a that-less clause parsed as advcl
        if child.dep_ in ("prep", "agent") and f"prep:{child.lower_}" in cue.complements:
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp"):
                    return grand
    if "ccomp" in cue.complements:
        return _misparsed_that_clause(verb)
    return None


def object_before(verb: Token, comp: Token) -> Token | None:
    """The object between a cue and its xcomp/oprd complement (``urged Turkey to ...``)."""
    if comp.dep_ not in OBJECT_COMPLEMENTS:
        return None
    for child in verb.children:
        if verb.i < child.i < comp.i and child.dep_ in ("dobj", "dative"):
            return child
        if verb.i < child.i < comp.i and child.dep_ == "prep" and child.lower_ == "on":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return objs[0] if objs else None
    return None


class _Extractor:
    """One document's pass: holds the token-to-quote map and the cues already used."""

    def __init__(self, doc: Doc, lex: CueLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = text_of(doc)
        self.marks = find_quote_marks(self.text)
        self.in_quote = [-1] * len(doc)
        self.tokens: list[tuple[int, int]] = []
        for qi, qm in enumerate(self.marks):
            span = doc.char_span(qm.start, qm.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                self.tokens.append((0, -1))
                continue
            self.tokens.append((span.start, span.end - 1))
            for t in range(span.start, span.end):
                self.in_quote[t] = qi
            # The marks themselves belong to the passage too.
            for c in (qm.outer_start, qm.outer_end - 1):
                tok = doc.char_span(c, c + 1, alignment_mode="expand")
                if tok is not None and len(tok) == 1 and tok[0].is_punct and tok[0].is_quote:
                    self.in_quote[tok[0].i] = qi
        self.cues: dict[int, tuple[Cue, Token, Token]] = {}
        for tok in doc:
            if self.in_quote[tok.i] < 0:
                hit = cue_at(tok, lex)
                if hit is not None:
                    self.cues[tok.i] = hit
        self.used: set[int] = set()
        self.found: list[FoundQuote] = []

    def _words(self, toks: list[Token]) -> list[Token]:
        return [t for t in toks if not t.is_punct and not t.is_space]

    def _governs(self, cue_tok: Token, first: int, last: int) -> Token | None:
        """The child of the cue on the path to the passage, or the passage token it hangs from."""
        for i in range(first, last + 1):
            tok = self.doc[i]
            if cue_tok.head.i == i and cue_tok.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
                return tok
            prev = tok
            for anc in tok.ancestors:
                if anc.i == cue_tok.i:
                    return prev
                prev = anc
        return None

    def _choose_cue(self, qi: int, same_paragraph: bool = True) -> tuple[Token, str] | None:
        """The cue token for passage qi and where it stands: 'after', 'before' or 'colon'."""
        qm = self.marks[qi]
        first, last = self.tokens[qi]
        doc = self.doc
        s1, s2 = doc[first].sent, doc[last].sent
        before = [t for t in doc[s1.start : first] if self.in_quote[t.i] < 0]
        after = [t for t in doc[last + 1 : s2.end] if self.in_quote[t.i] < 0]
        if not self._words(after) and s2.end < len(doc):
            # "“... .” he said." may be split off as a sentence of its own.
            nxt = doc[s2.end].sent
            if len(nxt) <= 12 and "\n" not in self.text[qm.outer_end : nxt.start_char]:
                after = [t for t in nxt if self.in_quote[t.i] < 0]
                if any(self.in_quote[t.i] >= 0 for t in nxt):
                    after = [t for t in after if t.i < min(t.i for t in nxt if self.in_quote[t.i] >= 0)]
        cands = [t for t in before + after if t.i in self.cues and self.cues[t.i][1].i == t.i]
        if same_paragraph:
            # The parser may run a sentence across a paragraph break ("...” ¶ Aides said X"): a cue
            # in another paragraph is tried last, after a continuation, or through a colon.
            paras = {_paragraph(doc[first]), _paragraph(doc[last])}
            cands = [t for t in cands if _paragraph(t) in paras
                     or t.i < first and self.text[t.idx : qm.outer_start].rstrip().endswith(":")]
        governing = [t for t in cands if self._governs(t, first, last) is not None]
        if governing:
            best = min(governing, key=lambda t: min(abs(t.i - first), abs(t.i - last)))
            return best, "after" if best.i > last else "before"
        post = [t for t in cands if t.i > last]
        if post:
            return post[0], "after"
        pre = [t for t in cands if t.i < first]
        if pre:
            gap = self.text[pre[-1].idx : qm.outer_start].rstrip()
            if gap.endswith((":", ",")):
                return pre[-1], "colon"
        if not self._words(before) and s1.start > 0:
            prev = doc[s1.start - 1].sent
            if self.text[prev.start_char : qm.outer_start].rstrip().endswith(":"):
                pre = [t for t in prev if t.i in self.cues and self.in_quote[t.i] < 0]
                if pre:
                    return pre[-1], "colon"
        return None

    def _kind(self, cue_tok: Token, where: str, qi: int) -> str:
        if where != "before":
            return "direct"
        first, last = self.tokens[qi]
        child = self._governs(cue_tok, first, last)
        if child is None or self.in_quote[child.i] == qi and child.head.i != cue_tok.i:
            return "direct"
        outside = [
            t for t in child.subtree
            if self.in_quote[t.i] != qi and t.dep_ not in ("mark", "cc") and t.i != cue_tok.i
        ]
        return "mixed" if self._words(outside) else "direct"

    def _emit(self, start: int, end: int, kind: str, cue_tok: Token | None, speaker: Span | None,
              marked: tuple[int, int] | None = None) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        cue = cue_start = cue_end = None
        if cue_tok is not None:
            entry, first, last = self.cues[cue_tok.i]
            cue, cue_start, cue_end = entry.lemma, first.idx, last.idx + len(last)
            self.used.add(cue_tok.i)
        self.found.append(FoundQuote(start, end, kind, cue, cue_start, cue_end, speaker,
                                     *(marked or (None, None))))

    def passages(self) -> None:
        """Steps 2-4: quoted passages."""
        prev: FoundQuote | None = None
        prev_last = -MAX_GAP - 1
        for qi, qm in enumerate(self.marks):
            first, last = self.tokens[qi]
            if last < first:
                continue
            chosen = self._choose_cue(qi)
            if chosen is None:
                if self._dash_byline(qi):
                    prev, prev_last = self.found[-1], last
                    continue
                cont = self._continuation(qi, prev, prev_last)
                if cont is not None:
                    self.found.append(cont)
                    prev, prev_last = cont, last
                    continue
                chosen = self._choose_cue(qi, same_paragraph=False)
                if chosen is None:
                    continue
            cue_tok, where = chosen
            kind = self._kind(cue_tok, where, qi)
            frame = None
            if kind == "mixed":
                child = self._governs(cue_tok, first, last)
                toks = self._content_tokens(child, cue_tok) if child is not None else []
                if toks:
                    frame = (min(toks[0].idx, qm.outer_start), max(toks[-1].idx + len(toks[-1]), qm.outer_end))
            elif where == "after":
                lead = self._lead_in(qi)
                if lead is not None:
                    kind, frame = "mixed", (lead, qm.outer_end)
            n_words = len(self._words(list(self.doc[first : last + 1])))
            if kind == "mixed" and n_words < self.lex.min_mixed_words:
                continue  # a scare quote: left to the indirect quote of its cue
            entry = self.cues[cue_tok.i][0]
            if entry.cls == "according_to":
                speaker, _ = according_to(cue_tok, self.cues[cue_tok.i][2])
            else:
                speaker = speaker_span(cue_tok, self.lex)
            if frame is not None:
                # The statement is the whole reported clause; the marked fragment is kept inside it.
                self._emit(*frame, kind, cue_tok, speaker, marked=(qm.start, qm.end))
            else:
                self._emit(qm.start, qm.end, kind, cue_tok, speaker)
            prev, prev_last = self.found[-1], last

    def _lead_in(self, qi: int) -> int | None:
        """Where the reporter's words leading into a passage start (``With X, “...,” he said``)."""
        first, _ = self.tokens[qi]
        sent = self.doc[first].sent
        para_start, _ = _paragraph(self.doc[first])
        lead = [t for t in self.doc[sent.start : first] if t.idx >= para_start]
        # Stop at an earlier passage: the lead-in is only what follows it.
        quoted = [k for k, t in enumerate(lead) if self.in_quote[t.i] >= 0 and self.in_quote[t.i] != qi]
        if quoted:
            lead = lead[quoted[-1] + 1 :]
        lead = [t for t in lead if self.in_quote[t.i] != qi]
        # Discourse openers ("But", "However,") are the reporter's glue, not part of the statement.
        while lead and (lead[0].is_punct or lead[0].is_space or lead[0].dep_ in ("cc", "advmod", "intj")):
            lead = lead[1:]
        if not self._words(lead):
            return None
        return lead[0].idx

    def _continuation(self, qi: int, prev: FoundQuote | None, prev_last: int) -> FoundQuote | None:
        """A cue-less passage filling its sentence, going on with the speaker just before it.

        Either the quote just before it (``“A,” he said. “B.”``, also across a paragraph
        break) or a cue in the sentence just before, same paragraph (``X, Schiff said. “B.”``).
        """
        qm = self.marks[qi]
        first, last = self.tokens[qi]
        doc = self.doc
        s1, s2 = doc[first].sent, doc[last].sent
        outside = [t for t in list(doc[s1.start : first]) + list(doc[last + 1 : s2.end]) if self.in_quote[t.i] < 0]
        if self._words(outside):
            return None
        start, end = _trim(self.text, qm.start, qm.end)
        if end <= start:
            return None
        gap_cues = [i for i in range(prev_last + 1, first) if i in self.cues and i not in self.used]
        if prev is not None and first - prev_last <= MAX_GAP and not gap_cues:
            return FoundQuote(start, end, "direct", prev.cue, prev.cue_start, prev.cue_end, prev.speaker)
        if s1.start == 0:
            return None
        before = doc[s1.start - 1].sent
        para_start, _ = _paragraph(doc[first])
        if before.start_char < para_start:
            return None
        if prev is not None and before.start <= prev_last < before.end and not gap_cues:
            return FoundQuote(start, end, "direct", prev.cue, prev.cue_start, prev.cue_end, prev.speaker)
        cues = [t for t in before if t.i in self.cues and self.in_quote[t.i] < 0]
        for tok in reversed(cues):
            entry, c_first, c_last = self.cues[tok.i]
            if entry.cls == "according_to":
                speaker, _ = according_to(c_first, c_last)
            else:
                speaker = speaker_span(tok, self.lex)
            if speaker is not None:
                return FoundQuote(start, end, "direct", entry.lemma, c_first.idx, c_last.idx + len(c_last), speaker)
        return None

    def _dash_byline(self, qi: int) -> bool:
        """A quote signed with a dash and a name (``“...” ― Jane Doe``), as in quoted tweets."""
        qm = self.marks[qi]
        rest = self.text[qm.outer_end : qm.outer_end + 4].lstrip(" ,")
        if not rest or rest[0] not in DASHES:
            return False
        dash = self.doc.char_span(qm.outer_end + self.text[qm.outer_end :].index(rest[0]),
                                  qm.outer_end + self.text[qm.outer_end :].index(rest[0]) + 1,
                                  alignment_mode="expand")
        after = dash.end if dash is not None else len(self.doc)
        while after < len(self.doc) and self.doc[after].is_space:
            after += 1
        if after >= len(self.doc) or self.doc[after].pos_ != "PROPN":
            return False
        name = self.doc[after]
        while name.head.pos_ == "PROPN" and name.head.i != name.i and name.head.i > name.i:
            name = name.head
        start, end = _trim(self.text, qm.start, qm.end)
        self.found.append(FoundQuote(start, end, "direct", DASH_CUE, dash.start_char, dash.end_char,
                                     noun_phrase(name)))
        return True

    def indirect(self) -> None:
        """Step 5: cue verbs with a reported complement outside quotation marks."""
        for i, (entry, first, last) in self.cues.items():
            if i in self.used:
                continue
            if entry.cls == "according_to":
                speaker, bounds = according_to(first, last)
                if speaker is None or bounds is None:
                    continue
                start, end = bounds
            elif first.dep_ == "parataxis" and complement_of(first, entry) is None:
                # "Acts of protest, Mr. Obama said, are acts of patriotism": the host clause.
                speaker = speaker_span(first, self.lex)
                own = {t.i for t in first.subtree}
                host = [t for t in self._content_tokens(first.head, first, skip=own)]
                if speaker is None or not host:
                    continue
                start, end = host[0].idx, host[-1].idx + len(host[-1])
            else:
                comp = complement_of(first, entry)
                if comp is None:
                    continue
                sub = self._content_tokens(comp, first)
                obj = object_before(first, comp)
                if sub and obj is not None:
                    sub = self._content_tokens(obj, first) + sub
                if not sub:
                    continue
                speaker = speaker_span(first, self.lex)
                if speaker is None:
                    continue
                start, end = sub[0].idx, sub[-1].idx + len(sub[-1])
            if self._inside_passage(start, end):
                continue
            self._emit(start, end, "indirect", first, speaker)

    def _content_tokens(self, comp: Token, cue_tok: Token, skip: set[int] | None = None) -> list[Token]:
        """The complement's tokens in the cue's paragraph, stopping at a further conjoined cue."""
        para_start, para_end = _paragraph(cue_tok)
        out: list[Token] = []
        for tok in comp.subtree:
            if skip is not None and tok.i in skip:
                continue
            if tok.i == cue_tok.i:
                return []
            if not para_start <= tok.idx < para_end:
                if out:
                    break
                continue
            if tok.i != comp.i and tok.i in self.cues and tok.dep_ == "conj" and tok.head.i != cue_tok.i:
                break
            out.append(tok)
        while out and (out[-1].is_punct or out[-1].dep_ == "cc"):
            out.pop()
        return out

    def _inside_passage(self, start: int, end: int) -> bool:
        return any(q.outer_start <= start and end <= q.outer_end for q in self.marks)


def find_quotes(doc: Doc, lex: CueLexicon) -> list[FoundQuote]:
    """All quotes in a parsed document, with speaker Spans, in text order."""
    ex = _Extractor(doc, lex)
    ex.passages()
    ex.indirect()
    return sorted(ex.found, key=lambda q: (q.start, q.end))


__all__ = ["FoundQuote", "QuoteMarks", "find_quotes"]
