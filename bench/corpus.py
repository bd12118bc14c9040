"""A generated corpus: plausible reports of many units, varied from sample_reports/.

Deterministic for a seed, so that benchmarks and the pinned-output test see the
same files on every machine.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "sample_reports"

_NUMBER = re.compile(r"(?<![\w/-])(\d{1,3}(?: \d{3})+|\d+)(?![\w/-])")


def _vary(text: str, rng: random.Random, unit: str) -> str:
    """A plausible new report: another unit, other numbers, some text reordered."""
    text = re.sub(r"(?m)^(  enhet: ).*$", lambda m: m.group(1) + unit, text, count=1)

    def number(m: re.Match[str]) -> str:
        digits = m.group(1).replace(" ", "")
        if len(digits) == 4 and digits.startswith("20"):
            return m.group(1)  # a year: keep it, dates and periods must stay valid
        value = int(digits)
        if value == 0 or rng.random() < 0.6:
            return m.group(1)
        new = max(0, int(value * rng.uniform(0.8, 1.2)))
        return f"{new:,}".replace(",", " ") if " " in m.group(1) else str(new)

    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if (
            "utfall" in line
            or "budget" in line
            or "årsmål" in line
            or "t1:" in line
            or "totalt" in line
        ) and "rubrik" not in line:
            line = _NUMBER.sub(number, line)
        out.append(line)
    return "".join(out)


def make_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    templates = sorted(SAMPLES.rglob("*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in templates]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        district = f"sdf{i % 14:02d}"
        target = folder / district / f"enhet{i:05d}.yaml"
        target.parent.mkdir(exist_ok=True)
        text = _vary(texts[i % len(texts)], rng, f"Enhet {i:05d}")
        target.write_text(text, encoding="utf-8")
        paths.append(target)
    return paths
