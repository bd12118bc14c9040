"""Rule packs outside the repository are found through the entry-point group."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from checker.engine import plugins
from tests.conftest import ROOT, cli

PACK = """
from checker.findings import Msg, Severity
from checker.engine.hookspecs import hookimpl
from checker.rule import Doc, rule

DOC = Doc(what=Msg("enhetens namn", "the unit name"), why=Msg("läsbarhet", "readability"),
          failing="rapport: {enhet: E}\\n", passing="rapport: {enhet: Enheten}\\n")


@rule(code="RK901", name="short-unit-name", severity=Severity.WARNING,
      message=Msg("Enhetsnamnet {name!r} är för kort.", "The unit name {name!r} is too short."),
      doc=DOC)
def short_unit_name(ctx):
    if len(ctx.unit or "") < 3:
        yield short_unit_name.at(("rapport", "enhet"), name=ctx.unit)


@rule(code="RK902", name="always-breaks", severity=Severity.ERROR,
      message=Msg("aldrig", "never"), doc=DOC)
def always_breaks(ctx):
    raise ZeroDivisionError("trasig regel")


@hookimpl
def rapportkoll_rules():
    return [short_unit_name, always_breaks]
"""


def make_pack(root: Path, name: str, source: str) -> dict[str, str]:
    """A real installed distribution: a module plus dist-info with an entry point."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[rapportkoll]\n{name} = {name}\n")
    return {"PYTHONPATH": str(root)}


def test_external_pack_is_listed_and_runs(tmp_path: Path) -> None:
    env = make_pack(tmp_path / "site", "extpack", PACK)
    listed = cli("rules", "--format", "json", env=env)
    rules = {r["code"]: r for r in json.loads(listed.stdout)}
    assert rules["RK901"]["plugin"] == "extpack" and "RK101" in rules
    report = tmp_path / "r.yaml"
    report.write_text("rapport: {typ: VB, år: 2023, enhet: E}\n", encoding="utf-8")
    proc = cli("check", "--format", "json", str(report), env=env)
    data = json.loads(proc.stdout)
    by_code = {f["code"]: f for f in data["findings"]}
    assert by_code["RK901"]["line"] == 1 and "för kort" in by_code["RK901"]["message"]
    # the broken rule is one internal error naming the rule and the file ...
    internal = [f for f in data["findings"] if f["code"] == "RK000"]
    assert len(internal) == 1 and "RK902" in internal[0]["message"]
    assert internal[0]["file"] == str(report)
    assert "ZeroDivisionError" in internal[0]["message"]
    # ... every other rule still ran, and the exit code says the checker was partly broken
    assert "RK101" in by_code
    assert proc.returncode == 2


def test_without_the_pack_nothing_changes(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text("rapport: {typ: VB, år: 2023, enhet: E}\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(report)).stdout)
    assert {f["code"] for f in data["findings"]}.isdisjoint({"RK901", "RK000"})


def test_pack_that_fails_to_import_is_reported_not_fatal(tmp_path: Path) -> None:
    env = make_pack(tmp_path / "site", "brokenpack", "raise ImportError('saknar beroende')\n")
    report = tmp_path / "r.yaml"
    report.write_text("rapport: {typ: VB, år: 2023, enhet: E}\n", encoding="utf-8")
    proc = cli("check", "--format", "json", str(report), env=env)
    data = json.loads(proc.stdout)
    internal = [f for f in data["findings"] if f["code"] == "RK000"]
    assert len(internal) == 1 and "brokenpack" in internal[0]["message"]
    assert any(f["code"] == "RK101" for f in data["findings"])
    assert proc.returncode == 2


def readme_pack() -> tuple[str, str]:
    """The Python and TOML blocks of the README's "Writing a rule pack", as written."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Writing a rule pack", 1)[1]
    python = section.split("```python\n", 1)[1].split("```", 1)[0]
    toml = section.split("```toml\n", 1)[1].split("```", 1)[0]
    return python, toml


def test_the_readme_rule_pack_works_as_written(tmp_path: Path) -> None:
    python, toml = readme_pack()
    name = toml.split("[project.entry-points.rapportkoll]\n", 1)[1].split("=")[0].strip()
    env = make_pack(tmp_path / "site", name, python)
    listed = json.loads(cli("rules", "--format", "json", env=env).stdout)
    assert any(r["code"] == "RK901" and r["plugin"] == name for r in listed)
    report = tmp_path / "r.yaml"
    report.write_text("rapport: {typ: VB, år: 2023, enhet: E}\n", encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(report), env=env).stdout)
    assert [f["line"] for f in data["findings"] if f["code"] == "RK901"] == [1]
    assert not any(f["code"] == "RK000" for f in data["findings"])
    # and the pack's own documented examples behave as documented
    explained = cli("rule", "RK901", env=env).stdout
    assert "enhet: E}" in explained and "Enheten för personligt stöd" in explained


# A pack that imports nothing: importing PACK here would spend checker.hookspecs'
# one-time deprecation warning, which test_architecture expects to see.
_INERT = "RULES = []\n"


def test_plugin_list_is_cached_and_follows_installs(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    # no distribution names the group: no pack, and nothing scanned or cached
    assert plugins.installed_packs() == []
    assert not plugins.plugin_list_file().exists()
    make_pack(site, "otherpack", _INERT)
    (site / "otherpack-0.1.dist-info" / "entry_points.txt").write_text(
        "[console_scripts]\nrapportkoll-extra = otherpack:main\n"
    )
    assert plugins.installed_packs() == []
    # installing a pack: it is found at once, and the list is cached under the new key
    make_pack(site, "cachedpack", _INERT)
    assert ("cachedpack", "cachedpack") in plugins.installed_packs()
    stored = json.loads(plugins.plugin_list_file().read_text(encoding="utf-8"))
    assert stored["key"] == plugins.environment_key()
    # the next run reads the names from the cache instead of every distribution's
    # metadata: a list edited there (still well-formed) is what the run uses
    stored = json.loads(plugins.plugin_list_file().read_text(encoding="utf-8"))
    stored["entry_points"] = [["renamed", "cachedpack"]]
    plugins.plugin_list_file().write_text(json.dumps(stored), encoding="utf-8")
    assert plugins.installed_packs() == [("renamed", "cachedpack")]
    pm, failures = plugins.plugin_manager()
    assert pm.get_plugin("renamed") is not None and failures == []


def test_a_malformed_plugin_list_is_read_anew(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    site = tmp_path / "site"
    make_pack(site, "realpack", _INERT)
    monkeypatch.syspath_prepend(str(site))
    key = plugins.environment_key()
    path = plugins.plugin_list_file()
    path.parent.mkdir(parents=True)
    for bad in (
        {"format": 1, "key": key, "entry_points": [["x", "os; import this"]]},
        {"format": 1, "key": key, "entry_points": [["bad name", "realpack"]]},
        {"format": 1, "key": key, "entry_points": "realpack"},
        {"format": 2, "key": key, "entry_points": []},
        {"format": 1, "key": "stale", "entry_points": []},
    ):
        path.write_text(json.dumps(bad), encoding="utf-8")
        assert ("realpack", "realpack") in plugins.installed_packs(), bad
        assert json.loads(path.read_text(encoding="utf-8"))["key"] == key
    path.write_bytes(b"\xff not json")
    assert ("realpack", "realpack") in plugins.installed_packs()


def test_a_pack_is_found_wherever_importlib_metadata_finds_it(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """The look at entry_points.txt files (before importlib.metadata) says "maybe" for every
    way a pack is declared: dist-info, egg-info, any case, a group header among spaces."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for i, (folder, header) in enumerate(
        (
            ("spacedpack-0.1.dist-info", "  [rapportkoll]  "),
            ("eggpack-0.1.egg-info", "[rapportkoll]"),
            ("CasePack-0.1.DIST-INFO", "[rapportkoll]"),
        )
    ):
        site = tmp_path / f"site{i}"
        name = folder.split("-")[0].lower()
        info = site / folder
        info.mkdir(parents=True)
        (info / "PKG-INFO" if "egg" in folder else info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n"
        )
        (info / "entry_points.txt").write_text(f"# a pack\n{header}\n{name} = {name}\n")
        with monkeypatch.context() as m:
            m.syspath_prepend(str(site))
            assert plugins._may_have_packs(), folder
            import importlib.metadata

            expected = {
                (ep.name, ep.value) for ep in importlib.metadata.entry_points(group="rapportkoll")
            }
            assert (name, name) in expected, folder  # importlib.metadata reads it as a pack too
            assert (name, name) in plugins.installed_packs(), folder


def test_a_check_without_packs_reads_no_distribution_metadata(tmp_path: Path) -> None:
    report = tmp_path / "r.yaml"
    report.write_text("rapport: {typ: VB, år: 2023, enhet: E}\n", encoding="utf-8")
    probe = (
        "import sys; from checker.cli import main; main(['check', sys.argv[1]]); "
        "print('importlib.metadata' in sys.modules)"
    )

    def imports_metadata(env: dict[str, str]) -> str:
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), **env}
        got = subprocess.run(
            [sys.executable, "-c", probe, str(report)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return got.stdout.strip().splitlines()[-1]

    assert imports_metadata({}) == "False"
    # with a pack installed, the same run finds it through importlib.metadata
    assert imports_metadata(make_pack(tmp_path / "site", "probepack", _INERT)) == "True"


def _hooks(pm: Any) -> list[tuple[str, str, object, dict[str, Any]]]:
    return sorted(
        (
            (caller.name, impl.plugin_name, impl.function, dict(impl.opts))
            for caller in pm.hook.__dict__.values()
            for impl in caller.get_hookimpls()
        ),
        key=lambda h: (h[0], h[1], repr(h[2])),
    )


def test_the_managers_quick_look_finds_what_pluggy_finds(tmp_path: Path, monkeypatch: Any) -> None:
    """Registering a module sorts its names without pluggy's inspection: the same hooks."""
    import importlib

    import pluggy

    from checker.engine import hookspecs

    (tmp_path / "oddpack.py").write_text(
        textwrap.dedent(
            """
            from checker.engine.hookspecs import hookimpl

            @hookimpl
            def rapportkoll_rules():
                return []

            @hookimpl(tryfirst=True)
            def rapportkoll_data_dirs():
                return []

            def rapportkoll_check_report(report):  # not marked: no hook
                return None

            class Holder:
                @staticmethod
                @hookimpl
                def rapportkoll_check_run(reports):
                    return None

            rapportkoll_check_run = Holder.__dict__["rapportkoll_check_run"]
            NUMBER = 3
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    modules = [importlib.import_module(n) for n in (*plugins.DEFAULT_PLUGINS, "oddpack")]
    ours = plugins._PluginManager(hookspecs.PROJECT)
    theirs = pluggy.PluginManager(hookspecs.PROJECT)
    for pm in (ours, theirs):
        pm.add_hookspecs(hookspecs)
        for module in modules:
            pm.register(module, name=module.__name__)
    assert _hooks(ours) == _hooks(theirs)
    assert {h[1] for h in _hooks(ours) if h[0] == "rapportkoll_check_run"} == {"oddpack"}
    assert len(_hooks(ours)) == len(plugins.DEFAULT_PLUGINS) + 3
