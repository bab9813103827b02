"""A fast YAML writer for our output tree, byte-identical to PyYAML's ``safe_dump``.

YAML 快速输出：只处理输出树用到的形状（映射、列表、字符串、整数），结果与 PyYAML 逐字节相同。

PyYAML's representer is pure Python and costs more than the whole heading analysis
of a document (~0.5 ms for a 200-node tree).  Our tree is simple: string keys,
block style, strings that are mostly Chinese.  This writer lays out the blocks
itself and writes a string bare only when PyYAML would (see :func:`_plain`); every
other scalar — quoted strings, numbers, ASCII words that could read as another
type — is represented by PyYAML itself.  Anything outside these shapes (a string
with a line break, a very long line) raises :class:`Unsupported` and the caller
uses PyYAML for the document.  ``tests/test_formats.py`` checks the output equals
PyYAML's on every corpus text and on generated trees.
"""
from __future__ import annotations

import re
from functools import lru_cache

#: PyYAML is called with this width; a longer line could be folded by it.
WIDTH = 10_000
_MAX_SCALAR = 4_000


class Unsupported(Exception):
    """The tree has a shape this writer does not lay out like PyYAML."""


# Characters PyYAML writes bare with allow_unicode (its Emitter.analyze_scalar): printable
# ASCII and printable non-ASCII except the BOM; no tabs, no line breaks (\x85, \u2028 and
# \u2029 are line breaks to YAML).
# (Listed as the characters left out: a class of the few excluded ranges compiles in
# 0.4 ms, the equivalent negated class of the allowed ones in 4 ms.)
_NOT_PLAIN_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U0010ffff]")
_INDICATOR_START = frozenset("#,[]{}&*!|>'\"%@`")


def _plain(s: str) -> bool:
    """True when PyYAML writes ``s`` as a plain (unquoted) scalar in block context.

    Only strings with a non-ASCII character qualify: none of YAML's implicit types
    (bool, int, float, null, timestamp) can then match, so no resolver intervenes."""
    if not s or s.isascii() or s[0] == " " or s[-1] == " " or len(s) > _MAX_SCALAR:
        return False
    first = s[0]
    if first in _INDICATOR_START or (first in "?:-" and s[1:2] in ("", " ")):
        return False
    if s.startswith(("---", "...")) or ": " in s or s[-1] == ":" or " #" in s:
        return False
    return _NOT_PLAIN_CHAR.search(s) is None


@lru_cache(maxsize=4096)
def _by_pyyaml(value) -> str:
    """One scalar as PyYAML writes it at the top level (the same style it uses inside a
    block mapping or sequence for single-line scalars)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(value, Dumper=dumper, allow_unicode=True, width=WIDTH)
    if text.endswith("\n...\n"):
        text = text[:-5]
    elif text.endswith("\n"):
        text = text[:-1]
    if "\n" in text:
        raise Unsupported("multi-line scalar")
    return text


#: Words YAML 1.1 (PyYAML's resolver) reads as booleans or null: quoted when a string.
_TYPED_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                         "null Null NULL".split())
#: Dates and date-times as our meta writes them (a subset of YAML's timestamp form).
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}:[0-9]{2})?")
#: An ASCII word that starts with a letter cannot read as a number, date or null.
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@lru_cache(maxsize=1024)
def _ascii_word(value: str) -> bool:
    """body, simplified, utf-8 … : written bare (and no PyYAML import for these)."""
    return value not in _TYPED_WORDS and _WORD.fullmatch(value) is not None


def _scalar(value) -> str:
    if isinstance(value, str):
        if _plain(value):
            return value
        if value.isascii() and _ascii_word(value):
            return value
        if not value or _TIMESTAMP.fullmatch(value):
            # '' reads as null and 2024-04-27 17:26:55 as a date: PyYAML single-quotes both
            return f"'{value}'"
        if len(value) > _MAX_SCALAR or _LINE_BREAK.search(value):
            raise Unsupported("long or multi-line string")
        return _by_pyyaml(value) if value.isascii() else _by_pyyaml.__wrapped__(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)  # PyYAML's represent_int
    if isinstance(value, float):
        return _by_pyyaml(value)
    raise Unsupported(type(value).__name__)


_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
_SIMPLE_KEY = re.compile(r"[a-z_][a-z0-9_]*")


@lru_cache(maxsize=256)
def _key(key) -> str:
    if not isinstance(key, str) or not _SIMPLE_KEY.fullmatch(key):
        raise Unsupported("key")
    return _scalar(key)  # "no" or "null" are quoted


def dump(data) -> str:
    """``yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
    default_flow_style=False, width=10000)`` for our tree; raises Unsupported."""
    out: list[str] = []
    if isinstance(data, dict) and data:
        _mapping(data, 0, out)
    elif isinstance(data, list) and data:
        _sequence(data, 0, out)
    else:
        raise Unsupported("top level")
    return "".join(out)


def _mapping(data: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    """Lines of a block mapping at ``indent``; the first key may follow ``- `` already written."""
    pad = " " * indent
    for n, (key, value) in enumerate(data.items()):
        out.append(first_prefix if n == 0 and first_prefix is not None else pad)
        out.append(_key(key))
        out.append(":")
        _value_after_key(value, indent, out)


def _value_after_key(value, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append(" {}\n")
        else:
            out.append("\n")
            _mapping(value, indent + 2, out)
    elif isinstance(value, list):
        if not value:
            out.append(" []\n")
        else:
            out.append("\n")
            _sequence(value, indent, out)  # PyYAML's sequences under a key are not indented
    else:
        text = _scalar(value)
        if indent + len(text) > WIDTH // 2:
            raise Unsupported("long line")
        out.append(" ")
        out.append(text)
        out.append("\n")


def _sequence(items: list, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first_prefix=pad + "- ")
        elif isinstance(item, (dict, list)):
            if item:
                raise Unsupported("a list directly in a list")
            out.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}\n")
        else:
            out.append(f"{pad}- {_scalar(item)}\n")
