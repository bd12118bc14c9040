"""``lazy_re``: a module's pattern compiled at its first use, then the compiled pattern's own."""

from __future__ import annotations

import re

import pytest

from checker.lazyre import lazy_re


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    text = "Rad 1\r\nrad 2\nRAD 3"
    for flags in (0, re.IGNORECASE | re.MULTILINE):
        compiled = re.compile(r"^rad (\d)", flags)
        lazy = lazy_re(r"^rad (\d)", flags)
        assert lazy.pattern == compiled.pattern
        for method, args in (
            ("search", (text,)),
            ("match", (text,)),
            ("fullmatch", ("rad 1",)),
            ("findall", (text,)),
            ("sub", ("x", text)),
            ("subn", ("x", text)),
            ("split", (text,)),
        ):
            got, want = getattr(lazy, method)(*args), getattr(compiled, method)(*args)
            if isinstance(want, re.Match):
                assert (got.span(), got.groups()) == (want.span(), want.groups())
            else:
                assert got == want, method
        assert [m.span() for m in lazy.finditer(text)] == [
            m.span() for m in compiled.finditer(text)
        ]
        assert lazy.flags == compiled.flags and lazy.groups == 1


def test_it_compiles_once_at_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counting)
    lazy = lazy_re(r"\bord\b")
    assert calls == []
    assert lazy.search("ett ord här") and not lazy.search("orden")
    assert lazy.sub("-", "ord och ord") == "- och -"
    assert calls == [r"\bord\b"]
    # bound on the instance: later calls go straight to the compiled pattern
    assert lazy.search.__self__ is lazy.sub.__self__
    assert isinstance(lazy.search.__self__, re.Pattern)


def test_an_invalid_pattern_fails_where_it_is_used() -> None:
    lazy = lazy_re("(")
    with pytest.raises(re.error):
        lazy.search("x")
