"""Boilerplate rules as data: load ``rules/*.yaml`` into compiled, validated rules.

噪声规则即数据：每条规则有 id、类别、正则、作用范围和动作；用户可用 --rules 追加。

A rule file is a YAML list; every entry is one idea::

    - id: paywall-omitted-chars
      category: paywall          # nav footer ad paywall byline widget comment image duplicate …
      scope: span                # line | span | to-line-end | rest-of-document | block
      pattern: '……\\([^)]{0,60}省略(?P<omitted_chars>\\d+)字[^)]*\\)……'
      action: cut                # drop | cut | meta (cut, and keep the named groups in meta)
      meta: truncated            # where the named groups go (dotted keys allowed)
      max_len: 80                # optional: only lines up to this many characters
      zone: any                  # optional: head | tail | edge | any
      marks: body-end            # optional: the text ends before a line this rule drops
      example: '……(新文秘网http://www.wm114.cn省略877字,正式会员可完整阅读)……'

Patterns run on the analysis view of a line: simplified script, full-width ASCII
folded to half width.  So write ``,`` for ``，`` and ``(`` for ``（``, and write
simplified characters: one rule then covers 責任編輯 and 责任编辑.  ``example``
is checked by the test suite (the rule must match its own example).

Files are loaded safely (``yaml.safe_load``: no object construction, no code).
Any error is reported as ``file:line: what is wrong``.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..i18n import _
from ..patterns import LazyPattern, parse, required, start_gate

SCOPES = ("line", "span", "to-line-end", "rest-of-document", "block")
ACTIONS = ("drop", "cut", "meta")
ZONES = ("any", "head", "tail", "edge")
CATEGORIES = ("nav", "footer", "ad", "paywall", "byline", "widget", "comment", "image",
              "duplicate", "markup", "meta", "toc", "other")
KEYS = {"id", "category", "scope", "pattern", "action", "meta", "max_len", "zone", "example",
        "end", "description", "min_len", "marks"}
MARKS = ("body-end",)


class RuleError(Exception):
    """A broken rule file; the message is ``file:line: what is wrong``."""


class RuleTimeout(Exception):
    """A user rule's pattern took too long on one line (catastrophic backtracking)."""


#: A user rule may spend this long on one line before it is given up for the document.
USER_RULE_TIMEOUT = 0.25


class GuardedPattern:
    """A user rule's pattern, compiled with the ``regex`` module so every match has a
    time limit: a pattern from a shared rule pack can never hang a batch.  Shipped
    rules are tested and use ``re`` directly."""

    def __init__(self, source: str):
        import regex

        self._p = regex.compile(source, flags=regex.VERSION0)
        self.pattern = source

    def search(self, text: str, pos: int = 0):
        try:
            return self._p.search(text, pos, timeout=USER_RULE_TIMEOUT)
        except TimeoutError:
            raise RuleTimeout(self.pattern) from None

    def finditer(self, text: str):
        try:
            return list(self._p.finditer(text, timeout=USER_RULE_TIMEOUT))
        except TimeoutError:
            raise RuleTimeout(self.pattern) from None


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    scope: str
    pattern: re.Pattern
    action: str = "drop"
    meta: str | None = None
    max_len: int | None = None
    min_len: int | None = None
    zone: str = "any"
    end: re.Pattern | None = None  # for scope: block
    example: str | None = None
    description: str = ""
    origin: str = ""  # file:line, for --list-rules and errors
    trusted: bool = True  # shipped with the package (plain re); user rules are guarded
    marks: str | None = None  # "body-end": what follows the dropped line is site, not text
    #: strings one of which every match contains (patterns.required): lines without any are
    #: never searched.  Only for shipped rules: user patterns run under another engine.
    literals: frozenset[str] | None = None
    #: for a shipped rule with no such strings, anchored at the line start: the characters a
    #: matching line can begin with (patterns.start_gate), as a compiled one-character class
    gate: LazyPattern | None = None


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)

    def enabled(self, disabled: tuple[str, ...] = ()) -> list[Rule]:
        return [r for r in self.rules if r.id not in disabled]


def shipped_rule_files() -> list[Path]:
    """The rule files that come with the package (``rules/`` in the source tree)."""
    packaged = Path(__file__).resolve().parents[1] / "rules"  # (importlib.resources: ~10 ms to import)
    if packaged.is_dir():
        return sorted(p for p in packaged.iterdir() if p.name.endswith((".yaml", ".yml")))
    # running from a source checkout: the top-level rules/ folder
    here = Path(__file__).resolve().parents[3] / "rules"
    return sorted(here.glob("*.y*ml"))


def expand(paths: tuple[str, ...] | list[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(path.glob("*.y*ml")))
        elif path.exists():
            files.append(path)
        else:
            raise RuleError(_("{path}: no such rule file or folder").format(path=p))
    return files


#: A rule file larger than this is refused (the shipped files together are ~100 KB).
MAX_RULE_FILE = 4 * 1024 * 1024


def load_file(path: Path, trusted: bool = False) -> list[Rule]:
    from ..read import InputError, read_regular

    try:
        raw = read_regular(path, MAX_RULE_FILE)  # a FIFO or device is refused, never waited on
        text = raw.decode("utf-8")
    except (InputError, UnicodeDecodeError) as exc:
        raise RuleError(_("{path}: cannot read rule file: {exc}").format(path=path, exc=exc)) from None
    indexed = shipped_items(path.name, raw) if trusted else None
    if indexed is not None:  # [line, entry, strings, gate]: checked when the index was written
        return [build_rule(item, f"{path}:{line}", trusted, known=(literals, gate))
                for line, item, literals, gate in indexed]
    return [build_rule(item, f"{path}:{line}", trusted) for line, item in read_items(path, text)]


def read_items(path: Path, text: str) -> list[tuple[int, Any]]:
    """(line, entry) for each rule of a YAML rule file; errors as ``file:line: problem``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~20x faster, as safe
    try:
        _refuse_aliases(path, yaml.parse(text, Loader=loader))
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(_("{path}:{line}: invalid YAML: {problem}").format(path=path, line=line, problem=problem)) from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise RuleError(_("{path}:1: a rule file is a YAML list of rules (- id: …)").format(path=path))
    return [(item_node.start_mark.line + 1, item) for item, item_node in zip(data, node.value)]


def _refuse_aliases(path: Path, events) -> None:
    """Anchors and aliases (``&a`` … ``*a``) are refused before any field is read: a few
    lines of nested aliases expand to billions of items ("billion laughs") in whatever
    field reads them, and a rule file never needs them."""
    import yaml

    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise RuleError(f"{path}:{event.start_mark.line + 1}: YAML anchors and aliases (&, *) are "
                            "not allowed in rule files")


#: The shipped rule files, already read (``rules/index.json``, written by
#: ``scripts/index_rules.py``): importing PyYAML costs more than a whole one-file run's
#: outline, so a run with no rule files of the user's own never imports it.  An entry is
#: used only for the exact bytes it was made from (size and CRC-32); an edited rule file
#: is simply read as YAML.
INDEX = "index.json"


def shipped_items(name: str, raw: bytes) -> list[tuple[int, Any]] | None:
    entry = _shipped_index().get(name)
    if not entry or entry.get("size") != len(raw) or entry.get("crc32") != zlib.crc32(raw):
        return None
    return entry["items"]  # [line, entry, required strings or None, gate or None]


@lru_cache(maxsize=1)
def _shipped_index() -> dict[str, Any]:
    import json

    files = shipped_rule_files()
    if not files:
        return {}
    try:
        return json.loads((files[0].parent / INDEX).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


#: Longest pattern a rule may have (a guard against pathological rule packs).
MAX_PATTERN = 2000


def _compile(pattern: Any, where: str, what: str, trusted: bool = True,
             checked: bool = False) -> tuple[Any, Any]:
    """(the pattern to match with, its parse tree when the rule is shipped and not
    ``checked`` already: an indexed rule was parsed when the index was written)."""
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(_("{where}: {what} must be a non-empty string").format(where=where, what=what))
    if len(pattern) > MAX_PATTERN:
        raise RuleError(_("{where}: {what} is longer than {limit} characters").format(where=where, what=what, limit=MAX_PATTERN))
    if trusted and checked:
        return LazyPattern(pattern), None
    try:
        if trusted:
            # checked by parsing now; compiled when a document holds one of its strings
            return LazyPattern(pattern), parse(pattern)
        re.compile(pattern)  # the syntax every rule file is written in
    except (re.error, OverflowError, RecursionError, ValueError) as exc:  # a{4294967295}: OverflowError
        raise RuleError(_("{where}: {what} is not a valid regular expression: {exc}").format(where=where, what=what, exc=exc)) from None
    try:
        return GuardedPattern(pattern), None
    except Exception as exc:  # noqa: BLE001 - the regex module's own error types
        raise RuleError(_("{where}: {what} is not a valid regular expression: {exc}").format(where=where, what=what, exc=exc)) from None


def build_rule(item: Any, where: str, trusted: bool = True, known: tuple | None = None) -> Rule:
    """A rule from its file entry.  ``known`` is ``(required strings, gate)`` when the
    rules index already holds them (the pattern is then not parsed again)."""
    if not isinstance(item, dict):
        raise RuleError(_("{where}: each rule is a mapping with id, category, scope, pattern").format(where=where))
    unknown = set(item) - KEYS
    if unknown:
        raise RuleError(_("{where}: unknown key(s) {keys}").format(where=where, keys=', '.join(sorted(map(str, unknown)))))
    rid = item.get("id")
    if not isinstance(rid, str) or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", rid):
        raise RuleError(_("{where}: id must be lower-case letters, digits, '-', '.' or '_'").format(where=where))
    category = item.get("category", "other")
    if category not in CATEGORIES:
        raise RuleError(_("{where}: rule {rid}: category must be one of {choices}").format(where=where, rid=rid, choices=', '.join(CATEGORIES)))
    scope = item.get("scope", "line")
    if scope not in SCOPES:
        raise RuleError(_("{where}: rule {rid}: scope must be one of {choices}").format(where=where, rid=rid, choices=', '.join(SCOPES)))
    action = item.get("action", "drop" if scope in ("line", "block", "rest-of-document") else "cut")
    if action not in ACTIONS:
        raise RuleError(_("{where}: rule {rid}: action must be one of {choices}").format(where=where, rid=rid, choices=', '.join(ACTIONS)))
    zone = item.get("zone", "any")
    if zone not in ZONES:
        raise RuleError(_("{where}: rule {rid}: zone must be one of {choices}").format(where=where, rid=rid, choices=', '.join(ZONES)))
    for key in ("max_len", "min_len"):
        if key in item and not (isinstance(item[key], int) and item[key] > 0):
            raise RuleError(_("{where}: rule {rid}: {key} must be a positive whole number").format(where=where, rid=rid, key=key))
    pattern, parsed = _compile(item.get("pattern"), where, f"rule {rid}: pattern", trusted, known is not None)
    if scope == "block" and "end" not in item:
        raise RuleError(_("{where}: rule {rid}: scope block needs an end pattern").format(where=where, rid=rid))
    end = _compile(item["end"], where, f"rule {rid}: end", trusted)[0] if scope == "block" else None
    marks = item.get("marks")
    if marks is not None and marks not in MARKS:
        raise RuleError(_("{where}: rule {rid}: marks must be one of {choices}").format(where=where, rid=rid, choices=', '.join(MARKS)))
    meta = item.get("meta")
    if meta is not None and not isinstance(meta, str):
        raise RuleError(_("{where}: rule {rid}: meta is the key the named groups go to").format(where=where, rid=rid))
    if known is not None:
        literals = None if known[0] is None else frozenset(known[0])
        gate = known[1]
    else:
        literals = required(pattern.pattern, parsed=parsed) if trusted else None
        gate = start_gate(pattern.pattern) if trusted and literals is None and scope == "line" else None
    return Rule(rid, category, scope, pattern, action, meta, item.get("max_len"),
                item.get("min_len"), zone, end, item.get("example"),
                str(item.get("description", "")), where, marks=marks, trusted=trusted,
                literals=literals, gate=None if gate is None else LazyPattern(*gate))


def user_rule_dir() -> Path:
    """The user's own rule folder: ``rules/`` in the user config folder (``~/.config/tigang/rules``
    on Linux, ``%APPDATA%\\tigang\\rules`` on Windows); its ``*.yaml`` files load on every run."""
    from ..userconfig import rules_dir

    return rules_dir()


def load(extra: tuple[str, ...] = ()) -> RuleSet:
    """Shipped rules, then the user config folder's, then ``--rules``; ids must be unique."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    try:
        user = sorted(user_rule_dir().glob("*.y*ml")) if user_rule_dir().is_dir() else []
    except OSError:
        user = []  # an unreadable home is not an error: there are simply no user rules
    shipped = shipped_rule_files()
    for path in shipped + user + expand(extra):
        for rule in load_file(path, trusted=path in shipped):
            if rule.id in seen:
                raise RuleError(_("{origin}: rule id {rule_id!r} is already used at {place}").format(origin=rule.origin, rule_id=rule.id, place=seen[rule.id]))
            seen[rule.id] = rule.origin
            rules.append(rule)
    return RuleSet(rules)
