"""目录/提纲 blocks: a table of contents that paywalled 文秘 sites put above the text.

目录/提纲：付费文秘网站在正文前列出全文提纲，而正文在后面被截断。
这一块不属于正文：从文本中移出，条目留给标题树（source: toc）。

The block starts with a 目录/提纲/目次 line and runs to a closing ``……`` line,
or, without one, for as long as its lines start with heading markers.  A closed
block may hold unnumbered entries (section titles between numbered ones): every
line up to the ``……`` is an entry when each is shaped like one (short, no sentence
inside it) — the first of them is an entry like the others, not the title.

Long entries may be hard-wrapped like the text (issue 18): a line without a marker
that follows a line as long as the block's wrap width goes on that entry.  The width
is the block's own longest line, believed only when at least two lines at that
width are followed by such a line (one long entry over a section title is no wrap).
"""
from __future__ import annotations

import re

from ..chars import SENTENCE_END
from ..document import Document, Heading, Line
from ..markers import clean_heading, heading_from_line, starts_with_marker
from ..normalize import wraps

START = re.compile(r"^(?:目录|提纲|目次|目录\s*/\s*提纲|提纲\s*/\s*目录|内容提要|本文提纲)\s*[:]?\s*(?:……|…|\.{3,})?\s*$")
END = re.compile(r"^\s*[….]{2,}\s*$")  # one class: alternatives that overlap backtrack
#: An unnumbered entry is at most as long as a stand-alone sub-head
#: (structure/headings.MAX_UNNUMBERED, 36 characters; clean/ does not import structure/).
MAX_UNNUMBERED_ENTRY = 36
#: A table of contents longer than this is not one.
MAX_ENTRIES = 80
#: Lines at the block's width, each followed by a line without a marker, needed to read
#: the block as wrapped: one long entry above an unnumbered section title is not a wrap.
MIN_WRAPPED_ENTRIES = 2


def find_toc(doc: Document, articles: bool = False) -> None:
    """Step ``toc-block``: move a 目录/提纲 block out of the text into ``doc.toc``."""
    lines = doc.lines
    for i, ln in enumerate(lines[:200]):
        if not START.match(ln.view.strip()):
            continue
        closing = _closing_line(lines, i)
        if closing is not None:
            entries = [_entry(_joined(doc, group), articles) for group in _entry_lines(doc, i, closing)]
            if len(entries) >= 2 and all(entries):
                _move_out(doc, i, closing + 1, entries)
                return
        entries = []
        j = i + 1
        closed = False
        while j < len(lines) and j - i <= MAX_ENTRIES:
            view = lines[j].view.strip()
            if END.match(view):
                closed = True
                break
            head = heading_from_line(lines[j], articles=articles, whole=True)
            if head is None:
                break
            head.source, head.index = "toc", -1
            entries.append(head)
            j += 1
        if len(entries) < 2:
            continue
        _move_out(doc, i, j + 1 if closed else j, entries)
        return


def _closing_line(lines: list[Line], start: int) -> int | None:
    """Index of the ``……`` line that closes the block opened at ``start``, if any."""
    for j in range(start + 1, min(len(lines), start + MAX_ENTRIES + 2)):
        if END.match(lines[j].view.strip()):
            return j
    return None


def _entry_lines(doc: Document, start: int, closing: int) -> list[list[Line]]:
    """The lines of the block between ``start`` and ``closing``, grouped by entry: a line
    without a marker goes on the entry above it when that entry's last source line is
    at the block's wrap width."""
    width = _block_width(doc, doc.lines[start].end, doc.lines[closing].no)
    groups: list[list[Line]] = []
    for ln in doc.lines[start + 1:closing]:
        prev = groups[-1][-1] if groups else None
        if width is not None and prev is not None and wraps.goes_on(prev, ln, width, starts_with_marker):
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def _block_width(doc: Document, after: int, before: int) -> tuple[str, int] | None:
    """The width the block's source lines (between source lines ``after`` and ``before``)
    were wrapped at: their longest line, when it is long enough to be a wrap and at least
    MIN_WRAPPED_ENTRIES lines of (about) that length are followed by a line without a
    marker; else None.  Measured on the source lines: the fixed-width step may have joined
    some of them already, and left a marker line at the width alone (wraps.heading_at_width)."""
    raw = [t.rstrip() for t in doc.source[after:before - 1]]
    if len(raw) < 2:
        return None
    goes_on = [bool(t.strip()) and not wraps.starts_heading_through_glosses(doc.view(t.strip()),
                                                                           starts_with_marker)
               for t in raw]
    for unit, measure in (("chars", lambda ts: list(map(len, ts))), ("columns", wraps.display_widths)):
        sizes = measure(raw)
        width = max(sizes)
        at_width = sum(1 for k in range(len(raw) - 1) if goes_on[k + 1] and sizes[k] >= width - 1)
        if width >= wraps.MIN_WRAPPED and at_width >= MIN_WRAPPED_ENTRIES:
            return unit, width
    return None


def _joined(doc: Document, group: list[Line]) -> Line:
    """One line holding an entry's text from its wrapped lines."""
    if len(group) == 1:
        return group[0]
    text = "".join(ln.text for ln in group)
    line = Line(group[0].no, text, group[-1].end)
    line.view = doc.view(text)
    return line


def _entry(line: Line, articles: bool) -> Heading | None:
    """A numbered entry, or an unnumbered one shaped like a section title: at most
    MAX_UNNUMBERED_ENTRY characters and no sentence end inside it."""
    head = heading_from_line(line, articles=articles, whole=True)
    if head is None:
        view = line.view.strip()
        inner = SENTENCE_END.search(view.rstrip("。!?;"))
        if not (2 <= len(view) <= MAX_UNNUMBERED_ENTRY) or inner is not None or line.han < 2:
            return None
        head = Heading(text=clean_heading(line.text), marker="", family="unnumbered", number=0,
                       line=line.no)
    head.source, head.index = "toc", -1
    return head


def _move_out(doc: Document, start: int, stop: int, entries: list[Heading]) -> None:
    for gone in doc.lines[start:stop]:
        gone.role = "toc"
        doc.remove(gone, "toc-block", "toc")
    doc.toc = entries
    doc.lines = doc.lines[:start] + doc.lines[stop:]
