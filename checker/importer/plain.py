"""The plain export: a PDF's text copied out in reading order, tables flattened.

What sets this kind apart (DOMAIN.md, "the plain export, as staff receive it"):
no form feeds, a running head at the top of some pages (sometimes glued to the
page's first line), a table's header row split word by word over several lines
and repeated after a page break, and rows whose cells are joined by single
spaces, an empty cell leaving its space. Lines end with a space; a line that
does not was wrapped inside a word.

A row is therefore read from the text of its lines joined as the page had them
(``row_text``), split on single spaces into tokens, an empty token being an
empty cell, and the tokens are cut into the table's columns by what each
column holds (a number with its unit, a target word, a period, a date, a
count). Values keep their spaces ("9 000 st", "Tas fram av nämnd/styrelse").
Where two readings of a row are equally good the row is noted as guessed.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import checker.importer.vocab as vocab


class LineLike(Protocol):
    text: str
    number: int
    page: int


def is_plain(text: str) -> bool:
    """The plain export has no page marks at all; extractors that keep pages write form feeds."""
    return "\f" not in text


# -- running heads -------------------------------------------------------------
TYPE_WORDS = r"(?:Verksamhetsberättelse|Verksamhetsplan|Tertialrapport|Tertialuppföljning)"
RUNNING_HEAD_RE = re.compile(
    rf"^\s*(?P<head>[^\s].{{0,150}}?,\s*{TYPE_WORDS}(?:\s+\S+)?\s*\d{{1,3}}\s?\(\d{{1,3}}\))"
    r"\s?(?P<rest>.*)$"
)


def strip_running_head(text: str) -> tuple[str | None, str]:
    """(the running head, what follows it on the line) or (None, the line)."""
    match = RUNNING_HEAD_RE.match(text)
    if not match:
        return None, text
    return match.group("head").strip(), match.group("rest")


# -- header rows ---------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"(?:19|20)\d{2}", "#", re.sub(r"\s+", "", text).casefold())


def _variants(parts: Sequence[tuple[bool, Sequence[str]]]) -> tuple[str, ...]:
    choices = [(list(alts) + ([""] if optional else [])) for optional, alts in parts]
    return tuple("".join(combo) for combo in itertools.product(*choices))


INDICATOR_PARTS: tuple[tuple[bool, tuple[str, ...]], ...] = (
    (False, ("indikator",)),
    (True, ("periodensutfall",)),
    (True, ("utfallmän/pojkar",)),
    (True, ("utfallkvinnor/flickor",)),
    (True, ("utfallvb#", "utfallt1#", "utfallt2#", "utfall#", "periodensutfallvb#")),
    (True, ("prognoshelår",)),
    (True, ("årsmål",)),
    (True, ("kf:sårsmål", "kf:sårsmålår#")),
    (True, ("period", "periodicitet")),
)


@functools.cache
def _header_variants(kind: str) -> tuple[str, ...]:
    if kind == "indicator":
        # at least the name, one value column and the period or a target
        return tuple(
            v
            for v in _variants(INDICATOR_PARTS)
            if len(v) > len("indikator") + 8 and ("period" in v or "årsmål" in v)
        )
    if kind == "activity":
        # a plan's activities have no deviation column
        return (
            "aktivitetstartdatumslutdatumavvikelse",
            "aktivitetstartdatumslutdatumawikelse",
            "aktivitetstartdatumslutdatum",
        )
    return (
        "uppdelningklagomål/synpunkter/kategorierutfallt1utfallt2utfallvbtotaltack.utfall"
        "sammanfattningochplaneradeåtgärder",
    )


def _start_kind(text: str) -> str | None:
    words = text.split()
    if not words:
        return None
    first = words[0].casefold()
    if first == "indikator":
        return "indicator"
    if first == "aktivitet":
        return "activity"
    if first == "uppdelning":
        return "complaints"
    return None


def _blankish(text: str) -> bool:
    return not text.strip()


@dataclass
class Header:
    kind: str
    start: int
    end: int  # index after the header's last line
    words: str  # the header's words, one space between them


def header_at(lines: Sequence[LineLike], index: int, kind: str | None = None) -> Header | None:
    """The table header that starts at ``index``, however its words are split over lines."""
    found = _start_kind(lines[index].text)
    if found is None or (kind is not None and found != kind):
        return None
    variants = _header_variants(found)
    squashed = ""
    words: list[str] = []
    end: int | None = None
    end_words = ""
    cursor = index
    while cursor < len(lines) and cursor - index < 40:
        text = lines[cursor].text
        if _blankish(text):
            cursor += 1
            continue
        candidate = squashed + _squash(text)
        if not any(v.startswith(candidate) for v in variants):
            break
        squashed = candidate
        words.append(text.strip())
        cursor += 1
        if candidate in variants:
            end, end_words = cursor, " ".join(words)
    if end is None:
        return None
    return Header(found, index, end, re.sub(r"\s+", " ", end_words))


def indicator_columns(words: str) -> list[str]:
    """The indicator table's column headings, from the header's words in reading order."""
    year = next(iter(re.findall(r"\b(?:19|20)\d{2}\b", words)), "")
    names = ["Indikator"]
    for token in re.findall(
        r"Periodens utfall VB|Periodens|Utfall män/|Utfall kvinn\S*|Utfall (?:VB|T1|T2) |"
        r"Utfall (?=(?:19|20)\d{2})|Prognos|Årsmål|KF:s|Periodicitet|Period\b",
        words,
    ):
        token = token.strip()
        if token == "Periodens utfall VB":
            names.append(f"Periodens utfall VB {year}")
        elif token == "Periodens":
            names.append("Periodens utfall")
        elif token.startswith("Utfall män"):
            names.append("Utfall män/ pojkar")
        elif token.startswith("Utfall kvinn"):
            names.append("Utfall kvinnor/ flickor")
        elif token.startswith("Utfall"):
            names.append(f"{token} {year}".replace("  ", " ").strip())
        elif token == "Prognos":
            names.append("Prognos helår")
        elif token == "Årsmål":
            names.append("Årsmål")
        elif token == "KF:s":
            names.append("KF:s årsmål")
        else:
            names.append(token)
    return names


# -- joining a row's lines -----------------------------------------------------
def row_text(lines: Sequence[str], spaced: bool) -> str:
    """A row's lines as the page had them: a line ends with the space that separated it from
    the next one, and a line without it was wrapped inside a word, so the lines are simply
    concatenated. ``spaced`` says the text keeps those line-end spaces at all; otherwise
    lines are joined by one space."""
    kept = [line for line in lines if line.strip()]
    if not spaced:
        return " ".join(line.strip() for line in kept)
    out = "".join(kept)
    return out[:-1] if out.endswith(" ") else out  # the last line's own end mark


def keeps_line_end_spaces(lines: Sequence[str]) -> bool:
    nonblank = [line for line in lines if line.strip()]
    if not nonblank:
        return False
    return sum(1 for line in nonblank if line.endswith(" ")) >= 0.6 * len(nonblank)


# -- values --------------------------------------------------------------------
NUMBER = r"[-−–]?(?:\d{1,3}(?: \d{3})+|\d+)(?:[,.]\d+)?"
UNIT = (
    r"(?: ?%| (?:st|GWh|MWh|kWh|kr|tkr|mnkr|procent|dagar|timmar|personer|år|min|minuter"
    r"|kg CO2 per kg livsmedel|kg CO2))"
)
VALUE_RE = re.compile(rf"^(?:{NUMBER}{UNIT}?|-|–)$")
TARGET_RE = re.compile(
    rf"^(?:{NUMBER}{UNIT}?|öka|minska|ökning|minskning|bibehålla|behålla|oförändrat|"
    r"Tas fram(?: av nämnd(?:/ ?s ?tyrelse|/ ?styrelse)?)?|Max \d+ \w+|Min \d+ \w+|-|–)$"
)
PERIOD_RE = re.compile(r"^(?:(?:VB|T1|T2|T3|VP|Helår)\s?(?:19|20)\d{2}|(?:19|20)\d{2}|År|Tertial)$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A line that starts a cell's value, not a row's name: a period cut before its year
# ("VB" / "2024"), a target phrase ("Tas fram" / "av nämnd").
CELL_START_RE = re.compile(
    r"^(?:VB|T1|T2|T3|VP|Helår|År|Tertial|Tas(?: fram)?|Max|Min)(?:\s+(?:19|20)\d{2})?\s*$"
)
COUNT_RE = re.compile(r"^\d+(?: st)?$")

INDICATOR_PATTERNS = {
    "utfall": VALUE_RE,
    "utfall_män": VALUE_RE,
    "utfall_kvinnor": VALUE_RE,
    "utfall_föregående": VALUE_RE,
    "prognos_helår": VALUE_RE,
    "årsmål": TARGET_RE,
    "kf_årsmål": TARGET_RE,
    "period": PERIOD_RE,
    "periodicitet": PERIOD_RE,
}
MAX_CELL_TOKENS = 8


@dataclass(frozen=True)
class Reading:
    name: str
    cells: tuple[str, ...]
    pads: int  # trailing cells the text does not show (its end spaces were lost)

    @property
    def filled(self) -> int:
        return sum(1 for c in self.cells if c)


def _segmenter(
    tokens: tuple[str, ...], patterns: tuple[re.Pattern[str], ...]
) -> Callable[[int], list[tuple[str, ...]]]:
    """Every cut of ``tokens[start:]`` into at most ``len(patterns)`` cells, each empty or
    matching its column's pattern; missing cells at the end are empty. One memo serves
    every start, so trying each place where a row's name may end stays linear."""

    @functools.cache
    def fits(pos: int, column: int) -> bool:
        """Whether any cut of ``tokens[pos:]`` into the columns from ``column`` on exists."""
        if pos == len(tokens):
            return True
        if (
            column == len(patterns)
            or len(tokens) - pos > (len(patterns) - column) * MAX_CELL_TOKENS
        ):
            return False
        if tokens[pos] == "":
            return fits(pos + 1, column + 1)
        for end in range(pos + 1, min(len(tokens), pos + MAX_CELL_TOKENS) + 1):
            if tokens[end - 1] == "":
                break
            if fits(end, column + 1) and patterns[column].match(" ".join(tokens[pos:end])):
                return True
        return False

    @functools.cache
    def walk(pos: int, column: int) -> tuple[tuple[str, ...], ...]:
        if pos == len(tokens):
            return ((),)
        if not fits(pos, column):
            return ()
        found: list[tuple[str, ...]] = []
        if tokens[pos] == "":
            found += [("", *rest) for rest in walk(pos + 1, column + 1)]
        else:
            for end in range(pos + 1, min(len(tokens), pos + MAX_CELL_TOKENS) + 1):
                if "" in tokens[pos:end]:
                    break
                cell = " ".join(tokens[pos:end])
                if fits(end, column + 1) and patterns[column].match(cell):
                    found += [(cell, *rest) for rest in walk(end, column + 1)[:16]]
        return tuple(found[:16])

    def cuts(start: int) -> list[tuple[str, ...]]:
        return [c + ("",) * (len(patterns) - len(c)) for c in walk(start, 0)]

    return cuts


def _segment(
    tokens: tuple[str, ...], patterns: tuple[re.Pattern[str], ...]
) -> list[tuple[str, ...]]:
    return _segmenter(tokens, patterns)(0)


def read_indicator(
    text: str, keys: Sequence[str | None], name_words: int | None = None
) -> list[Reading]:
    """The readings of an indicator row, best first (``keys`` are the value columns)."""
    patterns = tuple(INDICATOR_PATTERNS.get(k or "", TARGET_RE) for k in keys)
    tokens = tuple(text.strip(" ").split(" ")) if text.strip() else ()
    # the text may end with the separators of empty cells: keep them, they are cells
    raw = text.lstrip(" ").split(" ")
    if raw and raw[-1] == "" and text.strip():
        tokens = tuple(raw)
    readings: list[tuple[tuple[int, int, int, int, int], Reading]] = []
    period_index = next(
        (i for i, k in enumerate(keys) if k in ("period", "periodicitet")), len(keys) - 1
    )
    cuts = _segmenter(tokens, patterns)
    # the cells hold at most so many tokens: the name is everything before them
    first = max(1, len(tokens) - len(keys) * MAX_CELL_TOKENS)
    if "" in tokens[:first]:
        return []
    for split in range(first, len(tokens) + 1):
        if tokens[split - 1] == "":
            break
        name = " ".join(tokens[:split])
        shown = tokens[split:].count("")
        for cells in cuts(split):
            pads = sum(1 for c in cells if c == "") - shown
            reading = Reading(name, cells, max(pads, 0))
            constrained = 1 if name_words is not None and split == name_words else 0
            period = 1 if cells[period_index] else 0
            key = (reading.filled, period, -reading.pads, constrained, -split)
            readings.append((key, reading))
    readings.sort(key=lambda kr: kr[0], reverse=True)
    return [r for _, r in readings]


# A cell never starts with a zero before another digit: "9 000 st" is one value, not 9 and
# "000 st".
LEADING_ZERO_RE = re.compile(r"^[-−–]?0\d")


def column_options(
    tokens: Sequence[str], patterns: Sequence[re.Pattern[str]]
) -> list[set[str]] | None:
    """What each column can hold when ``tokens`` (a row's values, single-spaced) are cut into
    cells in order and any column may be empty, as in text that lost its empty cells: per
    column the set of contents some full placement gives it ("" for empty). None when no
    placement fits. A column with one option is known; with more, the text cannot tell."""
    n, m = len(tokens), len(patterns)

    @functools.cache
    def cell(pos: int, end: int, column: int) -> str | None:
        text = " ".join(tokens[pos:end])
        ok = patterns[column].match(text) and not LEADING_ZERO_RE.match(text)
        return text if ok else None

    @functools.cache
    def fits(pos: int, column: int) -> bool:
        if pos == n:
            return True
        if column == m:
            return False
        if fits(pos, column + 1):
            return True
        ends = range(pos + 1, min(n, pos + MAX_CELL_TOKENS) + 1)
        return any(cell(pos, end, column) is not None and fits(end, column + 1) for end in ends)

    if not fits(0, 0):
        return None
    options: list[set[str]] = [set() for _ in range(m)]
    reach = {0}  # where the tokens placed in the columns before this one end
    for column in range(m):
        following: set[int] = set()
        for pos in sorted(reach):
            if fits(pos, column + 1):
                options[column].add("")
                following.add(pos)
            for end in range(pos + 1, min(n, pos + MAX_CELL_TOKENS) + 1):
                text = cell(pos, end, column)
                if text is not None and fits(end, column + 1):
                    options[column].add(text)
                    following.add(end)
        reach = following
    return options


def indicator_row_complete(reading: Reading, keys: Sequence[str | None]) -> bool:
    period_index = next(
        (i for i, k in enumerate(keys) if k in ("period", "periodicitet")), len(keys) - 1
    )
    return bool(reading.cells[period_index]) or (reading.pads == 0 and reading.filled > 0)


# -- complaints ----------------------------------------------------------------
@functools.cache
def _categories() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    return tuple(
        (group, name, tuple(vocab.norm(w) for w in name.split()))
        for group, names in vocab.COMPLAINT_CATEGORIES.items()
        for name in names
    )


def _word_eq(a: str, b: str) -> bool:
    a, b = vocab.norm(a), vocab.norm(b)
    if a == b:
        return True
    # a misspelt word still starts as it should: that check keeps the comparison cheap
    return len(a) >= 5 and len(b) >= 5 and a[:1] == b[:1] and vocab.similar(a, b) >= 0.8


def category_at(tokens: Sequence[str], pos: int) -> tuple[str, str, int] | None:
    """(group, template name, number of tokens) of a complaint category starting at ``pos``."""
    best: tuple[str, str, int] | None = None
    for group, name, words in _categories():
        if pos + len(words) > len(tokens):
            continue
        matches = all(_word_eq(tokens[pos + k], words[k]) for k in range(len(words)))
        if matches and (best is None or len(words) > best[2]):
            best = (group, name, len(words))
    return best


# The template writes the subject group's label "... eller avvikelsen?" as well.
SUBJECT_LABEL = "Vad gällde klagomålet, synpunkten eller avvikelsen?"


@functools.cache
def _group_label_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    labels = [*vocab.COMPLAINT_GROUP_LABELS.items(), ("vad_gällde", SUBJECT_LABEL)]
    return tuple((group, tuple(vocab.norm(w) for w in label.split())) for group, label in labels)


def group_label_at(tokens: Sequence[str], pos: int) -> int:
    """How many tokens from ``pos`` are a group label's words, 0 when none. A one-word label
    ("Beröm", "Åtgärder") counts only where a category or the end follows: a summary may
    begin with the same word."""
    best = 0
    for _group, words in _group_label_words():
        k = 0
        while pos + k < len(tokens) and k < len(words) and _word_eq(tokens[pos + k], words[k]):
            k += 1
        if k < len(words):
            continue
        if k == 1:
            after = pos + 1
            while after < len(tokens) and tokens[after] == "":
                after += 1
            if after < len(tokens) and category_at(tokens, after) is None:
                continue
        best = max(best, k)
    return best


def complaint_cells(tokens: Sequence[str]) -> tuple[list[str], int]:
    """T1, T2, VB, total and summary from the tokens after a category, and how many tokens
    they took (an empty token is an empty cell; the rest is text after the row)."""
    cells: list[str] = []
    pos = 0
    while len(cells) < 4 and pos < len(tokens):
        token = tokens[pos]
        if token == "":
            cells.append("")
            pos += 1
        elif re.fullmatch(r"\d+", token):
            # the unit word after the count, set one space or (the Lex rows) two apart
            if tuple(tokens[pos + 1 : pos + 2]) == ("st",):
                cells.append(token + " st")
                pos += 2
            elif tuple(tokens[pos + 1 : pos + 3]) == ("", "st"):
                cells.append(token + " st")
                pos += 3
            else:
                cells.append(token)
                pos += 1
        else:
            break
    cells += [""] * (4 - len(cells))
    summary: list[str] = []
    while pos < len(tokens) and tokens[pos] != "":
        summary.append(tokens[pos])
        pos += 1
    if pos < len(tokens) and not summary:
        pos += 1  # the empty summary cell
    cells.append(" ".join(summary))
    return cells, pos


@dataclass
class Token:
    text: str
    line: int
    page: int | None


@dataclass
class Stream:
    tokens: list[Token] = field(default_factory=list)

    def words(self) -> list[str]:
        return [t.text for t in self.tokens]


def stream_of(lines: Sequence[LineLike], spaced: bool) -> Stream:
    """A table body's lines as one token stream (single-space split), lines that hold only
    spaces left out: they mark where a text box ended, or a row whose cells are all empty."""
    stream = Stream()
    pending_join = False
    for line in lines:
        raw = line.text
        if not raw.strip():
            continue
        body = raw[:-1] if spaced and raw.endswith(" ") else raw
        parts = body.split(" ")
        if stream.tokens and pending_join and parts and parts[0]:
            stream.tokens[-1].text += parts[0]
            parts = parts[1:]
        for part in parts:
            stream.tokens.append(Token(part, line.number, line.page))
        pending_join = spaced and not raw.endswith(" ")
    return stream


# -- the header's merged line --------------------------------------------------
COMMITTEE_WORD_RE = re.compile(r"(?:nämnd|nämnden|styrelse|styrelsen)[.,]?$", re.IGNORECASE)


def split_author_addressee(text: str, unit: str | None) -> tuple[str, str] | None:
    """(author, addressee) of "Anna Exempel Hägersten-Älvsjö stadsdelsnämnd": the addressee is
    a committee, told by the word its name ends with ("stadsdelsnämnd", "Socialnämnden"),
    or the unit itself. None when nothing tells where the author's name ends."""
    words = text.split()
    if unit:
        unit_words = unit.split()
        n = len(unit_words)
        if len(words) > n and [vocab.norm(w) for w in words[-n:]] == [
            vocab.norm(w) for w in unit_words
        ]:
            return " ".join(words[:-n]), " ".join(words[-n:])
    if words and COMMITTEE_WORD_RE.search(words[-1]):
        last = words[-1]
        if re.fullmatch(r"(?:stadsdels)?(?:nämnd|nämnden|styrelse|styrelsen)[.,]?", last, re.I):
            # "<district> stadsdelsnämnd": the district's name is one word (hyphenated)
            if len(words) >= 3:
                return " ".join(words[:-2]), " ".join(words[-2:])
            return None
        if len(words) >= 2:
            return " ".join(words[:-1]), last
    return None


# -- the income statement ------------------------------------------------------
AMOUNT_RE = re.compile(r"^-?(?:[1-9]\d{0,2}(?: \d{3})*|0)$")


def budget_cells(tokens: Sequence[str]) -> tuple[list[str], bool] | None:
    """Outcome, budget and deviation from the tokens after a row's label, and whether the
    cut was a judgement (more than one cut fits). A Swedish amount holds spaces itself
    ("12 400"); of the cuts that fit, the one whose deviation is the difference wins."""
    cuts = [c for c in _segment(tuple(tokens), (AMOUNT_RE,) * 3)]
    if not cuts:
        return None

    def gap(cells: tuple[str, ...]) -> int:
        if not all(cells):
            return 0
        a, b, c = (int(x.replace(" ", "")) for x in cells)
        return abs(abs(a - b) - abs(c))

    def spread(cells: tuple[str, ...]) -> int:
        # amounts of one row are of one magnitude: "12 200 350" is 12 200 and 350
        sizes = [len(x.replace(" ", "").lstrip("-")) for x in cells if x]
        return max(sizes) - min(sizes) if sizes else 0

    shown = tuple(tokens).count("")
    cuts.sort(key=lambda c: (sum(1 for x in c if x == "") - shown, gap(c), spread(c)))
    best = cuts[0]
    pads = sum(1 for x in best if x == "")
    rivals = [
        c
        for c in cuts[1:]
        if c != best and gap(c) == gap(best) and sum(1 for x in c if x == "") == pads
    ]
    return list(best), bool(rivals)


def budget_label_end(tokens: Sequence[str]) -> int:
    """Where a row's label ends: at the first empty cell or amount."""
    for index, token in enumerate(tokens):
        if token == "" or re.fullmatch(r"-?\d+", token):
            return index
    return len(tokens)
