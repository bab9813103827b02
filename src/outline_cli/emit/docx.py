"""DOCX: a Word document with real heading styles, fonts as 公文 convention suggests.

Word 提纲：标题用“标题”样式（方正小标宋简体，二号），一级标题“标题 1”（黑体），二级“标题 2”
（楷体），三级起“标题 3…”（仿宋加粗），正文仿宋三号；标题一律黑色。WPS / Word 的导航窗格和
自动目录都能直接使用。

Fonts are named, not embedded: where 方正小标宋简体 or 仿宋_GB2312 is missing, Word and
WPS substitute; the East Asian font slot (w:eastAsia) is what they read for Chinese.
The file is byte-for-byte reproducible: fixed document dates, fixed zip entry times.
"""
from __future__ import annotations

import datetime as _dt
import io

from ..config import Config
from ..document import Document
from . import register
from .model import converter, label, section_text

TITLE_FONT = "方正小标宋简体"
FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
BODY_FONT = "仿宋_GB2312"
_FIXED = _dt.datetime(2000, 1, 1, 0, 0, 0)
#: python-docx refuses a core-properties title longer than this (the OPC spec's limit);
#: the full title is still the document's first paragraph.
MAX_CORE_TITLE = 255


def _east_asian(style_or_run, name: str) -> None:
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr() if hasattr(style_or_run.element, "get_or_add_rPr") \
        else style_or_run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for slot in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(slot), name)


def _style(document, name: str, font: str, size: float, bold: bool = False) -> None:
    from docx.shared import Pt, RGBColor

    style = document.styles[name]
    _east_asian(style, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)


def build(doc: Document, config: Config):
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..normalize.controls import xml_text

    script = converter(doc, config)

    def conv(text: str) -> str:  # only characters XML 1.0 allows: python-docx refuses the rest
        return xml_text(script(text))
    word = Word()
    _style(word, "Normal", BODY_FONT, 16)
    _style(word, "Title", TITLE_FONT, 22)
    for level in range(1, 10):
        _style(word, f"Heading {level}", FONTS.get(level, FONTS[3]), 16, bold=level >= 3)
    props = word.core_properties
    props.title = conv(doc.title)[:MAX_CORE_TITLE]
    props.author = props.last_modified_by = "outline-cli"
    props.created = props.modified = _FIXED
    props.revision = 1
    title = word.add_paragraph(conv(doc.title or "(无标题)"), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    facts = [conv(str(doc.meta[k])) for k in ("speaker", "occasion", "date") if doc.meta.get(k)]
    if facts:
        line = word.add_paragraph("（" + " · ".join(facts) + "）")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    texts = section_text(doc) if config.with_text else {}

    def walk(nodes, level):
        for h in nodes:
            word.add_heading(conv(label(h)), level=min(level, 9))
            extra = h.extra
            if extra.get("keywords"):
                word.add_paragraph("关键词：" + "、".join(conv(k) for k in extra["keywords"]))
            for para in texts.get(id(h), []):
                word.add_paragraph(conv(para))
            walk(h.children, level + 1)
    walk(doc.sections, 1)
    return word


def _reproducible(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry times and order, so the same input gives the same bytes."""
    import zipfile  # lazy: with shutil, ~6 ms that only .docx output needs

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


@register("docx", "docx")
def as_docx(doc: Document, config: Config, file: str | None = None) -> bytes:
    buffer = io.BytesIO()
    build(doc, config).save(buffer)
    return _reproducible(buffer.getvalue())
