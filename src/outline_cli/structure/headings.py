"""Heading candidates: numbered lines, inline headings, speech enumerations, unnumbered sub-heads.

标题识别：行首序号标题、段首“行内标题”（一是……。正文……）、讲话稿的一是/二是、
新闻稿里没有序号的小标题。

Evidence, not phrase lists:

* a marker at the start of a paragraph (after Markdown ``#``/``**``) opens a
  heading; the heading runs to the first sentence end when the paragraph goes on;
* speech enumerations (一是, 第一，, 首先 …) are headings only as a run of two or
  more siblings numbered from one; in the middle of a paragraph they are list
  items unless a 目录/提纲 confirms them (see ``tree.merge_toc``);
* a short stand-alone line with no sentence end, between body paragraphs, is an
  unnumbered sub-head — only in documents without a numbered scheme of their own,
  and never in a run of such lines (that is navigation, not structure).
"""
from __future__ import annotations

import re
from bisect import bisect_right


from ..chars import CLOSING_QUOTES, SENTENCE_END, SENTENCE_ENDS, ends_sentence, line_starts
from ..classify import is_text
from ..document import Document, Heading, Line
from ..markers import FAMILIES, clean_heading, floating_starts, heading_at, heading_from_line, match_marker

_BRACKETED = re.compile(r"^【[^】]{2,20}】$")
#: Unnumbered sub-heads are at most this many characters.
MAX_UNNUMBERED = 36


def mid_paragraph(line: Line, starts: list[int] | None = None) -> list[Heading]:
    """Speech enumerations after a sentence end inside a paragraph (……。一是……。二是……);
    ``starts``: where one may begin, when already found."""
    found = []
    if starts is None:
        starts = [m.end() for m in floating_starts().finditer(line.view)]
    for pos in starts:
        if pos >= len(line.view) or pos == 0:
            continue
        marker = match_marker(line.view, pos)
        if marker is None or not marker.floating:
            continue
        head = heading_at(line, pos, marker)
        head.inline = True
        if head.text:
            found.append(head)
    return found


def _floating_starts(views: list[str]) -> dict[int, list[int]]:
    """Line → offsets where an enumeration may begin, in one pass over the joined views."""
    starts = line_starts(views)
    found: dict[int, list[int]] = {}
    for m in floating_starts().finditer("\n".join(views)):
        k = bisect_right(starts, m.end()) - 1
        if m.start() < starts[k]:
            continue  # a sentence end at the end of the line before: not inside this one
        found.setdefault(k, []).append(m.end() - starts[k])
    return found


def _unnumbered_shape(line: Line) -> bool:
    v = line.view.strip()
    if not (4 <= len(v) <= MAX_UNNUMBERED) or v[-1] in SENTENCE_ENDS + ":,、…—-":
        return False
    if v[-1] in CLOSING_QUOTES and len(v) > 1 and v[-2] in SENTENCE_ENDS + "…":
        return False  # a quoted exclamation (嗯，“……太狡猾！”) is a sentence
    if v.startswith(("——", "--", "(", "（", "http")) or v.endswith((")", "）")):
        return False
    han = line.han
    return han >= 3 and han >= 0.6 * len(v.replace(" ", ""))


def _hinted_shape(view: str) -> bool:
    v = view.strip()
    return 1 <= len(v) <= 80 and not v.endswith(("。", ";", "，", ","))


def unnumbered(doc: Document, lines: list[Line]) -> list[tuple[int, Heading]]:
    """Stand-alone short lines between paragraphs (news sub-heads): (position in
    ``lines``, heading)."""
    found = []
    shapes = [_unnumbered_shape(ln) and match_marker(ln.view) is None and ln.hint != "heading"
              for ln in lines]
    for i, ln in enumerate(lines):
        if not shapes[i]:
            continue
        prev_ok = i > 0 and (is_text(lines[i - 1]) or ends_sentence(lines[i - 1].view))
        # text follows: a paragraph, or (a poem, an attribution line first) sentence lines
        nxt = lines[i + 1:i + 4]
        next_ok = bool(nxt) and not shapes[i + 1] and (
            any(is_text(n) for n in nxt)
            or sum(1 for n in nxt if ends_sentence(n.view)) >= 2)
        in_run = (i > 0 and shapes[i - 1]) or (i + 1 < len(lines) and shapes[i + 1])
        if (ln.hint == "bold" or _BRACKETED.match(ln.view.strip())) and next_ok and not in_run:
            prev_ok = True  # a bold-only paragraph, or 【聚焦主业】, over text: marked as a sub-head
        if ln.hint == "furniture":
            continue
        if prev_ok and next_ok and not in_run:
            text = clean_heading(ln.text)
            found.append((i, Heading(text=text, marker="", family="unnumbered", number=0, line=ln.no)))
    return found


def detect(doc: Document, articles: bool = False) -> None:
    """Step ``headings``: find heading candidates in the body, in document order."""
    body = [(i, ln) for i, ln in enumerate(doc.lines) if ln.role == "body"]
    heads: list[Heading] = []
    weak: list[Heading] = []
    enumerations = _floating_starts([ln.view for _, ln in body])
    for k, (i, ln) in enumerate(body):
        head = heading_from_line(ln, articles)
        if head is None and ln.hint == "heading" and _hinted_shape(ln.view):
            head = Heading(text=clean_heading(ln.text), marker="", family="unnumbered", number=0,
                           line=ln.no)  # <h2>…</h2>, a "Heading 2" paragraph
        if head is not None:
            head.index = i
            if ln.hint == "heading":
                head.hint_level = ln.hint_level
            heads.append(head)
        for extra in mid_paragraph(ln, enumerations.get(k, ())):
            extra.index = i
            weak.append(extra)
    heads = _confirm_floating(heads)
    heads = _confirm_lists(heads)
    _join_broken(doc, heads)
    has_scheme = any(h.family in FAMILIES and FAMILIES[h.family].rank is not None
                     and FAMILIES[h.family].rank <= 3 for h in heads)
    if not has_scheme and not doc.toc:
        lines = [ln for _, ln in body]
        for pos, h in unnumbered(doc, lines):
            h.index = body[pos][0]
            heads.append(h)
        heads.sort(key=lambda h: (h.index, h.inline))
    doc.headings = heads
    doc.weak_headings = weak


#: Low-ranked numbered families (1. （1） ①) are also used for plain lists and notes.
LIST_FAMILIES = ("arabic", "paren-arabic", "circled")


def _confirm_lists(heads: list[Heading]) -> list[Heading]:
    """A low-ranked numbered heading needs a sibling: a lone "1." under a heading is a
    note or a list item (注：1.……), not a level of the outline."""
    keep = [True] * len(heads)
    groups: dict[tuple[int, str], list[int]] = {}
    parent = -1
    for k, h in enumerate(heads):
        rank = _rank(h)
        if h.family in LIST_FAMILIES:
            groups.setdefault((parent, h.family), []).append(k)
        elif rank is not None:
            parent = k
    for idx in groups.values():
        if len(idx) < 2:
            for k in idx:
                keep[k] = False
    return [h for k, h in enumerate(heads) if keep[k]]


def _join_broken(doc: Document, heads: list[Heading]) -> None:
    """A heading broken over two lines: （二）坚持不懈用 / 新时代……思想凝心铸魂。……

    When most headings of a family are inline sentences (（一）……。text) and one is a
    stub of a few characters with no sentence end, its sentence goes on in the next
    paragraph: join the heading up to that sentence's end."""
    by_family: dict[str, list[Heading]] = {}
    for h in heads:
        by_family.setdefault(h.family, []).append(h)
    for family, group in by_family.items():
        inline = sum(1 for h in group if h.inline)
        if len(group) < 3 or inline < 0.75 * len(group):
            continue
        for h in group:
            if h.inline or len(h.text) >= 8 or doc.lines[h.index].view.rstrip()[-1:] in SENTENCE_ENDS + ":":
                continue
            nxt = doc.lines[h.index + 1] if h.index + 1 < len(doc.lines) else None
            if nxt is None or nxt.role != "body" or match_marker(nxt.view):
                continue
            t = SENTENCE_END.search(nxt.view)
            if t is None or t.start() > 40:
                continue
            h.text = clean_heading(h.text + nxt.text[:t.end()])
            h.inline = True


def _rank(h: Heading):
    """A family's rank; unnumbered (page-marked) headings rank above every family."""
    return -1 if h.family == "unnumbered" else FAMILIES[h.family].rank


def _confirm_floating(heads: list[Heading]) -> list[Heading]:
    """Keep speech enumerations only as runs of siblings numbered from one.

    A run is broken by any ranked heading (一、, （一） …): 一是 under 一、 and 一是
    under 二、 are different lists."""
    keep = [True] * len(heads)
    run: dict[str, list[int]] = {}

    def close() -> None:
        for fam, idx in run.items():
            numbers = [heads[k].number for k in idx]
            ok = len(idx) >= 2 and numbers[0] == 1 and (numbers[1] in (2, 0))
            if fam == "sequence":
                ok = len(idx) >= 2 and numbers[0] == 1
            if not ok:
                for k in idx:
                    keep[k] = False
        run.clear()

    for k, h in enumerate(heads):
        if _rank(h) is not None:
            close()
            continue
        idx = run.setdefault(h.family, [])
        if idx and h.number == 1:  # a new list restarts inside the same parent
            close()
            run[h.family] = [k]
        else:
            idx.append(k)
    close()
    return [h for k, h in enumerate(heads) if keep[k]]
