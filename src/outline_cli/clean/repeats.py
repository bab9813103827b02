"""Lines repeated across a batch: one site's furniture that no rule knows (CCNet's idea).

批量重复行：同一网站的页脚、菜单在批量文件中反复出现，按行哈希计数后删除（计数见 batch.py）。
"""
from __future__ import annotations

import re

from ..document import Document
from ..structure.markers import match_marker

_SHORT_CLOSING = re.compile(r"^.{1,12}[:：!！。?？]$")


def drop_batch_repeats(doc: Document, repeated: frozenset[int]) -> None:
    """Step ``batch-repeats``: drop lines whose key recurs across many files of the batch.

    Headings and short salutations or closings (同志们：, 谢谢大家！) are the text's own
    even when every speech has them."""
    if not repeated:
        return
    from ..batch import line_keys

    kept = []
    for ln, key in zip(doc.lines, line_keys([ln.text for ln in doc.lines])):
        if ln.role == "body" and key in repeated and not match_marker(ln.view) \
                and not _SHORT_CLOSING.match(ln.view.strip()):
            doc.remove(ln, "batch-repeat", "duplicate")
            continue
        kept.append(ln)
    doc.lines = kept
