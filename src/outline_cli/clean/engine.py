"""Apply the data rules of ``rules/*.yaml`` to a document.

规则引擎：按顺序执行每条规则，删除整行、删除行内片段，或把信息记入 meta。

Rules run in file order, each over the whole document, but a rule only searches the
lines that can match: those that hold one of the strings every match of its pattern
contains (``patterns.required``; all rules' strings are found in one Aho–Corasick pass
over the document), within its length limits (``max_len``: long body paragraphs cost
nothing for footer rules).  A rule whose strings occur nowhere is skipped with one set
test.  A rule with no such strings but anchored at the line start is tried only on the
lines whose first character can begin a match (``patterns.start_gate``, one pass over
the lines' first characters).  (Combining all patterns into one alternation was measured
slower than running them one by one: Python's re tries every branch at every position.)
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

from ..chars import SENTENCE_ENDS, line_starts
from ..classify import holds_body_text, reads_as_text
from ..document import Document, Line
from ..markers import match_marker
from ..patterns import LazyPattern
from .rules import Rule, RuleTimeout

_PUNCT_ONLY = re.compile(r"^[\s\W_]*$")
#: Text spaced out character by character (汉 汉 汉; tried only on lines with a space).
_SPACED = LazyPattern(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]")
#: How many lines a block rule may span before we refuse to drop it (safety).
MAX_BLOCK = 80


class LiteralIndex:
    """Every required literal of a rule set (``patterns.required``) in one Aho–Corasick
    automaton (the ``ahocorasick_rs`` library): one pass over a document finds every
    line holding any of them, for all rules at once."""

    def __init__(self, rules: list[Rule]):
        used = [r for r in rules if r.literals]
        literals = sorted({lit for r in used for lit in r.literals})
        number = {lit: n for n, lit in enumerate(literals)}
        self.of_rule = {r.id: frozenset(number[lit] for lit in r.literals) for r in used}
        self.rules_of: dict[int, list[str]] = {}  # literal number → the rules that need it
        for r in used:
            for n in self.of_rule[r.id]:
                self.rules_of.setdefault(n, []).append(r.id)
        self.literals = literals
        self.automaton = None
        self._passes = 0
        if literals:
            from ahocorasick_rs import AhoCorasick

            self.automaton = AhoCorasick(literals)

    #: Passes made with the default automaton before the DFA is built: a DFA takes ~1 ms
    #: more to build (a one-file run never repays it) and runs 2-3x faster (a batch does).
    DFA_AFTER = 16

    def _automaton(self):
        self._passes += 1
        if self._passes == self.DFA_AFTER:
            from ahocorasick_rs import AhoCorasick, Implementation

            self.automaton = AhoCorasick(self.literals, implementation=Implementation.DFA)
        return self.automaton

    #: Characters given to the automaton at a time: for a ``str`` it builds a byte-to-
    #: character offset table of ~26 bytes per character (a 50 MB one-line file: 440 MB).
    AC_CHUNK = 1 << 20

    def lines_holding(self, views: list[str]) -> dict[int, set[int]]:
        """literal number → the lines (indexes into ``views``) that hold it."""
        if self.automaton is None:
            return {}
        starts = line_starts(views)
        automaton = self._automaton()
        hits: dict[int, set[int]] = {}
        first = 0
        while first < len(views):
            # whole lines, at most AC_CHUNK characters (one piece for any ordinary document)
            last = max(first + 1, bisect_left(starts, starts[first] + self.AC_CHUNK, first + 1))
            offset = starts[first]
            text = "\n".join(views[first:last])
            for n, start, _ in automaton.find_matches_as_indexes(text, overlapping=True):
                line = bisect_right(starts, offset + start) - 1
                found = hits.get(n)
                if found is None:
                    hits[n] = {line}
                else:
                    found.add(line)
            first = last
        return hits


_INDEXES: dict[int, tuple[list[Rule], LiteralIndex]] = {}


def literal_index(rules: list[Rule]) -> LiteralIndex:
    """The automaton of a rule list, built once per list (a run keeps one list)."""
    known = _INDEXES.get(id(rules))
    if known is None or known[0] is not rules:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        known = _INDEXES[id(rules)] = (rules, LiteralIndex(rules))
    return known[1]


class _Run:
    """The state of one pass of the rules over a document."""

    def __init__(self, doc: Document, literals: LiteralIndex):
        self.doc = doc
        self.lines = doc.lines
        self.literals = literals
        self.alive = [ln.role == "body" for ln in self.lines]
        self.dead = [False] * len(self.lines)
        self.drops = 0
        # body-likeness is judged on the views as the rules found them (before any cut)
        self.first_views = [ln.view for ln in self.lines]
        self._strong: dict[int, bool] = {}
        self._index: tuple[list[int], list[int]] | None = None
        self._size: list[int] | None = None
        self._views: list[str] | None = None
        self._firsts: str | None = None
        self._hits: dict[int, set[int]] | None = None
        self._present: set[str] | None = None
        self._bounds: tuple[int, int] | None = None
        # "版 权 所 有": text spaced out character by character is also matched without spaces
        self.compact = {i: ln.view.replace(" ", "") for i, ln in enumerate(self.lines)
                        if " " in ln.view and _SPACED.search(ln.view)}

    # -- indexes built on first use and dropped when a cut changes the text ----------------
    def text_changed(self, changed: set[int] | None = None) -> None:
        """Cuts changed the text of the ``changed`` lines (of unknown lines when None):
        forget what was derived from the text.  The literal hits of the other lines still
        hold, so only the changed lines are scanned again (a fifth of all scans were
        rescans of whole documents after one cut)."""
        self._views = None
        self._firsts = None
        self._index = None
        self._size = None
        self._present = None
        if changed is None or self._hits is None:
            self._hits = None
            return
        order = sorted(changed)
        for found in self._hits.values():
            found.difference_update(order)
        for n, found in self.literals.lines_holding([self.lines[i].view for i in order]).items():
            self._hits.setdefault(n, set()).update(order[k] for k in found)
        self._hits = {n: found for n, found in self._hits.items() if found}

    def views(self) -> list[str]:
        if self._views is None:
            self._views = [ln.view for ln in self.lines]
        return self._views

    def _sizes(self) -> list[int]:
        """The length of every line's text (length limits are on the text)."""
        if self._size is None:
            self._size = [len(ln.text) for ln in self.lines]
        return self._size

    def _lengths(self) -> tuple[list[int], list[int]]:
        """Line numbers sorted by length, and their lengths (for rules with no literal)."""
        if self._index is None:
            sizes = self._sizes()
            by_len = sorted(range(len(sizes)), key=sizes.__getitem__)
            self._index = (by_len, [sizes[i] for i in by_len])
        return self._index

    def _literal_hits(self) -> dict[int, set[int]]:
        if self._hits is None:
            self._hits = self.literals.lines_holding(self.views())
        return self._hits

    def literals_absent(self, rule: Rule) -> bool:
        """True when the rule has literals and none occurs in the document."""
        if rule.id not in self.literals.of_rule:
            return False
        if self._present is None:  # the rules some literal of which occurs
            rules_of = self.literals.rules_of
            self._present = {rid for n in self._literal_hits() for rid in rules_of[n]}
        return rule.id not in self._present

    def lines_with(self, rule: Rule) -> set[int]:
        """Lines whose view holds one of the rule's literals (any length, alive or not)."""
        hits = self._literal_hits()
        present = [hits[n] for n in hits.keys() & self.literals.of_rule[rule.id]]
        if len(present) == 1:
            return present[0]  # (read, never changed, by the caller)
        return set().union(*present)

    def gated(self, rule: Rule) -> list[int]:
        """Lines whose first character passes the rule's gate (patterns.start_gate), found
        in one pass over the lines' first characters."""
        if self._firsts is None:  # one character per line; an empty view passes any gate
            self._firsts = "".join([v[:1] or "\x00" for v in self.views()])
        return [m.start() for m in rule.gate.finditer(self._firsts)]

    # -- zones: what lies before the first and after the last body-like line -------------
    def lines_dropped(self) -> None:
        self._bounds = None

    def _is_strong(self, i: int) -> bool:
        s = self._strong.get(i)
        if s is None:
            s = self._strong[i] = reads_as_text(self.first_views[i])
        return s

    def bounds(self) -> tuple[int, int]:
        """First and last strong line still alive: what lies outside is head/tail."""
        if self._bounds is None:
            n = len(self.lines)
            first = next((i for i in range(n) if not self.dead[i] and self._is_strong(i)), None)
            if first is None:
                self._bounds = (0, n - 1)
            else:
                last = next(i for i in range(n - 1, first - 1, -1)
                            if not self.dead[i] and self._is_strong(i))
                self._bounds = (first, last)
        return self._bounds

    def in_zone(self, rule: Rule, i: int) -> bool:
        return rule.zone == "any" or _in_zone(rule.zone, i, *self.bounds())

    def candidates(self, rule: Rule) -> list[int]:
        """Alive lines within the rule's length limits and zone that can match: those holding
        one of its required literals (``patterns.required``), or passing its start gate, and
        spaced-out lines (their compact form is tried too); in document order."""
        alive = self.alive
        if rule.id in self.literals.of_rule or rule.gate is not None:
            source = self.lines_with(rule) if rule.id in self.literals.of_rule else self.gated(rule)
            if self.compact:
                source = set(source).union(self.compact)
            low, high = rule.min_len or 0, rule.max_len or 1 << 62
            sizes = self._sizes()
            found = [i for i in source if alive[i] and low <= sizes[i] <= high]
        else:
            by_len, lens = self._lengths()
            lo = 0 if not rule.min_len else bisect_left(lens, rule.min_len)
            hi = len(lens) if not rule.max_len else bisect_right(lens, rule.max_len)
            found = [i for i in by_len[lo:hi] if alive[i]]
        found.sort()
        if rule.zone != "any":
            first, last = self.bounds()
            found = [i for i in found if _in_zone(rule.zone, i, first, last)]
        return found

    def drop(self, i: int, rule: Rule, action: str | None = None) -> None:
        self.alive[i] = False
        self.dead[i] = True
        self.drops += 1
        self.doc.remove(self.lines[i], rule.id, rule.category, action or rule.action)

    def finish(self) -> None:
        self.doc.lines = [ln for ln, d in zip(self.lines, self.dead) if not d]


def _in_zone(zone: str, i: int, first: int, last: int) -> bool:
    """head: before the first body-like line; tail: after the last; edge: either."""
    return i < first if zone == "head" else i > last if zone == "tail" else (i < first or i > last)


def _set_meta(doc: Document, rule: Rule, m: re.Match, line: Line, text: str | None = None) -> None:
    if not rule.meta:
        return
    if rule.meta == "fields":  # raw lines, parsed into source/editor/date by structure.meta
        doc.field_lines.append((line.no, line.text if text is None else text))
        return
    groups = {k: _value(v) for k, v in m.groupdict().items() if v is not None}
    if rule.meta == "hints":  # a title the page states (标题：…, 收藏《…》): the title step's hint
        if groups.get("title") and not doc.title_hint:
            doc.title_hint = str(groups["title"])
        return
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
    run = _Run(doc, literal_index(rules))
    for rule in rules:
        if not run.compact and run.literals_absent(rule):
            continue  # none of its literals occurs in the document: one set test
        removed_before = run.drops
        try:
            changed = _SCOPES[rule.scope](run, rule)
        except RuleTimeout:
            doc.warn(0, "rule-timeout", f"rule {rule.id} ({rule.origin}) took too long on a line "
                                        "and was skipped for this document (catastrophic backtracking?)")
            changed = True
        if changed:  # a cut changed the text of some lines (which, when known)
            run.text_changed(changed if isinstance(changed, set) else None)
        if run.drops != removed_before:
            run.lines_dropped()
    run.finish()


def _line_scope(run: _Run, rule: Rule) -> set[int]:
    """Drop each line the rule matches — but a notice glued into body text (a widget in a
    one-line body, a notice in the middle of a paragraph) takes only its own piece of the
    line with it: the text around it stays (issue 18, shape 10).  Returns the lines cut."""
    search = rule.pattern.search
    lines, compact = run.lines, run.compact
    hits = []
    for i in run.candidates(rule):  # (in the rule's zone)
        m = search(lines[i].view)
        if m is None and i in compact:
            m = search(compact[i])
        if m is not None:
            hits.append((i, m))
    changed = set()
    for i, m in hits:
        ln = run.lines[i]
        piece = glued_notice(ln.view, m.start(), m.end()) if m.string is ln.view else None
        if piece is not None:
            _set_meta(run.doc, rule, m, ln, ln.text[piece[0]:piece[1]])
            run.doc.cut(ln, piece[0], piece[1], rule.id, rule.category, "cut")
            changed.add(i)
        else:
            _set_meta(run.doc, rule, m, ln)
            run.drop(i, rule)
        if rule.marks == "body-end":
            run.doc.body_end_marks.append(ln.no)
    return changed


#: The longest piece of a line a glued notice takes with it: past this the boundaries
#: found are not the notice's own, and only the match goes (the longest notice example
#: of rules/*.yaml is 62 characters).
NOTICE_PIECE_MAX = 80
_PIECE_ENDS = SENTENCE_ENDS + ":"


def glued_notice(view: str, start: int, end: int) -> tuple[int, int] | None:
    """The piece of a line around a notice match — from the sentence end, colon or space
    before it to the one after it (included) — when the rest of the line is body text
    (classify.holds_body_text); None when the notice is the line (drop the whole line)."""
    # a pattern that anchors on a clause start (…[\s,。]点击…) matches that boundary too:
    # the piece starts after it, else the walk back would take the words before it along
    while start < end and (view[start] in _PIECE_ENDS or view[start].isspace()):
        start += 1
    a = start
    while a > 0 and not (view[a - 1] in _PIECE_ENDS or view[a - 1].isspace()):
        a -= 1
    b = end
    while b < len(view) and not (view[b] in _PIECE_ENDS or view[b].isspace()):
        b += 1
    while b < len(view) and (view[b] in _PIECE_ENDS or view[b].isspace()):
        b += 1
    if b - a > NOTICE_PIECE_MAX:
        a, b = start, end
    rest = view[:a] + view[b:]
    return (a, b) if holds_body_text(rest) or match_marker(rest.strip()) else None


def _cut_scope(run: _Run, rule: Rule, to_line_end: bool) -> set[int]:
    """Cut each match out of its line (``span``), or from the match to the line's end
    (``to-line-end``); a line left with nothing but punctuation goes.  Returns the lines cut."""
    changed = set()
    for i in run.candidates(rule):
        ln = run.lines[i]
        if to_line_end:
            m = rule.pattern.search(ln.view)
            cuts = [(m, len(ln.text))] if m is not None else []
        else:
            cuts = [(m, m.end()) for m in rule.pattern.finditer(ln.view) if m.end() > m.start()]
        for m, stop in reversed(cuts):  # from the end, so earlier offsets stay valid
            _set_meta(run.doc, rule, m, ln)
            run.doc.cut(ln, m.start(), stop, rule.id, rule.category, rule.action)
            changed.add(i)
        if cuts and _PUNCT_ONLY.match(ln.view):
            run.alive[i] = False  # nothing but the notice was on the line
            run.dead[i] = True
            run.drops += 1
    return changed


def _rest_of_document(run: _Run, rule: Rule) -> set[int]:
    for i in run.candidates(rule):
        ln = run.lines[i]
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
        return {i}
    return set()


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
