"""公文-style outline text: the tree renumbered 一、/（一）/1./（1）/① whatever the source used.

公文提纲：按 GB/T 9704 层次重新编号（一、→（一）→1.→（1）→①），每级缩进两个全角空格，
可直接粘贴到 WPS / Word。
"""
from __future__ import annotations

from ..config import Config
from ..document import Document
from ..markers import CIRCLED as _CIRCLED
from ..markers import chinese_numeral
from . import register
from .model import converter

INDENT = "\u3000\u3000"


def marker_for(level: int, n: int) -> str:
    """The GB/T 9704 marker of the n-th heading at a level (1 = top)."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return _CIRCLED[n - 1] if n <= len(_CIRCLED) else f"{n})"


LABELS = {"simplified": ("关键词", "要点"), "traditional": ("關鍵詞", "要點")}


@register("outline", "outline.txt")
def as_outline(doc: Document, config: Config, file: str | None = None) -> str:
    conv = converter(doc, config)
    script = doc.meta.get("script", "simplified") if config.script == "keep" else config.script
    kw_label, summary_label = LABELS["simplified" if script == "simplified" else "traditional"]
    out = [conv(doc.title)] if doc.title else []
    facts = [conv(str(doc.meta[k])) for k in ("speaker", "occasion", "date") if doc.meta.get(k)]
    if facts:
        out.append("（" + " · ".join(facts) + "）")
    if out:
        out.append("")

    def walk(nodes, level):
        for n, h in enumerate(nodes, 1):
            out.append(f"{INDENT * (level - 1)}{marker_for(level, n)}{conv(h.text)}")
            extra = h.extra
            if extra.get("keywords"):
                out.append(f"{INDENT * level}{kw_label}：{'、'.join(conv(k) for k in extra['keywords'])}")
            if extra.get("summary"):
                out.append(f"{INDENT * level}{summary_label}：{conv(extra['summary'])}")
            walk(h.children, level + 1)
    walk(doc.sections, 1)
    return "\n".join(out) + "\n"
