"""Issue 18 shape 3, the paywalled opinion-piece form: a 目录 whose long entries are hard-wrapped
like the text, holding two numbering runs (一…四 questions, then 一…三 proposals), over a body
the paywall cuts before the second run — each rule with the look-alike it must leave alone."""
from __future__ import annotations

from conftest import flat
from outline_cli.api import outline_text

WIDTH = 26

QUESTIONS = ["一、政府为什么事前不向居民说明安排，让消息提前走漏，结果该走的人早就走了？",
             "二、检测做完之后谁来负责后续跟进？",
             "三、封闭期间没有工作的人，收入损失由谁来承担，雇主扣薪扣假又怎么办？",
             "四、社区组织为什么事前完全没有被咨询？"]
PROPOSALS = ["一、事先公布封闭区域的标准作业流程，说明每一步由谁负责，不要半夜突然行动",
             "二、为封闭区域内的居民安排临时住所",
             "三、居民因封闭而受到的损失，政府应当承诺全部承担，并且尽快发放补偿款项"]
PARA = "这一部分讲的是我们在实际工作中看到的问题，需要有关部门认真对照检查，切实抓好落实。"


def wrapped(line: str, width: int = WIDTH) -> list[str]:
    """A line hard-wrapped the way a site serves it: cut every ``width`` characters."""
    return [line[k:k + width] for k in range(0, len(line), width)] or [""]


def paywalled(wrap_body: bool) -> str:
    toc = [part for entry in QUESTIONS + PROPOSALS for part in wrapped(entry)]
    body = ["封闭检测的问题及建议", "", PARA + PARA, ""]
    for q in QUESTIONS[:3]:  # the paywall cuts the text before the fourth question
        body += [q, "", PARA + PARA, ""]
    if wrap_body:
        body = [part for line in body for part in wrapped(line)]
    return "\n".join(["目录/提纲：……", *toc, "……", *body, "……（试读结束，全文约3000字，开通会员即可阅读全文）……", ""])


def _sources(data) -> list[str | None]:
    out = []

    def walk(ss):
        for s in ss:
            out.append(s.get("source"))
            walk(s["children"])
    walk(data["sections"])
    return out


def test_wrapped_toc_entries_are_read_whole_with_their_markers():
    # the shape: the block's longest lines (the width) go on in lines without a marker
    assert max(len(t) for e in QUESTIONS + PROPOSALS for t in wrapped(e)) == WIDTH
    assert sum(len(wrapped(e)) > 1 for e in QUESTIONS + PROPOSALS) >= 2
    for wrap_body in (False, True):
        data = outline_text(paywalled(wrap_body))
        assert data["title"] == "封闭检测的问题及建议", wrap_body
        # every entry whole, the restarted run (一、 after 四、) a sibling of the first
        assert flat(data) == [(1, e) for e in QUESTIONS + PROPOSALS], wrap_body
        assert _sources(data) == ["both"] * 3 + ["toc"] * 4, wrap_body


def test_a_long_entry_over_an_unnumbered_section_title_is_not_a_wrap():
    # one entry as long as a wrap width, followed by a section title of its own: one line
    # at the width is no evidence of a wrap
    long = "一、深入学习领会会议精神，切实把思想和行动统一到决策部署上来"
    assert len(long) >= WIDTH
    text = "\n".join(["目录：", "提高认识", long, "突出重点", "二、抓好产业发展", "三、抓好基层治理", "……",
                      "在全县工作会议上的讲话", PARA, "提高认识", PARA, long, PARA, "突出重点", PARA,
                      "二、抓好产业发展", PARA, "三、抓好基层治理", PARA, ""])
    got = flat(outline_text(text))
    assert [h for _, h in got] == ["提高认识", long, "突出重点", "二、抓好产业发展", "三、抓好基层治理"]


def test_short_entries_of_one_length_over_section_titles_are_not_a_wrap():
    # two entries tie for the block's longest line, each above a section title: too short
    # to be a wrap width (a site wraps at 28-60 characters)
    text = "\n".join(["提纲：", "把握三个关键", "第一，坚持政治引领", "第二，坚持问题导向", "做好两项工作",
                      "第一，压实工作责任", "第二，强化督促检查", "推进两项改革", "第一，深化放管服改革",
                      "……", "在全市基层党建工作推进会上的讲话", PARA,
                      "把握三个关键", PARA, f"第一，坚持政治引领。{PARA}", f"第二，坚持问题导向。{PARA}",
                      "做好两项工作", PARA, f"第一，压实工作责任。{PARA}", f"第二，强化督促检查。{PARA}",
                      "推进两项改革", PARA, f"第一，深化放管服改革。{PARA}", ""])
    got = flat(outline_text(text))
    assert [h for _, h in got] == ["把握三个关键", "第一，坚持政治引领", "第二，坚持问题导向", "做好两项工作",
                                   "第一，压实工作责任", "第二，强化督促检查", "推进两项改革", "第一，深化放管服改革"]


# -- a 目录 block pasted inside the front matter ----------------------------------------------
SPEECH = ("在全县工作会议上的讲话\n" + PARA + "\n"
          "一、提高政治站位\n" + PARA + "\n"
          "二、突出工作重点\n" + PARA + "\n"
          "……（以下内容3000字需登录后查看）\n")


def test_a_toc_block_inside_the_front_matter_is_still_read():
    # the page put its 目录 between a key and that key's list items: no YAML holds it,
    # and dropped with the front matter the entry only the 目录 has would be lost
    text = ("---\ntitle: \"在全县工作会议上的讲话\"\ntags:\n目录/提纲:……\n一、提高政治站位\n二、突出工作重点\n"
            "三、加强组织领导\n……\n  - \"乡村振兴\"\n---\n" + SPEECH)
    data = outline_text(text)
    assert data["title"] == "在全县工作会议上的讲话"
    assert flat(data) == [(1, "一、提高政治站位"), (1, "二、突出工作重点"), (1, "三、加强组织领导")]
    assert _sources(data) == ["both", "both", "toc"]


def test_front_matter_with_a_toc_key_but_no_block_is_dropped_whole():
    # look-alike: a 目录 key without a closing …… line is a front-matter field like the others
    from test_page_shapes import outline_text_body

    text = "---\ntitle: \"在全县工作会议上的讲话\"\n目录: ……\ntags:\n  - \"乡村振兴\"\n---\n" + SPEECH
    data = outline_text(text)
    assert flat(data) == [(1, "一、提高政治站位"), (1, "二、突出工作重点")]
    body = outline_text_body(text)
    assert "目录" not in body and "tags" not in body
