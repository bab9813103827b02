"""Whitespace: drop indentation (U+3000, NBSP, tabs) and trailing spaces; U+2028 is a space.

空白：去掉全角空格、不换行空格、制表符缩进和行尾空白。标点（，。、“”……）原样保留。
"""
from __future__ import annotations

#: Characters that become a plain space.
ODD_SPACES = "\u00a0\u3000\u2028\u2029\t\u200b\ufeff"


def _spaces(text: str) -> str:
    # str.find and str.replace instead of a regex: a character class makes the regex engine
    # test every character of the text in turn, a substring search does not (3x fewer
    # instructions over a document)
    for c in ODD_SPACES:
        if c in text:
            text = text.replace(c, " ")
    while "  " in text:  # a run of n spaces is one after log2(n) rounds
        text = text.replace("  ", " ")
    return text


def clean_spaces(text: str) -> str:
    return _spaces(text).strip()


def clean_lines(texts: list[str]) -> list[str]:
    """``clean_spaces`` of every line, with the replacements done once over the whole text."""
    cleaned = [t.strip() for t in _spaces("\n".join(texts)).split("\n")]
    if len(cleaned) != len(texts):  # a line held a newline
        return [clean_spaces(t) for t in texts]
    return cleaned
