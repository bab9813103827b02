"""Lines repeated across a batch: one site's furniture that no rule knows (CCNet's idea).

批量重复行：同一网站的页脚、菜单在批量文件中反复出现，按行哈希计数后删除（计数见 batch.py）。
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..chars import lines_containing
from ..document import Document
from ..structure.markers import match_marker

_SHORT_CLOSING = re.compile(r"^.{1,12}[:：!！。?？]$")


def drop_batch_repeats(doc: Document, repeated: frozenset[str]) -> None:
    """Step ``batch-repeats``: drop lines whose key recurs across many files of the batch.

    Headings and short salutations or closings (同志们：, 谢谢大家！) are the text's own
    even when every speech has them."""
    if not repeated:
        return
    from ..batch import line_keys

    texts = [ln.text for ln in doc.lines]
    marks = _marks(repeated)
    # only lines holding a mark can have a repeated key: keys for those alone
    maybe = range(len(texts)) if marks is None else lines_containing(texts, marks)
    drop = set()
    for i, key in zip(maybe, line_keys([texts[i] for i in maybe])):
        ln = doc.lines[i]
        if ln.role == "body" and key in repeated and not match_marker(ln.view) \
                and not _SHORT_CLOSING.match(ln.view.strip()):
            doc.remove(ln, "batch-repeat", "duplicate")
            drop.add(i)
    if drop:
        doc.lines = [ln for i, ln in enumerate(doc.lines) if i not in drop]


@lru_cache(maxsize=4)
def _marks(repeated: frozenset[str]) -> list[str] | None:
    """One character of each repeated key: a line whose key is ``k`` holds
    every word character of ``k`` (a key is the line without spaces and punctuation,
    digits as 0, full width folded), so it holds the one picked for ``k``.  None when
    some key has no character that tells (all digits)."""
    picked = set()
    for key in repeated:
        c = next((c for c in key if "\u4e00" <= c <= "\u9fff"), None)  # Han: never folded
        if c is None:
            c = next((c for c in key if c != "0"), None)
            if c is None:
                return None
            if "!" <= c <= "~":  # a line may hold the full-width form (Ａ for A)
                picked.add(chr(ord(c) + 0xFEE0))
        picked.add(c)
    return sorted(picked)
