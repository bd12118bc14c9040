"""Settings: what to check and how to judge it, built in one place.

``build`` takes plain arguments (what the command line or any other caller
gives) and the configuration file, and returns the ``Settings`` the engine
uses. The CLI's ``check`` and the nightly run both call it.
"""

from __future__ import annotations

import fnmatch
import importlib
import os
from collections.abc import Sequence
from pathlib import Path

from checker.engine.config import Config, defaults
from checker.engine.config import find as config_find
from checker.engine.config import load as config_load
from checker.engine.refdata import DataError
from checker.findings import INTERNAL_ERROR_CODE, Severity
from checker.paths import DEFAULT_EXCLUDE, path_below
from checker.read.loader import Limits
from checker.record import Record


class Settings(Record):
    """What to check and how to judge it (from the command line and configuration)."""

    _fields = (
        "select",
        "ignore",
        "severity",
        "fail_on",
        "limits",
        "per_file_ignores",
        "root",
        "data_dirs",
        "exclude",
        "rule_files",
        "plugins",
        "plugin_digest",
        "rule_sources",
    )
    _not_compared = _not_shown = ("plugins",)

    def __init__(
        self,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        severity: dict[str, Severity] | None = None,
        fail_on: Severity = Severity.ERROR,
        limits: Limits | None = None,
        per_file_ignores: dict[str, list[str]] | None = None,
        root: str | None = None,
        data_dirs: list[str] | None = None,
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
        rule_files: list[str] | None = None,
        plugins: list[object] | None = None,
        plugin_digest: str = "",
        rule_sources: list[str] | None = None,
    ) -> None:
        self.select: list[str] = [] if select is None else select  # codes or prefixes; [] = all
        self.ignore: list[str] = [] if ignore is None else ignore
        self.severity: dict[str, Severity] = {} if severity is None else severity
        self.fail_on = fail_on
        self.limits = Limits() if limits is None else limits
        self.per_file_ignores: dict[str, list[str]] = (
            {} if per_file_ignores is None else per_file_ignores
        )
        self.root = root  # per-file-ignores globs are relative to this folder
        # extra reference data, last wins
        self.data_dirs: list[str] = [] if data_dirs is None else data_dirs
        self.exclude = exclude  # what a folder walk skips (globs)
        # rule files (docs/regler.md)
        self.rule_files: list[str] = [] if rule_files is None else rule_files
        # The plugins built from the settings (the rule files' pack), and what identifies them.
        self.plugins: list[object] = [] if plugins is None else plugins
        self.plugin_digest = plugin_digest
        # every file the rule files named
        self.rule_sources: list[str] = [] if rule_sources is None else rule_sources

    def enabled(self, code: str, file: str | None = None) -> bool:
        if code == INTERNAL_ERROR_CODE:
            return True
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(s) for s in self.ignore):
            return False
        return not (file and any(code.startswith(c) for c in self.ignored_for(file)))

    def ignored_for(self, file: str) -> list[str]:
        if not self.per_file_ignores:
            return []
        rel = path_below(file, self.root)
        return [
            c
            for pattern, codes in self.per_file_ignores.items()
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(rel), pattern)
            for c in codes
        ]

    def fingerprint(self) -> str:
        return repr(
            (
                sorted(self.select),
                sorted(self.ignore),
                sorted((k, v.value) for k, v in self.severity.items()),
                sorted((k, sorted(v)) for k, v in self.per_file_ignores.items()),
                self.limits,
                self.plugin_digest,
            )
        )


def split_codes(values: Sequence[str]) -> list[str]:
    """``["RK1,RK2", "rk301"]`` → ``["RK1", "RK2", "RK301"]``."""
    return [v.strip().upper() for item in values for v in item.split(",") if v.strip()]


def build(
    paths: Sequence[str],
    *,
    select: Sequence[str] = (),
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
    config_file: str | None = None,
    no_config: bool = False,
    exclude: Sequence[str] | None = None,
    extend_exclude: Sequence[str] = (),
    rule_files: Sequence[str] = (),
) -> tuple[Settings, Config]:
    """Settings from the configuration file, overridden by the given arguments."""
    config = defaults()  # no model built unless a file is validated
    if not no_config:
        path = Path(config_file) if config_file else config_find(paths[0] if paths else ".")
        if path is not None:
            if not path.is_file():
                raise DataError(f"hittar inte konfigurationsfilen {path}")
            config = config_load(path)
    chosen = split_codes(select) or [c.upper() for c in config.select]
    if chosen:  # with no selection every rule runs, so extend-select adds nothing
        chosen += split_codes(extend_select) + [c.upper() for c in config.extend_select]
    data_dirs = []
    if config.reference_data is not None:
        folder = Path(config.root or ".") / config.reference_data
        where = f"{config.source}: reference-data = {config.reference_data!r}"
        if not config.reference_data.strip() or not folder.exists():
            raise DataError(f"{where}: mappen {folder} finns inte")
        if not folder.is_dir():
            raise DataError(f"{where}: {folder} är ingen mapp")
        data_dirs.append(str(folder))
    rules = [str(Path(config.root or ".") / f) for f in config.rule_files] + list(rule_files)
    plugins: list[object] = []
    digest = ""
    sources: list[str] = []
    if rules:  # imported by name, as the built-in families are: the engine does not need rules/
        pack = importlib.import_module("rules.data_rules").load_pack(rules)
        plugins.append(pack)
        digest = pack.digest
        sources = list(pack.ruleset.sources)
    settings = Settings(
        select=chosen,
        ignore=split_codes(ignore) + [c.upper() for c in config.ignore],
        severity=config.severities(),
        fail_on=Severity(fail_on or config.fail_on or "error"),
        per_file_ignores={k: [c.upper() for c in v] for k, v in config.per_file_ignores.items()},
        root=config.root,
        data_dirs=data_dirs,
        exclude=(
            *(_globs(exclude) if exclude is not None else config.exclude or DEFAULT_EXCLUDE),
            *config.extend_exclude,
            *_globs(extend_exclude),
        ),
        rule_files=rules,
        plugins=plugins,
        plugin_digest=digest,
        rule_sources=sources,
    )
    return settings, config


def _globs(values: Sequence[str]) -> list[str]:
    """``["a,b", "c"]`` → ``["a", "b", "c"]`` (a list option given once or several times)."""
    return [v.strip() for item in values for v in item.split(",") if v.strip()]
