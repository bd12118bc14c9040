"""The one way rapportkoll sets up Jinja2: templates from a package, autoescape always on.

Every page (the findings page, the nightly dashboard, the rendered report, the
desk) comes from templates in its package's ``templates/`` folder. Escaping is
the default, so a value can only reach a page unescaped as a ``Markup`` that the
code built safely, and each such place says why.

The templates are compiled at build time (``python -m checker.templating_gen``
writes ``checker/compiled_templates``; a test fails when that is stale): Jinja2
compiling them at run time cost every nightly run and every ``check --format
html`` more than rendering small pages. ``Ahead`` hands Jinja2 a template's code
compiled from the same name, source and settings, else Jinja2 compiles the source
as usual.

A leaf module: the renderer and the desk may not import the outputs, and all of
them use this.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
from collections.abc import Callable, Iterator
from functools import cache
from types import CodeType
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.environment
import jinja2.ext
import jinja2.runtime
from markupsafe import Markup

COMPILED = "checker.compiled_templates"  # the package of the templates compiled ahead

_CONTINUED = re.compile(r"\r?\n[ \t]+")


class Compact(jinja2.ext.Extension):
    """An indented template line continues the line above: the newline and indentation go.

    The source is changed before it is compiled, never a value: templates stay readable,
    and the page keeps its markup on the lines it always had (tests and tools read it so).
    A line at column 0 keeps its newline.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _CONTINUED.sub("", source)


@cache
def environment(
    *packages: str,
    trim: bool = True,
    keep_trailing_newline: bool = False,
    escape: Callable[[str], str] | None = None,
    compact: bool = False,
) -> jinja2.Environment:
    """An autoescaping environment over the ``templates/`` folders of ``packages`` (in order).

    ``trim`` drops the line a block tag stands on (``trim_blocks`` and
    ``lstrip_blocks``). ``escape`` replaces markupsafe's escaping of values, for
    pages whose text is also escaped outside templates, so both write the same
    entities. ``compact``: indented lines continue the line above (``Compact``).
    """
    loaders = [jinja2.PackageLoader(package, "templates") for package in packages]
    finalize = None
    if escape is not None:
        escape_with = escape

        def finalize(value: object) -> object:
            return value if hasattr(value, "__html__") else Markup(escape_with(str(value)))

    escaper = "" if escape is None else f"{escape.__module__}.{escape.__qualname__}"
    # what a template's compiled code depends on besides its name and source
    settings = (
        f"jinja2 {jinja2.__version__}; trim {trim}; keep_trailing_newline"
        f" {keep_trailing_newline}; compact {compact}; escape {escaper}"
    )
    return jinja2.Environment(
        loader=loaders[0] if len(loaders) == 1 else jinja2.ChoiceLoader(loaders),
        bytecode_cache=Ahead(settings),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
        keep_trailing_newline=keep_trailing_newline,
        finalize=finalize,
        extensions=[Compact] if compact else [],
    )


# A template's macros and the context it renders in refer to each other (each macro's
# closure holds the context, whose variables hold the macros): a cycle that only the
# cyclic collector frees, with all the context holds (a large page's rows and layout:
# hundreds of thousands of objects at 20,000 reports). Let go at the end instead, by
# emptying the context. (A macro imported "with context" holds a copy of the importing
# page's context in such a cycle too: the pages import theirs without.)


def generate(template: jinja2.Template, **context: Any) -> Iterator[str]:
    """``template.generate(**context)``, the context let go once the page is rendered."""
    ctx = template.new_context(context)
    try:
        yield from template.root_render_func(ctx)
    except Exception:
        yield template.environment.handle_exception()
    finally:
        release(ctx)


def make_module(
    template: jinja2.Template, context: dict[str, Any]
) -> tuple[jinja2.environment.TemplateModule, jinja2.runtime.Context]:
    """``template.make_module(context)`` and its context, to ``release`` when done."""
    ctx = template.new_context(context)
    return jinja2.environment.TemplateModule(template, ctx), ctx


def release(ctx: jinja2.runtime.Context) -> None:
    """The context's variables and macros let go (it can no longer render)."""
    ctx.vars.clear()
    ctx.exported_vars.clear()
    ctx.parent.clear()


class Ahead(jinja2.BytecodeCache):
    """A template's code as compiled at build time, in ``COMPILED``: found by the hash of
    what Jinja2 compiles it from (its name, its source, the environment's ``settings``),
    so a template whose source or settings differ from those it was compiled with is
    compiled from its source as before. Nothing is written at run time."""

    def __init__(self, settings: str) -> None:
        self.settings = settings

    def key(self, name: str, source: str) -> str:
        h = hashlib.sha256()
        for part in (self.settings, name, source):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        bucket = jinja2.bccache.Bucket(environment, name, self.key(name, source))
        module = _index().get(bucket.checksum)
        code = None if module is None else _code(module)
        if code is not None:
            # the template's file is its source, as when compiled here (tracebacks, digests)
            bucket.code = code if filename is None else code.replace(co_filename=filename)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass  # get_bucket finds the code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass  # a template compiled at run time is not kept


@cache
def _index() -> dict[str, str]:
    """Key (``Ahead.key``) → the module of ``COMPILED`` that holds the template's code."""
    try:
        module = importlib.import_module(COMPILED)
    except ImportError:
        return {}
    index: dict[str, str] = module.TEMPLATES
    return index


def _code(module: str) -> CodeType | None:
    """A compiled template's code, from the module's bytecode where Python keeps it
    (None if the module is not there)."""
    name = f"{COMPILED}.{module}"
    spec = importlib.util.find_spec(name)
    loader: Any = None if spec is None else spec.loader
    code: CodeType | None = None if loader is None else loader.get_code(name)
    return code
