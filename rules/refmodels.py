"""Models of the built-in reference data in ``rules/data``, validated when loaded.

Words and statuses are compared in Unicode NFC (``checker.swedish.nfc``), so a
decomposed "genomförd" (o + U+0308) matches the vocabulary. The functions at
the end give a rule the typed model of one data file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from functools import cached_property

from checker.plugin import (
    DataModel,
    Field,
    ReportContext,
    nfc,
    norm_unit,
    norm_words,
    register_schema,
)


class ActivityStatuses(DataModel):
    done: list[str] = Field(alias="klar")
    deviation: list[str] = Field(alias="avvikelse")


class StatusMarker(DataModel):
    word: str = Field(alias="ord")
    status: str


class Vocabularies(DataModel):
    goal_statuses: list[str] = Field(alias="målstatus")
    status_synonyms: dict[str, list[str]] = Field(default_factory=dict, alias="statussynonymer")
    status_markers: list[StatusMarker] = Field(default_factory=list, alias="statusmarkörer")
    no_assessment: list[str] = Field(alias="ingen_bedömning")
    status_icons: list[str] = Field(alias="statusikoner")
    activity_statuses: ActivityStatuses = Field(alias="aktivitetsstatus")
    activity_synonyms: dict[str, list[str]] = Field(
        default_factory=dict, alias="aktivitetssynonymer"
    )
    target_words: list[str] = Field(alias="målord")
    target_prefixes: list[str] = Field(alias="målprefix")
    units: list[str] = Field(alias="enheter")

    @cached_property
    def _no_assessment(self) -> frozenset[str]:
        return frozenset(norm_words(w) for w in self.no_assessment)

    @cached_property
    def _statuses(self) -> dict[str, str]:
        return {norm_words(s): s for s in self.goal_statuses}

    @cached_property
    def _activity(self) -> dict[str, str]:
        out = {norm_words(w): "klar" for w in self.activity_statuses.done}
        out.update({norm_words(w): "avvikelse" for w in self.activity_statuses.deviation})
        return out

    @cached_property
    def unit_set(self) -> frozenset[str]:
        return frozenset(norm_unit(u) for u in self.units)

    @cached_property
    def word_set(self) -> frozenset[str]:
        return frozenset(norm_words(w) for w in self.target_words)

    def clean_status(self, raw: object) -> str:
        text = " ".join(nfc(str(raw)).split())
        for icon in self.status_icons:
            text = text.replace(icon, " ")
        return " ".join(text.split())

    def is_no_assessment(self, raw: object) -> bool:
        if raw is None or not str(raw).strip():
            return True
        return self._status_words(raw) in self._no_assessment

    def goal_status(self, raw: object) -> str | None:
        """The vocabulary status this value is (case and spacing ignored), or None."""
        return self._statuses.get(self._status_words(raw))

    def _status_words(self, raw: object) -> str:
        """A status cleaned and in ``norm_words`` form, a text's from a cache."""
        if isinstance(raw, str):
            return self._text_status_words(raw)
        return norm_words(self.clean_status(raw))

    @cached_property
    def _text_status_words(self) -> Callable[[str], str]:
        # Several rules read each goal's status, and a few statuses fill every report.
        @functools.lru_cache(maxsize=1024)
        def words(raw: str) -> str:
            return norm_words(self.clean_status(raw))

        return words

    def closest_status(self, raw: object) -> str | None:
        """The status the author meant: by synonym, then by a word of meaning, then by spelling.

        Spelling alone would make "Helt uppfyllt" Uppfylls inte; meaning comes
        first, and a spelling match that contradicts a word of meaning in the
        text ("delvis", "inte", "helt") is not suggested.
        """
        cleaned = self.clean_status(raw)
        meant = self._status_synonyms.get(norm_words(cleaned))
        if meant is not None:
            return meant
        marked = self.marked_status(cleaned)
        if marked is not None:
            return marked
        return self.closest_fn(cleaned.lower())

    def certain_status(self, raw: object) -> str | None:
        """The status the author certainly meant (a safe fix): a synonym, or a word of
        meaning that the closest spelling agrees with ("Uppfylles helt"); else None."""
        return self._certain_fn(self.clean_status(raw))

    @cached_property
    def _certain_fn(self) -> Callable[[str], str | None]:
        @functools.lru_cache(maxsize=1024)  # authors repeat the same misspelling
        def certain(cleaned: str) -> str | None:
            meant = self._status_synonyms.get(norm_words(cleaned))
            if meant is not None:
                return meant
            marked = self.marked_status(cleaned)
            return marked if marked == self.closest_fn(cleaned.lower()) else None

        return certain

    def marked_status(self, text: str) -> str | None:
        """The status a word of meaning in the text gives ("delvis" → Uppfylls delvis), if any."""
        words = " " + " ".join(re.findall(r"\w+", nfc(text).lower())) + " "
        for marker in self.status_markers:
            if " " + " ".join(nfc(marker.word).lower().split()) + " " in words:
                return marker.status
        return None

    @cached_property
    def _status_synonyms(self) -> dict[str, str]:
        return {
            norm_words(word): status
            for status, words in self.status_synonyms.items()
            for word in words
        }

    @cached_property
    def _activity_synonyms(self) -> dict[str, str]:
        return {
            norm_words(word): status
            for status, words in self.activity_synonyms.items()
            for word in words
        }

    def closest_activity_status(self, raw: object) -> str | None:
        """ "klar" or "avvikelse" as the author meant it, by synonym or a negation; else None."""
        text = nfc(str(raw))
        meant = self._activity_synonyms.get(norm_words(text))
        if meant is not None:
            return meant
        words = set(re.findall(r"\w+", text.lower()))
        if words & {"ej", "inte", "icke", "ingen"}:
            return "avvikelse"
        return None

    @cached_property
    def closest_fn(self) -> Callable[[str], str | None]:
        import difflib  # here: only a misspelt status asks (≈ 1 ms to import on every run)

        options = {nfc(s).lower(): s for s in self.goal_statuses}

        @functools.lru_cache(maxsize=1024)  # authors repeat the same misspelling
        def closest(cleaned: str) -> str | None:
            close = difflib.get_close_matches(cleaned, list(options), n=1, cutoff=0.5)
            return options[close[0]] if close else None

        return closest

    def activity_status(self, raw: object) -> str | None:
        """ "klar", "avvikelse", "" for none, or None when not in the vocabulary."""
        if raw is None or not str(raw).strip():
            return ""
        return self._activity.get(norm_words(str(raw)))


class IndicatorTraits(DataModel):
    lower_is_better: list[str] = Field(alias="lägre_är_bättre")
    counts: list[str] = Field(alias="antal")
    city_wide: list[str] = Field(default_factory=list, alias="stadsövergripande")

    def is_city_wide(self, name: str | None) -> bool:
        low = nfc(name or "").lower()
        return any(nfc(word).lower() in low for word in self.city_wide)

    def lower_better(self, name: str | None) -> bool:
        low = nfc(name or "").lower()
        return any(nfc(word).lower() in low for word in self.lower_is_better)

    def is_count(self, name: str | None) -> bool:
        low = nfc(name or "").lower()
        return any(low.startswith(nfc(word).lower()) for word in self.counts)


class BudgetChart(DataModel):
    revenue: list[str] = Field(alias="intäkter")
    costs: list[str] = Field(alias="kostnader")
    totals: dict[str, str] = Field(alias="summor")
    deviation_tolerance: float = Field(alias="avvikelse_tolerans_tkr")
    sum_tolerance_per_row: float = Field(alias="summa_tolerans_per_rad_tkr")
    explain_share: float = Field(alias="förklaringsgräns_andel")
    deficit_words: list[str] = Field(alias="underskott_ord")
    negations: list[str] = Field(alias="förnekande_ord")


class MandatePeriod(DataModel):
    name: str = Field(alias="namn")
    from_year: int = Field(alias="från_år")
    to_year: int = Field(alias="till_år")
    direction_goals: dict[str, str] = Field(alias="inriktningsmål")
    area_goals: dict[str, str] = Field(alias="verksamhetsområdesmål")
    # False when the list is known not to be KF's whole budget for the period.
    complete: bool = Field(default=True, alias="komplett")
    # Numbers or ranges known or suspected to exist but not yet confirmed.
    unknown: list[str] = Field(default_factory=list, alias="okända")


class GoalCatalogue(DataModel):
    periods: list[MandatePeriod] = Field(alias="mandatperioder")

    def period_for(self, year: int | None) -> MandatePeriod | None:
        if year is None:
            return None
        return next((p for p in self.periods if p.from_year <= year <= p.to_year), None)


def vocabularies(ctx: ReportContext) -> Vocabularies:
    data: Vocabularies = ctx.refdata.get("vocabularies.yaml")
    return data


def indicator_traits(ctx: ReportContext) -> IndicatorTraits:
    data: IndicatorTraits = ctx.refdata.get("indicators.yaml")
    return data


def budget_chart(ctx: ReportContext) -> BudgetChart:
    data: BudgetChart = ctx.refdata.get("budget.yaml")
    return data


def mandate_period(ctx: ReportContext) -> MandatePeriod | None:
    """The KF goal catalogue's mandate period for the report's year, if any."""
    data: GoalCatalogue = ctx.refdata.get("kf_goals.yaml")
    return data.period_for(ctx.year)


register_schema("vocabularies.yaml", Vocabularies)
register_schema("indicators.yaml", IndicatorTraits)
register_schema("budget.yaml", BudgetChart)
register_schema("kf_goals.yaml", GoalCatalogue)
