"""Reading a report's Swedish text for RK7: sentences, counts, phrases, time and scope.

Everything here is conservative by design. A reading that is not certain gives
nothing: a count with an adjective ("tre nya klagomål"), a sentence about
another year, a part of the year or another unit, an "en" that may be the
article. The word lists live in ``rules/data/text_signals.yaml`` and are
validated when loaded (``TextSignals``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple

from checker.plugin import (
    Activity,
    DataModel,
    DocPath,
    Field,
    Frozen,
    Record,
    ReportContext,
    ascii_lowered,
    field_validator,
    lazy_re,
    nfc,
    parse_date,
    register_schema,
)


class Placeholder(DataModel):
    name: str = Field(alias="namn")
    pattern: str = Field(alias="mönster")
    # A text that every match contains (any case): the pattern is tried only where it occurs.
    hint: str = Field(default="", alias="ledtråd")

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"ogiltigt reguljärt uttryck: {exc}") from None
        return value


class TextSignals(DataModel):
    """The word lists of ``text_signals.yaml``."""

    number_words: dict[str, int] = Field(alias="talord")
    one_words: list[str] = Field(alias="ett_ord")
    only_one: list[str] = Field(alias="bara_ett")
    approx_numbers: dict[str, int] = Field(alias="ungefärliga_tal")
    approx: list[str] = Field(alias="ungefär")
    at_least: list[str] = Field(alias="minst")
    at_most: list[str] = Field(alias="högst")
    none_words: list[str] = Field(alias="inga")
    subset: list[str] = Field(alias="delmängd")
    rate: list[str] = Field(alias="takt")
    counted: dict[str, list[str]] = Field(alias="räknade_ord")
    endings: list[str] = Field(alias="böjningsändelser")
    lex_sarah: list[str] = Field(alias="lex_sarah")
    lex_maria: list[str] = Field(alias="lex_maria")
    lex_after: list[str] = Field(alias="lex_efterled")
    other_time: list[str] = Field(alias="annan_tid")
    other_unit: list[str] = Field(alias="annan_enhet")
    months: list[str] = Field(alias="månader")
    seasons: list[str] = Field(alias="årstider")
    this_year: list[str] = Field(alias="detta_år")
    not_started: list[str] = Field(alias="ej_påbörjat")
    partial: list[str] = Field(alias="del_av")
    rule_words: list[str] = Field(alias="regel")
    forecast: list[str] = Field(alias="prognosfraser")
    weak_forecast: list[str] = Field(alias="svaga_prognosfraser")
    not_forecast: list[str] = Field(alias="ej_prognos")
    placeholders: list[Placeholder] = Field(alias="platshållare")
    economy_kf: list[str] = Field(alias="ekonomimål_kf")
    economy_claims: list[str] = Field(alias="ekonomiska_påståenden")
    not_claim: list[str] = Field(alias="ej_påstående")
    money_units: list[str] = Field(alias="beloppsenheter")
    cost_items: list[str] = Field(alias="kostnadsposter")
    result_words: list[str] = Field(alias="resultatord")
    every: list[str] = Field(alias="alla")
    feedback_words: list[str] = Field(alias="återkoppling_ord")
    measure_words: list[str] = Field(alias="åtgärd_ord")
    not_every: list[str] = Field(alias="ej_alla")
    continues: list[str] = Field(alias="fortsätter")
    next_year: list[str] = Field(alias="nästa_år")
    done: list[str] = Field(alias="genomförd")
    begin_stems: list[str] = Field(alias="påbörja_stammar")
    negations: list[str] = Field(alias="nekande")
    not_negations: list[str] = Field(alias="ej_nekande")
    done_by_other: list[str] = Field(alias="annan_utför")
    remaining: list[str] = Field(alias="återstående")
    open_end: list[str] = Field(alias="ofullständigt_slut")
    yearly_measure: list[str] = Field(alias="årlig_mätning")
    administration: list[str] = Field(alias="förvaltningens_aktör")

    @cached_property
    def compiled_placeholders(self) -> list[tuple[str, str, re.Pattern[str]]]:
        return [(p.name, p.hint.lower(), re.compile(p.pattern)) for p in self.placeholders]

    @cached_property
    def placeholder_hints(self) -> tuple[str, ...] | None:
        """Every placeholder's hint: a text that holds none holds no placeholder.
        None when a placeholder has no hint: then every text is read."""
        hints = [hint for _, hint, _ in self.compiled_placeholders]
        if not all(hints):
            return None
        return tuple(sorted(set(hints)))

    @cached_property
    def not_started_res(self) -> list[re.Pattern[str]]:
        return [p for _, p in self.not_started_keyed]

    @cached_property
    def not_started_keyed(self) -> list[tuple[str, re.Pattern[str]]]:
        """Each not-started phrase's pattern with its longest word, which a match contains."""
        return _keyed(self.not_started)

    @cached_property
    def not_begun_re(self) -> re.Pattern[str]:
        """A negation up to three words before any form of "begin" ("har ännu inte
        påbörjat", "är inte påbörjad", "ej kommit igång"): every inflection, as the
        stems end where the endings start."""
        negs = "|".join(re.escape(nfc(w).lower()) for w in self.negations)
        stems = "|".join(
            re.escape(nfc(s).lower()).replace(r"\ ", r"\s+")
            for s in sorted(self.begin_stems, key=len, reverse=True)
        )
        return re.compile(
            rf"(?<![\w-])(?:{negs})(?:\s+\S+){{0,3}}?\s+(?:{stems})\w*"
            # "startades aldrig", "påbörjades inte"
            rf"|(?<![\w-])(?:{stems})\w*(?:\s+\S+)?\s+(?:{negs})(?![\w])"
        )

    @cached_property
    def administration_re(self) -> re.Pattern[str]:
        return _starts_re(self.administration)

    @cached_property
    def yearly_measure_re(self) -> re.Pattern[str]:
        return _starts_re(self.yearly_measure)

    @cached_property
    def cost_item_re(self) -> re.Pattern[str]:
        return _starts_re(self.cost_items)

    @cached_property
    def result_word_re(self) -> re.Pattern[str]:
        return _starts_re(self.result_words)

    # Each phrase's pattern with its longest word (``_keyed``): a pattern that starts with
    # a test of the character before is tried at every character of a sentence, so it is
    # searched only where its word stands.

    @cached_property
    def done_by_other_keyed(self) -> list[tuple[str, re.Pattern[str]]]:
        return _keyed(self.done_by_other)

    @cached_property
    def forecast_keyed(self) -> list[tuple[str, re.Pattern[str]]]:
        return _keyed(self.forecast)

    @cached_property
    def weak_forecast_re(self) -> re.Pattern[str]:
        words = sorted(self.weak_forecast, key=len, reverse=True)
        return re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(nfc(w).lower()) for w in words) + r")(?![\w])"
        )

    @cached_property
    def forecast_words(self) -> tuple[str, ...]:
        """The longest word of each forecast phrase: a match of the phrase contains it."""
        return _longest_words(self.forecast)

    @cached_property
    def claim_keyed(self) -> list[tuple[str, re.Pattern[str]]]:
        return _keyed(self.economy_claims)

    @cached_property
    def money_re(self) -> re.Pattern[str]:
        units = "|".join(re.escape(nfc(u).lower()) for u in sorted(self.money_units, key=len)[::-1])
        return re.compile(rf"[0-9](?:[0-9 \u00a0\u202f.,]{{0,12}}[0-9])?\s?(?:{units})\b")

    # Quick tests of a whole text before the careful reading: substrings that any
    # match must contain (a 3 MB text is scanned once per substring, at C speed).

    @cached_property
    def count_hints(self) -> tuple[str, ...]:
        # "incident" stands in "incidentrapport": each hint is a scan of every text read.
        return _needed_words(
            tuple(nfc(x).lower() for stems in self.counted.values() for x in stems), "lex"
        )

    # Each phrase's longest word, not its last: "på", "med", "år", "ram" and "arbetet"
    # end phrases and stand in most sentences, so the test let nearly every sentence
    # through (RK703: two sentences of three; cProfile of a check over 400 reports).

    @cached_property
    def forecast_hints(self) -> tuple[str, ...]:
        # RK703 finds nothing without a phrase, "hittills" or "kommer".
        return _needed_words(self.forecast_words, "hittills", "kommer", "beräkna", "prognos")

    @cached_property
    def claim_hints(self) -> tuple[str, ...]:
        return _needed_words(_longest_words(self.economy_claims))

    @cached_property
    def every_hints(self) -> tuple[str, ...]:
        return tuple(nfc(w).lower() for w in self.every)

    @cached_property
    def not_started_hints(self) -> tuple[str, ...]:
        # A negation ("inte", "ej" …) stands in every sentence the inflection pattern finds.
        return _needed_words(_longest_words(self.not_started), *self.negations)

    @cached_property
    def number_starts(self) -> frozenset[str]:
        """The words a stated number can begin with (digits aside)."""
        return frozenset(
            [*self.number_words, *self.one_words, *self.approx_numbers]
            + [p[0] for p in self.none_parts]
        )

    @cached_property
    def none_parts(self) -> list[list[str]]:
        return [nfc(p).lower().split() for p in self.none_words if p.split()]

    @cached_property
    def lex_names(self) -> dict[str, str]:
        names = {nfc(n).lower(): "lex_sarah" for n in self.lex_sarah}
        names.update({nfc(n).lower(): "lex_maria" for n in self.lex_maria})
        return names

    @cached_property
    def _normed_lists(self) -> dict[str, frozenset[str]]:
        names: tuple[str, ...] = ("one_words", "only_one", "lex_after", "subset", "rate")
        names += ("approx", "at_least", "at_most")
        return {n: frozenset(nfc(w).lower() for w in getattr(self, n)) for n in names}

    def normed(self, name: str) -> frozenset[str]:
        """A word list of this model, in lower case NFC, as a set."""
        return self._normed_lists[name]

    @cached_property
    def _counted_stems(self) -> tuple[list[tuple[str, str]], frozenset[str]]:
        """Each counted stem in lower case NFC with its kind, in order; the endings."""
        stems = [
            (k, nfc(stem).lower()) for k, kind_stems in self.counted.items() for stem in kind_stems
        ]
        return stems, frozenset(self.endings)

    def kind_of(self, word: str) -> str | None:
        """The counted kind of a word ("avvikelserna" → "avvikelse"), or None."""
        stems, endings = self._counted_stems
        for kind, s in stems:
            if word.startswith(s) and word[len(s) :] in endings:
                return kind
        return None


def _starts_re(stems: list[str]) -> re.Pattern[str]:
    """Words that start with one of ``stems`` ("övertid" → "övertiden", "övertidstimmar")."""
    alternatives = "|".join(re.escape(nfc(s).lower()).replace(r"\ ", r"\s+") for s in stems)
    return re.compile(rf"(?<![\w-])(?:{alternatives})")


def _longest_words(phrases: list[str]) -> tuple[str, ...]:
    """Each phrase's longest word ("…" aside; of two, the later: "enheten ska påbörja"
    gives "påbörja"): a match of the phrase contains it."""
    return tuple(
        max(
            (w for w in reversed(nfc(p).lower().split()) if w not in ("…", "...")),
            key=len,
            default="",
        )
        for p in phrases
    )


def _keyed(phrases: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    """Each phrase's pattern (``phrase_pattern``) with its longest word, which every match
    contains: searched only where that word stands. Compiled where first searched: a
    sentence seldom holds a phrase's word, and compiling the ≈ 40 not-started phrases
    cost every run ≈ 3 ms."""
    patterns = [lazy_re(phrase_pattern(p)) for p in phrases]
    return list(zip(_longest_words(phrases), patterns, strict=True))


def _needed_words(words: tuple[str, ...], *more: str) -> tuple[str, ...]:
    """The words, less those that hold another ("prognosen" holds "prognos"): a text
    holds one of these if and only if it holds one of ``words``."""
    every = {*words, *more}
    return tuple(sorted(w for w in every if not any(o != w and o in w for o in every)))


def hinted(low: str, hints: tuple[str, ...]) -> bool:
    """True when ``low`` contains one of ``hints``: worth reading sentence by sentence."""
    return _holds_one(low, hints)


def _holds_one(low: str, needles: Iterable[str]) -> bool:
    """True when ``low`` contains one of ``needles``. A plain loop: ``any`` of a generator
    cost a third more, and these tests run for every sentence of every text rule."""
    for needle in needles:  # noqa: SIM110 - the loop is the point
        if needle in low:
            return True
    return False


def signals(ctx: ReportContext) -> TextSignals:
    data: TextSignals = ctx.refdata.get("text_signals.yaml")
    return data


register_schema("text_signals.yaml", TextSignals)


# -- text as written -------------------------------------------------------------

# Keys whose text is the unit's own account of the period: analyses, summaries,
# notes. Beskrivning and förväntat resultat are the committee's plan text and
# are not read as claims about the year.
NARRATIVE = frozenset(
    {
        "sammanfattande_analys",
        "inledning",
        "analys",
        "avvikelse",
        "sammanfattning",
        "övrigt",
        "investeringar",
        "lokaländamål",
        "kvalitetsarbete",
    }
)
_CONTAINERS = frozenset({"text", "avsnitt"})


def strings(data: Any, path: DocPath = ()) -> Iterator[tuple[DocPath, str]]:
    """Every text value in the document as written, with its path (``{okänd: …}`` left out),
    in document order."""
    return iter(_walk(data, path))


def _walk(
    data: Any, path: DocPath = (), owners: list[str | None] | None = None
) -> list[tuple[DocPath, str]]:
    """The texts of ``strings`` as a list; each text's ``owner_key`` appended to ``owners``.

    Walked with an explicit stack of the open mappings' and lists' iterators (a report may
    hold 50 000 values, nested as deep as the reader allows), into a list and not through
    a generator: every report's texts are walked, and a generator's resumption per text
    and ``owner_key``'s walk back along each path were a tenth of the text rules' time.
    """
    found: list[tuple[DocPath, str]] = []
    if isinstance(data, str):
        found.append((path, data))
        if owners is not None:
            owners.append(owner_key(path))
        return found
    if not isinstance(data, (dict, list)) or _unknown(data):
        return found
    stack = [(path, owner_key(path), _items(data))]
    while stack:
        here, owner, items = stack[-1]
        for key, value in items:
            if isinstance(value, str):
                found.append(((*here, key), value))
                if owners is not None:
                    owners.append(key if isinstance(key, str) and key not in _CONTAINERS else owner)
            elif isinstance(value, (dict, list)) and not _unknown(value):
                below = key if isinstance(key, str) and key not in _CONTAINERS else owner
                stack.append(((*here, key), below, _items(value)))
                break
        else:
            stack.pop()
    return found


def _unknown(value: dict[Any, Any] | list[Any]) -> bool:
    return isinstance(value, dict) and len(value) == 1 and "okänd" in value


def _items(value: dict[Any, Any] | list[Any]) -> Iterator[tuple[Any, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def owner_key(path: DocPath) -> str | None:
    """The field a text belongs to: the last key that is not text/avsnitt or an index."""
    for part in reversed(path):
        if isinstance(part, str) and part not in _CONTAINERS:
            return part
    return None


def all_strings(ctx: ReportContext) -> list[tuple[DocPath, str]]:
    """Every text value of the report with its path, computed once per report."""
    return _owned_strings(ctx)[0]


def _owned_strings(ctx: ReportContext) -> tuple[list[tuple[DocPath, str]], list[str | None]]:
    """``all_strings`` and, for each of its texts, its ``owner_key``: one walk per report."""

    def compute() -> tuple[list[tuple[DocPath, str]], list[str | None]]:
        owners: list[str | None] = []
        return _walk(ctx.data, (), owners), owners

    return ctx.memo("rk7_strings", compute)  # type: ignore[no-any-return]


def texts_holding(texts: list[str], words: tuple[str, ...]) -> list[int]:
    """The indices, in order, of the texts whose NFC lower case holds one of ``words``.

    Words in ASCII are first looked for in all texts at once, joined by NUL, in the
    bytes of ``ascii_lowered``; only the texts they are found in are read one by one. A
    report has hundreds of values and few hold the words, and the NFC, lower-casing
    and search of alternatives of Swedish text each cost ns a character.
    """
    if not all(w.isascii() and _SEP not in w for w in words):
        return _holding(texts, range(len(texts)), words)
    low = ascii_lowered(_SEP.join(texts))
    if low is None or low.count(b"\x00") != len(texts) - 1:  # NUL in a text: one by one
        return _holding(texts, range(len(texts)), words)
    where: list[int] = []
    for word in words:
        needle = word.encode()
        pos = low.find(needle)
        while pos >= 0:
            where.append(pos)
            end = low.find(b"\x00", pos)  # on to the next text
            pos = -1 if end < 0 else low.find(needle, end + 1)
    found: list[int] = []
    index = last = 0
    for pos in sorted(where):
        index += low.count(b"\x00", last, pos)
        last = pos
        if not found or found[-1] != index:
            found.append(index)
    return _holding(texts, found, words)


def _holding(texts: list[str], chosen: Iterable[int], words: tuple[str, ...]) -> list[int]:
    return [i for i in chosen if _holds_one(nfc(texts[i]).lower(), words)]


_SEP = "\x00"


def narrative(ctx: ReportContext) -> list[tuple[DocPath, str]]:
    """The unit's own texts (analyses, summaries, notes), computed once per report."""

    def compute() -> list[tuple[DocPath, str]]:
        texts, owners = _owned_strings(ctx)
        return [
            (p, t)
            for (p, t), owner in zip(texts, owners, strict=True)
            if owner in NARRATIVE and p[0] != "rapport" and t.strip()
        ]

    return ctx.memo("rk7_narrative", compute)  # type: ignore[no-any-return]


def text_of(value: Any) -> str:
    """All text under a value (a section written as text or as {text, avsnitt})."""
    if isinstance(value, str):  # most analyses: no walk
        return value
    return "\n\n".join([t for _, t in _walk(value)])


# -- sentences -----------------------------------------------------------------

_ABBREV = re.compile(
    r"(?:\b(?:ca|t\.ex|bl\.a|m\.m|st|kap|nr|resp|dvs|s\.k|fr\.o\.m|t\.o\.m|jfr|inkl|exkl|ev)\.)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"»(]?[A-ZÅÄÖ0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n\s*(?=[-•*–]\s)")


# A text is read to its first 1 000 sentences: a report's section has well under a
# hundred, and a longer text (a pasted document, a hostile file) must not make the
# check slow. The rest of such a text is not read.
MAX_SENTENCES = 1000


class Sentence(NamedTuple):  # a tuple: made for every sentence of every text read
    text: str  # as written, line breaks joined
    low: str  # lower case, NFC, single spaces


@lru_cache(maxsize=64)
def lowered(text: str) -> str:
    """The text in NFC and lower case, for a quick test of the whole text."""
    return _lower(nfc(text))


def _lower(text: str) -> str:
    """``text.lower()``, four times faster for text in Latin-1 (most Swedish text):
    ``str.lower`` looks up each character's case, a table lowers the bytes."""
    try:
        return text.encode("latin-1").translate(_LATIN1_LOWER).decode("latin-1")
    except UnicodeEncodeError:  # a character past Latin-1 ("–", "”")
        return text.lower()


# Latin-1's capitals A-Z, À-Ö and Ø-Þ to their lower case, each one byte (tested whole).
_LATIN1_LOWER = bytes(
    c + 32 if 0x41 <= c <= 0x5A or (0xC0 <= c <= 0xDE and c != 0xD7) else c for c in range(256)
)


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of a text: paragraphs and list items apart, line breaks joined.

    Cached: four rules read the same texts, and paragraph by paragraph: RK708 reads
    the paragraphs of a text (``paragraphs``) as texts of their own, and a paragraph's
    sentences are the same read alone.
    """
    out: list[Sentence] = []
    for para in _PARAGRAPH.split(nfc(text)):
        out.extend(_paragraph_sentences(para))
        if len(out) >= MAX_SENTENCES:
            return tuple(out[:MAX_SENTENCES])
    return tuple(out)


@lru_cache(maxsize=256)
def _paragraph_sentences(para: str) -> tuple[Sentence, ...]:
    """The sentences of one paragraph (no blank line or list item in it), at most
    ``MAX_SENTENCES``."""
    out: list[Sentence] = []
    for piece in _headed(para):
        joined = " ".join(piece.split())
        if not joined:
            continue
        pieces = _SENTENCE_END.split(joined)
        merged: list[str] = []
        for part in pieces:
            if merged and _ABBREV.search(merged[-1][-12:]):
                merged[-1] += " " + part
            else:
                merged.append(part)
        out.extend([Sentence(s, _lower(s)) for s in merged])
        if len(out) >= MAX_SENTENCES:
            return tuple(out[:MAX_SENTENCES])
    return tuple(out)


def _headed(para: str) -> Iterator[str]:
    """A paragraph, a short heading line ("Beställarenheten äldre") standing alone.

    Other single line breaks are kept inside the paragraph: "fem\nklagomål" is
    one phrase.
    """
    if "\n" not in para:
        yield para
        return
    lines = para.split("\n")
    current: list[str] = []
    for i, line in enumerate(lines):
        current.append(line)
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if (
            nxt[:1].isupper()
            and 0 < len(line.split(None, _HEADING_WORDS)) <= _HEADING_WORDS
            and not line.rstrip().endswith((".", ",", ";", ":", "!", "?"))
        ):
            yield "\n".join(current)
            current = []
    if current:
        yield "\n".join(current)


_HEADING_WORDS = 4


# -- the report's sentences, tagged once -------------------------------------------

# The words "alla N <noun>" starts with (RK708): a sentence without one holds no such count.
WHOLE_WORDS = ("alla", "samtliga")


class SentenceIndex:
    """The sentences of every text the text rules read, split once per report, each
    sentence tested at most once per phrase family, whichever rules ask.

    A family is a tuple of hints: substrings that any of its phrases contains. A
    sentence has a family when the whole text holds one of its hints and the sentence
    holds one (the test each rule made of a text and then of its sentences). Keyed by
    the text, so a text outside the narrative (an activity's analysis, a paragraph) is
    read the same way.

    A family is tagged when a rule first asks for it, not all at once: most texts are
    read for a few families only (RK703 and RK709 read annual reports, RK706 and RK707
    only when their evidence is there, RK708 paragraphs), and tagging every family of
    every text made the RK7 rules up to a fifth slower on the generated corpora than a
    test per rule. One pattern of all hints, searched once per sentence (or once per text
    with each match mapped to its sentence), was slower than these substring tests.
    """

    def __init__(self, families: dict[str, tuple[str, ...]]) -> None:
        self.families = families
        self._spaced = {name: _spaced(hints) for name, hints in families.items()}
        self._tagged: dict[tuple[str, str], tuple[Sentence, ...]] = {}
        # Each text in lower case, kept for the report: ``lowered``'s small cache is shared
        # with every other text the rules read.
        self._lowered: dict[str, str] = {}

    def having(self, text: str, family: str) -> tuple[Sentence, ...]:
        """The sentences of ``text`` that may hold a phrase of ``family``, in order."""
        key = (text, family)
        found = self._tagged.get(key)
        if found is None:
            hints = self.families.get(family)
            if hints is None:
                found = ()
            else:
                low_text = self._lowered.get(text)
                if low_text is None:
                    low_text = self._lowered[text] = lowered(text)
                found = tag_sentences(text, hints, low_text, self._spaced[family])
            self._tagged[key] = found
        return found


def tag_sentences(
    text: str, hints: tuple[str, ...], low_text: str, spaced: frozenset[str]
) -> tuple[Sentence, ...]:
    """The sentences of ``text`` that hold one of ``hints``, when the whole text (in lower
    case, ``low_text``) holds one; ``spaced`` are the hints that hold a space."""
    held = False
    # A sentence is tested for the hints the text holds: one within a word stands in a
    # sentence only where it stands in the text. One with a space may stand in a sentence
    # only (its line break joined): that one is always tested.
    tests: list[str] = []
    for hint in hints:
        if hint in low_text:
            held = True
            tests.append(hint)
        elif hint in spaced:
            tests.append(hint)
    if not held:
        return ()
    out = []
    for sentence in sentences(text):
        low = sentence.low
        for hint in tests:
            if hint in low:
                out.append(sentence)
                break
    return tuple(out)


@cache
def _spaced(hints: tuple[str, ...]) -> frozenset[str]:
    """The hints that hold a space (or are empty): not within one word."""
    return frozenset(h for h in hints if h.split() != [h])


def sentence_families(ctx: ReportContext, sig: TextSignals) -> dict[str, tuple[str, ...]]:
    """The phrase families of the text rules, with their hints, for this report."""
    families = {
        "count": sig.count_hints,  # RK701
        "not_started": sig.not_started_hints,  # RK702
        "forecast": sig.forecast_hints,  # RK703
        "claim": sig.claim_hints,  # RK706
        "every": sig.every_hints,  # RK707
        "whole": WHOLE_WORDS,  # RK708
    }
    if ctx.type == "VB" and ctx.year is not None:
        families["year"] = (str(ctx.year),)  # RK709: a figure dated in the report year
    return families


def sentence_index(ctx: ReportContext) -> SentenceIndex:
    """The report's sentence index, one per report for all text rules."""
    return ctx.memo(  # type: ignore[no-any-return]
        "rk7_sentence_index", lambda: SentenceIndex(sentence_families(ctx, signals(ctx)))
    )


# -- phrases -------------------------------------------------------------------


def phrase_re(phrase: str) -> re.Pattern[str]:
    """A phrase as a pattern: whole words, any spacing, "…" for up to four words."""
    return re.compile(phrase_pattern(phrase))


def phrase_pattern(phrase: str) -> str:
    """The regular expression of ``phrase_re``, not compiled."""
    parts = [p for p in nfc(phrase).lower().split() if p]
    pattern = ""
    for part in parts:
        if part in ("…", "..."):
            pattern += r"(?:\s+\S+){0,4}?"
            continue
        pattern += (r"\s+" if pattern else "") + re.escape(part)
    return rf"(?<![\w-]){pattern}(?![\w])"


# "kommer" first, its start tested after it: searched for the word at C speed.
_FUTURE = re.compile(
    r"kommer(?<![\w-]kommer)\s+(?:att\s+)?(?!(?:från|in|till|hem|ut|tillbaka|fram|med|överens|åt|"
    r"bort|ifrån|av|på|ihåg)(?![\w]))\w+"
)


def future(low: str) -> str | None:
    """ "kommer att …", "kommer vidtas": the future tense, not "kommer från"."""
    m = _FUTURE.search(low)
    return m.group(0) if m else None


@cache
def word_re(word: str) -> re.Pattern[str]:
    """A word or phrase as a pattern of whole words."""
    return re.compile(rf"(?<![\w-]){re.escape(nfc(word).lower())}(?![\w])")


@cache
def any_word_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern that matches where any of ``words`` (whole words) stands."""
    alternatives = "|".join(re.escape(nfc(w).lower()) for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])")


def may_hold(low: str, words: list[str] | tuple[str, ...]) -> bool:
    """False when none of ``words`` (as ``any_word_re`` reads them) stands in ``low``:
    substring tests at C speed, before a search of alternatives, which tries every
    character."""
    return _holds_one(low, _needles(tuple(words)))


@cache
def _needles(words: tuple[str, ...]) -> tuple[str, ...]:
    """The texts of ``words`` as ``any_word_re`` reads them, less those that hold another."""
    return _needed_words(tuple(nfc(w).lower() for w in words))


def has_word(low: str, words: list[str]) -> str | None:
    """The first of ``words`` (a word or phrase) standing as whole words in ``low``."""
    # One search that usually finds nothing, before one per word: has_word was a
    # fifth of a whole check (cProfile of the bench corpus, see README Performance).
    # Before it, substring tests at C speed: a match holds one of the needles.
    if not words or not may_hold(low, words) or any_word_re(tuple(words)).search(low) is None:
        return None
    for w in words:
        if word_re(w).search(low):
            return w
    return None


# The digits first, and then that no digit stands before them (of the five characters up
# to here, not all digits): searched at C speed, not tried at every character.
_YEAR = re.compile(r"((?:19|20)[0-9][0-9])(?<![0-9]{5})(?![0-9])")


def years_in(low: str) -> set[int]:
    return {int(y) for y in _YEAR.findall(low)}


def other_year(low: str, year: int | None) -> bool:
    """The sentence names a year other than the report's."""
    return year is not None and any(y != year for y in years_in(low))


def later_year(low: str, year: int | None) -> bool:
    return year is not None and any(y > year for y in years_in(low))


_COMPOUND_UNIT = re.compile(r"(?<![\w-])(\w+enheten|enheten\s+för\s+\w+)")


def other_unit(low: str, unit: str | None, sig: TextSignals) -> bool:
    """The sentence is about someone else: the administration, another named unit."""
    if has_word(low, sig.other_unit):
        return True
    if "enheten" not in low:  # both of the pattern's forms hold it: no search
        return False
    own = nfc(unit or "").lower()
    for m in _COMPOUND_UNIT.finditer(low):
        name = m.group(1)
        if name.startswith("enheten för"):
            if not own.startswith(name):
                return True
        elif name not in own:
            return True
    return False


# -- counts --------------------------------------------------------------------

_TOKEN = re.compile(r"[0-9]+|\w+|[()+,;:/%\-]")


class Count(Record):
    """A stated count: "4 klagomål", "ett tjugotal Lex Sarah-utredningar", "inga avvikelser"."""

    _fields = ("low", "high", "kinds", "phrase", "exact", "start", "end")

    def __init__(
        self,
        low: float,
        high: float,
        kinds: set[str],
        phrase: str,
        exact: bool = True,
        start: int = 0,
        end: int = 0,
    ) -> None:
        self.low = low
        self.high = high
        self.kinds = kinds
        self.phrase = phrase
        self.exact = exact
        self.start = start  # token index of the number
        self.end = end  # token index after the noun phrase

    @property
    def value(self) -> float:
        return self.low


class Tokens:
    """A sentence's words; where each stands is worked out when first asked (a count
    was found: most sentences read hold none)."""

    __slots__ = ("_low", "_spans", "words")

    def __init__(self, low: str) -> None:
        self._low = low
        self.words: list[str] = _TOKEN.findall(low)
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN.finditer(self._low)]
        return self._spans


def tokens(low: str) -> Tokens:
    return Tokens(low)


def _number(
    tok: Tokens, i: int, sig: TextSignals, in_list: bool = False
) -> tuple[float, float, bool, int] | None:
    """(low, high, exact, tokens used) for a number at token i, or None."""
    w = tok.words[i]
    prev = tok.words[i - 1] if i > 0 else ""
    if _is_digits(w):
        if len(w) > 3 or _is_digits(prev) or _is_decimal(tok, i):
            return None
        v = float(w)
        return v, v, True, 1
    if w in sig.number_words:
        v = float(sig.number_words[w])
        return v, v, True, 1
    if w in sig.normed("one_words"):
        nxt = tok.words[i + 1] if i + 1 < len(tok.words) else ""
        if nxt.endswith("tal") and nxt in sig.approx_numbers:
            n = float(sig.approx_numbers[nxt])
            return n / 2, n * 2, False, 2
        if in_list or (prev and prev in sig.normed("only_one")):
            return 1.0, 1.0, True, 1
        return None
    if w in sig.approx_numbers:
        n = float(sig.approx_numbers[w])
        return n / 2, n * 2, False, 1
    for parts in sig.none_parts:
        if tok.words[i : i + len(parts)] == parts:
            return 0.0, 0.0, True, len(parts)
    return None


def _is_digits(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _is_decimal(tok: Tokens, i: int) -> bool:
    after = tok.words[i + 1 : i + 3]
    before = tok.words[max(0, i - 2) : i]
    return (len(after) == 2 and after[0] == "," and _is_digits(after[1])) or (
        len(before) == 2 and before[1] == "," and _is_digits(before[0])
    )


def _noun(tok: Tokens, j: int, sig: TextSignals) -> tuple[str, int] | None:
    """(kind, tokens used) for a counted noun at token j: "klagomål", "lex sarah-anmälan"."""
    if j >= len(tok.words):
        return None
    w = tok.words[j]
    kind = sig.kind_of(w)
    if kind is not None:
        return kind, 1
    if w == "lex" and j + 1 < len(tok.words):
        lex_kind = sig.lex_names.get(f"lex {tok.words[j + 1]}")
        if lex_kind is not None:
            used = 2
            k = j + 2
            if k < len(tok.words) and tok.words[k] == "-":
                k += 1
            if k < len(tok.words) and tok.words[k] in sig.normed("lex_after"):
                used = k + 1 - j
            return lex_kind, used
    return None


def counts(low: str, sig: TextSignals) -> list[Count]:
    """The counts a sentence states of the things the complaints table counts."""
    tok = tokens(low)
    out: list[Count] = []
    i = 0
    starts = sig.number_starts
    while i < len(tok.words):
        w = tok.words[i]
        if w not in starts and not _is_digits(w):
            i += 1
            continue
        num = _number(tok, i, sig)
        if num is None:
            i += 1
            continue
        lo, hi, exact, used = num
        j = i + used
        noun = _noun(tok, j, sig)
        if noun is None:
            i += 1
            continue
        kind, n_used = noun
        kinds = {kind}
        k = j + n_used
        # "fem synpunkter och klagomål": one count of both kinds.
        while k + 1 < len(tok.words) and tok.words[k] in ("och", "samt", "eller", "/", ","):
            more = _noun(tok, k + 1, sig)
            if more is None:
                break
            kinds.add(more[0])
            k = k + 1 + more[1]
        before = _preceding(tok, i)
        after = " ".join(tok.words[k : k + 2])
        if before & sig.normed("subset") or "av" in before:
            i = k
            continue
        if any(after.startswith(w) for w in sig.normed("rate")):
            i = k
            continue
        if before & sig.normed("approx"):
            lo, hi, exact = lo / 2, hi * 2, False
        elif before & sig.normed("at_least"):
            hi, exact = math.inf, False
        elif before & sig.normed("at_most"):
            lo, exact = 0.0, False
        phrase = low[tok.spans[i][0] : tok.spans[k - 1][1]]
        out.append(Count(lo, hi, kinds, phrase, exact, i, k))
        i = k
    return out


def _preceding(tok: Tokens, i: int) -> set[str]:
    """The word and the two words before token i: "varav", "fler än", "ca"."""
    out = set()
    if i >= 1:
        out.add(tok.words[i - 1])
    if i >= 2:
        out.add(f"{tok.words[i - 2]} {tok.words[i - 1]}")
    return out


class ListSum(Record):
    _fields = ("count", "items", "total")

    def __init__(self, count: Count, items: str, total: float) -> None:
        self.count = count
        self.items = items
        self.total = total


_LIST_SPLIT = lazy_re(r"\s*(?:,|;|\+|\boch\b|\bsamt\b)\s*")


def list_sums(low: str, sig: TextSignals, found: list[Count] | None = None) -> Iterator[ListSum]:
    """A count followed by a list in parentheses that adds up to something else.

    "fyra avvikelser som vi väntar på svar (2 sjukhus, 1 vårdcentral, 1 privat
    hemtjänst, 1 sos alarm)": 2+1+1+1+1 = 5, not 4. Only exact counts, only when
    every item of the list starts with a number, and only when no other number
    stands between the count and the parenthesis.
    """
    found = counts(low, sig) if found is None else found
    if not found:
        return
    tok = tokens(low)
    for c in found:
        if not c.exact or c.low == 0:
            continue
        end = tok.spans[c.end - 1][1] if c.end > 0 else 0
        rest = low[end:]
        m = re.match(r"([^()0-9.!?]{0,120}?)\(([^()]{0,300})\)", rest)
        if m is None:
            continue
        items = [p for p in _LIST_SPLIT.split(m.group(2).strip()) if p]
        if len(items) < 2:
            continue
        total = 0.0
        for item in items:
            v = _item_value(item, sig)
            if v is None:
                break
            total += v
        else:
            if total != c.low:
                yield ListSum(c, m.group(2).strip(), total)


def _item_value(item: str, sig: TextSignals) -> float | None:
    m = re.match(r"^([0-9]{1,3})(?![0-9])", item)
    if m:
        return float(m.group(1))
    first = item.split()[0] if item.split() else ""
    if first in sig.number_words:
        return float(sig.number_words[first])
    if first in sig.one_words and len(item.split()) > 1:
        return 1.0
    return None


# -- an activity past its end date ---------------------------------------------

# The last day each report type covers, as (month, day) of the report year.
_PERIOD_END = {"T1": (4, 30), "T2": (8, 31), "VB": (12, 31)}


def period_end(report_type: str | None, year: int | None) -> dt.date | None:
    """The last day a follow-up report covers: 30 April (T1), 31 August (T2), 31 December (VB)."""
    if year is None or report_type not in _PERIOD_END:
        return None
    month, day = _PERIOD_END[report_type]
    return dt.date(year, month, day)


class PastEnd(Frozen):
    """An activity whose end date has passed while its analysis says it goes on."""

    _fields = ("end", "quote", "not_started")
    end: dt.date
    quote: str
    not_started: bool

    def __init__(self, end: dt.date, quote: str, not_started: bool) -> None:
        # not_started: "har inte påbörjats" rather than "fortsätter under 2022"
        self._put(end, quote, not_started)


def continues_past_end(ctx: ReportContext, act: Activity) -> PastEnd | None:
    """The sentence of an ended activity's own analysis that says the work was not started
    or goes on after its end date; None when there is none or the evidence is not clear.

    Read once per activity and report: RK208 asks for every activity, RK702 again for
    those marked done.
    """
    read: dict[int, PastEnd | None] = ctx.memo("rk7_past_end", dict)
    key = id(act)  # the activity lives as long as the context's model
    if key not in read:
        read[key] = _continues_past_end(ctx, act)
    return read[key]


def _continues_past_end(ctx: ReportContext, act: Activity) -> PastEnd | None:
    """``continues_past_end``, not remembered.

    The unit's text only (analysis and deviation note): an activity the administration
    owns and the unit only lists has no analysis, and a sentence about the administration
    or another unit is not the unit's. A sentence about part of the work ("några",
    "delar av") or a rule for it ("ska påbörjas inom två veckor") does not count, nor
    does any continuation when the text says the activity is done ("är genomförd …
    arbetet fortsätter i ordinarie verksamhet").
    """
    last = period_end(ctx.type, ctx.year)
    end = parse_date(act.end)
    if last is None or end is None or end > last:
        return None
    texts = [t for t in (text_of(act.analysis), text_of(act.deviation)) if t.strip()]
    if not texts:
        return None
    sig = signals(ctx)
    said = [s for t in texts for s in sentences(t)]
    # The word first: most sentences lack it, and the negation is a search at every character.
    done = any(has_word(s.low, sig.done) and not _negated(s.low) for s in said)
    for s in said:
        low = s.low
        if other_unit(low, ctx.unit, sig) or has_word(low, sig.partial):
            continue
        if not has_word(low, sig.rule_words) and says_not_started(low, sig):
            return PastEnd(end, s.text, True)
        if done or not has_word(low, sig.continues):
            continue
        if any(y > end.year for y in years_in(low)) or has_word(low, sig.next_year):
            return PastEnd(end, s.text, False)
        # "kommer att … under våren" in an annual report: the spring after the year.
        ahead = future(low) or has_word(low, ["ska", "skall"])
        if (
            ctx.type == "VB"
            and ahead
            and not years_in(low)
            and end.year == ctx.year
            and _season_ahead_re(tuple(sig.seasons)).search(low)
        ):
            return PastEnd(end, s.text, False)
    return None


@cache
def _season_ahead_re(seasons: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(nfc(s).lower()) for s in seasons)
    return re.compile(rf"(?<![\w-])(?:under|till)\s+(?:{alternatives})(?![\w])")


_NEGATION = lazy_re(r"(?<![\w-])(?:inte|ej|icke)(?![\w])")


def _negated(low: str) -> bool:
    return _NEGATION.search(low) is not None


_QUOTE_MAX = 90


def quote(text: str) -> str:
    """A text to quote in a message: one line, at most ``_QUOTE_MAX`` characters, no final stop."""
    text = " ".join(text.split())
    if len(text) > _QUOTE_MAX:
        return text[: _QUOTE_MAX - 1].rstrip() + "…"
    return text[:-1] if text.endswith(".") else text


# -- counts that do not agree within the text ------------------------------------


@cache
def _number_alt(words: tuple[str, ...], one: bool) -> str:
    alternatives = sorted(words, key=len, reverse=True) + (["en", "ett"] if one else [])
    return r"(\d{1,3}|" + "|".join(re.escape(w) for w in alternatives) + ")"


def _value(word: str, sig: TextSignals) -> int | None:
    if word.isascii() and word.isdigit():
        return int(word)
    if word in ("en", "ett"):
        return 1
    return sig.number_words.get(word)


@cache
def _part_res(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    num = _number_alt(words, True)
    of_these = re.compile(rf"(?<![\w-]){num}\s+av\s+(?:dessa|dem|de|vilka)(?:\s+(\w+))?")
    the_others = re.compile(rf"(?<![\w-])(?:de|dem)\s+{num}\s+(?:andra|övriga)(?![\w])")
    one_kind = re.compile(
        rf"^{num}\s+(\w+)\s+(?:var|gällde|gäller|avsåg|avser|rörde|rör|handlade|handlar)(?![\w])"
    )
    return of_these, the_others, one_kind


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (blank lines and list items apart), the first
    ``MAX_SENTENCES`` of them, as ``sentences`` reads a text to its first ones."""
    out: list[str] = []
    for p in _PARAGRAPH.split(nfc(text)):
        if p.strip():
            out.append(p)
            if len(out) >= MAX_SENTENCES:
                break
    return out


def breakdown_excess(
    text: str, sig: TextSignals, index: SentenceIndex
) -> tuple[float, str, str] | None:
    """(sum, parts, stated count) when a breakdown exceeds the count it breaks down.

    "Under året har … 5 avvikelser inkommit. Tre av dessa avvikelser avser …, dem två
    andra gäller … En avvikelse var …": 3 + 2 + 1 = 6 against 5.
    """
    of_these, the_others, one_kind = _part_res(tuple(sig.number_words))
    for para in paragraphs(text):
        # A sentence without a counted word states no count: before the count, nothing to read.
        counted = set(index.having(para, "count"))
        total: Count | None = None
        parts: list[tuple[int, str]] = []
        anchored = False
        others = False  # "de två andra": the parts are meant to split the whole
        for s in sentences(para):
            low = s.low
            if total is None and s not in counted:
                continue
            if total is not None:
                kind = next(iter(total.kinds))
                for m in of_these.finditer(low):
                    named = m.group(2)
                    if named and sig.kind_of(named) not in (None, kind):
                        continue
                    value = _value(m.group(1), sig)
                    if value is not None:
                        parts.append((value, m.group(0)))
                        anchored = True
                for m in the_others.finditer(low):
                    value = _value(m.group(1), sig)
                    if value is not None and parts:
                        parts.append((value, m.group(0)))
                        others = True
                one = one_kind.match(low)
                if one and sig.kind_of(one.group(2)) == kind and parts:
                    value = _value(one.group(1), sig)
                    if value is not None:
                        parts.append((value, " ".join(one.group(0).split()[:2])))
                if others and anchored and sum(v for v, _ in parts) > total.low:
                    listed = " + ".join(p for _, p in parts)
                    return float(sum(v for v, _ in parts)), listed, total.phrase
            if parts or s not in counted:
                continue
            found = [c for c in counts(low, sig) if c.exact and c.low > 0 and len(c.kinds) == 1]
            if found:
                # The breakdown names its kind ("tre av dessa avvikelser"): prefer that count.
                total = found[-1]
                named = [m.group(2) for m in of_these.finditer(low) if m.group(2)]
                for c in found:
                    if any(sig.kind_of(n) in c.kinds for n in named):
                        total = c
                if total is not None and named:
                    # The breakdown may start in the sentence that states the count.
                    kind = next(iter(total.kinds))
                    for m in of_these.finditer(low):
                        if m.group(2) and sig.kind_of(m.group(2)) == kind:
                            value = _value(m.group(1), sig)
                            if value is not None:
                                parts.append((value, m.group(0)))
                                anchored = True
        # a paragraph's breakdown ends with it
    return None


class Whole(Frozen):
    """ "alla sex handläggare": a count said to be the whole group, with its time."""

    _fields = ("number", "noun", "phrase", "times", "paragraph", "phrase_sentence")
    number: int
    noun: str
    phrase: str
    times: frozenset[tuple[str, int]]
    paragraph: str
    phrase_sentence: str

    def __init__(
        self,
        number: int,
        noun: str,
        phrase: str,
        times: frozenset[tuple[str, int]],
        paragraph: str,
        phrase_sentence: str = "",
    ) -> None:
        self._put(number, noun, phrase, times, paragraph, phrase_sentence)


@cache
def _whole_re(words: tuple[str, ...]) -> re.Pattern[str]:
    every = "|".join(WHOLE_WORDS)
    return re.compile(rf"(?<![\w-])(?:{every})\s+{_number_alt(words, False)}\s+(\w+)")


@cache
def _time_re(parts: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives}|vt|ht)\s+((?:19|20)\d\d)(?![0-9])")


def _times(low: str, sig: TextSignals) -> frozenset[tuple[str, int]]:
    pattern = _time_re((*sig.seasons, *sig.months))
    return frozenset((m.group(1), int(m.group(2))) for m in pattern.finditer(low))


def whole_counts(text: str, sig: TextSignals, index: SentenceIndex) -> list[Whole]:
    out = []
    pattern = _whole_re(tuple(sig.number_words))
    for para in paragraphs(text):
        for s in index.having(para, "whole"):
            for m in pattern.finditer(s.low):
                value = _value(m.group(1), sig)
                times = _times(s.low, sig)
                if value is not None and len(times) <= 1 and not has_word(s.low, _CHANGE):
                    out.append(Whole(value, m.group(2), m.group(0), times, para, s.low))
    return out


# Words that say the group changed between two counts: "efter rekryteringen", "tidigare".
_CHANGE = ["tidigare", "efter", "sedan", "numera", "nu", "först", "nyanställda", "ytterligare"]


def _when_words(low: str, sig: TextSignals) -> frozenset[str]:
    """The months and seasons a sentence names: two counts are of one time only when the
    same ones stand beside them."""
    words = set(re.findall(r"\w+", low))
    return frozenset(w for w in (*sig.months, *sig.seasons) if w in words)


_QUALIFIERS = frozenset(
    {"varav", "därav", "ytterligare", "fler", "nya", "andra", "övriga", "alla", "samtliga"}
)


def other_count(text: str, whole: Whole, sig: TextSignals, *, same_text: bool) -> str | None:
    """Another exact count of the whole's word that differs from it, said of the same
    group: in the same paragraph (no other time named), or anywhere with the same time."""
    num = _number_alt(tuple(sig.number_words), False)
    pattern = re.compile(rf"(?<![\w-]){num}\s+{re.escape(whole.noun)}(?![\w])")
    when = _when_words(whole.phrase_sentence, sig)
    for para in paragraphs(text):
        same_para = same_text and para == whole.paragraph
        for s in sentences(para):
            times = _times(s.low, sig)
            if len(times) > 1 or _when_words(s.low, sig) != when or has_word(s.low, _CHANGE):
                continue  # another month or season, or a change between the two counts
            if same_para:
                if times and whole.times and not times & whole.times:
                    continue
                if (times and not whole.times) or (whole.times and not times and years_in(s.low)):
                    continue
            elif not (whole.times and times & whole.times):
                continue
            for m in pattern.finditer(s.low):
                value = _value(m.group(1), sig)
                before = s.low[: m.start()].split()[-2:]
                after = s.low[m.end() :].split()[:1]
                if value is None or value == whole.number:
                    continue
                if any(w in _QUALIFIERS or w in sig.normed("approx") for w in before):
                    continue
                if before and before[-1] in sig.normed("at_least") | sig.normed("at_most"):
                    continue
                if after and after[0] == "av":
                    continue
                return m.group(0)
    return None


_ALL_OF = lazy_re(r"^\s*(?:\S+\s+){0,2}?(?:alla|samtliga|allt|hela)(?![\w])")


def says_not_started(low: str, sig: TextSignals) -> bool:
    """The sentence says the work has not begun or only is to begin: a listed phrase
    ("enheten ska påbörja", "varit minimalt"), or a negation before any form of
    "begin" ("har ännu inte påbörjat", "är inte påbörjad", "inte hunnit starta").

    Not a negation that does not negate ("inte minst", "inte bara"), nor one of the
    whole ("kunde inte genomföra alla träffar": part of the work was done).
    """
    # A phrase is searched only where its longest word stands: a substring test per
    # phrase instead of a search (RK702 read every sentence with a negation this way).
    matches = [m for w, p in sig.not_started_keyed if w in low for m in p.finditer(low)]
    # The inflection pattern is tried at every character: only where a negation stands.
    if may_hold(low, sig.negations):
        matches.extend(sig.not_begun_re.finditer(low))
    for m in matches:
        if has_word(low[m.start() : m.end() + 20], sig.not_negations):
            continue
        if _ALL_OF.match(low[m.end() :]):
            continue
        return True
    return False


# The goal levels above the unit's own: an activity there is the committee's.
COMMITTEE_LEVELS = ("nämndmål", "verksamhetsområdesmål", "inriktningsmål")


def administrations_activity(ctx: ReportContext, level: str, text: object) -> bool:
    """An activity the administration owns: on the committee's level, with the
    administration, the committee or the city named as its actor in its first words."""
    if level not in COMMITTEE_LEVELS or not isinstance(text, str):
        return False
    head = " ".join(nfc(text).lower().split()[:5])
    return signals(ctx).administration_re.search(head) is not None
