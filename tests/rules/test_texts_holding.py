"""``texts_holding`` finds exactly the texts whose NFC lower case holds a word."""

from __future__ import annotations

import random

from checker.swedish import nfc
from rules.text_evidence import texts_holding

# Pieces that lower-case or normalise into other letters, NUL, and words' parts.
PIECES = ["x", "X", "xx", "Todo", "TODO", "to", "do", "\u212a", "\u0130", "i", "å", "Å"]
PIECES += ["a\u030a", "?", "??", " ", "\n", "lorem", "FYLL", "fy", "ll", "\u2013", "\x00"]
PIECES += ["k", "é", "e\u0301", "\U0001f600", "Σ", "ς"]
WORDS = [("fyll", "??", "lorem", "todo", "xx"), ("k",), ("i",), ("å",), ("ki", "xx"), ()]


def plain(texts: list[str], words: tuple[str, ...]) -> list[int]:
    return [i for i, t in enumerate(texts) if any(w in nfc(t).lower() for w in words)]


def test_same_texts_as_one_by_one() -> None:
    rng = random.Random(26)
    for _ in range(3000):
        texts = [
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6)))
            for _ in range(rng.randint(0, 6))
        ]
        for words in WORDS:
            assert texts_holding(texts, words) == plain(texts, words), (texts, words)


def test_kelvin_sign_and_decomposed_letters() -> None:
    assert texts_holding(["ett", "TO\u212aEN", "X"], ("tok", "xx")) == [1]
    assert texts_holding(["pa\u030aga\u030aende"], ("pågående",)) == [0]
    assert texts_holding(["a\x00xx", "xx"], ("xx",)) == [0, 1]


def test_ascii_lowered_finds_an_ascii_word_as_lower_does() -> None:
    from checker.plugin import ascii_lowered

    assert ascii_lowered("Rapport\u212aoll") is None  # the Kelvin sign lower-cases to "k"
    assert ascii_lowered("\u0130") is None
    low = ascii_lowered("# RAPPORTKOLL: ignore — åÄö")
    assert low is not None and b"rapportkoll" in low
    assert b"rapportkoll" not in (ascii_lowered("rapportköll") or b"")


def test_only_four_characters_turn_to_ascii() -> None:
    """``ascii_lowered``'s premise, for this Python's Unicode: outside ASCII, only the
    characters it refuses have ASCII in their lower case or NFC form."""
    import unicodedata

    from checker.swedish import _TO_ASCII

    turning = set()
    for code in range(0x80, 0x110000):
        c = chr(code)
        if unicodedata.decomposition(c) == "" and c.lower() == c:
            continue  # NFC and lower case leave it as it is
        forms = (unicodedata.normalize("NFC", c), c.lower())
        forms += (unicodedata.normalize("NFC", c).lower(), unicodedata.normalize("NFC", c.lower()))
        if any(x.isascii() and x for form in forms for x in form):
            turning.add(c)
    assert turning == set(_TO_ASCII)


def test_latin1_lowered_by_table_as_str_lower() -> None:
    from rules.text_evidence import _lower

    every = "".join(map(chr, range(256)))
    assert _lower(every) == every.lower()
    assert _lower("Åtgärd – ÖVER") == "åtgärd – över"  # past Latin-1: str.lower
