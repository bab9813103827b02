"""Cleaned text: the title, then the body paragraphs, one a line — what writers pipe onward.

A heading only the 目录 still has (the body lost it: a paywall cut it off) is kept as a
line of its own, marker and heading as the 目录 writes them, at its place in document
order — the only trace of that part of the text.

清理后的正文：第一行是标题，空一行，然后每段一行；只在目录里留下的标题（正文被截断）
按原顺序各占一行。
"""
from __future__ import annotations

from ..config import Config
from ..document import Document, Heading, iter_headings
from . import register
from .model import converter, label


def toc_only_places(doc: Document) -> dict[int, list[Heading]]:
    """Toc-only headings keyed by the index of the line they go before.

    A toc-only heading follows the body heading before it in tree order (merge_toc put
    it there): it goes after that heading's section, i.e. before the next body heading's
    line; after the last body heading it goes at the end of the body (len(doc.lines))."""
    places: dict[int, list[Heading]] = {}
    pending: list[Heading] = []
    for h in iter_headings(doc.sections):
        if h.index < 0:
            pending.append(h)
        elif pending:
            places.setdefault(h.index, []).extend(pending)
            pending = []
    if pending:
        places.setdefault(len(doc.lines), []).extend(pending)
    return places


@register("text", "txt")
def as_text(doc: Document, config: Config, file: str | None = None) -> str:
    conv = converter(doc, config)
    places = toc_only_places(doc)
    body: list[str] = []
    for i, ln in enumerate(doc.lines):
        body.extend(conv(label(h)) for h in places.get(i, ()))
        if ln.role == "body":
            body.append(conv(ln.text))
    body.extend(conv(label(h)) for h in places.get(len(doc.lines), ()))
    head = [conv(doc.title), ""] if doc.title else []
    return "\n".join(head + body) + "\n"
