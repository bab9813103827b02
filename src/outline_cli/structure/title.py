"""Title: the document's own title, not the site name; its repeated copies go.

标题：找出文章自己的标题（不是网站名），合并分成几行的标题，删除重复出现的标题行。

Evidence, strongest first: a title the page states elsewhere (``标题：`` field,
``收藏《…》`` link, Markdown front matter), a speech title (在…上的讲话/发言),
a line the page repeats, a Markdown ``#`` line, and position — the title-shaped
line nearest above the body.  A rotated copy (为新一届…授课峡江新干两地主官 vs
峡江新干两地主官为新一届…授课) loses to the copy nearest the body.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..chars import DATE, MONTH_DAY, TIME, han_count

from ..classify import is_text
from ..document import Document, Line
from ..normalize.script import fold_width, many_views
from ..markers import match_marker

_DROP = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]")
SPEECH = re.compile(r"^在.{2,60}(?:会议?|会上|会议上|仪式|典礼|班|论坛|大会|座谈会|活动|开幕式|闭幕式).{0,6}上的"
                    r"(?:讲话|发言|致辞|报告|讲稿|动员讲话|总结讲话|主持词|辅导报告|党课|交流发言)")
#: Words a document title ends with (用 str.endswith: a `(…)$` regex tries every position):
#: the 文种 of GB/T 9704 (决议 决定 命令 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函
#: 纪要), the kinds of speech, and the working papers a county office writes (汇报 总结 计划
#: 要点 方案 办法 心得体会).
GENRE_END = tuple("通知 意见 通报 决定 方案 报告 讲话 办法 规定 纲要 规划 批复 函 公告 通告 决议 条例 细则 发言 致辞 "
                  "命令 公报 请示 议案 纪要 讲稿 主持词 汇报 总结 计划 要点 体会".split())
_TITLE_SHAPE_BAD_END = tuple("。;,，、:：")
_SITE = re.compile(r"(?:网|网站|平台|频道|在线|之窗|之声)\s*[-|_—–·]{1,2}\s*\S|\s[|_]\s")
_DATE = re.compile(DATE)
#: A whole date standing apart at the end of a line (after a space): the imprint of a
#: 简报/期刊 issue (编印单位 + date) or a signature row; a title may name a year or a day
#: inside its wording (2024年3月5日…事故), not set a date off after a gap.
_IMPRINT = re.compile(rf"\S\s+{DATE}$")
_DATETIME = re.compile(rf"{DATE}\s*{TIME}|\d{{1,2}}:\d{{2}}:\d{{2}}")
_BYLINE = re.compile(r"^(?:最后更新|更新时间|发布时间|发布日期|时间|来源|作者|编辑|责编|责任编辑|执笔|记者|通讯员|"
                     r"摄影|撰文|本报记者|文)\s*[:/]|.{0,12}(?:执笔|撰文|文)\s*/")
#: A labelled form field: a short label (2–6 Han characters, the size of 来源/作者/
#: 发布时间/点击数/热门搜索) and a colon, at the line start or after a space.
_FIELD = re.compile(r"(?:^|(?<=\s))[\u3400-\u9fff]{2,6}\s*:")
#: Fields on one line from which it is a byline row or a form (来源： 作者： 点击数：…),
#: whatever its labels say: a title has at most one speaker-colon (王晨：…).
FIELD_ROW_MIN = 2
#: A label followed by a list of short space-separated words (热门搜索：讲话稿 述职报告 …,
#: 标签：…): a tag or search widget.  Eight characters: longer than the 2–6 character
#: keywords such widgets list, shorter than the clauses a spaced title is made of
#: (王晨：修例风波煽动反中反共 23条立法实际很困难 — ten characters each).
TAG_MAX = 8
TAG_MIN_ITEMS = 3
_TAG_LIST = re.compile(rf"^[\u3400-\u9fff]{{2,6}}\s*:\s*\S{{1,{TAG_MAX}}}(?:\s+\S{{1,{TAG_MAX}}}){{{TAG_MIN_ITEMS - 1},}}$")
#: A bracketed link or button ([登录] 【打印】): short, as a UI label is.
_UI_BRACKET = re.compile(r"[\[【][^\]】]{1,6}[\]】]")
#: A line that is two or more bracketed buttons and at most this many other Han characters
#: (欢迎您，游客 [请登录] [免费注册]: five) is a widget; a title may open with one 【…】
#: tag (【港版国安法说明全文】王晨：…) but then goes on for far more.
UI_REST_MAX_HAN = 8
#: A news dateline: agency and place, then the day and 电/讯 (新华社北京3月5日电).
_DATELINE = re.compile(rf"^[^,，。:：]{{0,20}}?{MONTH_DAY}\s*[电讯]")
#: A channel name (the last crumb of 首页 > 要闻 > 领导讲话, a menu entry) is short:
#: ten Han characters covers the channel and column names of the dev corpus; a title
#: is longer as a rule, and a short one is not a crumb of a navigation line.
CHANNEL_MAX_HAN = 10
#: Navigation separators between crumbs or menu entries; a line needs two of them.
_NAV_SEP = re.compile(r"\s*(?:>>|>|»|›|→|\||/|\\)\s*")
_NAV_LABEL = re.compile(r"^[^:]{0,8}:\s*")  # 当前位置： before the crumbs
#: How many source lines from the top navigation lines are looked for (a page's header
#: and the title stand well within this on the dev corpus; its longest head is ~350 lines
#: of menus, gne-thepaper-3).
NAV_REACH = 400
_CUT_GLOSS = re.compile(r"\([a-zA-Z\u00e0-\u00fc\u0101-\u01dc]*$")  # an unclosed (pinyin at the end
#: How many lines into the body a title may still stand (after a lead paragraph).
BODY_REACH = 3
#: How many lines above the body a title may stand (past that it is navigation).
HEAD_REACH = 8


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Letters, digits and Han characters only.  (Remembered: the title step compares
    the same lines again for every candidate.)"""
    return _DROP.sub("", text)


def _title_shaped(line: Line) -> bool:
    v = line.view.strip().strip("#* ")
    if not (4 <= len(v) <= 64) or v.endswith(_TITLE_SHAPE_BAD_END) or "。" in v or v.endswith("…"):
        return False
    if match_marker(v) or v.startswith(("——", "--", "(", "（", "【")):
        return False
    if _DATETIME.search(v) or _BYLINE.match(v):
        return False  # a dateline or a byline, not a title
    if _IMPRINT.search(v):
        return False  # 某某办公室编　2024年3月6日: an issue's imprint, not its title
    if _SITE.search(v):
        return False  # 某某网 - 专业的…平台: a site name with its slogan
    if is_widget(v) or _DATELINE.match(v):
        return False  # a byline row, a form, a tag list, buttons; a news dateline
    if len(v) > 30 and v.count(",") + v.count("，") >= 2:
        return False  # a lead sentence, not a title
    han = line.han  # stripping spaces, # and * keeps every Han character
    return han >= 4 and han >= 0.5 * len(v.replace(" ", ""))


def is_widget(view: str) -> bool:
    """Page furniture by its form: a row of labelled fields (values may be empty), a tag
    list, or a line made of bracketed buttons — whatever the labels and buttons say."""
    if ":" in view:
        if len(_FIELD.findall(view)) >= FIELD_ROW_MIN or _TAG_LIST.match(view):
            return True
    if "[" in view or "【" in view:
        buttons = _UI_BRACKET.findall(view)
        if len(buttons) >= 2 and han_count(_UI_BRACKET.sub("", view)) <= UI_REST_MAX_HAN:
            return True
    return False


def channel_labels(doc: Document) -> frozenset[str]:
    """Short crumbs and menu entries of the page's navigation lines (首页 > 要闻 > 领导讲话,
    首页 | 时政 | 理论): a line that only repeats one names the channel, not the article."""
    found = set()
    for raw in doc.source[:NAV_REACH]:
        if len(raw) > 200 or not _NAV_SEP.search(fold_width(raw)):
            continue
        line = fold_width(raw.strip())
        crumbs = [c for c in _NAV_SEP.split(_NAV_LABEL.sub("", line, count=1)) if c.strip()]
        if len(crumbs) < 3:
            continue  # two parts: a 来源/作者 pair or a date, not navigation
        for crumb in crumbs:
            key = norm(doc.view(crumb))
            if key and han_count(key) <= CHANNEL_MAX_HAN:
                found.add(key)
    return frozenset(found)


def _in_menu(doc: Document, line: Line) -> bool:
    """A short line between short lines (blank lines skipped): a menu entry, not a title."""
    def near(rng):
        for k in rng:
            if 0 <= k < len(doc.source) and doc.source[k].strip():
                return doc.source[k]
        return ""
    if line.han > 10:
        return False
    before = near(range(line.no - 2, line.no - 8, -1))
    after = near(range(line.end, line.end + 6))
    short = lambda t: han_count(t) <= 10  # noqa: E731
    return short(before) and short(after)


def _dated_below(doc: Document, line: Line, reach: int = 4) -> bool:
    """A date stands in the next few non-blank source lines (kept or removed): the
    title → dateline/byline pattern of articles."""
    seen = 0
    for raw in doc.source[line.end:line.end + 3 * reach]:
        if raw.strip():
            seen += 1
            if _DATE.search(raw) and len(raw.strip()) <= 60:  # a dateline, not a paragraph
                return True
            if seen >= reach:
                break
    return False


#: Where a dateline glued to the lead of a one-line body may stand in that piece:
#: 新华社 2020-01-03 18:13 is 22 characters; a date further in is the text's own.
DATELINE_HEAD = 24


def _dated_piece_below(lines: list[Line], k: int) -> bool:
    """The line after the title is the first piece of a one-line body (the pieces share
    one source line) and opens with a dateline the split left glued to the lead."""
    if k + 2 >= len(lines) or lines[k + 1].no != lines[k + 2].no:
        return False
    return _DATE.search(lines[k + 1].view[:DATELINE_HEAD]) is not None


def _join_parts(lines: list[Line], i: int, shaped) -> tuple[str, list[int]]:
    """A title broken over up to three short lines (公文 titles, two-line report titles).
    ``shaped(j)``: whether line j is title-shaped (remembered by the caller)."""
    text = lines[i].text.strip().strip("#* ")
    parts = [i]
    j = i + 1
    while j < len(lines) and len(parts) < 3 and (shaped(j) or _completes(text, lines[j].text.strip())):
        nxt = lines[j].text.strip()
        if text.endswith(("？", "?", "！", "!")) or (len(nxt) < 5 and not _completes(text, nxt)):
            break  # a short line under a title is its speaker or date, unless it ends the title
        if SPEECH.match(norm(lines[j].view)) or norm(lines[j].view).startswith("关于"):
            break  # the next line is a whole title by itself
        joined_gap = "" if _unbalanced(text) or norm(nxt).endswith(GENRE_END) else " "
        follows = lines[j + 1].view.strip() if j + 1 < len(lines) else ""
        if not (_unbalanced(text) or (norm(text + nxt).endswith(GENRE_END) and not norm(text).endswith(GENRE_END))
                or follows.startswith(("——", "--"))):
            break
        text = text + joined_gap + nxt
        parts.append(j)
        j += 1
    return text, parts


def _completes(text: str, tail: str) -> bool:
    """A short line that finishes a title broken before it: 在…会议 + 上的讲话 (the speech
    frame is open until 上的…), …工作的 + 通知 (a title never ends with 的)."""
    head, whole = norm(text), norm(text + tail)
    if SPEECH.match(whole) and not SPEECH.match(head):
        return True
    return head.endswith("的") and whole.endswith(GENRE_END)


def _unbalanced(text: str) -> bool:
    return text.count("《") > text.count("》") or text.count("“") > text.count("”") \
        or text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _match_hint(doc: Document, hint: str) -> tuple[int, list[int]] | None:
    """Lines (possibly several consecutive ones) that spell the hinted title."""
    target = norm(doc.view(hint))
    if len(target) < 4:
        return None
    lines = doc.lines
    for i, ln in enumerate(lines[:400]):
        acc = norm(ln.view)
        if ln.no == doc.title_hint_line and acc.startswith(target) and hint == doc.title_hint:
            return i, [i]  # the hinted line (a # heading) was wrapped: its rest is joined on now
        if not acc or not target.startswith(acc):
            continue
        parts = [i]
        j = i + 1
        while acc != target and j < len(lines) and len(parts) < 4:
            nxt = norm(lines[j].view)
            if not target.startswith(acc + nxt):
                break
            acc += nxt
            parts.append(j)
            j += 1
        if acc == target:
            return i, parts
    return None


def hint_from_top_heading(doc: Document) -> None:
    """A document's only first-level heading (<h1>, a Markdown ``#`` line) names it:
    make it the title hint, and no longer a section heading."""
    tops = [ln for ln in doc.lines if ln.hint == "heading" and ln.hint_level == 1]
    if len(tops) != 1:
        return  # none, or several (a site logo and the article): let the evidence decide
    if not doc.title_hint:
        doc.title_hint, doc.title_hint_line = tops[0].text, tops[0].no
    tops[0].hint, tops[0].hint_level = "", 0


def choose(doc: Document) -> None:
    """Step ``title``: pick the title, mark its line ``role=title``, drop repeated copies."""
    lines = doc.lines
    if not lines:
        return
    from ..clean.context import span_indices

    span = span_indices(doc)
    chosen: tuple[str, list[int]] | None = None
    if doc.title_hint and "(" in doc.title_hint:
        # a # heading line is read before the glosses go: 修例(xiūlì)风波 → 修例风波, and
        # before a wrap is joined: a gloss cut at the line end (任何(rèn) goes too
        from ..normalize.pinyin import strip_glosses

        doc.title_hint = _CUT_GLOSS.sub("", strip_glosses(doc.title_hint)[0])
    hint = doc.title_hint
    if hint:
        found = _match_hint(doc, hint)
        if found:
            doc.title_evidence = ["stated by the page (标题/收藏《》/front matter/<h1>)"]
            i, parts = found
            chosen = ("".join(lines[k].text.strip() for k in parts) if len(parts) > 1
                      else lines[i].text.strip(), parts)
        else:
            doc.title = hint
            doc.title_line = doc.title_hint_line
    if chosen is None and not doc.title:
        for page_title in doc.page_titles:
            # <title> is "article_channel_site": a part that stands as a line is the title
            for part in sorted(re.split(r"\s*[_|]\s*|\s+[-–—]\s+|--", page_title or ""), key=len, reverse=True):
                found = _match_hint(doc, part) if len(norm(part)) >= 4 else None
                if found:
                    chosen = (lines[found[0]].text.strip(), found[1])
                    break
            if chosen:
                break
    if chosen is None and not doc.title:
        chosen = _by_evidence(doc, span)
    if chosen is not None:
        text, parts = chosen
        doc.title = text.strip("#* ")
        doc.title_line = lines[parts[0]].no
        for k in parts:
            lines[k].role = "title"
    _drop_copies(doc)


def _by_evidence(doc: Document, span: tuple[int, int]) -> tuple[str, list[int]] | None:
    lines = doc.lines
    first = span[0]
    # the window: a few lines above the body and its first paragraphs (a lead may come first)
    limit, strong_seen = first, 0
    above, reach_start = 0, first
    while reach_start > 0 and above < HEAD_REACH and first - reach_start < 3 * HEAD_REACH:
        reach_start -= 1
        if lines[reach_start].han >= 4:
            above += 1  # widget crumbs (微信 QQ空间 T + -) do not use up the reach
    for i in range(first, len(lines)):
        limit = i
        if is_text(lines[i]):
            strong_seen += 1
            if strong_seen > BODY_REACH:
                break
    known: dict[int, bool] = {}
    channels = channel_labels(doc)

    def shaped(i: int) -> bool:  # asked again by _join_parts for the lines after each one
        if i not in known:
            known[i] = _title_shaped(lines[i]) and norm(lines[i].view) not in channels
        return known[i]

    window = [i for i in range(reach_start, limit + 1) if lines[i].role == "body" and shaped(i)]
    if not window and channels:
        # nothing but the channel name: a page whose crumb repeats a short title
        channels = frozenset()
        known.clear()
        window = [i for i in range(reach_start, limit + 1) if lines[i].role == "body" and shaped(i)]
    if not window:
        return None
    # rotated copies: same characters, different order — the one nearer the body stays
    shapes = {"".join(sorted(norm(lines[i].view))): i for i in window}
    window = [i for i in window if shapes["".join(sorted(norm(lines[i].view)))] == i]
    groups: list[tuple[str, list[int]]] = []
    covered: set[int] = set()
    for i in window:
        if i not in covered:
            text, parts = _join_parts(lines, i, shaped)
            covered.update(parts)
            groups.append((text, parts))
    # a 目录 entry repeats a section heading, not the title: its copies are no evidence
    removed = [r.text for r in doc.removed if r.rule != "toc-block"]
    others = [ln.view for ln in lines] + (many_views(doc.view_of, removed) if doc.view_of else removed)

    scored = [(_score(doc, g, first, others), g) for g in groups]
    # equal evidence: the earliest above the body (a title comes before its byline),
    # else the nearest below it
    best = max(scored, key=lambda x: (x[0][0], -x[1][1][0] if x[1][1][-1] < first else -x[1][1][0] - len(lines)))
    wrapper = _wrapper(doc, best[1], groups)
    if wrapper is not None:
        doc.title_evidence = ["wraps-part-title: carries 《" + best[1][0] + "》, whose own title stands below"]
        return wrapper
    doc.title_evidence = best[0][1]  # shown by --explain
    return best[1]


#: After the quoted part title a 公文 title has only 的 + its genre word (的通知, 的批复).
WRAP_TAIL_MAX = 4


def _wrapper(doc: Document, part: tuple[str, list[int]],
             groups: list[tuple[str, list[int]]]) -> tuple[str, list[int]] | None:
    """A 公文 that carries another document: 关于印发《…方案》的通知 (or without 《》, or
    关于转发…的通知) above the 方案's own title line.  A title of the 公文 form (发文机关 +
    关于 + 事由 + 文种, GB/T 9704) whose 事由 ends with the chosen line and stands above it
    is the document's title; the chosen line is its part title (its copies — in the 通知's
    title and 附件 line — made it look stronger)."""
    key = norm(doc.view(part[0]))
    for text, parts in groups:
        if parts[-1] >= part[1][0]:
            continue
        whole = norm(doc.view(text))
        at = whole.rfind(key)
        if at > 0 and "关于" in whole[:at] and whole.endswith(GENRE_END) \
                and 0 < len(whole) - at - len(key) <= WRAP_TAIL_MAX:
            return text, parts
    return None


def _score(doc: Document, group: tuple[str, list[int]], first: int, others: list[str]):
    """Evidence that a line (group) is the title: (score, reasons) — reasons feed --explain."""
    lines = doc.lines
    text, parts = group
    k = norm(doc.view(text))
    reasons: list[str] = []
    # the page repeats it: a copy, a 原题为《…》 note, an editor footer — not a mention
    # inside a body sentence
    if len(k) >= 6 and _copies(k, others) >= 2:
        reasons.append("repeated+3")
    if SPEECH.match(k) or k.endswith(GENRE_END):
        reasons.append("speech-or-genre+3")
    if lines[parts[0]].view.lstrip().startswith("#"):
        reasons.append("markdown+3")
    after = parts[-1] + 1
    if after < len(lines) and lines[after].view.lstrip().startswith(("——", "--")) \
            and len(norm(lines[after].view)) >= 6:
        reasons.append("subtitle+2")  # ——在…上的报告
    if 8 <= len(k) <= 48:
        reasons.append("length+1")
    dated = _dated_below(doc, lines[parts[-1]]) or _dated_piece_below(lines, parts[-1])
    # a question opening the text is a lead sentence — unless a dateline follows it
    at_top = parts[-1] == first and (dated or not lines[first].view.rstrip().endswith(("?", "!")))
    if parts[-1] < first or at_top:  # (the text's first line may be the title itself)
        reasons.append("above-text+2")  # below the text's start only after a lead paragraph
    if dated:
        reasons.append("dateline+2")
    if len(parts) == 1 and _in_menu(doc, lines[parts[0]]):
        reasons.append("menu-2")
    total = sum(int(r.rsplit("+", 1)[1]) if "+" in r else -int(r.rsplit("-", 1)[1]) for r in reasons)
    return total, reasons


def _copies(k: str, views: list[str]) -> int:
    """Lines whose normalised form holds ``k`` and little else (normalising only the lines
    that hold its first and last character: a substring test rules most lines out)."""
    first, last = k[0], k[-1]
    count = 0
    for v in views:
        if first in v and last in v:
            o = norm(v)
            if k in o and len(o) <= len(k) + 16:
                count += 1
    return count


def _drop_copies(doc: Document) -> None:
    if not doc.title:
        return
    key = norm(doc.view(doc.title))
    kept = []
    first, last = key[:1], key[-1:]  # cheap necessary conditions before normalising a line
    for ln in doc.lines:
        if ln.role == "body" and len(key) >= 4 and first in ln.view and last in ln.view \
                and norm(ln.view.strip("#* ")) == key:
            doc.remove(ln, "duplicate-title", "duplicate")
            continue
        kept.append(ln)
    doc.lines = kept
