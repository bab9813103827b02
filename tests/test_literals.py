"""Prefilters must never hide a match: the required literals of a rule, and the characters
a heading marker can start with, are checked against the patterns themselves."""
from __future__ import annotations

import re

import pytest

from conftest import CORPUS, SAMPLE_FILES, needs_corpus
from outline_cli.patterns import first_chars, required
from outline_cli.clean.rules import load
from outline_cli.normalize.script import fold_width
from outline_cli import markers

RULES = load().rules


@pytest.mark.parametrize("pattern, expected", [
    (r"省略\s*(?P<n>\d+)\s*字", {"省略"}),  # the longest required run wins
    (r"^(?:当前位置|您的位置)\s*:", {"当前位置", "您的位置"}),  # every branch has one
    (r"https?://|www\.", {"http", "www."}),
    (r"^\s*-{3,}\s*$", {"---"}),  # a repeated character, up to a few copies
    (r"[\(（]\s*记者", {"记者"}),
    (r"(?=.*页)\d+", {"页"}),  # a look-ahead's text is in the line too
    (r"(?i)^taboola", None),  # case-folded letters: no literal is safe
    (r"(?i)^by taboola", {" "}),  # ... but the space between them is
    (r"(?i)广告|推广", {"广告", "推广"}),  # Han characters have no case
    (r"(?:a|\d)x?", None),  # a branch without a literal
    (r"\d*", None),
    (r"a{0,3}b?", None),
    (r"(?!广告)\w+", None),  # a negative look-ahead requires nothing
])
def test_required_literals_of_hand_written_patterns(pattern, expected):
    found = required(pattern)
    assert (set(found) if found is not None else None) == expected


def _corpus_views() -> list[str]:
    views = set()
    paths = list(SAMPLE_FILES) + (sorted(CORPUS.glob("*")) if CORPUS.is_dir() else [])
    for path in paths:
        for line in path.read_text("utf-8", errors="replace").splitlines():
            line = line.strip()
            views.add(fold_width(line))
            views.add(fold_width(line).replace(" ", ""))
    return sorted(views)


@needs_corpus
def test_no_shipped_rule_matches_a_line_without_one_of_its_literals():
    views = _corpus_views() + [r.example for r in RULES if r.example]
    gated = [r for r in RULES if r.literals]
    assert len(gated) >= 40  # most rules are filtered: the speed depends on it
    matched = 0
    for rule in gated:
        for view in views:
            if rule.pattern.search(view):
                matched += 1
                assert any(lit in view for lit in rule.literals), (rule.id, view)
    assert matched > 100  # the check saw real matches, not only misses


@pytest.mark.parametrize("pattern, passes, stopped", [
    (r"^(?:上一页|下一页|\d+)\s*$", ["上", "下", "7", "٣"], ["页", "a", " "]),
    (r"^\s*【\d】", [" ", "\u3000", "【"], ["1"]),
    (r"^[\d,]*$", ["5", ","], ["a"]),  # can match nothing, but must reach the end
    (r"(?i)^(?:广告|sponsored)", ["广", "s", "S", "\u017f"], ["告", "p"]),  # folded as re folds
])
def test_start_gates_of_hand_written_patterns(pattern, passes, stopped):
    from outline_cli.patterns import start_gate

    source, flags = start_gate(pattern)
    gate = re.compile(source, flags)
    assert all(gate.match(c) for c in passes) and not any(gate.match(c) for c in stopped)
    assert gate.match("\x00")  # the engine's stand-in for an empty line passes every gate


@pytest.mark.parametrize("pattern", [r"^[\d,]*", r"(?m)^a", r"a", r"^[^a]", r"^\S{0,8}通行证", r"^.*页"])
def test_no_start_gate_where_any_first_character_could_match(pattern):
    from outline_cli.patterns import start_gate

    assert start_gate(pattern) is None


def test_no_shipped_rule_matches_a_line_its_start_gate_stops():
    views = _corpus_views() + [r.example for r in RULES if r.example]
    gated = [r for r in RULES if r.gate is not None]
    assert {"nav-pagination", "widget-counter", "ad-network-labels"} <= {r.id for r in gated}
    matched, seen = 0, set()
    for rule in gated:
        for view in views:
            if rule.pattern.search(view):
                matched, seen = matched + 1, seen | {rule.id}
                assert rule.gate.match(view[:1] or "\x00"), (rule.id, view)
    # the check saw real matches, not only misses: every gated rule's (its example at least),
    # and many over the shared corpus when it is beside the repo
    assert seen == {r.id for r in gated}
    assert matched > (30 if CORPUS.is_dir() else len(gated))


def test_rules_from_user_files_are_never_filtered(tmp_path):
    # user patterns run under the regex module, whose syntax re's parser may read otherwise
    (tmp_path / "mine.yaml").write_text(
        "- id: mine\n  category: ad\n  pattern: '广告位招租'\n  example: '广告位招租'\n", "utf-8")
    rule = next(r for r in load((str(tmp_path),)).rules if r.id == "mine")
    assert rule.literals is None and not rule.trusted


def test_first_chars_of_marker_families():
    starts = first_chars(markers.FAMILIES["paren-cn"].pattern.pattern)
    assert "(" in starts and "㈠" in starts and "一" not in starts
    arabic = first_chars(markers.FAMILIES["arabic"].pattern.pattern)
    assert "7" in arabic and "٣" in arabic and "a" not in arabic  # \d is any decimal digit
    spaced = first_chars(r"\s*一")
    assert " " in spaced and "\u3000" in spaced and "一" in spaced and "二" not in spaced
    assert "二" in first_chars(r"(?=一)二")  # a look-ahead consumes nothing
    assert first_chars(r"a?") is None  # can match nothing
    assert first_chars(r"[^a]b") is None  # a negated class: any character


@needs_corpus
def test_marker_gate_agrees_with_the_patterns_everywhere():
    # every position after a sentence end, and every line start, of the whole corpus
    checked = 0
    for view in _corpus_views():
        positions = {0} | {m.end() for m in re.finditer(r"[。!?;:]\s*", view)}
        for pos in positions:
            if pos < len(view):
                assert markers.match_marker(view, pos) == markers._match_marker(view, pos, False)
                checked += 1
    assert checked > 5000


def test_lazy_patterns_compile_on_first_use_and_pickle_as_their_source():
    import pickle

    from outline_cli.patterns import LazyPattern

    p = LazyPattern(r"省略(\d+)字")
    assert p._compiled is None  # nothing compiled yet: start-up does not pay for it
    assert p.search("……省略877字……").group(1) == "877"
    assert p._compiled is not None and p.flags & re.UNICODE
    q = pickle.loads(pickle.dumps(p))
    assert q.pattern == p.pattern and q.findall("省略1字,省略2字") == ["1", "2"]


def test_shipped_rules_are_checked_at_load_but_compiled_only_when_used():
    rules = load().rules
    assert all(r.pattern._compiled is None for r in rules if r.trusted)
    from outline_cli.clean.rules import RuleError, build_rule

    with pytest.raises(RuleError, match="not a valid regular expression"):
        build_rule({"id": "bad", "category": "ad", "pattern": "(unclosed"}, "x.yaml:1", trusted=True)
