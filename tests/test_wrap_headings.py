"""Issue 18 shape 7 leftovers, on hand-written fixed-width text: a heading exactly as long
as the wrap width is not joined to the next paragraph, and markers are read through
pinyin glosses before the glosses are cut."""
from __future__ import annotations

from outline_cli.api import outline_text

WIDTH = 30
LONG = "要坚持问题导向，聚焦群众急难愁盼问题，拿出务实管用的举措，切实把好事办好、实事办实。"
TITLE = "在全县工作会议上的讲话"


def wrap(line: str) -> list[str]:
    return [line[k:k + WIDTH] for k in range(0, len(line), WIDTH)]


def at_width(marker: str, words: str) -> str:
    line = (marker + words * 5)[:WIDTH]
    assert len(line) == WIDTH
    return line


_topics = iter(["教育", "医疗", "养老", "住房", "就业", "生态", "安全", "文化"] * 1000)


def paragraph(indent: str = "") -> list[str]:
    # each paragraph its own (repeated paragraphs are dropped as page furniture)
    return wrap(indent + f"在{next(_topics)}领域，" + LONG * 3)


def outline(lines: list[str]) -> dict:
    return outline_text("\n".join([TITLE] + lines) + "\n")


def headings(data: dict) -> list[str]:
    out = []

    def walk(ss):
        for s in ss:
            out.append(s["marker"] + s["heading"])
            walk(s["children"])
    walk(data["sections"])
    return out


def doc_with(first_heading: list[str], indent: str = "") -> list[str]:
    """A wrapped text: an opening paragraph, the case under test, two more sections."""
    return (paragraph(indent) + first_heading + paragraph(indent)
            + ["二、狠抓工作落实"] + paragraph(indent) + ["三、持续改进作风"] + paragraph(indent))


def test_a_heading_as_long_as_the_width_stands_before_a_full_paragraph_line():
    head = at_width("一、", "坚持系统观念统筹推进乡村振兴")
    data = outline(doc_with([head]))
    assert headings(data) == [head, "二、狠抓工作落实", "三、持续改进作风"]


def test_a_heading_with_commas_at_the_width_stands_before_an_indented_paragraph():
    head = at_width("一、", "提高政治站位，压实工作责任")
    data = outline(doc_with([head], indent="\u3000\u3000"))
    assert headings(data)[0] == head


def test_a_wrapped_heading_goes_on_in_its_short_second_line():
    # the look-alike: the heading is longer than the width; its tail is a short line
    head = at_width("一、", "坚持系统观念统筹推进乡村振兴")
    data = outline(doc_with([head, "取得新成效"]))
    assert headings(data)[0] == head + "取得新成效"


def test_a_paragraph_opening_with_a_marker_word_wraps_on():
    # 一是 + prose with commas, as long as the width, then a full line: one paragraph
    para = wrap("一是加强理论学习，深入学习贯彻党的创新理论，" + LONG * 2)
    assert len(para[0]) == WIDTH and len(para[1]) == WIDTH
    data = outline(doc_with(para))
    assert headings(data) == ["二、狠抓工作落实", "三、持续改进作风"]
    # an inline heading that ends its sentence inside the line also wraps on
    inline = wrap("一是加强学习。" + LONG * 2)
    data = outline(doc_with(inline))
    assert inline[0] not in headings(data)


def test_a_marker_with_a_pinyin_gloss_starts_a_line_of_its_own():
    # 二(èr)、 opens a heading: the line above, a full paragraph line, is not joined to it
    full = wrap(("在教育领域，" + LONG * 3)[:4 * WIDTH - 1] + "。")  # its last line at the width
    assert len(full[-1]) == WIDTH
    lines = paragraph() + ["一、提高政治站位"] + full + ["二(èr)、狠抓工作落实"] + paragraph()
    lines += ["三、持续改进作风"] + paragraph()
    data = outline(lines)
    assert headings(data) == ["一、提高政治站位", "二、狠抓工作落实", "三、持续改进作风"]


def test_a_glossed_heading_at_the_width_stands_alone():
    head = at_width("一(yī)、", "坚持系统观念统筹推进乡村振兴")
    data = outline(doc_with([head]))
    assert headings(data)[0] == head.replace("(yī)", "")
