"""What every HTML page of rapportkoll shares: escaping, inline-safe JSON, CSP hashes, styles.

The findings page (``html``) and the dashboard both build on this module, so
that there is one escaping function and one base stylesheet.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from typing import Any


def e(text: object) -> str:
    """HTML-escape anything that goes into the page (text and attribute values)."""
    plain = text if type(text) is str else str(text)
    # most texts have nothing to escape: one search instead of five replacements
    return html.escape(plain, quote=True) if _SPECIAL(plain) else plain


_SPECIAL = re.compile("[&<>\"']").search  # what ``html.escape`` replaces (quote=True)


def json_for_script(data: Any) -> str:
    """JSON that can sit inside <script type="application/json"> and never close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def csp_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


BASE_STYLE = """
:root{--err:#b3261e;--err-bg:#fce8e6;--warn:#8a5a00;--warn-bar:#e8a317;--warn-bg:#fff4d6;
--info:#0b5cad;--info-bar:#4a90d9;--info-bg:#e3effb;--ok:#1a7f37;--ink:#1f2328;--muted:#59636e;
--line:#d0d7de;--bg:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;
color:var(--ink);background:#fff}
header{background:#1d3557;color:#fff;padding:20px 32px}
header h1{margin:0;font-size:26px}
header .meta{margin:4px 0 0;color:#dbe4f0;overflow-wrap:anywhere}
main{padding:8px 32px 48px;max-width:1400px}
h2{font-size:20px;margin:32px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
.hint{color:var(--muted);margin:6px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0 8px}
.card{display:flex;align-items:center;gap:12px;border:1px solid var(--line);border-radius:8px;
padding:10px 18px;min-width:170px;background:var(--bg)}
.card .num{font-size:30px;font-weight:700}
.card .lbl small{color:var(--muted)}
.card.c-error{border-left:6px solid var(--err)}.card.c-error .num{color:var(--err)}
.card.c-warning{border-left:6px solid var(--warn-bar)}.card.c-warning .num{color:var(--warn)}
.card.c-info{border-left:6px solid var(--info-bar)}.card.c-info .num{color:var(--info)}
"""


def nice_ticks(top: float, most: int = 5) -> list[int]:
    """Round axis ticks from 0 to at least ``top``: 0, 5, 10, 15 … (at most ``most`` + 1)."""
    top = max(1, int(-(-top // 1)))
    step = 1
    while top / step > most:
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, …
            step = int(step * factor)
            if top / step <= most:
                break
    last = -(-top // step) * step
    return list(range(0, last + 1, step))
