"""YAML front matter (``---`` … ``---`` at the top of a Markdown copy): furniture, with facts.

Markdown 头部的 YAML 元数据块：从正文删除，其中的 title/date/author 记入 meta。
"""
from __future__ import annotations

import re

from ..classify import reads_as_text
from ..document import Document
from .toc import END, START

_FENCE = re.compile(r"^-{3,}\s*$")
_KEY_LINE = re.compile(r"^(?P<key>title|date|author|source)\s*:\s*(?P<value>.+?)\s*$")
MAX_LINES = 60
#: Page chrome lines a copied page may put above its front matter (a site header, a
#: breadcrumb, a button row): issue 18 measured up to a few; then the block must be
#: well-formed YAML, since a ``---`` rule further down may also be a text's separator.
MAX_CHROME_ABOVE = 4


def _opening_fence(lines) -> int | None:
    """Index of the fence that opens the front matter: the first line, or a line after a
    few chrome lines (none of them text: classify.reads_as_text)."""
    for k, ln in enumerate(lines[:MAX_CHROME_ABOVE + 1]):
        if _FENCE.match(ln.text):
            return k if k == 0 and ln.no <= 3 or k > 0 else None
        if reads_as_text(ln.view.strip()):
            return None  # text above it: the --- is the text's own separator
    return None


def strip_front_matter(doc: Document) -> None:
    """Step ``front-matter``."""
    lines = doc.lines
    start = _opening_fence(lines) if lines else None
    if start is None:
        return
    for j in range(start + 1, min(len(lines), start + MAX_LINES)):
        if _FENCE.match(lines[j].text):
            break
    else:
        return
    block = "\n".join(ln.text for ln in lines[start + 1:j])
    facts = {}
    try:
        import yaml

        data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe
        if isinstance(data, dict):
            facts = data
    except Exception:  # noqa: BLE001 - malformed front matter is still furniture
        facts = {}
    if start > 0 and not facts:
        return  # after chrome, only a real YAML mapping is front matter
    if not facts:  # malformed (a widget pasted into it): its plain key lines still state facts
        for ln in lines[start + 1:j]:
            m = _KEY_LINE.match(ln.text)
            if m and m.group("key") not in facts:
                facts[m.group("key")] = m.group("value").strip("\"'")
    title = facts.get("title")
    if isinstance(title, str) and title.strip() and not doc.title_hint:
        doc.title_hint = title.strip()
        doc.title_hint_line = next((ln.no for ln in lines[start + 1:j]
                                    if ln.text.lstrip().startswith("title:")), lines[start].no)
    for key in ("date", "author", "source"):
        value = facts.get(key)
        if value not in (None, ""):
            doc.stated_facts[key] = str(value)
    kept = _toc_inside(lines, start + 1, j)
    keep = {id(ln) for ln in kept}
    for gone in lines[start:j + 1]:
        if id(gone) not in keep:
            doc.remove(gone, "front-matter", "markup")
    doc.lines = lines[:start] + kept + lines[j + 1:]


def _toc_inside(lines, start: int, stop: int) -> list:
    """The lines of a 目录/提纲 block pasted inside the front matter (an opening 目录 line
    up to its closing ``……`` line): no YAML holds such a block, it is the page's table of
    contents, left for the toc-block step — dropped with the front matter, the headings
    only the 目录 still has (a paywalled text's missing part) would be lost."""
    for k in range(start, stop):
        if START.match(lines[k].view.strip()):
            close = next((m for m in range(k + 1, stop) if END.match(lines[m].view.strip())), None)
            return lines[k:close + 1] if close is not None else []
    return []
