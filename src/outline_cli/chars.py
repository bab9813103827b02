"""Character classes used across the pipeline.

字符工具：统计汉字数等，多个步骤共用一处实现。
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from typing import Callable, Iterable, Iterator

#: The characters that end a sentence, in the analysis view (full-width ！？； are folded
#: to ! ? ;).  The one definition every step uses; RAW_SENTENCE_ENDS are the same ends as
#: written in text that has no view yet (the normalize steps before script-view).
SENTENCE_ENDS = "。!?;"
RAW_SENTENCE_ENDS = SENTENCE_ENDS + "！？；"
#: Closing quotes that may stand after a sentence end (……太狡猾！”).
CLOSING_QUOTES = "”’」』"
#: A sentence end in the analysis view.
SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")


#: The one definition of a calendar date as Chinese texts write it: 2024年1月10日,
#: 2024-01-10, 2024/1/10, 2024.1.10, 二〇二四年一月十日, and a month alone (2024年1月,
#: under some reports).  A pattern string: each step anchors or groups it as it needs.
_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MONTH_OR_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = rf"{_YEAR}\s*[-年/.]\s*{_MONTH_OR_DAY}\s*(?:[-月/.]\s*{_MONTH_OR_DAY}\s*日?|月)"
#: A clock time after a date (2024-01-10 08:30, 08:30:15).
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
#: A day of the year without the year (3月5日, 十二月五日): how a news dateline dates itself.
MONTH_DAY = rf"{_MONTH_OR_DAY}\s*月\s*{_MONTH_OR_DAY}\s*日"


def ends_sentence(view: str) -> bool:
    """Whether the line ends a sentence: a sentence end, perhaps inside closing quotes."""
    return view.rstrip().rstrip(CLOSING_QUOTES)[-1:] in tuple(SENTENCE_ENDS)


#: How a line that is part of a text may end although it is short: a sentence end, a
#: colon (同志们：), an ellipsis, a closing quote.
TEXT_LINE_ENDS = tuple(SENTENCE_ENDS + ":…" + CLOSING_QUOTES)


def ends_sentence_or_note(view: str) -> bool:
    """Ends like a sentence (or a colon, an ellipsis, a quote), or is wholly in brackets
    (a publication note): a short line that is part of a text."""
    return view.endswith(TEXT_LINE_ENDS) or (view[:1] == "(" and view.endswith(")")) \
        or (view[:1] == "（" and view.endswith("）"))


def has_sentence_end(view: str) -> bool:
    """Whether ``view`` holds a SENTENCE_END: four substring tests are 3x faster than the
    regex, which tests each character of the line against the class in turn."""
    return "。" in view or "!" in view or "?" in view or ";" in view


# Counting Han characters (U+4E00–U+9FFF) is the commonest question the pipeline asks of
# a line.  In UTF-16 those are exactly the code units whose high byte is 0x4E–0x9F, so
# the text is encoded once (in C), its high bytes taken with a slice, and a byte table
# marks the Han ones: 3x faster than deleting the other characters with a regex.  (A
# character beyond U+FFFF is two units, both surrogates, whose high bytes are not Han.)
_HAN_HIGH = bytes(1 if 0x4E <= b <= 0x9F else 0 for b in range(256))
_NOT_HAN_HIGH = bytes(b for b in range(256) if not _HAN_HIGH[b])


def han_count(text: str) -> int:
    """How many CJK unified ideographs (U+4E00–U+9FFF) ``text`` holds."""
    return len(text.encode("utf-16-le", "surrogatepass")[1::2].translate(None, _NOT_HAN_HIGH))


def han_counts(texts: list[str]) -> list[int]:
    """``han_count`` of many lines in one pass over their joined text."""
    return counts_by_high_byte(texts, _HAN_HIGH)


#: Parts the lines that counts_by_high_byte measures together: a private-use character
#: whose high byte (0xE0) no table here marks, kept as byte 2 when the high bytes of the
#: characters not counted are deleted.  A text holding a character of its block is
#: measured on its own.
_PART = "\ue000"


@lru_cache(maxsize=8)
def _keeping(table: bytes) -> tuple[bytes, bytes]:
    """For a table: the bytes to delete (unmarked, but the part), and the translation of
    the rest (marked to 1, the part to 2)."""
    if table[0xE0]:
        raise ValueError("the part's high byte (0xE0) must not be marked")
    delete = bytes(b for b in range(256) if not table[b] and b != 0xE0)
    return delete, bytes(2 if b == 0xE0 else 1 for b in range(256))


def counts_by_high_byte(texts: list[str], table: bytes, adjust: re.Pattern | None = None,
                        sign: Callable[[str], int] | None = None) -> list[int]:
    """Per text, how many of its characters have a UTF-16 high byte that ``table`` (256
    bytes of 0 or 1) marks; ``adjust`` finds the characters of partly marked blocks the
    table gets wrong (never _PART), and ``sign(c)`` says +1 (count it) or -1 (do not).

    The texts are joined, encoded once, their high bytes taken with a slice, all but the
    marked ones and the parts deleted, the rest split at the parts and measured: all in C,
    no step per line.  (A character beyond U+FFFF is two surrogate units, unmarked.)"""
    joined = _PART.join(texts)
    delete, translate = _keeping(table)
    high = joined.encode("utf-16-le", "surrogatepass")[1::2]
    counts = list(map(len, high.translate(translate, delete).split(b"\x02")))
    if len(counts) != len(texts):  # a text held a character of the part's block
        unmarked = delete + b"\xe0"
        counts = [len(t.encode("utf-16-le", "surrogatepass")[1::2].translate(None, unmarked)) for t in texts]
        joined = "\n".join(texts)  # (same offsets for adjust)
    if adjust is not None:
        starts = None
        for m in adjust.finditer(joined):  # (rare: mis-marked characters)
            starts = starts or line_starts(texts)
            counts[bisect_right(starts, m.start()) - 1] += sign(m.group())
    return counts


def line_starts(texts: list[str]) -> list[int]:
    """Where each text starts in ``"\\n".join(texts)``: many steps search a document's
    joined text once (in C) and map each hit back to its line with ``bisect``."""
    # (map and accumulate iterate in C: no Python-level step per line)
    return list(accumulate(map(add, map(len, texts[:-1]), repeat(1)), initial=0)) if texts else []


def lines_matching(texts: list[str], patterns: Iterable[re.Pattern]) -> list[int]:
    """Indexes of the texts (none holding a newline) where one of ``patterns`` matches, in
    order: each pattern searched once over the joined text, each hit mapped to its line."""
    starts = line_starts(texts)
    joined = "\n".join(texts)
    hits = {m.start() for pattern in patterns for m in pattern.finditer(joined)}
    return sorted({bisect_right(starts, at) - 1 for at in hits})


def lines_containing(texts: list[str], needles: Iterable[str]) -> list[int]:
    """Indexes of the texts holding one of ``needles`` (none holding a newline): a few
    substring searches over the joined text instead of a test per line."""
    starts = line_starts(texts)
    joined, last = "\n".join(texts), len(texts) - 1
    found: set[int] = set()
    for needle in needles:
        at = joined.find(needle)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            found.add(i)
            at = joined.find(needle, starts[i + 1]) if i < last else -1
    return sorted(found)


class CharClass:
    """A large set of characters (thousands of Han characters) found and counted in C.

    Two ways, chosen by how much text a process sees: ``str.translate`` with a deletion
    table needs no set-up but looks every character up in a dict (~50 ns each); a
    compiled regex class is ~5x faster but costs 6–12 ms to compile.  So a one-file run
    never compiles, and a batch compiles once after its first few documents.
    """

    #: Documents seen before the class is compiled.
    COMPILE_AFTER = 8

    def __init__(self, load: Callable[[], Iterable[int]]):
        self._load = load  # code points of the set, loaded on first use
        self._seen = 0
        self._table: dict[int, None] | None = None
        self._regex: re.Pattern | None = None

    def _fast(self, new_document: bool) -> re.Pattern | None:
        self._seen += new_document
        if self._regex is None and self._seen > self.COMPILE_AFTER:
            self._regex = re.compile("[" + "".join(_ranges(sorted(self._load()))) + "]")
        return self._regex

    def _delete_table(self) -> dict[int, None]:
        if self._table is None:
            self._table = dict.fromkeys(self._load())
        return self._table

    def count(self, text: str, whole_document: bool = False) -> int:
        """How many characters of ``text`` are in the set."""
        fast = self._fast(whole_document)
        if fast is not None:
            return len(fast.findall(text))
        return len(text) - len(text.translate(self._delete_table()))

    def positions(self, text: str) -> list[int]:
        """Offsets of the characters of ``text`` that are in the set."""
        if self._regex is not None:
            return [m.start() for m in self._regex.finditer(text)]
        table = self._delete_table()
        return [i for i, c in enumerate(text) if ord(c) in table]

    def lines_with(self, lines: list[str]) -> list[int]:
        """Indexes of the lines (of one document) holding a character of the set."""
        fast = self._fast(True)
        if fast is None:
            table = self._delete_table()
            return [i for i, s in enumerate(lines) if len(s.translate(table)) != len(s)]
        return lines_matching(lines, (fast,))


def _ranges(points: list[int]) -> Iterator[str]:
    """``[a-z]``-style ranges for sorted code points (a class of ranges compiles faster)."""
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        yield re.escape(chr(points[i])) + ("-" + re.escape(chr(points[j])) if j > i else "")
        i = j + 1
