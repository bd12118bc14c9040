"""Safe YAML reading with a location for every value.

The document is built from libyaml's event stream with an explicit stack:
no Python object is ever constructed from a tag, there is no recursion (so
deep nesting cannot crash the reader), and size, depth and alias limits are
enforced while reading. Every problem becomes a ``Problem`` with a line and
column; it never raises.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError
from yaml.resolver import Resolver

from checker.findings import Msg, Severity, json_pointer
from checker.lazyre import lazy_re
from checker.read.rules import schema, unreadable
from checker.read.safeio import SIZE_LIMITS, InputError, os_error, read_limited
from checker.record import Frozen, Record
from checker.rule import DocPath

try:  # libyaml is much faster; fall back to the pure-Python parser.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


class Limits(Frozen):
    """Documented limits on what the reader accepts."""

    _fields = (
        "max_bytes",
        "max_depth",
        "max_aliases",
        "max_nodes",
        "max_problems",
        "max_findings_per_rule",
    )
    max_bytes: int
    max_depth: int
    max_aliases: int
    max_nodes: int
    max_problems: int
    max_findings_per_rule: int

    def __init__(
        self,
        max_bytes: int = SIZE_LIMITS["report"],
        max_depth: int = 64,
        max_aliases: int = 100,
        # A real report has well under 1000 values (about 100 bytes each); 50 000 keeps
        # reading a hostile file within the two-second budget (500 000 took 3-4 s).
        max_nodes: int = 50_000,
        # Reading problems (duplicate keys, tags, aliases) before the reader gives up:
        # a file with thousands of them is not a report, and listing them all is slow.
        max_problems: int = 200,
        # Findings of one rule in one file before the rest are summarised in one finding:
        # 16 000 invalid statuses help nobody and take seconds to locate and label.
        max_findings_per_rule: int = 200,
    ) -> None:
        self._put(max_bytes, max_depth, max_aliases, max_nodes, max_problems, max_findings_per_rule)


class Problem(Record):
    """A reading problem, reported as RK104 or RK105."""

    _fields = ("code", "message", "line", "column", "severity", "path", "suggestion")

    def __init__(
        self,
        code: str,
        message: Msg,
        line: int,
        column: int,
        severity: Severity | None = None,
        path: DocPath = (),
        suggestion: Msg | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.severity = severity
        self.path = path
        self.suggestion = suggestion


class SourceMap(Record):
    """Where an imported report's values stand in the export it came from.

    ``places`` maps a JSON pointer to (line, page); the lines count in
    ``lines``, the export's text (for a PDF, the text built from its words).
    """

    _fields = ("kind", "places", "lines")

    def __init__(
        self, kind: str, places: dict[str, tuple[int, int | None]], lines: list[str]
    ) -> None:
        self.kind = kind  # marked | layout | pdf | docx
        self.places = places
        self.lines = lines

    def page(self, pointer: str) -> int | None:
        """The page of a finding's JSON pointer (or of its nearest ancestor), for a PDF."""
        while True:
            place = self.places.get(pointer)
            if place is not None or not pointer:
                return place[1] if place is not None else None
            pointer = pointer.rpartition("/")[0]

    def locate(self, path: DocPath) -> tuple[int, int | None] | None:
        """The source line (and page) of ``path`` or of its nearest ancestor that has one."""
        while True:
            place = self.places.get(json_pointer(path))
            if place is not None or not path:
                return place
            path = path[:-1]


class Document(Record):
    """A read report: data as written, and where each value stands."""

    _fields = (
        "file",
        "data",
        "positions",
        "problems",
        "lines",
        "quoted",
        "source",
        "text",
        "bom",
        "events",
        "as_written",
    )
    _not_shown = ("text", "events")

    def __init__(
        self,
        file: str,
        data: Any = None,
        positions: dict[DocPath, tuple[int, int]] | None = None,
        problems: list[Problem] | None = None,
        lines: list[str] | None = None,
        quoted: list[tuple[int, int, int, int]] | None = None,
        source: SourceMap | None = None,
        text: str | None = None,
        bom: bool = False,
        events: dict[DocPath, tuple[Any, Any]] | None = None,
        as_written: bool = False,
    ) -> None:
        self.file = file
        self.data = data
        # Where each value stands, (line, column), 1-based: a value in a mapping where its
        # key starts. The reader keeps it in one table with the values' spans (``places``,
        # as ``events``) and ``marks`` only what a span cannot tell (a list's mapping or
        # list, an alias); ``positions`` makes the whole dict when first asked for.
        self.places: dict[DocPath, tuple[Any, Any]] = {}
        self.marks: dict[DocPath, tuple[int, int]] = {} if positions is None else positions
        self.problems: list[Problem] = [] if problems is None else problems
        self.lines: list[str] = [] if lines is None else lines
        # Where scalars that hold "# …rapportkoll" text stand, (line, col, end line, end
        # col), 1-based, end exclusive: text there is a value, never a suppression comment.
        self.quoted: list[tuple[int, int, int, int]] = [] if quoted is None else quoted
        # Set for a report imported from an export: positions are then lines of the export.
        self.source = source
        # The text as decoded, before line ends were normalised, and whether the file began
        # with a BOM: a fix's edits are offsets into the file as stored (checker.engine.edits).
        self.text = text
        self.bom = bom
        # Where each value and its key stand as written, by path, for a fix to find the text
        # to edit without parsing the file again (checker.engine.edits): (key, value), a key
        # (None in a list) or a scalar value as ``ScalarSpan``, a mapping or list as its flow
        # style. None where these paths could differ from the text's tree (an alias, a key
        # that is not text as written, a duplicate key, several documents): the fixer then
        # reads the text itself.
        self.events = events
        # Floats kept as the text written ("9.50", not 9.5), for the renderer, which shows
        # every value exactly as written; the rules read numbers (False).
        self.as_written = as_written

    @property
    def readable(self) -> bool:
        return isinstance(self.data, dict)

    @property
    def positions(self) -> dict[DocPath, tuple[int, int]]:
        """Every value's position by path, in reading order; changes to it are kept."""
        if self.places:
            places, marks = self.places, self.marks
            self.marks = {path: place_of(places, marks, path) or (0, 0) for path in places}
            self.places = {}
        return self.marks

    @positions.setter
    def positions(self, positions: dict[DocPath, tuple[int, int]]) -> None:
        self.places, self.marks = {}, positions

    def position(self, path: DocPath) -> tuple[int, int]:
        """The position of ``path`` or of its nearest ancestor that exists.

        For an imported report, the line in the export (column 1): quality staff
        check a submission against the document they were sent, not our YAML.
        """
        if self.source is not None:
            place = self.source.locate(path)
            return (place[0], 1) if place is not None else (1, 1)
        places, marks = self.places, self.marks
        while path:
            pos = place_of(places, marks, path)
            if pos is not None:
                return pos
            path = path[:-1]
        return place_of(places, marks, ()) or (1, 1)


def place_of(
    places: dict[DocPath, tuple[Any, Any]], marks: dict[DocPath, tuple[int, int]], path: DocPath
) -> tuple[int, int] | None:
    """Where ``path`` stands: its key's start, a list item's or the root's own start when
    a scalar, else its mark (``Document.places``)."""
    entry = places.get(path)
    if entry is not None:
        key = entry[0]
        if key.__class__ is tuple:
            return key[0] + 1, key[1] + 1
        value = entry[1]
        if value.__class__ is tuple:
            return value[0] + 1, value[1] + 1
    return marks.get(path)


def lookup(data: Any, path: DocPath, default: Any = None) -> Any:
    """The value at ``path`` inside ``data``, or ``default`` when any step is missing."""
    for part in path:
        if isinstance(data, dict):
            if part not in data:
                return default
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return default
    return data


_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
    "!",
}
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

_resolver = Resolver()
# Digits, and bits, of the largest int whose decimal text Python writes (3.32 bits a digit).
_MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
_MAX_INT_BITS = _MAX_INT_DIGITS * 3
_constructor = SafeConstructor()
# First characters that can start a non-string plain scalar (null, bool, number, date).
_MAYBE_TYPED = frozenset(k for k in Resolver.yaml_implicit_resolvers if k is not None)


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Resolve a scalar as YAML 1.1 does, but keep dates and strings as written."""
    tag = event.tag
    if tag in (None, "!"):
        value = event.value
        if not event.implicit[0]:
            return value  # quoted or block: always text
        if value and value[0] not in _MAYBE_TYPED:
            return value  # fast path: most report values are plain text
        return _plain(value) if len(value) <= 64 else _plain.__wrapped__(value)
    return _typed(tag, event.value)


@functools.lru_cache(maxsize=4096)  # reports repeat the same numbers, dates and flags
def _plain(value: str) -> Any:
    """An untagged plain scalar: the result is immutable, so sharing it is safe."""
    tag = _resolver.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return _typed(tag, value)


def _typed(tag: str, value: str) -> Any:
    node = ScalarNode(tag, value)
    if tag == _NULL:
        return None
    try:
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == _INT:
            # Python cannot write an int of more than get_int_max_str_digits() digits as
            # text (a ValueError wherever it is shown), and builds a long "1:59:59:…" in
            # quadratic time: one that large stays as written.
            if len(value) > _MAX_INT_DIGITS:
                return value
            number = _constructor.construct_yaml_int(node)
            return value if number.bit_length() > _MAX_INT_BITS else number
        if tag == _FLOAT:
            return _constructor.construct_yaml_float(node)
    except (ValueError, KeyError, IndexError):
        # An explicit !!int/!!float/!!bool on text it cannot hold ('!!int "abc"'):
        # keep the text as written, and let the schema and the rules judge it.
        pass
    return value


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _sv_en(sv: str, en: str) -> Msg:
    return Msg(sv, en)


def _decode(raw: bytes, doc: Document) -> str | None:
    """Decode UTF-8, reporting BOMs, other encodings and binary data."""
    if raw.startswith(_UTF16_BOMS) or raw.startswith(b"\x00\x00\xfe\xff"):
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    "Filen är sparad som UTF-16. Spara den som UTF-8 (utan BOM) och kör igen.",
                    "The file is saved as UTF-16. Save it as UTF-8 (without BOM) and run again.",
                ),
                1,
                1,
            )
        )
        return None
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    "Filen innehåller NUL-tecken och är troligen ingen textfil. Kontrollera att rätt fil"
                    " har sparats som YAML.",
                    "The file contains NUL bytes and is probably not a text file. Check that the right"
                    " file was saved as YAML.",
                ),
                line,
                col,
            )
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        doc.bom = True
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    "Filen börjar med ett byte order mark (BOM). Det fungerar, men spara filen som"
                    " UTF-8 utan BOM så att alla verktyg läser den lika.",
                    "The file starts with a byte order mark (BOM). It works, but save the file as"
                    " UTF-8 without BOM so that every tool reads it the same.",
                ),
                1,
                1,
                Severity.WARNING,
            )
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            raw.decode("cp1252")
            guess = " (troligen Windows-1252 eller Latin-1)"
        except UnicodeDecodeError:
            pass
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    f"Filen är inte UTF-8{guess}: ogiltig byte 0x{raw[exc.start]:02x}. Spara filen"
                    ' som UTF-8 i din editor (t.ex. "Spara som" → kodning UTF-8).',
                    f"The file is not UTF-8{' (probably Windows-1252 or Latin-1)' if guess else ''}:"
                    f" invalid byte 0x{raw[exc.start]:02x}. Save the file as UTF-8 in your editor.",
                ),
                line,
                col,
            )
        )
        return None


_TAB_INDENT = lazy_re(r"^[ ]*\t", re.MULTILINE)

# libyaml's problems in plain Swedish; the English is libyaml's own text.
_YAML_PROBLEMS_SV = [
    (
        "mapping values are not allowed",
        "ett kolon står där det inte får stå. Sätt citattecken"
        ' runt text som innehåller ": " eller kontrollera indraget',
    ),
    (
        "could not find expected ':'",
        "ett kolon saknas efter en nyckel, eller så har en text"
        " brutits på fel sätt. Kontrollera raden och indraget",
    ),
    (
        "did not find expected key",
        "indraget stämmer inte: en nyckel väntades här. Kontrollera"
        " att raden är indragen som raderna ovanför",
    ),
    (
        "did not find expected '-' indicator",
        'en listpunkt ("- ") väntades här. Kontrollera indraget i listan',
    ),
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde. Kontrollera att alla citattecken och klamrar är stängda",
    ),
    (
        "found unknown escape character",
        "okänt escape-tecken inom dubbla citattecken. Använd"
        " enkla citattecken eller skriv \\\\ för ett bakstreck",
    ),
    ("did not find expected node content", "ett värde saknas här. Kontrollera raden"),
    (
        "found character that cannot start any token",
        "ett tecken som inte får inleda ett värde (t.ex. @ eller `). Sätt citattecken runt värdet",
    ),
    ("expected <document start>", "oväntat innehåll efter dokumentets slut. Kontrollera indraget"),
    ("found undefined alias", "en alias (*namn) pekar på ett ankare (&namn) som inte finns"),
    ("while scanning a quoted scalar", "ett citattecken öppnas men stängs aldrig"),
    ("while parsing a flow", "en klammer ([ eller {) stängs inte som den ska"),
    ("expected ',' or", "en klammer ([ eller {) stängs inte som den ska"),
    ("while scanning a simple key", "ett kolon saknas efter en nyckel"),
]


def _yaml_error_message(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, sv in _YAML_PROBLEMS_SV:
        if needle in text:
            return sv
    return "YAML-syntaxen är felaktig här. Kontrollera raden och indraget"


class _Frame:
    __slots__ = ("container", "key", "key_event", "path")

    def __init__(self, container: Any, path: DocPath) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        # The key's span, set with the key: read only while ``key`` is one.
        self.key_event: Any = None


# A scalar as libyaml read it (a plain tuple, not the event: the reader keeps one per
# value, and tuples of text and numbers cost the garbage collector nothing):
# start line, start column, end line, end column (0-based, end exclusive), style, the
# text as written, tag and implicit flags.
ScalarSpan = tuple[int, int, int, int, str | None, str, str | None, tuple[bool, bool]]

_NO_KEY = object()
_BAD = object()  # marks a value that could not be read (bad tag, complex key)


# Every way a text can fail to be a YAML report (line endings, tabs, libyaml's errors)
# is turned into a located Swedish RK105 saying what to do, each by a step below.
def read_text(
    text: str,
    file: str,
    limits: Limits = Limits(),
    doc: Document | None = None,
    *,
    utf8: bytes | None = None,
) -> Document:
    """Read YAML text into a located document.

    ``utf8``: the bytes ``text`` was decoded from (no BOM). libyaml reads them as they are
    when reading changes no character, rather than the text encoded again.
    """
    doc = doc or Document(file)
    if doc.text is None:
        doc.text = text
    written = text
    text = _odd_breaks(_line_ends(text, doc), doc)
    # Lines as an editor counts them (str.splitlines also splits at \f, \v, \x1c...).
    doc.lines = text.split("\n")
    if doc.lines and doc.lines[-1] == "":
        doc.lines.pop()
    if _is_empty(text):
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    'Filen är tom. En rapport börjar med rapporthuvudet "rapport:" med typ, år och'
                    " enhet.",
                    'The file is empty. A report starts with the header "rapport:" with type, year'
                    " and unit.",
                ),
                1,
                1,
            )
        )
        return doc
    try:
        _build_within_limits(utf8 if utf8 is not None and text is written else text, doc, limits)
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        doc.problems.append(_yaml_problem(text, doc, exc))
    except ReaderError as exc:
        doc.data = None
        doc.problems.append(_control_character(text, exc))
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml always marks its errors
        doc.data = None
        doc.problems.append(
            Problem(
                unreadable.code,
                Msg("Filen är inte giltig YAML.", f"The file is not valid YAML: {exc}."),
                1,
                1,
            )
        )
    except _LimitExceeded as exc:
        doc.data = None
        doc.problems.append(exc.problem)
    _check_shape(doc)
    return doc


def _line_ends(text: str, doc: Document) -> str:
    """The text with LF line ends only; a note when it had Windows line ends."""
    if "\r" not in text:
        return text
    if "\r\n" in text:
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    "Filen har Windows-radslut (CRLF). Det fungerar, men spara med LF-radslut så att"
                    " radnummer och diffar blir desamma överallt.",
                    "The file has Windows line endings (CRLF). It works, but save it with LF line"
                    " endings so that line numbers and diffs agree everywhere.",
                ),
                1,
                1,
                Severity.INFO,
            )
        )
    # libyaml ends a line at a lone CR too; one kind of line end keeps every line
    # number computed here (tabs, control characters) the same as libyaml's.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _odd_breaks(text: str, doc: Document) -> str:
    """The text with NEL, LS and PS read as spaces; a warning where the first one is."""
    # Three substring tests are C-speed; the regex on a non-ASCII text is not (it cost
    # 15 % of a bare parse, cProfile of read_file over the bench corpus).
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return text
    odd = _ODD_BREAKS.search(text)
    if not odd:
        return text
    # YAML 1.1 (libyaml) ends a line at NEL, LS and PS, editors do not: every line
    # number after one would be off. Read them as spaces, as editors show them.
    line, col = _line_col(text, odd.start())
    code = f"U+{ord(odd.group()):04X}"
    doc.problems.append(
        Problem(
            unreadable.code,
            _sv_en(
                f"Raden innehåller ett osynligt radbrytningstecken ({code}, ofta inklistrat från"
                " Word). YAML-verktyg läser det som ett radslut men editorn visar inget; det lästes"
                " här som ett mellanslag. Ta bort det.",
                f"The line contains an invisible line break character ({code}, often pasted from"
                " Word). YAML tools read it as a line end but editors show nothing; it was read"
                " here as a space. Remove it.",
            ),
            line,
            col,
            Severity.WARNING,
        )
    )
    return _ODD_BREAKS.sub(" ", text)


def _is_empty(text: str) -> bool:
    """No line but blanks and comments (the regex first: it settles most files at once)."""
    return _CONTENT_LINE.search(text) is None and (
        not text.strip()
        or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())
    )


def _yaml_problem(text: str, doc: Document, exc: yaml.MarkedYAMLError) -> Problem:
    """libyaml's error in Swedish and English, placed where the author has to look."""
    line, col, message, message_en = _yaml_place(doc, exc)
    tab = _TAB_INDENT.search(text, 0, _offset_of_line(text, line + 1))
    if tab:
        # libyaml's message for a tab is obscure; name the real cause.
        return Problem(
            unreadable.code,
            _sv_en(
                "Tabbtecken i indraget. YAML tillåter bara mellanslag för indrag: ersätt"
                " tabben med mellanslag.",
                "Tab character in the indentation. YAML allows only spaces for indentation:"
                " replace the tab with spaces.",
            ),
            text.count("\n", 0, tab.start()) + 1,
            tab.end() - tab.start(),
        )
    return Problem(
        unreadable.code,
        Msg(f"Filen är inte giltig YAML: {message}.", f"The file is not valid YAML: {message_en}."),
        line,
        col,
    )


def _yaml_place(doc: Document, exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str | None]:
    """Line, column and message (Swedish, English) of libyaml's error."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # where the unclosed thing opened
    message, message_en = _yaml_error_message(exc), exc.problem or exc.context
    opened = exc.context_mark
    if (
        opened is not None
        and mark is not None
        and mark.line > opened.line
        and (exc.context or "").startswith("while parsing a flow")
    ):
        # A bracket left open is noticed on a later line: name where it opens.
        message = (
            f"en klammer ([ eller {{) som öppnas här stängs inte som den ska"
            f" (upptäcktes på rad {mark.line + 1})"
        )
        message_en = (
            f"a bracket ([ or {{) opened here is not closed properly (noticed on"
            f" line {mark.line + 1})"
        )
        mark = opened
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    glued = _glued_colon(doc.lines, line, exc.problem or "")
    if glued is not None:
        # "typ:VB" is one plain text to YAML, which then fails on a later line.
        line, col, key = glued
        message = (
            f'kolon utan mellanslag efter nyckeln "{key}". Skriv ett mellanslag'
            f' efter kolonet ("{key}: värde")'
        )
        message_en = (
            f'a colon without a space after the key "{key}". Write a space'
            f' after the colon ("{key}: value")'
        )
    return line, col, message, message_en


def _control_character(text: str, exc: ReaderError) -> Problem:
    """A character YAML does not allow (a control character): libyaml gives a byte
    offset, so find the character itself, which is its first occurrence."""
    char = exc.character if isinstance(exc.character, int) else 0
    found = text.find(chr(char)) if char else -1
    line, col = _line_col(text, found) if found >= 0 else (1, 1)
    return Problem(
        unreadable.code,
        _sv_en(
            f"Filen innehåller ett tecken som YAML inte tillåter (U+{char:04X}, ett styrtecken"
            " som sällan syns i editorn; det kommer ofta med inklistrad text). Ta bort det.",
            f"The file contains a character that YAML does not allow (U+{char:04X}, a control"
            " character that editors seldom show; it often comes with pasted text). Remove"
            " it.",
        ),
        line,
        col,
    )


def _check_shape(doc: Document) -> None:
    """A problem when nothing was read, or what was read is not a mapping."""
    if doc.data is None and all(p.severity is not None for p in doc.problems):
        # Nothing read and no error yet (a BOM or CRLF note does not count).
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    'Filen innehåller inget värde. En rapport börjar med rapporthuvudet "rapport:".',
                    'The file holds no value. A report starts with the header "rapport:".',
                ),
                1,
                1,
            )
        )
    if doc.data is not None and not isinstance(doc.data, dict):
        kind = "en lista" if isinstance(doc.data, list) else "ett enskilt värde"
        kind_en = "a list" if isinstance(doc.data, list) else "a single value"
        doc.problems.append(
            Problem(
                unreadable.code,
                Msg(
                    f"Filen innehåller {kind}, men en rapport är en mappning med nycklar som"
                    ' "rapport:", "inriktningsmål:" och "ekonomi:".',
                    f"The file holds {kind_en}, but a report is a mapping with keys such as"
                    ' "rapport:", "inriktningsmål:" and "ekonomi:".',
                ),
                1,
                1,
            )
        )
        doc.data = None


_ODD_BREAKS = lazy_re("[\x85\u2028\u2029]")
# A line with something other than blanks and a comment (an ASCII-only first test:
# when it finds one, the file is not empty, and no splitting of lines is needed).
_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)
# "typ:VB": a key, a colon and no space (a URL's "://" aside).
_GLUED_COLON = lazy_re(r"^\s*(?:- )?([^\s#'\"{}\[\],&*!|>%@`:][^\s:#]*):(?=[^\s/:])")


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _glued_colon(lines: list[str], line: int, problem: str) -> tuple[int, int, str] | None:
    """Where a libyaml error on ``line`` comes from a "key:value" on the line before it."""
    if not problem.startswith(("mapping values are not allowed", "could not find expected ':'")):
        return None
    for number in range(min(line - 1, len(lines)), 0, -1):
        before = lines[number - 1]
        if not before.strip() or before.lstrip().startswith("#"):
            continue
        match = _GLUED_COLON.match(before)
        if match is None:
            return None
        return number, match.end() + 1, match.group(1).strip()
    return None


def _offset_of_line(text: str, line: int) -> int:
    """Offset of the start of 1-based ``line`` (or the end of the text)."""
    pos = 0
    for _ in range(line - 1):
        pos = text.find("\n", pos)
        if pos < 0:
            return len(text)
        pos += 1
    return pos


# libyaml has a nesting limit of its own (1000 in PyYAML 6.0.4) that its scanner, reading
# ahead, can reach before the parser hands over the event at our limit.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


class _LimitExceeded(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.en)
        self.problem = problem


def _build_within_limits(source: str | bytes, doc: Document, limits: Limits) -> None:
    """``_build``, with libyaml's own depth limit reported as ours, whichever is hit first."""
    try:
        _build(source, doc, limits)
    except yaml.MarkedYAMLError as exc:
        if _LIBYAML_TOO_DEEP not in (exc.problem or ""):
            raise
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise _LimitExceeded(_limit_problem("depth", (line, col), limits.max_depth)) from exc


class _Built:
    """What the per-event loop shares with its rarer steps: the root, whether every path is
    the keys' text as written (no alias, no duplicate or converted key, one document), the
    counts the limits watch. It holds no ``place``: that closure holds it, and a cycle would
    leave every document's values to the cyclic garbage collector."""

    __slots__ = (
        "aliases",
        "already",
        "anchors",
        "doc",
        "documents",
        "events",
        "limits",
        "regular",
        "root",
        "stack",
    )

    def __init__(self, doc: Document, limits: Limits) -> None:
        self.doc = doc
        self.limits = limits
        self.root: Any = None
        self.regular = True
        self.stack: list[_Frame] = []
        self.anchors: dict[str, Any] = {}
        self.events: dict[DocPath, tuple[Any, Any]] = {}
        self.aliases = 0
        self.documents = 0
        self.already = len(doc.problems)  # problems from before the YAML was read


_SCALAR = yaml.ScalarEvent
_MAP_START, _SEQ_START = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


# The per-event loop that builds values with positions and limits. The common events (an
# untagged scalar that is a key or a key's value in a mapping, and the ends) are handled
# inline, since a call per event was a tenth of the reader (see README, Performance); a key
# waits for its value in locals, not in its frame, as most values are the next event. Each
# value's place is one entry of one table (``Document.places``): its key's span, or its
# own, tells its position, and only what no span tells gets a mark. A collection's start
# is one call (``_open``, its common case first); everything rarer (a scalar in a list or
# at the root, tags, anchors, aliases, documents, the limits once reached) goes to named
# steps.
def _build(source: str | bytes, doc: Document, limits: Limits) -> None:
    """Build plain data from the event stream of ``source`` (text, or it as UTF-8) with an
    explicit stack."""
    built = _Built(doc, limits)
    stack, events = built.stack, built.events
    doc.places = events  # read while building too: a duplicate key's first line
    place = _placer(doc, stack, built.anchors, events, built)
    quote, as_written, max_nodes = doc.quoted.append, doc.as_written, limits.max_nodes
    maybe_typed, plain, unbound = _MAYBE_TYPED, _plain, _plain.__wrapped__  # a long text: no cache
    nodes = 0
    # A key just read (new plain text in its mapping, ``holder`` at ``holder_path``) while
    # its value has not come: its frame gets it only if that value is no plain scalar.
    key, key_span, holder, holder_path = _NO_PENDING
    parser = _Loader(source)
    get_event = parser.get_event
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is _SCALAR:
                nodes += 1
                start, end = event.start_mark, event.end_mark
                written, tag, implicit = event.value, event.tag, event.implicit
                span = (start.line, start.column, end.line, end.column, event.style, written,
                        tag, implicit)  # fmt: skip
                if tag is None:
                    fast = event.anchor is None
                    if implicit[0] and (not written or written[0] in maybe_typed):
                        value: Any = plain(written) if len(written) <= 64 else unbound(written)
                        if as_written and value.__class__ is float:
                            value = written
                    else:
                        value = written  # quoted, block or plain text: text as written
                else:
                    fast = False
                    key = _hand_over(stack, key, key_span)  # a tag's problem names its path
                    value = _tagged(built, event)
                if value.__class__ is str and "#" in value and "rapportkoll" in value.lower():
                    quote((start.line + 1, start.column + 1, end.line + 1, end.column + 1))
                if key is not None and fast:  # the value of the key just read
                    holder[key] = value
                    events[holder_path + (key,)] = (key_span, span)  # noqa: RUF005 (faster)
                    key = None
                elif (
                    key is None
                    and fast
                    and stack
                    and (top := stack[-1]).key is _NO_KEY
                    and (holder := top.container).__class__ is dict
                    and value.__class__ is str
                    and value == written
                    and value not in holder
                ):
                    key, key_span, holder_path = value, span, top.path
                else:  # the root, a list item, a tag or an anchor, a key not as written
                    key = _hand_over(stack, key, key_span)  # an anchored value's key
                    mark = (start.line + 1, start.column + 1)
                    place(value, mark, event.anchor, span)
                    _check_limits(built, nodes, mark)
                    continue
                if nodes > max_nodes:
                    _check_limits(built, nodes, (start.line + 1, start.column + 1))
                continue
            if key is not None:  # its value is a collection or an alias (as _hand_over)
                stack[-1].key, stack[-1].key_event, key = key, key_span, None
            if cls is _MAP_END or cls is _SEQ_END:
                stack.pop()
            elif cls is _MAP_START or cls is _SEQ_START:
                nodes += 1
                _open(built, place, event, nodes)
            elif _other_event(built, place, event, nodes):
                break
    finally:
        parser.dispose()
    doc.data = built.root
    doc.events = events if built.regular else None


# No key waiting for its value (``_build``): the key, its span, its mapping and path.
_NO_PENDING: tuple[Any, Any, Any, DocPath] = (None, None, None, ())


def _hand_over(stack: list[_Frame], key: Any, key_span: Any) -> Any:
    """A key that waits for its value in ``_build``'s locals, given to its mapping's frame,
    where every other step looks for it. None: no key waits in the locals then."""
    if key is not None:
        stack[-1].key, stack[-1].key_event = key, key_span
    return None


def _tagged(built: _Built, event: Any) -> Any:
    """A scalar with a tag: a standard one resolves as YAML does, any other is a problem."""
    tag = event.tag
    if tag not in _STD_TAGS:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        built.doc.problems.append(_bad_tag(tag, mark, built.stack))
        return None
    value = _scalar(event)
    return event.value if built.doc.as_written and value.__class__ is float else value


def _open(built: _Built, place: Place, event: Any, nodes: int) -> None:
    """A collection starts: put it where the stack says, and push its frame."""
    stack, limits = built.stack, built.limits
    start = event.start_mark
    if len(stack) >= limits.max_depth:
        mark = (start.line + 1, start.column + 1)
        raise _LimitExceeded(_limit_problem("depth", mark, limits.max_depth))
    new: Any = {} if event.__class__ is _MAP_START else []
    parent = stack[-1] if stack else None
    if parent is None or event.tag is not None or event.anchor is not None:
        _open_odd(built, place, event, new, (start.line + 1, start.column + 1), nodes)
        return
    container = parent.container
    if container.__class__ is list:
        path = (*parent.path, len(container))
        container.append(new)
        built.doc.marks[path] = (start.line + 1, start.column + 1)
        built.events[path] = (None, bool(event.flow_style))
    else:
        key = parent.key
        if key is _NO_KEY or key is _BAD:
            _open_odd(built, place, event, new, (start.line + 1, start.column + 1), nodes)
            return
        container[key] = new
        path = (*parent.path, key)
        built.events[path] = (parent.key_event, bool(event.flow_style))
        parent.key = _NO_KEY
    stack.append(_Frame(new, path))
    if nodes > limits.max_nodes:
        _check_limits(built, nodes, (start.line + 1, start.column + 1))


def _open_odd(
    built: _Built, place: Place, event: Any, new: Any, mark: tuple[int, int], nodes: int
) -> None:
    """A collection that is the root, tagged, anchored, a key, or under a bad key."""
    stack = built.stack
    if event.tag is not None and event.tag not in _STD_TAGS:
        built.doc.problems.append(_bad_tag(event.tag, mark, stack))
    path = _child_path(stack)
    place(new, mark, event.anchor, bool(event.flow_style))
    stack.append(_Frame(new, path))
    _check_limits(built, nodes, mark)


def _other_event(built: _Built, place: Place, event: Any, nodes: int) -> bool:
    """An alias, or the stream's and documents' starts and ends; True at the end of reading."""
    cls = event.__class__
    if cls is yaml.StreamEndEvent:
        return True
    doc, limits = built.doc, built.limits
    mark = (event.start_mark.line + 1, event.start_mark.column + 1)
    if cls is yaml.AliasEvent:
        built.regular = False
        built.aliases += 1
        if built.aliases > limits.max_aliases:
            raise _LimitExceeded(_limit_problem("aliases", mark, limits.max_aliases))
        place(_alias_target(doc, built.anchors, event.anchor, mark), mark, None, None)
    elif cls is yaml.DocumentStartEvent:
        built.documents += 1
        if built.documents > 1:
            built.regular = False
            doc.problems.append(_limit_problem("documents", mark))
            return True
    _check_limits(built, nodes, mark)
    return False


def _check_limits(built: _Built, nodes: int, mark: tuple[int, int]) -> None:
    """Stop reading past the limit on values, then on reading problems."""
    limits = built.limits
    if nodes > limits.max_nodes:
        raise _LimitExceeded(_limit_problem("values", mark, limits.max_nodes))
    if len(built.doc.problems) - built.already >= limits.max_problems:
        raise _LimitExceeded(_limit_problem("problems", mark, limits.max_problems))


Place = Callable[[Any, tuple[int, int], "str | None", Any], None]


def _placer(
    doc: Document,
    stack: list[_Frame],
    anchors: dict[str, Any],
    events: dict[DocPath, tuple[Any, Any]],
    built: _Built,
) -> Place:
    """``place``: a value put where the stack says (root, list item, key, or a key's value).

    ``event``: what the fixer needs of it, a ScalarSpan or a collection's flow style.
    """
    marks = doc.marks

    def place(value: Any, mark: tuple[int, int], anchor: str | None, event: Any) -> None:
        if anchor:
            anchors[anchor] = value
        path: DocPath
        if not stack:
            built.root = value
            path = ()
        elif (top := stack[-1]).container.__class__ is list:
            path = (*top.path, len(top.container))
            top.container.append(value)
        elif top.key is _NO_KEY:
            _place_key(doc, top, value, mark, event, built)
            return
        else:
            key = top.key
            top.key = _NO_KEY
            if key is not _BAD:
                top.container[key] = value
                events[(*top.path, key)] = (top.key_event, event)
            return
        events[path] = (None, event)  # a collection for its flow style
        if event.__class__ is not tuple:  # no span to tell where it stands
            marks[path] = mark

    return place


def _place_key(
    doc: Document, top: _Frame, value: Any, mark: tuple[int, int], event: Any, built: _Built
) -> None:
    """A mapping's key that is not plain new text as written: a collection, a converted
    value ("ja:", "~:") or a key the mapping already has, each with its problem."""
    # A key has a span, but for an alias: its start then stands for it (the table is no
    # fixer's then: an alias makes the document irregular).
    top.key_event = event if event.__class__ is tuple else (mark[0] - 1, mark[1] - 1)
    if isinstance(value, (dict, list)) or value is _BAD:
        built.regular = False
        doc.problems.append(
            Problem(
                schema.code,
                _sv_en(
                    "En nyckel måste vara en enkel text, inte en lista eller mappning.",
                    "A key must be plain text, not a list or mapping.",
                ),
                *mark,
                path=top.path,
            )
        )
        top.key = _BAD
        return
    top.key = "" if value is None else str(value)
    if event.__class__ is not tuple or event[5] != top.key:
        built.regular = False  # "ja:", "~:", "0x1F:": the path is not the text
    if top.key in top.container:
        built.regular = False
        first = (place_of(doc.places, doc.marks, (*top.path, top.key)) or (0, 0))[0]
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    f'Nyckeln "{top.key}" förekommer två gånger i samma mappning (första'
                    f" gången på rad {first}). Ta bort eller slå ihop den ena; annars"
                    " gäller bara den sista.",
                    f'The key "{top.key}" occurs twice in the same mapping (first on line'
                    f" {first}). Remove or merge one; otherwise only the last one counts.",
                ),
                *mark,
                path=(*top.path, top.key),
            )
        )


def _alias_target(
    doc: Document, anchors: dict[str, Any], anchor: str | None, mark: tuple[int, int]
) -> Any:
    """The value an alias stands for: a scalar; None, with a problem, for anything else."""
    target = anchors.get(anchor or "", _BAD)
    if target is _BAD:
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    f"Aliaset *{anchor} pekar på ett ankare som inte finns.",
                    f"The alias *{anchor} refers to an anchor that does not exist.",
                ),
                *mark,
            )
        )
        return None
    if isinstance(target, (dict, list)):
        # An alias to a collection: refuse it rather than share structure,
        # which is how alias bombs grow.
        doc.problems.append(
            Problem(
                unreadable.code,
                _sv_en(
                    f"Aliaset *{anchor} pekar på en lista eller mappning. Skriv ut"
                    " innehållet i stället för att hänvisa till det.",
                    f"The alias *{anchor} refers to a list or mapping. Write the"
                    " content out instead of referring to it.",
                ),
                *mark,
            )
        )
        return None
    return target


# The reader's limits: each its Swedish and English message; {n} is the limit's value.
_MIB = 1024 * 1024
_LIMIT_MESSAGES: dict[str, tuple[str, str]] = {
    "bytes": (
        "Filen är större än {n} MiB, långt mer än en rapport. Kontrollera att det är rätt fil.",
        "The file is larger than {n} MiB, far more than a report. Check that it is the right file.",
    ),
    "depth": (
        "Dokumentet är nästlat djupare än {n} nivåer. En rapport"
        " behöver inte så många nivåer; kontrollera indraget.",
        "The document is nested deeper than {n} levels. A report"
        " does not need that many; check the indentation.",
    ),
    "aliases": (
        "Dokumentet använder fler än {n} alias (*namn). Skriv ut"
        " värdena i stället; många alias kan få en läsare att gå i stå.",
        "The document uses more than {n} aliases (*name). Write"
        " the values out instead; many aliases can stall a reader.",
    ),
    "documents": (
        "Filen innehåller flera YAML-dokument (---). En rapportfil ska innehålla"
        " exakt en rapport; dela upp den i flera filer.",
        "The file holds several YAML documents (---). A report file holds"
        " exactly one report; split it into several files.",
    ),
    "values": (
        "Dokumentet har fler än {n} värden, långt mer än en rapport.",
        "The document has more than {n} values, far more than a report.",
    ),
    "problems": (
        "Läsningen avbröts efter {n} läsproblem (som dubbla"
        " nycklar eller taggar). Rätta dem och kör igen.",
        "Reading stopped after {n} problems (such as duplicate"
        " keys or tags). Fix them and run again.",
    ),
}


def _limit_problem(kind: str, mark: tuple[int, int], n: int = 0) -> Problem:
    """The RK104 problem of a limit the document goes past (``kind`` in _LIMIT_MESSAGES)."""
    sv, en = _LIMIT_MESSAGES[kind]
    return Problem(unreadable.code, _sv_en(sv.format(n=n), en.format(n=n)), *mark)


def _child_path(stack: list[_Frame]) -> DocPath:
    """The path that the next value placed on the stack will have."""
    if not stack:
        return ()
    top = stack[-1]
    if isinstance(top.container, list):
        return (*top.path, len(top.container))
    if top.key is _NO_KEY or top.key is _BAD:
        return (*top.path, "?")
    return (*top.path, top.key)


def _bad_tag(tag: str, mark: tuple[int, int], stack: list[_Frame]) -> Problem:
    return Problem(
        unreadable.code,
        _sv_en(
            f'Okänd YAML-tagg "{tag}". Rapporter använder inga taggar; ta bort den. Värdet'
            " läses inte (och körs aldrig).",
            f'Unknown YAML tag "{tag}". Reports use no tags; remove it. The value is not read'
            " (and never executed).",
        ),
        *mark,
        path=_child_path(stack),
    )


def read_file(path: str, limits: Limits = Limits(), display: str | None = None) -> Document:
    """Read a report file; never raises for bad content, never blocks, reads at most the limit."""
    raw = read_report_bytes(path, limits)
    if isinstance(raw, Problem):
        doc = Document(display or path)
        doc.problems.append(raw)
        return doc
    return read_bytes(raw, display or path, limits)


def read_report_bytes(path: str, limits: Limits = Limits(), follow: bool = True) -> bytes | Problem:
    """The bytes of a report file, or the RK105 problem that it cannot be read.

    ``follow=False`` for a name that was no symbolic link when the run listed it:
    if it has become one since, it is not followed.
    """
    try:
        return read_limited(path, limits.max_bytes, follow)
    except InputError as exc:
        if exc.reason == "too-large":
            return _limit_problem("bytes", (1, 1), limits.max_bytes // _MIB)
        return Problem(unreadable.code, exc.message, 1, 1)
    except OSError as exc:
        why = os_error(exc)
        return Problem(
            unreadable.code,
            _sv_en(f"Filen kunde inte läsas: {why.sv}.", f"The file could not be read: {why.en}."),
            1,
            1,
        )


def read_bytes(
    raw: bytes, file: str, limits: Limits = Limits(), *, as_written: bool = False
) -> Document:
    """Read a report from bytes already read (``read_report_bytes``); never raises.

    ``as_written`` keeps floats as their text (``Document.as_written``).
    """
    doc = Document(file, as_written=as_written)
    if len(raw) > limits.max_bytes:
        doc.problems.append(_limit_problem("bytes", (1, 1), limits.max_bytes // _MIB))
        return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    return read_text(text, doc.file, limits, doc, utf8=raw[3:] if doc.bom else raw)
