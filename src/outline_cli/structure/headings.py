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
from ..classify import SHORT_SENTENCE, TEXT, is_text, kind
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
        marker = match_marker(line.view, pos, runs=True)
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


#: A lead sentence (基础设施不断完善。) is as short as an unnumbered sub-head.
MAX_LEAD = MAX_UNNUMBERED
#: ... and the paragraph under it "much longer": at least this many times its length (the leads
#: of government work reports run 8–25 characters over paragraphs of 100 and more).
LEAD_BODY_RATIO = 3
#: ... and never shorter than this (two lines of a printed page): a lead over a two-sentence
#: paragraph is a short paragraph of its own.
MIN_LEAD_BODY = 60
#: Leads are sub-heads only recurring "in alternation three or more times" (issue 18, shape 2):
#: one such line alone is an ordinary short paragraph (这并非个例。).
LEAD_RUN = 3
#: Han characters in a lead, as a share of its length (as for an unnumbered sub-head).
LEAD_MIN_HAN_SHARE = 0.6
#: At most this many paragraphs between two leads of one run (a lead may head two paragraphs).
LEAD_GAP = 2


def _lead_shape(line: Line) -> bool:
    """One short sentence ending in 。 on a line of its own, no marker, no label：value."""
    v = line.view.strip().strip("*").strip()  # (**经济运行稳中向好。** in a Markdown copy)
    if not (4 <= len(v) <= MAX_LEAD) or not v.endswith("。") or kind(line) not in (TEXT, SHORT_SENTENCE):
        return False  # (a heading-like line, page furniture, a link list)
    if len(SENTENCE_END.findall(v)) != 1 or ":" in v:
        return False
    return line.han >= LEAD_MIN_HAN_SHARE * len(v)


def lead_sentences(body: list[tuple[int, Line]], heads: list[Heading]) -> list[Heading]:
    """Lead sentences as sub-heads: a short one-sentence line over a much longer paragraph,
    recurring in alternation LEAD_RUN times or more between two headings (also in documents
    with a numbered scheme: a work report's 一、 over 基础设施不断完善。+ paragraph …).  They
    float: one level below the enclosing heading."""
    at_heading = {h.index for h in heads}
    found: list[Heading] = []
    run: list[tuple[int, Line]] = []
    gap = 0

    def close() -> None:
        if len(run) >= LEAD_RUN:
            for i, ln in run:
                found.append(Heading(text=clean_heading(ln.text), marker="", family="lead",
                                     number=0, line=ln.no, index=i))
        run.clear()

    for pos, (i, ln) in enumerate(body):
        if i in at_heading:
            close()
            continue
        if not ln.view.strip():
            continue
        nxt = body[pos + 1][1] if pos + 1 < len(body) else None
        if _lead_shape(ln) and nxt is not None and body[pos + 1][0] not in at_heading \
                and is_text(nxt) \
                and len(nxt.view.strip()) >= max(LEAD_BODY_RATIO * len(ln.view.strip()), MIN_LEAD_BODY):
            if gap > LEAD_GAP:
                close()
            run.append((i, ln))
            gap = 0
        else:
            gap += 1
    close()
    return found


def detect(doc: Document, articles: bool = False) -> None:
    """Step ``headings``: find heading candidates in the body, in document order."""
    body = [(i, ln) for i, ln in enumerate(doc.lines) if ln.role == "body"]
    heads: list[Heading] = []
    weak: list[Heading] = []
    enumerations = _floating_starts([ln.view for _, ln in body])
    for k, (i, ln) in enumerate(body):
        head = heading_from_line(ln, articles, runs=True)
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
    heads = _drop_clause_lists(doc, body, heads, articles)
    heads = _confirm_verb_runs(doc, heads)
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
    heads.extend(lead_sentences(body, heads))
    heads.sort(key=lambda h: (h.index, h.inline))
    doc.headings = heads
    doc.weak_headings = weak


#: Families that number the items (项/目) of a legal article or a clause list: every ranked
#: family below 第X节 (GB/T 9704 ranks 一、 3 … ① 7); 第X编/章/节 always stay headings.
CLAUSE_FAMILIES = ("cn", "paren-cn", "arabic", "paren-arabic", "circled")
#: A clause item is one clause: its line ends in a semicolon (the last item of the list in 。).
_CLAUSE_END = ("；", ";")
_DIVISIONS = ("part", "chapter", "section")


def _line_end(doc: Document, h: Heading) -> str:
    return doc.lines[h.index].view.rstrip(" *")[-1:]


def _drop_clause_lists(doc: Document, body: list[tuple[int, Line]], heads: list[Heading],
                       articles: bool) -> list[Heading]:
    """Numbered clause items are list items, not headings (shape: legal and regulatory text).

    * inside a 第X条 article (from its line to the next 第X章/节, or to a number that does not
      go on the article's items), items numbered from one and going on one by one are the
      article's 项/目: （一）……；（二）……；（三）……。
    * anywhere, a run of same-family items numbered one by one, each but the last ending in
      ；, is a list (statute text quoted in a speech);
    * ranked numbering starts at one or goes on from the family's last number: an item that
      does neither, is not followed by its next number and is a clause (an isolated
      （十三）……；) or in a run going down （八）（五）（三） is a quotation, not structure."""
    drop: set[int] = set()
    numbered = CLAUSE_FAMILIES + _DIVISIONS + ("article",)
    at_line = {h.index: k for k, h in enumerate(heads) if h.family in numbered}
    # 1. items of 第X条 articles
    in_article = False
    last: dict[str, int] = {}
    for i, ln in body:
        if i not in at_line:
            m = match_marker(ln.view, 0, True)
            if m is not None and m.family == "article":
                in_article, last = True, {}
            continue
        h = heads[at_line[i]]
        if h.family == "article":  # (a heading itself with --articles)
            in_article, last = True, {}
        elif h.family in _DIVISIONS:
            in_article = False
        elif in_article and h.family in CLAUSE_FAMILIES:
            if h.number == 1 or h.number == last.get(h.family, -1) + 1:
                last[h.family] = h.number
                drop.add(at_line[i])
            else:
                in_article = False  # the text around the quoted article goes on
    # 2. runs of ；-ended items
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2 and all(_line_end(doc, heads[k]) in _CLAUSE_END for k in run[:-1]) \
                and _line_end(doc, heads[run[-1]]) in _CLAUSE_END + ("。", "."):
            drop.update(run)
        run.clear()

    for k, h in enumerate(heads):
        if k in drop:
            continue
        if run and (h.family != heads[run[-1]].family or h.number != heads[run[-1]].number + 1):
            close()
        if h.family in CLAUSE_FAMILIES and (run or h.number == 1):
            run.append(k)
    close()
    # 3. numbers that neither start nor go on their family's sequence
    toc_families = {t.family for t in doc.toc}
    last = {}
    falling: dict[str, int] = {}  # family → number of the last item of a run going down
    kept = [k for k in range(len(heads)) if k not in drop]
    for n, k in enumerate(kept):
        h = heads[k]
        if h.family not in CLAUSE_FAMILIES or h.family in toc_families:
            continue
        if h.number == 1 or h.number == last.get(h.family, 0) + 1:
            last[h.family] = h.number
            falling.pop(h.family, None)
            continue
        nxt = next((heads[j] for j in kept[n + 1:] if heads[j].family == h.family), None)
        if nxt is not None and nxt.number == h.number + 1:
            last[h.family] = h.number  # a number lost before it (a cut, a missed line)
            continue
        down_from = falling.get(h.family)
        if _line_end(doc, h) in _CLAUSE_END \
                or (nxt is not None and 1 < nxt.number < h.number) \
                or (down_from is not None and down_from > h.number):
            drop.add(k)  # a clause quoted alone, or a run going down
            falling[h.family] = h.number
        else:
            last[h.family] = h.number  # a lone 二、 (an excerpt) keeps its heading
    return [h for k, h in enumerate(heads) if k not in drop]


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


#: Leads of an unnumbered list item (——坚持…。 under （三）基本原则, • bullets): a line that
#: starts with one begins a paragraph of its own, it never goes on the line above.
_ITEM_LEADS = ("—", "--", "－－", "•", "·", "●", "■", "◆", "▪")


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
            if nxt is None or nxt.role != "body" or match_marker(nxt.view) \
                    or nxt.view.lstrip().startswith(_ITEM_LEADS):
                continue  # the next line starts an item of its own: the stub stands alone
            t = SENTENCE_END.search(nxt.view)
            if t is None or t.start() > 40:
                continue
            h.text = clean_heading(h.text + nxt.text[:t.end()])
            h.inline = True


def _rank(h: Heading):
    """A family's rank; unnumbered (page-marked) headings rank above every family."""
    return -1 if h.family == "unnumbered" else FAMILIES[h.family].rank


_CLAUSE_MARK = re.compile(r"[，,;:。!?]")


def _clause_follows(doc: Document, h: Heading) -> bool:
    """The item goes on with a clause: on its own line (一抓班子建设，配强……), or in a
    paragraph of text right under it."""
    if h.inline or _CLAUSE_MARK.search(doc.lines[h.index].view, h.offset + len(h.marker)):
        return True
    nxt = next((ln for ln in doc.lines[h.index + 1:] if ln.view.strip()), None)
    return nxt is not None and nxt.role == "body" and is_text(nxt)


def _confirm_verb_runs(doc: Document, heads: list[Heading]) -> list[Heading]:
    """Keep numeral + verb items (一抓…二抓…三抓…) only as runs of at least ``Family.run``
    items numbered one by one from one with one verb; a ranked heading ends every run.
    The rest (一些…, 三年来…) are ordinary sentences and leave no trace."""
    need = FAMILIES["verb"].run
    keep: set[int] = set()
    runs: dict[str, list[int]] = {}  # verb → the open run

    def close(verb: str) -> None:
        idx = runs.pop(verb, [])
        if len(idx) >= need:
            keep.update(idx)

    for k, h in enumerate(heads):
        if h.family != "verb":
            if _rank(h) is not None:
                for verb in list(runs):
                    close(verb)
            continue
        view = doc.lines[h.index].view
        verb = view[h.offset + len(h.marker)]
        idx = runs.get(verb)
        if not _clause_follows(doc, h):  # 一级指标 / 二级指标 / 三级指标: table cells
            close(verb)
        elif idx and h.number == heads[idx[-1]].number + 1:
            idx.append(k)
        else:
            close(verb)
            if h.number == 1:
                runs[verb] = [k]
    for verb in list(runs):
        close(verb)
    return [h for k, h in enumerate(heads) if h.family != "verb" or k in keep]


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
