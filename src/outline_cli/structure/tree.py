"""The heading tree: reconcile with the 目录/提纲, then nest by the document's own scheme.

标题树：先与目录/提纲对齐（正文与目录都有 → both；只在目录里 → toc），
再按文档自己的序号体系分层：一、→（一）→ 1. →（1）→ ①；一是/第一/首先 挂在所在标题之下。
"""
from __future__ import annotations

import re

from ..document import Document, Heading
from ..markers import FAMILIES

_DROP = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]")


def _key(doc: Document, text: str) -> str:
    view = doc.view(text)
    return _DROP.sub("", view)


def _same(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short):
        return True
    import difflib  # lazy: only documents with a contents list compare entries

    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.8


def merge_toc(doc: Document) -> None:
    """Step ``toc-merge``: each heading once, in order; toc-only ones restored.

    Body headings and mid-paragraph enumerations that the 目录 confirms are kept
    (``source: both``, body text and line); entries only the 目录 has are restored
    (``source: toc``); body headings the 目录 lacks stay (``source: body``)."""
    weak = doc.weak_headings
    if not doc.toc:
        return
    toc_keys = [_key(doc, t.marker + t.text) for t in doc.toc]
    toc_plain = [_key(doc, t.text) for t in doc.toc]
    body = sorted(doc.headings + weak, key=lambda h: (h.index, h.line, not h.inline))
    matched: dict[int, Heading] = {}
    unmatched_body: list[tuple[int, Heading]] = []  # (toc position it follows, heading)
    cursor = 0
    for h in body:
        key = _key(doc, h.text)
        hit = None
        for j in range(cursor, len(doc.toc)):
            if j not in matched and doc.toc[j].family == h.family and _same(key, toc_plain[j]):
                hit = j
                break
        if hit is not None:
            # the shorter body form wins (三是因地制宜美环境 over the TOC's long line)
            h.source = "both"
            matched[hit] = h
            cursor = hit + 1
        elif h in doc.headings:
            unmatched_body.append((cursor, h))
    _anchor_lost_copies(doc, matched)
    merged: list[Heading] = []
    extra = {}
    for pos, h in unmatched_body:
        extra.setdefault(pos, []).append(h)
    for j, entry in enumerate(doc.toc):
        merged.extend(extra.pop(j, []))
        merged.append(matched.get(j, entry))
    for pos in sorted(extra):
        merged.extend(extra[pos])
    del toc_keys
    doc.headings = merged
    if len(matched) < len(doc.toc):
        doc.meta.setdefault("truncated", {}).setdefault("toc_only_headings", len(doc.toc) - len(matched))


#: Lines a heading's body copy may be broken into (a wrapped or re-flowed heading).
MAX_COPY_PARTS = 2


def _anchor_lost_copies(doc: Document, matched: dict[int, Heading]) -> None:
    """A 目录 entry no body heading matched, whose copy stands in the body as a line of
    its own — without its number (一、总体要求 → 总体要求), or broken over two short lines —
    is anchored to that line: it becomes a body heading there, not a toc-only extra.

    The copy is looked for only between the body headings of the entries before and after
    it, so an entry never jumps over the document's order."""
    from ..markers import match_marker

    for j, h in matched.items():
        if h.index >= 0 and not h.inline:
            _complete_broken(doc, h, _key(doc, doc.toc[j].text), matched)
    anchors = sorted((j, h.index) for j, h in matched.items() if h.index >= 0)
    for j, entry in enumerate(doc.toc):
        if j in matched:
            continue
        lo = max((idx for k, idx in anchors if k < j), default=-1) + 1
        hi = min((idx for k, idx in anchors if k > j), default=len(doc.lines))
        want = _key(doc, entry.text)
        if len(want) < 4:
            continue  # too short to tell a copy from a mention
        found = _copy_in(doc, want, lo, hi, match_marker)
        if found is None:
            continue
        k, parts = found
        line = doc.lines[k]
        if parts > 1:
            _join_lines(doc, k, parts, matched)
            anchors = [(a, idx - (parts - 1) if idx > k else idx) for a, idx in anchors]
        marker = match_marker(line.view)
        text = line.text[marker.end:] if marker else line.text
        head = Heading(text=text.strip().rstrip("。;；，,、：: "), marker=entry.marker, family=entry.family,
                       number=entry.number, line=line.no, source="both", index=k)
        line.role = "body"
        matched[j] = head
        anchors = sorted(anchors + [(j, k)])


def _join_lines(doc: Document, k: int, parts: int, matched: dict[int, Heading]) -> None:
    """Join lines k+1 … k+parts-1 onto line k; headings after them move up."""
    line = doc.lines[k]
    for extra_line in doc.lines[k + 1:k + parts]:
        line.end, line.source_tail = extra_line.end, extra_line.source_tail
        doc.set_text(line, line.text + extra_line.text)
    del doc.lines[k + 1:k + parts]
    for h in {id(h): h for h in doc.headings + list(matched.values())}.values():
        if h.index > k:
            h.index -= parts - 1


def _complete_broken(doc: Document, h: Heading, want: str, matched: dict[int, Heading]) -> None:
    """A body heading the 目录 matched by its start (二、坚持以人民为中心) whose line goes on
    in the next source line (的发展思想): the heading was broken there; join it."""
    have = _key(doc, h.text)
    k = h.index
    if not (have and want.startswith(have) and len(want) > len(have)) or k + 1 >= len(doc.lines):
        return
    nxt = doc.lines[k + 1]
    if nxt.role != "body" or nxt.no != doc.lines[k].end + 1 or have + _key(doc, nxt.view) != want:
        return
    _join_lines(doc, k, 2, matched)
    h.text = h.text + nxt.text.strip().rstrip("。;；，,、：: ")


def _copy_in(doc: Document, want: str, lo: int, hi: int, match_marker) -> tuple[int, int] | None:
    """(index, number of lines) of a body line — or two adjacent short lines — that spell
    ``want`` (markers and punctuation aside)."""
    lines = doc.lines

    def key(i: int) -> str:
        m = match_marker(lines[i].view)
        return _key(doc, lines[i].view[m.end:] if m else lines[i].view)

    for i in range(lo, min(hi, len(lines))):
        if lines[i].role != "body":
            continue
        acc = key(i)
        if not acc or not want.startswith(acc[:4]):
            continue
        for parts in range(1, MAX_COPY_PARTS + 1):
            if acc == want:
                return i, parts
            if i + parts >= min(hi, len(lines)) or lines[i + parts].role != "body" or len(acc) >= len(want):
                break
            if lines[i + parts].no != lines[i + parts - 1].end + 1:
                break  # not on the next source line: two paragraphs, not one broken line
            acc += key(i + parts)
    return None


def family_ranks(headings: list[Heading]) -> dict[str, float]:
    """The document's own nesting of ranked families (RAGFlow-style vote).

    GB/T 9704 gives the default order (一、 → （一） → 1. → （1） → ①).  A family that
    again and again starts a list (number 1) right under another is below it: when the
    document votes that way against the default — （1） under 1. is the default, 1.
    under （1） is a house style — the document wins."""
    ranks = {name: fam.rank for name, fam in FAMILIES.items() if fam.rank is not None}
    votes: dict[tuple[str, str], int] = {}
    for a, b in zip(headings, headings[1:]):
        if b.number == 1 and a.family != b.family and ranks.get(a.family) is not None \
                and ranks.get(b.family) is not None:
            votes[(a.family, b.family)] = votes.get((a.family, b.family), 0) + 1
    for (upper, lower), n in votes.items():
        if n >= 2 and not votes.get((lower, upper)) and ranks[lower] < ranks[upper]:
            ranks[lower] = ranks[upper] + 0.5
    return ranks


def build(doc: Document) -> None:
    """Step ``tree``: nest the flat headings; levels are depths in the tree (1 = top)."""
    ranks = family_ranks(doc.headings)

    def _rank(h: Heading):
        if h.hint_level:
            return -20 + h.hint_level  # the document's own heading styles come first
        if h.family == "unnumbered":
            return -1
        return ranks.get(h.family)

    roots: list[Heading] = []
    stack: list[Heading] = []  # the open path from a root
    for k, h in enumerate(doc.headings):
        h.children = []
        rank = _rank(h)
        if rank is None:  # floating: sibling of the same family, else child of the top
            while stack and stack[-1].family != h.family and _rank(stack[-1]) is None \
                    and _is_open_sibling(stack, h):
                stack.pop()
            if stack and stack[-1].family == h.family:
                stack.pop()
            elif stack and _rank(stack[-1]) is None and _after_bridge(doc, k, stack[-1], _rank):
                stack.pop()  # 第一，第二，第三，… then 一是，二是…: a second list beside the first
        else:
            while stack and _rank(stack[-1]) is not None and _rank(stack[-1]) >= rank:
                stack.pop()
            while stack and _rank(stack[-1]) is None:
                stack.pop()
                while stack and _rank(stack[-1]) is not None and _rank(stack[-1]) >= rank:
                    stack.pop()
        parent = stack[-1] if stack else None
        (parent.children if parent else roots).append(h)
        h.level = len(stack) + 1
        stack.append(h)
    doc.sections = roots
    _check_counts(doc)


_CUE = re.compile(r"(?:从|有|以下|下面|讲|提出|抓好|做到|把握|注意|强调|概括为|分为|包括)"
                  r"(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,2})\s*(?:个方面|方面|点|项|条|大要求|个问题|件事|个字|种|大任务|个环节)")


def _check_counts(doc: Document) -> None:
    """Count cues (从五个方面, 有两项, 四大要求) are a check: warn where the number of
    headings under a cue differs from what the text announces."""
    from ..markers import cn_number

    def check(children: list[Heading], start: int, line: int) -> None:
        anchored = [c for c in children if c.index >= 0]
        if not anchored or any(c.source == "toc" for c in children):
            return
        first = anchored[0]
        cue, cue_line = None, line
        for ln in doc.lines[max(start, 0):first.index + 1]:
            if ln.role != "body":
                continue
            view = ln.view
            if ln is doc.lines[first.index]:  # only the text before the first heading
                cut = view.find(first.marker) if first.inline else 0
                view = view[:max(cut, 0)]
            found = list(_CUE.finditer(view))
            if found:
                cue, cue_line = found[-1], ln.no
        if cue is None:
            return
        said = cn_number(cue.group("n"))
        if said != len(children) and said > 1:
            doc.warn(cue_line, "count-mismatch", f"{cue.group(0)}: {len(children)} found")

    def walk(nodes: list[Heading], start: int, line: int) -> None:
        if nodes:
            check(nodes, start, line)
        for h in nodes:
            if h.children:
                walk(h.children, h.index if h.index >= 0 else -1, h.line)

    walk(doc.sections, 0, 0)


def _after_bridge(doc: Document, k: int, last: Heading, rank) -> bool:
    """A floating list (一是…) that starts after a closed floating list of another family
    (第一，…第三，…) is its sibling, not nested under its last item, when bridge text stands
    between them: more paragraphs than between two items of the first list; and that list
    does not go on after the new one (if it does — 第一，一是 二是 第二，… — the text nests)."""
    h = doc.headings[k]
    if h.number != 1 or h.index < 0 or last.index < 0:
        return False
    for later in doc.headings[k + 1:]:
        if rank(later) is not None:
            break
        if later.family == last.family and later.number == last.number + 1:
            return False
    items = [last]
    for earlier in reversed(doc.headings[:k]):
        if rank(earlier) is not None:
            break
        if earlier.family == last.family and earlier is not last and earlier.index >= 0:
            items.append(earlier)
    if len(items) < 2:
        return False
    gaps = [_paragraphs(doc, a.index, b.index) for b, a in zip(items, items[1:])]
    return _paragraphs(doc, last.index, h.index) > max(gaps)


def _paragraphs(doc: Document, start: int, end: int) -> int:
    """Body paragraphs from line ``start`` up to (not with) line ``end``."""
    return sum(1 for ln in doc.lines[start:end] if ln.role == "body" and ln.view.strip())


def _is_open_sibling(stack: list[Heading], h: Heading) -> bool:
    """A floating heading closes a deeper floating list it does not belong to,
    when its own family is open further up the path."""
    return any(s.family == h.family for s in stack)
