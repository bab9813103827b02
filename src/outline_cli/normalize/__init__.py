"""Normalize: one clean form for rules and heading detection; the output keeps the user's script.

规范化：空白、繁简视图、拼音注音、整篇一行、硬换行、乱码标记。每一步都是一个小函数。
"""
from __future__ import annotations

import re

from ..chars import han_count, has_sentence_end
from ..document import Document, Line, count_han
from ..markers import starts_with_marker
from . import garbled, oneline, pinyin, script, whitespace, wraps


def normalize_whitespace(doc: Document, ctx) -> None:
    """Drop indentation and trailing spaces; drop blank lines (their numbers stay known)."""
    texts = whitespace.clean_lines([ln.text for ln in doc.lines])
    kept = []
    for ln, text in zip(doc.lines, texts):
        if text:
            ln.text = text
            kept.append(ln)
    doc.lines = kept


_MD_HEADING = re.compile(r"^#{1,6}\s+(?=\S)")
_MD_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*$")


def markdown_marks(doc: Document, ctx) -> None:
    """Markdown copies: drop the ``#`` of heading lines and the ``**`` around a bold line
    (the text stays; the marks are not part of it)."""
    joined = "\n".join([ln.text for ln in doc.lines])
    marked = doc.lines if "#" in joined or "**" in joined else ()  # (most texts: no line to look at)
    for ln in marked:
        text = ln.text
        if text[:1] == "#":
            m = _MD_HEADING.match(text)
            if m:
                # the document's own heading markup, kept as evidence (like <h1>…<h6>)
                ln.hint, ln.hint_level = "heading", m.group(0).count("#")
                text = text[m.end():]
        if text[:2] == "**":
            bold = _MD_BOLD_LINE.sub(r"\1", text)
            if bold != text and not ln.hint:
                ln.hint = "bold"
            text = bold
        if text != ln.text:
            ln.text = text.strip()
    from ..structure.title import hint_from_top_heading

    hint_from_top_heading(doc)


def script_view(doc: Document, ctx) -> None:
    """Detect the script (meta.script) and build the simplified, width-folded view."""
    texts = [ln.text for ln in doc.lines]
    _set_views(doc, script.many_views(script.fold_width, texts))  # simplified text: final
    sample, han = _head_sample(doc.lines)
    doc.meta["script"] = script.detect_script(sample, han=han)
    doc.view_of = script.make_view(doc.meta["script"])
    if doc.meta["script"] != "simplified":
        _set_views(doc, script.many_views(doc.view_of, texts))


def _set_views(doc: Document, views: list[str]) -> None:
    for ln, view in zip(doc.lines, views):
        ln.view = view


def _head_sample(lines: list[Line]) -> tuple[str, int]:
    """The first characters of the text (script.SAMPLE of them) and their Han count.

    Only the lines of the sample are counted here (in one pass, cached on the lines: folding
    keeps every Han character); the rest are counted when body scoring needs them, after
    the joining steps have changed many of them anyway."""
    head, size = [], 0
    for ln in lines[:400]:
        if size + len(ln.text) > script.SAMPLE:
            break
        head.append(ln)
        size += len(ln.text)
    count_han(head)
    parts = [ln.text for ln in head]
    han = sum(ln.han for ln in head)
    if len(head) < len(lines) and len(head) < 400:
        rest = lines[len(head)].text[:script.SAMPLE - size]
        parts.append(rest)
        han += han_count(rest)
    return "".join(parts), han


def pinyin_glosses(doc: Document, ctx) -> None:
    """Remove pinyin annotations such as 奔涌(bēnyǒng)."""
    total = 0
    for i in pinyin.lines_with_glosses([ln.text for ln in doc.lines]):
        ln = doc.lines[i]
        text, removed = pinyin.strip_glosses(ln.text)
        if removed:
            total += len(removed)
            doc.set_text(ln, text)
    if total:
        doc.removed.append(_removal(doc, "pinyin-gloss", total))


def _removal(doc: Document, rule: str, count: int):
    from ..document import Removal

    # one summary entry: listing 300 glosses one by one would drown --explain
    return Removal(0, rule, "normalize", f"{count} pinyin glosses", "cut")


def split_one_line(doc: Document, ctx) -> None:
    """Split a whole article written on one line into paragraphs (all keep its line number)."""
    if not any(len(ln.text) >= oneline.MIN_LENGTH for ln in doc.lines):
        return  # only very long lines are ever split
    out: list[Line] = []
    for ln in doc.lines:
        pieces = oneline.split_line(ln.text) if len(ln.text) >= oneline.MIN_LENGTH else [ln.text]
        if len(pieces) == 1:
            out.append(ln)
            continue
        for piece in pieces:
            new = Line(ln.no, piece, ln.end)
            new.view = doc.view_of(piece)
            out.append(new)
    doc.lines = out


_SPACES = (" ", "\u3000")
#: Lines padded to the wrap width end in spaces nearly all; a text whose wraps fall after a
#: space now and then has a few: at most one line in this many is kept as a real space.
PADDED_SHARE = 3


def _one_space_before(source: str) -> bool:
    """A line opening with one half-width space: the wrap fell just before a space between
    two paragraphs of a one-line body (an indent is two spaces or more, or full-width)."""
    return source[:1] == " " and source[1:2] not in (" ", "\u3000", "\t", "")


def _siblings_are_headings(lines: list[Line], line: Line, wrap) -> bool:
    """Whether the numbering neighbours of ``line`` (the nearest lines before and after it
    with the same marker family, numbered one less and one more) are headings: each, with
    the lines it wraps into, ends without a sentence end.  False when there is none."""
    from ..markers import match_marker

    def marker(ln: Line):
        return match_marker(wraps.unglossed(ln.view)) if wraps.starts_heading_through_glosses(
            ln.view, starts_with_marker) else None

    own = marker(line)
    if own is None:
        return False
    at = next(k for k, ln in enumerate(lines) if ln is line)
    found = []
    for want, order in ((own.number - 1, range(at - 1, -1, -1)), (own.number + 1, range(at + 1, len(lines)))):
        k = next((k for k in order if (m := marker(lines[k])) is not None
                  and m.family == own.family and m.number == want), None)
        if k is None:
            continue
        # the neighbour's unit: it and the lines it wraps into (each at the width)
        while k + 1 < len(lines) and wraps.goes_on(lines[k], lines[k + 1], wrap, starts_with_marker):
            k += 1
        found.append(not has_sentence_end(wraps.unglossed(lines[k].view)))
    return bool(found) and all(found)


def fixed_width_unwrap(doc: Document, ctx) -> None:
    """Rejoin a text wrapped at a fixed width (copied from a PDF, an e-mail, a terminal).

    When most long lines are equally long, every line that reaches that width goes on in
    the next one — unless the next one starts a heading.  This runs before anything reads
    lines: a pinyin gloss or a paywall notice may be cut in two by such a wrap."""
    # measured as read (indentation included): a wrap counts the indent of a paragraph's
    # first line, so first and later lines are equally long only before it is dropped
    wrap = wraps.fixed_width([ln.source_tail.rstrip() for ln in doc.lines], [ln.view for ln in doc.lines],
                             starts_with_marker)
    if not wrap:
        return
    # a wrap that fell just after a space keeps it: in a one-line body (sample 003) that space
    # is a paragraph break — unless the lines are padded to the width, when most end in spaces
    at_width = [ln.source_tail for ln in doc.lines if wraps.wrapped_at(ln.source_tail.rstrip(), wrap)]
    spaced = sum(1 for t in at_width if t.endswith(_SPACES))
    keep_space = spaced * PADDED_SHARE < len(at_width)
    out: list[Line] = []
    for ln in doc.lines:
        prev = out[-1] if out else None
        if (prev is not None and ln.no == prev.end + 1 and wraps.wrapped_at(prev.source_tail, wrap)
                and not wraps.over_width(prev.source_tail, wrap)
                and not wraps.starts_heading_through_glosses(ln.view, starts_with_marker)
                and not ln.view.startswith(("——", "--"))
                and not wraps.heading_at_width(prev.view, ln.view, ln.source_tail[:1] in " \t\u3000",
                                               wraps.wrapped_at(ln.source_tail, wrap), starts_with_marker,
                                               lambda: _siblings_are_headings(doc.lines, prev, wrap))):
            space = (keep_space and prev.source_tail.endswith(_SPACES)) or _one_space_before(ln.source_tail)
            _join(doc, prev, ln, " " if space else "")
            continue
        out.append(ln)
    doc.lines = out


def hard_wraps(doc: Document, ctx) -> None:
    """Join a line broken in the middle of a sentence to the next one."""
    out: list[Line] = []
    for ln in doc.lines:
        prev = out[-1] if out else None
        if (prev is not None and ln.no == prev.end + 1
                and wraps.should_join(prev.view, ln.view, starts_with_marker)):
            _join(doc, prev, ln)
            continue
        out.append(ln)
    doc.lines = out


def _join(doc: Document, prev: Line, ln: Line, sep: str = "") -> None:
    prev.end = ln.end
    prev.source_tail = ln.source_tail
    doc.set_text(prev, prev.text + sep + ln.text)


def garbled_runs(doc: Document, ctx) -> None:
    """Flag mojibake runs as warnings; the text is kept."""
    texts = [ln.text for ln in doc.lines]
    for i in garbled.suspect_lines(texts):
        ln = doc.lines[i]
        for start, stop in garbled.garbled_spans(ln.text):
            a, b = max(0, start - 6), min(len(ln.text), stop + 6)
            doc.warn(ln.no, "garbled-text", ln.text[a:b])
