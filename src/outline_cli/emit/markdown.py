"""Markdown: ``#`` title, ``##`` level 1, ``###`` level 2 … — a tree for pandoc, markmap, XMind.

Markdown 提纲：# 标题，## 一级，### 二级……；超过六级用列表。--with-text 时附正文。
"""
from __future__ import annotations

import re

from ..config import Config
from ..document import Document
from . import register
from .model import converter, labeller, section_text

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Text stays text: a heading such as <script> or [x](y) is not markup."""
    return _SPECIAL.sub(r"\\\1", text)


@register("markdown", "md")
def as_markdown(doc: Document, config: Config, file: str | None = None) -> str:
    conv = converter(doc, config)
    out = [f"# {escape(conv(doc.title or '(无标题)'))}", ""]
    texts = section_text(doc) if config.with_text else {}
    label = labeller(config)

    def walk(hs, depth):
        for n, h in enumerate(hs, 1):
            text = escape(conv(label(h, depth, n)))
            if depth <= 5:
                out.extend([f"{'#' * (depth + 1)} {text}", ""])
            else:
                out.extend([f"{'  ' * (depth - 6)}- {text}"])
            if h.extra.get("keywords"):
                out.extend([f"关键词：{escape('、'.join(conv(k) for k in h.extra['keywords']))}", ""])
                if h.extra.get("summary"):
                    out.extend([f"> {escape(conv(h.extra['summary']))}", ""])
            for para in texts.get(id(h), []):
                out.extend([escape(conv(para)), ""])
            walk(h.children, depth + 1)
    walk(doc.sections, 1)
    return "\n".join(out).rstrip("\n") + "\n"
