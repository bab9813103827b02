"""Pinyin glosses: remove 奔涌(bēnyǒng), 鄉(xiāng)鎮(zhèn), 教育(jiàoyù)(jiàoyù).

拼音注音：只删除真正是前面汉字读音的括注，(GDP)、(2024)、(区)、(一) 一律保留。

A parenthesised run is a gloss only when it splits into valid pinyin syllables
(checked against the syllable table in ``data/pinyin_syllables.txt``) and there
are at least as many Han characters right before it as it has syllables.
Upper-case runs (GDP, APP) are never glosses.  This is pypinyin's "lenient"
check from the research notes (335/335 glosses in the samples) without paying
pypinyin's 140 ms import.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..chars import lines_matching
from ..data import read_text
from ..patterns import LazyPattern

_TONED = str.maketrans({**{c: "a" for c in "āáǎà"}, **{c: "e" for c in "ēéěè"},
                        **{c: "i" for c in "īíǐì"}, **{c: "o" for c in "ōóǒò"},
                        **{c: "u" for c in "ūúǔù"}, **{c: "v" for c in "ǖǘǚǜü"},
                        "ń": "n", "ň": "n", "ǹ": "n", "ḿ": "m"})
_TONE_MARKS = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ")

#: What a gloss's run is made of.
_RUN_CHARS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ' "
#: A gloss: a bracketed run of pinyin right after a Han character.
GLOSS = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]([" + _RUN_CHARS + "]{1,60})[)）]")
_HAN_BEFORE = LazyPattern(r"[\u3400-\u9fff\uf900-\ufaff]+$")


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    data = read_text("pinyin_syllables.txt")
    return frozenset(ln.strip() for ln in data.splitlines() if ln and not ln.startswith("#"))


@lru_cache(maxsize=4096)  # a glossed text repeats its glosses: 鄉(xiāng) 248 times, 48 distinct
def count_syllables(run: str) -> int:
    """How many pinyin syllables ``run`` splits into (0 when it does not split)."""
    plain = run.translate(_TONED).replace("'", "").replace(" ", "")
    table = syllables()
    if plain in table:  # one character's gloss, the common case
        return 1
    n = len(plain)
    best = [0] + [-1] * n  # best[i]: fewest syllables covering plain[:i]
    for i in range(1, n + 1):
        for k in range(1, min(6, i) + 1):
            if best[i - k] >= 0 and plain[i - k:i] in table:
                cand = best[i - k] + 1
                if best[i] < 0 or cand < best[i]:
                    best[i] = cand
    return max(best[n], 0)


def is_gloss(run: str, han_before: int) -> bool:
    n = count_syllables(run)
    if n == 0 or n > han_before:
        return False
    # A bare one-letter run like (a) is more likely a list label than pinyin.
    return len(run) >= 2 or bool(_TONE_MARKS & set(run))


# An opening bracket followed by a character a gloss can hold, as one pattern per bracket:
# led by one character, each is searched for with a tight loop over the joined text (one
# class-led pattern tests every character: +1.1% of a batch's instructions, measured).
_OPENINGS = tuple(re.compile(re.escape(b) + f"(?=[{_RUN_CHARS}])") for b in "(（")


def lines_with_glosses(texts: list[str]) -> list[int]:
    """Indexes of the lines where a gloss may be: an opening bracket followed by a letter
    (most brackets hold （一）, (记者 …) or (2024)), found over the joined text at once."""
    return lines_matching(texts, _OPENINGS)


def strip_glosses(text: str) -> tuple[str, list[str]]:
    """Remove pinyin glosses; return the text and the removed glosses."""
    if "(" not in text and "（" not in text:
        return text, []
    removed: list[str] = []
    out: list[str] = []
    pos = 0
    for m in GLOSS.finditer(text):
        # a gloss directly follows Han characters, so the run before it is the same
        # in the text and in the output
        han = _HAN_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if han and is_gloss(m.group(1), len(han.group(0))):
            out.append(text[pos:m.start()])
            removed.append(m.group(0))
            pos = m.end()
    if not removed:
        return text, []
    out.append(text[pos:])
    text = "".join(out)
    # a doubled gloss (教育(jiàoyù)(jiàoyù)) leaves a second one right after the first
    again, more = strip_glosses(text)
    return again, removed + more
