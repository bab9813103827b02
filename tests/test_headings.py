"""The heading tree: numbering conventions, inline headings, lists inside paragraphs,
false friends, 目录 blocks with a cut body, numerals past ten, title and meta."""
from __future__ import annotations

import pytest

from outline_cli.api import outline_text
from outline_cli.markers import cn_number, match_marker
from outline_cli.normalize.script import fold_width

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求。"


def tree(text, **options):
    def walk(ss):
        return [(s["level"], s["marker"], s["heading"], walk(s["children"])) if s["children"]
                else (s["level"], s["marker"], s["heading"]) for s in ss]
    return walk(outline_text(text, **options)["sections"])


def flat(text, **options):
    out = []

    def walk(ss):
        for s in ss:
            out.append((s["level"], s["marker"] + s["heading"]))
            walk(s["children"])
    walk(outline_text(text, **options)["sections"])
    return out


@pytest.mark.parametrize("text,value", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20),
                                        ("二十三", 23), ("一百零二", 102), ("两", 2), ("12", 12)])
def test_chinese_numerals(text, value):
    assert cn_number(text) == value


@pytest.mark.parametrize("line,family,number", [
    ("一、总体要求", "cn", 1), ("十一、加强组织领导", "cn", 11), ("二十三、其他", "cn", 23),
    ("一 总体要求", "cn", 1), ("（一）指导思想", "paren-cn", 1), ("(三)基本原则", "paren-cn", 3),
    ("（一)混合括号", "paren-cn", 1), ("㈡第二项", "paren-cn", 2), ("1.问题导向", "arabic", 1),
    ("１．全角数字", "arabic", 1), ("2、顿号", "arabic", 2), ("⒈点码", "arabic", 1),
    ("（1）小项", "paren-arabic", 1), ("⑴括号数字", "paren-arabic", 1), ("①圈码", "circled", 1),
    ("第一章 总则", "chapter", 1), ("第三节 要求", "section", 3), ("一是以学立身", "shi", 1),
    ("二要抓落实", "yao", 2), ("第一，坚持党的领导", "ordinal", 1), ("其二，加强监督", "ordinal", 2),
    ("首先，要提高认识", "sequence", 1), ("第一步，全国人民代表大会", "step", 1),
])
def test_marker_families(line, family, number):
    m = match_marker(fold_width(line))
    assert m is not None and (m.family, m.number) == (family, number)


@pytest.mark.parametrize("line", [
    "第一书记要当好“班长”", "第一属性是政治属性", "首先是党的书记", "1.5亿元的投入",
    "2024年是关键之年", "25日上午召开会议", "一头扎进田间", "一线练精兵", "第十条 本办法自发布之日起施行",
    "统一是前提",
])
def test_false_friends_are_not_markers(line):
    assert match_marker(fold_width(line)) is None


# -- adding a marker family is one register(...) ----------------------------------------
@pytest.fixture
def sandbox_families(monkeypatch):
    """Families registered in a test stay in the test (and the remembered answers with them)."""
    from outline_cli import markers

    monkeypatch.setattr(markers, "FAMILIES", dict(markers.FAMILIES))
    yield markers
    monkeypatch.undo()
    for cached in (markers._first, markers.floating_starts, markers._match_marker):
        cached.cache_clear()


def test_a_registered_family_is_tried(sandbox_families):
    markers = sandbox_families
    line = "卷三 工作总结"  # volume numbering: no shipped family knows it
    assert match_marker(line) is None  # (asked first: the answer must not stay remembered)
    markers.register("volume", r"卷(?P<n>[一二三四五六七八九十]{1,3})\s+", 1.5, "卷一 / 卷二")
    m = match_marker(line)
    assert m is not None and (m.family, m.number, line[m.end:]) == ("volume", 3, "工作总结")
    assert match_marker("卷宗 工作总结") is None  # its look-alike


def test_families_are_tried_in_the_order_registered(sandbox_families):
    markers = sandbox_families
    # a made-up family whose markers (一、) the shipped "cn" family also reads: the family
    # registered first wins
    markers.register("late", r"(?P<n>[一二三])、", 3, "一、 (late)")
    assert match_marker("一、总体要求").family == "cn"
    # registering a name again replaces the family where it stands (still before "late")
    markers.register("cn", r"(?P<n>[一二三])、(?=总)", 3, "一、总 only")
    assert list(markers.FAMILIES).index("cn") < list(markers.FAMILIES).index("late")
    assert match_marker("一、总体要求").family == "cn"
    assert match_marker("二、加强领导").family == "late"


def test_an_unregistered_family_name_is_an_error(sandbox_families):
    markers = sandbox_families
    with pytest.raises(KeyError, match="no marker family 'volume'.*cn"):
        markers.family("volume")
    assert markers.family("cn").rank == 3
    with pytest.raises(ValueError, match="no group"):  # a number it could never read
        markers.register("volume", r"卷[一二三]\s+", 1.5, "卷一")
    assert "volume" not in markers.FAMILIES


def test_gbt9704_hierarchy_with_inline_headings():
    text = f"""关于加强基层治理的意见

一、总体要求
（一）指导思想。{BODY}
（二）基本原则。{BODY}
1.坚持党的领导。{BODY}
2.坚持以人为本。{BODY}
（1）第一小点。{BODY}
（2）第二小点。{BODY}
二、主要任务
（一）加大稳岗支持力度。2019年{BODY}
"""
    assert tree(text) == [
        (1, "一、", "总体要求", [(2, "（一）", "指导思想"),
                               (2, "（二）", "基本原则", [(3, "1.", "坚持党的领导"),
                                                        (3, "2.", "坚持以人为本",
                                                         [(4, "（1）", "第一小点"), (4, "（2）", "第二小点")])])]),
        (1, "二、", "主要任务", [(2, "（一）", "加大稳岗支持力度")]),
    ]


def test_numerals_past_ten():
    text = "工作报告\n\n" + "\n".join(f"{n}、第{n}部分的标题\n{BODY}" for n in
                                   ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"])
    got = flat(text)
    assert [m for _, m in got][-2:] == ["十一、第十一部分的标题", "十二、第十二部分的标题"]
    assert all(level == 1 for level, _ in got) and len(got) == 12


def test_speech_enumerations_sit_under_their_heading():
    text = f"""在全县工作会议上的讲话

同志们：
{BODY}
一、提高认识
一是以学立身筑牢忠诚根基。{BODY}
二是以谋定向服务发展大局。{BODY}
二、狠抓落实
一是抓班子。{BODY}
二是抓队伍。{BODY}
"""
    assert tree(text) == [
        (1, "一、", "提高认识", [(2, "一是", "以学立身筑牢忠诚根基"), (2, "二是", "以谋定向服务发展大局")]),
        (1, "二、", "狠抓落实", [(2, "一是", "抓班子"), (2, "二是", "抓队伍")]),
    ]


def test_enumeration_without_numbered_parent_is_top_level():
    text = f"今年的重点工作\n\n{BODY}\n一是坚持稳字当头、稳中求进。{BODY}\n二是加大宏观政策实施力度。{BODY}\n三是深化改革。{BODY}\n"
    assert [lvl for lvl, _ in flat(text)] == [1, 1, 1]


def test_list_inside_a_paragraph_is_not_a_heading():
    text = f"""关于安全生产的通报

一、牢固树立安全第一思想。{BODY}原因是什么？一是责任不落实。二是投入不足。三是监管不到位。
二、建立长效机制。{BODY}
"""
    assert flat(text) == [(1, "一、牢固树立安全第一思想"), (1, "二、建立长效机制")]


def test_a_lone_enumeration_item_is_not_a_heading():
    text = f"关于某事的说明\n\n{BODY}\n一是要看到成绩。{BODY}\n{BODY}\n"
    assert flat(text) == []


def test_first_secretary_is_not_an_ordinal():
    text = f"在乡镇第一书记座谈会上的讲话\n\n第一书记要当好“班长”，带好队伍。{BODY}\n第一书记要做到三个到位。{BODY}\n"
    assert flat(text) == []


def test_articles_only_with_option():
    text = "某某管理办法\n\n第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全县。\n第二章 附则\n第三条 本办法自发布之日起施行。\n"
    assert flat(text) == [(1, "第一章总则"), (1, "第二章附则")]
    with_articles = flat(text, articles=True)
    assert (2, "第一条为了规范管理，制定本办法") in with_articles


def test_toc_with_a_cut_body_restores_headings_from_the_toc():
    text = f"""目录/提纲：……
一、提高政治站位
一是加强理论学习
二是严守政治纪律
二、狠抓工作落实
一是压实责任
二是强化督查
……
在全县干部大会上的讲话
同志们：
一、提高政治站位
{BODY}一是加强理论学习。{BODY}
……(新文秘网http://www.example.cn省略877字,正式会员可完整阅读)……
"""
    data = outline_text(text)
    got = [(s["marker"] + s["heading"], s["source"], [(c["marker"] + c["heading"], c["source"]) for c in s["children"]])
           for s in data["sections"]]
    assert got == [
        ("一、提高政治站位", "both", [("一是加强理论学习", "both"), ("二是严守政治纪律", "toc")]),
        ("二、狠抓工作落实", "toc", [("一是压实责任", "toc"), ("二是强化督查", "toc")]),
    ]
    assert data["title"] == "在全县干部大会上的讲话"
    assert data["meta"]["occasion"] == "全县干部大会"
    assert data["meta"]["truncated"]["omitted_chars"] == 877
    text_out = outline_text(text, format="text")
    assert text_out["sections"] == data["sections"]


def test_toc_block_never_appears_in_the_text():
    from conftest import run_cli, sample

    out = run_cli("-f", "text", str(sample("002"))).stdout.decode()
    assert out.count("一是以学立身筑牢忠诚根基") == 1  # the body's copy only
    assert "目录" not in out


def test_unnumbered_subheads_in_news():
    text = f"""某县推进乡村振兴

{BODY}{BODY}

产业兴旺有新路

{BODY}{BODY}

乡风文明有新貌

{BODY}{BODY}

热门排行
24小时
7天
"""
    assert flat(text) == [(1, "产业兴旺有新路"), (1, "乡风文明有新貌")]


def test_heading_broken_over_two_lines_is_joined():
    parts = "\n\n".join(f"（{n}）第{n}项任务要求。{BODY}" for n in "一二三")
    text = f"报告\n\n一、总体部署\n\n{parts}\n\n（四）坚持不懈用\n\n新时代中国特色社会主义思想凝心铸魂。{BODY}\n"
    assert flat(text)[-1] == (2, "（四）坚持不懈用新时代中国特色社会主义思想凝心铸魂")


def test_title_prefers_the_speech_title_and_drops_repeats():
    text = f"某某网\n首页 资讯 正文\n在全市教育工作会议上的讲话\n在全市教育工作会议上的讲话\n——张三同志在全市教育工作会议上的讲话\n{BODY}{BODY}\n"
    data = outline_text(text)
    assert data["title"] == "在全市教育工作会议上的讲话"
    assert data["meta"]["occasion"] == "全市教育工作会议"
    assert data["meta"]["speaker"] == "张三"
    out = outline_text(text, format="text")
    assert out["title"] == data["title"]


def test_meta_from_bylines():
    text = f"标题：某县召开会议\n某县召开会议\n来源：某县融媒体中心 2024-05-06 10:20\n{BODY}{BODY}\n责任编辑：李四\n"
    data = outline_text(text)
    assert data["meta"]["editor"] == "李四"
    assert data["meta"]["date"] == "2024-05-06 10:20"


def test_house_style_nesting_is_voted_from_the_document():
    # this document puts 1. under （1）, against the GB/T 9704 default order
    text = f"关于某事的报告\n\n{BODY}\n（1）总体\n{BODY}\n1.第一\n{BODY}\n2.第二\n{BODY}\n（2）分项\n{BODY}\n1.第一\n{BODY}\n2.第二\n{BODY}\n"
    assert flat(text) == [(1, "（1）总体"), (2, "1.第一"), (2, "2.第二"), (1, "（2）分项"), (2, "1.第一"), (2, "2.第二")]


def test_a_lone_numbered_note_is_not_a_level():
    text = f"关于某事的通知\n\n一、总体要求\n{BODY}\n1.本通知自印发之日起施行。\n二、工作任务\n{BODY}\n"
    assert flat(text) == [(1, "一、总体要求"), (1, "二、工作任务")]


def test_count_cue_mismatch_is_a_warning():
    text = f"关于某事的报告\n\n下面，我从两个方面谈谈。\n一、第一方面\n{BODY}\n二、第二方面\n{BODY}\n三、第三方面\n{BODY}\n"
    warnings = outline_text(text)["warnings"]
    assert warnings == [{"line": 3, "kind": "count-mismatch", "text": "从两个方面: 3 found"}]
    matched = text.replace("两个方面", "三个方面")
    assert outline_text(matched)["warnings"] == []


def test_report_parts_and_subtitle_facts():
    text = ("2024年政府工作报告\n——2024年1月10日在某某县第十八届人民代表大会第四次会议上\n县长 赵六\n各位代表：\n"
            f"{BODY}\n第一部分 2023年工作回顾\n{BODY}\n（一）经济运行稳中向好。{BODY}\n（二）民生保障持续加强。{BODY}\n"
            f"第二部分 2024年主要任务\n{BODY}\n（一）全力稳增长。{BODY}\n（二）全力惠民生。{BODY}\n")
    data = outline_text(text)
    assert flat(text) == [(1, "第一部分2023年工作回顾"), (2, "（一）经济运行稳中向好"), (2, "（二）民生保障持续加强"),
                          (1, "第二部分2024年主要任务"), (2, "（一）全力稳增长"), (2, "（二）全力惠民生")]
    assert data["sections"][0]["marker"] == "第一部分"
    assert data["meta"]["occasion"] == "某某县第十八届人民代表大会第四次会议"
    assert data["meta"]["date"] == "2024年1月10日"
    assert data["meta"]["speaker"] == "县长 赵六"
    from conftest import run_cli

    md = run_cli("-f", "markdown", "-", input=text.encode()).stdout.decode()
    assert "## 第一部分 2023年工作回顾" in md


def test_bracketed_news_subheads():
    text = (f"某县特色产业发展纪实\n2024年06月18日 08:30 来源：某某日报\n【聚焦主业】\n{BODY}\n{BODY}\n"
            f"【创新机制】\n{BODY}\n【强化保障】\n{BODY}\n（记者 张三 通讯员 李四）\n编辑：王五\n")
    data = outline_text(text)
    assert [s["heading"] for s in data["sections"]] == ["【聚焦主业】", "【创新机制】", "【强化保障】"]
    assert data["meta"]["editor"] == "王五" and data["meta"]["author"] == "张三、李四"


def test_roman_numerals_above_chinese_numerals():
    text = f"年度工作总结\n\nⅠ、工作回顾\n一、经济发展\n{BODY}\n二、社会事业\n{BODY}\nⅡ、工作计划\n{BODY}\n"
    assert flat(text) == [(1, "Ⅰ、工作回顾"), (2, "一、经济发展"), (2, "二、社会事业"), (1, "Ⅱ、工作计划")]
