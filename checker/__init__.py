"""rapportkoll: rule-based checks of the City of Stockholm's unit reports.

The package's rooms follow the data: ``read`` (file → document → model),
``engine`` (rules, plugins, settings, one document checked), ``run`` (many
files, pool, cache, baseline, output guard), ``outputs`` (every output format),
``nightly`` (history, roster, the nightly run and its dashboard), ``desk`` (the
web desk), ``lsp`` (the language server) and ``cli``. A rule pack needs only
``checker.plugin``.
"""

from __future__ import annotations

__version__ = "0.1.0"

# What a command stopped by Ctrl-C says: one line, exit 130. Here, not in the CLI's modules,
# because ``checker.launch`` needs them before it may import anything that takes time.
INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
STOPPED = "avbrutet (Ctrl-C); ingen utdatafil har skrivits eller ändrats"
