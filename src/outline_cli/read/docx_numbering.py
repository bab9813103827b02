"""Word's automatic list numbering: the 一、/（一）/1. that Word and WPS draw but do not store.

Word 自动编号：很多讲话稿、公文的“一、”“（一）”“1.”是 Word/WPS 的自动编号，文字里没有，
只在 numbering.xml 里有格式。这里按 Word 的规则数出每段的编号，把它加回段首。

A numbered paragraph carries ``<w:numPr>`` (list ``numId`` and level ``ilvl``), directly or
through its paragraph style (a 标题 1 style linked to a multi-level list).  The list's
abstract definition gives each level a format (``chineseCounting`` → 一, ``decimal`` → 1)
and a text (``%1、``, ``（%2）``); counters run per list instance, and using a level restarts
the deeper ones (ECMA-376 Part 1, §17.9).  python-docx reads the XML but does not number
(its ``paragraph.text`` has no marker); docx2python numbers only Latin formats (no
``chineseCounting``), and would parse the whole document a second time — so this small
counter is written here, over the elements python-docx already parsed.
"""
from __future__ import annotations

import re

from ..markers import CIRCLED as _CIRCLED
from ..markers import chinese_numeral

_PLACEHOLDER = re.compile(r"%([1-9])")


def _int(value, default: int) -> int:
    """A number attribute; a damaged one counts as its default (the text is still read)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
#: Levels a list may have (w:ilvl 0–8).
LEVELS = 9
#: Styles followed up the based-on chain for a list (a damaged file may loop).
STYLE_DEPTH = 10


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(fmt: str, n: int) -> str | None:
    """The number ``n`` in a ``w:numFmt``; None for a bullet or no number (nothing to add)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographDigital", "japaneseCounting", "taiwaneseCounting", "koreanCounting"):
        return chinese_numeral(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("ideographTraditional",) and 0 < n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("bullet", "none"):
        return None
    return str(n)  # decimal, decimalZero, decimalFullWidth … and formats not known here


class Numbering:
    """Counts the numbered paragraphs of one document in order; ``marker(paragraph)``
    gives the text Word draws before it ('' when it has none)."""

    def __init__(self, word) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (fmt, text, start)
        self._counts: dict[str, list[int | None]] = {}  # None: the level not counted yet
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: nothing is numbered
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
            if definition is None:
                continue
            levels = {ilvl: spec for ilvl, spec in self._read_levels(definition)}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(qn("w:val")), 1))
            self._levels[num.get(qn("w:numId"))] = levels

    def _read_levels(self, definition):
        qn = self._qn
        for lvl in definition.findall(qn("w:lvl")):
            ilvl = _int(lvl.get(qn("w:ilvl")), 0)
            values = []
            for tag, default in (("w:numFmt", "decimal"), ("w:lvlText", ""), ("w:start", "1")):
                e = lvl.find(qn(tag))
                values.append(e.get(qn("w:val"), default) if e is not None else default)
            yield ilvl, (values[0], values[1], _int(values[2], 1))

    def _num_pr(self, paragraph, style):
        qn = self._qn
        ppr = paragraph._p.pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        for _ in range(STYLE_DEPTH):  # a heading style linked to a list, or its base style
            if num_pr is not None or style is None:
                break
            spr = style.element.pPr
            num_pr = spr.find(qn("w:numPr")) if spr is not None else None
            style = style.base_style
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        return (num_id.get(qn("w:val")) if num_id is not None else None,
                _int(ilvl.get(qn("w:val")), 0) if ilvl is not None else 0)

    @property
    def active(self) -> bool:
        """Does the document define any numbered list?"""
        return bool(self._levels)

    def marker(self, paragraph, style) -> str:
        """The number Word draws before ``paragraph`` (``style``: its style, looked up once
        by the caller — python-docx scans every style for each lookup)."""
        if not self._levels:
            return ""
        found = self._num_pr(paragraph, style)
        if found is None or found[0] not in self._levels:
            return ""  # not numbered, or numId 0 (numbering switched off)
        num_id, ilvl = found
        levels = self._levels[num_id]
        if ilvl not in levels or not 0 <= ilvl < LEVELS:
            return ""
        counts = self._counts.setdefault(num_id, [None] * LEVELS)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] is not None else levels[ilvl][2]
        for deeper in range(ilvl + 1, LEVELS):
            counts[deeper] = None  # using a level restarts the levels below it

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in levels:
                return ""
            n = counts[k] if counts[k] is not None else levels[k][2]
            return format_number(levels[k][0], n) or ""
        fmt, text, _ = levels[ilvl]
        if format_number(fmt, 1) is None:
            return ""  # a bullet list: its items are not numbered headings
        return _PLACEHOLDER.sub(value, text)
