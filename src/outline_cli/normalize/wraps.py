"""Hard wraps: join a line broken in the middle of a sentence (…“战前 / 动员”。…).

硬换行：把句子中间断开的两行接回一行；标题、列表项和以句末标点结尾的行不接。

A line is joined to the next one only when both stand on adjacent source lines,
the first is long (a wrap happens at a fixed width, never after a short heading),
ends without sentence-final punctuation, and neither starts with a heading
marker; the next line must start like the middle of a sentence.
"""
from __future__ import annotations

import re

#: A wrapped line is at least this long (headings and titles are shorter).
MIN_WRAPPED = 24

_END = re.compile(r"[。！？!?；;：:…」』]$|[”’）)]$")
_CONTINUES = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff”’」』，,、）)0-9]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_PROSE = re.compile(r"[，,、“”「」；;]")
_NOT_WRAP_END = re.compile(r"[\s]$")


def should_join(first: str, second: str, starts_heading) -> bool:
    if len(first) < MIN_WRAPPED or _END.search(first):
        return False
    if not _CONTINUES.match(second):
        return False
    if len(_HAN.findall(first)) < len(first) // 2:
        return False  # not Chinese prose (a data line, a URL, Markdown front matter)
    if first.count(" ") >= 3 or not _PROSE.search(first):
        return False  # a menu or footer line (网站简介 广告合作 …), not a broken sentence
    if starts_heading(second):
        return False  # a new heading or list item
    if starts_heading(first) and not re.search(r"[。!?;]", first):
        return False  # a heading line; a paragraph that opens with an inline heading may wrap
    return True
