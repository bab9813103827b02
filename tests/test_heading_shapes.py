"""Heading structure in shapes of text the dev set hardly has (issue 18, shapes 1, 2, 5, 6, 11):
clause lists in legal text, lead sentences as sub-heads, sibling enumeration runs, numeral +
verb enumerations, a stub heading over —— dash items.  Each shape is pinned on a hand-written
text of that shape and on its look-alike that must not change."""
from __future__ import annotations

from conftest import flat as flat_outline
from outline_cli.api import outline_text

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求。"


def flat(text, **options):
    """(level, marker + heading) of every section of the text's outline."""
    return flat_outline(outline_text(text, **options))


# -- 1. clause lists in legal and regulatory text --------------------------------------------

LAW = """某某市物业管理条例

第一章 总则
第一条 为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。
第二条 本条例适用于本市行政区域内的物业管理活动。
第二章 业主
第三条 业主在物业管理活动中，享有下列权利：
（一）按照物业服务合同的约定，接受物业服务企业提供的服务；
（二）提议召开业主大会会议，并就物业管理的有关事项提出建议；
（三）法律、法规规定的其他权利。
第四条 业主有下列情形之一的，由有关部门责令改正：
（一）擅自改变物业用途的。
（二）违反规定装修房屋的。
第三章 附则
第五条 本条例自2025年1月1日起施行。
"""


def test_items_of_a_legal_article_are_not_headings():
    assert flat(LAW) == [(1, "第一章总则"), (1, "第二章业主"), (1, "第三章附则")]


def test_items_of_a_legal_article_are_not_headings_with_articles_either():
    heads = [t for _, t in flat(LAW, articles=True)]
    assert "第三条业主在物业管理活动中，享有下列权利" in heads
    assert not [t for t in heads if t.startswith("（")]


SPEECH_HEAD = f"在全市物业管理工作会议上的讲话\n\n同志们：\n{BODY}\n一、认清形势\n{BODY}\n（一）学习条例\n{BODY}\n"


def test_statute_quoted_in_a_speech_is_a_list_and_the_speech_goes_on():
    text = SPEECH_HEAD + (
        "《条例》对业主的权利作了明确规定，业主享有下列权利：\n"
        "（一）按照物业服务合同的约定，接受物业服务企业提供的服务；\n"
        "（二）提议召开业主大会会议，并就物业管理的有关事项提出建议；\n"
        "（三）法律、法规规定的其他权利。\n"
        f"{BODY}\n（二）抓好落实\n{BODY}\n二、明确任务\n{BODY}\n")
    assert flat(text) == [(1, "一、认清形势"), (2, "（一）学习条例"), (2, "（二）抓好落实"),
                          (1, "二、明确任务")]


def test_quoted_article_items_end_where_the_numbering_does_not_go_on():
    text = SPEECH_HEAD + (
        "第十条 业主有下列情形之一的，由有关部门责令改正：\n"
        "（一）擅自改变物业用途的。\n（二）违反规定装修房屋的。\n"
        f"{BODY}\n（二）抓好落实\n{BODY}\n")
    assert flat(text)[-1] == (2, "（二）抓好落实")
    assert len(flat(text)) == 3


def test_a_number_that_neither_starts_nor_goes_on_is_a_quotation():
    isolated = SPEECH_HEAD + f"（十三）不得擅自占用、挖掘物业管理区域内的道路、场地；\n{BODY}\n（二）抓好落实\n{BODY}\n"
    assert flat(isolated) == [(1, "一、认清形势"), (2, "（一）学习条例"), (2, "（二）抓好落实")]
    going_down = SPEECH_HEAD + "".join(
        f"（{n}）{BODY}{BODY}\n" for n in ("八", "五", "三")) + f"（二）抓好落实\n{BODY}\n"
    assert [t[:4] for _, t in flat(going_down)] == ["一、认清", "（一）学", "（二）抓"]
    excerpt = f"某某报告（节选）\n\n{BODY}\n二、明确任务\n{BODY}\n（一）压实责任\n{BODY}\n（二）强化保障\n{BODY}\n"
    assert [t for _, t in flat(excerpt)] == ["二、明确任务", "（一）压实责任", "（二）强化保障"]


def test_headings_whose_items_end_in_a_full_stop_stay_headings():
    # 政府文件: （一）指导思想。+ body, and headings numbered on across parents
    text = (f"关于推进某项工作的实施意见\n\n{BODY}\n一、总体要求\n（一）指导思想。{BODY}\n"
            f"（二）工作目标。{BODY}\n二、重点任务\n（三）完善设施。\n{BODY}\n（四）强化人才。\n{BODY}\n")
    assert flat(text) == [(1, "一、总体要求"), (2, "（一）指导思想"), (2, "（二）工作目标"),
                          (1, "二、重点任务"), (2, "（三）完善设施"), (2, "（四）强化人才")]


def test_a_number_lost_before_a_run_keeps_the_run():
    # （二） missing (a cut, a line the page lost): （三）（四） go on from each other
    text = SPEECH_HEAD + f"（三）压实责任\n{BODY}\n（四）强化保障\n{BODY}\n"
    assert [t for _, t in flat(text)][-2:] == ["（三）压实责任", "（四）强化保障"]


# -- 6. numeral + the same verb -------------------------------------------------------------

VERBS = (f"在全县党建工作会议上的讲话\n\n同志们：\n今天召开这次会议。一些同志认为党建是软任务，这种认识是错误的。{BODY}\n"
         f"一抓班子建设，配强乡镇党委书记。{BODY}\n二抓队伍建设，提升党员干部素质。{BODY}\n"
         f"三抓制度建设，健全长效工作机制。{BODY}\n一些问题仍然存在，需要我们认真对待。{BODY}\n")


def test_numeral_and_the_same_verb_is_an_enumeration():
    assert flat(VERBS) == [(1, "一抓班子建设，配强乡镇党委书记"), (1, "二抓队伍建设，提升党员干部素质"),
                           (1, "三抓制度建设，健全长效工作机制")]


def test_two_numeral_verb_items_or_table_cells_are_not_an_enumeration():
    two = VERBS.replace(f"三抓制度建设，健全长效工作机制。{BODY}\n", "")
    assert flat(two) == []
    cells = f"考核指标\n\n{BODY}\n一级指标\n\n二级指标\n\n三级指标\n\n指标说明\n\n{BODY}\n"
    assert flat(cells) == []


def test_a_sentence_starting_with_a_numeral_does_not_break_a_shi_run():
    text = (f"在全县工作会议上的讲话\n\n{BODY}\n一是加强学习。{BODY}\n一些同志学得不深。{BODY}\n"
            f"二是改进作风。{BODY}\n")
    assert flat(text) == [(1, "一是加强学习"), (1, "二是改进作风")]


# -- 11. a stub heading above —— dash items ---------------------------------------------------

def test_stub_heading_over_dash_items_stands_alone():
    text = (f"关于推进某项工作的实施意见\n\n{BODY}\n一、总体要求\n（一）指导思想。{BODY}\n"
            f"（二）工作目标。{BODY}\n（三）基本原则\n——坚持人民至上。{BODY}\n——坚持系统观念。{BODY}\n"
            f"二、重点任务\n（一）完善设施。{BODY}\n")
    assert (2, "（三）基本原则") in flat(text)


def test_stub_heading_broken_over_two_lines_is_still_joined():
    text = (f"报告\n\n一、总体部署\n（一）加强领导。{BODY}\n（二）完善机制。{BODY}\n（三）压实责任。{BODY}\n"
            f"（四）坚持不懈用\n新时代中国特色社会主义思想凝心铸魂。{BODY}\n")
    assert flat(text)[-1] == (2, "（四）坚持不懈用新时代中国特色社会主义思想凝心铸魂")


# -- 5. sibling enumeration runs ---------------------------------------------------------------

ORDINALS = (f"在全县工作会议上的讲话\n\n同志们：\n{BODY}\n第一，提高思想认识。{BODY}\n"
            f"第二，压实工作责任。{BODY}\n第三，强化工作保障。{BODY}\n")
LONG = "各单位要把这项工作摆上重要议事日程，主要负责同志要亲自抓、负总责，确保各项任务落到实处、见到实效。"
SHI = f"一是抓好学习。{BODY}\n二是抓好落实。{LONG}\n三是抓好督查，以督查促落实。{BODY}{LONG}\n"


def test_a_second_enumeration_after_a_bridge_is_a_sibling():
    text = ORDINALS + f"下面，我再就近期工作讲几点具体意见。{LONG}\n" + SHI
    assert flat(text) == [(1, "第一，提高思想认识"), (1, "第二，压实工作责任"), (1, "第三，强化工作保障"),
                          (1, "一是抓好学习"), (1, "二是抓好落实"), (1, "三是抓好督查，以督查促落实")]
    yao = SHI.replace("一是抓好", "一要抓好").replace("二是抓好", "二要抓好").replace("三是抓好", "三要抓好")
    shi_then_yao = (f"在全县工作会议上的讲话\n\n{BODY}\n" + SHI + f"下面，我再就近期工作讲几点具体意见。{LONG}\n"
                    + yao)
    assert [lv for lv, _ in flat(shi_then_yao)] == [1] * 6


def test_an_enumeration_inside_the_items_of_another_stays_nested():
    nested = (f"讲话\n\n{BODY}\n第一，提高思想认识。{BODY}\n一是抓好学习。{BODY}\n二是抓好落实。{BODY}\n"
              f"第二，压实工作责任。{BODY}\n一是抓好督查。{BODY}\n二是抓好考核。{BODY}\n")
    assert [lv for lv, _ in flat(nested)] == [1, 2, 2, 1, 2, 2]
    under_last = ORDINALS.replace(f"第三，强化工作保障。{BODY}\n", "第三，强化工作保障，重点抓好三件事：\n") + SHI
    assert [lv for lv, _ in flat(under_last)] == [1, 1, 1, 2, 2, 2]


# -- 2. lead sentences as sub-heads ------------------------------------------------------------

PARA = ("全年地区生产总值增长百分之六点二，一般公共预算收入增长百分之八点五，规模以上工业增加值增长百分之九，"
        "主要经济指标增速均高于全市平均水平，经济发展的质量和效益稳步提升，发展后劲持续增强。")
LEADS = ("经济运行稳中向好。", "基础设施不断完善。", "民生福祉持续增进。")
REPORT = (f"2025年县政府工作报告\n\n各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。\n"
          f"一、2024年工作回顾\n过去的一年，全县经济社会发展取得新成效。\n"
          + "".join(f"{lead}\n{PARA}\n" for lead in LEADS)
          + f"二、2025年工作安排\n今年是十四五规划收官之年，做好今年工作意义重大，我们将重点抓好以下工作。\n")


def test_lead_sentences_in_alternation_are_sub_heads_one_below_the_heading():
    assert flat(REPORT) == [(1, "一、2024年工作回顾"), (2, "经济运行稳中向好"), (2, "基础设施不断完善"),
                            (2, "民生福祉持续增进"), (1, "二、2025年工作安排")]


def test_lead_sentences_without_a_numbered_scheme_are_top_level():
    text = f"全县经济发展综述\n\n{BODY}\n" + "".join(f"{lead}\n{PARA}\n" for lead in LEADS)
    assert flat(text) == [(1, lead.rstrip("。")) for lead in LEADS]
    bold = f"全县经济发展综述\n\n{BODY}\n" + "".join(f"**{lead}**\n\n{PARA}\n\n" for lead in LEADS)
    assert flat(bold) == [(1, lead.rstrip("。")) for lead in LEADS]  # a Markdown copy


def test_short_sentence_lines_out_of_alternation_stay_text():
    two = REPORT.replace(f"民生福祉持续增进。\n{PARA}\n", "")
    assert flat(two) == [(1, "一、2024年工作回顾"), (1, "二、2025年工作安排")]
    over_short = f"全县经济发展综述\n\n{BODY}\n" + "".join(f"{lead}\n{BODY}\n" for lead in LEADS)
    assert flat(over_short) == []  # the paragraph under them is not much longer
    poem = f"读书有感\n\n{PARA}\n明者处事，莫尚於中。\n优哉游哉，与道相从。\n首阳为拙，柳惠为工。\n饱食安步，在仕代农。\n{PARA}\n"
    assert flat(poem) == []
    far_apart = (f"全县经济发展综述\n\n{BODY}\n" + "".join(f"{lead}\n{PARA}\n{BODY}\n{PARA}\n" for lead in LEADS))
    assert flat(far_apart) == []
