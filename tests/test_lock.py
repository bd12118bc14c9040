"""The lock that CI and the Quick start install from agrees with pyproject.toml's ranges."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\]+)")


def _pins() -> dict[str, str]:
    return {
        canonicalize_name(m[1]): m[2]
        for line in LOCK.read_text(encoding="utf-8").splitlines()
        if (m := PIN.match(line))
    }


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = [Requirement(r) for r in project["project"]["dependencies"]]
    for extra in project["project"]["optional-dependencies"].values():
        found += [Requirement(r) for r in extra]
    found += [Requirement(r) for r in project["build-system"]["requires"]]
    return found


def test_every_requirement_is_pinned_within_its_range() -> None:
    pins = _pins()
    for req in _requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not in {LOCK.name}: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{req.name}=={pins[name]} in the lock is outside pyproject.toml's {req}: run `make lock`"
        )


def test_every_pin_carries_a_hash() -> None:
    text = LOCK.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text)
    pinned = [b for b in blocks if PIN.match(b)]
    assert pinned and all("--hash=sha256:" in b for b in pinned)


def test_ci_and_the_quick_start_install_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes" in makefile and "requirements/lock.txt" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
