"""DOCX: a Word handout laid out as GB/T 9704 lays out a 公文, with real heading styles.

Word 提纲：标题用“标题”样式（方正小标宋简体，二号），一级标题“标题 1”（黑体），二级“标题 2”
（楷体），三级起“标题 3…”（仿宋加粗），正文仿宋三号；标题一律黑色。WPS / Word 的导航窗格和
自动目录都能直接使用。

Fonts are named, not embedded: where 方正小标宋简体 or 仿宋_GB2312 is missing, Word and
WPS substitute; the East Asian font slot (w:eastAsia) is what they read for Chinese.
Every property is set here rather than inherited from python-docx's default template (US
Letter, theme fonts, ja-JP, a rule under the title, keep-with-next on every heading): the
page, margins and 22 x 28 grid, the fonts, the language, the page numbers.
The file is byte-for-byte reproducible: fixed document dates, fixed zip entry times.
"""
from __future__ import annotations

import datetime as _dt
import io

from ..config import Config
from ..document import Document
from . import register
from .model import converter, labeller, section_text

TITLE_FONT = "方正小标宋简体"
FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
BODY_FONT = "仿宋_GB2312"
PAGE_NUMBER_FONT = "宋体"  # GB/T 9704 7.5: 4号半角宋体阿拉伯数字
LANGUAGE = "zh-CN"
_FIXED = _dt.datetime(2000, 1, 1, 0, 0, 0)
#: python-docx refuses a core-properties title longer than this (the OPC spec's limit);
#: the full title is still the document's first paragraph.
MAX_CORE_TITLE = 255

# The page of GB/T 9704-2012 (党政机关公文格式) 5.2: A4; 天头 37 mm, 订口 28 mm; the type
# area 156 mm x 225 mm, so 下 35 mm and 右 26 mm; 22 lines of 28 characters in 三号 (16 pt).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14  # 三号, 二号, 四号
_TWIPS_PER_MM = 1440 / 25.4
#: The document grid: lines only.  With "linesAndChars" Word fits 28 characters by the
#: grid's character pitch, but LibreOffice (checked: soffice → PDF) then gave each 16 pt
#: character two cells, 14 a line; condensed spacing gives 28 in both.
GRID = "lines"
#: Body text a little condensed (1/20 pt) so that 28 characters fill the 156 mm line.
CONDENSE = -5


def _grid() -> tuple[int, int]:
    """Word's document grid for LINES x CHARS: the line pitch in twips, and the character
    pitch as w:charSpace (1/4096 pt added to the default font size)."""
    height_mm = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]
    width_mm = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    line_pitch = int(height_mm * _TWIPS_PER_MM / LINES)  # 579: 22 lines fit (rounded down)
    char_pt = width_mm * 72 / 25.4 / CHARS
    return line_pitch, int((char_pt - BODY_PT) * 4096)


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _child(parent, tag: str, first: bool = False):
    """parent's w:tag child, made when missing."""
    el = parent.find(_w(tag))
    if el is None:
        el = parent.makeelement(_w(tag), {})
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


def _set_fonts(rpr, name: str) -> None:
    """The font in every slot, the East Asian one (what Word and WPS read for Chinese)
    included, and no theme font that would override them."""
    fonts = rpr.find(_w("rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(_w("rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("eastAsia", "ascii", "hAnsi", "cs"):
        fonts.set(_w(slot), name)


def _plain_styles(word) -> None:
    """The default template, made neutral: no theme fonts anywhere (they name Calibri and a
    Japanese font), no keep-with-next in any style, no rule under the title, the document's
    language zh-CN."""
    root = word.styles.element
    for fonts in root.iter(_w("rFonts")):
        for key in [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]:
            del fonts.attrib[key]
    for tag in ("keepNext", "pBdr"):
        for el in list(root.iter(_w(tag))):
            el.getparent().remove(el)
    defaults = _child(_child(_child(root, "docDefaults", first=True), "rPrDefault"), "rPr")
    _set_fonts(defaults, BODY_FONT)
    size = _child(defaults, "sz")  # the grid's character pitch is reckoned from this size
    size.set(_w("val"), str(BODY_PT * 2))
    lang = _child(defaults, "lang")
    lang.attrib.clear()
    lang.set(_w("val"), LANGUAGE)
    lang.set(_w("eastAsia"), LANGUAGE)
    settings = word.settings.element
    theme_lang = _child(settings, "themeFontLang")
    theme_lang.attrib.clear()
    theme_lang.set(_w("val"), LANGUAGE)
    theme_lang.set(_w("eastAsia"), LANGUAGE)


def _style(document, name: str, font: str, size: float, bold: bool = False, indent: bool = True) -> None:
    from docx.shared import Pt, RGBColor, Twips

    style = document.styles[name]
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    if size == BODY_PT:
        _condense(rpr)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Twips(_grid()[0])  # exactly one grid line (22 a page)
    fmt.first_line_indent = Pt(2 * BODY_PT) if indent else Pt(0)  # 公文: two characters in


#: CT_RPr's children that come after w:spacing (the schema fixes their order).
_AFTER_SPACING = ("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
                  "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout")


def _condense(rpr) -> None:
    spacing = rpr.makeelement(_w("spacing"), {_w("val"): str(CONDENSE)})
    for tag in _AFTER_SPACING:
        later = rpr.find(_w(tag))
        if later is not None:
            later.addprevious(spacing)
            return
    rpr.append(spacing)


def _page(word) -> None:
    from docx.shared import Mm

    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(20)  # the number sits below the type area
    line_pitch, char_space = _grid()
    sect = section._sectPr
    grid = _child(sect, "docGrid")
    grid.attrib.clear()
    grid.set(_w("type"), GRID)
    grid.set(_w("linePitch"), str(line_pitch))
    if GRID == "linesAndChars":
        grid.set(_w("charSpace"), str(char_space))
    # GB/T 9704 7.5: odd pages' number on the right, even pages' on the left, one character in
    word.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, "right")
    _page_number(section.even_page_footer, "left")


def _page_number(footer, side: str) -> None:
    """— 1 —: the page number as a PAGE field between two dashes."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if side == "right" else WD_ALIGN_PARAGRAPH.LEFT
    fmt = para.paragraph_format
    fmt.first_line_indent = Pt(0)
    if side == "right":
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)

    def run(text: str = ""):
        r = para.add_run(text)
        r.font.size = Pt(PAGE_NUMBER_PT)
        _set_fonts(r._element.get_or_add_rPr(), PAGE_NUMBER_FONT)
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            char = r._element.makeelement(_w("fldChar"), {_w("fldCharType"): kind})
            r._element.append(char)
        elif text == "1":
            r.text = "1"  # shown until the field is updated
        else:
            instr = r._element.makeelement(_w("instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
            instr.text = text
            r._element.append(instr)
    run(" —")


def build(doc: Document, config: Config):
    from docx import Document as Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..normalize.controls import xml_text

    script = converter(doc, config)

    def conv(text: str) -> str:  # only characters XML 1.0 allows: python-docx refuses the rest
        return xml_text(script(text))
    word = Word()
    _plain_styles(word)
    _style(word, "Normal", BODY_FONT, BODY_PT)
    _style(word, "Title", TITLE_FONT, TITLE_PT, indent=False)
    for level in range(1, 10):
        _style(word, f"Heading {level}", FONTS.get(level, FONTS[3]), BODY_PT, bold=level >= 3)
    _page(word)
    props = word.core_properties
    props.title = conv(doc.title)[:MAX_CORE_TITLE]
    props.author = props.last_modified_by = "outline-cli"
    props.language = LANGUAGE
    props.created = props.modified = _FIXED
    props.revision = 1
    title = word.add_paragraph(conv(doc.title or "(无标题)"), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    facts = [conv(str(doc.meta[k])) for k in ("speaker", "occasion", "date") if doc.meta.get(k)]
    if facts:
        line = word.add_paragraph("（" + " · ".join(facts) + "）")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.paragraph_format.first_line_indent = 0
    texts = section_text(doc) if config.with_text else {}
    label = labeller(config)

    def walk(nodes, level):
        for n, h in enumerate(nodes, 1):
            heading = word.add_heading(conv(label(h, level, n)), level=min(level, 9))
            body = []
            if h.extra.get("keywords"):
                body.append("关键词：" + "、".join(conv(k) for k in h.extra["keywords"]))
            body.extend(conv(para) for para in texts.get(id(h), []))
            # keep a heading on the page of its first body paragraph, and nothing more: a
            # run of headings may break anywhere (with every heading kept with the next, a
            # 21-line outline took three pages)
            heading.paragraph_format.keep_with_next = bool(body)
            for para in body:
                word.add_paragraph(para)
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
