"""Fix intents into byte edits of the file as written.

A rule says what a fix means (``checker.rule.FixIntent``: this value's new
text, or this key's new name); here that becomes a replacement of the scalar's text in
the file as stored, so comments, order, quoting and every other byte stay as
they are. The scalar is found in what the reader kept of it while reading
(``Document.events``: start and end marks, quoting style, the text as
written), with no second parse; where the reader's paths could differ from the
text's keys (aliases, keys that are not text as written, duplicate keys), the
text is parsed again here. A fix is refused (None) wherever
the edit is not certainly safe: a block or multi-line scalar, an anchor, a
tag or an alias, a text that the scalar's quoting cannot hold, or a value
that would be read as another type ("Ja" as a plain scalar is a boolean).
An imported export is never fixed: only its YAML could be.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import Any, NamedTuple

import yaml
from yaml.resolver import Resolver

from checker.findings import Applicability, Edit, Fix, Msg
from checker.lazyre import lazy_re
from checker.read.loader import Document, Problem, ScalarSpan
from checker.read.validate import meant_key
from checker.rule import DocPath, FixIntent, rename_key

try:  # libyaml is much faster; fall back to the pure-Python parser.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_resolver = Resolver()
_BREAKS = lazy_re(r"\r\n|\r|\n")
# The same breaks kept by split (lines and breaks alternate), in text and in bytes.
_BREAKS_KEPT = lazy_re(r"(\r\n|\r|\n)")
_BYTE_BREAKS_KEPT = re.compile(rb"(\r\n|\r|\n)")


def _line_starts(parts: list[str] | list[bytes], first: int = 0) -> list[int]:
    """Each line's start from a split that kept the breaks, summed in C (no loop per line)."""
    return list(accumulate(map(len, parts), initial=first))[::2]


def _lf_starts(lines: list[str] | list[bytes], first: int = 0) -> list[int]:
    """Each line's start from a split at "\n" (one character, one byte per break)."""
    return list(map(add, accumulate(map(len, lines), initial=first), range(len(lines) + 1)))


# A plain scalar may not start with an indicator, nor hold ": " or " #" (YAML 1.1, 7.3.3);
# inside a flow collection ",[]{}" end it too.
_BAD_FIRST = set("!&*|>'\"%@`#,[]{}")
_FLOW = set(",[]{}")


class _Place(NamedTuple):  # a tuple: one is made per value of the file
    # Nodes from the composer, the events they would be built from (same marks, value
    # and style; a scalar event's tag is resolved only when a fix needs it), or the
    # spans the reader kept of those events (None for a mapping or list it kept).
    key: yaml.ScalarNode | yaml.ScalarEvent | ScalarSpan | None
    value: yaml.Node | yaml.Event | ScalarSpan | None
    in_flow: bool  # the mapping or sequence holding it is written in flow style


# The resolver tries its patterns in Python: a fix's new text and the value it replaces
# repeat across findings and reports ("Uppfylls helt", "0"), so each answer is kept.
@lru_cache(maxsize=4096)
def _tag(text: str) -> str:
    return str(_resolver.resolve(yaml.ScalarNode, text, (True, False)))  # type: ignore[no-untyped-call]


def _plain_ok(text: str, in_flow: bool, tag: str) -> bool:
    """``text`` written plain reads back as itself, with the type ``tag`` wants."""
    if not text or text != text.strip() or "\n" in text or not text.isprintable():
        return False
    if text[0] in _BAD_FIRST or (text[0] in "-?:" and (len(text) == 1 or text[1] == " ")):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if in_flow and (_FLOW & set(text) or ":" in text):
        return False
    resolved = _tag(text)
    return resolved == tag if tag == _STR else resolved in _NUMBERS


def _quoted(text: str, style: str) -> str | None:
    """``text`` as the inside of a quoted scalar of ``style``; None if it cannot be."""
    if "\n" in text or not text.isprintable():
        return None
    if style == "'":
        return text.replace("'", "''")
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _composed_places(text: str) -> dict[tuple[str | int, ...], _Place]:
    """Every value's place from the composed node graph (aliases shared, as written)."""
    root = yaml.compose(text, Loader=_Loader)
    places: dict[tuple[str | int, ...], _Place] = {}
    seen: set[int] = set()
    shared: set[int] = set()  # nodes reached twice: an alias and its anchor
    twice = False  # a duplicate key: which value is meant is not certain
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), root)] if root is not None else []
    while stack:
        path, node = stack.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        flow = bool(getattr(node, "flow_style", False))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = (*path, key.value)
                    twice = twice or child in places
                    places[child] = _Place(key, value, flow)
                    stack.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                places[(*path, i)] = _Place(None, value, flow)
                stack.append(((*path, i), value))
    if twice:
        places.clear()
    return {p: v for p, v in places.items() if id(v.value) not in shared}


class _Frame:
    __slots__ = ("flow", "index", "key", "mapping", "path")

    def __init__(self, path: tuple[str | int, ...], mapping: bool, flow: bool) -> None:
        self.path = path
        self.mapping = mapping
        self.flow = flow
        self.key: Any = None  # the key event waiting for its value
        self.index = 0


def _event_places(text: str) -> dict[tuple[str | int, ...], _Place] | None:
    """The same places as ``_composed_places`` from libyaml's events, without building
    the node graph or resolving every scalar's tag (see README, Performance).
    None where the node graph differs from the text's tree: an alias, a key that is
    a mapping or a list, or more than one document."""
    places: dict[tuple[str | int, ...], _Place] = {}
    stack: list[_Frame] = []
    twice = False
    documents = 0
    scalar, start_events = yaml.ScalarEvent, (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    parser = _Loader(text)
    get_event = parser.get_event  # as the reader does: no generator, no check_event
    try:
        while True:
            event = get_event()
            if event.__class__ is yaml.StreamEndEvent:
                break
            cls = event.__class__
            if cls in end_events:
                stack.pop()
                continue
            if cls is scalar or cls in start_events:
                if stack:
                    top = stack[-1]
                    if top.mapping:
                        if top.key is None:
                            if cls is not scalar:
                                return None
                            top.key = event
                            continue
                        child: tuple[str | int, ...] = (*top.path, top.key.value)
                        twice = twice or child in places
                        places[child] = _Place(top.key, event, top.flow)
                        top.key = None
                    else:
                        child = (*top.path, top.index)
                        top.index += 1
                        places[child] = _Place(None, event, top.flow)
                else:
                    child = ()
                if cls is not scalar:
                    stack.append(
                        _Frame(
                            child,
                            cls is yaml.MappingStartEvent,
                            bool(getattr(event, "flow_style", False)),
                        )
                    )
            elif cls is yaml.AliasEvent:
                return None
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return None
    finally:
        parser.dispose()
    if twice:
        places.clear()
    return places


def _span(node: Any) -> ScalarSpan | None:
    """A scalar's span as the reader keeps it, from a node or an event; None if no scalar."""
    if node.__class__ is tuple:
        return node
    if not isinstance(node, (yaml.ScalarNode, yaml.ScalarEvent)):
        return None
    start, end = node.start_mark, node.end_mark
    if start is None or end is None:
        return None
    implicit = getattr(node, "implicit", (False, False))  # a node's tag is resolved already
    return (
        start.line,
        start.column,
        end.line,
        end.column,
        node.style,
        node.value,
        node.tag,
        implicit,
    )


class _ReadPlaces:
    """The places of ``_event_places``, from what the reader kept by path
    (``Document.events``: kept only where its paths are the text's keys as written)."""

    __slots__ = ("events",)

    def __init__(self, events: dict[tuple[str | int, ...], tuple[Any, Any]]) -> None:
        self.events = events

    def get(self, path: tuple[str | int, ...]) -> _Place | None:
        pair = self.events.get(path) if path else None
        holder = self.events.get(path[:-1])  # the mapping or list holding it (the root: ())
        if pair is None or holder is None:
            return None
        key, value = pair
        # A mapping or list is kept as its flow style: a place with no scalar to edit.
        return _Place(key, value if value.__class__ is tuple else None, bool(holder[1]))


@lru_cache(maxsize=4096)
def _scalar_tag(tag: str | None, value: str, implicit: tuple[bool, bool]) -> str:
    """A scalar's tag as the composer gives it to the node."""
    if tag is None or tag == "!":
        return str(_resolver.resolve(yaml.ScalarNode, value, implicit))  # type: ignore[no-untyped-call]
    return tag


class Fixer:
    """Resolves one document's fix intents; composes the text once, when first needed."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._places: dict[tuple[str | int, ...], _Place] | _ReadPlaces | None = None
        self._lines: list[str] = []
        self._starts: list[int] = []
        self._byte_starts: list[int] = []

    @property
    def usable(self) -> bool:
        return self.doc.source is None and self.doc.text is not None and self.doc.readable

    def resolve(self, intent: FixIntent | None) -> Fix | None:
        if intent is None or not self.usable:
            return None
        try:
            return self._resolve(intent)
        except (yaml.YAMLError, ValueError, IndexError):
            return None  # text that will not compose again: no fix, never a fault

    def for_problem(self, p: Problem) -> Fix | None:
        """A reading problem's fix: a misspelt key with one close match (RK104)."""
        if p.code != "RK104" or not p.message.en.startswith("Unknown key") or not p.path:
            return None
        meant = meant_key(p.path)
        if meant is None:
            return None
        title = Msg(f'Byt nyckeln till "{meant}"', f'Rename the key to "{meant}"')
        return self.resolve(rename_key(p.path, meant, title))

    # -- where values stand ---------------------------------------------------
    def _compose(self) -> dict[tuple[str | int, ...], _Place] | _ReadPlaces:
        if self._places is not None:
            return self._places
        if self.doc.events is not None:
            # The reader kept each value's place, and its lines are the text's lines
            # (line ends as one, NEL, LS and PS as spaces): no second parse, no split.
            self._lines = self.doc.lines
            self._places = _ReadPlaces(self.doc.events)
            return self._places
        text = self.doc.text or ""
        # The reader read NEL, LS and PS as spaces (one character for one): so does this.
        normalised = re.sub("[\x85\u2028\u2029]", " ", text)
        self._lines = _BREAKS.split(normalised)
        places = _event_places(normalised)
        if places is None:  # aliases, a complex key or several documents: the composer decides
            places = _composed_places(normalised)
        self._places = places
        return self._places

    def _place(self, path: DocPath) -> _Place | None:
        places = self._compose()
        place = places.get(path)
        if place is None:  # a digit-only key is a text in the mapping ("3":)
            place = places.get(tuple(str(p) for p in path))
        return place

    # -- the edit -------------------------------------------------------------
    def _resolve(self, intent: FixIntent) -> Fix | None:
        place = self._place(intent.path)
        if place is None:
            return None
        if intent.key and intent.path and self._place((*intent.path[:-1], intent.text)):
            return None  # the new name is a key of the same mapping: a duplicate, never a fix
        span = _span(place.key if intent.key else place.value)
        if span is None:
            return None
        line_no, column, end_line, end_column, style, value, tag, implicit = span
        if line_no != end_line:
            return None
        written = self._lines[line_no][column:end_column]
        style = style or ""
        if style == "":
            tag = _STR if intent.key else _scalar_tag(tag, value, implicit)
            if written != value or not _plain_ok(intent.text, place.in_flow, tag):
                return None
            inner, new, col = written, intent.text, column
        elif style in ("'", '"'):
            if len(written) < 2 or written[0] != style or written[-1] != style:
                return None
            quoted = _quoted(intent.text, style)
            if quoted is None:
                return None
            inner, new, col = written[1:-1], quoted, column + 1
        else:
            return None  # block scalars (| and >): not a one-line edit
        if inner == new:
            return None
        # The scalar's text inside its quotes: quotes, key, comments and the rest stay.
        edit = self._edit(line_no, col, col + len(inner), new)
        applicability = Applicability.UNSAFE if intent.unsafe else Applicability.SAFE
        return Fix(intent.title, applicability, (edit,))

    def _edit(self, line: int, first: int, last: int, text: str) -> Edit:
        stored = self.doc.text or ""
        if not self._starts:
            # Each line's first character and first byte, at the first edit, from one
            # encoding of the file (line breaks are ASCII, one byte each; one edit must not
            # encode the whole file). Without CR every break is "\n": a plain split, which
            # costs a tenth of the regex's.
            bom = 3 if self.doc.bom else 0
            encoded = stored.encode("utf-8", "surrogatepass")
            if "\r" in stored:
                self._starts = _line_starts(_BREAKS_KEPT.split(stored))
                self._byte_starts = _line_starts(_BYTE_BREAKS_KEPT.split(encoded), bom)
            else:
                self._starts = _lf_starts(stored.split("\n"))
                self._byte_starts = _lf_starts(encoded.split(b"\n"), bom)
        begin = self._starts[line]
        start_char, end_char = begin + first, begin + last
        start_byte = self._byte_starts[line] + len(
            stored[begin:start_char].encode("utf-8", "surrogatepass")
        )
        end_byte = start_byte + len(stored[start_char:end_char].encode("utf-8", "surrogatepass"))
        return Edit(
            start_byte,
            end_byte,
            start_char,
            end_char,
            line + 1,
            first + 1,
            line + 1,
            last + 1,
            text,
        )
