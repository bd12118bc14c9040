"""Wider evidence for RK702, RK703 and RK706, each widening with its near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.test_rk7_text import activity, goal, report, run, text

DONE = "Uppfylls delvis"  # the goal's own status is not what these judge


def done_activity(note: str) -> str:
    return goal(DONE, "Leveranserna minskade något.", activity=activity("klar", f'"{note}"'))


RK702_WIDER_FIRES = {
    # every inflection of "begun", with "not yet"
    "not-yet-begun": goal("Uppfylls helt", "Vi har ännu inte påbörjat kartläggningen."),
    "adjective": goal("Uppfylls helt", "Kartläggningen är inte påbörjad."),
    "not-had-time": goal("Uppfylls helt", "Enheten har inte hunnit starta arbetet."),
    "not-got-going": goal("Uppfylls helt", "Arbetet har ej kommit igång på grund av pandemin."),
    "never": goal("Uppfylls helt", "Kartläggningen startades aldrig under året."),
    # someone else is to do it
    "done-by-other": done_activity("Detta uppdrag ska utföras av enheten för uppsökande."),
    # the rest is promised for next year
    "rest-next-year": done_activity(
        "Delar av verksamheten har informerats. Resterande verksamheter kommer att få samma"
        " information under våren 2024."
    ),
    # only last year's work
    "last-year-only": done_activity("Enheten uppdaterade intervjuguiden under 2022."),
}


@pytest.mark.parametrize("yaml", RK702_WIDER_FIRES.values(), ids=RK702_WIDER_FIRES.keys())
def test_rk702_wider_fires(yaml: str, tmp_path: Path) -> None:
    assert [c for c, _ in run(yaml, tmp_path, "RK702")] == ["RK702"]


RK702_WIDER_SILENT = {
    "not-least": goal("Uppfylls helt", "Inte minst har vi påbörjat och slutfört kartläggningen."),
    "not-all": goal("Uppfylls helt", "Vi kunde inte genomföra alla träffar men målet nåddes."),
    "done-by-us": done_activity("Uppdraget har utförts av enhetens medarbetare."),
    "next-year-no-rest": done_activity(
        "Alla verksamheter har informerats. Arbetet kommer att följas upp under 2024."
    ),
    "this-and-last-year": done_activity(
        "Intervjuguiden uppdaterades 2022 och användes i alla utredningar under året."
    ),
    "no-year": done_activity("Intervjuguiden är uppdaterad och används."),
}


@pytest.mark.parametrize("yaml", RK702_WIDER_SILENT.values(), ids=RK702_WIDER_SILENT.keys())
def test_rk702_wider_near_misses(yaml: str, tmp_path: Path) -> None:
    assert run(yaml, tmp_path, "RK702") == []
