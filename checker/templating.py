"""The one way rapportkoll sets up Jinja2: templates from a package, autoescape always on.

Every page (the findings page, the nightly dashboard, the rendered report, the
desk) comes from templates in its package's ``templates/`` folder. Escaping is
the default, so a value can only reach a page unescaped as a ``Markup`` that the
code built safely, and each such place says why.

A leaf module: the renderer and the desk may not import the outputs, and all of
them use this.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import jinja2
import jinja2.ext
from markupsafe import Markup

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

    return jinja2.Environment(
        loader=loaders[0] if len(loaders) == 1 else jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
        keep_trailing_newline=keep_trailing_newline,
        finalize=finalize,
        extensions=[Compact] if compact else [],
    )
