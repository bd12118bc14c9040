"""Plugins: the built-in rule families, registered in code, and third-party packs.

The built-in families are listed here and registered directly, as datasette
does with its ``DEFAULT_PLUGINS``: a missing one is an error, never a
silently smaller catalogue. Entry points of the ``rapportkoll`` group are
for third-party rule packs only.

Finding those entry points through ``importlib.metadata`` means importing it
(with ``email``, ``zipfile``, ``csv``: ≈ 20 ms) and reading the metadata of every
installed distribution. Most environments have no pack, so a run first looks
only at the ``entry_points.txt`` of each distribution on ``sys.path`` for a line
that could open our group (``_may_have_packs``, ≈ 1 ms); where none can, there
is no pack and nothing else is read. Otherwise the list found (names and
``module:attribute`` values only, never code) is kept in the user's cache
folder, keyed on the environment: the entries of ``sys.path`` and the
modification times of each folder and of each distribution's
``entry_points.txt``. Installing, removing or changing a distribution changes
the key, and the list is read anew. A cached list is validated before use; the
entry points in it are loaded as any other.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pluggy
from pluggy import HookimplOpts

from checker.engine import hookspecs
from checker.lazyre import lazy_re
from checker.read.safeio import read_limited, write_atomically

# Imported by name (not statically) so that the engine does not depend on the rules.
DEFAULT_PLUGINS = (
    "rules.reference",
    "rules.rk1_structure",
    "rules.rk2_statuses",
    "rules.rk3_indicators",
    "rules.rk4_complaints",
    "rules.rk5_budget",
    "rules.rk6_references",
    "rules.rk7_text",
)

PLUGIN_LIST_FORMAT = 1
# The folders of installed distributions' metadata, as importlib.metadata finds them.
_INFO_SUFFIXES = (".dist-info", ".egg-info")
_NAME = lazy_re(r"[\w.-]{1,200}")
# importlib.metadata's grammar of an entry point's value: module[:attribute] [extras].
_VALUE = lazy_re(r"[\w.]{1,200}(?:\s*:\s*[\w.]{1,200})?(?:\s*\[[\w.,\s-]{0,200}\])?")


def plugin_list_file() -> Path:
    """``$XDG_CACHE_HOME/rapportkoll/plugins.json`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rapportkoll" / "plugins.json"


def environment_key() -> str:
    """Changes whenever a distribution on ``sys.path`` is installed, removed or changed."""
    import hashlib

    h = hashlib.sha256(f"{sys.version}\0{sys.executable}\0".encode())
    for entry in sys.path:
        folder = entry or "."
        h.update(f"{entry}\0".encode())
        try:
            h.update(f"{os.stat(folder).st_mtime_ns}\0".encode())
            children = os.scandir(folder)
        except OSError:
            continue  # a missing folder or a zip file: its name alone is in the key
        with children:
            names = sorted(c.name for c in children if c.name.endswith(_INFO_SUFFIXES))
        for name in names:
            try:
                stamp = os.stat(os.path.join(folder, name, "entry_points.txt")).st_mtime_ns
            except OSError:
                stamp = 0
            h.update(f"{name}\0{stamp}\0".encode())
    return h.hexdigest()


# A line of an entry_points.txt that could open our group: importlib.metadata takes a
# stripped line between brackets as a group's name (``Sectioned.read``). Looser than
# that on purpose: a false match only costs the full scan.
_OUR_GROUP = re.compile(rb"^[ \t]*\[[^\n]*" + re.escape(hookspecs.PROJECT.encode()), re.MULTILINE)


def _may_have_packs() -> bool:
    """False only when no distribution that ``importlib.metadata`` would find can declare an
    entry point of our group: every one it reads is a ``*.dist-info``/``*.egg-info`` folder
    of a ``sys.path`` folder, and none of their ``entry_points.txt`` names the group.
    A source this does not read (a zip file or ``.egg`` on the path, a finder of its own
    that lists distributions) answers True: the full scan decides."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return True
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return True
        try:
            children = os.scandir(folder)
        except NotADirectoryError:
            return True  # a zip file
        except OSError:
            continue  # missing or unreadable: importlib.metadata finds nothing there either
        with children:
            infos = [c.path for c in children if c.name.lower().endswith(_INFO_SUFFIXES)]
        for info in infos:
            try:
                with open(os.path.join(info, "entry_points.txt"), "rb") as f:
                    if _OUR_GROUP.search(f.read()):
                        return True
            except OSError:
                continue  # no entry points (or an egg-info file): nothing of ours
    return False


def _scan() -> list[tuple[str, str]]:
    import importlib.metadata

    found = importlib.metadata.entry_points(group=hookspecs.PROJECT)
    return sorted({(ep.name, ep.value) for ep in found})


def _read_list(path: Path, key: str) -> list[tuple[str, str]] | None:
    """The cached list for ``key``, or None when absent, stale or not as written here."""
    import json

    try:
        data = json.loads(read_limited(path, "plugin-list"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != PLUGIN_LIST_FORMAT:
        return None
    if data.get("key") != key or not isinstance(data.get("entry_points"), list):
        return None
    out: list[tuple[str, str]] = []
    for item in data["entry_points"]:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(x, str) for x in item)
            and _NAME.fullmatch(item[0])
            and _VALUE.fullmatch(item[1])
        ):
            return None
        out.append((item[0], item[1]))
    return out


def installed_packs() -> list[tuple[str, str]]:
    """(name, value) of every ``rapportkoll`` entry point, from the cache when still valid."""
    if not _may_have_packs():
        return []
    import json

    key = environment_key()
    path = plugin_list_file()
    cached = _read_list(path, key)
    if cached is not None:
        return cached
    found = _scan()
    text = json.dumps({"format": PLUGIN_LIST_FORMAT, "key": key, "entry_points": found})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text, durable=False)
    except OSError:
        pass  # a read-only home: scan on every run, as before
    return found


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, with a module's attributes sorted out before pluggy's inspection.

    ``register`` asks ``parse_hookimpl_opts`` about every name of a module, and pluggy's
    answer goes through ``inspect.getattr_static`` (≈ 2.5 ms for the built-in families, on
    every run). In a module's own namespace the answer is plain: a function carries our
    marker or is no hook, and a value that is no function, method or method wrapper cannot
    be one. Everything else (and every other kind of plugin) is pluggy's to judge.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> HookimplOpts | None:
        if type(plugin) is types.ModuleType:
            value = plugin.__dict__.get(name, _ABSENT)
            if type(value) is types.FunctionType:
                if getattr(value, self.project_name + "_impl", None) is None:
                    return None
            elif value is not _ABSENT and not isinstance(value, _WRAPPERS):
                return None
        return super().parse_hookimpl_opts(plugin, name)


_ABSENT = object()
_WRAPPERS = (staticmethod, classmethod, types.MethodType)


def plugin_manager(
    extra: Sequence[object] = (), defaults: Sequence[str] = DEFAULT_PLUGINS
) -> tuple[pluggy.PluginManager, list[str]]:
    """The built-in families, every installed pack, then ``extra``; and what failed to load.

    A built-in family that cannot be imported raises: the installation is broken.
    A third-party pack that fails is reported (as an RK000 finding) and skipped.
    """
    pm = _PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for name in defaults:
        pm.register(importlib.import_module(name), name=name)
    failures: list[str] = []
    for ep_name, value in installed_packs():
        if pm.get_plugin(ep_name) is not None or value in defaults:
            continue
        # only with a pack installed: importlib.metadata costs ≈ 10 ms (email, zipfile …)
        from importlib.metadata import EntryPoint

        try:
            plugin = EntryPoint(name=ep_name, value=value, group=hookspecs.PROJECT).load()
            pm.register(plugin, name=ep_name)
        except Exception as exc:  # a broken plugin must not stop the run
            failures.append(f"{ep_name} ({value}): {type(exc).__name__}: {exc}")
    for plugin in extra:
        pm.register(plugin)
    return pm, failures
