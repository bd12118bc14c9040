"""The walk's sniff decides from a glance at a file's first bytes as from its whole head.

``looks_like_report`` first looks for a report's key in the file's first
``_GLANCE_BYTES``, decoded leniently, and reads and decodes the whole head only when
none stands there. Its answer must be the one a sniff of the whole head gives, for
keys, comments, cut characters, bad bytes and flow mappings on either side of the glance.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.run import files
from checker.run.files import _GLANCE_BYTES, _SNIFF_BYTES, _top_level_key, looks_like_report


def _whole_head(path: Path) -> bool:
    """The sniff as a whole head decides it: the reference."""
    head = path.read_bytes()[:_SNIFF_BYTES]
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return True
    if _top_level_key(text) is not None:
        return True
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return True
    return text.lstrip().startswith(("{", "%", "---\n{"))


def _padding(size: int, fill: str) -> str:
    """Comment lines of about ``size`` bytes, written with ``fill`` (å is two bytes)."""
    line = "# " + fill * 30 + "\n"
    return line * (size // len(line.encode()) + 1)


KEY = "rapport:\n  typ: VB\n"
NOT_REPORT = "services:\n  web:\n    image: nginx\n"


def _cases() -> dict[str, bytes]:
    cases: dict[str, bytes] = {}
    for near in (-40, -3, -1, 0, 1, 2, 40):  # the key, or a cut character, at the glance's edge
        for fill in ("a", "å"):
            pad = _padding(_GLANCE_BYTES, fill).encode()[: _GLANCE_BYTES + near]
            pad = pad[: pad.rfind(b"\n") + 1] if fill == "a" else pad  # "å" may be cut
            cases[f"key-{fill}{near}"] = pad + b"\n" + KEY.encode()
            cases[f"other-{fill}{near}"] = pad + b"\n" + NOT_REPORT.encode()
            cases[f"flow-{fill}{near}"] = b"{" + pad
    cases["empty"] = b""
    cases["bom-key"] = b"\xef\xbb\xbf" + KEY.encode()
    cases["only-comments"] = _padding(3 * _GLANCE_BYTES, "å").encode()
    cases["bad-byte-early"] = b"\xff" + KEY.encode()
    cases["bad-byte-late"] = _padding(2 * _GLANCE_BYTES, "a").encode() + b"\xff" + b"x: 1\n"
    cases["key-in-value"] = b"namn: |\n  rapport:\n" + _padding(2 * _GLANCE_BYTES, "a").encode()
    cases["quoted-key"] = b'"rapport": {typ: VB}\n'
    cases["list"] = b"- en\n- tv\xc3\xa5\n" * 2000
    return cases


@pytest.mark.parametrize(("name", "data"), sorted(_cases().items()))
def test_the_glance_answers_as_the_whole_head(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    assert looks_like_report(str(path)) is _whole_head(path)


def test_the_glance_decides_a_report_without_decoding_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key in the first lines decides; a file with none there is read whole."""
    report = tmp_path / "vb.yaml"
    report.write_bytes(KEY.encode() + _padding(8 * _GLANCE_BYTES, "å").encode())
    late = tmp_path / "sent.yaml"
    late.write_bytes(_padding(2 * _GLANCE_BYTES, "å").encode() + KEY.encode())
    seen: list[int] = []
    search = files._top_level_key

    def spy(text: str) -> str | None:
        seen.append(len(text))
        return search(text)

    monkeypatch.setattr(files, "_top_level_key", spy)
    assert looks_like_report(str(report)) and max(seen) <= _GLANCE_BYTES
    seen.clear()
    assert looks_like_report(str(late)) and max(seen) > _GLANCE_BYTES
