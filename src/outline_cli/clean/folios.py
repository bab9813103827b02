"""Printed page numbers: the folio lines a PDF or a Word print layout leaves in copied text.

页码：从 PDF 或 Word 打印版复制的文字里夹着的页码行（公文的“— 3 —”、-3-、第3页 共8页）。

A folio stands where a page ended, often between the two halves of a paragraph the page
break split.  It is dropped before any joining, and the line above it is made to reach
the line below (``end``), so the wrap steps rejoin the halves by their own evidence as if
the page had not broken — instead of gluing ``— 3 —`` into the sentence.
"""
from __future__ import annotations

import re

#: The folio forms: GB/T 9704 公文 page numbers (— 3 —, with 一字线), the ASCII and
#: full-width dash forms (-3-, －3－; full width is folded in the view), and 第3页 (共8页).
FOLIO = re.compile(r"^\s*(?:[—–-]{1,2}\s*\d{1,3}\s*[—–-]{1,2}"
                   r"|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                   r"|共\s*\d{1,3}\s*页\s*[,，/]?\s*第\s*\d{1,3}\s*页)\s*$")
#: A folio line is short; longer lines are not tried.
FOLIO_MAX = 24


def drop_folios(doc) -> None:
    """Step ``page-folios``: drop folio lines; the line above now reaches the line below."""
    if not any(len(ln.view) <= FOLIO_MAX and FOLIO.match(ln.view) for ln in doc.lines):
        return
    out = []
    lines = doc.lines
    for k, ln in enumerate(lines):
        if len(ln.view) <= FOLIO_MAX and FOLIO.match(ln.view):
            doc.remove(ln, "page-folio", "markup")
            if out and k + 1 < len(lines):
                out[-1].end = lines[k + 1].no - 1  # over the folio and the blank lines around it
            continue
        out.append(ln)
    doc.lines = out
