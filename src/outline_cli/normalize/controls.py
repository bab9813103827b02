"""Characters no output format may hold: C0/C1 control characters (but tab and newline),
U+FFFE/U+FFFF and lone surrogates.

控制字符：除制表符、换行外的 C0/C1 控制字符、U+FFFE/U+FFFF、孤立代理项——任何输出格式都不能
（或不该）包含它们：XML 1.0（OPML、FreeMind、DOCX）不允许，UTF-8 无法编码孤立代理项。

They never carry meaning in a speech or an article (a NUL or an ESC is damage, a C1
character is mojibake of a wrong decoding); the separators among them — vertical tab,
form feed (a page break from pdftotext), NEL — become a space so the words on either
side stay apart, the rest are dropped.  The input is cleaned once, where text enters
the pipeline, with one warning; the XML emitters apply the same filter to whatever
else they write (``xml_text``).
"""
from __future__ import annotations

import re

#: Everything XML 1.0 forbids (C0 but tab/newline/CR, surrogates, U+FFFE/U+FFFF) and the
#: C0 DEL and C1 controls it allows but no text of ours contains.
DISALLOWED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " ", "\x85": " "}


def _replace(m: re.Match) -> str:
    return _AS_SPACE.get(m.group(), "")


def drop_disallowed(text: str) -> tuple[str, int, int]:
    """``(clean text, how many characters went, line of the first)``; the text itself
    (no copy) when it holds none."""
    first = DISALLOWED.search(text)
    if first is None:
        return text, 0, 0
    line = text.count("\n", 0, first.start()) + 1
    clean, n = DISALLOWED.subn(_replace, text)
    return clean, n, line


def warning(n: int, line: int) -> str:
    return f"{n} control or non-character code point(s) dropped (first on line {line})"


def xml_text(text: str) -> str:
    """Text an XML 1.0 document may hold (for the emitters' last word)."""
    return DISALLOWED.sub(_replace, text) if DISALLOWED.search(text) else text
