"""One-line articles: split a whole article written on one line back into paragraphs.

整篇一行：网页复制时段落变成空格分隔的一长行（样本 003），按空格切回段落，
再把被空格打断的短句重新接上，这样行内的小标题才能被找到。

Only very long lines are split, only at spaces between Chinese text, and never
inside brackets or quotes (a byline such as "(记者 王悦 通讯员 冷红云)" stays whole).
A run of two or more short pieces without a sentence end is a sentence whose
commas became spaces: it is joined back, with the piece that ends it.

A piece that starts with a heading marker (一、 (二) 1. 第三，…, in any width or
script) always starts a paragraph, and is split off even where the marker starts
with a digit; a subtitle (——…), a wholly bracketed note ((2022年10月16日)) and a
lead-in ending in a colon (同志们：) stand alone too.  A marker's run keeps only
its short pieces (a heading with a space in it): a long piece after them is the
paragraph under the heading, not the end of its sentence.
"""
from __future__ import annotations

from ..chars import CLOSING_QUOTES, RAW_SENTENCE_ENDS
from ..patterns import LazyPattern
from ..markers import match_marker
from .script import fold_width

#: A line is split only when it is at least this long and has this many breaks.
MIN_LENGTH = 400
MIN_BREAKS = 3

# Brackets, not quotes: an unbalanced quote would stop every later split.
_OPEN = "(（《【"
_CLOSE = ")）》】"
_CJKISH = lambda c: ("\u3400" <= c <= "\u9fff") or c in "，。！？；：、…—“”‘’「」『』《》（）()!?;:,"  # noqa: E731
_ENDS = RAW_SENTENCE_ENDS + "…"
_CLOSERS = CLOSING_QUOTES + ")）"
_LEAD_IN = "：:"  # 同志们： 重点做好以下工作： — the pieces after it are new paragraphs
#: A piece this long is not one clause of a sentence whose commas became spaces: the
#: runs joined back in sample 003 have clauses of 18–38 characters (glosses removed).
CLAUSE_MAX = 40
#: Characters read to tell whether a piece starts with a heading marker (第十二章、 is 5).
MARKER_PEEK = 12


_CJKISH_CLASS = "[\u3400-\u9fff，。！？；：、…—“”‘’「」『』《》（）()!?;:,]"
#: A space between Chinese text: what split_points looks for (in C, to rule lines out);
#: compiled on first use, as only very long lines are ever looked at.
_BREAK = LazyPattern(f"(?<={_CJKISH_CLASS})[ \u3000](?={_CJKISH_CLASS})")


def split_points(text: str) -> list[int]:
    points, depth = [], 0
    for i, c in enumerate(text):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        elif c in (" ", "\u3000") and depth == 0 and 0 < i < len(text) - 1:
            before = _CJKISH(text[i - 1]) or text[i - 1] == "*"  # (after **bold**)
            if before and (_CJKISH(text[i + 1]) or _starts_heading(text[i + 1:i + 1 + MARKER_PEEK])):
                points.append(i)
    return points


def _starts_heading(piece: str) -> bool:
    """Whether a piece opens with a heading marker (after Markdown bold or # marks)."""
    return _marker_end(piece) is not None


def _marker_end(piece: str) -> int | None:
    lead = len(piece) - len(piece.lstrip("*#"))
    marker = match_marker(fold_width(piece[lead:lead + MARKER_PEEK]))
    return None if marker is None else lead + marker.end


def split_line(text: str) -> list[str]:
    """The paragraphs of a one-line article, or ``[text]`` when it is not one."""
    if len(text) < MIN_LENGTH or len(_BREAK.findall(text)) < MIN_BREAKS:
        return [text]
    points = split_points(text)
    if len(points) < MIN_BREAKS:
        return [text]
    pieces, start = [], 0
    for p in points:
        pieces.append(text[start:p].strip())
        start = p + 1
    pieces.append(text[start:].strip())
    return _rejoin(_glue_bare_markers([p for p in pieces if p]))


def _bare_marker(piece: str) -> bool:
    # a marker is only matched with text after it: give it one character to lead
    return len(piece) <= MARKER_PEEK and (_marker_end(piece + "字") or 0) >= len(piece)


def _glue_bare_markers(pieces: list[str]) -> list[str]:
    """A piece that is only a marker (一、 then a space) belongs to the piece after it."""
    out: list[str] = []
    for piece in pieces:
        if out and _bare_marker(out[-1]):
            out[-1] = out[-1] + " " + piece
        else:
            out.append(piece)
    return out


def _ends_sentence(piece: str) -> bool:
    # a closing quote ends a sentence only after a sentence end (……感动。” but not “加速跑”)
    return piece[-1] in _ENDS or (piece[-1] in _CLOSERS and len(piece) > 1 and piece[-2] in _ENDS)


def _stands_alone(piece: str) -> bool:
    """A subtitle (——在…上的报告) or a wholly bracketed note ((2022年10月16日))."""
    if piece.startswith(("——", "--")):
        return True
    return piece[0] in _OPEN and piece[-1] in _CLOSE and _OPEN.index(piece[0]) == _CLOSE.index(piece[-1])


def _rejoin(pieces: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2 and not _starts_heading(run[0]):
            out.append(" ".join(run))  # a sentence broken at its commas, without its end yet
        elif run and _starts_heading(run[0]):
            out.append(" ".join(run[:1] + [p for p in run[1:] if len(p) <= CLAUSE_MAX]))
            out.extend(p for p in run[1:] if len(p) > CLAUSE_MAX)
        else:
            out.extend(run)
        run.clear()

    for piece in pieces:
        if _starts_heading(piece) or _stands_alone(piece):
            flush()  # a heading, a subtitle or a note starts a paragraph
            if _stands_alone(piece) and not _starts_heading(piece):
                out.append(piece)
                continue
        if not _ends_sentence(piece) and piece[-1] not in _LEAD_IN:
            if run and _starts_heading(run[0]) and len(piece) > CLAUSE_MAX:
                flush()  # the paragraph under a heading, cut short (a paywall notice follows)
            run.append(piece)
            continue
        if run and _starts_heading(run[0]):
            if len(piece) > CLAUSE_MAX:
                flush()  # the heading's own line; the paragraph under it follows
                out.append(piece)
            else:
                run.append(piece)
                out.append(" ".join(run))
                run.clear()
            continue
        if len(run) >= 2:  # a sentence broken at its commas: join it with its end
            out.append(" ".join(run + [piece]))
        else:
            out.extend(run)
            out.append(piece)
        run.clear()
    flush()
    return out
