"""The RK7 sentence index tags exactly the sentences each rule's own test let through.

Each text rule used to test a whole text for one of its family's hints, then each
sentence; the index does that once per report. Pinned here on every text (and every
paragraph, as RK708 reads them) of the samples and of the seed exports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.engine.core import Engine
from checker.engine.settings import Settings
from checker.plugin import ReportContext
from checker.read.sources import read_source
from checker.read.validate import build_model
from rules.text_evidence import (
    SentenceIndex,
    all_strings,
    hinted,
    lowered,
    paragraphs,
    sentence_families,
    sentence_index,
    sentences,
    signals,
)
from tests.shared import SEED_EXPORTS, need

ROOT = Path(__file__).resolve().parent.parent.parent
ENGINE = Engine(Settings(select=["RK7"]))


def context(path: Path) -> ReportContext:
    doc = read_source(str(path), ENGINE.settings.limits)
    model = build_model(doc)
    assert model is not None, path
    return ReportContext(doc.file, doc, model, ENGINE.refdata)


def per_family(text: str, hints: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences a rule read before the index: the text's test, then each sentence's."""
    if not hinted(lowered(text), hints):
        return ()
    return tuple(s.low for s in sentences(text) if hinted(s.low, hints))


def assert_same_tags(path: Path) -> int:
    ctx = context(path)
    index = sentence_index(ctx)
    families = sentence_families(ctx, signals(ctx))
    assert index.families == families
    compared = 0
    for _, text in all_strings(ctx):
        for key in (text, *paragraphs(text)):
            for name, hints in families.items():
                tagged = tuple(s.low for s in index.having(key, name))
                assert tagged == per_family(key, hints), (path.name, name, key[:80])
                compared += len(tagged)
    return compared


def test_samples_tag_as_each_rule_read() -> None:
    files = sorted((ROOT / "sample_reports").rglob("*.yaml"))
    assert files
    tagged = sum(assert_same_tags(p) for p in files)
    assert tagged > 100, "the samples' texts hold the families' words"


def test_seed_exports_tag_as_each_rule_read() -> None:
    assert sum(assert_same_tags(p) for p in need(SEED_EXPORTS, "*.txt")) > 0


def test_annual_reports_have_their_year_family() -> None:
    vb = [p for p in (ROOT / "sample_reports").rglob("*.yaml") if p.name.startswith("vb-")]
    assert vb
    ctx = context(vb[0])
    assert sentence_families(ctx, signals(ctx))["year"] == (str(ctx.year),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The whole text does not hold "utan att" (a line break stands between), so the
        # rule never read its sentences, although the joined sentence holds it.
        ("Arbetet gjordes utan\natt någon visste det.", ()),
        ("Arbetet gjordes utan att någon visste det. Sedan inget mer.", ("arbetet gjordes",)),
    ],
)
def test_a_sentence_is_tagged_only_when_its_text_holds_a_hint(
    text: str, expected: tuple[str, ...]
) -> None:
    index = SentenceIndex({"not_started": ("utan att",)})
    tagged = index.having(text, "not_started")
    assert tuple(s.low[:15] for s in tagged) == expected
    assert index.having(text, "no such family") == ()


def test_not_started_phrases_are_searched_where_their_longest_word_stands() -> None:
    """Skipping a phrase whose longest word is absent loses none of its matches."""
    files = sorted((ROOT / "sample_reports").rglob("*.yaml"))
    sig = signals(context(files[0]))
    lows = {s.low for p in files for _, t in all_strings(context(p)) for s in sentences(t)}
    lows |= {"arbetet har inte … påbörjats", "enheten ska påbörja en kartläggning"}
    hit = 0
    for low in sorted(lows):
        every = [m.span() for p in sig.not_started_res for m in p.finditer(low)]
        keyed = [m.span() for w, p in sig.not_started_keyed if w in low for m in p.finditer(low)]
        assert keyed == every, low
        hit += bool(every)
    assert hit > 0
