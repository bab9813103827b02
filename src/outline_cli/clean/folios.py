"""Printed page numbers: the folio lines a PDF or a Word print layout leaves in copied text.

页码：从 PDF 或 Word 打印版复制的文字里夹着的页码行（公文的“— 3 —”、-3-、第3页 共8页）。

A folio stands where a page ended, often between the two halves of a paragraph the page
break split.  It is dropped before any joining, and the line above it is made to reach
the line below (``end``), so the wrap steps rejoin the halves by their own evidence as if
the page had not broken — instead of gluing ``— 3 —`` into the sentence.
"""
from __future__ import annotations

from ..patterns import LazyPattern

#: 第3页 / 第3页 共8页 / 共8页 第3页: the Chinese page-of forms (also read by the PDF
#: reader, at a page's edge, beside forms only safe there: a bare 3, 3/12, Page 3 of 12).
PAGE_OF = (r"第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
           r"|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页")
#: The folio forms: GB/T 9704 公文 page numbers (— 3 —, with 一字线), the ASCII and
#: full-width dash forms (-3-, －3－; full width is folded in the view), and PAGE_OF.
#: Compiled on first use: most documents have no line that could be one (see _is_folio).
FOLIO = LazyPattern(rf"^\s*(?:[—–-]{{1,2}}\s*\d{{1,4}}\s*[—–-]{{1,2}}|{PAGE_OF})\s*$")
#: A folio line is short; longer lines are not tried.
FOLIO_MAX = 24


def _is_folio(view: str) -> bool:
    return len(view) <= FOLIO_MAX and ("页" in view or "-" in view or "—" in view or "–" in view) \
        and FOLIO.match(view) is not None


def drop_folios(doc) -> None:
    """Step ``page-folios``: drop folio lines; the line above now reaches the line below."""
    out = []
    lines = doc.lines
    for k, ln in enumerate(lines):
        if _is_folio(ln.view):
            doc.remove(ln, "page-folio", "markup")
            if out and k + 1 < len(lines):
                out[-1].end = lines[k + 1].no - 1  # over the folio and the blank lines around it
            continue
        out.append(ln)
    if len(out) < len(lines):
        doc.lines = out
