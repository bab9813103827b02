"""Whitespace: drop indentation (U+3000, NBSP, tabs) and trailing spaces; U+2028 is a space.

空白：去掉全角空格、不换行空格、制表符缩进和行尾空白。标点（，。、“”……）原样保留。
"""
from __future__ import annotations

import re

_SPACES = re.compile(r"[\u00a0\u3000\u2028\u2029\t\u200b\ufeff]")
_RUNS = re.compile(r" {2,}")


def clean_spaces(text: str) -> str:
    text = _SPACES.sub(" ", text)
    if "  " in text:
        text = _RUNS.sub(" ", text)
    return text.strip()


def clean_lines(texts: list[str]) -> list[str]:
    """``clean_spaces`` of every line, with the substitutions done once over the whole text."""
    joined = _SPACES.sub(" ", "\n".join(texts))
    if "  " in joined:
        joined = _RUNS.sub(" ", joined)
    cleaned = [t.strip() for t in joined.split("\n")]
    if len(cleaned) != len(texts):  # a line held a newline
        return [clean_spaces(t) for t in texts]
    return cleaned
