"""Issue 18 shape 7 leftovers, on hand-written fixed-width text: a heading exactly as long
as the wrap width is not joined to the next paragraph, and markers are read through
pinyin glosses before the glosses are cut."""
from __future__ import annotations

from conftest import flat

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
    return [h for _, h in flat(data)]


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


# -- a one-line body wrapped at a fixed width: the wrap may fall beside a paragraph's space --
def _wrapped_one_line_body(gap_at_break: str) -> tuple[list[str], str]:
    """A one-line body (paragraphs and unnumbered sub-heads separated by single spaces),
    wrapped at WIDTH so that one break falls just after (``"after"``) or just before
    (``"before"``) the space in front of a sub-head.  Returns the lines and the sub-head."""
    head = "清理积案补短板，系统培训强根基"
    opening = "夏日里，全县干部学习热情高涨。" + LONG * 2
    # pad the opening so that the space after it ends a line (after) or opens one (before)
    room = WIDTH - (len(opening) + (1 if gap_at_break == "after" else 0)) % WIDTH
    opening = opening[:-1] + "好" * (room % WIDTH) + "。"
    pieces = [opening, head, "今年以来，" + LONG * 2, "老将传帮带，新兵加速跑", "在教育领域，" + LONG * 2,
              "一线练精兵，风雨助拔节", "在医疗领域，" + LONG * 2]
    body = " ".join(pieces)
    lines = [body[k:k + WIDTH] for k in range(0, len(body), WIDTH)]
    return lines, head


def test_a_wrap_beside_a_paragraph_space_of_a_one_line_body_keeps_the_break():
    from outline_cli.config import Config
    from outline_cli.pipeline import make_context, run_text

    ctx = make_context(Config())
    for where in ("after", "before"):
        lines, head = _wrapped_one_line_body(where)
        assert any(ln.endswith(" ") if where == "after" else ln.startswith(" ") for ln in lines)
        doc = run_text("\n".join([TITLE] + lines) + "\n", ctx, "t.txt")
        texts = [ln.text for ln in doc.lines]
        assert head in texts, (where, [t for t in texts if head in t])


def test_lines_padded_to_the_width_are_joined_without_spaces():
    # the look-alike: every wrapped line ends in a space (padding): no space goes into the text
    padded = [ln + " " for ln in paragraph()]
    data = outline([*padded, "一、狠抓工作落实", *[ln + " " for ln in paragraph()]])
    assert "一、狠抓工作落实" in headings(data)
    from outline_cli.config import Config
    from outline_cli.pipeline import make_context, run_text

    doc = run_text("\n".join([TITLE, *padded]) + "\n", make_context(Config()), "t.txt")
    assert not any(" " in ln.text for ln in doc.lines)


def test_a_heading_with_a_list_mark_and_quotes_at_the_width_stands_before_a_full_line():
    # 、 and quoted terms are heading words under 二、: no clause break, so it stands alone
    head = at_width("一、", "“第一书记”到乡镇干什么、如何干")
    assert "，" not in head and "、" in head[2:]
    data = outline(doc_with([head]))
    assert headings(data) == [head, "二、狠抓工作落实", "三、持续改进作风"]


def test_a_heading_with_a_clause_break_at_the_width_still_goes_on():
    # the look-alike kept as it was: a comma at the width may be a long heading going on
    head = at_width("一、", "提高政治站位，压实工作责任")
    data = outline(doc_with([head]))
    assert head not in headings(data)


def test_a_speech_enumeration_with_quotes_at_the_width_wraps_on():
    # 一是 opens a paragraph: quoted terms and 、 in its first line are prose, it goes on
    para = wrap("一是要把“三个代表”重要思想和科学发展观贯彻落实到经济社会发展各个方面、各个环节" + LONG * 2)
    assert len(para[0]) == WIDTH and "，" not in para[0]
    data = outline(doc_with(para))
    assert para[0] not in headings(data) and para[0][2:] not in headings(data)


def test_a_trailing_ellipsis_wrapped_onto_its_own_line_goes_back_to_its_sentence():
    # a hard wrap left a paragraph's closing …… alone; the sub-head under it is still one
    first = "每当诵读那些古诗词，" + LONG + "让我们一起读诗，收藏诗中那一份惊喜与感动，将感恩的心情藏进以后每一天的生活里"
    lines = ["今年的父亲节，许多人的心中都会涌起温暖的情感，想起父亲的教诲。" + LONG, "", first, "……", "",
             "《冬夜读书示子聿》", "", "古人学问无遗力，少壮工夫老始成。", "", "纸上得来终觉浅，绝知此事要躬行。", "",
             "这首诗是陆游写给小儿子的，" + LONG, "", "《诫子诗》", "", "静以修身，俭以养德。" + LONG]
    data = outline(lines)
    assert headings(data) == ["《冬夜读书示子聿》", "《诫子诗》"]


def test_a_note_item_with_a_list_mark_at_the_width_wraps_on_when_its_neighbours_are_sentences():
    # the look-alike: 2. of a note's items, whose neighbours 1. and 3. end in 。 — a sentence
    item = wrap("2.单病种包括急性心肌梗死、心力衰竭、肺炎、脑梗死、髋关节置换术、膝关节置换术、剖宫产等病种"
                + "，按国家统一规定的目录统计，各地不得自行增减。")
    assert len(item[0]) == WIDTH and "，" not in item[0] and len(item[1]) == WIDTH
    notes = ["注：", "1.考核指标中的手术包括日间手术。", *item, "3.微创手术以国家统一规定为准。"]
    data = outline(doc_with(notes))
    item2 = [h for h in headings(data) if h.startswith("2.")]
    assert item2 and item2[0] != item[0] and item2[0].startswith(item[0] + item[1])
