"""Notices in any wording and no silent content loss (issue 18, shapes 9 and 10).

Hand-written texts (made up) of each shape, and the look-alikes that must survive.
"""
from __future__ import annotations

from outline_cli.config import Config
from outline_cli.emit import EMITTERS
from outline_cli.pipeline import make_context, run_text

_CTX = make_context(Config(format="text", explain=True))

P1 = "今年以来，全市上下认真贯彻落实党中央、国务院决策部署，坚持稳中求进工作总基调，经济运行总体平稳。"
P2 = "各级各部门要进一步提高政治站位，切实增强做好安全生产工作的责任感和紧迫感，坚决守住安全底线。"
P3 = "要严格落实企业主体责任，督促企业建立健全全员安全生产责任制，确保责任落实到岗位、落实到人头。"
P4 = "要加强组织领导，主要负责同志要亲自抓、负总责，分管负责同志要具体抓、抓具体，形成工作合力。"
P5 = "要加大资金投入，保障安全生产监管执法、隐患排查治理和应急救援能力建设等方面的经费需要。"


def run(text: str):
    doc = run_text(text, _CTX, "t.txt")
    return doc, EMITTERS["text"](doc, _CTX.config)


def speech(*middle: str, tail: tuple[str, ...] = ()) -> str:
    lines = ["在全市安全生产工作会议上的讲话", "", "同志们：", P1, "一、提高思想认识", P2,
             "二、压实工作责任", P3, *middle, "三、强化保障措施", P4, P5, *tail]
    return "\n".join(lines) + "\n"


# -- shape 10: a footer-like line inside the body drops alone ---------------------------------
def test_takedown_notice_inside_the_body_does_not_end_it():
    doc, text = run(speech("（本文来源于网络，如有侵权请联系删除）"))
    assert "侵权" not in text
    for kept in ("三、强化保障措施", P4, P5):
        assert kept in text
    assert [h.marker for h in doc.headings] == ["一、", "二、", "三、"]
    assert any("侵权" in r.text for r in doc.removed)


def test_takedown_notes_in_other_wordings_drop_alone():
    for note in ("（图片来源：网络，侵删）", "图文转自网络 侵权必删", "（视频来自互联网络，侵权即删）"):
        doc, text = run(speech(note))
        assert note not in text, note
        assert P4 in text and P5 in text
        assert any(r.rule in ("footer-takedown-notice", "notice-picture-source") for r in doc.removed), note
    # a picture's note between short lines (a table's cells) ends nothing: the rows after it stay
    rows = ("定量", "计算方法：本年度通过人数除以参加人数。", "49.承担培养人才的工作成效", "定量")
    doc, text = run(speech("（图片来源：网络，侵删）", *rows))
    assert all(row in text for row in rows) and "侵删" not in text
    # look-alikes: a sentence about infringement, a source that is not 网络 — they stay
    for line in ("要加强网络安全监管，严厉打击侵权盗版行为，保护知识产权。", "数据来源于全市网络理政平台的统计。"):
        kept, _ = _kept(line, "middle")
        assert kept, line


def test_share_widget_inside_the_body_does_not_end_it():
    _, text = run(speech("上一篇：关于做好防汛工作的通知"))
    assert "上一篇" not in text and P4 in text and P5 in text


def test_a_real_end_still_ends_the_body():
    """Look-alike: the same notice after the last paragraph, followed by a list of related
    headlines (short lines), still ends the body."""
    related = ("相关阅读", "全省安全生产大检查启动", "我市召开防汛工作会议", "一图读懂安全生产法")
    _, text = run(speech(tail=("（本文来源于网络，如有侵权请联系删除）", *related)))
    assert P5 in text
    for line in related:
        assert line not in text


def test_notice_glued_into_a_paragraph_takes_only_its_piece():
    glued = P1[:-1] + "： 长按识别二维码，关注我们 " + P2
    doc, text = run(speech().replace(P1, glued))
    assert "二维码" not in text
    assert P1[:-1] in text and P2 in text
    cut = [r for r in doc.removed if "二维码" in r.text]
    assert cut and cut[0].action == "cut" and len(cut[0].text) < 20


def test_a_notice_alone_on_its_line_still_drops_the_line():
    doc, text = run(speech(tail=("长按识别二维码，关注我们，获取更多精彩内容。",)))
    assert "二维码" not in text and "更多精彩" not in text


# -- shape 9: notices in any wording (rules/15-notices.yaml) -----------------------------------
def _kept(line: str, where: str = "tail") -> tuple[bool, object]:
    """Whether ``line`` survives in a speech (as the last line, or between two paragraphs)."""
    text = speech(tail=(line,)) if where == "tail" else speech(line)
    doc, out = run(text)
    return line in out, doc


PAYWALLS = [
    ("（试读结束，本文还有1399字，开通VIP会员即可阅读全文）", 1399),
    ("剩余2000字，登录后查看完整内容", 2000),
    ("……以下省略 856 字，请购买后下载全文……", 856),
    ("本篇仅显示前500字，付费解锁阅读剩余内容", 500),
    ("剩下的内容共3200字已隐藏，注册会员后可查看", 3200),
]


def test_paywall_notices_in_other_wordings_go_and_give_their_count():
    for line, count in PAYWALLS:
        kept, doc = _kept(line)
        assert not kept, line
        assert count in doc.meta.get("truncated", {}).values(), (line, doc.meta.get("truncated"))


CALLS = ["喜欢本文？点击右上角分享给朋友", "长按识别下方二维码，关注我们", "扫码下载客户端，阅读更多精彩",
         "更多内容请打开微信小程序查看", "欢迎转发到朋友圈"]
CAPTIONS = ["图为工人们在车间里赶制订单。本报记者 张三 摄", "（记者 李四 王五 摄）",
            "会场一角。通讯员：赵六 摄", "新建成的大桥横跨江面 新华社记者 陈七 摄"]
ADS = ["限时优惠，名额有限，立即扫码报名！", "招商加盟热线：400-123-4567，欢迎来电咨询",
       "新品特价，马上点击抢购",
       # an ad label with a bare UI verb (imperative by itself), and a link ending in an arrow
       "赞助 点这里免费试听公开课", "广告：扫码免费测评"]
LINKS = ["查看更多专题报道>>", "点击进入网上展馆 »", "详情请阅读原文 →", "了解项目详情>>>"]


def test_call_to_action_caption_and_ad_lines_in_other_wordings_go():
    for line in CALLS + CAPTIONS + ADS + LINKS:
        for where in ("tail", "middle"):
            kept, doc = _kept(line, where)
            assert not kept, (where, line)
            assert P4 in run(speech(line))[1]  # and nothing after it goes with it


LOOK_ALIKES = [
    # a body sentence with a count of 字, an access word, or a UI word: it stays
    "这份报告全文共一万二千字，会员单位可以到协会网站下载学习。",
    "会议下发的材料约3000字，请各会员单位认真组织学习。",
    "要积极引导群众下载使用国家反诈中心APP，筑牢防范电信诈骗的防线。",
    "这些照片多为他当年在黄山所摄。",
    "全县已有2000多名群众关注了政务公开工作，参与意见征集。",
    "我们还有100多字的说明需要补充进去，请办公室尽快完成。",
    "各地要加大招商引资力度，立即着手谋划一批重大项目。",
    # an ad word with a UI word that is a count (点击率), not an imperative; an arrow inside
    # a line that goes on (a change described, not a link)
    "要大力推广优惠政策，点击量和知晓率明显提升。",
    "群众从“要我办”→“我要办”，查看办件进度更方便了。",
]


def test_body_sentences_that_look_like_notices_stay():
    for line in LOOK_ALIKES:
        kept, _ = _kept(line, "middle")
        assert kept, line


def test_previous_and_next_page_links_naming_an_article_go_and_are_never_the_title():
    """上一页：<a title> under a news page is a link to another article, like 上一篇: —
    here the linked title even reads as a speech title and the page's own title is short."""
    page = "\n".join(["东区新闻", "", "街道召开防汛工作部署会", "", P1, "", P2, "", P3, "",
                      "上一页：在全区防汛工作会议上的讲话", "下一页：关于做好汛期安全工作的通知"]) + "\n"
    doc, text = run(page)
    assert doc.title == "街道召开防汛工作部署会"
    assert "上一页" not in text and "下一页" not in text and P3 in text
    assert {"nav-prev-next"} == {r.rule for r in doc.removed if "一页" in r.text}


def test_notice_glued_after_a_space_to_a_heading_takes_only_its_piece():
    """A one-line body leaves a share widget on its heading's line after a space: the
    call-to-action pattern matches from that space (its clause start), and the heading
    before it stays."""
    doc, text = run(speech().replace("三、强化保障措施", "三、强化保障措施 扫码关注微信公众号"))
    assert "公众号" not in text
    assert [h.marker + h.text for h in doc.headings][-1] == "三、强化保障措施"
    assert [r.action for r in doc.removed if "公众号" in r.text] == ["cut"]
