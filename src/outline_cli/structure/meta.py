"""Meta: source, date, author, editor, speaker and occasion where the text states them.

元信息：来源、日期、作者、责任编辑、讲话人、场合——只取原文写明的，不猜年份。
"""
from __future__ import annotations

import re

from ..chars import DATE, TIME
from ..document import Document
from ..patterns import LazyPattern  # byline and speech-subtitle patterns: needed by few texts
from .title import SPEECH

_EDITOR = re.compile(r"(?:责任编辑|责编|编辑|编审|值班编辑|本文编辑)\s*[:：]\s*(?P<v>[^\s)）:：]{2,20})")
_SOURCE = re.compile(r"(?:来源|来源于|稿源|出处|信息来源)\s*[:：]\s*(?P<v>[^\s)）]{2,30})")
_ISSUER = re.compile(r"发文机关\s*[:：]\s*(?P<v>\S{2,30})")
_DOC_NO = re.compile(r"发文字号\s*[:：]\s*(?P<v>\S{2,30})")
_DATE = re.compile(rf"(?P<v>{DATE}(?:\s*{TIME})?)")
_AUTHORS = LazyPattern(r"(?:记者|通讯员|特约记者|实习生|作者|撰文|摄影)\s*[:：]?\s*"
                       r"(?P<v>[\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])")
_WRITTEN = re.compile(r"成文日期\s*[:：]\s*(?P<v>\S+)")
_SPEAKER_LINE = LazyPattern(r"^(?:[\u4e00-\u9fff]{0,12}(?:书记|县长|市长|省长|区长|镇长|乡长|主任|部长|局长|厅长|处长|"
                            r"主席|院长|校长|董事长|总经理|总裁|委员|同志)\s*)?[\u4e00-\u9fff]{2,4}$"
                            r"|^[\u4e00-\u9fff]\s[\u4e00-\u9fff]$")
_DATE_LINE = LazyPattern(rf"^[(（]?(?P<v>{DATE})[)）]?$")
_SUBTITLE_SPEAKER = LazyPattern(r"^[—-]{1,2}\s*(?P<speaker>[\u4e00-\u9fff]{2,4}?)(?:同志)?在")
# ——2024年1月10日在某某县第十八届人民代表大会第四次会议上(的报告)
# ——王建国同志在…上的讲话: the speaker's name may stand before 在
_SUBTITLE = LazyPattern(rf"^[—-]{{1,2}}\s*(?:(?P<date>{DATE})\s*)?(?:[\u4e00-\u9fff]{{2,4}}?(?:同志)?)?"
                        r"在(?P<occasion>.{4,60}?)上(?:的(?:讲话|报告|发言|致辞|工作报告|主题报告|讲稿|党课|辅导报告|主持词))?$")


def collect(doc: Document) -> None:
    """Step ``meta``: turn the byline/editor/date lines the rules removed into fields."""
    meta = doc.meta
    fields = doc.field_lines
    found: dict[str, object] = {}
    authors: list[str] = []
    for _, raw in fields:
        view = doc.view(raw)
        for key, pattern in (("editor", _EDITOR), ("source", _SOURCE), ("source", _ISSUER),
                             ("document_number", _DOC_NO), ("date", _WRITTEN), ("date", _DATE)):
            m = pattern.search(view)
            if m and key not in found:
                found[key] = _original(raw, view, m.start("v"), m.end("v"))
        for m in _AUTHORS.finditer(view):
            name = _original(raw, view, m.start("v"), m.end("v"))
            if name not in authors:
                authors.append(name)
    front = doc.stated_facts
    for key in ("date", "author", "source"):
        if key in front and key not in found:
            found[key] = front[key]
    if authors and "author" not in found:
        found["author"] = "、".join(authors)
    _speech(doc, found)
    meta.update({k: v for k, v in found.items() if v})


def _original(raw: str, view: str, start: int, end: int) -> str:
    # the view has the same length as the text (1:1 folding), so cut the original
    return (raw[start:end] if len(raw) == len(view) else view[start:end]).strip()


def _speech(doc: Document, found: dict[str, object]) -> None:
    """Occasion from 在…上的讲话; speaker and date from the lines right under the title."""
    texts = [doc.title]
    if doc.title and "——" in doc.title:
        # 主题——在…上的讲话 on one line: the subtitle half names the occasion and speaker
        texts.append(doc.title[doc.title.index("——"):])
    near = []
    seen_title = False
    for ln in doc.lines:
        if ln.role == "title":
            seen_title = True
            continue
        if seen_title and ln.role == "body":
            near.append(ln)
            if len(near) >= 4:
                break
    texts += [ln.text.strip() for ln in near if ln.text.strip().startswith(("——", "--"))]
    for text in texts:
        view = doc.view_of(text) if doc.view_of and text else text
        bare = view.lstrip("—- ")
        m = SPEECH.match(bare)
        if m and "occasion" not in found:
            occ = re.match(r"^在(?P<v>.+?)上的", bare)
            if occ:
                off = len(view) - len(bare)
                found["occasion"] = _original(text, view, off + occ.start("v"), off + occ.end("v"))
        whole = _SUBTITLE.match(view.strip())
        if whole:
            if "occasion" not in found:
                found["occasion"] = _original(text, view, whole.start("occasion"), whole.end("occasion"))
            if whole.group("date") and "date" not in found:
                found["date"] = _original(text, view, whole.start("date"), whole.end("date"))
        sub = _SUBTITLE_SPEAKER.match(view)
        if sub and "speaker" not in found:
            found["speaker"] = _original(text, view, sub.start("speaker"), sub.end("speaker"))
    speech = "occasion" in found or any(
        ln.view.startswith(("同志们", "各位")) for ln in doc.lines[:40])
    for ln in near:
        v = ln.view.strip()
        if speech and "speaker" not in found and _SPEAKER_LINE.match(v):
            found["speaker"] = ln.text.strip()
        d = _DATE_LINE.match(v)
        if d and "date" not in found:
            found["date"] = d.group("v")
