"""Hard wraps: join a line broken in the middle of a sentence (…“战前 / 动员”。…).

硬换行：把句子中间断开的两行接回一行；标题、列表项和以句末标点结尾的行不接。

A line is joined to the next one only when both stand on adjacent source lines,
the first is long (a wrap happens at a fixed width, never after a short heading),
ends without sentence-final punctuation, and neither starts with a heading
marker; the next line must start like the middle of a sentence.
"""
from __future__ import annotations

import re

from ..chars import CLOSING_QUOTES, RAW_SENTENCE_ENDS, counts_by_high_byte, han_count, has_sentence_end
from ..patterns import LazyPattern

#: A wrapped line is at least this long (headings and titles are shorter).
MIN_WRAPPED = 24

#: A line ending in one of these ends a sentence or a quotation (endswith: O(1), where a
#: `[…]$` regex tests every character of the line for the class).
_ENDS = tuple(RAW_SENTENCE_ENDS + "：:…" + CLOSING_QUOTES + "）)")
_CONTINUES = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff”’」』，,、）)0-9…]")  # (… : a sentence's trailing ……)
_PROSE = re.compile(r"[，,、“”「」；;]")
_CLAUSE = re.compile(r"[，,；;]")


def should_join(first: str, second: str, starts_heading) -> bool:
    if len(first) < MIN_WRAPPED or first.endswith(_ENDS):
        return False
    if not _CONTINUES.match(second):
        return False
    if han_count(first) < len(first) // 2:
        return False  # not Chinese prose (a data line, a URL, Markdown front matter)
    if first.count(" ") >= 3 or not _PROSE.search(first):
        return False  # a menu or footer line (网站简介 广告合作 …), not a broken sentence
    if not has_sentence_end(first) and first.count(",") + first.count("，") < 2:
        return False  # no sentence in it yet: a title or a caption, not a paragraph
    if starts_heading(second):
        return False  # a new heading or list item
    if starts_heading(first) and not has_sentence_end(first):
        return False  # a heading line; a paragraph that opens with an inline heading may wrap
    return True


#: East Asian Wide and Fullwidth ranges.  The classes built from them are compiled only
#: when a width is measured: a wide class costs milliseconds to compile, on every run.
_WIDE_RANGES = (r"\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
                r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6")


_NARROW = LazyPattern("[^" + _WIDE_RANGES + "]+")  # runs of narrow characters

# The same ranges by UTF-16 high byte (chars.counts_by_high_byte): blocks wholly or mostly
# wide are marked, and the rare characters the marking gets wrong are looked for apart —
# wide ones in unmarked blocks (Hangul jamo, radicals, vertical forms) and narrow ones in
# marked blocks (〿, hexagrams, half-width katakana).  Exact, and 3x faster than deleting
# the narrow runs.
_WIDE_HIGH = bytes(1 if b in (0x2F, 0x30, 0x31, 0x32, 0x33, 0xF9, 0xFA, 0xFF) or 0x34 <= b <= 0x9F
                   or 0xAC <= b <= 0xD7 else 0 for b in range(256))
_WIDE_UNMARKED = "\u1100-\u115f\u2e80-\u2eff\ua960-\ua97f\ufe30-\ufe4f"
_NARROW_MARKED = "\u303f\u3040\u4dc0-\u4dff\ud7a4-\ud7ff\uff61-\uffdf\uffe7-\uffff"
_MISMARKED = LazyPattern("[" + _WIDE_UNMARKED + _NARROW_MARKED + "]")
_IS_WIDE_UNMARKED = LazyPattern("[" + _WIDE_UNMARKED + "]")


def display_width(text: str) -> int:
    """Columns on screen: CJK and full-width characters take two (East Asian Width W/F)."""
    # deleting the (few) narrow runs and measuring beats listing the (many) wide characters
    return len(text) + len(_NARROW.sub("", text))


def display_widths(texts: list[str]) -> list[int]:
    """``display_width`` of many lines (none holding a newline), in one pass."""
    wide = counts_by_high_byte(texts, _WIDE_HIGH, _MISMARKED,
                               lambda c: 1 if _IS_WIDE_UNMARKED.match(c) else -1)
    return [len(t) + w for t, w in zip(texts, wide)]


#: Lines at least this long are measured for a wrap width (shorter ones end paragraphs).
MEASURED_MIN = 16
#: Lines at the width (or one less) needed, as a share of the measured lines and at least.
WIDTH_SHARE, WIDTH_MIN_LINES = 0.3, 6
#: Text lines longer than the width a wrapped text may still hold: a long notice or widget
#: the site printed whole (issue 18: page chrome is never re-wrapped; on the dev variants
#: at most two such paragraph lines stand in a wrapped text).  "Almost no line exceeds
#: the width": a text with more paragraph lines longer than the width is not wrapped there.
OVER_WIDTH_MAX_LINES, OVER_WIDTH_MAX_SHARE = 2, 0.02
#: A line that opens with an HTML tag (<figcaption>…</figcaption>, <img …>) is page markup
#: the site printed whole, like its chrome: longer than the width, it is no paragraph line.
_MARKUP_LINE = re.compile(r"^\s*</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def fixed_width(lines: list[str], views: list[str] | None = None,
                starts_heading=None) -> tuple[str, int] | None:
    """The width a text was wrapped at (copied from a PDF, an e-mail, a terminal), if any.

    Returns ``("chars", n)`` or ``("columns", n)`` when a large share of the long lines
    have the same length — the wrap width — and almost no paragraph line is longer (page
    markup lines are not paragraph lines); else None.  ``views``: the lines' analysis views (folded, simplified), read for markers and
    sentence ends.  Lines that open with a heading marker (``starts_heading(view)``) are
    not measured: a 目录 block or a run of list items has many lines of about one length."""
    from collections import Counter

    from ..classify import reads_as_text

    best = None
    views = lines if views is None else views
    picked = [k for k, t in enumerate(lines) if len(t) >= MEASURED_MIN
              and not (starts_heading and starts_heading(views[k]))]
    long = [lines[k] for k in picked]
    texts = [reads_as_text(views[k]) and not _MARKUP_LINE.match(lines[k]) for k in picked]
    for unit, measure in (("chars", lambda ts: list(map(len, ts))), ("columns", display_widths)):
        if best is not None:
            break  # a width in characters is found: no need to measure columns
        sizes = measure(long)
        if len(sizes) < 8:
            continue
        counts = Counter(sizes)
        allowed = max(OVER_WIDTH_MAX_LINES, OVER_WIDTH_MAX_SHARE * len(sizes))
        for width, _ in sorted(counts.items(), key=lambda kv: (kv[1] + counts.get(kv[0] - 1, 0), kv[0]),
                               reverse=True):
            n = counts[width] + counts.get(width - 1, 0)
            if n < max(WIDTH_MIN_LINES, WIDTH_SHARE * len(sizes)):
                break  # the next candidates are rarer still
            over = sum(1 for size, text in zip(sizes, texts) if size > width and text)
            if over <= allowed:
                if best is None or n > best[2]:
                    best = (unit, width, n)
                break
    return (best[0], best[1]) if best else None


def starts_heading_through_glosses(view: str, starts_heading) -> bool:
    """``starts_heading`` read through pinyin glosses (一(yī)、…, 第三(sān)章): the
    fixed-width step runs before the glosses are cut, and a wrap may cut one in two."""
    if starts_heading(view):
        return True
    if "(" not in view[:MARKER_GLOSS_PEEK] and "（" not in view[:MARKER_GLOSS_PEEK]:
        return False
    plain = unglossed(view)
    return plain != view and starts_heading(plain)


#: How far into a line a gloss may stand and still be inside its marker (第十二(shí'èr)章).
MARKER_GLOSS_PEEK = 12
#: A line ending in one of these breaks off mid-phrase: a heading goes on in the next line.
_OPEN_ENDS = tuple("，,、：:（(“‘《「『—-")


def heading_at_width(first: str, second: str, second_indented: bool, second_full: bool,
                     starts_heading, siblings_are_headings=None) -> bool:
    """Whether ``first``, a line as long as the wrap width, is a whole heading that the
    next line does not continue (issue 18 shape 7): it opens with a heading marker, holds
    no sentence end and does not break off mid-phrase (at a comma, inside a bracket it
    opened, in a Latin word), and the next line opens a paragraph of its own — indented, as
    a paragraph's first line is; or itself as long as the width (a full paragraph line)
    while ``first`` holds no prose punctuation — or only 、 and quotes, under a ranked
    marker whose numbering neighbours are headings (``siblings_are_headings()``): a
    heading line with commas at the width is as likely a long heading (a 目录 entry) that
    goes on.  A
    paragraph that opens with an inline heading (一是…。要…) holds a sentence end: it wraps."""
    if has_sentence_end(first) or first.endswith(_OPEN_ENDS) or _breaks_off(first, second):
        return False
    if not starts_heading_through_glosses(first, starts_heading):
        return False
    from ..markers import match_marker  # already loaded by the normalize steps

    plain = unglossed(first)
    marker = match_marker(plain)
    words = plain[marker.end:] if marker else plain  # the marker's own 、 is not prose
    if second_indented:
        return True
    if not second_full:
        return False
    if not _PROSE.search(words):
        return True
    # a list 、 and quoted terms are heading words too when the numbering neighbours of a
    # ranked marker (一、 before 二、 before 三、) are headings, not sentences (issue 18: the
    # items of a note, 7.单病种包括……、……。, are sentences); a clause break (，；) still
    # says the line may be a long heading going on (a 目录 entry)
    return bool(marker is not None and not marker.floating and not _CLAUSE.search(words)
                and siblings_are_headings is not None and siblings_are_headings())


#: Bracket pairs a heading closes before it ends.
_PAIRS = ("（）", "()", "《》", "「」", "『』", "“”", "【】", "[]")


def _breaks_off(first: str, second: str) -> bool:
    """``first`` stops inside something the next line finishes: a bracket it opened and did
    not close (…SOP（按：standard op), or a Latin word cut in two (op / erating)."""
    if any(first.count(a) > first.count(b) for a, b in _PAIRS if a in first):
        return True
    return first[-1:].isascii() and first[-1:].isalpha() and second[:1].isascii() and second[:1].isalpha()


def unglossed(view: str) -> str:
    if "(" not in view and "（" not in view:
        return view
    from .pinyin import strip_glosses

    return strip_glosses(view)[0]


def wrapped_at(text: str, wrap: tuple[str, int]) -> bool:
    unit, width = wrap
    size = len(text) if unit == "chars" else display_width(text)
    return size >= width - 1


def goes_on(prev, line, wrap: tuple[str, int], starts_heading) -> bool:
    """Does source line ``line`` carry on ``prev`` (a Line) wrapped at ``wrap``?  It comes
    right after it in the source, ``prev`` ends at the width (trailing spaces aside), and
    ``line`` does not open a heading.  The 目录 step and the heading-neighbour test read
    units of wrapped lines with it; the fixed-width step adds its own evidence."""
    return (line.no == prev.end + 1 and wrapped_at(prev.source_tail.rstrip(), wrap)
            and not starts_heading_through_glosses(line.view, starts_heading))


def over_width(text: str, wrap: tuple[str, int]) -> bool:
    """A line longer than the wrap width was printed whole (a notice, a widget, an image
    link the site did not re-wrap): it does not go on in the next line."""
    unit, width = wrap
    text = text.rstrip()
    return (len(text) if unit == "chars" else display_width(text)) > width
