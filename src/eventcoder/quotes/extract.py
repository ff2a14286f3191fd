"""Rule-based quote finding over a spaCy parse: direct, mixed and indirect speech.

Rules, in order (each step linear in the document):
1. Quoted passages are paired double marks (``marks.find_quote_marks``).
2. A passage takes the cue verb of its own sentence that governs it (or hangs off it,
   as in ``“...,” he said``); failing that the nearest cue after it in the sentence, or
   a cue before it that ends in ``:`` or ``,``, or a ``He said:`` sentence just before.
   The passage is *direct* when the cue's complement is all inside the marks and
   *mixed* when the complement has words of the reporter's outside them (``said the
   Turkish side “had taken ...”``); a mixed passage's text is the quoted fragment.
3. Scare quotes: a quoted fragment shorter than ``min_mixed_words`` inside a cue's
   complement is not a quote of its own (it stays inside the indirect quote of step 5),
   and a quoted fragment that no cue governs (``accused ... of failing to “neutralise
   terrorists”`` without a speech complement, ``“radical” fighters``) is never a quote.
4. A passage with no cue that fills its whole sentence continues the quote before it
   (the next paragraph of the same speaker's words).
5. Every other cue verb outside quotation marks with a complement listed in the lexicon
   (``said that ...``, ``told reporters ...``, ``urged X to ...``) gives an *indirect*
   quote whose text is the complement; ``according to X, ...`` gives the clause it
   modifies.
The speaker is the cue's subject (climbing conjunctions, participles and relative
clauses to find it): the noun phrase minus relative clauses, or the pronoun.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

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
INHERIT_DEPS = ("conj", "advcl", "xcomp", "ccomp", "acl")


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
    # For a mixed quote, the reported clause around the quoted fragment.
    frame_start: int | None = None
    frame_end: int | None = None


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
    text = tok.doc.text
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return start, len(text) if end < 0 else end


def noun_phrase(head: Token) -> Span:
    """The head's noun phrase without relative clauses and edge punctuation."""
    para_start, para_end = _paragraph(head)
    cut: set[int] = {t.i for t in head.subtree if not para_start <= t.idx < para_end}
    for child in head.children:
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
        for child in cur.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.tag_ in ("WP", "WDT") and cur.dep_ == "relcl":
                    return noun_phrase(cur.head)  # "officials who said": the officials
                return noun_phrase(child)
        if cur.dep_ == "relcl":
            return noun_phrase(cur.head)
        if cur.dep_ in INHERIT_DEPS and cur.head is not cur:
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
        return speaker, None
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
    return None


class _Extractor:
    """One document's pass: holds the token-to-quote map and the cues already used."""

    def __init__(self, doc: Doc, lex: CueLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.text = doc.text
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

    def _choose_cue(self, qi: int) -> tuple[Token, str] | None:
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
              frame: tuple[int, int] | None = None) -> None:
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        cue = cue_start = cue_end = None
        if cue_tok is not None:
            entry, first, last = self.cues[cue_tok.i]
            cue, cue_start, cue_end = entry.lemma, first.idx, last.idx + len(last)
            self.used.add(cue_tok.i)
        self.found.append(FoundQuote(start, end, kind, cue, cue_start, cue_end, speaker,
                                     *(frame or (None, None))))

    def passages(self) -> None:
        """Steps 2-4: quoted passages."""
        last_direct: FoundQuote | None = None
        last_end_tok = -MAX_GAP - 1
        for qi, qm in enumerate(self.marks):
            first, last = self.tokens[qi]
            if last < first:
                continue
            chosen = self._choose_cue(qi)
            if chosen is None:
                s2 = self.doc[last].sent
                tail = [t for t in self.doc[last + 1 : s2.end] if self.in_quote[t.i] < 0]
                gap_cues = [i for i in range(last_end_tok + 1, first) if i in self.cues and i not in self.used]
                if (last_direct is not None and not self._words(tail) and first - last_end_tok <= MAX_GAP
                        and not gap_cues):
                    # "“A,” he said. “B.”": B goes on with A's speaker.
                    self.found.append(FoundQuote(
                        *_trim(self.text, qm.start, qm.end), "direct", last_direct.cue,
                        last_direct.cue_start, last_direct.cue_end, last_direct.speaker))
                    last_end_tok = last
                else:
                    self._dash_byline(qi)
                continue
            cue_tok, where = chosen
            kind = self._kind(cue_tok, where, qi)
            n_words = len(self._words(list(self.doc[first : last + 1])))
            if kind == "mixed" and n_words < self.lex.min_mixed_words:
                continue  # a scare quote: left to the indirect quote of its cue
            entry = self.cues[cue_tok.i][0]
            if entry.cls == "according_to":
                speaker, _ = according_to(cue_tok, self.cues[cue_tok.i][2])
            else:
                speaker = speaker_span(cue_tok, self.lex)
            frame = None
            if kind == "mixed":
                child = self._governs(cue_tok, first, last)
                toks = self._content_tokens(child, cue_tok) if child is not None else []
                if toks:
                    frame = (min(toks[0].idx, qm.outer_start), max(toks[-1].idx + len(toks[-1]), qm.outer_end))
            self._emit(qm.start, qm.end, kind, cue_tok, speaker, frame)
            last_direct = self.found[-1] if kind == "direct" else None
            last_end_tok = last

    def _dash_byline(self, qi: int) -> bool:
        """A quote signed with a dash and a name (``“...” ― Jane Doe``), as in quoted tweets."""
        qm = self.marks[qi]
        rest = self.text[qm.outer_end : qm.outer_end + 4].lstrip(" ,")
        if not rest or rest[0] not in DASHES:
            return False
        dash = self.doc.char_span(qm.outer_end + self.text[qm.outer_end :].index(rest[0]),
                                  qm.outer_end + self.text[qm.outer_end :].index(rest[0]) + 1,
                                  alignment_mode="expand")
        if dash is None or dash.end >= len(self.doc) or self.doc[dash.end].pos_ != "PROPN":
            return False
        name = self.doc[dash.end]
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
