"""Context: judge lines by their neighbours, not alone (the jusText idea).

上下文判断：正文是一段连续的“长句段落”区域；它前后的短行、无句末标点的行是网站框架。

Every line gets a score — long lines that end sentences are strongly positive,
short lines without a sentence end are negative — and the body is the run of
lines with the largest total (a maximum-sum segment).  The run is then widened
over the lines that belong to a text although they are short: a salutation
(同志们：), a closing date or signature, a publication note in brackets.
Lines before the title and after the body are site furniture (``zone-head`` /
``zone-tail``); the title step keeps the title line itself.
"""
from __future__ import annotations

import re

from ..chars import DATE
from ..chars import ends_sentence_or_note as terminated
from ..classify import HEADING_LIKE, TEXT, classify
from ..document import Document, Line, count_han
from ..markers import match_marker

_DATE = re.compile(rf"^[(（]?\s*{DATE}\s*[)）]?$")  # a closing date under a text
_DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[(（【]\d{4}[〕\])）】]\s*\d+\s*号$")


#: Han characters of body text that must precede a body-end mark for it to count.
MIN_TEXT_BEFORE_END = 80




def scores(lines: list[Line]) -> list[float]:
    """The text score (classify.py) of every line (Han characters counted in one pass)."""
    count_han(lines)
    return [classify(ln)[1] for ln in lines]


def body_span(lines: list[Line], line_scores: list[float] | None = None) -> tuple[int, int] | None:
    """Maximum-sum run of line scores: (first, last) index, or None when nothing scores."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, s in enumerate(scores(lines) if line_scores is None else line_scores):
        if total <= 0:
            total, start = s, i
        else:
            total += s
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _belongs_before(view: str) -> bool:
    return terminated(view) or bool(match_marker(view)) or bool(_DOC_NUMBER.match(view))


def _belongs_after(lines: list[Line], j: int) -> bool:
    view = lines[j].view.strip()
    if view.endswith(":"):
        return False  # after the text, a line ending in a colon labels what follows (猜你喜欢：)
    if terminated(view) or _DATE.match(view) or _DOC_NUMBER.match(view):
        return True
    # a signature: a short line directly followed by a date
    return (lines[j].han <= 20 and j + 1 < len(lines)
            and bool(_DATE.match(lines[j + 1].view.strip())))


def widen(lines: list[Line], first: int, last: int, stop: int) -> tuple[int, int]:
    while first > 0 and _belongs_before(lines[first - 1].view.strip()):
        first -= 1
    while last + 1 < stop and _belongs_after(lines, last + 1):
        last += 1
    return first, last


def end_mark(doc: Document, first: int, line_scores: list[float]) -> int:
    """Index of the first line after a body-end mark (an editor line, pagination, 上一篇 …)
    that comes after the body has begun; len(lines) when there is none."""
    start_no = doc.lines[first].no
    for mark in sorted(no for no in doc.body_end_marks if no > start_no):
        stop = next((i for i, ln in enumerate(doc.lines) if ln.no > mark), len(doc.lines))
        # honour a mark only after real text (an editor line also stands above some articles)
        text = sum(ln.han for ln, s in zip(doc.lines[first:stop], line_scores[first:stop])
                   if s >= 1.5)
        if text >= MIN_TEXT_BEFORE_END and not text_goes_on(doc.lines, first, stop):
            return stop
    return len(doc.lines)


#: How many lines after a body-end mark are looked at for the text going on.
GOES_ON_WINDOW = 2


def text_goes_on(lines: list[Line], first: int, stop: int) -> bool:
    """Whether the text goes on after a body-end mark that stands before ``lines[stop]``
    (a takedown notice or a share widget inside the body: the rule drops that line, but
    the body does not end there — issue 18, shape 10): the next lines are body paragraphs
    (kind ``text``, classify.py), or the next heading continues the numbering of the
    headings above the mark (三、 after 二、).  Related-article lists, comment boxes and
    link bars after a real end are short lines, not paragraphs."""
    after = lines[stop:stop + GOES_ON_WINDOW]
    if len(after) == GOES_ON_WINDOW and all(classify(ln)[0] == TEXT for ln in after):
        return True
    nxt = next((match_marker(ln.view.strip()) for ln in lines[stop:stop + GOES_ON_WINDOW]
                if classify(ln)[0] == HEADING_LIKE), None)
    if nxt is None:
        return False
    above = [m for m in (match_marker(ln.view.strip()) for ln in lines[first:stop]
                         if ln.kind == HEADING_LIKE) if m is not None and m.family == nxt.family]
    return bool(above) and above[-1].number + 1 == nxt.number


def find_body(doc: Document) -> None:
    """Step ``body-span``: remember the body's first and last line (``doc.body_span``)."""
    if not doc.lines:
        return
    line_scores = scores(doc.lines)
    doc.classes = [(ln.no, ln.kind, s) for ln, s in zip(doc.lines, line_scores)]
    span = body_span(doc.lines, line_scores)
    if span is None:
        first, last = 0, len(doc.lines) - 1
    else:
        stop = end_mark(doc, span[0], line_scores)
        first, last = widen(doc.lines, span[0], min(span[1], stop - 1), stop)
    # the lines themselves, not indices: later steps remove lines
    doc.body_span = (doc.lines[first], doc.lines[last])


def span_indices(doc: Document) -> tuple[int, int]:
    """Current indices of the body's first and last line."""
    span = doc.body_span
    if not span:
        return 0, len(doc.lines) - 1
    lines = doc.lines
    # looked for from the nearer end: the body starts near the top and ends near the bottom
    first = next((i for i, ln in enumerate(lines) if ln is span[0]), None)
    if first is None:  # that line was removed since (a title copy): the next one starts
        first = next((i for i, ln in enumerate(lines) if ln.no >= span[0].no), 0)
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i] is span[1]), None)
    if last is None:
        last = max((i for i, ln in enumerate(doc.lines) if ln.no <= span[1].no), default=len(doc.lines) - 1)
    return first, last


def drop_edges(doc: Document) -> None:
    """Step ``edges``: drop the lines before the title (or body) and after the body."""
    first, last = span_indices(doc)
    title_at = next((i for i, ln in enumerate(doc.lines) if ln.role == "title"), None)
    body_start = first
    if title_at is not None and title_at < first:
        first = title_at
    doc.body_span = None
    crumbs = _crumb_runs(doc.lines, first + 1, body_start)
    kept = []
    for i, ln in enumerate(doc.lines):
        if ln.role == "body" and i < first:
            doc.remove(ln, "zone-head", "nav")
        elif ln.role == "body" and i > last:
            doc.remove(ln, "zone-tail", "footer")
        elif i in crumbs:
            doc.remove(ln, "zone-crumbs", "widget")
        else:
            kept.append(ln)
    doc.lines = kept


#: Between the title and the text, a run of this many very short lines is a widget bar.
CRUMB_RUN = 3


def _crumb_runs(lines: list[Line], start: int, stop: int) -> set[int]:
    """Indices in [start, stop) that belong to runs of very short unpunctuated lines
    (易信 / 微信 / QQ空间 / 微博 / 更多): a share or tool bar.  A single short line — a
    speaker's name under the title — is not a run."""
    out: set[int] = set()
    run: list[int] = []
    for i in range(start, stop + 1):
        v = lines[i].view.strip() if i < stop else ""
        if i < stop and lines[i].role == "body" and lines[i].han <= 6 and not terminated(v):
            run.append(i)
            continue
        if len(run) >= CRUMB_RUN:
            out.update(run)
        run = []
    return out
