"""Issue 18 shapes 3, 4, 7 and 8 on hand-written text: 目录/提纲 blocks, title furniture,
hard wraps and one-line bodies — each rule with the look-alike it must leave alone."""
from __future__ import annotations

from conftest import flat
from outline_cli.api import outline_text

BODY = ("今天召开全县乡村振兴工作会议，主要任务是总结去年工作，部署今年任务。下面，我讲三点意见。\n"
        "一、提高认识，增强做好乡村振兴工作的责任感\n"
        "乡村振兴是新时代“三农”工作的总抓手，我们必须把思想统一到中央和省市决策部署上来，切实增强责任感。\n"
        "二、突出重点，推动乡村振兴取得新成效\n"
        "要抓好产业发展，把特色产业做大做强，让农民群众在产业发展中得到实惠，不断增加收入来源。\n")

NEWS = ("国务院总理今天在会上指出，今年经济工作要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。\n"
        "他强调，要着力扩大国内需求，推动经济实现质的有效提升和量的合理增长，持续增强发展的内生动力。\n"
        "会议要求，各地区各部门要切实履职尽责，扎实推进各项工作任务落地见效，确保完成全年目标任务。\n")


# -- shape 4: title furniture -------------------------------------------------------------
def test_a_row_of_labelled_fields_is_never_the_title():
    # labels and values of other wordings than the examples; some values empty
    for row in ("浏览量：  稿件来源：  录入：张编辑", "字号：大 中 小  阅读次数：1024  发稿人：",
                "供稿单位：区委办 审核人： 发布日期：2023年5月6日"):
        data = outline_text(f"{row}\n坚定信心 推动经济持续回升向好\n{NEWS}")
        assert data["title"] == "坚定信心 推动经济持续回升向好", row


def test_a_title_with_one_speaker_colon_stays_the_title():
    title = "王晨：修例风波煽动反中反共 立法实际很困难"
    data = outline_text(f"首页 | 新闻 | 港澳\n{title}\n2020-05-22 10:20 来源：本网\n{NEWS}")
    assert data["title"] == title


def test_a_tag_list_and_a_button_row_are_never_the_title():
    for widget in ("相关标签：产业 振兴 基层 党建", "您好，访客 [登录] [注册]", "【收藏】【分享】【纠错】"):
        data = outline_text(f"{widget}\n2023-06-01 09:00\n坚定信心 推动经济持续回升向好\n{NEWS}")
        assert data["title"] == "坚定信心 推动经济持续回升向好", widget


def test_widget_forms_leave_title_look_alikes_alone():
    from outline_cli.structure.title import is_widget

    assert is_widget("背景色:■■■■ 字体:默认 宋体 黑体")
    assert is_widget("热门搜索:讲话稿 述职报告 心得体会 工作总结")
    # one 【tag】 and a long title; one speaker-colon and long spaced clauses; a date in a title
    for title in ("【港版国安法说明全文】王晨:修例风波煽动反中反共 23条立法实际很困难 任何外国",
                  "【权威发布】我省出台十条措施支持民营经济发展壮大", "专访:乡村振兴 产业先行",
                  "关于2024年春季农业生产工作的通知"):
        assert not is_widget(title), title


def test_the_channel_label_above_the_title_is_not_the_title():
    # the channel name ends like a genre (讲话) and would otherwise score as a speech title
    for nav in ("当前位置：首页 > 时政要闻 > 重要讲话", "首页 | 时政要闻 | 重要讲话 | 理论学习"):
        text = f"{nav}\n重要讲话\n坚定信心 推动经济持续回升向好\n2024-03-05 10:20\n{NEWS}"
        data = outline_text(text)
        assert data["title"] == "坚定信心 推动经济持续回升向好", nav


def test_a_short_title_that_a_crumb_repeats_is_still_the_title():
    # the crumb names the article itself and nothing else stands above the text
    data = outline_text(f"首页 > 专题 > 政府工作报告\n政府工作报告\n{NEWS}")
    assert data["title"] == "政府工作报告"


def test_a_news_dateline_is_never_the_title():
    data = outline_text(f"坚定信心 推动经济持续回升向好\n新华社北京十二月五日电\n{NEWS}")
    assert data["title"] == "坚定信心 推动经济持续回升向好"
    data = outline_text(f"人民日报杭州3月8日讯\n{NEWS}")
    assert data["title"] != "人民日报杭州3月8日讯"


def test_line_and_paragraph_separators_break_lines():
    text = "在全县乡村振兴工作会议上的讲话\u2028来源：县政府办\u2029" + BODY
    data = outline_text(text)
    assert data["title"] == "在全县乡村振兴工作会议上的讲话"
    assert [h for _, h in flat(data)] == ["一、提高认识，增强做好乡村振兴工作的责任感", "二、突出重点，推动乡村振兴取得新成效"]


# -- shape 3: 目录/提纲 blocks --------------------------------------------------------------
def _sections(data):
    out = []

    def walk(nodes, depth):
        for s in nodes:
            out.append((depth, s["marker"] + s["heading"], s.get("source"), s.get("line")))
            walk(s.get("children") or [], depth + 1)
    walk(data["sections"], 1)
    return out


PARA = "这一部分讲的是我们在实际工作中形成的经验做法，需要各级各部门认真对照检查，切实抓好贯彻落实。"

TOC_MIXED = ("提纲：\n"
             "把握三个关键\n"
             "第一，坚持政治引领\n"
             "第二，坚持问题导向\n"
             "做好两项工作\n"
             "第一，压实工作责任\n"
             "第二，强化督促检查\n"
             "……\n"
             "在全市基层党建工作推进会上的讲话\n"
             f"{PARA}\n"
             "把握三个关键\n"
             f"{PARA}\n"
             f"第一，坚持政治引领。{PARA}\n"
             f"第二，坚持问题导向。{PARA}\n"
             "做好两项工作\n"
             f"{PARA}\n"
             f"第一，压实工作责任。{PARA}\n"
             f"第二，强化督促检查。{PARA}\n")


def test_a_closed_toc_with_unnumbered_entries_is_one_block_and_not_the_title():
    data = outline_text(TOC_MIXED)
    assert data["title"] == "在全市基层党建工作推进会上的讲话"
    got = [(d, h, src) for d, h, src, _ in _sections(data)]
    assert got == [(1, "把握三个关键", "both"), (2, "第一，坚持政治引领", "both"), (2, "第二，坚持问题导向", "both"),
                   (1, "做好两项工作", "both"), (2, "第一，压实工作责任", "both"), (2, "第二，强化督促检查", "both")]


def test_an_unclosed_block_stops_at_its_first_unnumbered_line():
    # no …… line: the section title after the numbered entries is the text's, not the block's
    text = ("目录\n一、总体要求\n二、重点任务\n加强组织领导\n" + PARA + "\n一、总体要求\n" + PARA + "\n二、重点任务\n" + PARA + "\n")
    data = outline_text(text)
    assert data["title"] == "加强组织领导"


def test_a_closed_block_holding_a_sentence_is_not_read_as_entries():
    text = ("目录：\n一、总体要求\n本文共分两个部分。下面分别论述。\n二、重点任务\n……\n"
            + "一、总体要求\n" + PARA + "\n二、重点任务\n" + PARA + "\n")
    data = outline_text(text)
    assert "把握" not in str(data["sections"])
    assert [h for _, h, _, _ in _sections(data)][-2:] == ["一、总体要求", "二、重点任务"]


def test_a_toc_entry_whose_body_copy_lost_its_number_is_anchored_to_that_line():
    text = ("目录：\n一、总体要求\n二、重点任务\n三、保障措施\n……\n在全县工作会议上的讲话\n" + PARA + "\n"
            "一、总体要求\n" + PARA + "\n"
            "重点任务\n" + PARA + "\n"          # the body copy without its number
            "三、保障措施\n" + PARA + "\n")
    data = outline_text(text)
    got = _sections(data)
    assert [(h, src) for _, h, src, _ in got] == [("一、总体要求", "both"), ("二、重点任务", "both"), ("三、保障措施", "both")]
    assert got[1][3] == 10  # the line of 重点任务 in the text


def test_a_toc_entry_broken_over_two_short_lines_in_the_body_is_anchored_and_joined():
    text = ("目录：\n一、坚持党的全面领导\n二、坚持以人民为中心的发展思想\n……\n在全县工作会议上的讲话\n" + PARA + "\n"
            "一、坚持党的全面领导\n" + PARA + "\n"
            "二、坚持以人民为中心\n的发展思想\n" + PARA + "\n")
    data = outline_text(text)
    got = _sections(data)
    assert [(h, src) for _, h, src, _ in got] == [("一、坚持党的全面领导", "both"), ("二、坚持以人民为中心的发展思想", "both")]
    assert "二、坚持以人民为中心的发展思想\n" in outline_text_body(text)


def test_a_toc_entry_only_mentioned_inside_a_paragraph_stays_toc_only():
    text = ("目录：\n一、总体要求\n二、重点任务\n……\n在全县工作会议上的讲话\n" + PARA + "\n"
            "一、总体要求\n" + PARA + "\n"
            "我们在重点任务上还要下更大功夫，" + PARA + "\n")
    got = _sections(outline_text(text))
    assert [(h, src) for _, h, src, _ in got] == [("一、总体要求", "both"), ("二、重点任务", "toc")]


def outline_text_body(text: str) -> str:
    from conftest import run_cli

    return run_cli("-f", "text", "-", input=text.encode()).stdout.decode()


# -- shape 8: one-line bodies ---------------------------------------------------------------
LONG = "我们要坚持以人民为中心的发展思想，把群众满意作为检验工作的根本标准，切实解决好群众急难愁盼问题。"


def _pieces(*parts: str) -> list[str]:
    from outline_cli.normalize import oneline

    # a one-line body is long (oneline.MIN_LENGTH): plain paragraphs after the shape
    return oneline.split_line(" ".join(parts + (LONG,) * 8))


def test_a_piece_opening_with_a_heading_marker_starts_a_paragraph():
    # half-width and Arabic markers after a space (a digit is not Chinese text), traditional script
    got = _pieces(LONG, "(一)基本原則。", "1.問題導向。" + LONG, "2.開放融合。" + LONG, "三.試點任務", LONG * 2,
                  "重點做好以下工作：", "(一)建設集約化平台。" + LONG)
    assert "1.問題導向。" + LONG in got and "2.開放融合。" + LONG in got
    assert "三.試點任務" in got  # the heading's own line, not glued to the paragraph under it
    assert "(一)建設集約化平台。" + LONG in got and "重點做好以下工作：" in got


def test_a_heading_with_a_space_in_it_stays_one_heading():
    got = _pieces(LONG, "三、扛起发展之责 激活基层动能", LONG * 2, "**四、建强战斗之队**", LONG * 2)
    assert "三、扛起发展之责 激活基层动能" in got
    assert "**四、建强战斗之队**" in got


def test_a_bare_marker_before_a_space_stays_with_its_heading():
    got = _pieces(LONG, "问题如下：", "一、 一早走漏风声却又不肯承认，", LONG, LONG)
    assert any(p.startswith("一、 一早走漏风声") for p in got)
    assert "一、" not in got


def test_subtitle_date_and_salutation_stand_alone_in_a_one_line_body():
    got = _pieces("为全面建设社会主义现代化国家而团结奋斗", "——在全市党代表大会上的报告", "（2022年10月16日）",
                  "习近平", "同志们：", LONG, LONG, LONG)
    assert got[:5] == ["为全面建设社会主义现代化国家而团结奋斗", "——在全市党代表大会上的报告", "（2022年10月16日）",
                       "习近平", "同志们："]


def test_a_sentence_whose_commas_became_spaces_is_still_joined():
    # the look-alike: short clauses without a marker are one sentence, joined with its end
    got = _pieces(LONG, "为根治干部知识弱项", "分层分类开展精准赋能", "推动干部素质整体提升。", LONG, LONG)
    assert "为根治干部知识弱项 分层分类开展精准赋能 推动干部素质整体提升。" in got


def test_a_one_line_body_with_half_width_markers_gets_its_outline():
    body = " ".join(["今天召开全县工作会议，主要任务是总结去年工作，部署今年任务。", "一.提高认识", LONG, LONG,
                     "(一)统一思想。" + LONG, "(二)压实责任。" + LONG, "二.突出重点", LONG, LONG,
                     "(一)抓好产业。" + LONG, "(二)抓好治理。" + LONG])
    data = outline_text("在全县工作会议上的讲话\n" + body + "\n")
    assert data["title"] == "在全县工作会议上的讲话"
    assert [(d, h) for d, h, _, _ in _sections(data)] == [
        (1, "一.提高认识"), (2, "(一)统一思想"), (2, "(二)压实责任"), (1, "二.突出重点"), (2, "(一)抓好产业"), (2, "(二)抓好治理")]


def test_an_image_name_or_a_sentence_end_before_a_space_breaks_the_paragraph():
    # the copy kept an image's file name between two paragraphs; the unnumbered sub-head
    # after it is a paragraph of its own, not a clause of the next sentence
    got = _pieces(LONG, "0427_3.jpg", "关键之年的关键群体", LONG, "2023年以来，全县新建村级活动场所十二个。", LONG)
    assert "0427_3.jpg" in got and "关键之年的关键群体" in got
    assert "2023年以来，全县新建村级活动场所十二个。" in got  # after 。 a digit opens a paragraph


def test_a_date_opening_a_sentence_after_a_space_starts_a_paragraph():
    # a sub-head (or a byline) before a sentence that opens with a date: two paragraphs
    got = _pieces(LONG, "全面推进乡村振兴", "6月中旬，全省乡村振兴机构已全面完成挂牌。", LONG,
                  "责任编辑：张三 来源：本网", "4月24日至26日，全市镇街书记参加集中培训。")
    assert "全面推进乡村振兴" in got and "6月中旬，全省乡村振兴机构已全面完成挂牌。" in got
    assert "4月24日至26日，全市镇街书记参加集中培训。" in got
    # the look-alike: a signature and its bare date stay one line
    assert "县人民政府办公室 2023年10月27日" in _pieces(LONG, "县人民政府办公室 2023年10月27日", LONG)


def test_kept_html_markup_and_the_text_beside_it_are_apart():
    figure = '<figure> <img src="a.png" alt=""> <figcaption>封区范围。</figcaption> </figure>'
    got = _pieces(LONG + " " + figure, "为避免混乱，我建议如下：", "一、预先讲定封区的做法。" + LONG)
    assert figure in got and "为避免混乱，我建议如下：" in got


def test_a_marker_after_a_widget_arrow_still_starts_a_paragraph():
    # a link widget ending in >> glued before a heading: the heading opens its own piece
    got = _pieces(LONG, "相关专题 查看详情 >>", "（一）加快发展方式绿色转型。" + LONG, LONG)
    assert "（一）加快发展方式绿色转型。" + LONG in got


def test_latin_words_inside_a_sentence_are_not_breaks():
    # the look-alike: a space before Latin letters or digits in mid-sentence stays
    sentence = "截至 2023 年底，加快推进 5G 基站建设，扩大千兆光网覆盖范围，推动 PM2.5 浓度持续下降。"
    assert sentence in _pieces(LONG, sentence, LONG)


def test_a_cell_repeated_after_three_numbered_labels_is_a_table_cell():
    # a flattened table: the same short cell after every label is not part of the labels,
    # also after a sign (▲) that ends the label
    got = _pieces(LONG, "1.收支结余▲", "定量", "计算方法：收入减支出。", "2.资产负债率▲", "定量",
                  "计算方法：负债合计除以资产合计。", "3.医护比", "定量", "计算方法：医师数比护士数。")
    assert {"1.收支结余▲", "2.资产负债率▲", "3.医护比"} <= set(got)
    assert got.count("定量") == 3


# -- shape 3: front matter after page chrome -------------------------------------------------
def test_front_matter_under_a_few_chrome_lines_is_still_front_matter():
    text = ("首页 | 新闻 | 评论\n收藏本页 分享到\n---\ntitle: 坚定信心 推动经济持续回升向好\ndate: 2024-03-05\n"
            "author: 本报评论员\n---\n" + NEWS)
    data = outline_text(text)
    assert data["title"] == "坚定信心 推动经济持续回升向好"
    assert data["meta"]["author"] == "本报评论员"
    assert "title:" not in outline_text_body(text)


def test_a_rule_line_under_text_is_not_front_matter():
    # look-alike: text, then a --- separator and key-like lines that are the text's own
    text = (NEWS.split("\n")[0] + "\n---\n时间: 上午九时\n地点: 县政府三楼会议室\n---\n" + NEWS)
    body = outline_text_body(text)
    assert "地点: 县政府三楼会议室" in body


def test_a_malformed_front_matter_still_states_its_title():
    text = ("---\ntitle: \"坚定信心 推动经济持续回升向好\"\ntags:\n热门：推荐\n  - 经济\n---\n" + NEWS)
    assert outline_text(text)["title"] == "坚定信心 推动经济持续回升向好"


# -- shape 7: hard wraps ----------------------------------------------------------------------
def _wrap(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        out.extend([line[k:k + width] for k in range(0, len(line), width)] or [""])
    return "\n".join(out)


def test_a_wrapped_markdown_title_with_a_gloss_is_the_whole_title():
    title = "王晨：修例风波煽动反中反共 立法实际很困难 任何(rèn hé)外国干预措施将采一切反制"
    text = _wrap("# " + title + "\n\n" + NEWS * 3, 30)
    data = outline_text(text)
    assert data["title"] == "王晨：修例风波煽动反中反共 立法实际很困难 任何外国干预措施将采一切反制"


def test_a_text_with_paragraph_lines_longer_than_the_mode_is_not_wrapped():
    from outline_cli.normalize import wraps

    # a dozen short sentences of one length, and many paragraphs far longer: not a wrap
    same = ["我们要把思想统一到中央决策部署上来，切实增强责任感。"] * 12
    long = [LONG + LONG[:k] for k in range(12, 42, 3)]  # ten paragraphs, each of its own length
    assert wraps.fixed_width(same + long) is None
    # the look-alike: the same text wrapped at 26 characters, with one long notice kept whole
    wrapped = _wrap("\n".join([LONG * 3] * 6), 26).split("\n") + ["本站资料均来自网友上传，如有侵权请告知，我们将及时删除，感谢您的理解与支持。"]
    assert wraps.fixed_width(wrapped) == ("chars", 26)


def test_no_width_is_inferred_from_toc_lines():
    from outline_cli.markers import starts_with_marker
    from outline_cli.normalize import wraps

    toc = [f"{n}、加强组织领导，压实各方工作责任" for n in "一二三四五六七八九十"]
    paras = [LONG[:k] + "。" for k in (20, 31, 44, 27, 38, 47, 22, 35)]
    lines = toc + paras
    assert wraps.fixed_width(lines, lines, starts_with_marker) is None


def test_the_width_of_indented_paragraphs_counts_their_indent():
    # a paragraph's first line carries the indent: as read, every wrapped line is 30 long
    body = "\n".join(_wrap("\u3000\u3000" + LONG * 3, 30) for _ in range(5))
    data = outline_text("在全县工作会议上的讲话\n" + body + "\n")
    text = outline_text_body("在全县工作会议上的讲话\n" + body + "\n")
    assert (LONG * 3) in text.replace("\n", "") and text.count("\n") <= 7
    assert data["title"] == "在全县工作会议上的讲话"


def test_a_question_title_over_a_one_line_body_with_a_toc_above():
    # menu slogans above, a 目录 whose first entry recurs in the body (a section heading,
    # not a repeated title), the title a question, its dateline glued to the one-line lead
    body = " ".join(["新华社 2020-01-03 18:13 字号 大 中 小", LONG, "坚定制度自信，从三方面论述",
                     "第一，具有深厚的历史底蕴。" + LONG, "第二，具有显著的制度优势。" + LONG] + [LONG] * 6)
    text = ("视界\n视界观，观世界\n赢家\n直击中国体育产业生存现状\n汽车圈\n专注汽车产经报道\n"
            "目录：\n坚定制度自信，从三方面论述\n第一，具有深厚的历史底蕴\n第二，具有显著的制度优势\n……\n"
            "新年伊始，这篇重要文章谈了啥？\n" + body + "\n")
    assert outline_text(text)["title"] == "新年伊始，这篇重要文章谈了啥？"


def test_a_question_opening_the_text_without_a_dateline_is_not_preferred():
    # the look-alike: a lead question, then text; the title line above it stays the title
    text = "坚定信心 推动经济持续回升向好\n经济形势怎么看？\n" + NEWS
    assert outline_text(text)["title"] == "坚定信心 推动经济持续回升向好"


def test_the_sentence_after_a_heading_run_is_not_glued_into_the_heading():
    # a table row flattened onto the line: the cells after the numbered label stay out of it
    got = _pieces(LONG, "1.门诊人次数与出院人次数比", "定量", "计算方法：门诊患者人次数/同期出院患者人次数。",
                  "2.下转患者人次数", "定量", "计算方法：本年度下转患者人次数。")
    assert "1.门诊人次数与出院人次数比 定量" in got and "计算方法：门诊患者人次数/同期出院患者人次数。" in got
    assert "2.下转患者人次数 定量" in got
