"""rapportkoll: rule-based checks of the City of Stockholm's unit reports.

The package's rooms follow the data: ``read`` (file → document → model),
``engine`` (rules, plugins, settings, one document checked), ``run`` (many
files, cache, baseline, history, nightly), ``report`` (every output format)
and ``cli``. A rule pack needs only ``checker.plugin``.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__version__ = "0.1.0"

# What a command stopped by Ctrl-C says: one line, exit 130. Here, not in the CLI's modules,
# because ``checker.launch`` needs them before it may import anything that takes time.
INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
STOPPED = "avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats"

# Modules of 0.1 that moved to a room of the package: old imports keep working.
MOVED = {
    "checker.hookspecs": "checker.engine.hookspecs",
    "checker.context": "checker.engine.context",
    "checker.config": "checker.engine.config",
    "checker.refdata": "checker.engine.refdata",
    "checker.suppress": "checker.engine.suppress",
    "checker.loader": "checker.read.loader",
    "checker.model": "checker.read.model",
    "checker.validate": "checker.read.validate",
    "checker.labels": "checker.read.labels",
    "checker.schema": "checker.read.schema",
    "checker.batch": "checker.run.batch",
    "checker.baseline": "checker.run.baseline",
    "checker.history": "checker.run.history",
    "checker.nightly": "checker.run.nightly",
    "checker.dashboard": "checker.run.dashboard",
    "checker.formatters": "checker.report",
}


class _Moved:
    """Answers an old module name with a view of the module under its new name.

    A finder and loader by protocol (``find_spec``, ``create_module``, ``exec_module``),
    not by ``importlib.abc``'s classes: importing those pulls ``importlib.resources``,
    ``tempfile`` and ``typing`` (≈ 12 ms) into every start-up.
    """

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        new = MOVED[spec.name]
        warnings.warn(
            f"{spec.name} har flyttat till {new}; importera därifrån ({spec.name} moved to {new})",
            DeprecationWarning,
            stacklevel=2,
        )
        real = importlib.import_module(new)
        view = types.ModuleType(spec.name, real.__doc__)

        def forward(name: str) -> Any:
            return getattr(real, name)

        view.__getattr__ = forward  # type: ignore[method-assign]
        return view

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing to run: the view forwards to the module that already ran."""


sys.meta_path.append(_Moved())
