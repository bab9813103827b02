"""Script: tell simplified from traditional, and convert with OpenCC.

繁简：判断输入是简体还是繁体；分析一律在简体视图上进行，输出按 --script 转换。

We use OpenCC's own Python wheel (``opencc``, native code, same import name as the
design card's ``opencc-python-reimplemented``): it converts at 60–140 MB/s where the
pure-Python port manages ~2 MB/s and corrupts text (its tw2s turns 什么 into 什幺).
It costs ~15 ms to load, paid only when the text needs it: simplified input with
``--script keep`` never loads OpenCC.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..data import read_text
from ..chars import CharClass, han_count

# Folding for the analysis view: full-width ASCII (！…～) to half width, ideographic
# and no-break spaces to a space.  One character to one character, so offsets in
# the view are offsets in the text.
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2028: 0x20, 0x2029: 0x20, 0x09: 0x20})


_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")
_FOLDED = {chr(k): chr(v) for k, v in _FOLD.items()}


def fold_width(text: str) -> str:
    # one str.replace per distinct foldable character present (a document has a dozen),
    # each found by a search that resumes where the last one stopped (nothing foldable lies
    # before it): several times faster than str.translate, whose dict lookup per character
    # dominates on Chinese text, and than listing every occurrence first (every ，)
    search = _FOLDABLE.search
    m = search(text)
    while m is not None:
        c = m.group()
        text = text.replace(c, _FOLDED[c])
        m = search(text, m.start())
    return text


@lru_cache(maxsize=1)
def traditional_chars() -> frozenset[str]:
    data = read_text("traditional_chars.txt")
    return frozenset("".join(ln for ln in data.splitlines() if not ln.startswith("#")))




#: Traditional-only characters, counted in C (chars.CharClass).
TRADITIONAL = CharClass(lambda: map(ord, traditional_chars()))


SAMPLE = 4000


def detect_script(text: str, sample: int = SAMPLE, han: int | None = None) -> str:
    """'traditional' when traditional-only characters are more than 3% of the Han text
    (of the first ``sample`` characters; ``han`` is their Han count when known)."""
    head = text[:sample]
    if han is None:
        han = han_count(head)
    if not han:
        return "simplified"
    hits = TRADITIONAL.count(head, whole_document=True)
    return "traditional" if hits / han > 0.03 else "simplified"


@lru_cache(maxsize=None)
def converter(config: str):
    """An OpenCC ``convert`` function for a configuration name such as 'hk2s'."""
    import opencc  # lazy: ~12 ms import, ~2 ms per converter

    return opencc.OpenCC(config).convert


#: Traditional → simplified: tw2s also turns 看著/著急/掌握著 into 着 (t2s and hk2s keep 著).
TO_SIMPLIFIED = "tw2s"


def to_simplified(text: str) -> str:
    return converter(TO_SIMPLIFIED)(text)


#: OpenCC configuration for (input script, --script); None means leave as is.
_OUTPUT = {
    ("traditional", "simplified"): TO_SIMPLIFIED,
    ("simplified", "traditional"): "s2t",
    ("simplified", "hk"): "s2hk",
    ("simplified", "tw"): "s2tw",
    ("traditional", "hk"): "t2hk",
    ("traditional", "tw"): "t2tw",
}


def output_converter(input_script: str, wanted: str):
    """A function that turns output text into the ``--script`` the user asked for."""
    config = _OUTPUT.get((input_script, wanted))
    if config is None:
        return lambda s: s
    return converter(config)


def make_view(script: str):
    """The function that maps a line's text to its analysis view."""
    if script == "simplified":
        return fold_width
    conv = converter(TO_SIMPLIFIED)

    def view(text: str) -> str:
        out = conv(text)
        if len(out) != len(text):  # a phrase rule changed the length: convert per character
            out = "".join(conv(c) for c in text)
        return fold_width(out)

    view.convert = conv  # for many_views: one call for many texts
    return view


def many_views(view_of, texts: list[str]) -> list[str]:
    """``view_of`` of many texts, converting their joined text in one call (an OpenCC call
    per line costs more than the conversion).  Conversion never crosses a line end, so a
    text's piece is its own view unless a phrase changed its length; such a text, or every
    text when one held a newline, is converted on its own, as ``view_of`` would."""
    joined = "\n".join(texts)
    convert = getattr(view_of, "convert", None)
    views = fold_width(convert(joined) if convert else joined).split("\n")
    if len(views) != len(texts):
        return [view_of(t) for t in texts]
    if view_of is fold_width:  # folding alone keeps every length: each piece is its view
        return views
    return [v if len(v) == len(t) else view_of(t) for v, t in zip(views, texts)]
