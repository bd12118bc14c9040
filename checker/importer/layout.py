"""Plain layout text (as PDF extractors write it) to items.

Extractors lose the markup: there are no heading marks, paragraphs are
wrapped lines (sometimes separated by blank lines), page headers and footers
("2 (23)", the unit's name) stand in the middle of the text, and a table row
is a line of cells, either aligned in columns (``pdftotext -layout``,
``pypdf``'s layout mode, ``pdfplumber``'s ``layout=True``) or joined by
single spaces (``pdfplumber``'s default), with long cells wrapped onto the
following lines.

The reader relies on the domain rather than on the layout: it finds tables by
their known column headings, splits aligned rows at the header's column
positions, splits single-spaced rows by what values look like (numbers with
Swedish units, dates, periods such as "VB 2023", target words), splits an
income-statement row's digits so that its deviation equals the difference of
its amounts, and anchors complaint rows on the template's categories.
Where it has to guess, the row keeps the text as written and the parser's
source map still points at the line.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import checker.importer.placement as placement
import checker.importer.plain as plain_mod
import checker.importer.vocab as vocab
from checker.fields import ACTIVITY_COLUMN_HEADINGS, COMPLAINT_COLUMN_HEADINGS

from .header import report_title
from .items import Blank, Item, Para, Row

SIDE_BY_SIDE_RE = re.compile(r"^\s*Handläggare\s{3,}Till\s*$")
PLAIN_TOC_RE = re.compile(r"\s?\.{2,}\s*(\d{1,3})$")
MERGED_HEADER_RE = re.compile(r"^\s*Handläggare\s+Till\s*$")
PAGE_NUMBER_RE = re.compile(r"^(?:(.*\S)\s+)?(\d{1,3})\s*\((\d{1,3})\)$")
DATE_IN_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
YEAR_ONLY_RE = re.compile(r"^(?:19|20)\d{2}$")
LIST_RE = re.compile(r"^[-•–]\s")
TOC_ENTRY_RE = re.compile(r"(?:\.{3,}|\s)\s*(\d{1,3})$")

# Value patterns for single-spaced indicator rows, tried at the end of the line.
PERIOD_TAIL_RE = re.compile(
    r"(?:\b(?:VB|T1|T2|VP)\s?(?:19|20)\d{2}|\b(?:19|20)\d{2}|\bÅr|\bTertial)$"
)
VALUE_TAIL_RE = re.compile(
    r"(?:Tas(?: fram(?: av)?(?: nämnd(?:/ ?s ?tyrelse|/ ?styrelse|/)?)?)?|Max \d+ personer|öka|minska|"
    r"\d+(?:,\d+)? kg CO2(?: per kg livsmedel)?|"
    r"-?\d{1,3}(?: \d{3})*(?:,\d+)?(?: ?(?:%|st|GWh|kr|tkr|procent|dagar|timmar))?"
    r"(?: kg CO2 per kg livsmedel)?|-?\d+(?:,\d+)?(?: ?(?:%|st|GWh))?)$"
)
HEADER_WORDS = {
    "utfall",
    "periodens",
    "pojkar",
    "flickor",
    "män/",
    "kvinnor/",
    "kvinn",
    "or/",
    "vb",
    "t1",
    "t2",
    "årsmål",
    "arsmål",
    "mål",
    "år",
    "helår",
    "prognos",
    "prognoss",
    "ack.",
    "och",
    "planerade",
    "åtgärder",
    "period",
    "periodicitet",
    "od",
    "d",
    "kf:s",
    "i",
    "bokslut",
}


@dataclass
class Line:
    text: str  # as extracted, without the page break mark
    number: int
    page: int

    @property
    def stripped(self) -> str:
        return re.sub(r"\s+", " ", self.text).strip()


@dataclass
class Column:
    name: str
    start: int
    parts: list[str] = field(default_factory=list)


def layout_items(text: str, headings: dict[tuple[int, int], int] | None = None) -> list[Item]:
    """Items of plain layout text; ``headings`` maps (line, page) of the lines a PDF sets
    wholly in bold to the rank of their font size (1 the largest), when the reader knows."""
    if headings is None and plain_mod.is_plain(text):
        # a line's end space is kept: it tells a wrap between words from one inside a word
        lines = [
            Line(raw.rstrip("\r"), number, 1)
            for number, raw in enumerate(text.split("\n"), start=1)
        ]
        # the plain export: no pages, so no page numbers in the source map either
        lines, heads = _drop_running_heads(_join_cover_title(lines))
        lines = _join_cover_unit(lines, heads)
        reader = _Reader(lines, {}, plain=True, heads=heads)
        return [_without_page(item) for item in reader.items()]
    lines = _lines(text)
    # the unit's name as the running heads give it mends a cover title wrapped inside it
    heads = [head for line in lines if (head := plain_mod.strip_running_head(line.text)[0])]
    lines = _join_cover_unit(_drop_furniture(lines), heads)
    return _Reader(lines, headings or {}).items()


def _strip_marks(text: str) -> str:
    return text.lstrip(vocab.FEMALE + vocab.DONE + vocab.NOT_DONE + vocab.GOAL_ICONS + " ")


def _without_page(item: Item) -> Item:
    return dataclasses.replace(item, page=None)


def _join_cover_title(lines: list[Line]) -> list[Line]:
    """The cover's title wrapped before its year ("Verksamhetsberättelse" / "2024")."""
    out = list(lines)
    for index, line in enumerate(out[:80]):
        following = out[index + 1] if index + 1 < len(out) else None
        if (
            following is not None
            and line.text.strip()
            and report_title(line.text.strip()) is None
            and (report_title(line.text.strip() + following.text.strip()) or (0, None))[1]
        ):
            # the title wrapped inside its word ("Verksamhetsberättels" / "e 2024")
            out[index] = Line(line.text.strip() + following.text.strip(), line.number, 1)
            out[index + 1] = Line("", following.number, 1)
            line = out[index]
        if not re.fullmatch(rf"\s*{plain_mod.TYPE_WORDS}(?:\s+\S+)?\s*", line.text):
            continue
        following = out[index + 1] if index + 1 < len(out) else None
        if following is not None and re.fullmatch(
            r"\s*(?:(?:T1|T2|VB|VP|\d)\s+)?(?:19|20)\d{2}\s*", following.text
        ):
            out[index] = Line(line.text.rstrip() + " " + following.text.lstrip(), line.number, 1)
            out[index + 1] = Line("", following.number, 1)
        break
    return out


def _join_cover_unit(lines: list[Line], heads: list[str]) -> list[Line]:
    """The unit's name wrapped on the cover ("Daglig verksamhet" / "Solsidan"), told by the
    name the running heads give."""
    names = {
        match.group(1).strip()
        for head in heads
        if (match := re.match(rf"^(.*?),\s*{plain_mod.TYPE_WORDS}\b", head))
    }
    if len(names) != 1:
        return lines
    name = vocab.norm(names.pop())
    out = list(lines)
    for index in range(min(len(out) - 1, 80)):
        first, second = out[index], out[index + 1]
        if not first.text.strip() or not second.text.strip():
            continue
        joined = join_lines([first.text.strip(), second.text.strip()])
        whole = vocab.norm(joined) == name
        # the title wrapped inside the name ("Verksamhetsberättelse 2024 för Gruppbostaden" /
        # "Ekbacken")
        titled = vocab.norm(joined).endswith(" för " + name) and report_title(joined) is not None
        if (whole or titled) and not vocab.norm(first.text).endswith(name):
            out[index] = Line(joined, first.number, first.page)
            out[index + 1] = Line("", second.number, second.page)
    return out


def _drop_running_heads(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Running heads ("Enheten X, Verksamhetsberättelse 7(31)") wherever a page began; one
    glued to the page's first line leaves that line."""
    out: list[Line] = []
    heads: list[str] = []
    for line in lines:
        head, rest = plain_mod.strip_running_head(line.text)
        if head is None:
            out.append(line)
            continue
        heads.append(head)
        if rest.strip():
            out.append(Line(rest, line.number, line.page))
    return out, heads


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    page = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        while "\f" in raw:
            before, raw = raw.split("\f", 1)
            if before.strip():
                out.append(Line(before.rstrip(), number, page))
            page += 1
        out.append(Line(raw.rstrip(), number, page))
    return out


def _drop_furniture(lines: list[Line]) -> list[Line]:
    """Page headers and footers: page numbers "N (M)" and lines repeated at page edges."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.stripped:
            by_page.setdefault(line.page, []).append(line)
    edges: Counter[str] = Counter()
    for page_lines in by_page.values():
        seen = {_edge_key(line.stripped) for line in page_lines[:3] + page_lines[-3:]}
        edges.update(seen)
    pages = len(by_page)
    repeated = {key for key, count in edges.items() if pages >= 2 and count >= max(2, pages * 0.4)}
    drop: set[int] = set()
    for page_lines in by_page.values():
        for line in page_lines[:3] + page_lines[-3:]:
            if _edge_key(line.stripped) in repeated or PAGE_NUMBER_RE.match(line.stripped):
                drop.add(id(line))
    return [line for line in lines if id(line) not in drop]


def _edge_key(text: str) -> str:
    match = PAGE_NUMBER_RE.match(text)
    if match:
        return "#page " + (match.group(1) or "")
    return text


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one text: a space between them, none after a hyphen that ends
    a line before a capital ("Hägersten-" / "Liljeholmen") or after an abbreviation
    ("NP-" / "teamet"); "miljö-" / "och" keeps its space."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif re.search(r"\w-$", out[-2:]) and (
            line[:1].isupper() or re.search(r"\b[A-ZÅÄÖ]{2,}-$", out[-40:])
        ):
            out += line
        else:
            out += " " + line
    return out


def _is_goal_heading(text: str) -> bool:
    return any(regex.match(text) for regex in vocab.GOAL_HEADING_RE.values())


def _is_known_heading(text: str) -> bool:
    key = vocab.norm(text)
    return (
        key in vocab.SECTION_HEADINGS
        or key in vocab.GOAL_FIELD_HEADINGS
        or bool(re.fullmatch(r"budget \d{4}", key))
    )


def _heading_like(text: str) -> bool:
    return (
        text[:1].isupper()
        and text[-1:] not in ".!?:;,"
        and len(text.split()) <= 8
        and ":" not in text
        and not LIST_RE.match(text)
    )


def _is_unknown_mark(text: str) -> bool:
    """A line that is only "[okänd: <skäl>]": a value the document says it lost."""
    match = vocab.UNKNOWN_RE.match(text)
    return match is not None and not match.group(2)


def _is_status(text: str) -> bool:
    stripped = text.strip().lstrip(vocab.GOAL_ICONS + vocab.DASHES + " ").strip()
    return bool(vocab.STATUS_RE.match(stripped)) and len(text) < 40


class _Reader:
    def __init__(
        self,
        lines: list[Line],
        headings: dict[tuple[int, int], int],
        plain: bool = False,
        heads: list[str] | None = None,
    ) -> None:
        self.lines = lines
        self.headings = headings
        self.plain = plain
        self.heads = heads or []
        self.spaced = plain_mod.keeps_line_end_spaces([line.text for line in lines])
        self.out: list[Item] = []
        prose = sorted(
            len(line.stripped)
            for line in lines
            if len(line.stripped) > 20 and not vocab.TOC_LEADER_RE.search(line.stripped)
        )
        self.width = prose[int(len(prose) * 0.9)] if prose else 80
        # how far right a full line reaches, indentation included (a larger font's words
        # stand at their positions, so this measures a heading's width too)
        right = sorted(
            len(line.text.rstrip())
            for line in lines
            if len(line.stripped) > 20 and not vocab.TOC_LEADER_RE.search(line.stripped)
        )
        self.right = right[int(len(right) * 0.9)] if right else 80

    def items(self) -> list[Item]:
        index = 0
        para: list[Line] = []
        while index < len(self.lines):
            line = self.lines[index]
            text = line.stripped
            if not text:
                self._flush(para)
                para = []
                index += 1
                continue
            if SIDE_BY_SIDE_RE.match(line.text):
                self._flush(para)
                para = []
                index = self._side_by_side(index)
                continue
            # single-spaced text (the plain export, an extractor's lines) merges the author
            # and the addressee the same way
            if MERGED_HEADER_RE.match(line.text):
                self._flush(para)
                para = []
                index = self._merged_header(index)
                continue
            if self.plain:
                found = plain_mod.header_at(self.lines, index)
                if found is not None:
                    self._flush(para)
                    para = []
                    index = self._plain_table(found)
                    continue
            if vocab.norm(text) == "innehållsförteckning":
                self._flush(para)
                para = []
                self._emit([line])
                index = self._plain_toc(index + 1) if self.plain else self._toc(index + 1)
                continue
            table = self._table_header(index)
            if table is not None and self.plain and table[0] == "budget":
                self._flush(para)
                para = []
                index = self._plain_budget(index)
                continue
            if table is not None:
                self._flush(para)
                para = []
                index = self._table(index, *table)
                continue
            rank = self.headings.get((line.number, line.page))
            if (
                rank is not None
                and (not self._standalone(text) or report_title(text) is not None)
                and not LIST_RE.match(text)
            ):
                self._flush(para)
                para = []
                index = self._bold_heading(index, rank)
                continue
            if self._standalone(text):
                self._flush(para)
                para = []
                if _is_goal_heading(text):
                    index = self._goal_heading(index)
                    continue
                self._emit([line])
                index += 1
                continue
            if para and not self._continues(para[-1].stripped, text):
                self._flush(para)
                para = []
            para.append(line)
            index += 1
        self._flush(para)
        return self.out

    def _bold_heading(self, index: int, rank: int) -> int:
        """A heading set in bold (a PDF says so): its lines, a wrapped one joined."""
        group = [self.lines[index]]
        index += 1
        while index < len(self.lines):
            line = self.lines[index]
            text = line.stripped
            if (
                not text
                or self.headings.get((line.number, line.page)) != rank
                or self._standalone(text)
                or self._table_header(index) is not None
                or len(group[-1].text.rstrip()) < 0.7 * self.right
            ):
                break
            group.append(line)
            index += 1
        self._emit(group, marked=True, level=rank)
        return index

    def _side_by_side(self, index: int) -> int:
        """ "Handläggare" and "Till" side by side (the Tjänsteutlåtande's header): the left
        block's lines first, then the right block's, as the text export has them."""
        first = self.lines[index]
        cut = first.text.index("Till", len(first.text) - len(first.text.lstrip()) + 11)
        left: list[Line] = []
        right: list[Line] = []
        while index < len(self.lines) and self.lines[index].stripped:
            line = self.lines[index]
            head, tail = line.text[:cut].strip(), line.text[cut:].strip()
            if line.text[:cut].rstrip() != line.text[:cut].rstrip(" ") or (
                len(line.text) > cut and line.text[cut - 1 : cut] not in (" ", "")
            ):
                head, tail = line.stripped, ""  # a line that spans both columns
            if head:
                left.append(Line(head, line.number, line.page))
            if tail:
                right.append(Line(tail, line.number, line.page))
            index += 1
        for line in left + right:
            self._emit([line])
        return index

    def _toc(self, index: int) -> int:
        """Contents lines ("Rubrik ..... 7"), a wrapped entry joined to its page number."""
        entry: list[Line] = []
        while (index := self._skip_blank(index)) < len(self.lines):
            line = self.lines[index]
            text = line.stripped
            numbered = bool(TOC_ENTRY_RE.search(text)) or bool(vocab.TOC_LEADER_RE.search(text))
            if entry:
                previous = entry[-1].stripped
                wrapped = text[:1].islower() or len(previous) >= 0.75 * self.width
                if wrapped and not _is_known_heading(text) and not TOC_ENTRY_RE.search(text):
                    entry.append(line)
                    index += 1
                    continue
                self._emit_toc(entry)
                entry = []
            if not numbered and not self._toc_wrapped_entry(index):
                break
            entry.append(line)
            index += 1
        if entry:
            self._emit_toc(entry)
        return index

    def _toc_wrapped_entry(self, index: int) -> bool:
        """An entry without its page number: the next line ends it ("hela staden ..... 3")."""
        following = next((line for line in self.lines[index + 1 :] if line.stripped), None)
        if following is None:
            return False
        text = following.stripped
        return (
            bool(vocab.TOC_LEADER_RE.search(text))
            and not _is_known_heading(vocab.TOC_LEADER_RE.sub("", text).strip())
            and not text[:1].isupper()
        )

    def _emit_toc(self, entry: list[Line]) -> None:
        text = " ".join(line.stripped for line in entry)
        match = re.search(r"\s(\d{1,3})\s+(.*)$", text)
        if match and not TOC_ENTRY_RE.search(text):
            text = text[: match.start()] + " " + match.group(2) + " " + match.group(1)
        elif TOC_ENTRY_RE.search(entry[0].stripped) and len(entry) > 1:
            number = TOC_ENTRY_RE.search(entry[0].stripped)
            assert number is not None
            head = entry[0].stripped[: number.start()].rstrip()
            rest = " ".join(line.stripped for line in entry[1:])
            text = f"{head} {rest} {number.group(1)}"
        first = entry[0]
        self.out.append(Para(text, first.number, first.page))

    # -- text ----------------------------------------------------------------
    def _standalone(self, text: str) -> bool:
        if self.plain and text[:1].islower():
            return False  # a heading's wrapped end ("... och bidrar till" / "utveckling.")
        return (
            _is_goal_heading(text)
            or _is_known_heading(text)
            or _is_status(text)
            or _is_unknown_mark(text)
            or bool(vocab.DATE_RE.match(text))
            or bool(vocab.TOC_LEADER_RE.search(text))
            or text
            in (
                "Handläggare",
                "Till",
                "Innehållsförteckning",
                "Förslag till beslut",
                "Tjänsteutlåtande",
            )
            or bool(re.match(r"^(Dnr|Telefon)\b", text))
            or report_title(text) is not None
        )

    def _continues(self, previous: str, text: str) -> bool:
        if LIST_RE.match(text):
            return False
        if text[:1].islower():
            return True
        if previous[-1:] in ".!?" and _heading_like(text) and len(text) < 0.6 * self.width:
            return False
        if len(previous) >= 0.75 * self.width:
            return True
        return previous[-1:] not in ".!?:" and len(previous) >= 0.5 * self.width

    def _goal_heading(self, index: int) -> int:
        group = [self.lines[index]]
        index += 1
        while index < len(self.lines):
            text = self.lines[index].stripped
            if not text or self._standalone(text) or self._table_header(index) is not None:
                break
            starts_lower = text[:1].islower()
            # the plain export sets a blank line after a goal's heading, so the lines
            # before it are the heading, however its wrap fell ("... år" / "2030")
            if not starts_lower and not self.plain and len(group[-1].stripped) < 0.75 * self.width:
                break
            group.append(self.lines[index])
            index += 1
        self._emit(group)
        return index

    def _flush(self, para: list[Line]) -> None:
        if para:
            self._emit(para)

    def _emit(self, lines: list[Line], marked: bool = False, level: int = 0) -> None:
        text = join_lines(line.stripped for line in lines)
        first = lines[0]
        if self.out and not isinstance(self.out[-1], Blank):
            self.out.append(Blank(first.number, first.page))
        self.out.append(Para(text, first.number, first.page, marked, level))
        self.out.append(Blank(first.number, first.page))

    # -- tables --------------------------------------------------------------
    def _table_header(self, index: int) -> tuple[str, int] | None:
        text = self.lines[index].stripped
        words = text.split()
        if not words:
            return None
        first = words[0].casefold()
        kind = None
        if first == "indikator" and len(words) >= 3:
            kind = "indicator"
        elif re.match(r"^(?:[✓✔!]\s*)?Aktivitet\s", text) and "Startdatum" in text:
            kind = "activity"
        elif first == "uppdelning" and len(words) >= 3:
            kind = "complaints"
        elif (
            "Budget" in words and re.search(r"\b(Avvikelse|Awikelse)\b", text) and len(words) <= 10
        ):
            kind = "budget"
        if kind is None:
            return None
        end = index + 1
        while end < len(self.lines):
            following = self.lines[end].stripped
            tokens = following.casefold().split()
            if not tokens or len(tokens) > 8:
                break
            # a header cell wrapped mid-word leaves a fragment ("katego" / "rier"):
            # most of the line's words must be header words, and no value may be there
            known = sum(1 for t in tokens if t in HEADER_WORDS or YEAR_ONLY_RE.match(t))
            if known * 2 < len(tokens) or any(
                re.search(r"\d", t) and t not in HEADER_WORDS and not YEAR_ONLY_RE.match(t)
                for t in tokens
            ):
                break
            end += 1
        return kind, end

    def _table(self, index: int, kind: str, body_start: int) -> int:
        header_lines = self.lines[index:body_start]
        # Columns kept by position leave wide gaps; single-spaced text at most a double space.
        aligned = len(re.findall(r"\S\s{3,}\S", header_lines[0].text)) >= 2
        columns = _columns(header_lines, kind, aligned)
        end = body_start
        while end < len(self.lines):
            text = self.lines[end].stripped
            if text and (
                _is_goal_heading(text)
                or (_is_known_heading(text) and vocab.norm(text) != "analys")
                or _is_status(text)
                or (end > body_start and self._table_header(end) is not None)
            ):
                break
            if kind == "complaints" and text and vocab.norm(text) == "sammanfattning":
                break  # the table's summary heading (klagomål.sammanfattning)
            if kind == "budget" and text and vocab.norm(text).startswith("summa netto"):
                end += 1
                break
            end += 1
        body = [line for line in self.lines[body_start:end] if line.stripped]
        first = header_lines[0]
        self.out.append(Row(tuple(c.name for c in columns), first.number, first.page))
        rows = _rows(body, columns, kind, aligned, report_type=self._report_type())
        for item in rows:
            self.out.append(item)
        self.out.append(
            Blank(self.lines[end - 1].number if end > index else first.number, first.page)
        )
        return end

    # -- the plain export ----------------------------------------------------
    def _plain_toc(self, index: int) -> int:
        """The contents list: entries end with a dot leader and a page number ("...3"), a long
        one wrapped over lines before it; the first section heading without one ends it."""
        entry: list[Line] = []
        while (index := self._skip_blank(index)) < len(self.lines):
            line = self.lines[index]
            text = line.stripped
            leader = PLAIN_TOC_RE.search(text)
            if (
                not entry
                and not leader
                and (_is_known_heading(text) or not self._toc_wrapped_ahead(index))
            ):
                break
            entry.append(line)
            index += 1
            if leader:
                title = join_lines(x.stripped for x in entry)
                match = PLAIN_TOC_RE.search(title)
                assert match is not None
                title = title[: match.start()].rstrip(" .")
                first = entry[0]
                self.out.append(Para(f"{title} {match.group(1)}", first.number, first.page))
                entry = []
        if entry:
            self._emit(entry)
        return index

    def _toc_wrapped_ahead(self, index: int) -> bool:
        """Whether a contents entry without a leader is finished by a leader on a later line."""
        seen = 0
        for line in self.lines[index + 1 :]:
            if not line.stripped:
                continue
            if PLAIN_TOC_RE.search(line.stripped):
                return True
            seen += 1
            if seen >= 4 or _is_known_heading(line.stripped):
                return False
        return False

    def _report_type(self) -> str | None:
        """The report's type as its cover title gives it ("Tertialrapport 1 2024 för ..."); a
        tertial report whose title does not say which tertial has none."""
        for line in self.lines[:400]:
            title = report_title(line.stripped)
            if title is not None and title[1] is not None:
                rest = line.stripped.replace(str(title[1]), "")
                named = re.search(r"\b(?:T[12]|[12])\b", rest)
                if title[0] in ("T1", "T2") and not named:
                    return None
                return title[0]
        return None

    def _unit_name(self) -> str | None:
        """The unit's name as the running heads or the cover give it."""
        for head in self.heads:
            match = re.match(rf"^(.*?),\s*{plain_mod.TYPE_WORDS}\b", head)
            if match:
                return match.group(1).strip()
        for index, line in enumerate(self.lines[:80]):
            title = report_title(line.stripped)
            if title is None or title[1] is None:
                continue
            if title[2]:
                return title[2]
            following = next((x for x in self.lines[index + 1 : index + 4] if x.stripped), None)
            if following is not None and not self._standalone(following.stripped):
                return following.stripped
        return None

    def _skip_blank(self, index: int) -> int:
        """The index of the first line at or after ``index`` that is not blank (or the end)."""
        while index < len(self.lines) and not self.lines[index].stripped:
            index += 1
        return index

    def _merged_header(self, index: int) -> int:
        """ "Handläggare  Till" on one line, the author and the addressee merged on the next:
        split by the words a committee's name ends with, or by the unit's own name."""
        index = self._skip_blank(index + 1)
        if index >= len(self.lines):
            return index
        group = [self.lines[index]]
        split = plain_mod.split_author_addressee(group[0].stripped, self._unit_name())
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if (
            split is None
            and following is not None
            and following.stripped
            and not self._standalone(following.stripped)
        ):
            joined = plain_mod.split_author_addressee(
                join_lines([group[0].stripped, following.stripped]), self._unit_name()
            )
            if joined is not None:
                group.append(following)
                split = joined
        first = group[0]
        if split is None:
            # nothing tells where the author ends: the line stays as written, unplaced
            self._emit([first])
            return index + 1
        author, addressee = split
        for text in ("Handläggare", author, "Till", addressee):
            if text:
                self._emit([Line(text, first.number, first.page)])
        return index + len(group)

    def _plain_end(self, start: int, kind: str) -> int:
        end = start
        while end < len(self.lines):
            line = self.lines[end]
            text = line.stripped
            if not text:
                end += 1
                continue
            if kind == "activity" and re.match(r"^  \S", line.text):
                end += 1  # an activity's text, indented: never a heading
                continue
            if (
                _is_goal_heading(text)
                or (_is_known_heading(text) and vocab.norm(text) != "analys")
                or _is_status(text)
                or MERGED_HEADER_RE.match(line.text)
            ):
                break
            if kind == "complaints" and vocab.norm(text) == "sammanfattning":
                break
            found = plain_mod.header_at(self.lines, end)
            if found is not None and found.kind != kind:
                break
            if found is None and self._table_header(end) is not None:
                break
            if found is not None:
                end = found.end
                continue
            end += 1
        while end > start and not self.lines[end - 1].stripped:
            end -= 1
        return end

    def _plain_table(self, header: plain_mod.Header) -> int:
        end = self._plain_end(header.end, header.kind)
        body: list[Line] = []
        index = header.end
        while index < end:
            found = plain_mod.header_at(self.lines, index, header.kind)
            if found is not None:
                index = found.end  # the header row repeated after a page break
                continue
            body.append(self.lines[index])
            index += 1
        first = self.lines[header.start]
        if header.kind == "indicator":
            names = plain_mod.indicator_columns(header.words)
        elif header.kind == "activity":
            names = list(ACTIVITY_COLUMN_HEADINGS)
        else:
            names = list(COMPLAINT_COLUMN_HEADINGS.values())
        if self.out and not isinstance(self.out[-1], Blank):
            self.out.append(Blank(first.number, first.page))
        self.out.append(Row(tuple(names), first.number, first.page))
        after: list[Line] = []
        if header.kind == "indicator":
            keys = [vocab.match_column(n, vocab.INDICATOR_COLUMNS) for n in names[1:]]
            after = self._plain_indicators(body, keys)
        elif header.kind == "activity":
            after = self._plain_activities(body)
        else:
            after = self._plain_complaints(body)
        last = self.lines[end - 1] if end > header.start else first
        self.out.append(Blank(last.number, last.page))
        if after:
            self._emit(after)
        return end

    # the income statement
    def _plain_budget(self, index: int) -> int:
        header = self.lines[index]
        label = re.split(r"\s+Budget\b", header.stripped)[0].strip()
        if self.out and not isinstance(self.out[-1], Blank):
            self.out.append(Blank(header.number, header.page))
        self.out.append(
            Row(("", label or "Utfall", "Budget", "Avvikelse"), header.number, header.page)
        )
        rows: list[list[Line]] = []
        index += 1
        while (index := self._skip_blank(index)) < len(self.lines):
            line = self.lines[index]
            text = line.stripped
            if (
                _is_goal_heading(text)
                or _is_known_heading(text)
                or self._table_header(index) is not None
                or plain_mod.header_at(self.lines, index) is not None
            ):
                break
            if rows and not self._budget_row_open(rows[-1]) and text[:1].isalpha():
                if self._budget_done(rows[-1]):
                    break
                rows.append([line])
            elif rows:
                rows[-1].append(line)
            else:
                rows.append([line])
            index += 1
            if self._budget_done(rows[-1]) and not self._budget_row_open(rows[-1]):
                following = next((x for x in self.lines[index:] if x.stripped), None)
                if following is None or not following.stripped[:1].isdigit():
                    break
        for row in rows:
            text = plain_mod.row_text([x.text for x in row], self.spaced)
            tokens = text.split(" ")
            end = plain_mod.budget_label_end(tokens)
            label = " ".join(t for t in tokens[:end] if t)
            found = plain_mod.budget_cells(tokens[end:])
            note = None
            cells = ["", "", ""]
            if found is None:
                if any(tokens[end:]):
                    label = text.strip()
                    note = GUESSED
            else:
                cells, judged = found
                note = GUESSED if judged else None
            first = row[0]
            self.out.append(Row((label, *cells), first.number, first.page, note))
        self.out.append(Blank(self.lines[index - 1].number, self.lines[index - 1].page))
        return index

    def _budget_row_open(self, row: list[Line]) -> bool:
        """A row still waiting for its amounts: its text has no cell after the label."""
        text = plain_mod.row_text([x.text for x in row], self.spaced)
        tokens = text.split(" ")
        return plain_mod.budget_label_end(tokens) == len(tokens)

    def _budget_done(self, row: list[Line]) -> bool:
        text = plain_mod.row_text([x.text for x in row], self.spaced)
        return vocab.norm(text).startswith("summa netto") and not self._budget_row_open(row)

    # indicators
    def _reading(
        self, lines: list[Line], keys: list[str | None], name_lines: int | None
    ) -> list[plain_mod.Reading]:
        text = plain_mod.row_text([line.text for line in lines], self.spaced)
        name_words = None
        if name_lines:
            name_text = plain_mod.row_text([x.text for x in lines[:name_lines]], self.spaced)
            name_words = len(name_text.strip(" ").split(" "))
        return plain_mod.read_indicator(text, keys, name_words)

    def _plain_indicators(self, body: list[Line], keys: list[str | None]) -> list[Line]:
        rows: list[tuple[list[Line], int | None, list[list[Line]] | None]] = []
        current: list[Line] = []
        name_lines: int | None = None
        analysis: list[list[Line]] | None = None
        blank = False

        def close() -> None:
            nonlocal current, name_lines, analysis
            if current or analysis:
                rows.append((current, name_lines, analysis))
            current, name_lines, analysis = [], None, None

        for position, line in enumerate(body):
            text = line.stripped
            if not text:
                blank = True
                if analysis is not None and analysis[-1]:
                    analysis.append([])
                continue
            was_blank, blank = blank, False
            if re.match(r"^Analys\b", text):
                analysis = [[]]
                rest = text[len("Analys") :].strip()
                if rest:
                    analysis[-1].append(Line(rest, line.number, line.page))
                continue
            if analysis is not None:
                if was_blank and self._row_ahead(body, position, keys):
                    close()
                else:
                    analysis[-1].append(line)
                    continue
            if not current:
                current = [line]
                continue
            if len(current) >= MAX_ROW_LINES:
                close()  # no row is that tall: text, read no further as one row
                current = [line]
                continue
            if was_blank and name_lines is None:
                old = self._reading(current, keys, None)
                if not old or old[0].filled == 0:
                    name_lines = len(current)
            old = self._reading(current, keys, name_lines)
            wrapped = self.spaced and not current[-1].text.endswith(" ")
            best = old[0] if old else None
            if best is not None and not wrapped:
                if plain_mod.indicator_row_complete(best, keys):
                    close()
                    current = [line]
                    continue
                if (
                    best.filled > 0
                    and _strip_marks(text)[:1].isupper()
                    and not plain_mod.CELL_START_RE.match(text)
                ):
                    new = self._reading([*current, line], keys, name_lines)
                    if not new or new[0].name != best.name:
                        close()
                        current = [line]
                        continue
            current.append(line)
        close()
        return self._emit_indicators(rows, keys)

    def _emit_indicators(
        self,
        rows: list[tuple[list[Line], int | None, list[list[Line]] | None]],
        keys: list[str | None],
    ) -> list[Line]:
        """Each row gathered with its analysis, read into its cells; what is no row is left."""
        leftover: list[Line] = []
        for lines, names, paras in rows:
            if not lines:
                continue
            readings = self._reading(lines, keys, names)
            best = readings[0] if readings else None
            if best is None or (best.filled == 0 and best.pads > 0):
                leftover.extend(lines)  # no value and no cell in it: not a row
                continue
            note = None
            rivals = [r for r in readings[1:4] if r.filled == best.filled and r.pads == best.pads]
            if any(r.cells != best.cells for r in rivals):
                note = GUESSED
            first = lines[0]
            self.out.append(Row((best.name, *best.cells), first.number, first.page, note))
            for number, paragraph in enumerate([p for p in (paras or []) if p]):
                text = join_lines(x.stripped for x in paragraph)
                prefix = "Analys " if number == 0 else ""
                self.out.append(Para(prefix + text, paragraph[0].number, paragraph[0].page))
            if paras is not None and not any(paras):
                self.out.append(Para("Analys", first.number, first.page))
        return leftover

    def _row_ahead(self, body: list[Line], position: int, keys: list[str | None]) -> bool:
        """Whether an indicator row starts at ``position`` (its values follow within a few
        lines): what ends an analysis that the next row follows."""
        lines: list[Line] = []
        for line in body[position:]:
            if len(lines) >= 12:
                break
            if not line.stripped:
                # a paragraph that ends a sentence is the analysis, not a row's name
                if lines and lines[-1].stripped[-1:] in ".!?:;":
                    return False
                continue
            if re.match(r"^Analys\b", line.stripped):
                # a row whose last cells are empty ends where its analysis begins
                readings = self._reading(lines, keys, None) if lines else []
                if not readings or readings[0].name.rstrip()[-1:] in ".!?:;":
                    return False
                best = readings[0]
                return (
                    best.filled >= 2
                    or plain_mod.indicator_row_complete(best, keys)
                    or (best.filled == 1 and best.pads <= 1)
                )
            lines.append(line)
            readings = self._reading(lines, keys, None)
            if (
                readings
                and readings[0].filled >= 2
                and plain_mod.indicator_row_complete(readings[0], keys)
            ):
                return True
        return False

    # activities
    def _plain_activities(self, body: list[Line]) -> list[Line]:
        activities: list[dict[str, list[Line]]] = []
        current: dict[str, list[Line]] | None = None
        state = ""
        blank = False
        leftover: list[Line] = []
        for position, line in enumerate(body):
            text = line.stripped
            if not text:
                blank = True
                if state == "analysis" and current is not None and current["analysis"]:
                    current["analysis"].append(Line("", line.number, line.page))
                continue
            was_blank, blank = blank, False
            raw = line.text
            dates = ACTIVITY_DATES_RE.match(raw)
            if re.match(r"^Analys\b", text) and current is not None:
                state = "analysis"
                rest = text[len("Analys") :].strip()
                current["analysis"].append(Line(rest, line.number, line.page))
                continue
            if dates and current is not None and not current["dates"]:
                current["dates"] = [line]
                state = "note"
                continue
            indented = raw.startswith("  ") and not raw.startswith("    ")
            # text cut by a page break goes on in lower case after the repeated header
            goes_on = (
                current is not None
                and state == "text"
                and not current["dates"]
                and text[:1].islower()
            )
            if (
                indented
                and not goes_on
                and (current is None or current["dates"] or state == "analysis" or was_blank)
            ):
                current = {"text": [line], "dates": [], "analysis": []}
                activities.append(current)
                state = "text"
                continue
            if current is None:
                current = {"text": [line], "dates": [], "analysis": []}
                activities.append(current)
                state = "text"
                continue
            if state == "text":
                current["text"].append(line)
            elif state == "note" and not was_blank:
                current["dates"].append(line)
            elif state == "analysis":
                current["analysis"].append(line)
            else:
                leftover = body[position:]  # text after the table (its heading came before it)
                break
        for activity in activities:
            self._emit_activity(activity)
        return [line for line in leftover if line.stripped]

    def _emit_activity(self, activity: dict[str, list[Line]]) -> None:
        """An activity's row (text, dates, note) and its analysis paragraphs."""
        text = join_lines(x.stripped for x in activity["text"])
        start = end = note = ""
        if activity["dates"]:
            row = plain_mod.row_text([x.text for x in activity["dates"]], self.spaced)
            # an empty date leaves its space: " 2024-10-31" has no start date
            parts = row.split(" ")
            start = parts[0] if plain_mod.DATE_RE.match(parts[0]) else ""
            after = parts[1:] if start or parts[0] == "" else parts
            end = after[0] if after and plain_mod.DATE_RE.match(after[0]) else ""
            after = after[1:] if after and (end or after[0] == "") else after
            note = " ".join(p for p in after if p)
        first = activity["text"][0]
        self.out.append(Row((text, start, end, note), first.number, first.page, whole=True))
        paragraphs: list[list[Line]] = [[]]
        for line in activity["analysis"]:
            if line.stripped:
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
        for number, paragraph in enumerate(paragraphs):
            body_text = join_lines(x.stripped for x in paragraph)
            prefix = "Analys " if number == 0 else ""
            self.out.append(Para(prefix + body_text, paragraph[0].number, paragraph[0].page))
        if activity["analysis"] and not paragraphs:
            self.out.append(Para("Analys", first.number, first.page))

    # complaints
    def _plain_complaints(self, body: list[Line]) -> list[Line]:
        stream = plain_mod.stream_of(body, self.spaced)
        tokens = stream.words()
        position = 0
        leftover: list[plain_mod.Token] = []
        while position < len(tokens):
            category = plain_mod.category_at(tokens, position)
            if category is None:
                label = plain_mod.group_label_at(tokens, position)
                if label:
                    position += label
                    continue
                if tokens[position]:
                    leftover.append(stream.tokens[position])
                position += 1
                continue
            group, _name, length = category
            start = position
            position += length
            stop = position
            while (
                stop < len(tokens)
                and plain_mod.category_at(tokens, stop) is None
                and not plain_mod.group_label_at(tokens, stop)
            ):
                stop += 1
            cells, used = plain_mod.complaint_cells(tokens[position:stop])
            leftover.extend(t for t in stream.tokens[position + used : stop] if t.text)
            position = stop
            if not any(cells) and group in ("från_vem", "vad_gällde"):
                continue  # a template row without figures: empty, not missing
            first = stream.tokens[start]
            label_text = " ".join(tokens[start : start + length])
            self.out.append(
                Row(
                    ("", label_text, *cells),
                    first.line,
                    first.page,
                    group_key=group,
                )
            )
        if not leftover:
            return []
        first = leftover[0]
        text = " ".join(t.text for t in leftover)
        self.out.append(Para("Sammanfattning", first.line, first.page, marked=True))
        self.out.append(Para(text, first.line, first.page))
        return []


def _columns(header: list[Line], kind: str, aligned: bool) -> list[Column]:
    if aligned:
        columns: list[Column] = []
        for match in re.finditer(r"\S+(?: \S+)*", header[0].text):
            columns.append(Column("", match.start(), [match.group(0)]))
        for line in header[1:]:
            for match in re.finditer(r"\S+(?: \S+)*", line.text):
                column = _column_at(columns, match.start())
                column.parts.append(match.group(0))
        if kind == "budget" and columns and columns[0].start > 2:
            columns.insert(0, Column("", 0, []))
        if kind == "activity" and columns and vocab.norm(columns[0].parts[0]) == "aktivitet":
            # the status column (✓, !, a status written out) has no heading of its own
            columns.insert(0, Column("", 0, []))
        for column in columns:
            column.name = _mend_heading(column.parts, kind)
        return columns
    words = " ".join(line.stripped for line in header)
    year = next((w for w in words.split() if YEAR_ONLY_RE.match(w)), "")
    names: list[str]
    if kind == "indicator":
        first = header[0].stripped
        names = ["Indikator"]
        periodens = 0
        # "Utfall män/ pojkar" set in a narrow column reads "Utfall" on the first line and
        # "män/" below it: the words below name the bare "Utfall" headings in order
        below = [w for line in header[1:] for w in line.stripped.casefold().split()]
        genders = [w for w in below if w.startswith(("män/", "kvinn"))]
        for token in re.findall(
            r"Periodens|Utfall män/|Utfall kvinn\S*|Utfall VB|Utfall|Prognos\w*|Å?A?rsm\w*|KF:s|Periodicitet|Perio\w*|Års\w*",
            first,
        ):
            if token == "Periodens":
                periodens += 1
                names.append(
                    "Periodens utfall" if periodens == 1 else f"Periodens utfall VB {year}".strip()
                )
            elif token.startswith("Utfall män"):
                names.append("Utfall män/ pojkar")
            elif token.startswith("Utfall kvinn"):
                names.append("Utfall kvinnor/ flickor")
            elif token == "Utfall" and genders:
                male = genders.pop(0).startswith("män")
                names.append("Utfall män/ pojkar" if male else "Utfall kvinnor/ flickor")
            elif token == "Utfall VB":
                names.append(f"Utfall VB {year}".strip())
            elif token.startswith("Prognos"):
                names.append("Prognos helår")
            elif token.startswith(("Årsm", "Arsm", "Års")):
                names.append("Årsmål")
            elif token == "KF:s":
                names.append("KF:s årsmål")
            elif token == "Periodicitet":
                names.append("Periodicitet")
            elif token.startswith("Perio"):
                names.append("Period")
    elif kind == "activity":
        names = list(ACTIVITY_COLUMN_HEADINGS)
    elif kind == "budget":
        label = re.split(r"\s+Budget\b", header[0].stripped)[0].strip()
        names = ["", label or "Utfall", "Budget", "Avvikelse"]
    else:
        names = list(COMPLAINT_COLUMN_HEADINGS.values())
    return [Column(name, -1, [name]) for name in names]


_VOCABULARY = {
    "indicator": vocab.INDICATOR_COLUMNS,
    "activity": vocab.ACTIVITY_COLUMNS,
    "complaints": vocab.COMPLAINT_COLUMNS,
}


# Words of the templates' column headings: a heading cell wrapped mid-word is mended
# when the two pieces make one of them ("Perioden" / "s utfall").
HEADING_WORDS = {
    word.casefold()
    for heading in (
        "Indikator Periodens utfall Utfall män/ pojkar kvinnor/ flickor Prognos helår Årsmål",
        "KF:s årsmål Period Periodicitet Aktivitet Startdatum Slutdatum Avvikelse Budget",
        "Uppdelning Klagomål/synpunkter/kategorier Totalt ack. Sammanfattning och planerade",
        "åtgärder bokslut",
    )
    for word in heading.split()
}


def _mend_words(parts: list[str]) -> list[str]:
    mended = [parts[0]] if parts else []
    for part in parts[1:]:
        last = mended[-1].split()[-1] if mended[-1].split() else ""
        first = part.split()[0] if part.split() else ""
        joined = (last + first).casefold()
        if joined in HEADING_WORDS and not (
            last.casefold() in HEADING_WORDS and first.casefold() in HEADING_WORDS
        ):
            mended[-1] = mended[-1] + part
        else:
            mended.append(part)
    return mended


def _mend_heading(parts: list[str], kind: str) -> str:
    """A column heading from its lines; a word the column wrapped mid-word is joined again
    ("Perioden" / "s utfall" is "Periodens utfall") when only the joined form is a heading."""
    parts = _mend_words(parts)
    name = " ".join(parts)
    columns = _VOCABULARY.get(kind)
    if columns is None or len(parts) < 2 or vocab.match_column(name, columns) is not None:
        return name
    for cut in range(1, len(parts)):
        # the piece before the cut and the piece after it as one word
        joined = " ".join([*parts[: cut - 1], parts[cut - 1] + parts[cut], *parts[cut + 1 :]])
        if vocab.match_column(joined, columns) is not None:
            return joined
    return name


def _column_at(columns: list[Column], start: int) -> Column:
    chosen = columns[0]
    for column in columns:
        if column.start <= start + 2:
            chosen = column
    return chosen


def _aligned_cells(line: Line, columns: list[Column]) -> list[str]:
    cells = [""] * len(columns)
    for match in re.finditer(r"\S+(?: \S+)*", line.text):
        column = columns.index(_column_at(columns, match.start()))
        cells[column] = (cells[column] + " " + match.group(0)).strip()
    return cells


def _group_of_category(category: str) -> str | None:
    """The complaint group whose template names ``category``, when exactly one does."""
    groups = {
        group
        for group, names in vocab.COMPLAINT_CATEGORIES.items()
        for name in names
        if vocab.norm(name) == vocab.norm(category) or vocab.similar(name, category) >= 0.9
    }
    return groups.pop() if len(groups) == 1 else None


def _aligned_complaints(body: list[Line], columns: list[Column]) -> list[Item]:
    """The complaints table read by positions, its group labels apart from its rows.

    The city sets a group's label in the first column beside the group's rows, centred and
    wrapped, so its pieces fall between the rows and beside wrapped categories. The label
    is read as a column of its own; a row's group is the one its category belongs to in the
    template, else the one whose label stands beside the row. A row neither tells stays
    without a group (the parser keeps it unplaced rather than guess).
    """
    fragments: list[tuple[int, str]] = []  # (line number, text) of the label column
    stripped: list[Line] = []
    label_end = columns[1].start if len(columns) > 1 else 0
    for line in body:
        head = line.text[:label_end]
        if head.strip():
            fragments.append((line.number, re.sub(r"\s+", " ", head).strip()))
        stripped.append(Line(" " * len(head) + line.text[label_end:], line.number, line.page))
    # the labels: a new one starts at a piece that begins a group label
    labels: list[tuple[str, str, int, int]] = []  # (group, label, first line, last line)
    for number, text in fragments:
        group = vocab.match_column(text, vocab.COMPLAINT_GROUPS)
        if group is not None:
            labels.append((group, text, number, number))
        elif labels:
            g, label, first, _last = labels[-1]
            labels[-1] = (g, label + " " + text, first, number)
    rows = _rows(stripped, columns, "complaints", True, split_labels=False)
    numbers = [item.line for item in rows if isinstance(item, Row)]
    out: list[Item] = []
    seen: set[str] = set()
    for index, item in enumerate(rows):
        if not isinstance(item, Row):
            out.append(item)
            continue
        group = _group_of_category(item.cells[1]) if len(item.cells) > 1 else None
        if group is None:
            # the label beside the row: one whose lines overlap the row's lines
            end = numbers[index + 1] - 1 if index + 1 < len(numbers) else item.line + 10**6
            beside = {g for g, _l, first, last in labels if first <= end and last >= item.line}
            group = beside.pop() if len(beside) == 1 else None
        label = ""
        if group is not None and group not in seen:
            seen.add(group)
            label = next((text for g, text, _f, _l in labels if g == group), "")
        out.append(Row((label, *item.cells[1:]), item.line, item.page, item.note, group_key=group))
    return out


def _rows(
    body: list[Line],
    columns: list[Column],
    kind: str,
    aligned: bool,
    split_labels: bool = True,
    report_type: str | None = None,
) -> list[Item]:
    if kind == "complaints" and aligned and split_labels and len(columns) > 2:
        return _aligned_complaints(body, columns)
    out: list[Item] = []
    current: list[str] | None = None
    current_line: Line | None = None
    current_note: str | None = None
    analysis: list[Line] = []
    continued: list[str] = []  # the current row's lines after its first
    labels = _GroupLabel() if kind == "complaints" and not aligned else None

    def flush() -> None:
        nonlocal current, current_line, current_note
        if current is not None and current_line is not None:
            if not aligned:
                _settle(current, columns, kind, continued, report_type)
                if kind in ("indicator", "complaints"):
                    current_note = None  # nothing judged: a cell is certain or unknown
            out.append(Row(tuple(current), current_line.number, current_line.page, current_note))
        current, current_line, current_note = None, None, None
        continued.clear()

    def flush_analysis() -> None:
        if analysis:
            out.append(
                Para(" ".join(a.stripped for a in analysis), analysis[0].number, analysis[0].page)
            )
            analysis.clear()

    for line in body:
        text = line.stripped
        if re.match(r"^(?:[✓✔!]\s*)?Analys\b", text) and kind in ("indicator", "activity"):
            flush()
            flush_analysis()
            analysis.append(Line(re.sub(r"^[✓✔!]\s*", "", text), line.number, line.page))
            continue
        if labels is not None:
            text = labels.strip(text)  # the group label's words, set beside the rows
            if not text:
                continue
        cells = _aligned_cells(line, columns) if aligned else _split(text, kind, len(columns))
        anchor = _is_anchor(cells, kind, text, current)
        if labels is not None and anchor and cells[0]:
            labels.start(cells[0])
        if anchor:
            flush()
            flush_analysis()
            current, current_line = cells, line
            current_note = None if aligned else _guess_note(cells, kind, text)
            continue
        if analysis:
            analysis.append(line)
            continue
        if current is None:
            if kind in ("budget", "complaints"):
                current, current_line = cells, line
                if kind == "budget":
                    flush()
                continue
            current, current_line = cells, line
            continue
        _merge(current, cells, kind, aligned, text)
        continued.append(text)
    flush()
    flush_analysis()
    return out


class _GroupLabel:
    """The complaints table's group label in single-spaced text: it stands in the first
    column, wrapped beside the group's rows, so its words begin the lines that follow its
    first. They are taken off those lines, so that they join neither a category nor a
    summary."""

    def __init__(self) -> None:
        self.rest: list[str] = []  # the label's words still to come

    def start(self, words: str) -> None:
        """A row's first cell begins a label: expect the rest of its words."""
        have = words.split()
        self.rest = []
        for label in (*vocab.COMPLAINT_GROUP_LABELS.values(), plain_mod.SUBJECT_LABEL):
            expected = label.split()
            if _common_prefix(have, expected) == len(have) and len(expected) > len(have):
                self.rest = expected[len(have) :]
                return

    def strip(self, text: str) -> str:
        words = text.split()
        take = _common_prefix(words, self.rest)
        self.rest = self.rest[take:]
        return " ".join(words[take:])


def unknown_mark(text: str) -> str:
    """A cell the reader cannot place with confidence, as the parser reads it back:
    "[okänd: <the source's text>]" becomes ``{okänd: <the source's text>}``."""
    return "[okänd: " + " ".join(text.replace("]", ")").split()) + "]"


def _settle(
    cells: list[str],
    columns: list[Column],
    kind: str,
    continued: list[str],
    report_type: str | None = None,
) -> None:
    """A single-spaced row lost its empty cells: keep the cells whose column is certain, and
    write the others as unknown rather than guess."""
    if kind == "indicator" and len(cells) == len(columns) > 1:
        _settle_indicator(cells, [c.name for c in columns[1:]], continued)
    elif kind == "complaints" and len(cells) >= 5:
        counts = [c for c in cells[2:5] if c]
        if 0 < len(counts) < 3:  # which tertials: only where the format leaves one choice
            total = cells[5] if len(cells) > 5 else ""
            placed = placement.complaint_counts(counts, total, report_type)
            cells[2:5] = placed or [unknown_mark(" ".join(counts))] * 3
    elif kind == "activity" and len(cells) >= 4 and cells[3] and continued:
        # the name and the note both wrap: their next lines hold words of either
        rest = " ".join(continued)
        icon = re.match(r"^[✓✔!]\s*", cells[0])
        head = icon.group(0) if icon else ""
        cells[0] = head + unknown_mark(cells[0][len(head) :])
        cells[3] = unknown_mark(cells[3] + " " + rest)


def _column_pattern(name: str, delegated_known: bool = True) -> re.Pattern[str]:
    """What a column holds. Årsmål never holds the council's "Tas fram av nämnd", unless
    the text cannot say what that phrase was (``delegated_known`` false)."""
    if name in ("Period", "Periodicitet"):
        return plain_mod.PERIOD_RE
    if name.startswith("Årsmål") and delegated_known:
        return placement.OWN_TARGET_RE
    if name.startswith(("Årsmål", "KF:s")):
        return plain_mod.TARGET_RE
    return plain_mod.VALUE_RE


def _glued_after_slash(values: list[str], continued: list[str]) -> bool:
    """Whether a value was joined across lines right after a slash ("nämnd/" / "styrelse"):
    whether the source had a space there, the text does not say."""
    words = {re.escape(w) for line in continued for w in line.split()}
    return any(re.search(rf"/(?:{w})(?:\s|$)", v) for v in values if "/" in v for w in words)


def _settle_indicator(cells: list[str], names: list[str], continued: list[str]) -> None:
    """Each value column keeps the one content every placement of the row's values gives it;
    a column that several placements fill differently becomes unknown. The period, last in
    every row, is certain when it reads as one."""
    values = cells[1:]
    span = len(values)
    if names[-1] in ("Period", "Periodicitet") and FULL_PERIOD_RE.match(values[-1]):
        span -= 1
    tokens = " ".join(v for v in values[:span] if v).split()
    if not tokens:
        return
    known = not _glued_after_slash(values[:span], continued)
    options = plain_mod.column_options(tokens, [_column_pattern(n, known) for n in names[:span]])
    for index in range(span):
        choice = options[index] if options is not None else set()
        cells[1 + index] = choice.pop() if len(choice) == 1 else unknown_mark(" ".join(tokens))


# The most lines one indicator row takes in the plain export (a long name and a long target,
# wrapped in narrow columns); more is text that the table does not hold.
MAX_ROW_LINES = 40
ACTIVITY_DATES_RE = re.compile(r"^ ?\d{4}-\d{2}-\d{2}\b|^ {1,2}\d{4}-\d{2}-\d{2}\b")


FULL_PERIOD_RE = re.compile(r"^(?:(?:VB|T1|T2|VP)\s?)?(?:19|20)\d{2}$|^År$|^Tertial$")


GUESSED = (
    "Raden står utan kolumnmarkering i texten och tomma celler syns inte: "
    "värdenas kolumner är bedömda efter vad värdena ser ut som; kontrollera mot källan."
)


def _guess_note(cells: list[str], kind: str, text: str) -> str | None:
    """A Swedish note when a single-spaced row's columns had to be judged."""
    if kind == "indicator" and any(not c for c in cells[1:]) and any(cells[1:]):
        return GUESSED
    if kind == "complaints" and any(cells[2:5]) and sum(1 for c in cells[2:5] if c) < 3:
        return GUESSED
    if kind == "budget" and cells[1]:
        amounts = [c for c in cells[1:4]]
        try:
            a, b, c = (_amount(x) for x in amounts)
        except ValueError:
            return GUESSED
        if abs(abs(a - b) - abs(c)) > 1:
            return (
                "Beloppen i raden går inte ihop (avvikelsen är inte skillnaden mellan utfall "
                "och budget); siffrorna är fördelade på kolumnerna så nära som möjligt och "
                "står som de är skrivna. Kontrollera mot källan."
            )
    return None


def _is_anchor(cells: list[str], kind: str, text: str, current: list[str] | None) -> bool:
    if kind == "activity":
        return bool(DATE_IN_RE.search(text))
    if kind == "indicator":
        # Rows are top-aligned: a row's first line carries its period, which every row has.
        period = cells[-1]
        if current is not None and current[-1] in ("VB", "T1", "T2", "VP") and period:
            return False
        if period:
            return bool(FULL_PERIOD_RE.match(period) or period in ("VB", "T1", "T2", "VP"))
        return current is None and bool(cells[0]) and any(c for c in cells[1:])
    if kind == "budget":
        return bool(cells[0])
    # complaints: a row starts where a category starts, unless the category above is
    # still incomplete and this line continues it (a wrapped cell)
    if not cells[1]:
        return False
    if current is None or not current[1]:
        return True
    if _category_start(cells[1]) is not None:
        return True
    if cells[1][:1].islower() or (cells[1][:1] in "(,&/-" and not cells[0]):
        return False  # a wrapped category goes on ("(utebliven info,")
    return not _extends_category(current[1], cells[1])


def _extends_category(previous: str, text: str) -> bool:
    joined = previous + " " + text
    for names in vocab.COMPLAINT_CATEGORIES.values():
        for name in names:
            if vocab.norm(name).startswith(vocab.norm(joined)) and len(previous) < len(name):
                return True
            if vocab.similar(joined, name) > vocab.similar(previous, name) + 0.02 and (
                vocab.similar(joined, name) >= 0.85
            ):
                return True
    return False


def _merge(current: list[str], cells: list[str], kind: str, aligned: bool, text: str) -> None:
    if aligned:
        for index, cell in enumerate(cells):
            if cell:
                # a cell wraps after a slash inside a word ("nämnd/" "styrelse"): one word
                glue = "" if re.search(r"\S/$", current[index]) else " "
                current[index] = (current[index] + glue + cell).strip()
        return
    if kind == "activity":
        current[0] = (current[0] + " " + text).strip()
    elif kind == "indicator":
        _merge_indicator(current, text)
    elif kind == "complaints":
        _merge_complaint(current, text)
    else:
        current[0] = (current[0] + " " + text).strip()


# Multi-word values that wrap in a narrow column.
PHRASES = (
    "Tas fram av nämnd/s tyrelse",
    "Tas fram av nämnd/ styrelse",
    "Tas fram av nämnd/styrelse",
    "Tas fram av nämnd",
    "Max 10 personer",
    "kg CO2 per kg livsmedel",
)
UNITS = ("%", "st", "GWh", "kr", "tkr")


def _continues_phrase(cell: str, word: str) -> bool:
    words = cell.split()
    for phrase in PHRASES:
        target = phrase.split()
        for k in range(1, min(len(words), len(target)) + 1):
            tail = words[-k:]
            if tail == target[:k] and len(target) > k and target[k] == word:
                return True
    return False


def _merge_indicator(current: list[str], text: str) -> None:
    """A continuation line of a single-spaced indicator row: value fragments or name.

    Cells are side by side, so the line holds the name's next words first and then
    the next words of the values that wrapped; a value's words are recognised by
    the phrase they complete, a year after "VB", or a unit after a bare number.
    """
    rest: list[str] = []
    for word in text.split():
        placed = False
        for index in range(len(current) - 1, 0, -1):
            cell = current[index]
            if (cell in ("VB", "T1", "T2") and YEAR_ONLY_RE.match(word)) or _continues_phrase(
                cell, word
            ):
                # a phrase wraps after a slash inside a word ("nämnd/" "styrelse"): one word
                current[index] = cell + ("" if cell.endswith("/") else " ") + word
                placed = True
            if placed:
                break
        if not placed and word in UNITS:
            for index in range(1, len(current) - 1):
                if re.fullmatch(r"-?\d[\d ]*(,\d+)?", current[index]):
                    current[index] = current[index] + " " + word
                    placed = True
                    break
        if not placed:
            rest.append(word)
    if rest:
        current[0] = (current[0] + " " + " ".join(rest)).strip()


def _word_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    return len(a) >= 5 and len(b) >= 5 and vocab.similar(a, b) >= 0.8


def _find_category(words: list[str]) -> tuple[int, int, str] | None:
    """(first word, number of words, name) of the earliest template category in ``words``."""
    names = [n for group in vocab.COMPLAINT_CATEGORIES.values() for n in group]
    for start in range(len(words)):
        best: tuple[int, str] | None = None
        for name in names:
            name_words = name.split()
            # two words identify a category; a long first word alone does (it may wrap)
            need = 1 if len(name_words[0]) >= 10 else min(2, len(name_words))
            if len(words) - start < need:
                continue
            if not words[start][:1].isupper() or not all(
                _word_eq(words[start + k], name_words[k]) for k in range(need)
            ):
                continue
            length = need
            while (
                length < len(name_words)
                and start + length < len(words)
                and _word_eq(words[start + length], name_words[length])
            ):
                length += 1
            if best is None or length > best[0]:
                best = (length, name)
        if best is not None:
            return start, best[0], best[1]
    return None


def _category_start(text: str) -> str | None:
    found = _find_category(text.split())
    return found[2] if found is not None and found[0] == 0 else None


def _started(have: str) -> list[str]:
    """The template's categories whose first words ``have`` is ("Antal klagomål där" starts
    two of them)."""
    words = have.split()
    return [
        name
        for names in vocab.COMPLAINT_CATEGORIES.values()
        for name in names
        if len(name.split()) > len(words) and _common_prefix(words, name.split()) == len(words)
    ]


def _missing_words(have: str, name: str) -> list[str]:
    return name.split()[len(have.split()) :]


def _merge_complaint(current: list[str], text: str) -> None:
    """A continuation line: the group label's words (left column), the category's, the rest."""
    words = text.split()
    group = next(
        (
            g
            for g in vocab.COMPLAINT_GROUP_LABELS.values()
            if current[0] and g.startswith(current[0])
        ),
        "",
    )
    if words and group and len(current[0]) < len(group):
        missing = group[len(current[0]) :].strip().split()
        take = _common_prefix(words, missing)
        if take:
            current[0] = (current[0] + " " + " ".join(words[:take])).strip()
            words = words[take:]
    category = _category_start(current[1])
    if words and category:
        names = _started(current[1]) or [category]
        take = max(_common_prefix(words, _missing_words(current[1], name)) for name in names)
        if take:
            current[1] = (current[1] + " " + " ".join(words[:take])).strip()
            words = words[take:]
    if words:
        current[6] = (current[6] + " " + " ".join(words)).strip()


def _common_prefix(words: list[str], expected: list[str]) -> int:
    take = 0
    while take < len(words) and take < len(expected) and _word_eq(words[take], expected[take]):
        take += 1
    return take


def _split_complaint(text: str) -> list[str]:
    cells = [""] * 7
    words = text.split()
    found = _find_category(words)
    if found is None:
        cells[0] = text
        return cells
    start, length, _name = found
    cells[0] = " ".join(words[:start])
    cells[1] = " ".join(words[start : start + length])
    rest = " ".join(words[start + length :])
    match = re.match(r"^((?:\d+\s+)*?)(\d+ st)(?:\s+(.*))?$", rest) or re.match(
        r"^((?:\d+\s+)*)()(.*)$", rest + " "
    )
    if match:
        counts = match.group(1).split()
        slots = [2, 3, 4][-len(counts) :] if counts else []
        for slot, value in zip(slots, counts, strict=False):
            cells[slot] = value
        cells[5] = match.group(2) or ""
        cells[6] = (match.group(3) or "").strip()
    return cells


def _split(text: str, kind: str, count: int) -> list[str]:
    """Cells of a single-spaced row, by what the values look like."""
    if kind == "activity":
        match = re.search(r"(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})\s*(.*)$", text)
        if not match:
            return [text, "", "", ""]
        return [
            text[: match.start()].strip(),
            match.group(1),
            match.group(2),
            match.group(3).strip(),
        ]
    if kind == "budget":
        return _split_budget(text)
    if kind == "complaints":
        return _split_complaint(text)
    return _split_indicator(text, count)


def _split_indicator(text: str, count: int) -> list[str]:
    values: list[str] = []
    rest = text
    period = PERIOD_TAIL_RE.search(rest)
    tail: list[str] = []
    if period and period.start() > 0:
        tail.append(period.group(0))
        rest = rest[: period.start()].rstrip()
    elif re.search(r"\b(VB|T1|T2)$", rest):
        match = re.search(r"\b(VB|T1|T2)$", rest)
        assert match is not None
        tail.append(match.group(0))
        rest = rest[: match.start()].rstrip()
    while rest:
        match = VALUE_TAIL_RE.search(rest)
        if not match or match.start() == 0 or not rest[: match.start()].endswith(" "):
            break
        # the name's last word is not a value unless the name is already long
        values.insert(0, match.group(0))
        rest = rest[: match.start()].rstrip()
    values += tail
    cells = [rest] + [""] * (count - 1)
    slots = list(range(1, count))
    if len(values) >= len(slots):
        for slot, value in zip(slots, values[-len(slots) :], strict=True):
            cells[slot] = value
        return cells
    # Fewer values than columns: the period is last; targets before it; outcomes first.
    if values and tail:
        cells[count - 1] = values.pop()
        slots = slots[:-1]
    right = [s for s in slots[-2:]]
    while values and right:
        cells[right.pop()] = values.pop()
    left = list(slots[:-2])
    while values and left:
        cells[left.pop(0)] = values.pop(0)
    return cells


def _split_budget(text: str) -> list[str]:
    """Label and three amounts; digit groups split so that deviation = difference."""
    match = re.search(r"(?:\s|^)(-?\d{1,3}(?:\s-?\d{1,3})*)$", text)
    if not match:
        return [text, "", "", ""]
    label = text[: match.start()].strip()
    tokens = match.group(1).split()
    # Every split into three well-grouped amounts; the one whose deviation is the
    # difference of its amounts wins, else the one closest to it (a typo in a figure
    # must not move digits between cells; the figures stay as written).
    best: tuple[str, str, str] | None = None
    best_gap: int | None = None
    for i in range(1, len(tokens)):
        for j in range(i + 1, len(tokens)):
            parts = (" ".join(tokens[:i]), " ".join(tokens[i:j]), " ".join(tokens[j:]))
            if not all(_well_grouped(p) for p in parts):
                continue
            a, b, c = (_amount(p) for p in parts)
            gap = abs(abs(a - b) - abs(c))
            if best_gap is None or gap < best_gap:
                best, best_gap = parts, gap
    if best is None:
        if len(tokens) >= 3:
            best = (" ".join(tokens[:-2]), tokens[-2], tokens[-1])
        else:
            return [text, "", "", ""]
    return [label, *best]


def _well_grouped(text: str) -> bool:
    if "-" in text[1:]:
        return False
    groups = text.lstrip("-").split()
    return (bool(groups) and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])) or len(
        groups
    ) == 1


def _amount(text: str) -> int:
    return int(text.replace(" ", ""))
