"""One classification of every line (classify.py), one sentence end, one date (chars.py)."""
from __future__ import annotations

import re

import pytest

from conftest import run_cli, sample
from outline_cli import classify as C
from outline_cli.chars import DATE, ends_sentence
from outline_cli.document import Document, Line


def _line(text: str, **kw) -> Line:
    ln = Line(1, text, **kw)
    ln.view = text
    return ln


@pytest.mark.parametrize("text, kind", [
    ("会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。", C.TEXT),
    # fourteen Han characters and a stop: one short of TEXT_MIN_HAN
    ("这是十四个汉字组成的一句短话。", C.SHORT_SENTENCE),
    ("同志们:", C.SHORT_SENTENCE),  # (the view folds ： to :)
    ("（本文刊于2024年第3期）", C.SHORT_SENTENCE),
    ("一、总体要求", C.HEADING_LIKE),
    ("首页 新闻 政务 服务", C.SHORT),
    # a paragraph that lost its stop: long enough on its own (LONG_MIN_HAN)
    ("坚持" * 25, C.TEXT),
])
def test_each_line_gets_one_kind(text, kind):
    assert C.kind(_line(text)) == kind


def test_page_evidence_overrides_the_shape():
    body = "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"
    assert C.classify(_line(body, hint="furniture")) [0] == C.FURNITURE
    assert C.score(_line(body, hint="furniture")) < 0
    assert C.classify(_line(body, link_share=0.9))[0] == C.LINK_HEAVY
    assert C.classify(_line(body, link_share=0.2))[0] == C.TEXT


def test_a_changed_line_is_classified_again():
    doc = Document("x", [_line("首页")])
    ln = doc.lines[0]
    assert C.kind(ln) == C.SHORT
    doc.set_text(ln, "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。")
    assert C.kind(ln) == C.TEXT


def test_text_scores_rank_body_above_labels():
    text = C.score(_line("会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"))
    assert text > C.score(_line("一、总体要求")) > C.score(_line("同志们:")) > C.score(_line("首页"))


@pytest.mark.parametrize("view, ends", [
    ("这是一句话。", True), ("他说：“太狡猾!”", True), ("第一条;", True),
    ("一、总体要求", False), ("同志们:", False), ("“引号里”", False),
])
def test_one_sentence_end(view, ends):
    assert ends_sentence(view) is ends


@pytest.mark.parametrize("text", ["2024年1月10日", "2024-01-10", "2024/1/10", "2024.1.10",
                                  "二〇二四年一月十日", "2024年1月", "2024 年 12 月 3 日"])
def test_one_date(text):
    assert re.fullmatch(DATE, text)


@pytest.mark.parametrize("text", ["2024年度", "第12月", "20240110", "二〇二四年度"])
def test_not_a_date(text):
    assert not re.fullmatch(DATE, text)


def test_explain_names_every_line_class():
    path = sample("000")
    res = run_cli("--explain", str(path))
    assert res.returncode == 0
    classes = [ln for ln in res.stderr.decode().splitlines() if ": class [" in ln]
    kinds = {re.search(r"class \[([a-z-]+),", ln).group(1) for ln in classes}
    assert kinds <= set(C.KINDS) and {C.TEXT, C.SHORT} <= kinds
    # one class line per line the body-span step saw: at least every line kept in the output
    assert len(classes) >= 20
