"""Read a Word document (.docx): paragraphs and tables in order, heading styles as evidence.

Word 文档：按正文顺序读取段落和表格（表格每行一行），“标题 1/Heading 1”等样式和大纲级别作为
标题证据；页眉页脚不是正文。旧版 .doc 请另存为 .docx。

A .docx is a ZIP of XML parts, so it is checked before python-docx opens it: a zip
bomb (huge total or ratio), a part with a DTD (external entities, "billion laughs")
or missing parts are refused with one line, quickly and with bounded memory; nothing
outside the file is ever read.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..document import Line
from . import InputError

#: Limits on what a .docx may unpack to.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 10_000
REQUIRED = ("[Content_Types].xml", "word/document.xml")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(f"not a valid .docx (broken ZIP: {exc})") from None
    if len(infos) > MAX_PARTS:
        raise InputError(f"not a valid .docx ({len(infos)} parts)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise InputError(f"refused: .docx part {info.filename} would unpack {info.file_size // (1024 * 1024)} MB "
                             f"from {info.compress_size} bytes (a zip bomb?)")
        if total > MAX_UNPACKED:
            raise InputError(f"refused: .docx would unpack to more than {MAX_UNPACKED // (1024 * 1024)} MB")
    names = {i.filename for i in infos}
    missing = [r for r in REQUIRED if r not in names]
    if missing:
        raise InputError(f"not a valid .docx (missing {', '.join(missing)})")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with zf.open(info) as fh:
                head = fh.read(64 * 1024)
            if _DTD.search(head):
                raise InputError(f"refused: .docx part {info.filename} declares a DTD/entities "
                                 "(external entity or entity-expansion attack)")
    return zf


def _level(paragraph) -> int:
    """Heading level from the style name or the outline level (paragraph or style)."""
    from docx.oxml.ns import qn

    style = paragraph.style
    names = [style.name or ""] if style is not None else []
    if style is not None and style.base_style is not None:
        names.append(style.base_style.name or "")
    for name in names:
        m = _HEADING_STYLE.match(name.strip())
        if m:
            return int(m.group(1))
    for element in (paragraph._p, style.element if style is not None else None):
        if element is None:
            continue
        lvl = element.find(f".//{qn('w:outlineLvl')}")
        if lvl is not None:
            value = int(lvl.get(qn("w:val"), "9"))
            if value < 9:
                return value + 1
    return 0


def parse(data: bytes) -> tuple[list[Line], dict]:
    check_zip(data)
    from docx import Document as Word
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = Word(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds
        raise InputError(f"not a valid .docx ({type(exc).__name__})") from None
    lines: list[Line] = []
    meta: dict = {}
    body = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, word)
            text = para.text.strip()
            if not text:
                continue
            ln = Line(len(lines) + 1, text)
            style = (para.style.name or "") if para.style is not None else ""
            if style in ("Title", "标题") and not lines:
                ln.hint = "title"
            else:
                level = _level(para)
                if level:
                    ln.hint, ln.hint_level = "heading", level
                elif para.runs and all(r.bold for r in para.runs if r.text.strip()):
                    ln.hint = "bold"
            lines.append(ln)
        elif tag == "tbl":
            for row in Table(child, word).rows:
                cells = []
                for cell in row.cells:
                    t = cell.text.strip()
                    if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                        cells.append(t)
                if cells:
                    lines.append(Line(len(lines) + 1, " \t".join(cells)))
    props = word.core_properties
    if props.title:
        meta["doc_title"] = props.title
    if props.author and props.author != "outline-cli":
        meta["author"] = props.author
    return lines, meta


def read(data: bytes, config) -> "Reading":
    from .formats import Reading

    lines, facts = parse(data)
    if not lines:
        raise InputError("Word document has no text")
    return Reading("docx", lines=lines, facts=facts)
