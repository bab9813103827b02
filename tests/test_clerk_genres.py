"""Issue 18 on genres a county office handles that the dev corpus lacks (印发通知 with its
attached 方案, 讲话稿, 党课, 政府工作报告, 述职报告, meeting news): hand-written cases of
each shape the tool got wrong, each with the look-alike that must not change."""
from __future__ import annotations

from conftest import flat
from outline_cli.api import outline_text

PLAN = "临川县2024年农村人居环境整治提升实施方案"
PLAN_BODY = (f"{PLAN}\n"
             "为深入贯彻落实党中央、国务院关于改善农村人居环境的决策部署，持续推进宜居宜业和美乡村建设，结合我县实际，制定本方案。\n"
             "一、总体要求\n"
             "到2024年底，全县农村卫生厕所普及率达到85%以上，农村生活垃圾无害化处理率保持在95%以上，生活污水治理率达到40%。\n"
             "二、重点任务\n"
             "优先治理人口集中村庄、水源保护区村庄的生活污水，推广低成本、低能耗、易维护的治理技术，健全垃圾收运处置体系。\n")


def _issuing_notice(title_lines: str, quoted: str) -> str:
    return (f"临川县人民政府办公室文件\n临政办发〔2024〕12号\n{title_lines}\n"
            "各乡镇人民政府，县政府各部门、各直属机构：\n"
            f"{quoted}已经县政府同意，现印发给你们，请结合实际认真贯彻落实。\n"
            f"附件：{PLAN}\n临川县人民政府办公室\n2024年3月15日\n（此件公开发布）\n" + PLAN_BODY)


# -- 关于印发《…方案》的通知: the notice is the title, the plan its part --------------------
def test_an_issuing_notice_is_the_title_not_the_plan_it_carries():
    for title_lines, title in (
            (f"关于印发《{PLAN}》的通知", f"关于印发《{PLAN}》的通知"),
            (f"关于印发{PLAN}的通知", f"关于印发{PLAN}的通知"),  # without 《》 (国办发 style)
            # the 公文 title broken over two lines, issuer in front
            ("临川县人民政府办公室关于印发临川县2024年农村\n人居环境整治提升实施方案的通知",
             f"临川县人民政府办公室关于印发{PLAN}的通知")):
        data = outline_text(_issuing_notice(title_lines, f"《{PLAN}》"), explain=True)
        assert data["title"] == title, title_lines
        # the notice's own text is the document's, not page furniture
        assert not any("现印发给你们" in r["text"] for r in data["removed"]), title_lines
        assert [h for _, h in flat(data)] == ["一、总体要求", "二、重点任务"]


def test_the_issuing_notice_text_is_not_removed():
    data = outline_text(_issuing_notice(f"关于印发《{PLAN}》的通知", f"《{PLAN}》"), explain=True)
    removed = [r["text"] for r in data.get("removed", [])]
    assert not any("各乡镇人民政府" in t or "现印发给你们" in t for t in removed), removed


def test_a_plan_page_without_an_issuing_notice_keeps_the_plan_title():
    # look-alikes: a crumb naming the plan (no 关于), a notice title whose 事由 goes on past
    # the plan's name, and the issuing notice named only below the plan (a related link)
    for above, below in ((f"首页 > 政策文件 > {PLAN}", ""), (f"关于做好{PLAN}宣传工作的通知", ""),
                         ("", f"相关文件：关于印发{PLAN}的通知\n")):
        data = outline_text(f"{above}\n{PLAN_BODY}附件：{PLAN}\n{below}")
        assert data["title"] == PLAN, above or below


# -- Word's automatic numbering: the markers Word draws are read back --------------------
def _numbered_docx(items, levels=(("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                  ("decimal", "%3.")), extra=()) -> bytes:
    """A .docx whose headings are numbered by a Word list, not typed: ``items`` are
    (text, ilvl or None, numId); numId 0 switches numbering off, as Word writes it."""
    import io

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def el(tag, **attrs):
        e = OxmlElement(tag)
        for k, v in attrs.items():
            e.set(qn("w:" + k), str(v))
        return e
    word = Document()
    numbering = word.part.numbering_part.element
    for aid, specs in ((90, levels), (91, (("bullet", "\uf0b7"),))) + tuple(extra):
        abstract = el("w:abstractNum", abstractNumId=aid)
        for ilvl, (fmt, text, *start) in enumerate(specs):
            lvl = el("w:lvl", ilvl=ilvl)
            lvl.append(el("w:start", val=start[0] if start else 1))
            lvl.append(el("w:numFmt", val=fmt))
            lvl.append(el("w:lvlText", val=text))
            abstract.append(lvl)
        numbering.insert(0, abstract)
        num = el("w:num", numId=aid + 10)
        num.append(el("w:abstractNumId", val=aid))
        numbering.append(num)
    for text, ilvl, num_id in items:
        p = word.add_paragraph(text)
        if ilvl is not None:
            num_pr = el("w:numPr")
            num_pr.append(el("w:ilvl", val=ilvl))
            num_pr.append(el("w:numId", val=num_id))
            p._p.get_or_add_pPr().append(num_pr)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


_PARA = "要聚焦重点行业领域，深入开展拉网式隐患排查，做到不留死角、不留盲区，确保各项措施落到实处。"


def test_word_auto_numbered_headings_get_their_markers_and_levels():
    from outline_cli.api import outline_bytes

    data = outline_bytes(_numbered_docx([
        ("在全县安全生产工作会议上的讲话", None, 0), (_PARA, None, 0),
        ("清醒认识当前形势", 0, 100), (_PARA, None, 0),
        ("准确把握工作重点", 0, 100), ("深入开展隐患排查整治", 1, 100), (_PARA, None, 0),
        ("严格落实企业主体责任", 1, 100), ("强化道路交通安全", 2, 100), (_PARA, None, 0),
        ("强化消防安全", 2, 100), (_PARA, None, 0),
        ("切实加强组织领导", 0, 100), ("坚持党政同责", 1, 100), (_PARA, None, 0)]), "s.docx")
    assert flat(data) == [(1, "一、清醒认识当前形势"), (1, "二、准确把握工作重点"),
                          (2, "（一）深入开展隐患排查整治"), (2, "（二）严格落实企业主体责任"),
                          (3, "1.强化道路交通安全"), (3, "2.强化消防安全"),
                          (1, "三、切实加强组织领导"),
                          (2, "（一）坚持党政同责")]  # a new 一、 restarts the （…） level


def test_word_bullets_and_switched_off_numbering_add_no_marker():
    from outline_cli.read.docx import parse

    lines, _ = parse(_numbered_docx([
        ("在全县安全生产工作会议上的讲话", None, 0), ("加强重点车辆管理", 0, 101),
        ("严厉打击违法行为", 0, 101), ("畅通消防生命通道", 0, 0), ("一、本来就有的编号", None, 0)]))
    assert [ln.text for ln in lines] == ["在全县安全生产工作会议上的讲话", "加强重点车辆管理",
                                         "严厉打击违法行为", "畅通消防生命通道", "一、本来就有的编号"]


def test_word_list_starting_at_zero_counts_on():
    # w:start 0 is a real start value (a list numbered 0., 1., 2.), not "not counted yet"
    from outline_cli.read.docx import parse

    lines, _ = parse(_numbered_docx([("总体要求", 0, 100), ("重点任务", 0, 100), ("保障措施", 0, 100)],
                                    levels=(("decimal", "%1.", 0),)))
    assert [ln.text for ln in lines] == ["0.总体要求", "1.重点任务", "2.保障措施"]


def test_word_number_formats():
    from outline_cli.markers import chinese_numeral
    from outline_cli.read.docx_numbering import format_number

    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 99, 100, 105, 110, 120)] == \
        ["一", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "一百二十"]
    assert format_number("decimalEnclosedCircle", 3) == "③"
    assert format_number("upperRoman", 4) == "IV" and format_number("lowerLetter", 2) == "b"
    assert format_number("bullet", 1) is None


# -- a speech title broken before its short last words ------------------------------------
SPEECH_BODY = ("同志们：\n这次会议的主要任务是，总结去年全县经济工作，分析当前形势，安排部署今年经济工作。下面，我讲三点意见。\n"
               "一、正确认识当前经济形势\n过去的一年，全县上下坚持稳中求进工作总基调，经济社会发展取得了新的成效，主要指标好于预期。\n"
               "二、突出工作重点\n今年是实现“十四五”规划目标任务的关键一年，全县上下要聚焦重点、精准发力，推动经济持续向好。\n")


def test_a_title_broken_before_its_short_genre_words_is_joined():
    for head, title in (("在全县2024年经济工作会议\n上的讲话", "在全县2024年经济工作会议上的讲话"),
                        ("在全县2024年经济工作会议上的\n讲话", "在全县2024年经济工作会议上的讲话"),
                        ("关于做好2024年春季农业生产工作的\n通知", "关于做好2024年春季农业生产工作的通知")):
        data = outline_text(f"{head}\n（2024年3月5日）\n{SPEECH_BODY}")
        assert data["title"] == title, head
        assert data["meta"].get("speaker") is None, head  # 讲话/通知 is not a speaker's name


def test_a_short_name_under_a_whole_title_stays_the_speaker():
    # look-alike: the short line under a complete title is a name, not the title's end
    for name in ("王建国", "张红梅"):
        data = outline_text(f"在全县2024年经济工作会议上的讲话\n{name}\n（2024年3月5日）\n{SPEECH_BODY}")
        assert data["title"] == "在全县2024年经济工作会议上的讲话"
        assert data["meta"]["speaker"] == name


def test_the_occasion_of_a_one_line_title_with_its_subtitle():
    for head, occasion, speaker in (
            ("凝心聚力 奋力谱写高质量发展新篇章——在全县2024年经济工作会议上的讲话", "全县2024年经济工作会议", None),
            ("凝心聚力谱新篇——王建国同志在全县2024年经济工作会议上的讲话", "全县2024年经济工作会议", "王建国"),
            ("以创新理论武装头脑\n——在县委理论学习中心组专题党课上的讲稿", "县委理论学习中心组专题党课", None)):
        meta = outline_text(f"{head}\n{SPEECH_BODY}")["meta"]
        assert meta.get("occasion") == occasion, head
        assert meta.get("speaker") == speaker, head
    # a title with a dash but no occasion after it names none
    assert "occasion" not in outline_text(f"奋进新征程——写在2024年春节之际\n{SPEECH_BODY}")["meta"]


# -- a 会议通知's own 时间：row is content; a page's 时间：row above the text is a byline ---
MEETING = ("关于召开全县2024年安全生产工作会议的通知\n各乡镇人民政府，县直各有关单位：\n"
           "经县政府研究，决定召开全县2024年安全生产工作会议。现将有关事项通知如下：\n"
           "时间：2024年3月8日 9:00\n地点：县政府三楼第一会议室\n"
           "参会人员：各乡镇分管安全生产工作负责同志，县安委会各成员单位主要负责同志。\n"
           "请各单位于3月6日下午5:00前将参会人员名单报县应急管理局，联系人：王芳。\n"
           "临川县安全生产委员会办公室\n2024年3月4日\n")


def test_the_meeting_time_row_of_a_meeting_notice_is_kept():
    data = outline_text(MEETING, explain=True)
    assert not any(r["text"].startswith("时间：") for r in data.get("removed", [])), data.get("removed")


def test_a_time_row_above_the_text_is_still_a_byline():
    news = ("县委召开常委会会议 研究部署近期重点工作\n时间：2024-03-06 09:15 来源：临川日报\n"
            "本报讯 3月5日，县委书记王建国主持召开县委常委会会议，传达学习全国两会精神，研究部署近期重点工作。\n"
            "会议强调，要聚焦全年目标任务，全力以赴拼经济、抓项目、促发展，确保实现一季度开门红。\n")
    data = outline_text(news, explain=True)
    assert [r["rule"] for r in data["removed"]] == ["byline-time-field"]
    assert data["meta"]["date"] == "2024-03-06 09:15"
    # a publication label is a byline wherever it stands
    inside = news.replace("时间：2024-03-06 09:15 来源：临川日报\n", "") + "发布时间：2024-03-06 09:15\n"
    assert [r["text"] for r in outline_text(inside, explain=True)["removed"]] == ["发布时间：2024-03-06 09:15"]


# -- printed page numbers (— 3 —) in text copied from a PDF or a Word print layout --------
def _pages(paragraphs: list[str], width: int = 28, per_page: int = 6, folio: str = "— {} —",
           blanks: bool = False) -> str:
    """Paragraphs indented and wrapped at ``width`` as a 公文 page prints them, a folio line
    after every ``per_page`` lines (so page breaks fall inside paragraphs)."""
    rows = []
    for p in paragraphs:
        s = "　　" + p
        while len(s) > width:
            rows.append(s[:width])
            s = s[width:]
        rows.append(s)
    out = []
    for k in range(0, len(rows), per_page):
        out += rows[k:k + per_page]
        out += ["", folio.format(k // per_page + 1), ""] if blanks else [folio.format(k // per_page + 1)]
    return "\n".join(out) + "\n"


_PDF_PARAS = ["关于做好2024年春季农业生产工作的通知", "各乡镇人民政府，县直有关单位：",
              "当前正值春耕备耕关键时期，为切实抓好春季农业生产，确保全年粮食生产目标任务完成，现就有关事项通知如下：",
              "一、稳定粮食播种面积",
              "各乡镇要严格落实粮食安全党政同责，将粮食播种面积任务分解到村到户，坚决遏制耕地非农化、防止非粮化，确保面积只增不减。",
              "二、强化农资供应保障",
              "县农业农村局、县市场监管局要加强种子、化肥、农药等农资市场监管，严厉打击假冒伪劣农资坑农害农行为，保障农资供应。",
              "各地要密切关注天气变化，及时发布预警信息，指导农民做好防寒防冻、防涝抗旱等工作，最大限度减轻灾害损失，"
              "确保春播生产顺利进行，为全年粮食丰收打下坚实基础。"]


def _as_text(text: str) -> str:
    from outline_cli.config import Config
    from outline_cli.emit import EMITTERS
    from outline_cli.pipeline import make_context, run_text

    config = Config(format="text")
    return EMITTERS["text"](run_text(text, make_context(config)), config)


def test_a_page_number_between_the_halves_of_a_paragraph_is_dropped_and_the_halves_joined():
    plain = _as_text("\n".join(_PDF_PARAS) + "\n")
    for folio, blanks in (("— {} —", False), ("-{}-", True), ("第{}页", False), ("第 {} 页 共 3 页", True)):
        paged = _pages(_PDF_PARAS, folio=folio, blanks=blanks)
        assert _as_text(paged) == plain, folio  # no folio glued into a sentence, no half left
        data = outline_text(paged, explain=True)
        assert [h for _, h in flat(data)] == ["一、稳定粮食播种面积", "二、强化农资供应保障"], folio
        named = {r["line"] for r in data["removed"] if r["rule"] in ("page-folio", "nav-pagination")}
        folio_lines = {k + 1 for k, row in enumerate(paged.split("\n")) if "页" in row or row.startswith(("—", "-"))}
        assert named == folio_lines, folio  # every folio is named by --explain


def test_a_page_break_between_paragraphs_joins_nothing():
    # look-alikes: the page ends with a whole sentence (no join), a dash item and a year
    # after a dash are not folios
    paras = _PDF_PARAS[:4] + ["——坚持稳字当头。", "-- 2024 --年", _PDF_PARAS[4]]
    text = "\n".join(paras[:3]) + "\n— 1 —\n" + "\n".join(paras[3:]) + "\n"
    out = _as_text(text)
    assert "现就有关事项通知如下：\n一、稳定粮食播种面积" in out
    assert "——坚持稳字当头。" in out and "-- 2024 --年" in out and "— 1 —" not in out


# -- a 简报's imprint row (编印单位　date) above the article title ------------------------
BRIEF_BODY = ("今年以来，我县坚持早谋划、早部署、早落实，聚焦农资保障、技术服务、设施建设，全力以赴抓好春耕生产各项工作。\n"
              "一、聚焦农资保障，确保供应充足。组织农资经营企业提前储备种子、化肥、农药等农资，能够满足春耕生产需要。\n"
              "二、聚焦技术服务，提升生产水平。组建农技服务小分队32支，深入田间地头开展技术指导，累计培训农民3200余人次。\n")


def test_the_imprint_row_of_a_brief_is_not_its_title():
    for imprint in ("临川县人民政府办公室编　　　　2024年3月6日", "县委办公室 2024-03-06"):
        data = outline_text(f"政务信息\n第12期\n{imprint}\n我县“三个聚焦”推动春耕生产开好局\n{BRIEF_BODY}")
        assert data["title"] == "我县“三个聚焦”推动春耕生产开好局", imprint


def test_a_title_naming_a_date_in_its_wording_is_still_the_title():
    title = "关于2024年3月5日临川县一起道路交通事故的通报"
    assert outline_text(f"{title}\n{BRIEF_BODY}")["title"] == title


# -- the 文种 of GB/T 9704 and a county office's working papers are title endings ---------
REPORT_BODY = ("市人民政府：\n根据市政府工作安排，我局高度重视，迅速组织开展自查工作。现将有关情况报告如下：\n"
               "一、基本情况\n全县耕地保有量稳定在86.5万亩，永久基本农田保护面积72.3万亩，均完成上级下达的目标任务。\n")


def test_a_request_or_a_report_below_the_issuer_line_is_the_title():
    for title in ("关于2023年度乡村振兴工作情况的汇报", "关于申请安排农村公路建设补助资金的请示",
                  "关于2024年全县自然资源工作要点", "关于2023年度耕地保护工作情况的报告"):
        assert outline_text(f"临川县自然资源局\n{title}\n{REPORT_BODY}")["title"] == title, title


def test_an_issuer_line_alone_stays_the_title_when_nothing_names_a_genre():
    # look-alike: with no 文种 below it, the first title-shaped line above the text still wins
    assert outline_text(f"临川县自然资源局\n{REPORT_BODY}")["title"] == "临川县自然资源局"


# -- a row of words with a publication date and time above the text (公众号 header) -------
NEWS_BODY = ("3月5日，全县经济工作会议召开。县委书记王建国出席会议并讲话，县长李明主持会议并对今年经济工作作具体部署。\n"
             "王建国强调，今年是实现“十四五”规划目标任务的关键一年，全县上下要坚定信心、实干争先，推动经济持续回升向好。\n")


def test_a_words_and_datetime_row_above_the_text_is_a_byline():
    for row in ("原创 临川发布 临川发布 2024-03-06 18:30 发表于江西", "新华社 2024年03月06日 09:15",
                "临川县融媒体中心 2024-03-06 18:30:05"):
        data = outline_text(f"坚定信心 实干争先 奋力开创高质量发展新局面\n{row}\n{NEWS_BODY}", explain=True)
        assert [r["text"] for r in data["removed"]] == [row], row
        assert data["meta"]["date"].startswith("2024"), row


def test_a_schedule_row_inside_the_text_is_kept():
    # look-alike: the same form inside the text is the text's own (an agenda line)
    row = "报到 县政府一楼大厅 2024-03-08 08:30"
    data = outline_text(f"关于召开全县经济工作会议的通知\n{NEWS_BODY}{row}\n{NEWS_BODY}", explain=True)
    assert not data.get("removed"), data.get("removed")


def test_word_numbering_through_a_heading_style_is_read():
    # Word's 标题 1/标题 2 linked to a multi-level list: the numPr is on the style, not the paragraph
    import io

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from outline_cli.api import outline_bytes

    base = Document(io.BytesIO(_numbered_docx([("x", None, 0)])))
    for name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        num_pr = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", ilvl), ("w:numId", 100)):
            e = OxmlElement(tag)
            e.set(qn("w:val"), str(val))
            num_pr.append(e)
        base.styles[name].element.get_or_add_pPr().append(num_pr)
    base.add_paragraph("在全县安全生产工作会议上的讲话")
    base.add_paragraph(_PARA)
    for text, style in (("清醒认识当前形势", "Heading 1"), ("准确把握工作重点", "Heading 1"),
                        ("深入开展隐患排查整治", "Heading 2"), ("严格落实企业主体责任", "Heading 2")):
        base.add_paragraph(text, style=style)
        base.add_paragraph(_PARA)
    out = io.BytesIO()
    base.save(out)
    data = outline_bytes(out.getvalue(), "s.docx")
    assert [h for _, h in flat(data)] == ["一、清醒认识当前形势", "二、准确把握工作重点",
                                          "（一）深入开展隐患排查整治", "（二）严格落实企业主体责任"]
