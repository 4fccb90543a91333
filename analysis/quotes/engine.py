"""Quotation engine: attribute quotes and reported speech to speakers, and build statements."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Collection, Iterable, Sequence

from .actors import Codebook, load_codebook
from .attribution import (BE, CONTROL, PRONOUNS, RELATIVES, SKIP, STOP, Cue, clean_speaker,
                          contracted_pronoun, find_cues, load_non_speakers, load_verbs, np_after,
                          np_before, sentence_subject, skip_back, skip_forward, speech_denied,
                          title_case)
from .marks import _Quote, _scan_paragraph, _sentence_bounds
from .resolution import SpeakerResolver
from ..model import Article, Statement
from ..text.tokens import Tokens
from ..text.wordkeys import needs_fold

#: Keys (and order) of :func:`quote_records` dicts and :func:`quotes_frame` columns.
RECORD_KEYS = ("article_id", "statement", "paragraph", "start", "end", "text", "kind", "speaker",
               "speaker_start", "speaker_end", "actor", "group", "cue")
KINDS = ("full", "partial", "scare", "indirect")

_PARA = re.compile(r"[^\r\n]+")
#: Personal pronouns that the subject of a reported clause binds to the reporting speaker.
_BOUND_PRONOUNS = frozenset({"he", "she"})
#: The subject pronoun that opens a reported clause ("she recalled", "that he would").
_CLAUSE_SUBJECT = re.compile(r"(?:that[ \t]+)?([Hh]e|[Ss]he)\b")
_QUOTE_CHARS = set("\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a")
_DASHES = ("\u2015", "\u2014", "--", "\u2013")
WINDOW_BEFORE = 400
FALLBACK_SUFFIX_CUE = True
FALLBACK_SUBJECT = False
CARRY_CLOSED = True
PREVIOUS_SENTENCE = True
WINDOW_AFTER = 300
MAX_SENTENCE = 3000
#: Cue lemmas that take a reported clause without 'that' ("said they had lost faith").
BARE_CLAUSE = frozenset(
    "say tell add claim insist admit warn suggest stress argue state confirm concede acknowledge "
    "reveal deny report explain note respond reply announce allege assert maintain contend "
    "predict promise vow declare write tweet emphasise demand urge ask continue".split())
#: Cue lemmas taking an addressee before the clause ("told X that", "urged X to").
ADDRESSEE = frozenset("tell urge ask warn promise remind".split())
#: A transcript label opening a quote: one to three capitalised words in capitals, then a colon
#: ("WALLACE: ...", "SEN. KAINE: ..."); the label names the speaker of the quoted turn.
_LABEL = re.compile(r"((?:[A-Z][A-Z'\u2019.-]*\s){0,2}[A-Z][A-Z'\u2019-]*[A-Z]):\s")
#: Punctuation that may open a relative clause after its noun ("the study -- which notes").
_APPOSITION_OPEN = frozenset({",", "--", "\u2014", "\u2013", "("})
_INGS = frozenset({"saying", "adding", "telling", "insisting", "claiming", "arguing", "warning",
                   "noting", "explaining", "stating", "writing", "calling", "accusing"})


def _contracted_be(low: str) -> bool:
    """True for a pronoun carrying a contracted "are" or "am" ("we're", "I'm"), case-folded."""
    return low.endswith(("'re", "'m")) and contracted_pronoun(low) > 0


def _bare_word(toks: Tokens, t: int) -> bool:
    """True for a lone lower-case singular word that names no one before an -ing cue
    ("resist" of "resist pointing out"): not a pronoun, not a plural in -s ("critics
    warning"), and not a noun that speaks without a determiner (`bare_speakers`: "police")."""
    low = toks.lower[t]
    return (toks.words[t].islower() and low not in PRONOUNS and not low.endswith("s")
            and not contracted_pronoun(low) and low not in load_non_speakers()["bare_speakers"])


def _speaker(toks: Tokens, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span cleaned as a speaker phrase; None for a dateline, time, number or recording."""
    return None if span is None else clean_speaker(toks, span[0], span[1])


@dataclass
class _Piece:
    """A statement piece while it is being assembled."""

    para: int
    start: int
    end: int
    kind: str
    speaker: tuple[int, int] | None = None
    cue: str | None = None
    stmt: int = -1
    cont_of: "_Piece | None" = None
    actor: str | None = None
    group: str | None = None


class _Engine:
    """One extraction run over one text."""

    def __init__(self, text: str, paragraphs: Sequence[tuple[int, int]], skip: Collection[int],
                 codebook: Codebook | None, article_id: str) -> None:
        """Keep the inputs; nothing is computed until :meth:`run`."""
        self.text = text
        self.paragraphs = [(max(0, min(s, len(text))), max(0, min(e, len(text))))
                           for s, e in paragraphs]
        self.skip = set(skip)
        self.resolver = SpeakerResolver(text, codebook if codebook is not None else load_codebook())
        self.article_id = article_id
        self.verbs = load_verbs()

    # ---- quote attribution -------------------------------------------------------------
    def _label(self, q: _Quote) -> tuple[int, int] | None:
        """Offsets of a transcript label opening the quote ("WALLACE: ..."), or None."""
        m = _LABEL.match(self.text, q.start, q.end)
        if not m or m.group(1).casefold() in load_non_speakers()["labels"]:
            return None
        return m.start(1), m.end(1)

    def _subject(self, toks: Tokens, cue: Cue, lo: int = 0) -> tuple[int, int] | None | str:
        """Speaker tokens of a cue from the left; 'passive' for 'was told'; None if not found."""
        j = skip_back(toks, cue.first - 1, lo)
        if j < lo:
            return None
        low = toks.lower[j]
        progressive = cue.form.split()[0].casefold().endswith("ing")  # ("pointing out")
        if progressive and low in BE and j - 1 >= lo:
            j = skip_back(toks, j - 1, lo)  # "Trump is saying that": progressive, not passive
            if j < lo:
                return None
            low = toks.lower[j]
        elif (low in BE or (_contracted_be(low) and not progressive)) \
                and cue.lemma != "according to":
            return "passive"  # "was told", "we're told" (not "they're predicting")
        if toks.words[j] == ")":
            k = j
            while k > lo and toks.words[k] != "(" and j - k < 12:
                k -= 1
            j = skip_back(toks, k - 1, lo) if toks.words[k] == "(" else j
            if j < lo:
                return None
        if toks.words[j] == "," and cue.form.casefold().endswith("ing"):
            return None
        if toks.words[j] == ",":
            k = j - 1
            while k >= lo and j - k < 25 and toks.words[k] not in (",", "(", ":", ";", '"'):
                k -= 1
            if k >= lo and toks.words[k] == ",":
                np = np_before(toks, k - 1, lo)
                if np and any(toks.words[t][:1].isupper() for t in range(np[0], np[1] + 1)):
                    return _name_before_description(toks, np, lo) or np
            return None
        if low == "to":
            if j - 1 < lo or toks.lower[j - 1] not in CONTROL:
                return None
            for k in range(j - 1, max(lo, j - 8) - 1, -1):
                if toks.words[k] in (",", ";", ":"):
                    break
                if toks.lower[k] in PRONOUNS:
                    return (k, k)
                if toks.lower[k] in ("has", "have", "had", "is", "are", "was", "were", "will",
                                     "would") and k - 1 >= lo:
                    return np_before(toks, k - 1, lo)
            return "passive"
        np = np_before(toks, j, lo)
        if np and np[0] == np[1] and toks.lower[np[0]] in RELATIVES:
            k = np[0] - 1
            if k >= lo and toks.words[k] in _APPOSITION_OPEN:  # ", which" "-- which" "(who"
                return np_before(toks, k - 1, lo)
            return None
        if np and progressive and np[0] == np[1] and _bare_word(toks, np[0]):
            return None  # "resist pointing out", "worth noting", "ended up saying": no one
        return np

    def _cue_speaker(self, toks: Tokens, cues: list[Cue], idx: int, lo: int = 0
                     ) -> tuple[tuple[int, int] | None, Cue | None]:
        """Speaker of cues[idx], falling back to earlier cues and then the sentence subject."""
        cue = cues[idx]
        if cue.lemma == "according to":
            return _speaker(toks, np_after(toks, cue.last + 1)), cue
        subj = self._subject(toks, cue, lo)
        if subj == "passive":
            return None, None
        if isinstance(subj, tuple):
            subj = _speaker(toks, subj)
        if subj is None and cue.last + 1 < len(toks):
            # inverted: "Said Trump:", "adds Smith:"
            np = _speaker(toks, np_after(toks, skip_forward(toks, cue.last + 1, len(toks))))
            if np and (np[1] + 1 >= len(toks) or toks.words[np[1] + 1] in (":", ",")) \
                    and toks.words[np[0]][:1].isupper() and toks.lower[np[0]] not in ("the",):
                return np, cue
        if subj is None:
            for k in range(idx - 1, -1, -1):
                prev = cues[k]
                if prev.lemma == "according to":
                    continue
                s = self._subject(toks, prev, lo)
                if isinstance(s, tuple) and _speaker(toks, s):
                    return _speaker(toks, s), cue
            s = _speaker(toks, sentence_subject(toks, lo, cue.first))
            return s, cue
        return subj, cue  # type: ignore[return-value]

    def _suffix_speaker(self, toks: Tokens) -> tuple[tuple[int, int] | None, str | None]:
        """Attribution right after a quote: ', said X', ', X said', ', X, a Y, said', '― X'."""
        n = len(toks)
        i = 0
        while i < n and toks.words[i] in (",", "\u2019", "'", '"', "\u201d"):
            i += 1
        if i >= n:
            return None, None
        if toks.words[i] in _DASHES or (toks.words[i] == "-" and i + 1 < n and toks.words[i + 1] == "-"):
            k = i + (2 if toks.words[i] == "-" else 1)
            np = _speaker(toks, np_after(toks, k))
            if np and toks.words[np[0]][:1].isupper():
                return np, toks.words[i]
            return None, None
        cues = find_cues(toks)
        if not cues:
            return None, None
        c = cues[0]
        if c.first == i or (c.first == skip_forward(toks, i, n) and c.first > i):
            if c.lemma == "according to":
                return _speaker(toks, np_after(toks, c.last + 1)), c.form
            np = _speaker(toks, np_after(toks, skip_forward(toks, c.last + 1, n)))
            if np:
                return np, c.form
            return None, None
        np = _speaker(toks, np_after(toks, i))
        if not np:
            return None, None
        k = np[1] + 1
        if k < n and toks.words[k] == "(":
            while k < n and k - np[1] < 12 and toks.words[k] != ")":
                k += 1
            k += 1
        if k < n and toks.words[k] == ",":
            k2 = k + 1
            while k2 < n and k2 - k < 30 and toks.words[k2] not in (",", ";", ":", '"'):
                k2 += 1
            if k2 < n and toks.words[k2] == ",":
                k = k2 + 1
        k = skip_forward(toks, k, n)
        if c.first == k and toks.lower[np[0]] not in ("who", "which", "that"):
            return np, c.form
        return None, None

    def _attribute(self, q: _Quote, bounds: list[int], ps: int, pe: int, prev_close: int,
                   next_open: int) -> tuple[tuple[int, int] | None, str | None, str]:
        """(speaker offsets, cue, where) for one quote; where is prefix/suffix/colon/next/''."""
        text = self.text
        si = bisect.bisect_right(bounds, q.open) - 1
        sent_start = bounds[si]
        lo = max(sent_start, prev_close, q.open - WINDOW_BEFORE)
        ends = [b for b in bounds[si + 1:si + 3] if b >= q.close_end]
        sent_end = ends[0] if ends else pe
        hi = min(sent_end, next_open, q.close_end + WINDOW_AFTER)
        pre = Tokens(text, lo, q.open)
        content_end = text[q.start:q.end].rstrip("'\u2019\u201d\"")[-1:]
        suf: Tokens | None = None  # the tokens after a closed quote, made when first needed
        suffix: tuple[tuple[int, int] | None, str | None] | None = None  # _suffix_speaker(suf)
        if q.closed and content_end in ",?!\u2014\u2013-":
            suf = Tokens(text, q.close_end, hi)
            suffix = self._suffix_speaker(suf)
            if suffix[0]:
                return self._offsets(suf, suffix[0]), suffix[1], "suffix"
        if len(pre):
            cues = find_cues(pre)
            for idx in range(len(cues) - 1, -1, -1):
                if idx and _reduced_relative(pre, cues[idx]):
                    continue  # "She says Trump's tweets accusing X are '...'": she says it
                sp, cue = self._cue_speaker(pre, cues, idx)
                if sp:
                    return self._offsets(pre, sp), cue.form if cue else None, "prefix"
                if cue is None:  # passive: the quote's speaker is not named here
                    break
            if cues and sent_start < lo <= sent_start + WINDOW_BEFORE and _adjunct(pre, cues[-1]) \
                    and text[sent_start:lo].lstrip()[:1] not in _QUOTE_CHARS:
                # "Trump hardly clarified it, treating "..." as ... and asserting, "...": a
                # participle adjunct's subject is the clause's, before the earlier quote
                head = Tokens(text, sent_start, lo)
                sp = _speaker(head, sentence_subject(head, 0, len(head)))
                if sp:
                    return self._offsets(head, sp), cues[-1].form, "prefix"
            stripped = text[lo:q.open].rstrip()
            if stripped.endswith(":"):
                sp = _speaker(pre, sentence_subject(pre, 0, len(pre)))
                if sp:
                    return self._offsets(pre, sp), ":", "colon"
        if q.closed:
            if suf is None:
                suf = Tokens(text, q.close_end, hi)
            sp, cue = suffix if suffix is not None else self._suffix_speaker(suf)
            if sp:
                return self._offsets(suf, sp), cue, "suffix"
            if FALLBACK_SUFFIX_CUE:
                for c in find_cues(suf)[:1]:
                    subj = self._subject(suf, c, 0)
                    if isinstance(subj, tuple) and suf.lower[subj[0]] not in RELATIVES \
                            and _speaker(suf, subj):
                        return self._offsets(suf, _speaker(suf, subj)), c.form, "suffix"
        if FALLBACK_SUBJECT and len(pre) and not find_cues(pre):
            sp = sentence_subject(pre, 0, len(pre))
            if sp and sp[1] + 1 < len(pre) and (
                    pre.lower[sp[0]] in ("he", "she", "they")
                    or any(pre.words[t][:1].isupper() for t in range(sp[0], sp[1] + 1))):
                return self._offsets(pre, sp), None, "subject"
        if not any(t.isalnum() for t in text[lo:q.open]) and q.closed and hi < pe \
                and hi == sent_end and next_open >= sent_end:
            nxt_end = bounds[si + 2] if si + 2 < len(bounds) and bounds[si + 2] > hi else pe
            nxt_end = min(nxt_end, next_open, hi + 120)
            toks = Tokens(text, hi, nxt_end)
            if 1 < len(toks) <= 10:
                sp, cue = self._suffix_speaker(toks)
                if sp:
                    return self._offsets(toks, sp), cue, "next"
        return None, None, ""

    def _after_report(self, q: _Quote, bounds: list[int], ps: int, pe: int, para: int,
                      para_pieces: list[_Piece]) -> _Piece | None:
        """A whole-sentence quote right after a reporting sentence of the same paragraph with no
        quote of its own ("X called him a master. "He showed ..."") as X's full quote."""
        text = self.text
        si = bisect.bisect_right(bounds, q.open) - 1
        if si < 1 or any(ch.isalnum() for ch in text[bounds[si]:q.open]):
            return None
        s_end = bounds[si + 1] if si + 1 < len(bounds) else pe
        if any(ch.isalnum() for ch in text[q.close_end:s_end]) or len(text[q.start:q.end].split()) < 4:
            return None
        p0, p1 = bounds[si - 1], bounds[si]
        if para_pieces and para_pieces[-1].end > p0:  # (pieces are in text order)
            return None  # a sentence with quotes of its own (attributed or not)
        toks = Tokens(text, p0, p1)
        cues = find_cues(toks)
        for idx in range(len(cues) - 1, -1, -1):
            if speech_denied(toks, cues[idx].first):
                continue
            sp, cue = self._cue_speaker(toks, cues, idx)
            if sp and cue is not None:
                return _Piece(para, q.start, q.end, "full", self._offsets(toks, sp), cue.form)
            if cue is None:
                return None
        return None

    @staticmethod
    def _offsets(toks: Tokens, span: tuple[int, int]) -> tuple[int, int]:
        """Character offsets of a speaker's token range, a pronoun's contracted verb left out
        ("He's" of "He's claiming" is He)."""
        end = toks.spans[span[1]][1] - contracted_pronoun(toks.lower[span[1]])
        return toks.spans[span[0]][0], end

    def _kind(self, q: _Quote, speaker: tuple[int, int] | None, where: str) -> str:
        """full, partial or scare from the quote's shape and where its speaker was found."""
        if speaker is None:
            return "scare"
        text = self.text
        before = text[max(0, q.open - 200):q.open].rstrip()
        content = text[q.start:q.end]
        words = content.split()
        if where in ("colon", "next") or not before or before[-1] in ":,\u2014\u2013" \
                or before.endswith(("\n", ".", "?", "!")):
            return "full" if len(words) > 1 or where != "prefix" else "partial"
        if content[:1].isupper() and content.rstrip("'\u2019\"\u201d")[-1:] in ".?!," \
                and len(words) >= 4:
            return "full"
        if where == "suffix" and content[-1:] in ",.?!" and len(words) >= 3:
            return "full"
        return "partial"

    # ---- indirect speech -----------------------------------------------------------------
    def _indirect(self, para: int, ps: int, pe: int, bounds: list[int], quotes: list[_Quote],
                  pieces: list[_Piece]) -> None:
        """Reported speech without quote marks: 'X said (that) CLAUSE' as indirect pieces."""
        text = self.text
        qspans = [(q.open, q.close_end) for q in quotes]
        self._qstarts = [a for a, _ in qspans]
        for bi, s0 in enumerate(bounds):
            s1 = bounds[bi + 1] if bi + 1 < len(bounds) else pe
            for c0 in range(s0, s1, MAX_SENTENCE):
                c1 = min(s1, c0 + MAX_SENTENCE)
                if not _cue_hint(text, c0, c1):
                    continue
                self._indirect_sentence(para, c0, c1, qspans, pieces)

    def _indirect_sentence(self, para: int, s0: int, s1: int, qspans: list[tuple[int, int]],
                           pieces: list[_Piece]) -> None:
        """Indirect pieces of one sentence (cues inside quotes are ignored)."""
        text = self.text
        toks = Tokens(text, s0, s1)
        qstarts = self._qstarts
        lo_q = bisect.bisect_left(qstarts, s0) - 1
        local = qspans[max(0, lo_q):bisect.bisect_left(qstarts, s1)]

        def _inside(pos: int) -> bool:
            k = bisect.bisect_right(qstarts, pos) - 1
            return k >= 0 and qspans[k][0] <= pos < qspans[k][1]

        cues = [c for c in find_cues(toks) if not _inside(toks.spans[c.first][0])]
        if not cues:
            return
        n = len(toks)
        for idx, cue in enumerate(cues):
            if cue.lemma == "according to" or speech_denied(toks, cue.first):
                continue
            if _after_quote(text, local, toks.spans[cue.first][0]):
                continue  # '"...," said Jane Doe, the director': the cue attributes the quote
            k = skip_forward(toks, cue.last + 1, n)  # "said on Tuesday (that) ...": a time
            if k >= n or not toks.is_word(k):      # expression is not what was said
                continue
            has_that = toks.lower[k] == "that"
            addressed = False
            if cue.lemma in ADDRESSEE and not has_that:
                np = np_after(toks, k)
                if not np or np[1] + 1 >= n or not toks.is_word(np[1] + 1):
                    continue
                k = np[1] + 1
                has_that = toks.lower[k] == "that"
                addressed = toks.lower[k] == "to"
            if has_that:
                k += 1
            elif addressed:
                k = np[0]
            elif cue.lemma not in BARE_CLAUSE or toks.lower[k] in _NOT_CLAUSE:
                continue
            if k >= n:
                continue
            sp, used = self._cue_speaker(toks, cues, idx)
            if not sp or used is None:
                continue
            if _inside(toks.spans[sp[0]][0]):  # a speaker inside quote marks is quoted words
                continue                       # ('"We ...," said X' is X's quote, not We's)
            start = toks.spans[k][0]
            end = s1
            for t in range(k + 1, n - 1):
                if toks.words[t] == "," and toks.lower[t + 1] in _CLAUSE_BREAK and toks.spans[t][0] < end:
                    end = toks.spans[t][0]
                    break
                if toks.lower[t] == "and" and toks.lower[t + 1] in BE and t + 2 < n \
                        and toks.lower[t + 2].endswith("ing") and toks.spans[t][0] < end:
                    end = toks.spans[t][0]
                    break
            for nxt in cues[idx + 1:]:
                if nxt.first > 0 and toks.words[nxt.first - 1] in (",", ";") \
                        and toks.lower[nxt.first] in _INGS:
                    end = toks.spans[nxt.first - 1][0]
                    break
            for a, b in local:  # a quote straddling the clause end belongs to the clause (K3)
                if a < end < b:
                    end = b
            while end > start and (text[end - 1].isspace() or text[end - 1] in ".;:,!?"):
                end -= 1
            if end <= start or text[start] in _QUOTE_CHARS:
                continue
            if any(a < start < b for a, b in local):
                continue
            if any(p.start < end and start < p.end for p in pieces[-20:] if p.kind == "indirect"):
                continue
            pieces.append(_Piece(para, start, end, "indirect", self._offsets(toks, sp), cue.form))

    # ---- main loop ---------------------------------------------------------------------
    def run(self) -> list[Statement]:
        """Find, attribute and resolve every statement piece of the text."""
        text = self.text
        pieces: list[_Piece] = []
        carry: str | None = None
        open_piece: _Piece | None = None
        last_full: _Piece | None = None
        for para, (ps, pe) in enumerate(self.paragraphs):
            if pe <= ps:
                continue
            if para in self.skip:  # (its quote marks would not be used: carry is kept)
                continue
            quotes, left = _scan_paragraph(text, para, ps, pe, carry)
            bounds = _sentence_bounds(text, ps, pe)
            para_pieces: list[_Piece] = []
            prev_close = ps
            first_text = text[ps:pe].lstrip()
            for qi, q in enumerate(quotes):
                next_open = quotes[qi + 1].open if qi + 1 < len(quotes) else pe
                label = self._label(q)
                if label is not None:
                    piece = _Piece(para, q.start, q.end, "full", label, ":")
                elif qi == 0 and open_piece is not None and q.open == pe - len(first_text) \
                        and carry == q.family:
                    piece = _Piece(para, q.start, q.end, open_piece.kind, open_piece.speaker,
                                   open_piece.cue, cont_of=open_piece)
                else:
                    speaker, cue, where = self._attribute(q, bounds, ps, pe, prev_close, next_open)
                    piece = _Piece(para, q.start, q.end, self._kind(q, speaker, where), speaker,
                                   cue)
                    if speaker is None and qi == 0 and CARRY_CLOSED and last_full is not None \
                            and q.open == pe - len(first_text) \
                            and not any(ch.isalnum() for ch in text[q.close_end:pe]) \
                            and len(text[q.start:q.end].split()) >= 4 \
                            and not title_case(text[q.start:q.end]):  # a subhead, not speech
                        piece = _Piece(para, q.start, q.end, "full", last_full.speaker,
                                       last_full.cue)
                    if speaker is None and para_pieces and para_pieces[-1].speaker:
                        prev = para_pieces[-1]
                        si = bisect.bisect_right(bounds, q.open) - 1
                        lo = max(bounds[si], prev_close)
                        initial = not any(ch.isalnum() for ch in text[lo:q.open])
                        if prev.kind == "full" and initial:
                            piece = _Piece(para, q.start, q.end, "full", prev.speaker, prev.cue,
                                           cont_of=prev)
                        elif bounds[si] <= prev.start and prev.kind != "indirect":
                            piece = _Piece(para, q.start, q.end, self._kind(q, prev.speaker, "prefix"),
                                           prev.speaker, prev.cue)
                    if piece.speaker is None and PREVIOUS_SENTENCE:
                        piece = self._after_report(q, bounds, ps, pe, para, para_pieces) or piece
                para_pieces.append(piece)
                prev_close = q.close_end
            carry = left
            quoted = [p for p in para_pieces if p.kind == "full" and p.speaker]
            last_full = quoted[-1] if quoted and para_pieces[-1] is quoted[-1] \
                and _ends_paragraph(text, quoted[-1], pe) else None
            open_piece = para_pieces[-1] if (left and para_pieces and para_pieces[-1].kind == "full"
                                             and quotes and not quotes[-1].closed) else None
            self._indirect(para, ps, pe, bounds, quotes, para_pieces)
            para_pieces.sort(key=lambda p: (p.start, -p.end))
            pieces.extend(para_pieces)
        return self._finish(pieces)

    def _bound_speaker(self, outer: _Piece, p: _Piece) -> tuple[int, int] | None:
        """The named speaker of the indirect clause around a quote whose own speaker is the
        pronoun that opens the clause ("Lynch said she recalled thinking, 'Q'", "Clinton says
        she ... what she calls 'Q'"): that pronoun is bound to the name; else None."""
        sp, name = p.speaker, outer.speaker
        if sp is None or name is None or not outer.start <= sp[0] < outer.end:
            return None
        pronoun = self.text[sp[0]:sp[1]].casefold()
        if pronoun not in _BOUND_PRONOUNS or not _person_name(self.text[name[0]:name[1]]):
            return None
        m = _CLAUSE_SUBJECT.match(self.text, outer.start, outer.end)
        return name if m and m.group(1).casefold() == pronoun else None

    # ---- resolution and output ---------------------------------------------------------
    def _finish(self, pieces: list[_Piece]) -> list[Statement]:
        """Number statements, resolve actors and build Statement records."""
        out: list[Statement] = []
        resolved: list[_Piece] = []
        n = 0
        last_end = -1
        outer_end = -1  # end of the indirect clause that may contain partial quotes (K3)
        outer: _Piece | None = None  # that indirect clause
        rebound: dict[tuple[int, int], tuple[int, int]] = {}  # pronoun -> the name it stands for
        for p in pieces:
            if p.start < last_end and not (p.kind != "indirect" and p.end <= outer_end):
                continue
            if p.start >= last_end or p.kind == "indirect":
                outer_end = p.end if p.kind == "indirect" else -1
                outer = p if p.kind == "indirect" else None
            last_end = max(last_end, p.end)
            if p.speaker in rebound:  # a piece that took the speaker of one rebound below
                p.speaker = rebound[p.speaker]
            elif outer is not None and p is not outer and p.end <= outer_end:
                name = self._bound_speaker(outer, p)
                if name is not None:
                    rebound[p.speaker] = name  # type: ignore[index]
                    p.speaker = name
            if p.cont_of is not None and p.cont_of.stmt >= 0:
                root = p.cont_of
                while root.cont_of is not None and root.cont_of.stmt >= 0:
                    root = root.cont_of
                p.stmt, p.actor, p.group = p.cont_of.stmt, p.cont_of.actor, p.cont_of.group
            else:
                p.stmt = n
                n += 1
                p.actor, p.group = self.resolver.resolve(p, resolved)
            resolved.append(p)
            sp = p.speaker
            out.append(Statement(
                article_id=self.article_id, statement=p.stmt, paragraph=p.para, start=p.start,
                end=p.end, text=self.text[p.start:p.end], kind=p.kind,
                speaker=self.text[sp[0]:sp[1]] if sp else None,
                speaker_start=sp[0] if sp else None, speaker_end=sp[1] if sp else None,
                actor=p.actor, group=p.group, cue=p.cue))
        return out


def _name_before_description(toks: Tokens, np: tuple[int, int], lo: int) -> tuple[int, int] | None:
    """The full name a description is set after, when the description found before a
    second apposition is itself the first ("Evan Wolfson, | the founder of Freedom to Marry, |
    a gay rights group, said"): a name of two or more capitalised words that opens its
    clause, then a comma, then a description (no capital at its head); else None."""
    first = toks.lower[np[0]]
    if toks.words[np[0]][:1].isupper() and first not in ("the", "a", "an"):
        return None  # the phrase found is a name already
    c = np[0] - 1
    if c - 1 < lo or toks.words[c] != ",":
        return None
    name = np_before(toks, c - 1, lo)
    if name is None or name[1] != c - 1 or name[1] == name[0] \
            or toks.lower[name[0]] in STOP or toks.lower[name[0]] in PRONOUNS:
        return None
    if not all(toks.is_word(t) and toks.words[t][:1].isupper() or toks.words[t] == "."
               for t in range(name[0], name[1] + 1)):
        return None
    if name[0] > lo and toks.is_word(name[0] - 1):
        return None  # "In Washington, the head of ..., said": no clause opens with the name
    return name


def _person_name(phrase: str) -> bool:
    """True for a speaker phrase that can be a person's name, the only kind a "he" or "she"
    stands for: a capitalised last word that is no acronym, no determiner before it ("The
    indictment", "the FBI" are not), no pronoun and no bare collective ("Police")."""
    words = phrase.split()
    if not words or words[0].casefold() in ("the", "a", "an", "this", "that"):
        return False
    last = words[-1].rstrip(".,")
    return last[:1].isupper() and not last.isupper() and len(words[-1]) > 1 \
        and phrase.casefold() not in PRONOUNS \
        and last.casefold() not in load_non_speakers()["bare_speakers"]


def _trie_pattern(words: Iterable[str], char: Callable[[str], str] = re.escape) -> str:
    """A regex alternation of words factored as a prefix trie (char renders one character)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        end = "" in node
        alts = [char(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


def _either_case(ch: str) -> str:
    """A regex for one character that matches an ASCII letter in either case."""
    return f"[{ch.lower()}{ch.upper()}]" if ch.isascii() and ch.isalpha() else re.escape(ch)


def _ascii_hint(words: Collection[str]) -> re.Pattern[str] | None:
    """The cue-word pattern for ASCII text without re.I; None unless all words are ASCII \\w+."""
    if not all(w.isascii() and re.fullmatch(r"\w+", w) for w in words):
        return None
    return re.compile(r"(?<!\w)" + _trie_pattern(words, _either_case) + r"\b")


def _cue_hint(text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds a word that begins a reporting-cue form (any case)."""
    part = text[start:end]
    if _CUE_HINT_ASCII is not None and (part.isascii() or not needs_fold(part)):
        return _CUE_HINT_ASCII.search(text, start, end) is not None
    return _CUE_HINT.search(text, start, end) is not None


_HINT_WORDS = frozenset(k[0] for k in load_verbs())
_CUE_HINT = re.compile(r"\b" + _trie_pattern(_HINT_WORDS) + r"\b", re.I)
#: The same test with explicit ASCII case classes: as exact as re.I on text without the
#: characters wordkeys.needs_fold finds, and about twice as fast (a lookbehind equals \b before a word character).
_CUE_HINT_ASCII = _ascii_hint(_HINT_WORDS)
_CLAUSE_BREAK = frozenset("despite while although though but before after because whereas".split())
_NOT_CLAUSE = frozenset(
    "in on at for of by with about from to into during after before as through via than "
    "so and or but over long".split())


def _adjunct(toks: Tokens, cue: Cue) -> bool:
    """True for an -ing cue opening a participle adjunct (', asserting', 'and saying')."""
    j = cue.first - 1
    return cue.form.casefold().endswith("ing") and j >= 0 \
        and (toks.words[j] == "," or toks.lower[j] in ("and", "while", "before", "after"))


def _reduced_relative(toks: Tokens, cue: Cue) -> bool:
    """True for an -ing cue straight after a noun ('tweets accusing X'): it modifies the noun."""
    j = cue.first - 1
    if j < 0 or not cue.form.casefold().endswith("ing") or not toks.is_word(j):
        return False
    low = toks.lower[j]
    return toks.words[j].islower() and low not in STOP and low not in SKIP \
        and low not in _ING_VERBS


#: Verbs that take an -ing complement ("kept saying", "began asking"): no noun before it.
_ING_VERBS = frozenset("keep keeps kept begin begins began begun start starts started stop stops "
                       "stopped continue continues continued avoid avoids avoided".split())


def _ends_paragraph(text: str, piece: _Piece, pe: int) -> bool:
    """True when a paragraph ends with the quote or with the quote's own short attribution."""
    tail = text[piece.end:pe]
    if not any(ch.isalnum() for ch in tail):
        return True
    sp = piece.speaker
    return sp is not None and piece.end <= sp[0] and len(_WORD.findall(tail)) <= 8


_WORD = re.compile(r"\w+")


def _after_quote(text: str, spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """True when only spaces and punctuation separate ``pos`` from the end of a quote span."""
    for _, close in spans:
        if close <= pos and not text[close:pos].strip(" \t,;:-\u2013\u2014"):
            return True
    return False


def _default_paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) spans (a trailing carriage return excluded)."""
    spans = []
    for m in _PARA.finditer(text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def extract_statements(text: str, paragraphs: Sequence[Any] | None = None,
                       article_id: str = "", codebook: Codebook | None = None,
                       skip: Collection[int] = ()) -> list[Statement]:
    """Every quotation and reported statement in text, attributed and resolved, in text order."""
    if not isinstance(text, str) or not text:
        return []
    if paragraphs is None:
        spans = _default_paragraphs(text)
    else:  # (start, end) pairs, or Paragraph-like objects with .start/.end
        spans = [(p.start, p.end) if hasattr(p, "start") else (p[0], p[1]) for p in paragraphs]
    return _Engine(text, spans, skip, codebook, article_id).run()


def article_statements(article: Article, codebook: Codebook | None = None) -> list[Statement]:
    """Statements of an Article, skipping paragraphs that are not analysed (captions...)."""
    paras = list(article.paragraphs)
    if not paras:
        return extract_statements(article.text, None, article.id, codebook)
    spans = [(p.start, p.end) for p in paras]
    skip = {i for i, p in enumerate(paras) if not p.analysed}
    found = extract_statements(article.text, spans, article.id, codebook, skip)
    # report each paragraph's own index (Paragraph.index) rather than its position
    return [s if paras[s.paragraph].index == s.paragraph
            else replace(s, paragraph=paras[s.paragraph].index) for s in found]


def quote_records(article: Article, codebook: Codebook | None = None) -> list[dict[str, Any]]:
    """JSON-ready dicts (keys RECORD_KEYS, in order) of an article's statements."""
    return [{k: getattr(s, k) for k in RECORD_KEYS} for s in article_statements(article, codebook)]


def quotes_frame(articles: Iterable[Article], codebook: Codebook | None = None):
    """A pandas DataFrame with one row per statement piece (columns RECORD_KEYS)."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for article in articles:
        rows.extend(quote_records(article, codebook))
    return pd.DataFrame(rows, columns=list(RECORD_KEYS))
