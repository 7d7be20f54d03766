"""Safe text for Graphviz DOT: HTML-like labels and quoted attribute values.

No label, whatever it contains (quotes, ``<``, ``>``, ``&``, backslashes, newlines, control
characters, very long words), can break the DOT source or inject markup: label text is always
HTML-escaped inside an HTML-like label built here, and other attribute values are quoted with
backslashes and quotes escaped.

Code points that XML cannot hold (C0 controls other than tab and newline, lone surrogates,
U+FFFE and U+FFFF; Graphviz refuses them inside HTML-like labels) are replaced by U+FFFD, the
replacement character "�", and `replaced_note` words a line saying so for a map's caption.
"""

from __future__ import annotations

import re
import textwrap

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: What XML 1.0 (and so Graphviz's HTML-like labels and SVG) cannot hold, tab/newline/CR aside.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
_COLOR = re.compile(r"^(#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?|[A-Za-z]+[0-9]*)$")


def clean(text) -> str:
    """A string XML and Graphviz can hold (tabs become spaces, newlines stay).

    Code points XML cannot hold (C0 controls, lone surrogates, U+FFFE, U+FFFF) become U+FFFD;
    DEL (U+007F) is dropped.
    """
    text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _XML_INVALID.sub(REPLACEMENT, text).replace("\x7f", "")


def has_invalid(text) -> bool:
    """True when ``text`` holds a code point XML cannot hold (what `clean` replaces)."""
    text = "" if text is None else str(text).replace("\r", "\n").replace("\t", " ")
    return bool(_XML_INVALID.search(text))


def replaced_note(texts, lang: str = "en") -> str:
    """A sentence for a caption when any of ``texts`` held characters `clean` replaced, else ``""``."""
    found = sorted({f"U+{ord(c):04X}" for t in texts if t is not None
                    for c in _XML_INVALID.findall(str(t))})
    if not found:
        return ""
    codes = ", ".join(found[:5]) + (" ..." if len(found) > 5 else "")
    if lang == "nl":
        return (f"Tekens die een tekening niet kan bevatten ({codes}) zijn vervangen door "
                f"{REPLACEMENT}.")
    return f"Characters a drawing cannot hold ({codes}) were replaced by {REPLACEMENT}."


def wrap(text, width: int = 24, max_lines: int = 4) -> list[str]:
    """Lines of at most ``width`` characters (long words are broken), at most ``max_lines``."""
    lines: list[str] = []
    for part in clean(text).split("\n"):
        lines.extend(textwrap.wrap(part, width=width, break_long_words=True,
                                   break_on_hyphens=False) or [""])
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return lines


def html(text) -> str:
    """Escape text for the inside of an HTML-like label (no markup can survive)."""
    return (clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("\n", " "))


def html_lines(text, width: int = 24, max_lines: int = 4) -> str:
    """Wrapped, escaped lines joined by ``<BR/>``."""
    return "<BR/>".join(html(line) for line in wrap(text, width, max_lines))


def quote(text) -> str:
    """A double-quoted DOT string whose content is taken literally."""
    body = clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


def color(value, default: str) -> str:
    """A colour name or ``#rrggbb(aa)``; anything else falls back to ``default``."""
    value = "" if value is None else str(value).strip()
    return value if _COLOR.match(value) else default


def mix(c1: str, c2: str, t: float) -> str:
    """The colour a share ``t`` (0..1) of the way from ``c1`` to ``c2`` (both ``#rrggbb``)."""
    t = min(max(float(t), 0.0), 1.0)
    a = [int(c1[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(c2[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))
