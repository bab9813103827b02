"""Garbled text: flag mojibake runs (GBK frame shifts such as 暗谝粫洝, ?h級, U+FFFD).

乱码：标出乱码片段（写入 warnings），保留原文，不做没有把握的修复。

A GBK byte stream that lost one byte decodes into rare characters.  We flag a
window of four characters holding two or more characters outside the ~7,700 most
frequent ones (``data/common_chars.txt``), a '?' or '!' glued to a lone Latin
letter between Han characters, runs of U+FFFD, and kana or Cyrillic letters
inside Han text.  The text is kept: a guessed repair would be worse than none.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import read_text
from ..chars import CharClass
from ..patterns import LazyPattern



# compiled on first use (~6 ms): most documents have no suspect line at all
_SPAN_PATTERNS = (
    LazyPattern(r"[\u3400-\u9fff][?!][A-Za-z](?=[\u3400-\u9fff])"),  # ?h級: a letter out of step
    LazyPattern(r"\ufffd+"),
    LazyPattern(r"[\u3400-\u9fff][\u30a0-\u30ff\u0400-\u04ff]|[\u30a0-\u30ff\u0400-\u04ff][\u3400-\u9fff]"),
)


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    data = read_text("common_chars.txt")
    return frozenset("".join(ln for ln in data.splitlines() if not ln.startswith("#")))


def _odd_points() -> set[int]:
    """Rare Han characters, U+FFFD, kana and Cyrillic: what mojibake is made of."""
    odd = set(range(0x3400, 0xA000))  # (set operations in C: a loop here cost ~5 ms a run)
    odd.difference_update(map(ord, common_chars()))
    odd.update(range(0x30A0, 0x3100), range(0x0400, 0x0500), (0xFFFD,))
    return odd


ODD = CharClass(_odd_points)
_QUERY_LETTER = re.compile(r"[?!][A-Za-z]")


def suspect_lines(lines: list[str]) -> list[int]:
    """Lines of one document that may hold mojibake (most lines hold only frequent characters)."""
    found = set(ODD.lines_with(lines))
    found.update(i for i, s in enumerate(lines) if ("?" in s or "!" in s) and _QUERY_LETTER.search(s))
    return sorted(found)


def garbled_spans(text: str) -> list[tuple[int, int]]:
    """Start/stop offsets of suspected mojibake in ``text`` (merged, in order)."""
    if not ODD.count(text) and not _QUERY_LETTER.search(text):
        return []  # the fast path: nothing but frequent characters
    spans: list[tuple[int, int]] = []
    rare = [i for i in ODD.positions(text) if "\u3400" <= text[i] <= "\u9fff"]
    for a, b in zip(rare, rare[1:]):
        if b - a <= 3:
            spans.append((a, b + 1))
    for pattern in _SPAN_PATTERNS:
        spans.extend(m.span() for m in pattern.finditer(text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
