"""The output data (yaml and json are the same tree), in the user's script.

输出数据：yaml 与 json 同一棵树；文本按 --script 转换。
"""
from __future__ import annotations

from typing import Any

from ..config import Config
from ..document import Document, Heading, iter_headings
from ..normalize.script import output_converter

META_ORDER = ("source", "date", "author", "editor", "speaker", "occasion", "document_number",
              "script", "encoding", "input_format", "truncated")


def converter(doc: Document, config: Config):
    return output_converter(doc.meta.get("script", "simplified"), config.script)


def label(h: Heading) -> str:
    """Marker and heading as one line: 一、总体要求, 第一章 总则 (a word-marker keeps its space)."""
    if h.marker and h.marker[-1] in "章节编篇分条":
        return f"{h.marker} {h.text}"
    return h.marker + h.text


def labeller(config: Config):
    """label(heading, level, n) for an output: the source's marker, or with ``--renumber``
    the GB/T 9704 marker of the n-th heading at its level."""
    if not config.renumber:
        return lambda h, level, n: label(h)
    from .outline import marker_for

    return lambda h, level, n: marker_for(level, n) + h.text


def section(h: Heading, conv) -> dict[str, Any]:
    out: dict[str, Any] = {
        "heading": conv(h.text),
        "marker": conv(h.marker),
        "level": h.level,
        "line": h.line,
        "source": h.source,
    }
    if "keywords" in h.extra:
        out["keywords"] = [conv(k) for k in h.extra["keywords"]]
        out["summary"] = conv(h.extra.get("summary", ""))
    out["children"] = [section(c, conv) for c in h.children]
    return out


def public_meta(doc: Document, conv) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key in META_ORDER:
        value = doc.meta.get(key)
        if value in (None, "", {}):
            continue
        if isinstance(value, str) and key not in ("script", "encoding", "input_format"):
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


#: What may stand between an inline heading and the sentence after it (一是……。text).
_HEADING_END = "。；;：:，,！!？? \u3000"


def _after_heading(piece: str, h: Heading) -> str:
    """An inline heading's paragraph without the heading itself: the text after the marker
    and heading words and the punctuation that closes them.  When the line does not begin
    with them as they were read (a normalised form), the paragraph is kept whole: repeated
    words are better than lost ones."""
    for lead in (h.marker + h.text, h.text):
        if lead and piece.startswith(lead):
            return piece[len(lead):].lstrip(_HEADING_END)
    return piece


def section_text(doc: Document) -> dict[int, list[str]]:
    """Body text under each heading, up to the next heading, keyed by id(heading).

    An inline heading (一是……。text) owns its paragraph from its marker on, up to the
    next heading, which may stand later in the same paragraph."""
    anchored = sorted((h for h in iter_headings(doc.sections) if h.index >= 0), key=lambda h: (h.index, h.offset))
    out: dict[int, list[str]] = {}
    for k, h in enumerate(anchored):
        nxt = anchored[k + 1] if k + 1 < len(anchored) else None
        stop_index = nxt.index if nxt else len(doc.lines)
        parts: list[str] = []
        for i in range(h.index, min(stop_index + 1, len(doc.lines))):
            ln = doc.lines[i]
            if ln.role != "body":
                continue
            start = h.offset if i == h.index else 0
            end = nxt.offset if (nxt and i == nxt.index) else len(ln.text)
            if i == h.index and not h.inline:
                continue  # a heading line of its own: the text starts below it
            if nxt and i == nxt.index and not nxt.inline:
                break
            piece = ln.text[start:end].strip()
            if i == h.index:
                piece = _after_heading(piece, h)  # the heading is printed already, above
            if piece:
                parts.append(piece)
        out[id(h)] = parts
    return out
