"""Shapes of input the samples only hint at: pages from other sites (hand-written fixtures
in tests/fixtures), texts re-wrapped at a fixed width, texts without blank lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import flat, SAMPLE_FILES
from outline_cli.api import outline_file, outline_text

FIXTURES = Path(__file__).parent / "fixtures"


def body(path) -> str:
    from conftest import run_cli

    return run_cli("-f", "text", str(path)).stdout.decode()


def test_government_notice_page():
    path = FIXTURES / "gov-notice-page.txt"
    data = outline_file(path)
    assert data["title"] == "关于做好2024年春季农业生产工作的通知"
    assert flat(data) == [(1, "一、提高思想认识"), (1, "二、抓好重点工作"), (2, "（一）稳定粮食播种面积"),
                          (2, "（二）加强农资市场监管"), (2, "（三）强化农技服务"), (1, "三、强化保障措施")]
    text = body(path)
    for furniture in ("无障碍浏览", "字体", "浏览次数", "我要纠错", "上一篇", "主办单位", "ICP", "访客"):
        assert furniture not in text
    for content in ("各乡镇人民政府，县直有关单位：", "县农业农村局\n2024年3月1日"):
        assert content in text  # the salutation, the signature and the date are the document's


def test_speech_page_from_a_template_site():
    path = FIXTURES / "speech-page.txt"
    data = outline_file(path)
    assert data["title"] == "在全县安全生产工作会议上的讲话"
    assert data["meta"]["occasion"] == "全县安全生产工作会议"
    assert data["meta"]["speaker"] == "县长 王某某"
    assert data["meta"]["date"] == "2024年5月10日"
    assert [h for _, h in flat(data)] == [
        "一、认清形势，切实增强做好安全生产工作的责任感", "二、突出重点，全面排查整治各类安全隐患",
        "第一，抓好道路交通安全", "第二，抓好建筑施工安全", "第三，抓好消防安全",
        "三、强化措施，确保各项工作落到实处"]
    text = body(path)
    assert text.rstrip().endswith("谢谢大家！")
    assert "范文网" not in text and "侵权" not in text and "经济工作会议上的讲话" not in text


def _wrap(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if not p.name.startswith("004")],
                         ids=lambda p: p.name[:3])
def test_text_rewrapped_at_a_fixed_width_gives_the_same_outline(path):
    text = path.read_text("utf-8")
    original, wrapped = outline_text(text), outline_text(_wrap(text, 36))
    assert wrapped["title"] == original["title"]
    assert [h for _, h in flat(wrapped)] == [h for _, h in flat(original)]


def test_rewrapped_004_keeps_all_but_the_heading_exactly_as_wide_as_the_wrap():
    # Known limit: 004's line 16 is exactly 36 characters, the wrap width, so nothing
    # tells it from a wrapped line and it is joined to the paragraph after it.
    text = next(p for p in SAMPLE_FILES if p.name.startswith("004")).read_text("utf-8")
    original = [h for _, h in flat(outline_text(text))]
    wrapped = [h for _, h in flat(outline_text(_wrap(text, 36)))]
    assert wrapped[1:] == original[1:]
    assert wrapped[0].startswith(original[0])


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_text_without_blank_lines_gives_the_same_outline(path):
    text = path.read_text("utf-8")
    squeezed = "\n".join(line for line in text.split("\n") if line.strip())
    original, again = outline_text(text), outline_text(squeezed)
    assert again["title"] == original["title"]
    assert [h for _, h in flat(again)] == [h for _, h in flat(original)]


def test_markdown_copy_headings_and_marks():
    path = FIXTURES / "markdown-post.txt"
    data = outline_file(path)
    assert data["title"] == "如何做好新时代基层宣传工作"
    assert flat(data) == [(1, "一、把握正确方向"), (1, "二、创新方式方法"), (2, "1.用好新媒体平台"),
                          (2, "2.讲好基层故事"), (1, "三、加强队伍建设")]
    text = body(path)
    assert "#" not in text and "要善于运用短视频" in text
