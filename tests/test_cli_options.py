"""check's options as ruff users expect them: typos refused, -q, --exit-zero, --statistics,
--show-settings, --show-files, standard in, and counts in number agreement."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from checker.read.safeio import SIZE_LIMITS
from checker.swedish import count
from tests.conftest import ROOT
from tests.hostile.conftest import run

# Five RK103 findings: two errors (enhet, år) and three warnings (datum, dnr, handläggare).
HEADER_ONLY = "rapport: {typ: VP}\n"
# One warning only: the dnr is missing.
ONE_WARNING = (
    "rapport:\n  typ: VP\n  år: 2023\n  enhet: Hemtjänsten\n  datum: 2023-01-20\n"
    "  handläggare: H\ninledning: x\ninriktningsmål:\n  - {nummer: '1'}\n"
    "ekonomi:\n  resursanvändning: 40 medarbetare\n  budget: 30 mnkr\n"
)


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BytesIO:
    """Put ``data`` on standard in (not a terminal); returns the byte stream to inspect."""
    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    return raw


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- unknown codes -------------------------------------------------------------


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
@pytest.mark.parametrize(
    ("code", "hint"), [("RK2O", "menade du RK20?"), ("RK9", "familjerna är RK0, RK1")]
)
def test_an_unknown_code_on_the_command_line_is_exit_2_with_the_closest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, code: str, hint: str
) -> None:
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    extra = ["--select", "RK1"] if option == "--extend-select" else []
    ran = run(capsys, "check", *extra, option, code, "--exit-zero", str(path))
    assert ran.code == 2 and ran.out == "", ran  # --exit-zero never hides a typo
    assert f"{option}: okänd regelkod '{code}'" in ran.err and hint in ran.err, ran


@pytest.mark.parametrize("key", ["select", "ignore", "extend-select"])
def test_an_unknown_code_in_the_configuration_is_exit_2_with_file_line_and_closest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    cfg = write(tmp_path / "rapportkoll.toml", f'fail-on = "error"\n{key} = ["RK1", "RK2O"]\n')
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    ran = run(capsys, "check", str(path))
    assert ran.code == 2, ran
    assert f"{cfg}:2: i {key}: okänd regelkod 'RK2O'; menade du RK20?" in ran.err, ran


def test_an_unknown_code_is_a_usage_error_in_english_with_lang_en(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    ran = run(capsys, "check", "--lang", "en", "--select", "RK2O", str(path))
    assert ran.code == 2, ran
    assert "--select: unknown rule code 'RK2O'; did you mean RK20?" in ran.err, ran
    cfg = write(tmp_path / "rapportkoll.toml", 'lang = "en"\nignore = ["RK9"]\n')
    ran = run(capsys, "check", str(path))
    assert ran.code == 2, ran
    assert f"{cfg}:2: in ignore: unknown rule code 'RK9'; the families are RK0" in ran.err, ran


def test_an_unknown_code_is_refused_for_standard_in_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, HEADER_ONLY.encode())
    ran = run(capsys, "check", "--select", "RK2O", "-")
    assert ran.code == 2 and "menade du RK20?" in ran.err, ran


# -- exit code and quiet -----------------------------------------------------------


def test_exit_zero_keeps_the_findings_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    assert run(capsys, "check", str(path)).code == 1
    ran = run(capsys, "check", "--exit-zero", str(path))
    assert ran.code == 0 and ran.out.count("RK103") == 5, ran


def test_quiet_shows_only_the_findings_and_qq_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    base = tmp_path / "baslinje.json"
    loud = run(capsys, "check", "--baseline", str(base), "--write-baseline", str(path))
    assert loud.err == f"rapportkoll: skrev 5 anmärkningar till baslinjen {base}\n", loud
    quiet = run(capsys, "check", "-q", "--baseline", str(base), "--write-baseline", str(path))
    assert quiet.code == 0 and quiet.err == "", quiet
    normal = run(capsys, "check", str(path))
    assert "1 fil kontrollerad" in normal.out
    ran = run(capsys, "check", "-q", str(path))
    assert ran.code == 1 and ran.out.count("RK103") == 5 and "kontrollerad" not in ran.out, ran
    assert ran.out.strip() == normal.out.strip().rsplit("\n", 1)[0].strip()
    silent = run(capsys, "check", "-qq", str(path))
    assert (silent.code, silent.out, silent.err) == (1, "", ""), silent
    hidden = run(capsys, "check", "-q", "--baseline", str(base), str(path))
    assert (hidden.code, hidden.out, hidden.err) == (0, "", ""), hidden


# -- statistics ----------------------------------------------------------------------


def test_statistics_count_findings_per_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.yaml", HEADER_ONLY)
    write(tmp_path / "b.yaml", HEADER_ONLY + "okänd: 1\n")
    ran = run(capsys, "check", "--statistics", str(tmp_path))
    assert ran.code == 1, ran
    lines = ran.out.splitlines()
    # as ruff shows them: with the severity and a fixable column ([*]); none is fixable here
    assert lines[0].split() == ["Antal", "Kod", "Allvar", "Rättbar", "Regel"]
    assert lines[1].split() == ["10", "RK103", "fel/varning", "saknat-fält-i-rapporthuvudet"]
    assert lines[2].split() == ["1", "RK104", "fel", "schemafel"]  # Swedish names
    assert lines[3] == "Totalt 11 anmärkningar i 2 filer."
    english = run(capsys, "check", "--statistics", "--lang", "en", str(tmp_path))
    assert english.out.splitlines()[0].split() == ["Count", "Code", "Severity", "Fixable", "Rule"]
    assert english.out.splitlines()[1].split() == [
        "10",
        "RK103",
        "error/warning",
        "missing-header-field",
    ]
    assert english.out.splitlines()[-1] == "Total 11 findings in 2 files."
    data = json.loads(run(capsys, "check", "--statistics", "--format", "json", str(tmp_path)).out)
    base = {"fixable": 0, "unsafe_fixable": 0}
    assert data == [
        {
            "code": "RK103",
            "name": "missing-header-field",
            "count": 10,
            **base,
            "severities": ["error", "warning"],
        },
        {"code": "RK104", "name": "schema", "count": 1, **base, "severities": ["error"]},
    ]


def test_statistics_mark_what_fix_mends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt status has a safe fix ([*]); the column is empty for what --fix leaves."""
    source = (ROOT / "sample_reports" / "defects" / "vb-2024-typiska-fel.yaml").read_text(
        encoding="utf-8"
    )
    write(tmp_path / "vb.yaml", source)
    out = run(capsys, "check", "--statistics", str(tmp_path)).out.splitlines()
    rows = {line.split()[1]: line for line in out[1:-1]}
    assert "[*]" in rows["RK201"] and "fel" in rows["RK201"]
    data = json.loads(run(capsys, "check", "--statistics", "--format", "json", str(tmp_path)).out)
    by_code = {d["code"]: d for d in data}
    assert by_code["RK201"]["fixable"] >= 1
    assert all(d["fixable"] == 0 for d in data if "[*]" not in rows[d["code"]])
    wrong = run(capsys, "check", "--statistics", "--format", "sarif", str(tmp_path))
    assert wrong.code == 2 and "--statistics går med --format text eller json" in wrong.err


# -- show settings and files ------------------------------------------------------------


def test_show_settings_names_the_file_and_the_resolved_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = write(
        tmp_path / "rapportkoll.toml",
        'select = ["RK1", "RK3"]\nignore = ["RK104"]\nfail-on = "warning"\n'
        '[severity]\nRK301 = "info"\n[per-file-ignores]\n"arkiv/*.yaml" = ["RK101"]\n',
    )
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    ran = run(capsys, "check", "--show-settings", "--extend-select", "RK5", str(path))
    assert ran.code == 0 and "RK103" not in ran.out.split("Regler som körs")[0], ran
    rows = dict(line.split(":", 1) for line in ran.out.splitlines())
    rows = {k: v.strip() for k, v in rows.items()}
    assert rows["Konfigurationsfil"] == str(cfg)
    assert rows["Urval (select)"] == "RK1, RK3, RK5"
    assert rows["Hoppas över (ignore)"] == "RK104"
    assert rows["Ändrad allvarlighetsgrad (severity)"] == "RK301 = info"
    assert rows["Per fil (per-file-ignores)"] == '"arkiv/*.yaml" = RK101'
    assert rows["Slutkod 1 från (fail-on)"] == "warning"
    running = rows["Regler som körs"]
    assert "RK101" in running and "RK104" not in running and "RK201" not in running
    english = run(capsys, "check", "--show-settings", "--lang", "en", "--no-config", str(path))
    assert "Configuration file: none (defaults)" in " ".join(english.out.split())
    assert "Selected (select): all rules" in " ".join(english.out.split())


def test_show_files_lists_what_would_be_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "b.yaml", HEADER_ONLY)
    write(tmp_path / "sub" / "a.yml", HEADER_ONLY)
    write(tmp_path / "notes.txt", "anteckningar")
    write(tmp_path / ".hidden" / "c.yaml", HEADER_ONLY)
    ran = run(capsys, "check", "--show-files", str(tmp_path))
    assert ran.code == 0, ran
    assert ran.out.splitlines() == [str(tmp_path / "b.yaml"), str(tmp_path / "sub" / "a.yml")]
    ran = run(capsys, "check", "--show-files", "--include-exports", str(tmp_path))
    assert str(tmp_path / "notes.txt") in ran.out.splitlines()


# -- standard in ---------------------------------------------------------------------------


def test_a_report_on_standard_in(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    feed(monkeypatch, HEADER_ONLY.encode())
    ran = run(capsys, "check", "--format", "json", "-")
    data = json.loads(ran.out)
    assert ran.code == 1 and data["files"] == ["-"], ran
    assert {f["file"] for f in data["findings"]} == {"-"} and len(data["findings"]) == 5


def test_stdin_filename_names_findings_finds_the_config_and_matches_per_file_ignores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "enhet" / "rapportkoll.toml", '[per-file-ignores]\n"vp-*.yaml" = ["RK103"]\n')
    # the file on disk differs: only what comes on standard in is checked
    write(tmp_path / "enhet" / "vp-2024.yaml", ONE_WARNING)
    feed(monkeypatch, (HEADER_ONLY + "okänd: 1\n").encode())
    ran = run(capsys, "check", "--format", "json", "--stdin-filename", "enhet/vp-2024.yaml")
    data = json.loads(ran.out)
    assert [(f["file"], f["code"]) for f in data["findings"]] == [("enhet/vp-2024.yaml", "RK104")]
    feed(monkeypatch, HEADER_ONLY.encode())
    shown = run(capsys, "check", "--show-settings", "--stdin-filename", "enhet/vp-2024.yaml", "-")
    assert str(tmp_path / "enhet" / "rapportkoll.toml") in shown.out, shown
    feed(monkeypatch, HEADER_ONLY.encode())
    files = run(capsys, "check", "--show-files", "--stdin-filename", "enhet/vp-2024.yaml")
    assert files.out == "enhet/vp-2024.yaml\n"


def test_standard_in_is_read_only_up_to_the_size_limit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = SIZE_LIMITS["report"]
    stream = feed(monkeypatch, b"# " + b"x" * (limit * 2) + b"\n")
    ran = run(capsys, "check", "--format", "json", "--stdin-filename", "stor.yaml")
    data = json.loads(ran.out)
    assert [f["code"] for f in data["findings"]] == ["RK105"], ran
    assert "större än" in data["findings"][0]["message"]
    assert stream.tell() <= limit + 1 + io.DEFAULT_BUFFER_SIZE  # not all of it


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-", "a.yaml"], "går inte att blanda"),
        (["--stdin-filename", "x.yaml", "a.yaml"], "--stdin-filename gäller"),
        (["--stdin-filename", " "], "behöver ett namn"),
        ([], "ange filer eller mappar"),
    ],
)
def test_wrong_uses_of_standard_in_are_usage_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.yaml", HEADER_ONLY)
    feed(monkeypatch, HEADER_ONLY.encode())
    ran = run(capsys, "check", *args)
    assert ran.code == 2 and words in ran.err and ran.out == "", ran


def test_a_terminal_on_standard_in_is_refused_not_waited_for(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, b"")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    ran = run(capsys, "check", "-")
    assert ran.code == 2 and "standard in är terminalen" in ran.err, ran


# -- number agreement and the baseline --------------------------------------------------------


def test_count_agrees_in_number() -> None:
    assert [count(n, "varning") for n in (0, 1, 2)] == ["0 varningar", "1 varning", "2 varningar"]
    assert [count(n, "fil") for n in (1, 2)] == ["1 fil", "2 filer"]
    assert [count(n, "fel") for n in (1, 2)] == ["1 fel", "2 fel"]
    assert count(1, "anmärkning") == "1 anmärkning" and count(1245, "fel") == "1 245 fel"
    assert [count(n, "varning", "en") for n in (1, 2)] == ["1 warning", "2 warnings"]
    assert count(1245, "fil", "en") == "1,245 files"


def test_the_summary_agrees_in_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.yaml", ONE_WARNING)
    ran = run(capsys, "check", str(path))
    assert ran.out.endswith("1 fil kontrollerad, 1 med anmärkningar: 0 fel, 1 varning, 0 info.\n")
    ran = run(capsys, "check", "--lang", "en", str(path))
    assert ran.out.endswith("1 file checked, 1 with findings: 0 errors, 1 warning, 0 info.\n")
    write(tmp_path / "b.yaml", HEADER_ONLY)
    ran = run(capsys, "check", str(tmp_path))
    assert ran.out.endswith(
        "2 filer kontrollerade, 2 med anmärkningar: 2 fel, 4 varningar, 0 info.\n"
    )


def test_baseline_messages_agree_in_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.yaml", ONE_WARNING)
    base = tmp_path / "baslinje.json"
    ran = run(capsys, "check", "--baseline", str(base), "--write-baseline", str(path))
    assert "skrev 1 anmärkning till baslinjen" in ran.err, ran
    ran = run(capsys, "check", "--baseline", str(base), str(path))
    assert "1 anmärkning finns i baslinjen och visas inte" in ran.err, ran


def test_a_missing_baseline_says_how_to_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "a.yaml", HEADER_ONLY)
    base = tmp_path / "ny baslinje.json"
    ran = run(capsys, "check", "--baseline", str(base), str(path))
    assert ran.code == 2 and ran.out == "", ran
    assert f"baslinjen {base} finns inte" in ran.err
    assert f"rapportkoll check {path} --baseline '{base}' --write-baseline" in ran.err
    assert "Errno" not in ran.err and "No such file" not in ran.err
    assert not base.exists()


def test_nightly_and_html_counts_agree_in_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "tree" / "u" / "vp.yaml", ONE_WARNING)
    db, dash = tmp_path / "h.sqlite", tmp_path / "d.html"
    tree = str(tmp_path / "tree")
    ran = run(capsys, "nightly", tree, "--db", str(db), "--dashboard", str(dash), "--no-cache")
    assert ran.code == 0, ran
    assert "Anmärkningar: 0 fel, 1 varning, 0 info i 1 av 1 fil från 1 enhet." in ran.out, ran
    ran = run(
        capsys,
        "nightly",
        tree,
        "--db",
        str(db),
        "--dashboard",
        str(dash),
        "--no-cache",
        "--lang",
        "en",
    )
    assert "Findings: 0 errors, 1 warning, 0 info in 1 of 1 file from 1 unit." in ran.out, ran
    html = run(capsys, "check", "--format", "html", str(tmp_path / "tree")).out
    assert "Hemtjänsten: 0 fel, 1 varning, 0 info" in html
    assert "1 varningar" not in html
