"""Heading markers: every Chinese numbering convention, registered by family name.

标题序号：一、（一）1.（1）① 第X章 一是 第一， 首先 …，每一类序号登记为一个“family”。

Each family knows its pattern, how to read its number, and its rank in the GB/T
9704 hierarchy (一、 → （一） → 1. → （1） → ①).  Speech enumerations (一是, 一要,
第一，, 首先, 其一) have no fixed rank: they sit one level under whatever heading
they follow (``floating``).  Patterns match the analysis view, where full-width
digits and brackets are already folded to ASCII, so （一） and (一) are one family.
Adding a family is one ``register(...)`` call (see there).

The module is the marker vocabulary every stage shares (normalize, clean, structure),
so it sits beside ``document.py``: which family a line starts with, and the heading
that marker opens (``heading_from_line``).
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache, reduce

from .chars import SENTENCE_END
from .document import Heading, Line
from .patterns import LazyPattern, StartSet, first_chars

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "零〇一二三四五六七八九十百两"


def chinese_numeral(n: int) -> str:
    """A number as Chinese counting writes it (the inverse of reading a marker):
    1 → 一, 10 → 十, 11 → 十一, 23 → 二十三, 100 → 一百, 105 → 一百零五, 110 → 一百一十;
    0, negatives and 1000 on stay Arabic."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGIT_CHARS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGIT_CHARS[tens]) + "十" + (_CN_DIGIT_CHARS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        tail = "" if not rest else ("零" + _CN_DIGIT_CHARS[rest] if rest < 10 else
                                    ("一" if rest < 20 else "") + chinese_numeral(rest))
        return _CN_DIGIT_CHARS[hundreds] + "百" + tail
    return str(n)


_CN_DIGIT_CHARS = "零一二三四五六七八九"


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
    #: Tried only when asked for (第X条 with --articles); otherwise a match means the line
    #: holds no marker at all (第X条 starts a legal article, never another marker).
    opt_in: bool = False
    #: > 0: the marker is also an ordinary word start (一抓 as in 一些, 三年), so it is a marker
    #: only in a run of this many items; match_marker leaves it out unless asked (``runs``)
    run: int = 0


@dataclass(frozen=True)
class Marker:
    family: str
    number: int
    start: int  # offset of the marker in the line
    end: int  # offset where the heading text starts

    @property
    def floating(self) -> bool:
        return family(self.family).rank is None


#: Every family, in the order they are tried at a position (the order registered).
FAMILIES: dict[str, Family] = {}
#: The named groups a family's pattern reads its number from (see ``register``).
NUMBER_GROUPS = ("n", "c", "w")


def register(name: str, pattern: str, rank: float | None, describe: str, *, opt_in: bool = False,
             run: int = 0) -> None:
    """Add a marker family (cf. pypinyin's ``register``): adding one is this one call.

    Families are tried at a position in the order registered, so where two can match at
    one position, register the one with the longer markers first.  Registering a name
    again replaces that family where it stands.  The pattern (on the analysis view: ASCII
    digits and brackets) gives the marker's number by a named group: ``n`` a numeral (一,
    十二, 3; a Chinese numeral that reads 0 is no marker), ``c`` one character of a
    numbered series (①…, ⑴…, ⒈…, ㈠…, Ⅰ…) or ``w`` a sequence word (首先, 其次, 再次, 最后).
    ``rank``: the level in GB/T 9704's hierarchy, None for a speech enumeration that sits
    under whatever heading it follows.  ``run``: the family is a marker only in a run of that
    many items (the heading step confirms the run; other callers never see it)."""
    if not any(f"(?P<{group}>" in pattern for group in NUMBER_GROUPS):
        raise ValueError(f"marker family {name!r}: the pattern has no group ({', '.join(NUMBER_GROUPS)}) "
                         "to read the number from")
    FAMILIES[name] = Family(name, LazyPattern(pattern), rank, describe, first_chars(pattern), opt_in, run)
    _first.cache_clear()
    floating_starts.cache_clear()
    _match_marker.cache_clear()


def family(name: str) -> Family:
    """The family registered as ``name``: an unknown name is an error, never a family that
    silently matches nothing."""
    try:
        return FAMILIES[name]
    except KeyError:
        raise KeyError(f"no marker family {name!r} (registered: {', '.join(FAMILIES)})") from None


@lru_cache(maxsize=1)
def _first() -> StartSet | None:
    """Every character a marker can start with (None: any): most positions are ruled out
    by one set lookup before any pattern runs."""
    firsts = [f.first for f in FAMILIES.values()]
    return None if None in firsts else reduce(operator.or_, firsts)


@lru_cache(maxsize=1)
def floating_starts() -> re.Pattern:
    """Where a speech enumeration (一是, 第一，, 首先 …) may start inside a paragraph: after a
    sentence end, at a character a floating family can start with (``finditer``; a start is
    a match's end)."""
    firsts = [f.first for f in FAMILIES.values() if f.rank is None]
    # the sentence end is part of the match, not a look-behind: that is tried at every
    # position of the text (measured 2.5x slower over a document)
    if None in firsts or any(f.digits or f.spaces for f in firsts):
        return re.compile(r"[。!?;:]\s*")  # no short list of characters: look everywhere
    chars = "".join(sorted(set().union(*(f.chars for f in firsts))))
    return re.compile(r"[。!?;:]\s*(?=[" + re.escape(chars) + "])")


def match_marker(view: str, pos: int = 0, articles: bool = False, runs: bool = False) -> Marker | None:
    """The marker at ``view[pos:]``, if any (``view`` is the folded analysis text); ``runs``:
    also families that are markers only in a run (``Family.run``), for the heading step.

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
    for name, family in FAMILIES.items():
        if family.first is not None and c not in family.first:
            continue  # (and a family's pattern is compiled only when a line can start with it)
        if family.run and not runs:
            continue
        m = family.pattern.match(view, pos)
        if not m:
            continue
        if family.opt_in and not articles:
            return None  # (第X条 without --articles: a legal article, never another marker)
        number = _number(m)
        if number is None:
            continue
        if m.end() >= len(view.rstrip()):
            # a bare marker with no text after it is a table cell, not a heading
            return None
        return Marker(name, number, pos, m.end())
    return None


def _number(m: re.Match) -> int | None:
    """The number a marker's named group gives (``register``); None: no marker after all."""
    groups = m.groupdict()
    if groups.get("w"):
        return _SEQUENCE_NUMBER[groups["w"]]
    if groups.get("c"):
        return next((series.index(groups["c"]) + 1 for series in _SERIES if groups["c"] in series), None)
    n = groups["n"]
    number = cn_number(n)
    return None if number == 0 and not n.isdigit() else number  # 零、 is not a heading


def starts_with_marker(view: str) -> bool:
    return match_marker(view) is not None


# -- the families ------------------------------------------------------------------
_N = rf"[{_CN}]{{1,4}}"
CIRCLED = _CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGIT = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGIT = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
#: Series whose character is the number (``c``): ① is 1 …
_SERIES = (_CIRCLED, _PAREN_DIGIT, _DOT_DIGIT, _PAREN_CN, _ROMAN)
_SEQUENCE_NUMBER = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}  # 0: closes any run

# Tried in this order (longest alternatives first where two families could both match at
# one position).  Speech enumerations (rank None: one level under the heading they
# follow) are shi, yao, ordinal, step and sequence.
register("part", rf"第(?P<n>{_N}|\d{{1,3}})\s*(?:[编篇]|部分)(?=\s|$|[:、　]|[\u4e00-\u9fff\d])\s*", 0,
         "第一编 / 第一篇 / 第一部分")
register("chapter", rf"第(?P<n>{_N}|\d{{1,3}})\s*章(?=\s|$|[:、]|[\u4e00-\u9fff])", 1, "第一章")
register("section", rf"第(?P<n>{_N}|\d{{1,3}})\s*节(?=\s|$|[:、]|[\u4e00-\u9fff])", 2, "第一节")
register("article", rf"第(?P<n>{_N}|\d{{1,3}})\s*条\s*", 8, "第一条 (only with --articles)",
         opt_in=True)
register("step", r"第(?P<n>[一二三四五六七八九十]{1,3})步\s*[,:]\s*", None, "第一步，")
register("ordinal", r"(?:第|其)(?P<n>[一二三四五六七八九十]{1,3})\s*[,:、]\s*", None, "第一， / 其一，")
register("roman", r"(?P<c>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])\s*[、.]?\s*", 2.5, "Ⅰ、 / Ⅱ.")
register("paren-cn", rf"(?:\(\s*(?P<n>{_N})\s*\)|(?P<c>[{_PAREN_CN}]))\s*[、.]?\s*", 4, "（一） / (一) / ㈠")
register("paren-arabic", rf"(?:\(\s*(?P<n>\d{{1,2}})\s*\)|(?P<c>[{_PAREN_DIGIT}]))\s*[、.]?\s*", 6, "（1） / ⑴")
register("circled", rf"(?P<c>[{_CIRCLED}])\s*", 7, "①")
register("shi", r"(?P<n>[一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“「《(])", None, "一是 / 二是")
register("yao", r"(?P<n>[一二三四五六七八九十]{1,3})要(?=[\u4e00-\u9fff“「《])", None, "一要 / 二要")
# 一抓…二抓…三抓…: a numeral and one verb, the same in every item. Any Han character can be that
# verb (一些, 三年), so the family counts only as a run of three items from one with one verb
# (headings._confirm_verb_runs): two (一抓…二抓…) are as often a figure of speech as a list.
# The marker is the numeral; the verb stays in the heading (一 / 抓党建促发展).
VERB_RUN = 3
register("verb", r"(?P<n>[一二三四五六七八九十]{1,2})(?=[\u4e00-\u9fff][\u4e00-\u9fff“「《])", None,
         "一抓 / 二抓 / 三抓 (a run of three)", run=VERB_RUN)
register("sequence", r"(?P<w>首先|其次|再次|最后)\s*[,:]\s*", None, "首先， / 其次， / 最后，")
register("arabic", rf"(?:(?P<n>\d{{1,2}})\s*[.、](?!\d)\s*|(?P<c>[{_DOT_DIGIT}])\s*)", 5, "1. / 1、 / ⒈")
register("cn", rf"(?P<n>{_N})\s*(?:[、.]\s*|\s+(?=[\u4e00-\u9fff“「《]))", 3, "一、 / 一. / 一 ")


# -- a heading at a marker -------------------------------------------------------------
_LEAD = re.compile(r"^[\s#*]*")
_STRIP_END = "。;；.，,、：: "


def clean_heading(text: str) -> str:
    """A heading's text without trailing spaces, Markdown marks and closing punctuation."""
    while True:  # trailing spaces and Markdown marks (rstrip: a `[…]+$` regex scans the line)
        stripped = text.rstrip().rstrip("*#")
        if stripped == text:
            break
        text = stripped
    text = text.strip()
    return text.rstrip(_STRIP_END).strip() or text.strip()


def heading_at(line: Line, pos: int, marker: Marker, whole: bool = False) -> Heading:
    """The heading that starts with ``marker`` at ``pos`` in ``line``."""
    rest_view = line.view[marker.end:]
    end = len(line.text)
    inline = False
    if not whole:
        t = SENTENCE_END.search(rest_view)
        if t is not None and line.view[marker.end + t.end():].strip(" *"):
            end = marker.end + t.end()
            inline = True
    text = clean_heading(line.text[marker.end:end])
    marker_text = line.text[marker.start:marker.end].strip()
    return Heading(text=text, marker=marker_text, family=marker.family, number=marker.number,
                   line=line.no, inline=inline or pos > _LEAD.match(line.view).end(), offset=pos)


def heading_from_line(line: Line, articles: bool = False, whole: bool = False,
                      runs: bool = False) -> Heading | None:
    """A heading at the start of ``line``, or None (``runs``: see ``match_marker``)."""
    first = line.view[:1]
    lead = _LEAD.match(line.view).end() if first in "#*" or first.isspace() else 0
    marker = match_marker(line.view, lead, articles, runs)
    if marker is None:
        return None
    head = heading_at(line, lead, marker, whole)
    return head if head.text else None
