"""Indented JSON for our output tree, byte-identical to ``json.dumps(…, indent=2)``.

JSON 快速输出：缩进格式与标准库 json.dumps(indent=2, ensure_ascii=False) 逐字节相同。

The standard library encodes in C only without ``indent``; with it, every value
goes through the pure-Python encoder, which costs more than the outline itself.
Here the layout is ours and every string is escaped by the C escaper the standard
library itself uses.  ``tests/test_formats.py`` checks the bytes equal
``json.dumps`` on every corpus text and on generated trees.
"""
from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper when the _json module is there

_INDENT = "  "


def dumps(data) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` for trees of dicts with string
    keys, lists, strings, numbers, booleans and None (anything else: the standard library)."""
    out: list[str] = []
    try:
        _value(data, "", out)
    except _Other:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)


class _Other(Exception):
    pass


def _value(value, pad: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        if any(not isinstance(key, str) for key in value):
            raise _Other  # json turns other keys into strings its own way
        _block("{", "}", [encode_basestring(key) + ": " for key in value], value.values(), pad, out)
    elif isinstance(value, list):
        _block("[", "]", [""] * len(value), value, pad, out)
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    else:
        raise _Other  # floats (nan, inf), tuples, subclasses: as the standard library does


def _block(opening: str, closing: str, labels: list[str], items, pad: str, out: list[str]) -> None:
    """A dict or list: one item a line, each after its label ("key": or nothing)."""
    if not labels:
        out.append(opening + closing)
        return
    inner = pad + _INDENT
    out.append(opening + "\n")
    for n, (label, item) in enumerate(zip(labels, items)):
        if n:
            out.append(",\n")
        out.append(inner + label)
        _value(item, inner, out)
    out.append("\n" + pad + closing)
