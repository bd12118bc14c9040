"""``rapportkoll server``: the checker as a language server (LSP over stdio).

Diagnostics for every rule as the author types, in Swedish (English when the
client's locale or the ``lang`` initialisation option says ``en``), and quick
fixes where the fix is certain. pygls is imported only when the server starts,
so ``pip install rapportkoll`` and ``rapportkoll check`` do without it.
"""

from __future__ import annotations

import sys

INSTALL_HINT = (
    "rapportkoll: språkservern behöver paketet pygls, som inte är installerat.\n"
    "Installera det med:  pip install 'rapportkoll[server]'\n"
    "(eller i ett utcheckat förråd:  .venv/bin/pip install -e '.[server]')"
)


def start() -> int:
    """``server``: LSP over stdio until the editor ends it; 2 when pygls is missing."""
    try:
        from checker.lsp.protocol import serve
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    return serve()
