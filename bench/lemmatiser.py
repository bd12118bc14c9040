"""Measure how the RK7 rules should recognise Swedish inflection: the hand-kept endings
(``böjningsändelser`` in rules/data/text_signals.yaml), the Snowball Swedish stemmer
(``snowballstemmer``) or simplemma's lemmas, for quality and speed.

    .venv/bin/python bench/lemmatiser.py

Quality: every inflected form of the counted words (which must be recognised) and words
that look alike but are not them (which must not), and the words of the seeds and the
near-miss reports on which the methods disagree. Speed: a fresh interpreter's import and
first word (the one-file check pays it), and words per second. Needs both packages
installed; it is a measurement, not part of the checker.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.engine.core import Engine  # noqa: E402
from rules.text_evidence import TextSignals  # noqa: E402

SIG: TextSignals = Engine().refdata.get("text_signals.yaml")

# Every form Swedish has of the counted nouns: these must be recognised ...
FORMS = {
    "klagomål": ["klagomål", "klagomålet", "klagomålen", "klagomålets", "klagomålens", "klagomåls"],
    "synpunkt": [
        "synpunkt",
        "synpunkten",
        "synpunkter",
        "synpunkterna",
        "synpunktens",
        "synpunkters",
    ],
    "avvikelse": [
        "avvikelse",
        "avvikelsen",
        "avvikelser",
        "avvikelserna",
        "avvikelsens",
        "avvikelses",
        "avvikelsers",
        "avvikelsernas",
    ],
    "incident": ["incident", "incidenten", "incidenter", "incidenterna", "incidents"],
    "incidentrapportering": [
        "incidentrapportering",
        "incidentrapporteringen",
        "incidentrapporteringar",
        "incidentrapporteringarna",
    ],
    "beröm": ["beröm", "berömmet", "berömmets"],
}
# ... and these look alike but are not a count of them: they must not be.
NOT_THEM = [
    "avvikande",
    "avvika",
    "avviker",
    "avvikit",
    "avvek",  # the verb "deviate"
    "klagomålshantering",
    "klagomålsrutin",
    "synpunktsblankett",  # compounds: another thing
    "incidentrapporteringssystem",
    "berömd",
    "berömda",
    "berömma",
    "berömde",
    "synpunkta",
    "klaga",
    "klagade",
]
KIND = {form: kind for kind, forms in FORMS.items() for form in forms}
BASES = {
    "klagomål": "klagomål",
    "synpunkt": "klagomål",
    "avvikelse": "avvikelse",
    "incident": "incident",
    "incidentrapport": "incident",
    "incidentrapportering": "incident",
    "beröm": "beröm",
}
GOLD = {
    "klagomål": "klagomål",
    "synpunkt": "klagomål",
    "avvikelse": "avvikelse",
    "incident": "incident",
    "incidentrapportering": "incident",
    "beröm": "beröm",
}


def endings(word: str) -> str | None:
    return SIG.kind_of(word)


def snowball() -> Callable[[str], str | None]:
    import snowballstemmer

    stem = snowballstemmer.stemmer("swedish").stemWord
    stems = {stem(b): k for b, k in BASES.items()}
    return lambda word: stems.get(stem(word))


def lemmas() -> Callable[[str], str | None]:
    import simplemma

    return lambda word: BASES.get(simplemma.lemmatize(word, lang="sv"))


def quality(name: str, kind_of: Callable[[str], str | None]) -> tuple[int, int, list[str]]:
    """(forms recognised, look-alikes wrongly taken, the mistakes)."""
    found = 0
    wrong: list[str] = []
    for form, kind in KIND.items():
        if kind_of(form) == GOLD[kind]:
            found += 1
        else:
            wrong.append(f"missed {form}")
    false = 0
    for word in NOT_THEM:
        if kind_of(word) is not None:
            false += 1
            wrong.append(f"took {word}")
    return found, false, wrong


def corpus_words() -> list[str]:
    files = [
        *sorted((ROOT / "sample_reports" / "seeds").glob("*.yaml")),
        *sorted((ROOT / "sample_reports" / "clean").glob("*.yaml")),
        *sorted((ROOT / "tests" / "rules" / "rk7_near_misses").glob("*.yaml")),
    ]
    text = " ".join(f.read_text(encoding="utf-8").lower() for f in files)
    return re.findall(r"[a-zåäöé]+", text)


# RK702/RK208: "the work has not begun", in every form Swedish has (negation before or
# after the verb), and sentences that look alike but do not say it.
NOT_BEGUN = [
    "arbetet har inte påbörjats",
    "vi har ännu inte påbörjat kartläggningen",
    "kartläggningen är inte påbörjad",
    "utbildningen påbörjades aldrig",
    "arbetet har ej startat",
    "projektet startades inte",
    "arbetet kom aldrig igång",
    "arbetet har inte kommit igång",
    "arbetet började inte",
    "vi har inte hunnit börja",
    "aktiviteten har inte genomförts",
    "utbildningen genomfördes inte",
]
BEGUN = [
    "inte minst har vi påbörjat arbetet",
    "arbetet har inte bara påbörjats utan slutförts",
    "arbetet har påbörjats",
    "vi kunde inte genomföra alla träffar",
    "kartläggningen startade i mars",
    "arbetet är inte längre påbörjat utan avslutat",
]


def not_begun_by_stems(low: str) -> bool:
    import snowballstemmer

    stem = snowballstemmer.stemmer("swedish").stemWord
    verbs = {stem(v) for v in ("påbörja", "starta", "börja", "genomföra", "igång")}
    words = low.split()
    for i, w in enumerate(words):
        if w in ("inte", "ej", "aldrig"):
            near = words[max(0, i - 2) : i + 4]
            if any(stem(x) in verbs for x in near):
                return True
    return False


def not_begun_quality() -> None:
    from rules.text_evidence import says_not_started

    for name, fn in (
        ("stems+negation (rules)", lambda s: says_not_started(s, SIG)),
        ("snowball+negation", not_begun_by_stems),
    ):
        hits = sum(fn(s) for s in NOT_BEGUN)
        false = [s for s in BEGUN if fn(s)]
        print(
            f"  {name:<24} found {hits}/{len(NOT_BEGUN)}, wrongly {len(false)}/{len(BEGUN)}"
            + (f": {'; '.join(false)}" if false else "")
        )


def fresh_start(code: str, runs: int = 5) -> float:
    """Median seconds for a fresh interpreter to run ``code`` (import and first word)."""
    script = f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    try:
        import simplemma  # noqa: F401
        import snowballstemmer  # noqa: F401
    except ImportError:
        sys.exit(
            "Mätningen behöver båda paketen: .venv/bin/pip install snowballstemmer==3.1.1"
            " simplemma==2.0.0"
        )
    methods = {"endings": endings, "snowball": snowball(), "simplemma": lemmas()}
    total = len(KIND)
    print(f"Quality: {total} forms to recognise, {len(NOT_THEM)} look-alikes to leave alone")
    for name, fn in methods.items():
        found, false, wrong = quality(name, fn)
        print(
            f"  {name:<10} recognised {found}/{total}, took {false}/{len(NOT_THEM)}: "
            + (", ".join(wrong) or "no mistakes")
        )
    print(
        f"'Not begun' (RK702, RK208): {len(NOT_BEGUN)} sentences that say it,"
        f" {len(BEGUN)} that do not"
    )
    not_begun_quality()
    words = corpus_words()
    unique = sorted(set(words))
    print(f"Corpus (seeds, clean samples, near misses): {len(words)} words, {len(unique)} distinct")
    results = {name: {w: fn(w) for w in unique} for name, fn in methods.items()}
    for name in ("snowball", "simplemma"):
        diff = [w for w in unique if results[name][w] != results["endings"][w]]
        print(f"  {name} differs from endings on {len(diff)} words: {', '.join(diff[:20])}")
    print("Speed: words per second over the corpus (warm)")
    for name, fn in methods.items():
        t = time.perf_counter()
        for w in words:
            fn(w)
        elapsed = time.perf_counter() - t
        print(f"  {name:<10} {len(words) / elapsed:,.0f} words/s")
    print("Start-up: a fresh interpreter's import and first word (median of 5)")
    base = fresh_start("pass")
    for name, code in (
        (
            "snowball",
            "import snowballstemmer; snowballstemmer.stemmer('swedish').stemWord('avvikelserna')",
        ),
        ("simplemma", "import simplemma; simplemma.lemmatize('avvikelserna', lang='sv')"),
    ):
        print(f"  {name:<10} {(fresh_start(code) - base) * 1000:,.1f} ms")


if __name__ == "__main__":
    main()
