"""A rule's examples are read back dedented, as written in an indented block."""

from __future__ import annotations

import dataclasses
import pickle
import textwrap

import pytest

from checker.engine.core import Engine
from checker.findings import Msg
from checker.rule import Doc

M = Msg("vad", "what")


def test_every_rules_examples_read_back_dedented() -> None:
    rules = Engine().rules.values()
    assert len(rules) > 50
    for r in rules:
        for name in ("failing", "passing"):
            raw = r.doc.__dict__[f"_{name}_raw"]  # as the rule's module wrote it
            assert getattr(r.doc, name) == (textwrap.dedent(raw).lstrip("\n") if raw else raw)


def test_a_doc_behaves_as_the_frozen_dataclass_it_is() -> None:
    doc = Doc(M, M, failing="\n    rapport:\n      typ: VB\n")
    assert doc.failing == "rapport:\n  typ: VB\n" and doc.passing == ""
    same = Doc(M, M, failing="rapport:\n  typ: VB\n")
    assert doc == same and hash(doc) == hash(same) and repr(doc) == repr(same)
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert dataclasses.replace(doc, passing="  a: 1\n").passing == "a: 1\n"
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.failing = "x"  # type: ignore[misc]
