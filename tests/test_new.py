"""``rapportkoll new``: a report to fill in, that checks clean once it is filled in.

Every test runs the real command line in a temporary folder. A scaffold must
give no finding but RK704 (one per placeholder, on its line); with every
placeholder replaced by a plausible value, the same file must check clean.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.placeholder import is_placeholder

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "sample_reports" / "clean"
VP_2025 = CLEAN / "vp-2025-boendestodet.yaml"
T1_2024 = CLEAN / "t1-2024-boendestodet.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema=rapport.schema.json"
ENV = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker.cli", *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )


def new(tmp: Path, typ: str, year: int, out: str, *extra: str) -> Path:
    done = cli(
        "new", "--typ", typ, "--år", str(year), "--enhet", "Provenheten", *extra, "-o", out, cwd=tmp
    )
    assert done.returncode == 0, done.stderr
    return tmp / out


def findings(tmp: Path, *files: Path) -> tuple[int, list[dict[str, Any]]]:
    done = cli("check", "--format", "json", *(str(f) for f in files), cwd=tmp)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)["findings"]


def placeholder_lines(path: Path) -> list[int]:
    return [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "[fyll i:" in line and not line.startswith("#")
    ]


def assert_only_placeholders(tmp: Path, path: Path) -> None:
    """Only RK704, one finding for each placeholder, on the placeholder's own line."""
    _, found = findings(tmp, path)
    assert [f for f in found if f["code"] != "RK704"] == []
    lines = placeholder_lines(path)
    assert lines, "a scaffold has something to fill in"
    assert sorted(f["line"] for f in found) == lines


# -- filling in, as an author would -------------------------------------------------

DATES = {"VP": "{p}-12-05", "T1": "{y}-05-20", "T2": "{y}-09-18", "VB": "{n}-02-14"}
TEXT = "Arbetet har följts upp på arbetsplatsträffar tillsammans med medarbetarna."


class Filler:
    """Replaces each placeholder with a plausible value for its place in the report."""

    def __init__(self, typ: str, year: int) -> None:
        self.typ, self.year, self.count = typ, year, 0

    def value(self, key: str, parent: dict[str, Any], path: tuple[str, ...]) -> object:
        self.count += 1
        y = self.year
        if key == "datum":
            return DATES[self.typ].format(p=y - 1, y=y, n=y + 1)
        if key == "dnr":
            return f"HÅ {y}/{100 + self.count}"
        if key in ("handläggare", "nämnd"):
            return "Anna Lindqvist" if key == "handläggare" else "Hägersten-Älvsjö stadsdelsnämnd"
        if key == "status":
            return "klar" if "aktiviteter" in path else "Uppfylls helt"
        if key.startswith("utfall") and "indikatorer" in path:
            target = parent.get("årsmål")
            return target if target is not None and not is_placeholder(target) else "5 %"
        if key in ("startdatum", "slutdatum"):
            return f"{y}-01-01" if key == "startdatum" else f"{y}-12-31"
        if key == "rad":
            return "Försäljning av verksamhet" if "intäkter" in path else "Personalkostnader"
        if key in ("utfall", "budget", "avvikelse") and "resultaträkning" in path:
            return 0  # the income statement's figures are set together below
        if key == "totalt":
            return sum(int(parent.get(c) or 0) for c in ("t1", "t2", "vb"))
        if key == "titel":
            return f"Enheten når mål nummer {self.count}"
        return TEXT

    def fill(self, node: Any, path: tuple[str, ...] = ()) -> Any:
        if isinstance(node, list):
            return [self.fill(v, path) for v in node]
        if not isinstance(node, dict):
            return node
        for key, value in list(node.items()):
            if is_placeholder(value):
                node[key] = self.value(key, node, (*path, key))
            else:
                node[key] = self.fill(value, (*path, key))
        return node


def balance(data: dict[str, Any]) -> None:
    """Income-statement figures that add up: every revenue row 100, every cost row 500 tkr."""
    st = (data.get("ekonomi") or {}).get("resultaträkning")
    if not st:
        return
    for kind, each, total in (
        ("intäkter", 100, "summa_intäkter"),
        ("kostnader", 500, "summa_kostnader"),
    ):
        for row in st[kind]:
            row.update(utfall=each, budget=each, avvikelse=0)
        st[total].update(utfall=each * len(st[kind]), budget=each * len(st[kind]), avvikelse=0)
    net = st["summa_kostnader"]["utfall"] - st["summa_intäkter"]["utfall"]
    st["summa_netto"].update(utfall=net, budget=net, avvikelse=0)


def fill_in(path: Path, typ: str, year: int, complaints: dict[str, int] | None = None) -> None:
    """Fill every placeholder in place; ``complaints`` adds this period's counts to rows."""
    text = path.read_text(encoding="utf-8")
    data = Filler(typ, year).fill(yaml.safe_load(text))
    balance(data)
    table = (data.get("kvalitetsarbete") or {}).get("klagomål")
    column = {"T1": "t1", "T2": "t2", "VB": "vb"}.get(typ)
    for category, n in (complaints or {}).items():
        assert table is not None and column is not None
        rows = [r for g in ("från_vem", "vad_gällde") for r in table[g]]
        rows += [table[k] for k in ("återkoppling", "åtgärder")]
        for row in rows:
            if row["kategori"] == category:
                row[column] = n
                row["totalt"] = sum(int(row.get(c) or 0) for c in ("t1", "t2", "vb"))
    comments = [line for line in text.splitlines() if line.startswith("#")]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    assert "[fyll i" not in body
    path.write_text("\n".join(comments) + "\n" + body, encoding="utf-8")


def assert_clean(tmp: Path, *paths: Path) -> None:
    code, found = findings(tmp, *paths)
    assert [(f["code"], f["line"], f["message"]) for f in found] == []
    assert code == 0


# -- the done-when of issue 13 -------------------------------------------------------


def test_t1_from_the_years_plan(tmp_path: Path) -> None:
    t1 = new(tmp_path, "T1", 2025, "t1.yaml", "--från", str(VP_2025))
    text = t1.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    data = yaml.safe_load(text)
    plan = yaml.safe_load(VP_2025.read_text(encoding="utf-8"))
    goal = data["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]["enhetsmål"][0]
    planned = plan["inriktningsmål"][0]["verksamhetsområdesmål"][0]["nämndmål"][0]["enhetsmål"][0]
    assert goal["titel"] == planned["titel"]
    assert goal["indikatorer"][0]["årsmål"] == planned["indikatorer"][0]["årsmål"]
    assert goal["indikatorer"][0]["period"] == 2025  # yearly in the plan
    assert [a["aktivitet"] for a in goal["aktiviteter"]] == [
        a["aktivitet"] for a in planned["aktiviteter"]
    ]
    assert_only_placeholders(tmp_path, t1)
    fill_in(t1, "T1", 2025)
    assert_clean(tmp_path, t1)


@pytest.mark.parametrize("typ", ["VP", "T1", "T2", "VB"])
@pytest.mark.parametrize("year", [2025, 2021])
def test_every_type_without_an_earlier_report(typ: str, year: int, tmp_path: Path) -> None:
    path = new(tmp_path, typ, year, "ny.yaml", "--nämnd", "Hägersten-Älvsjö stadsdelsnämnd")
    assert_only_placeholders(tmp_path, path)
    fill_in(path, typ, year)
    assert_clean(tmp_path, path)


def test_the_kf_goals_of_the_mandate_period(tmp_path: Path) -> None:
    catalogue = yaml.safe_load((ROOT / "rules" / "data" / "kf_goals.yaml").read_text("utf-8"))
    for year in (2021, 2024):
        path = new(tmp_path, "VP", year, f"vp-{year}.yaml")
        goals = yaml.safe_load(path.read_text(encoding="utf-8"))["inriktningsmål"]
        period = next(
            p for p in catalogue["mandatperioder"] if p["från_år"] <= year <= p["till_år"]
        )
        assert {g["nummer"]: g["titel"] for g in goals} == period["inriktningsmål"]
        areas = {a["nummer"]: a["titel"] for g in goals for a in g["verksamhetsområdesmål"]}
        assert areas == period["verksamhetsområdesmål"]


def test_the_sections_the_profile_requires(tmp_path: Path) -> None:
    profiles = yaml.safe_load((ROOT / "rules" / "data" / "profiles.yaml").read_text("utf-8"))
    for typ, year in (("VP", 2025), ("T2", 2021), ("VB", 2024)):
        data = yaml.safe_load(new(tmp_path, typ, year, f"{typ}{year}.yaml").read_text("utf-8"))
        profile = next(
            p
            for p in profiles["profiler"]
            if typ in p["typer"] and p.get("från_år", 0) <= year <= p.get("till_år", 9999)
        )
        for section in profile["obligatoriska"]:
            node: Any = data
            for key in section.split("."):
                assert key in node, (typ, year, section)
                node = node[key]


def test_the_whole_cycle(tmp_path: Path) -> None:
    """VP → T1 → T2 → VB, each from the one before once it is filled in; then all together."""
    vp = new(tmp_path, "VP", 2025, "vp.yaml", "--nämnd", "Hägersten-Älvsjö stadsdelsnämnd")
    fill_in(vp, "VP", 2025)
    assert_clean(tmp_path, vp)
    counts = {
        "T1": {
            "Brukare/patient": 2,
            "Bemötande": 2,
            "Antal klagomål där återkoppling har lämnats": 1,
        },
        "T2": {"Brukare/patient": 1, "Kompetens": 1},
        "VB": {"Brukare/patient": 2, "Bemötande": 2, "Antal klagomål där åtgärder vidtagits": 2},
    }
    previous, reports = vp, [vp]
    for typ in ("T1", "T2", "VB"):
        path = new(tmp_path, typ, 2025, f"{typ.lower()}.yaml", "--från", previous.name)
        assert_only_placeholders(tmp_path, path)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        before = yaml.safe_load(previous.read_text(encoding="utf-8"))
        assert data["rapport"]["nämnd"] == before["rapport"]["nämnd"]
        assert _goal_titles(data) == _goal_titles(before)
        if typ != "T1":
            carried = {"T2": ("t1",), "VB": ("t1", "t2")}[typ]
            old_rows = _rows(before)
            for category, row in _rows(data).items():
                for column in carried:
                    assert row.get(column) == old_rows[category].get(column), (category, column)
        fill_in(path, typ, 2025, counts[typ])
        assert_clean(tmp_path, path)
        previous = path
        reports.append(path)
    assert_clean(tmp_path, *reports)  # RK403 compares the columns across the reports


def _goal_titles(data: dict[str, Any]) -> list[str]:
    return re.findall(r"'titel': '([^']*)'", repr(data["inriktningsmål"]))


def _rows(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    table = data["kvalitetsarbete"]["klagomål"]
    rows = [r for g in ("från_vem", "vad_gällde") for r in table[g]]
    rows += [table[k] for k in ("beröm", "lex_maria", "lex_sarah", "återkoppling", "åtgärder")]
    return {r["kategori"]: r for r in rows}


# -- refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typ", "year", "source", "words"),
    [
        (
            "T1",
            2024,
            "vb-2024-boendestodet.yaml",
            "en T1 skrivs utifrån årets VP, men filen är en VB",
        ),
        (
            "VB",
            2024,
            "t1-2024-boendestodet.yaml",
            "en VB skrivs utifrån årets T2, men filen är en T1",
        ),
        (
            "T2",
            2025,
            "t1-2024-boendestodet.yaml",
            "filen gäller år 2024, men den nya rapporten år 2025",
        ),
        ("VP", 2025, "vp-2025-boendestodet.yaml", "en verksamhetsplan (VP) skrivs inte utifrån"),
    ],
)
def test_nonsensical_chains_are_refused(
    typ: str, year: int, source: str, words: str, tmp_path: Path
) -> None:
    done = cli(
        "new",
        "--typ",
        typ,
        "--år",
        str(year),
        "--enhet",
        "Boendestödet Västra",
        "--från",
        str(CLEAN / source),
        "-o",
        "ny.yaml",
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "ny.yaml").exists()


def test_another_units_report_is_named(tmp_path: Path) -> None:
    done = cli(
        "new",
        "--typ",
        "T2",
        "--år",
        "2024",
        "--enhet",
        "Provenheten",
        "--från",
        str(T1_2024),
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert "gäller enheten Boendestödet Västra" in done.stderr
    assert yaml.safe_load(done.stdout)["rapport"]["enhet"] == "Provenheten"


def test_a_report_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text("rapport: [typ: T1\n", encoding="utf-8")
    done = cli(
        "new", "--typ", "T2", "--år", "2024", "--enhet", "E", "--från", bad.name, cwd=tmp_path
    )
    assert done.returncode == 2
    assert "trasig.yaml" in done.stderr and "kan inte läsas som rapport" in done.stderr
    assert done.stdout == ""
    done = cli(
        "new", "--typ", "T2", "--år", "2024", "--enhet", "E", "--från", "saknas.yaml", cwd=tmp_path
    )
    assert done.returncode == 2 and "saknas.yaml: kan inte läsas: Filen finns inte" in done.stderr


def test_never_over_an_existing_file_nor_onto_the_source(tmp_path: Path) -> None:
    existing = tmp_path / "t1.yaml"
    existing.write_text("# mitt arbete\n", encoding="utf-8")
    args = ("new", "--typ", "T1", "--år", "2025", "--enhet", "E")
    done = cli(*args, "-o", "t1.yaml", cwd=tmp_path)
    assert done.returncode == 2 and "--force" in done.stderr
    assert existing.read_text(encoding="utf-8") == "# mitt arbete\n"
    assert cli(*args, "-o", "t1.yaml", "--force", cwd=tmp_path).returncode == 0
    assert existing.read_text(encoding="utf-8").startswith(SCHEMA_LINE)

    source = tmp_path / "vp.yaml"
    source.write_bytes(VP_2025.read_bytes())
    done = cli(*args, "--från", "vp.yaml", "-o", "./vp.yaml", "--force", cwd=tmp_path)
    assert done.returncode == 2
    assert source.read_bytes() == VP_2025.read_bytes()


def test_stdout_without_output_and_ascii_aliases(tmp_path: Path) -> None:
    done = cli(
        "new",
        "--typ",
        "VB",
        "--ar",
        "2023",
        "--enhet",
        "E",
        "--namnd",
        "N",
        "--fran",
        str(CLEAN / "t2-2024-boendestodet.yaml"),
        cwd=tmp_path,
    )
    assert done.returncode == 2 and "år 2024" in done.stderr  # --fran was read
    done = cli("new", "--typ", "VB", "--ar", "2023", "--enhet", "E", "--namnd", "N", cwd=tmp_path)
    assert done.returncode == 0 and list(tmp_path.iterdir()) == []
    header = yaml.safe_load(done.stdout)["rapport"]
    assert (header["typ"], header["år"], header["nämnd"]) == ("VB", 2023, "N")


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    for args in (("--typ", "T3", "--år", "2025"), ("--typ", "T1", "--år", "tjugo")):
        done = cli("new", *args, "--enhet", "E", cwd=tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr


def test_new_is_in_the_help(tmp_path: Path) -> None:
    done = cli("--help", cwd=tmp_path)
    assert re.search(r"^\s+new\s+skapa en ny rapport", done.stdout, re.MULTILINE), done.stdout


# -- the README's example reports ----------------------------------------------------


def readme_reports() -> list[str]:
    """Every ```yaml block of the README that is a report (a mapping with a header)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)
    return [
        b for b in blocks if isinstance(yaml.safe_load(b), dict) and "rapport" in yaml.safe_load(b)
    ]


def test_the_readme_tour_checks_clean_when_copied(tmp_path: Path) -> None:
    reports = readme_reports()
    assert reports, "the README has a tour of the format"
    for n, block in enumerate(reports):
        path = tmp_path / f"readme-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        _, found = findings(tmp_path, path)
        assert [f for f in found if f["code"] == "RK602"] == []  # KF titles as in the catalogue
        assert [(f["code"], f["line"], f["message"]) for f in found] == []


# -- the editor ----------------------------------------------------------------------


def test_a_new_report_validates_in_the_editor(tmp_path: Path) -> None:
    """The schema line finds the schema written beside it, and every placeholder is valid."""
    from tests.test_schema_editor import data_of, errors, resolve_as_the_editor

    assert cli("schema", "-o", "rapport.schema.json", cwd=tmp_path).returncode == 0
    for typ in ("VP", "T1", "T2", "VB"):
        path = new(tmp_path, typ, 2024, f"{typ}.yaml")
        schema = json.loads(resolve_as_the_editor(path).read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        assert errors(schema, data_of(text)) == []
        assert "'[fyll i:" in text  # placeholders stand where numbers and statuses go
    data = data_of(text)  # könsuppdelad takes true, false or a placeholder
    goals = data["inriktningsmål"][0]["verksamhetsområdesmål"][0]
    goals["indikatorer"] = [{"namn": "Sjukfrånvaro", "könsuppdelad": "[fyll i: true eller false]"}]
    assert errors(schema, data) == []
    goals["indikatorer"][0]["könsuppdelad"] = "kanske"
    assert errors(schema, data) != []


def test_a_control_character_in_a_name_is_a_usage_error(tmp_path: Path) -> None:
    """The unit's name goes into the report and its first comment: no terminal escapes."""
    for option in ("--enhet", "--nämnd"):
        args = ["--enhet", "Enheten", option, "Enh\x1b[31met", "-o", str(tmp_path / "a.yaml")]
        proc = cli("new", "--typ", "VP", "--år", "2025", *args, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert "U+001B" in proc.stderr and "\x1b" not in proc.stderr
        assert not (tmp_path / "a.yaml").exists()
