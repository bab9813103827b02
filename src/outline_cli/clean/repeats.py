"""Lines repeated across a batch: one site's furniture that no rule knows (CCNet's idea).

批量重复行：同一网站的页脚、菜单在批量文件中反复出现，按行哈希计数后删除（计数见 batch.py）。

A line's key is defined here; batch.py counts the keys over the files of a batch and
hands the step the ones that recur.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..chars import lines_containing
from ..document import Document
from ..normalize.script import fold_width
from ..markers import match_marker

_SHORT_CLOSING = re.compile(r"^.{1,12}[:：!！。?？]$")
#: Furniture is short: longer lines are not counted (and cost little in pass one).
REPEAT_MAX_LINE = 200
_NORMALISE = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
#: Parts the lines that line_keys normalises together: a word character (_NORMALISE keeps
#: it) that Chinese text does not hold (ꙮ, a Cyrillic letter of old manuscripts).  With a
#: newline instead, the pattern would need a second branch (`[^\w\n]+|_+`: 2x slower).
_PART = "\ua66e"
_FULL_WIDTH = re.compile("[\uff01-\U0010ffff]")


def line_key(text: str) -> str | None:
    """The key a line is counted by across files: digits as 0, no spaces or punctuation
    (so 浏览次数：123 and 浏览次数：456 are one line).  None for lines too short to judge
    or too long to be furniture."""
    if len(text) > REPEAT_MAX_LINE:
        return None
    return _key(_NORMALISE.sub("", _DIGITS.sub("0", text)))


def _key(norm: str) -> str | None:
    # the normalised line itself: the same in every process (hash() is not), and with at
    # most batch.REPEAT_SAMPLE files counted, small enough to keep (a checksum per line cost
    # ten times more than the rest of the key)
    if len(norm) < 4:
        return None
    if max(norm) >= "\uff01":  # Ａ and A are one letter (Han characters sort below U+FF01)
        norm = fold_width(norm)
    return norm


def line_keys(texts: list[str]) -> list[str | None]:
    """``line_key`` of many lines, normalised in one pass over their joined text."""
    short = [t if len(t) <= REPEAT_MAX_LINE else "" for t in texts]
    joined = _NORMALISE.sub("", _DIGITS.sub("0", _PART.join(short)))
    norms = joined.split(_PART)
    if len(norms) != len(texts):  # a text held the parting character
        return [line_key(t) for t in texts]
    if not _FULL_WIDTH.search(joined):  # no Ａ to fold anywhere: the keys are the lines
        return [n if len(n) >= 4 else None for n in norms]
    return [_key(n) for n in norms]


def drop_batch_repeats(doc: Document, repeated: frozenset[str]) -> None:
    """Step ``batch-repeats``: drop lines whose key recurs across many files of the batch.

    Headings and short salutations or closings (同志们：, 谢谢大家！) are the text's own
    even when every speech has them."""
    if not repeated:
        return
    texts = [ln.text for ln in doc.lines]
    marks = _marks(repeated)
    # only lines holding a mark can have a repeated key: keys for those alone
    maybe = range(len(texts)) if marks is None else lines_containing(texts, marks)
    drop = set()
    for i, key in zip(maybe, line_keys([texts[i] for i in maybe])):
        ln = doc.lines[i]
        if ln.role == "body" and key in repeated and not match_marker(ln.view) \
                and not _SHORT_CLOSING.match(ln.view.strip()):
            doc.remove(ln, "batch-repeat", "duplicate")
            drop.add(i)
    if drop:
        doc.lines = [ln for i, ln in enumerate(doc.lines) if i not in drop]


@lru_cache(maxsize=4)
def _marks(repeated: frozenset[str]) -> list[str] | None:
    """One character of each repeated key: a line whose key is ``k`` holds
    every word character of ``k`` (a key is the line without spaces and punctuation,
    digits as 0, full width folded), so it holds the one picked for ``k``.  None when
    some key has no character that tells (all digits)."""
    picked = set()
    for key in repeated:
        c = next((c for c in key if "\u4e00" <= c <= "\u9fff"), None)  # Han: never folded
        if c is None:
            c = next((c for c in key if c != "0"), None)
            if c is None:
                return None
            if "!" <= c <= "~":  # a line may hold the full-width form (Ａ for A)
                picked.add(chr(ord(c) + 0xFEE0))
        picked.add(c)
    return sorted(picked)
