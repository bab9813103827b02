"""Apply the data rules of ``rules/*.yaml`` to a document.

规则引擎：按顺序执行每条规则，删除整行、删除行内片段，或把信息记入 meta。

Rules run in file order, each over the whole document.  Most rules are about short
lines (``max_len``), so lines are indexed by length once and a rule only visits the
lines short enough for it: long body paragraphs cost nothing for footer rules.
(Combining all patterns into one alternation was measured slower than running them
one by one: Python's re tries every branch at every position.)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from ..chars import han_count
from ..document import Document, Line
from .rules import Rule, RuleTimeout

_PUNCT_ONLY = re.compile(r"^[\s\W_]*$")
_ENDS = re.compile(r"[。!?;]")
_SPACED = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]")
#: How many lines a block rule may span before we refuse to drop it (safety).
MAX_BLOCK = 80


def strong(view: str) -> bool:
    """A line that reads like body text: long enough and ends sentences."""
    han = han_count(view)
    return han >= 15 and _ENDS.search(view) is not None or han >= 60


class _Run:
    """The state of one pass of the rules over a document."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lines = doc.lines
        self.alive = [ln.role == "body" for ln in self.lines]
        self.dead = [False] * len(self.lines)
        self.strong = [strong(ln.view) for ln in self.lines]
        self.drops = 0
        # "版 权 所 有": text spaced out character by character is also matched without spaces
        self.compact = {i: ln.view.replace(" ", "") for i, ln in enumerate(self.lines)
                        if _SPACED.search(ln.view)}
        self._index_lengths()
        self._zones()

    def _index_lengths(self) -> None:
        self.by_len = sorted(range(len(self.lines)), key=lambda i: len(self.lines[i].text))
        self.lens = [len(self.lines[i].text) for i in self.by_len]

    def _zones(self) -> None:
        """First and last strong line still alive: what lies outside is head/tail."""
        marks = [i for i, s in enumerate(self.strong) if s and not self.dead[i]]
        self.first, self.last = (marks[0], marks[-1]) if marks else (0, len(self.lines) - 1)

    def in_zone(self, rule: Rule, i: int) -> bool:
        if rule.zone == "any":
            return True
        head, tail = i < self.first, i > self.last
        return {"head": head, "tail": tail, "edge": head or tail}[rule.zone]

    def candidates(self, rule: Rule) -> list[int]:
        """Alive lines within the rule's length limits, in document order."""
        lo = 0 if not rule.min_len else bisect_right(self.lens, rule.min_len - 1)
        hi = len(self.lens) if not rule.max_len else bisect_right(self.lens, rule.max_len)
        alive = self.alive
        found = [i for i in self.by_len[lo:hi] if alive[i]]
        found.sort()
        return found

    def drop(self, i: int, rule: Rule, action: str | None = None) -> None:
        self.alive[i] = False
        self.dead[i] = True
        self.drops += 1
        self.doc.remove(self.lines[i], rule.id, rule.category, action or rule.action)

    def finish(self) -> None:
        self.doc.lines = [ln for ln, d in zip(self.lines, self.dead) if not d]


def _set_meta(doc: Document, rule: Rule, m: re.Match, line: Line) -> None:
    if not rule.meta:
        return
    if rule.meta == "fields":  # raw lines, parsed into source/editor/date by structure.meta
        doc.meta.setdefault("_fields", []).append((line.no, line.text))
        return
    groups = {k: _value(v) for k, v in m.groupdict().items() if v is not None}
    target: dict[str, Any] = doc.meta
    *path, last = rule.meta.split(".")
    for key in path:
        target = target.setdefault(key, {})
    bucket = target.setdefault(last, {})
    if isinstance(bucket, dict):
        for k, v in groups.items():
            bucket.setdefault(k, v)


def _value(v: str) -> Any:
    return int(v) if v.isdigit() else v.strip()


def apply_rules(doc: Document, rules: list[Rule]) -> None:
    run = _Run(doc)
    for rule in rules:
        removed_before = run.drops
        try:
            changed = _SCOPES[rule.scope](run, rule)
        except RuleTimeout:
            doc.warn(0, "rule-timeout", f"rule {rule.id} ({rule.origin}) took too long on a line "
                                        "and was skipped for this document (catastrophic backtracking?)")
            changed = True
        if changed:  # a cut changed line lengths
            run._index_lengths()
        if run.drops != removed_before:
            run._zones()
    run.finish()


def _line_scope(run: _Run, rule: Rule) -> bool:
    search = rule.pattern.search
    lines, compact = run.lines, run.compact
    candidates = run.candidates(rule)
    if rule.zone != "any":
        candidates = [i for i in candidates if run.in_zone(rule, i)]
    hits = []
    for i in candidates:
        m = search(lines[i].view)
        if m is None and i in compact:
            m = search(compact[i])
        if m is not None:
            hits.append((i, m))
    for i, m in hits:
        _set_meta(run.doc, rule, m, run.lines[i])
        run.drop(i, rule)
        if rule.marks == "body-end":
            run.doc.meta.setdefault("_body_end", []).append(run.lines[i].no)
    return False


def _cut_scope(run: _Run, rule: Rule, to_line_end: bool) -> bool:
    """Cut each match out of its line (``span``), or from the match to the line's end
    (``to-line-end``); a line left with nothing but punctuation goes."""
    changed = False
    for i in run.candidates(rule):
        ln = run.lines[i]
        if not run.in_zone(rule, i):
            continue
        if to_line_end:
            m = rule.pattern.search(ln.view)
            cuts = [(m, len(ln.text))] if m is not None else []
        else:
            cuts = [(m, m.end()) for m in rule.pattern.finditer(ln.view) if m.end() > m.start()]
        for m, stop in reversed(cuts):  # from the end, so earlier offsets stay valid
            _set_meta(run.doc, rule, m, ln)
            run.doc.cut(ln, m.start(), stop, rule.id, rule.category, rule.action)
            changed = True
        if cuts and _PUNCT_ONLY.match(ln.view):
            run.alive[i] = False  # nothing but the notice was on the line
            run.dead[i] = True
            run.drops += 1
    return changed


def _rest_of_document(run: _Run, rule: Rule) -> bool:
    for i in run.candidates(rule):
        ln = run.lines[i]
        if not run.in_zone(rule, i):
            continue
        m = rule.pattern.search(ln.view)
        if m is None:
            continue
        _set_meta(run.doc, rule, m, ln)
        run.doc.cut(ln, m.start(), len(ln.text), rule.id, rule.category, rule.action)
        if _PUNCT_ONLY.match(ln.view):
            run.alive[i] = False
            run.dead[i] = True
            run.drops += 1
        for j in range(i + 1, len(run.lines)):
            if not run.dead[j]:
                run.drop(j, rule, "drop")
        return True
    return False


def _block_scope(run: _Run, rule: Rule) -> bool:
    lines = run.lines
    i = 0
    while i < len(lines):
        if run.alive[i] and run.in_zone(rule, i) and rule.pattern.search(lines[i].view):
            for j in range(i + 1, min(len(lines), i + MAX_BLOCK)):
                if not run.dead[j] and rule.end.search(lines[j].view):
                    for k in range(i, j + 1):
                        if not run.dead[k]:
                            run.drop(k, rule)
                    i = j
                    break
        i += 1
    return False


_SCOPES = {
    "line": _line_scope,
    "span": lambda run, rule: _cut_scope(run, rule, to_line_end=False),
    "to-line-end": lambda run, rule: _cut_scope(run, rule, to_line_end=True),
    "rest-of-document": _rest_of_document,
    "block": _block_scope,
}
