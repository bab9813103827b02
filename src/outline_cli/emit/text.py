"""Cleaned text: the title, then the body paragraphs, one a line — what writers pipe onward.

清理后的正文：第一行是标题，空一行，然后每段一行。
"""
from __future__ import annotations

from ..config import Config
from ..document import Document
from . import register
from .model import converter


@register("text", "txt")
def as_text(doc: Document, config: Config, file: str | None = None) -> str:
    conv = converter(doc, config)
    body = [conv(ln.text) for ln in doc.lines if ln.role == "body"]
    head = [conv(doc.title), ""] if doc.title else []
    return "\n".join(head + body) + "\n"
