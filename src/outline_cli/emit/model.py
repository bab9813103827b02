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
