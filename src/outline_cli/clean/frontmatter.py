"""YAML front matter (``---`` … ``---`` at the top of a Markdown copy): furniture, with facts.

Markdown 头部的 YAML 元数据块：从正文删除，其中的 title/date/author 记入 meta。
"""
from __future__ import annotations

import re

from ..document import Document

_FENCE = re.compile(r"^-{3,}\s*$")
MAX_LINES = 60


def strip_front_matter(doc: Document) -> None:
    """Step ``front-matter``."""
    lines = doc.lines
    if not lines or lines[0].no > 3 or not _FENCE.match(lines[0].text):
        return
    for j in range(1, min(len(lines), MAX_LINES)):
        if _FENCE.match(lines[j].text):
            break
    else:
        return
    block = "\n".join(ln.text for ln in lines[1:j])
    facts = {}
    try:
        import yaml

        data = yaml.load(block, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # safe
        if isinstance(data, dict):
            facts = data
    except Exception:  # noqa: BLE001 - malformed front matter is still furniture
        facts = {}
    title = facts.get("title")
    if isinstance(title, str) and title.strip() and not doc.title_hint:
        doc.title_hint = title.strip()
        doc.title_hint_line = next((ln.no for ln in lines[1:j]
                                    if ln.text.lstrip().startswith("title:")), lines[0].no)
    for key in ("date", "author", "source"):
        value = facts.get(key)
        if value not in (None, ""):
            doc.stated_facts[key] = str(value)
    for gone in lines[:j + 1]:
        doc.remove(gone, "front-matter", "markup")
    doc.lines = lines[j + 1:]
