"""One-line articles: split a whole article written on one line back into paragraphs.

整篇一行：网页复制时段落变成空格分隔的一长行（样本 003），按空格切回段落，
再把被空格打断的短句重新接上，这样行内的小标题才能被找到。

Only very long lines are split, only at spaces between Chinese text, and never
inside brackets or quotes (a byline such as "(记者 王悦 通讯员 冷红云)" stays whole).
A run of two or more short pieces without a sentence end is a sentence whose
commas became spaces: it is joined back, with the piece that ends it.
"""
from __future__ import annotations

from ..patterns import LazyPattern

#: A line is split only when it is at least this long and has this many breaks.
MIN_LENGTH = 400
MIN_BREAKS = 3

# Brackets, not quotes: an unbalanced quote would stop every later split.
_OPEN = "(（《【"
_CLOSE = ")）》】"
_CJKISH = lambda c: ("\u3400" <= c <= "\u9fff") or c in "，。！？；：、…—“”‘’「」『』《》（）()!?;:,"  # noqa: E731
_ENDS = "。！？!?；;…"
_CLOSERS = "”’」』)）"


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
            if _CJKISH(text[i - 1]) and _CJKISH(text[i + 1]):
                points.append(i)
    return points


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
    return _rejoin([p for p in pieces if p])


def _ends_sentence(piece: str) -> bool:
    # a closing quote ends a sentence only after a sentence end (……感动。” but not “加速跑”)
    return piece[-1] in _ENDS or (piece[-1] in _CLOSERS and len(piece) > 1 and piece[-2] in _ENDS)


def _rejoin(pieces: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for piece in pieces:
        if not _ends_sentence(piece):
            run.append(piece)
            continue
        if len(run) >= 2:  # a sentence broken at its commas: join it with its end
            out.append(" ".join(run + [piece]))
        else:
            out.extend(run)
            out.append(piece)
        run = []
    if len(run) >= 2:
        out.append(" ".join(run))
    else:
        out.extend(run)
    return out
