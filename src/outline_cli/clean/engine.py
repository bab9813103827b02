"""Apply the data rules of ``rules/*.yaml`` to a document.

规则引擎：按顺序执行每条规则，删除整行、删除行内片段，或把信息记入 meta。
"""
from __future__ import annotations

import re
from typing import Any

from ..document import Document, Line
from .rules import Rule

_PUNCT_ONLY = re.compile(r"^[\s\W_]*$")
#: How many lines a block rule may span before we refuse to drop it (safety).
MAX_BLOCK = 80


def strong(view: str) -> bool:
    """A line that reads like body text: long enough and ends sentences."""
    han = sum(1 for c in view if "\u4e00" <= c <= "\u9fff")
    return han >= 15 and any(p in view for p in "。!?;") or han >= 60


def edge_zones(lines: list[Line], flags: dict[int, bool] | None = None) -> tuple[int, int]:
    """Index of the first and last strong line (a cheap estimate of the body span)."""
    if flags is None:
        flags = {}
    marks = [i for i, ln in enumerate(lines)
             if flags.get(id(ln), None) or (id(ln) not in flags and strong(ln.view))]
    if not marks:
        return 0, len(lines) - 1
    return marks[0], marks[-1]


def _in_zone(rule: Rule, i: int, first: int, last: int) -> bool:
    if rule.zone == "any":
        return True
    head, tail = i < first, i > last
    return {"head": head, "tail": tail, "edge": head or tail}[rule.zone]


def _set_meta(doc: Document, rule: Rule, m: re.Match, line: Line) -> None:
    if not rule.meta:
        return
    groups = {k: _value(v) for k, v in m.groupdict().items() if v is not None}
    target: dict[str, Any] = doc.meta
    *path, last = rule.meta.split(".")
    for key in path:
        target = target.setdefault(key, {})
    if rule.meta == "fields":  # raw lines, parsed into source/editor/date by structure.meta
        doc.meta.setdefault("_fields", []).append((line.no, line.text))
        return
    bucket = target.setdefault(last, {})
    if isinstance(bucket, dict):
        for k, v in groups.items():
            bucket.setdefault(k, v)


def _value(v: str) -> Any:
    return int(v) if v.isdigit() else v.strip()


def _len_ok(rule: Rule, line: Line) -> bool:
    n = len(line.text)
    return (rule.max_len is None or n <= rule.max_len) and (rule.min_len is None or n >= rule.min_len)


def apply_rules(doc: Document, rules: list[Rule]) -> None:
    flags = {id(ln): strong(ln.view) for ln in doc.lines}  # computed once, not per rule
    for rule in rules:
        first, last = edge_zones(doc.lines, flags)
        handler = _SCOPES[rule.scope]
        handler(doc, rule, first, last)


def _line_scope(doc: Document, rule: Rule, first: int, last: int) -> None:
    kept = []
    for i, ln in enumerate(doc.lines):
        if ln.role == "body" and _len_ok(rule, ln) and _in_zone(rule, i, first, last):
            m = rule.pattern.search(ln.view)
            if m is None and " " in ln.view:
                m = rule.pattern.search(ln.view.replace(" ", ""))  # 版 权 所 有
            if m is not None:
                _set_meta(doc, rule, m, ln)
                doc.remove(ln, rule.id, rule.category, rule.action)
                if rule.marks == "body-end":
                    doc.meta.setdefault("_body_end", []).append(ln.no)
                continue
        kept.append(ln)
    doc.lines = kept


def _span_scope(doc: Document, rule: Rule, first: int, last: int) -> None:
    kept = []
    for i, ln in enumerate(doc.lines):
        if ln.role == "body" and _in_zone(rule, i, first, last):
            matches = [m for m in rule.pattern.finditer(ln.view) if m.end() > m.start()]
            for m in reversed(matches):
                _set_meta(doc, rule, m, ln)
                doc.cut(ln, m.start(), m.end(), rule.id, rule.category, rule.action)
            if matches and _PUNCT_ONLY.match(ln.view):
                continue  # nothing but the notice was on the line
        kept.append(ln)
    doc.lines = kept


def _to_line_end(doc: Document, rule: Rule, first: int, last: int) -> None:
    kept = []
    for i, ln in enumerate(doc.lines):
        if ln.role == "body" and _in_zone(rule, i, first, last):
            m = rule.pattern.search(ln.view)
            if m is not None:
                _set_meta(doc, rule, m, ln)
                doc.cut(ln, m.start(), len(ln.text), rule.id, rule.category, rule.action)
                if _PUNCT_ONLY.match(ln.view):
                    continue
        kept.append(ln)
    doc.lines = kept


def _rest_of_document(doc: Document, rule: Rule, first: int, last: int) -> None:
    for i, ln in enumerate(doc.lines):
        if ln.role != "body" or not _in_zone(rule, i, first, last):
            continue
        m = rule.pattern.search(ln.view)
        if m is None:
            continue
        _set_meta(doc, rule, m, ln)
        doc.cut(ln, m.start(), len(ln.text), rule.id, rule.category, rule.action)
        rest = doc.lines[i + 1:]
        for later in rest:
            doc.remove(later, rule.id, rule.category, "drop")
        doc.lines = doc.lines[:i] + ([] if _PUNCT_ONLY.match(ln.view) else [ln])
        return


def _block_scope(doc: Document, rule: Rule, first: int, last: int) -> None:
    i = 0
    lines = doc.lines
    while i < len(lines):
        ln = lines[i]
        if ln.role == "body" and _in_zone(rule, i, first, last) and rule.pattern.search(ln.view):
            for j in range(i + 1, min(len(lines), i + MAX_BLOCK)):
                if rule.end.search(lines[j].view):
                    for gone in lines[i:j + 1]:
                        doc.remove(gone, rule.id, rule.category, rule.action)
                    lines = lines[:i] + lines[j + 1:]
                    break
            else:
                i += 1
            continue
        i += 1
    doc.lines = lines


_SCOPES = {
    "line": _line_scope,
    "span": _span_scope,
    "to-line-end": _to_line_end,
    "rest-of-document": _rest_of_document,
    "block": _block_scope,
}
