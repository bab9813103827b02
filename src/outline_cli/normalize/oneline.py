"""One-line articles: split a whole article written on one line back into paragraphs.

整篇一行：网页复制时段落变成空格分隔的一长行（样本 003），按空格切回段落，
再把被空格打断的短句重新接上，这样行内的小标题才能被找到。

Only very long lines are split, only at spaces between Chinese text, and never
inside brackets or quotes (a byline such as "(记者 王悦 通讯员 冷红云)" stays whole);
after a sentence end, before a date opening a sentence (… 4月24日，…), and beside an
image's file name, a link or an HTML tag (0427_3.jpg, </figure>), a space is a paragraph
break whatever its neighbours.
A run of two or more short pieces without a sentence end is a sentence whose
commas became spaces: it is joined back, with the piece that ends it.

A piece that starts with a heading marker (一、 (二) 1. 第三，…, in any width or
script) always starts a paragraph, and is split off even where the marker starts
with a digit; a subtitle (——…), a wholly bracketed note ((2022年10月16日)) and a
lead-in ending in a colon (同志们：) stand alone too.  A marker's run keeps only
its short pieces without a sentence end (a heading with a space in it): the piece
that ends a sentence after them opens the text under the heading — and so does a
short piece that follows three or more heading pieces word for word (a table's cell).
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
#: A sign set in Chinese text (▲ ★ ■ ※ →): it ends a heading or a cell as a Han character does.
_SIGN = lambda c: c > "\u2000" and not c.isalnum() and not c.isspace()  # noqa: E731
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
            before = _CJKISH(text[i - 1]) or text[i - 1] == "*" or _SIGN(text[i - 1])  # (after **bold**, ▲)
            if before and (_CJKISH(text[i + 1]) or _starts_heading(text[i + 1:i + 1 + MARKER_PEEK])):
                points.append(i)
            elif not text[i + 1].isspace() and (_ends_sentence(text[max(0, i - 2):i])
                                                or _media_token(text, i)
                                                or (before and _DATE_OPENING.match(text, i + 1))
                                                or (not text[i - 1].isalnum()  # (after a widget's >>)
                                                    and _starts_heading(text[i + 1:i + 1 + MARKER_PEEK]))):
                points.append(i)
    return points


#: An image or a link the copy kept as its file name or address (0427_3.jpg, http://…):
#: it stood on a line of its own between paragraphs (cf. rules/50-markup.yaml).
_MEDIA = LazyPattern(r"(?i)^(?:\S{1,100}\.(?:jpe?g|png|gif|bmp|webp|tiff?)|https?://\S+)$")
#: ... and so did HTML markup the copy kept (<figure> … </figure>): a tag that closes a token
#: or opens one is a break too, so the text beside it is not dropped with the markup line.
_TAG_END = LazyPattern(r"</?[A-Za-z][^<>]*>$")
_TAG_START = LazyPattern(r"</?[A-Za-z]")


#: A date opening a sentence (4月24日至26日，… 6月中旬，…): after Chinese text and a space it
#: opens a paragraph.  Digits set apart by spaces on both sides (截至 2023 年) are typesetting,
#: and a bare date (国务院办公厅 2018年10月27日) is a signature's, not a sentence's.
_DATE_OPENING = LazyPattern(r"\d{1,4}(?:年|月|日)(?![\d年月日号]*(?:\s|$))[\u3400-\u9fff\d]")


def _markup(piece: str) -> bool:
    return bool(_TAG_START.match(piece) or _TAG_END.search(piece))


def _media_token(text: str, i: int) -> bool:
    """Whether the space at ``i`` ends or starts a file name or address token: a paragraph
    break (the text after a sentence end may open with a digit or Latin letter too)."""
    start = max(text.rfind(" ", 0, i), text.rfind("\u3000", 0, i)) + 1
    stop = min(k for k in (text.find(" ", i + 1), text.find("\u3000", i + 1), len(text)) if k >= 0)
    left, right = text[start:i], text[i + 1:stop]
    return bool(_MEDIA.match(left) or _MEDIA.match(right)
                or _TAG_END.search(left) or _TAG_START.match(right))


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
    """A subtitle (——在…上的报告), a wholly bracketed note ((2022年10月16日)), or an
    image's file name or a link (never a clause of the sentence around it)."""
    if piece.startswith(("——", "--")) or _MEDIA.match(piece):
        return True
    return piece[0] in _OPEN and piece[-1] in _CLOSE and _OPEN.index(piece[0]) == _CLOSE.index(piece[-1])


#: A short piece that follows this many heading pieces word for word is a table cell of a
#: flattened table (35.收支结余▲ 定量 … 36.资产负债率▲ 定量), not a heading's second half.
CELL_REPEATS = 3


def _table_cells(pieces: list[str]) -> set[str]:
    from collections import Counter

    after = Counter(nxt for piece, nxt in zip(pieces, pieces[1:])
                    if len(nxt) <= CLAUSE_MAX and not _ends_sentence(nxt) and _starts_heading(piece))
    return {cell for cell, n in after.items() if n >= CELL_REPEATS}


def _rejoin(pieces: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    cells = _table_cells(pieces)

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
        if run and (_markup(run[-1]) != _markup(piece) or _DATE_OPENING.match(piece)):
            # kept HTML markup (<figure> … </figure>) and text never share a paragraph, and
            # a sentence that opens with a date is not the end of the clauses before it
            flush()
        if _starts_heading(piece) or _stands_alone(piece):
            flush()  # a heading, a subtitle or a note starts a paragraph
            if _stands_alone(piece) and not _starts_heading(piece):
                out.append(piece)
                continue
        if piece in cells and run and _starts_heading(run[0]):
            flush()  # the heading's own line; the cell beside it is a line of its own
            out.append(piece)
            continue
        if not _ends_sentence(piece) and piece[-1] not in _LEAD_IN:
            if run and _starts_heading(run[0]) and len(piece) > CLAUSE_MAX:
                flush()  # the paragraph under a heading, cut short (a paywall notice follows)
            run.append(piece)
            continue
        if run and _starts_heading(run[0]):
            flush()  # the heading's own line; the sentence after it opens the text under it
            out.append(piece)
            continue
        if len(run) >= 2:  # a sentence broken at its commas: join it with its end
            out.append(" ".join(run + [piece]))
        else:
            out.extend(run)
            out.append(piece)
        run.clear()
    flush()
    return out
