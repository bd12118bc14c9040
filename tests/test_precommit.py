"""The pre-commit hook, run by the real pre-commit framework in real git repositories.

pre-commit installs a hook from a git repository at a revision. The checkout's
own HEAD would miss uncommitted work (and ``pre-commit try-repo`` only picks up
tracked changes and builds a fresh environment on every call), so the module
snapshots the checkout as it is on disk -- tracked and untracked files, ignored
ones left out -- into a temporary git repository and points ``repo:``/``rev:``
at that commit. On a fresh CI clone the snapshot is exactly HEAD.

PRE_COMMIT_HOME is shared by the module, so the hook's virtualenv (a real
``pip install`` of this project) is built once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

CLEAN = SAMPLES / "clean" / "vb-2024-boendestodet.yaml"
TIMEOUT = 600  # the first run builds a virtualenv and pip-installs the project

Run = Callable[..., subprocess.CompletedProcess[str]]


def _env(home: Path) -> dict[str, str]:
    """The caller's environment without anything that would steer git or pre-commit."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("SKIP", "FORCE_COLOR")
    }
    gitconfig = home / "gitconfig"
    gitconfig.touch()
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        GIT_CONFIG_GLOBAL=str(gitconfig),  # no user hooks, signing or templates
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        NO_COLOR="1",
    )
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    proc = _run(["git", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)}:\n{proc.stdout}{proc.stderr}"
    return proc.stdout.strip()


def _init(path: Path, env: dict[str, str]) -> None:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, env, "init", "-q", "-b", "main")
    _git(path, env, "config", "user.name", "Test")
    _git(path, env, "config", "user.email", "test@example.invalid")
    _git(path, env, "config", "commit.gpgsign", "false")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("precommit-home")


@pytest.fixture(scope="module")
def hook_repo(home: Path) -> tuple[Path, str]:
    """This checkout as on disk, committed to a temporary repository: (path, rev)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0, f"the tests need a git checkout of rapportkoll:\n{listed.stderr}"
    env = _env(home)
    snapshot = home / "rapportkoll-snapshot"
    _init(snapshot, env)
    for rel in filter(None, listed.stdout.split("\0")):
        source = ROOT / rel
        if source.is_file():  # a tracked file deleted on disk is left out
            (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / rel)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    _git(snapshot, env, "add", "-A")
    _git(snapshot, env, "commit", "-q", "-m", "snapshot")
    return snapshot, _git(snapshot, env, "rev-parse", "HEAD")


def _config(repo: Path, rev: str, files: str | None = None) -> str:
    # JSON strings are YAML strings: safe for any temporary path.
    text = (
        f"repos:\n  - repo: {json.dumps(str(repo))}\n    rev: {rev}\n"
        "    hooks:\n      - id: rapportkoll\n"
    )
    if files is not None:
        text += f"        files: {json.dumps(files)}\n"
    return text


@pytest.fixture(scope="module")
def built(hook_repo: tuple[Path, str], home: Path) -> None:
    """Build the hook's environment once, with a clear failure if that is what breaks."""
    env = _env(home)
    scratch = home / "scratch"
    _init(scratch, env)
    (scratch / ".pre-commit-config.yaml").write_text(_config(*hook_repo), encoding="utf-8")
    proc = _run([sys.executable, "-m", "pre_commit", "install-hooks"], scratch, env)
    assert proc.returncode == 0, f"pre-commit could not build the hook:\n{proc.stdout}{proc.stderr}"


@pytest.fixture
def project(
    tmp_path: Path, home: Path, hook_repo: tuple[Path, str], built: None
) -> tuple[Path, Run]:
    """A fresh author repository that uses the hook, and a runner for git or pre-commit."""
    env = _env(home)
    repo = tmp_path / "rapporter-repo"
    _init(repo, env)
    (repo / ".pre-commit-config.yaml").write_text(_config(*hook_repo), encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = list(args) if args[0] == "git" else [sys.executable, "-m", "pre_commit", *args]
        return _run(cmd, repo, env)

    return repo, run


def _invalid_status() -> tuple[str, int]:
    """The clean VB with one unit goal's status misspelt, and that line (1-based)."""
    lines = CLEAN.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.strip() == "status: Uppfylls helt")
    lines[line] = lines[line].replace("Uppfylls helt", "Uppfylles helt")
    return "".join(lines), line + 1


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.parts
    }


def _assert_unchanged(repo: Path, run: Run, before: dict[str, str]) -> None:
    """No file changed, and nothing differs from what was staged or appeared beside it."""
    assert _digest(repo) == before, "the hook must not change any file"
    assert run("git", "diff", "--exit-code").returncode == 0
    assert run("git", "ls-files", "--others", "--exclude-standard").stdout == ""


def test_invalid_status_fails_and_names_rule_file_and_line(project: tuple[Path, Run]) -> None:
    repo, run = project
    text, line = _invalid_status()
    report = repo / "rapporter" / "vb-2024.yaml"
    report.parent.mkdir()
    report.write_text(text, encoding="utf-8")
    run("git", "add", "-A")
    before = _digest(repo)

    proc = run("run", "--files", "rapporter/vb-2024.yaml")

    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "rapportkoll" in out and "Failed" in out, out
    assert f"rapporter/vb-2024.yaml:{line}:" in out, out
    assert "RK201" in out and "Uppfylles helt" in out, out
    _assert_unchanged(repo, run, before)


def test_clean_report_passes(project: tuple[Path, Run]) -> None:
    repo, run = project
    (repo / "rapporter").mkdir()
    shutil.copy(CLEAN, repo / "rapporter" / "vb-2024.yaml")
    run("git", "add", "-A")

    proc = run("run", "--files", "rapporter/vb-2024.yaml")

    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "rapportkoll" in out and "Passed" in out, out


def test_all_files_skips_hidden_and_non_yaml_files(project: tuple[Path, Run]) -> None:
    """--all-files with .pre-commit-config.yaml, a .github workflow and a Markdown file."""
    repo, run = project
    shutil.copy(CLEAN, repo / "vb-2024.yaml")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", "utf-8")
    (repo / "LÄSMIG.md").write_text("# Rapporter\n", encoding="utf-8")
    run("git", "add", "-A")
    before = _digest(repo)

    proc = run("run", "--all-files", "--verbose")

    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "1 fil kontrollerad" in out, out  # vb-2024.yaml only
    _assert_unchanged(repo, run, before)


def test_files_in_author_config_limits_hook_to_report_folder(
    project: tuple[Path, Run], hook_repo: tuple[Path, str]
) -> None:
    """The documented way to keep other YAML: `files: ^rapporter/` (types keeps it YAML)."""
    repo, run = project
    (repo / ".pre-commit-config.yaml").write_text(
        _config(*hook_repo, files="^rapporter/"), encoding="utf-8"
    )
    (repo / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    (repo / "rapporter").mkdir()
    shutil.copy(CLEAN, repo / "rapporter" / "vb-2024.yaml")
    (repo / "rapporter" / "LÄSMIG.md").write_text("# Rapporter\n", encoding="utf-8")
    run("git", "add", "-A")

    proc = run("run", "--all-files", "--verbose")

    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "1 fil kontrollerad" in out, out


def test_git_commit_is_blocked_until_the_report_is_fixed(project: tuple[Path, Run]) -> None:
    """The installed hook, as an author meets it: `git commit`."""
    repo, run = project
    install = run("install")
    assert install.returncode == 0, install.stdout + install.stderr
    text, line = _invalid_status()
    report = repo / "vb-2024.yaml"
    report.write_text(text, encoding="utf-8")
    run("git", "add", "-A")

    blocked = run("git", "commit", "-q", "-m", "VB 2024")

    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert f"vb-2024.yaml:{line}:" in out and "RK201" in out, out
    assert report.read_text(encoding="utf-8") == text
    assert run("git", "rev-parse", "--verify", "-q", "HEAD").returncode != 0, "nothing committed"

    shutil.copy(CLEAN, report)
    run("git", "add", "-A")
    done = run("git", "commit", "-q", "-m", "VB 2024")
    assert done.returncode == 0, done.stdout + done.stderr
    assert run("git", "status", "--porcelain").stdout == ""


@pytest.mark.parametrize(
    "names",
    [
        ["--output=json=x.yaml", "--select=RK000.yaml"],
        ["-", "--no-config.yaml", "--fail-on=info.yml"],
    ],
)
def test_files_named_like_options_are_checked_as_files(
    project: tuple[Path, Run], names: list[str]
) -> None:
    """The entry ends with `--`: a committed file can never become an option."""
    repo, run = project
    text, line = _invalid_status()
    for name in names:
        (repo / name).write_text(text, encoding="utf-8")
    run("git", "add", "-A")
    before = _digest(repo)

    proc = run("run", "--all-files")

    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    for name in names:
        if name.endswith((".yaml", ".yml")):  # the hook only sees YAML files
            assert f"{name}:{line}:" in out and "RK201" in out, out
    assert "Traceback" not in out, out
    assert not (repo / "x.yaml").exists() and not (repo / "json").exists()
    _assert_unchanged(repo, run, before)


def test_a_warning_shows_without_verbose_in_the_author_config(project: tuple[Path, Run]) -> None:
    """The hook itself is verbose: a passing report's warnings still reach the author."""
    repo, run = project
    text = CLEAN.read_text(encoding="utf-8").replace("rad: Lokalkostnader,", "rad: Lokalkostnder,")
    (repo / "vb-2024.yaml").write_text(text, encoding="utf-8")
    run("git", "add", "-A")

    proc = run("run", "--all-files")

    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Passed" in out and "RK505" in out and "Lokalkostnder" in out, out


def test_the_hook_entry_ends_with_double_dash() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"rapportkoll", "rapportkoll-regler"}
    assert all(h["entry"].split()[-1] == "--" for h in hooks)


def test_the_rule_file_hook_runs_the_examples_and_names_the_rule(
    project: tuple[Path, Run], hook_repo: tuple[Path, str]
) -> None:
    repo, run = project
    path, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {json.dumps(str(path))}\n    rev: {rev}\n"
        "    hooks:\n      - id: rapportkoll-regler\n",
        encoding="utf-8",
    )
    rules = repo / "kvalitet" / "regler.yaml"
    rules.parent.mkdir()
    shutil.copy(ROOT / "docs" / "regler" / "stadsdel.yaml", rules)
    run("git", "add", "-A")
    proc = run("run", "--files", "kvalitet/regler.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
    # the failing example of HÄ104 turned into a passing one: the commit is stopped
    text = rules.read_text(encoding="utf-8")
    broken = text.replace(
        "                          - {aktivitet: Se över genomförandeplanerna}\n      rätt:",
        "                          - {aktivitet: Se över genomförandeplanerna}\n"
        "                          - {aktivitet: Brukarråd}\n      rätt:",
    )
    assert broken != text
    rules.write_text(broken, encoding="utf-8")
    run("git", "add", "-A")
    proc = run("run", "--files", "kvalitet/regler.yaml")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "FEL  HÄ104 tva-aktiviteter-per-enhetsmal" in out, out
    assert "kvalitet/regler.yaml:" in out and "exemplet fel: gav ingen anmärkning" in out, out
