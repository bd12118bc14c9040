"""What surprised a newcomer on the first day: each behaviour pinned by its own test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES, cli

CLEAN_VB = SAMPLES / "clean" / "vb-2024-boendestodet.yaml"
MAGIC = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "html": b"<!DOCTYPE", "md": b"**Stockholms"}


@pytest.mark.parametrize(
    ("name", "fmt"), [("x.docx", "docx"), ("x.PDF", "pdf"), ("x.htm", "html"), ("x.md", "md")]
)
def test_render_follows_the_file_names_suffix(tmp_path: Path, name: str, fmt: str) -> None:
    target = tmp_path / name
    proc = cli("render", str(CLEAN_VB), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes().startswith(MAGIC[fmt])


def test_a_format_that_contradicts_the_suffix_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    proc = cli("render", str(CLEAN_VB), "-o", str(target), "--format", "pdf")
    assert proc.returncode == 2 and "stämmer inte med filnamnet" in proc.stderr
    assert not target.exists()


def test_a_suffix_without_a_format_asks_for_one(tmp_path: Path) -> None:
    proc = cli("render", str(CLEAN_VB), "-o", str(tmp_path / "x.txt"))
    assert proc.returncode == 2 and "ange --format" in proc.stderr
    forced = cli("render", str(CLEAN_VB), "-o", str(tmp_path / "x.txt"), "--format", "md")
    assert forced.returncode == 0 and (tmp_path / "x.txt").read_bytes().startswith(MAGIC["md"])


def test_render_help_describes_format_and_its_default() -> None:
    assert "standard: efter -o-filens ändelse" in cli("render", "--help").stdout
    assert "default: from the -o file's" in cli("render", "--help", "--lang", "en").stdout


@pytest.mark.parametrize(
    ("argv", "sv", "en"),
    [
        (["check", "--selct", "RK1", "x"], "menade du --select?", "did you mean --select?"),
        (["check", "--fali-on", "error"], "menade du --fail-on?", "did you mean --fail-on?"),
        (["render", "x.yaml", "--fromat", "md"], "menade du --format?", "did you mean --format?"),
        (["chek", "x"], "menade du 'check'?", "did you mean 'check'?"),
        (["check", "--format", "jsn", "x"], "menade du 'json'?", "did you mean 'json'?"),
        (["rule", "RK2O1"], "menade du RK201?", "did you mean RK201?"),
    ],
)
def test_did_you_mean_everywhere(argv: list[str], sv: str, en: str) -> None:
    swedish = cli(*argv)
    assert swedish.returncode == 2 and sv in swedish.stderr.splitlines()[0], swedish.stderr
    english = cli(*argv, "--lang", "en")
    assert english.returncode == 2 and en in english.stderr.splitlines()[0], english.stderr


def test_a_subcommands_unknown_option_shows_that_subcommand() -> None:
    proc = cli("check", "--selct", "RK1", "x")
    assert proc.stderr.startswith("rapportkoll check: fel: okända argument: --selct")
    assert "Se 'rapportkoll check --help'." in proc.stderr
    assert len(proc.stderr.splitlines()) == 2  # no usage dump


def test_the_dashboards_time_axis_tells_runs_apart() -> None:
    from checker.nightly.dashboard import axis_labels

    days = ["2026-01-01T02:00:00", "2026-01-02T02:00:00"]
    assert axis_labels(days, [1, 2]) == ["2026-01-01", "2026-01-02"]
    minutes = ["2026-01-01T02:00:00", "2026-01-01T02:01:00"]
    assert axis_labels(minutes, [1, 2]) == ["2026-01-01 02:00", "2026-01-01 02:01"]
    same_minute = ["2026-01-01T02:00:01", "2026-01-01T02:00:12", "2026-01-01T02:00:40"]
    labels = axis_labels(same_minute, [1, 2, 3])
    assert len(set(labels)) == 3 and labels[0] == "2026-01-01 02:00:01"
    same_second = ["2026-01-01T02:00:01.1", "2026-01-01T02:00:01.5"]
    assert axis_labels(same_second, [7, 8]) == [
        "2026-01-01 02:00:01 (#7)",
        "2026-01-01 02:00:01 (#8)",
    ]


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


REPORT = CLEAN_VB.read_text(encoding="utf-8")
NOT_REPORTS = {
    "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
    "inlamningar.yaml": "enheter:\n  - namn: Boendestödet\n    nämnd: Hägersten-Älvsjö\n",
    "kvalitet/regler.yaml": "regler:\n  - kod: HÄ101\n",
    "lista.yaml": "- en\n- två\n",
}


def test_a_walk_skips_yaml_that_is_no_report_and_says_why(tmp_path: Path) -> None:
    _tree(tmp_path, {"enheter/vb.yaml": REPORT, **NOT_REPORTS})
    listed = cli("check", "--show-files", str(tmp_path)).stdout
    checked, _, skipped = listed.partition("\nHoppade över:\n")
    assert checked.split() == [str(tmp_path / "enheter" / "vb.yaml")]
    for name in NOT_REPORTS:
        assert f"{tmp_path / name}: ingen rapport" in skipped
    ran = cli("check", "--format", "json", str(tmp_path))
    import json

    assert [Path(f).name for f in json.loads(ran.stdout)["files"]] == ["vb.yaml"]


def test_a_named_file_is_always_checked(tmp_path: Path) -> None:
    """A report whose keys are all misspelt still gets its findings when named."""
    _tree(tmp_path, {"felstavad.yaml": "raport: {typ: VP}\ninledningg: text\n"})
    assert "felstavad.yaml: ingen rapport" in cli("check", "--show-files", str(tmp_path)).stdout
    named = cli("check", str(tmp_path / "felstavad.yaml"))
    assert named.returncode == 1 and "RK104" in named.stdout


def test_exclude_and_extend_exclude(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "a/vb.yaml": REPORT,
            "node_modules/pkg/vb.yaml": REPORT,
            ".venv/lib/vb.yaml": REPORT,
            "arkiv/2019/vb.yaml": REPORT,
            "utkast/vb.yaml": REPORT,
        },
    )

    def checked(*args: str, cwd: Path = tmp_path) -> list[str]:
        out = cli("check", "--show-files", *args, ".", cwd=cwd).stdout
        return out.partition("\nHoppade över:\n")[0].split()

    assert checked() == ["arkiv/2019/vb.yaml", "a/vb.yaml", "utkast/vb.yaml"] or sorted(
        checked()
    ) == ["a/vb.yaml", "arkiv/2019/vb.yaml", "utkast/vb.yaml"]
    assert sorted(checked("--extend-exclude", "arkiv,utkast")) == ["a/vb.yaml"]
    assert sorted(checked("--extend-exclude", "arkiv/2019")) == ["a/vb.yaml", "utkast/vb.yaml"]
    # --exclude replaces the defaults: node_modules is walked again (hidden folders never are)
    assert "node_modules/pkg/vb.yaml" in checked("--exclude", "arkiv")
    (tmp_path / "rapportkoll.toml").write_text('extend-exclude = ["utkast"]\n', encoding="utf-8")
    assert sorted(checked()) == ["a/vb.yaml", "arkiv/2019/vb.yaml"]
    (tmp_path / "rapportkoll.toml").write_text('exclude = ["a"]\n', encoding="utf-8")
    assert "a/vb.yaml" not in checked() and "node_modules/pkg/vb.yaml" in checked()


def test_the_roster_given_is_never_checked_as_a_report(tmp_path: Path) -> None:
    roster = tmp_path / "inlamningar.yaml"
    _tree(tmp_path, {"vb.yaml": REPORT})
    roster.write_text(
        "år: 2024\nenheter:\n  - enhet: Boendestödet\n    rapporter: [VB]\n", encoding="utf-8"
    )
    import json

    ran = cli("check", "--format", "json", "--roster", str(roster), str(tmp_path))
    assert ran.returncode in (0, 1), ran.stderr
    assert all(not f.endswith("inlamningar.yaml") for f in json.loads(ran.stdout)["files"])


def test_checking_this_repository_checks_its_sample_reports() -> None:
    from tests.conftest import ROOT

    whole = cli("check", "--format", "json", ".", cwd=ROOT)
    samples = cli("check", "--format", "json", "sample_reports", cwd=ROOT)
    import json

    a, b = json.loads(whole.stdout), json.loads(samples.stdout)
    assert a["files"] == b["files"] and len(a["findings"]) == len(b["findings"])


@pytest.mark.parametrize(
    "command",
    [
        lambda out: ["check", str(CLEAN_VB), "--output", f"json={out}"],
        lambda out: ["check", str(CLEAN_VB), "--baseline", str(out), "--write-baseline"],
        lambda out: ["render", str(CLEAN_VB), "-o", str(out) + ".md"],
        lambda out: ["schema", "-o", str(out)],
        lambda out: [
            "new",
            "--typ",
            "VP",
            "--år",
            "2025",
            "--enhet",
            "Boendestödet",
            "-o",
            str(out),
        ],
    ],
    ids=["check-output", "write-baseline", "render", "schema", "new"],
)
def test_outputs_make_their_missing_folders(tmp_path: Path, command: object) -> None:
    out = tmp_path / "ny" / "mapp" / "ut.yaml"
    proc = cli(*command(out))  # type: ignore[operator]
    assert proc.returncode in (0, 1), proc.stderr
    assert out.parent.is_dir() and any(out.parent.iterdir())


def test_import_out_dir_is_made(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    source.write_text(
        (SAMPLES.parent / "tests" / "plain" / "fixtures" / "activities.txt").read_text(
            encoding="utf-8"
        ),
        encoding="utf-8",
    )
    target = tmp_path / "a" / "b"
    proc = cli("import", str(source), "--out-dir", str(target))
    assert proc.returncode == 0, proc.stderr
    assert (target / "export.yaml").is_file()


def test_a_file_in_the_way_of_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    proc = cli("check", str(CLEAN_VB), "--output", f"json={tmp_path / 'fil' / 'ut.json'}")
    assert proc.returncode == 2 and "är ingen mapp" in proc.stderr
    assert (tmp_path / "fil").read_text(encoding="utf-8") == "x"


def _own_document(unit: str) -> str:
    """The clean VB addressed to the unit itself, as a unit's own document is."""
    text = REPORT
    assert "nämnd: Hägersten-Älvsjö stadsdelsnämnd" in text
    return text.replace("nämnd: Hägersten-Älvsjö stadsdelsnämnd", f"nämnd: {unit}")


def _committees(root: Path, roster: dict[str, str] | None = None) -> dict[str, list[str]]:
    from checker.engine.core import Engine
    from checker.outputs.html import layout
    from checker.run.batch import check_paths
    from checker.swedish import norm_words

    result = check_paths(Engine(), [str(root)])
    result.committees = {norm_words(u): c for u, c in (roster or {}).items()}
    return {c: sorted(g.label for g in groups) for c, groups in layout(result).committees}


def test_a_units_own_document_is_never_grouped_under_the_units_name(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/vb.yaml": _own_document("Boendestödet Västra"), "b/vb.yaml": REPORT})
    unit = "Boendestödet Västra"
    assert f"enhet: {unit}" in REPORT
    found = _committees(tmp_path)
    assert unit not in found and found["Nämnd okänd"] == [unit]
    assert found["Hägersten-Älvsjö stadsdelsnämnd"] == [unit]
    # the roster lists units by nämnd: it places the unit whose header names none
    found = _committees(tmp_path, {unit: "Roster-nämnden"})
    assert "Nämnd okänd" not in found and found["Roster-nämnden"] == [unit]


def test_the_desk_groups_the_same_way(tmp_path: Path) -> None:
    from checker.desk.tree import Tree

    _tree(tmp_path, {"a/vb.yaml": _own_document("Boendestödet")})  # the name shortened
    assert [c for c, _ in Tree(str(tmp_path)).committees()] == ["Nämnd okänd"]


def test_a_placeholder_alone_is_named_once(tmp_path: Path) -> None:
    report = tmp_path / "vp.yaml"
    report.write_text(
        'rapport:\n  typ: VP\n  år: 2025\n  enhet: E\n  dnr: "[fyll i: diarienummer]"\n'
        'inledning: "Vi ska göra [fyll i: vad] under året."\n',
        encoding="utf-8",
    )
    import json

    found = json.loads(cli("check", "--select", "RK704", "--format", "json", str(report)).stdout)
    by_line = {f["line"]: f["messages"]["sv"] for f in found["findings"]}
    assert by_line[5].startswith("Platshållaren ”[fyll i: diarienummer]” står kvar. Fyll i")
    assert by_line[5].count("diarienummer") == 1
    # in a longer text the line is quoted, so the author finds it
    assert "står kvar: ”Vi ska göra [fyll i: vad] under året" in by_line[6]


def test_an_empty_yaml_file_in_a_walk_is_reported_not_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, {"enhet/tom.yaml": "", "enhet/kommentar.yml": "# skrivs senare\n"})
    import json

    ran = json.loads(cli("check", "--format", "json", str(tmp_path)).stdout)
    assert {Path(f["file"]).name for f in ran["findings"] if f["code"] == "RK105"} == {
        "tom.yaml",
        "kommentar.yml",
    }
