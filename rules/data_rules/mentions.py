"""Whether a text mentions words: read as RK7 reads Swedish.

A word matches its inflected forms (the endings of ``böjningsändelser`` in
``rules/data/text_signals.yaml``: "avvikelse" matches "avvikelserna"), a
phrase's last word likewise ("lex sarah" matches "Lex Sarah-anmälan"), and a
word ending in ``*`` every word that begins so ("brand*": "brandskyddsarbetet").
A sentence with a negation (``nekande``: "inte", "inga", "aldrig" …) does not
count as a mention: "vi har inte haft någon brandövning" does not say that
there was one. Sentences, case and Unicode forms as RK7 reads them
(``rules.text_evidence``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.plugin import nfc
from rules.text_evidence import TextSignals, has_word, hinted, lowered, sentences


@lru_cache(maxsize=1024)
def word_pattern(word: str, endings: tuple[str, ...]) -> re.Pattern[str]:
    """``word`` (a word or phrase, ``*`` at its end for any continuation) as a pattern."""
    parts = nfc(word).lower().split()
    if not parts:
        return re.compile(r"(?!x)x")
    last = parts[-1]
    if last.endswith("*"):
        tail = re.escape(last[:-1]) + r"\w*"
    else:
        forms = "|".join(re.escape(e) for e in sorted(set(endings), key=len, reverse=True) if e)
        tail = re.escape(last) + (f"(?:{forms})?" if forms else "")
    body = r"\s+".join([*(re.escape(p) for p in parts[:-1]), tail])
    return re.compile(rf"(?<![\w-]){body}(?![\w])")


def _stem(word: str) -> str:
    """What every mention of ``word`` contains, for a quick test of a whole text."""
    return nfc(word).lower().split()[0].rstrip("*") if word.split() else word


def mentioned(text: str, words: list[str], sig: TextSignals) -> list[str]:
    """The words of ``words`` that ``text`` mentions in a sentence without a negation."""
    low = lowered(text)
    wanted = [w for w in words if hinted(low, (_stem(w),))]
    if not wanted:
        return []
    endings = tuple(sig.endings)
    found: list[str] = []
    for sentence in sentences(text):
        here = [
            w for w in wanted if w not in found and word_pattern(w, endings).search(sentence.low)
        ]
        if here and not has_word(sentence.low, sig.negations):
            found.extend(here)
            if len(found) == len(wanted):
                break
    return [w for w in words if w in found]
