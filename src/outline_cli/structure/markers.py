"""Heading markers: every Chinese numbering convention, registered by family name.

标题序号：一、（一）1.（1）① 第X章 一是 第一， 首先 …，每一类序号登记为一个“family”。

Each family knows its pattern, how to read its number, and its rank in the GB/T
9704 hierarchy (一、 → （一） → 1. → （1） → ①).  Speech enumerations (一是, 一要,
第一，, 首先, 其一) have no fixed rank: they sit one level under whatever heading
they follow (``floating``).  Patterns match the analysis view, where full-width
digits and brackets are already folded to ASCII, so （一） and (一) are one family.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache, reduce

from ..patterns import LazyPattern, StartSet, first_chars

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "零〇一二三四五六七八九十百两"


def cn_number(text: str) -> int:
    """一 → 1, 十一 → 11, 二十三 → 23, 一百零二 → 102; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


@dataclass(frozen=True)
class Family:
    name: str
    pattern: re.Pattern  # compiled on first use (patterns.LazyPattern)
    rank: float | None  # None: floating (speech enumerations)
    describe: str
    first: StartSet | None = None  # the characters a marker of the family starts with
    # > 0: the marker is also an ordinary word start (一抓 as in 一抓到底), so it is a marker only in
    # a run of this many items; match_marker leaves it out unless asked (``runs=True``)
    run: int = 0


@dataclass(frozen=True)
class Marker:
    family: str
    number: int
    start: int  # offset of the marker in the line
    end: int  # offset where the heading text starts

    @property
    def floating(self) -> bool:
        return FAMILIES[self.family].rank is None


FAMILIES: dict[str, Family] = {}


def register(name: str, pattern: str, rank: int | None, describe: str, run: int = 0) -> None:
    """Add a marker family (cf. pypinyin's ``register``); later names may refine earlier."""
    FAMILIES[name] = Family(name, LazyPattern(pattern), rank, describe, first_chars(pattern), run)
    _first.cache_clear()
    floating_starts.cache_clear()


@lru_cache(maxsize=1)
def _first() -> StartSet | None:
    """Every character a marker can start with (None: any): most positions are ruled out
    by one set lookup before any pattern runs."""
    firsts = [f.first for f in FAMILIES.values()]
    return None if None in firsts else reduce(operator.or_, firsts)


@lru_cache(maxsize=1)
def floating_starts() -> _AfterSentence:
    """Where a speech enumeration (一是, 第一，, 首先 …) may start inside a paragraph: after a
    sentence end, at a character a floating family can start with (``finditer``)."""
    firsts = [f.first for f in FAMILIES.values() if f.rank is None]
    # the sentence end is part of the match (callers take m.end()), not a look-behind: that
    # is tried at every position of the text (measured 2.5x slower over a document)
    if None in firsts or any(f.digits or f.spaces for f in firsts):
        return _AfterSentence(r"\s*")  # no short list of characters: look everywhere
    chars = "".join(sorted(set().union(*(f.chars for f in firsts))))
    return _AfterSentence(r"\s*(?=[" + re.escape(chars) + "])")


class _AfterSentence:
    """``[。!?;:]`` + ``tail`` as one pattern per sentence end, their matches merged in order:
    a pattern led by one character is searched for with a tight loop, one led by a class
    tests every character of the text (1.6x slower over a document).  Matches of two of them
    never overlap (the tail holds only spaces), so the merge is the class pattern's finditer."""

    ENDS = "。!?;:"

    def __init__(self, tail: str):
        self.pattern = "[" + self.ENDS + "]" + tail
        self._each = [(end, re.compile(re.escape(end) + tail)) for end in self.ENDS]

    def finditer(self, text: str) -> list[re.Match]:
        found = [m for end, pattern in self._each if end in text for m in pattern.finditer(text)]
        found.sort(key=_start)
        return found


def _start(m: re.Match) -> int:
    return m.start()


_N = rf"[{_CN}]{{1,4}}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGIT = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGIT = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"

register("part", rf"第(?P<n>{_N}|\d{{1,3}})\s*(?:[编篇]|部分)(?=\s|$|[:、　]|[\u4e00-\u9fff\d])\s*", 0,
         "第一编 / 第一篇 / 第一部分")
register("chapter", rf"第(?P<n>{_N}|\d{{1,3}})\s*章(?=\s|$|[:、]|[\u4e00-\u9fff])", 1, "第一章")
register("section", rf"第(?P<n>{_N}|\d{{1,3}})\s*节(?=\s|$|[:、]|[\u4e00-\u9fff])", 2, "第一节")
register("roman", r"(?P<c>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*[、.]?\s*", 2.5, "Ⅰ、 / Ⅱ.")
register("cn", rf"(?P<n>{_N})\s*(?:[、.]\s*|\s+(?=[\u4e00-\u9fff“「《]))", 3, "一、 / 一. / 一 ")
register("paren-cn", rf"(?:\(\s*(?P<n>{_N})\s*\)|(?P<c>[{_PAREN_CN}]))\s*[、.]?\s*", 4, "（一） / (一) / ㈠")
register("arabic", rf"(?:(?P<n>\d{{1,2}})\s*[.、](?!\d)\s*|(?P<c>[{_DOT_DIGIT}])\s*)", 5, "1. / 1、 / ⒈")
register("paren-arabic", rf"(?:\(\s*(?P<n>\d{{1,2}})\s*\)|(?P<c>[{_PAREN_DIGIT}]))\s*[、.]?\s*", 6, "（1） / ⑴")
register("circled", rf"(?P<c>[{_CIRCLED}])\s*", 7, "①")
register("article", rf"第(?P<n>{_N}|\d{{1,3}})\s*条\s*", 8, "第一条 (only with --articles)")
# Speech enumerations: no fixed rank, one level under the heading they follow.
register("shi", r"(?P<n>[一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“「《(])", None, "一是 / 二是")
register("yao", r"(?P<n>[一二三四五六七八九十]{1,3})要(?=[\u4e00-\u9fff“「《])", None, "一要 / 二要")
# 一抓…二抓…三抓…: a numeral and one verb, the same in every item. Any Han character can be that
# verb (一些, 三年), so the family counts only as a run of three items from one with one verb: two
# (一抓…二抓) are as often a figure of speech (一手抓…两手抓) as a list.
VERB_RUN = 3
# The marker is the numeral; the verb stays in the heading (一 / 抓党建促发展).
register("verb", r"(?P<n>[一二三四五六七八九十]{1,2})(?=[\u4e00-\u9fff][\u4e00-\u9fff“「《])", None,
         "一抓 / 二抓 / 三抓", run=VERB_RUN)
register("ordinal", r"(?:第|其)(?P<n>[一二三四五六七八九十]{1,3})\s*[,:、]\s*", None, "第一， / 其一，")
register("step", r"第(?P<n>[一二三四五六七八九十]{1,3})步\s*[,:]\s*", None, "第一步，")
register("sequence", r"(?P<w>首先|其次|再次|最后)\s*[,:]\s*", None, "首先， / 其次， / 最后，")

_SEQUENCE_NUMBER = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}  # 0: closes any run

# Longest alternatives first where two families could both match a line start.
_ORDER = ("part", "chapter", "section", "article", "step", "ordinal", "roman", "paren-cn",
          "paren-arabic", "circled", "shi", "yao", "verb", "sequence", "arabic", "cn")


def match_marker(view: str, pos: int = 0, articles: bool = False, runs: bool = False) -> Marker | None:
    """The marker at ``view[pos:]``, if any (``view`` is the folded analysis text); ``runs``:
    also families that are markers only in a run (Family.run), for the heading step to confirm.

    Several steps ask this of the same lines (context, wraps, title, headings): the
    answers are remembered (a Marker is immutable)."""
    if pos >= len(view):
        return None
    first = _first()
    if first is not None:
        c = view[pos]
        if c not in first.chars and not (first.digits and c.isdecimal()) \
                and not (first.spaces and c.isspace()):  # (StartSet.__contains__, inlined)
            return None
    return _match_marker(view, pos, articles, runs)


@lru_cache(maxsize=16384)
def _match_marker(view: str, pos: int, articles: bool, runs: bool = False) -> Marker | None:
    c = view[pos]
    for name in _ORDER:
        family = FAMILIES[name]
        if family.first is not None and c not in family.first:
            continue  # (and a family's pattern is compiled only when a line can start with it)
        if family.run and not runs:
            continue
        if name == "article" and not articles:
            if family.pattern.match(view, pos):
                return None  # 第X条 starts a legal article, never another marker
            continue
        m = family.pattern.match(view, pos)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("w"):
            number = _SEQUENCE_NUMBER[groups["w"]]
        elif groups.get("c"):
            ch = groups["c"]
            for table in (_CIRCLED, _PAREN_DIGIT, _DOT_DIGIT, _PAREN_CN, _ROMAN):
                if ch in table:
                    number = table.index(ch) + 1
        else:
            number = cn_number(groups["n"])
        if name in ("cn", "shi", "yao", "verb", "ordinal") and number == 0:
            continue
        if m.end() >= len(view.rstrip()):
            # a bare marker with no text after it is a table cell, not a heading
            return None
        return Marker(name, number, pos, m.end())
    return None


def starts_with_marker(view: str) -> bool:
    return match_marker(view) is not None
