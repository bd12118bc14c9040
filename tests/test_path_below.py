"""``path_below`` names a file relative to the checked tree, lexically: its shortcut for
the common case (a name the walk made below an absolute root) gives exactly what the
general way gives, for every odd spelling of a name or a root."""

from __future__ import annotations

import os
import random
from pathlib import Path

from checker.paths import path_below


def _lexical(file: str, root: str | None) -> str:
    """The general way: both made absolute, compared by their common path."""
    if root:
        absolute, top = os.path.abspath(file), os.path.abspath(root)
        try:
            if os.path.commonpath([absolute, top]) == top:
                return Path(os.path.relpath(absolute, top)).as_posix()
        except ValueError:
            pass
    return Path(file).as_posix()


def test_the_shortcut_names_every_file_as_the_general_way() -> None:
    atoms = ["/", "a", "b", ".", "..", "//", "x.yaml", "...", "..a", "ä", "\udcff"]
    rng = random.Random(7)
    cases = set()
    for _ in range(8000):
        file = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 7)))
        root = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 5)))
        cases |= {(file, root), (root + "/" + file, root), ("/" + root + "/" + file, "/" + root)}
    cases |= {("/t/a//b.yaml", "/t"), ("/t/../b.yaml", "/t"), ("//t/b.yaml", "//t")}
    differ = [(f, r) for f, r in sorted(cases) if path_below(f, r) != _lexical(f, r)]
    assert not differ, differ[:5]
    # the case the shortcut is for
    assert path_below("/srv/rapporter/sdf01/enhet.yaml", "/srv/rapporter") == "sdf01/enhet.yaml"
