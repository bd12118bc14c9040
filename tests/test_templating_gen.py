"""The templates compiled ahead (``checker/compiled_templates``) are current, and used.

``python -m checker.templating_gen`` writes them; ``checker.templating.Ahead`` hands
Jinja2 a template's compiled code only for the name, source and settings it was
compiled from, so a stale or foreign module is never run.
"""

from __future__ import annotations

import shutil
from importlib.util import find_spec
from pathlib import Path

import jinja2
import pytest

from checker import templating_gen
from checker.outputs.htmlbase import e
from checker.templating import Ahead, environment

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = (".j2", ".html")


def _templates(env: jinja2.Environment) -> list[tuple[str, str, str | None]]:
    """Each template of ``env``: its name, source and file."""
    assert env.loader is not None
    out = []
    for name in env.list_templates(filter_func=lambda n: n.endswith(TEMPLATES)):
        source, filename, _ = env.loader.get_source(env, name)
        out.append((name, source, filename))
    return out


def test_the_compiled_templates_are_current() -> None:
    folder = ROOT / "checker" / "compiled_templates"
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.py")}
    assert templating_gen.files() == committed, "run: python -m checker.templating_gen"
    assert templating_gen.main(["--check"]) == 0


def test_a_stale_or_missing_module_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "compiled_templates"
    shutil.copytree(templating_gen.TARGET, copy)
    monkeypatch.setattr(templating_gen, "TARGET", copy)
    assert templating_gen.main(["--check"]) == 0
    page = copy / "page_html_j2.py"
    page.write_text(page.read_text(encoding="utf-8").replace("<body>", "<body >"))
    assert templating_gen.main(["--check"]) == 1
    page.unlink()
    assert templating_gen.main(["--check"]) == 1
    assert templating_gen.main([]) == 0  # written again
    assert templating_gen.main(["--check"]) == 0


def test_every_template_the_package_renders_is_compiled_ahead(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled at run time")

    envs = templating_gen.environments()
    names = {name for env in envs for name, _, _ in _templates(env)}
    assert {"findings.html.j2", "dashboard.html.j2", "report.html.j2", "desk.html"} <= names
    for env in envs:
        ahead = env.bytecode_cache
        assert isinstance(ahead, Ahead)
        for name, source, filename in _templates(env):
            bucket = ahead.get_bucket(env, name, filename, source)
            assert bucket.code is not None, name
            assert bucket.code.co_filename == filename  # tracebacks name the template
    # a fresh environment of the same settings renders without compiling anything
    fresh = envs[0].overlay(loader=jinja2.PackageLoader("checker.outputs", "templates"))
    monkeypatch.setattr(jinja2.Environment, "compile", refused)
    template = fresh.get_template("page.html.j2")
    assert template.filename == str(ROOT / "checker" / "outputs" / "templates" / "page.html.j2")


def test_the_desk_renders_with_the_environment_compiled_for_it(tmp_path: Path) -> None:
    if find_spec("starlette") is None:
        pytest.skip("the desk needs the serve extra")
    from checker.desk.app import DeskApp

    assert DeskApp(str(tmp_path)).templates is environment("checker.desk")


def test_an_edited_source_or_other_settings_are_compiled_from_the_source(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "checker" / "outputs" / "templates", folder)
    settings = environment("checker.outputs", keep_trailing_newline=True, escape=e, compact=True)
    ahead = settings.bytecode_cache
    assert isinstance(ahead, Ahead)
    source = (folder / "page.html.j2").read_text(encoding="utf-8")
    assert ahead.get_bucket(settings, "page.html.j2", None, source).code is not None
    edited = source.replace("<body>", "<body class=x>")
    assert ahead.get_bucket(settings, "page.html.j2", None, edited).code is None
    other = environment("checker.outputs", keep_trailing_newline=True, compact=True)
    assert isinstance(other.bytecode_cache, Ahead)
    assert other.bytecode_cache.get_bucket(other, "page.html.j2", None, source).code is None

    # rendered from the edited file: the edit shows, nothing was written beside it
    (folder / "page.html.j2").write_text(edited, encoding="utf-8")
    env = settings.overlay(loader=jinja2.FileSystemLoader(folder))
    assert env.bytecode_cache is ahead
    page = env.get_template("page.html.j2").render(
        lang="sv", csp="", w={"title": "t"}, style="", script=""
    )
    assert "<body class=x>" in page
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (ROOT / "checker" / "outputs" / "templates").iterdir()
    )
