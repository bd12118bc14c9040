"""A one-file check starts with only what it needs (issue #15, start-up).

The pre-commit hook and the editor run ``rapportkoll check FILE`` once per file, so
every module it imports and every model it builds is paid on each run. These tests
pin what a plain one-file check leaves out; the time itself is measured in bench/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from checker.engine import config as config_module
from checker.engine.config import Config, defaults
from checker.engine.settings import build
from tests.conftest import ROOT, SAMPLES, cli, cli_json

# Run in a fresh interpreter: the check of one file, then what it imported and built.
PROBE = """
import json, os, sys
from checker.cli import main
code = main(["check", sys.argv[1]])
modules = sorted(sys.modules)
from checker.engine.config import Config
from checker.engine.plainmodel import _TWINS
from checker.engine.refdata import SCHEMAS
scanned = False
if "pydantic" in modules:
    import pydantic.plugin._loader as plugin_loader
    scanned = plugin_loader._plugins is not None
print(json.dumps({
    "refdata_models_built": sorted(n for n, m in SCHEMAS.items() if m in _TWINS),
    "code": code,
    "modules": modules,
    "config_built": Config in _TWINS,
    "pydantic_plugins_scanned": scanned,
    "plugins_setting": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
}))
"""

# Needed only by other commands or options: import, render, new, serve, server, completion, the
# cache (--cache-dir), parallel runs (--jobs), the other output formats, a configuration
# file (tomllib), and third-party packs' entry points (importlib.metadata's EntryPoint is
# still imported by pydantic itself, so the scan is what is pinned, not the module).
NOT_ON_A_PLAIN_CHECK = (
    # pydantic and the report model: a report that plainly fits it is validated by the
    # generated checker.read.fastmodel, the configuration and reference data by their
    # plain declarations (checker.engine.plainmodel).
    "pydantic",
    "pydantic_core",
    "checker.read.model",
    "checker.scaffold.build",
    "checker.importer",
    "checker.render",
    "checker.desk.app",
    "checker.lsp.analysis",
    "checker.run.cache",
    "multiprocessing",
    "importlib.metadata",  # no rule pack installed: no distribution's metadata read
    "checker.outputs.html",
    "checker.outputs.sarif",
    "checker.outputs.json",
    "checker.outputs.junit",
    "tomllib",
    # temporary files (a small run's stores stay in memory), digests (only the cache's)
    "tempfile",
    "hashlib",
    "difflib",  # suggestions for what does not fit
    "shutil",  # the terminal's width, for help only (with zlib, bz2, lzma)
    "traceback",  # a failing rule's last line (with textwrap)
    "textwrap",  # rules' examples, dedented when the docs or tests read them
    "checker.run.baseline",  # with --baseline only
    "checker.cli.shells",
    # The other commands' modules and the rooms they run: only `check` is declared.
    "checker.cli.new",
    "checker.cli.desk",
    "checker.cli.convert",
    "checker.scaffold",
    "checker.desk",
    "checker.convert",
    "checker.lsp",
    "checker.nightly",
)


def _probe(
    tmp_path: Path,
    env: dict[str, str] | None = None,
    text: str | None = None,
    config: str | None = None,
) -> dict[str, object]:
    report = tmp_path / "tree" / "vb.yaml"
    report.parent.mkdir()
    if config is not None:
        (tmp_path / "tree" / "rapportkoll.toml").write_text(config, encoding="utf-8")
    shutil.copy(SAMPLES / "clean" / "vb-2024-boendestodet.yaml", report)
    if text is not None:
        report.write_text(text, encoding="utf-8")
    inherited = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    full_env = {**inherited, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, str(report)],
        cwd=tmp_path,
        env={**full_env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.splitlines()[-1])
    return result


def test_a_plain_check_imports_only_what_it_needs(tmp_path: Path) -> None:
    got = _probe(tmp_path)
    assert got["code"] == 0  # the clean sample is clean: the check did run
    modules = got["modules"]
    assert isinstance(modules, list)
    loaded = [
        m for m in NOT_ON_A_PLAIN_CHECK if any(n == m or n.startswith(m + ".") for n in modules)
    ]
    assert loaded == []
    assert "rules.rk7_text" in modules and "checker.outputs.text" in modules


def test_a_check_without_configuration_builds_no_configuration_model(tmp_path: Path) -> None:
    assert _probe(tmp_path)["config_built"] is False


def test_a_folder_check_imports_no_pydantic(tmp_path: Path) -> None:
    # A folder's walk sniffs each file for a report's top-level keys: from the generated
    # validator's table, not from the pydantic model.
    tree = tmp_path / "tree"
    shutil.copytree(SAMPLES / "clean", tree)
    (tree / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    probe = (
        "import sys\nfrom checker.cli import main\ncode = main(['check', sys.argv[1], '-qq'])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, str(tree)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "c")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.stdout.split() == ["0", "[]"], proc.stderr


# A configuration as the README shows one: every kind of value a file can set.
TYPICAL_CONFIG = """\
select = ["RK1", "RK2", "RK3"]
extend-select = ["RK7"]
ignore = ["RK305"]
fail-on = "warning"
lang = "sv"
jobs = 2
extend-exclude = ["arkiv/**"]

[severity]
RK301 = "info"

[per-file-ignores]
"utkast/**" = ["RK1"]
"""


def test_a_typical_configuration_file_imports_no_pydantic(tmp_path: Path) -> None:
    got = _probe(tmp_path, config=TYPICAL_CONFIG)
    modules = got["modules"]
    assert isinstance(modules, list)
    assert "tomllib" in modules  # the file was read
    assert not [m for m in modules if m == "pydantic" or m.startswith("pydantic.")]
    assert got["config_built"] is False


def test_a_configuration_that_does_not_fit_is_judged_by_pydantic(tmp_path: Path) -> None:
    (tmp_path / "rapportkoll.toml").write_text('jobs = 0\nlang = "de"\n', encoding="utf-8")
    (tmp_path / "vb.yaml").write_text("rapport: {}\n", encoding="utf-8")
    proc = cli("check", str(tmp_path / "vb.yaml"))
    assert proc.returncode == 2
    where = tmp_path / "rapportkoll.toml"
    assert (
        proc.stderr
        == f'rapportkoll: {where}:2: fel i lang: ska vara en av "sv" eller "en", inte "de"\n'
    )
    (tmp_path / "rapportkoll.toml").write_text("jobs = 0\n", encoding="utf-8")
    proc = cli("check", str(tmp_path / "vb.yaml"))
    assert proc.stderr == f"rapportkoll: {where}:1: fel i jobs: ska vara minst 1, inte 0\n"


def test_good_reference_data_builds_no_model(tmp_path: Path) -> None:
    assert _probe(tmp_path)["refdata_models_built"] == []


def test_the_command_line_skips_pydantics_plugin_scan(tmp_path: Path) -> None:
    assert _probe(tmp_path)["pydantic_plugins_scanned"] is False


def test_a_users_pydantic_plugin_setting_is_kept(tmp_path: Path) -> None:
    # Set (even empty, which loads pydantic's plugins), it is the user's choice: a report
    # that pydantic validates (it does not plainly fit the model) loads them.
    clean = (SAMPLES / "clean" / "vb-2024-boendestodet.yaml").read_text(encoding="utf-8")
    wrong = clean.replace("typ: VB", "typ: vb", 1)
    got = _probe(tmp_path, {"PYDANTIC_DISABLE_PLUGINS": ""}, wrong)
    assert got["plugins_setting"] == ""
    assert got["pydantic_plugins_scanned"] is True


def test_a_report_that_does_not_plainly_fit_is_judged_by_pydantic(tmp_path: Path) -> None:
    # The same located Swedish RK104 finding as before the generated validator.
    clean = (SAMPLES / "clean" / "vb-2024-boendestodet.yaml").read_text(encoding="utf-8")
    report = tmp_path / "vb.yaml"
    report.write_text(clean.replace("typ: VB", "typ: vb", 1), encoding="utf-8")
    assert "typ: vb" in report.read_text(encoding="utf-8")
    code, out = cli_json(str(report))
    found = [f for f in out["findings"] if f["code"] == "RK104"]
    assert code == 1 and len(found) == 1
    assert found[0]["line"] == 1 + clean.splitlines().index("  typ: VB")
    assert 'ska vara en av VP, T1, T2 eller VB, inte "vb"' in found[0]["message"]
    assert found[0]["suggestion"] == 'Skriv "VB".'


def test_a_report_whose_only_fault_is_a_misspelt_key_is_judged_without_pydantic(
    tmp_path: Path,
) -> None:
    # The commonest fault of a hand-written report: judged as pydantic judges it (the
    # value given to the key meant, one finding with its suggestion), without its import.
    clean = (SAMPLES / "clean" / "vb-2024-boendestodet.yaml").read_text(encoding="utf-8")
    assert "\n  enhet: " in clean
    typo = clean.replace("\n  enhet: ", "\n  enhte: ", 1)
    got = _probe(tmp_path, text=typo)
    modules = got["modules"]
    assert isinstance(modules, list)
    assert not [m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core")]
    assert "checker.read.model" not in modules
    report = tmp_path / "vb.yaml"
    report.write_text(typo, encoding="utf-8")
    code, out = cli_json(str(report))
    found = [f for f in out["findings"] if f["code"] == "RK104"]
    assert code == 1 and len(found) == 1
    assert found[0]["line"] == 1 + typo.splitlines().index("  enhte: " + _unit(clean))
    assert found[0]["message"].startswith('Okänd nyckel "enhte". Tillåtna nycklar här: typ, år,')
    assert found[0]["suggestion"] == 'Menade du "enhet"?'
    # the unit is read from the key meant: no finding says the header lacks it
    assert not [f for f in out["findings"] if f["code"] != "RK104" and "enhet" in f["message"]]


def _unit(report: str) -> str:
    return next(line for line in report.splitlines() if line.startswith("  enhet: "))[9:]


def test_defaults_are_a_validated_empty_configuration() -> None:
    made, validated = defaults(), Config.pydantic_model().model_validate({})
    assert {name: getattr(made, name) for name in Config.__plain_fields__} == dict(validated)
    assert made.model_fields_set == validated.model_fields_set == set()
    made.select.append("RK1")  # each run's lists are its own
    assert defaults().select == []


def test_a_pyproject_without_our_name_is_not_parsed(tmp_path: Path) -> None:
    # Not TOML at all: were it parsed, tomllib would fail; it has no section of ours.
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("rapport: {}\n", encoding="utf-8")
    settings, config = build([str(tmp_path / "a.yaml")])
    assert config.source is None and settings.select == []


def test_a_section_named_with_an_escape_is_still_found(tmp_path: Path) -> None:
    # "rapport\\u006boll" is "rapportkoll": the pre-test must not skip such a file.
    (tmp_path / "pyproject.toml").write_text(
        '[tool."rapport\\u006boll"]\nselect = ["RK1"]\n', encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text("rapport: {}\n", encoding="utf-8")
    settings, config = build([str(tmp_path / "a.yaml")])
    assert config.source == str(tmp_path / "pyproject.toml")
    assert settings.select == ["RK1"]


def test_the_pre_test_only_skips_files_that_cannot_name_us() -> None:
    cannot = config_module._cannot_name_us
    assert cannot("[project]\nname = 'x'\n")
    assert not cannot("[tool.rapportkoll]\n")
    assert not cannot("[tool]\nrapportkoll = {select = ['RK1']}\n")
    assert not cannot('[tool."rapport\\u006Boll"]\n')
    assert not cannot('[tool."rapport\\U0000006Boll"]\n')
