"""The text format escapes a file's texts only when one needs it: never skips one that does."""

from __future__ import annotations

import io
import sys

from checker.escape import visible
from checker.findings import Finding, Msg, Related, Severity
from checker.outputs.base import FormatOptions
from checker.outputs.text import TextFormatter


def test_every_character_visible_escapes_is_one_isprintable_refuses() -> None:
    # The formatter skips ``visible`` for texts that are all printable: that is safe only
    # while no character ``visible`` changes counts as printable.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    printable = "".join(c for c in everything if c.isprintable())
    assert visible(printable) == printable
    assert visible(everything) != everything  # and visible does escape some


def _finding(file: str, message: str, label: str = "", related: str = "") -> Finding:
    return Finding(
        "RK101",
        "test",
        Severity.ERROR,
        Msg(message, message),
        file,
        3,
        5,
        label=Msg(label, label),
        related=(Related(Msg(related, related), 4, 1),) if related else (),
    )


def _text(file: str, findings: list[Finding]) -> str:
    out = io.StringIO()
    TextFormatter(out, FormatOptions()).handle_file(file, findings)
    return out.getvalue()


def test_a_text_that_needs_escaping_is_escaped_among_clean_ones() -> None:
    clean = _finding("a.yaml", "Målet saknas")
    for hostile in (
        _finding("a.yaml", "Röd \x1b[31m text"),
        _finding("a.yaml", "ok", label="höger\u202evänster"),
        _finding("a.yaml", "ok", related="rad\nbrytning"),
    ):
        text = _text("a.yaml", [clean, hostile])
        assert "\x1b" not in text and "\u202e" not in text and "rad\nbrytning" not in text
        assert "\\x1b[31m" in text or "\\u202e" in text or "rad\\nbrytning" in text
        assert "Målet saknas" in text


def test_a_file_name_that_needs_escaping_is_escaped() -> None:
    text = _text("a\u202eb.yaml", [_finding("a\u202eb.yaml", "Målet saknas")])
    assert "\u202e" not in text
    assert text.count("a\\u202eb.yaml") == 2  # the heading and the finding's place


def test_clean_texts_are_written_as_they_are() -> None:
    text = _text("å.yaml", [_finding("å.yaml", "Värdet är 9,5 % — för högt", label="mål 1")])
    assert (
        text == "å.yaml\n  å.yaml:3:5: RK101 fel Värdet är 9,5 % — för högt\n      var: mål 1\n\n"
    )
