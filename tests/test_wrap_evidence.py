"""Issue 18 shape 7, what the width tells on a page copied with its markup: page markup lines
printed whole do not vote against a wrap, a line longer than the width does not go on in the
next one, and a heading line at the width that stops inside a bracket or a Latin word goes on
— each rule with the look-alike it must leave alone."""
from __future__ import annotations

from conftest import flat, run_cli
from outline_cli.api import outline_text
from outline_cli.normalize import wraps

WIDTH = 30
LONG = "要坚持问题导向，聚焦群众急难愁盼问题，拿出务实管用的举措，切实把好事办好、实事办实。"
TITLE = "在全县工作会议上的讲话"
NOTICE = "请加入成为本站的月费订户，长期支持我们的工作，所有订户都可以收到每周通讯。"
_topics = iter(["教育", "医疗", "养老", "住房", "就业", "生态", "安全", "文化"] * 1000)


def wrap(line: str) -> list[str]:
    return [line[k:k + WIDTH] for k in range(0, len(line), WIDTH)]


def paragraph() -> list[str]:
    return wrap(f"在{next(_topics)}领域，" + LONG * 3)


def body_text(lines: list[str]) -> str:
    return run_cli("-f", "text", "-", input=("\n".join(lines) + "\n").encode()).stdout.decode()


def test_markup_lines_printed_whole_do_not_vote_against_a_wrap():
    caption = "<figcaption>会议现场，与会同志认真听取工作报告并进行分组讨论。</figcaption>"
    lines = [ln for _ in range(6) for ln in paragraph()] + [caption, caption.replace("分组", "集中"), NOTICE]
    assert all(len(t) > WIDTH for t in lines[-3:])
    assert wraps.fixed_width(lines) == ("chars", WIDTH)
    # the look-alike: three paragraph lines longer than the width are no wrap
    texts = lines[:-3] + ["会议现场，与会同志认真听取工作报告并进行分组讨论，大家一致认为报告实事求是。",
                          "会议现场，与会同志认真听取工作报告并进行集中讨论，大家一致认为报告实事求是。", NOTICE]
    assert wraps.fixed_width(texts) is None


def test_a_line_longer_than_the_width_does_not_go_on_in_the_next_one():
    # an image link printed whole, then a paragraph: glued, the image line would no longer
    # be a line of its own for the markup rule, and the paragraph would carry it
    image = "![会议现场](https://example.org/uploads/2024/05/meeting-photo-large-20240506.jpg)"
    assert len(image) > WIDTH
    after = "会议要求，各地区各部门要切实履职尽责，扎实推进各项工作任务落地见效。"
    out = body_text([TITLE] + [ln for _ in range(6) for ln in paragraph()] + [image, after])
    assert after in out.split("\n")
    assert "example.org" not in out
    # the look-alike: a line exactly at the width goes on in the next one
    first = paragraph()
    assert len(first[0]) == WIDTH
    assert first[0] + first[1] in body_text([TITLE] + [ln for _ in range(6) for ln in paragraph()] + first)


def _headings(data: dict) -> list[str]:
    return [h for _, h in flat(data)]


def _doc(first: str, rest: str) -> list[str]:
    return ([TITLE] + paragraph() + wrap(first + rest) + paragraph()
            + ["二、狠抓工作落实"] + paragraph() + ["三、持续改进作风"] + paragraph())


REST = "会点做，不要在凌晨突然封闭，先通知居民和社区组织再安排入场，并且同时通知各部门和议员。"


def test_a_heading_line_at_the_width_that_stops_inside_a_bracket_or_a_word_goes_on():
    for first, rest in (("一、提前讲定封闭区域的作业流程（按：standard ope", "rating procedures）" + REST),
                        ("一、提前讲定封闭区域的标准作业流程（即封闭期间居民出入的安排", "）" + REST),
                        ("一、提前讲定封闭区域的标准作业流程和 standard op", "erating procedures，" + REST)):
        assert len(first) == WIDTH
        heads = _headings(outline_text("\n".join(_doc(first, rest)) + "\n"))
        assert heads[0] != first and heads[0].startswith(first), first
        assert heads[1:] == ["二、狠抓工作落实", "三、持续改进作风"], first


def test_a_heading_line_at_the_width_with_its_brackets_closed_stands_alone():
    # the look-alike: a heading whose bracket is closed is whole at the width
    first = "一、提前讲定封闭区域的标准作业流程（简称流程）和出入安排工作"
    assert len(first) == WIDTH
    heads = _headings(outline_text("\n".join(_doc(first, "")) + "\n"))
    assert heads == [first, "二、狠抓工作落实", "三、持续改进作风"]
