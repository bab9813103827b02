"""The output data (yaml and json are the same tree), in the user's script.

输出数据：yaml 与 json 同一棵树；文本按 --script 转换。
"""
from __future__ import annotations

from typing import Any

from ..config import Config
from ..document import Document, Heading
from ..normalize.script import output_converter

META_ORDER = ("source", "date", "author", "editor", "speaker", "occasion", "document_number",
              "script", "encoding", "truncated")


def converter(doc: Document, config: Config):
    return output_converter(doc.meta.get("script", "simplified"), config.script)


def section(h: Heading, conv) -> dict[str, Any]:
    return {
        "heading": conv(h.text),
        "marker": conv(h.marker),
        "level": h.level,
        "line": h.line,
        "source": h.source,
        "children": [section(c, conv) for c in h.children],
    }


def public_meta(doc: Document, conv) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key in META_ORDER:
        value = doc.meta.get(key)
        if value in (None, "", {}):
            continue
        if isinstance(value, str) and key not in ("script", "encoding"):
            value = conv(value)
        meta[key] = value
    return meta


def to_data(doc: Document, config: Config, file: str | None = None) -> dict[str, Any]:
    conv = converter(doc, config)
    data: dict[str, Any] = {}
    if file is not None:
        data["file"] = file
    data["title"] = conv(doc.title)
    data["meta"] = public_meta(doc, conv)
    data["sections"] = [section(h, conv) for h in doc.sections]
    data["warnings"] = [{**w.as_dict(), "text": conv(w.text)} for w in doc.warnings]
    if config.explain:
        data["removed"] = [{**r.as_dict(), "text": conv(r.text)}
                           for r in sorted(doc.removed, key=lambda r: r.line)]
    return data


def section_text(doc: Document) -> dict[int, list[str]]:
    """Body paragraphs under each heading (up to the next heading), keyed by id(heading)."""
    flat: list[Heading] = []

    def walk(hs):
        for h in hs:
            flat.append(h)
            walk(h.children)
    walk(doc.sections)
    anchored = sorted((h for h in flat if h.index >= 0), key=lambda h: (h.index, h.line))
    out: dict[int, list[str]] = {}
    for k, h in enumerate(anchored):
        if k + 1 < len(anchored) and anchored[k + 1].index == h.index:
            continue  # the next heading is inline in the same paragraph: it takes the text
        stop = anchored[k + 1].index if k + 1 < len(anchored) else len(doc.lines)
        start = h.index if h.inline else h.index + 1
        out[id(h)] = [ln.text for ln in doc.lines[start:stop] if ln.role == "body"]
    return out
