"""The README's examples work when copied: the configuration block and the pre-commit example.

The examples are read from README.md itself (sections "Configuration",
"pre-commit" and "Releasing"), so a change to the README is what is tested.
The pre-commit example runs with the real pre-commit framework against a
local clone of this checkout, tagged the way the release steps say; only its
``repo:`` line is replaced by the clone's path, its ``rev`` is kept.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker import __version__
from tests.conftest import ROOT, SAMPLES, cli, cli_json
from tests.test_precommit import _env, _git, _init, _run, home, hook_repo

__all__ = ["home", "hook_repo"]  # module-scoped fixtures shared with test_precommit

README = (ROOT / "README.md").read_text(encoding="utf-8")
DEFECTS = SAMPLES / "defects" / "vb-2024-typiska-fel.yaml"
CLEAN = SAMPLES / "clean" / "vb-2024-boendestodet.yaml"


def block(section: str, lang: str) -> str:
    """The first ```lang block under the README heading ``### section``."""
    start = README.index(f"\n### {section}\n")
    end = README.find("\n## ", start + 1)
    part = README[start : end if end > 0 else None]
    found = re.search(rf"```{lang}\n(.*?)```", part, re.S)
    assert found, f"no {lang} example in the README's section {section}"
    return found.group(1)


CONFIG = block("Configuration", "toml")
PRECOMMIT = block("pre-commit", "yaml")
RELEASE = block("Releasing", "sh")


# -- the configuration block ---------------------------------------------------------


def _codes(data: dict[str, object]) -> set[tuple[str, str]]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {(f["code"], f["severity"]) for f in findings}


def _expected() -> set[tuple[str, str]]:
    """What the block's settings mean, given on the command line instead."""
    families = ["--select", "RK1,RK2,RK3,RK4,RK5,RK6", "--ignore", "RK405"]
    code, data = cli_json("--no-config", *families, str(DEFECTS))
    assert code == 1
    return {(c, "error" if c == "RK305" else s) for c, s in _codes(data)}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", '[project]\nname = "rapporter"\n\n' + CONFIG),
        ("rapportkoll.toml", CONFIG),  # the block pasted as it is
        # the same settings at the top of rapportkoll.toml, headings without tool.rapportkoll
        (
            "rapportkoll.toml",
            CONFIG.replace("[tool.rapportkoll]\n", "").replace("tool.rapportkoll.", ""),
        ),
    ],
    ids=["pyproject", "rapportkoll-pasted", "rapportkoll-top"],
)
def test_the_configuration_block_works_in_both_files(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(DEFECTS, tmp_path / "vb-2024.yaml")
    code, data = cli_json(str(tmp_path / "vb-2024.yaml"))
    assert code == 1
    found = _codes(data)
    assert found == _expected()
    assert not any(c.startswith("RK7") or c == "RK405" for c, _ in found)


def test_mixed_forms_in_rapportkoll_toml_say_what_to_change(tmp_path: Path) -> None:
    config = tmp_path / "rapportkoll.toml"
    config.write_text('fail-on = "warning"\n\n' + CONFIG, encoding="utf-8")
    shutil.copy(CLEAN, tmp_path / "vb-2024.yaml")
    proc = cli("check", str(tmp_path / "vb-2024.yaml"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = CONFIG.splitlines().index("[tool.rapportkoll]") + 3
    assert f"{config}:{line}: rapportkoll.toml ska ha inställningarna antingen" in proc.stderr
    assert "[tool.rapportkoll]" in proc.stderr and "Traceback" not in proc.stderr


# -- the pre-commit example ----------------------------------------------------------


def _warning_only() -> str:
    """The clean VB with one income-statement row misspelt: an RK505 warning, no error."""
    text = CLEAN.read_text(encoding="utf-8")
    assert "rad: Lokalkostnader," in text
    return text.replace("rad: Lokalkostnader,", "rad: Lokalkostnder,", 1)


def _git_root(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_example_rev_is_a_commit_of_this_repository() -> None:
    example = yaml.safe_load(PRECOMMIT)
    (repo,) = example["repos"]
    rev = str(repo["rev"])
    assert re.fullmatch(r"[0-9a-f]{40}", rev), "rev is a commit id as git ls-remote prints it"
    found = _git_root("cat-file", "-e", f"{rev}^{{commit}}")
    assert found.returncode == 0, f"the README's rev {rev} is not in this clone's history"
    hooks = yaml.safe_load(_git_root("show", f"{rev}:.pre-commit-hooks.yaml").stdout)
    assert {h["id"] for h in repo["hooks"]} <= {h["id"] for h in hooks}
    assert all(h.get("verbose") is True for h in repo["hooks"])  # warnings are shown


def test_the_release_steps_tag_the_version(
    tmp_path: Path, home: Path, hook_repo: tuple[Path, str]
) -> None:
    env = _env(home)
    clone = tmp_path / "rapportkoll-klon"
    _git(tmp_path, env, "clone", "-q", str(hook_repo[0]), str(clone))
    # The release steps as written, up to the push (there is nowhere to push to).
    steps = "\n".join(ln for ln in RELEASE.splitlines() if not ln.startswith("git push"))
    release = _run(["bash", "-euc", steps], clone, env)
    assert release.returncode == 0, release.stdout + release.stderr
    assert _git(clone, env, "tag", "--list") == f"v{__version__}"


def test_the_pre_commit_example_runs_as_pasted(tmp_path: Path, home: Path) -> None:
    """The example with its own rev, the real pre-commit, a clone of this repository."""
    env = _env(home)
    clone = tmp_path / "rapportkoll-klon"
    _git(tmp_path, env, "clone", "-q", "--no-local", str(ROOT), str(clone))

    author = tmp_path / "rapporter-repo"
    _init(author, env)
    config, n = re.subn(
        r"(?m)^(\s*- repo:) .*$", lambda m: f"{m.group(1)} {json.dumps(str(clone))}", PRECOMMIT
    )
    assert n == 1
    (author / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (author / "rapporter").mkdir()
    (author / "rapporter" / "vb-2024.yaml").write_text(_warning_only(), encoding="utf-8")
    (author / "annat.yaml").write_text("services: {}\n", encoding="utf-8")  # outside files:
    _git(author, env, "add", "-A")

    def pre_commit(*args: str) -> subprocess.CompletedProcess[str]:
        return _run([sys.executable, "-m", "pre_commit", *args], author, env)

    passed = pre_commit("run", "--all-files")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "Passed" in out and "RK505" in out and "Lokalkostnder" in out, out  # verbose
    assert "1 fil kontrollerad" in out, out  # files: ^rapporter/ kept annat.yaml out

    # fail-on in the configuration beside the reports stops the commit on a warning.
    (author / "rapportkoll.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    _git(author, env, "add", "-A")
    failed = pre_commit("run", "--all-files")
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1 and "Failed" in out and "rapporter/vb-2024.yaml:" in out, out
