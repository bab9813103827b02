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
import zlib

from ..document import Line
from ..i18n import _
from . import InputError

#: Limits on what a .docx may unpack to.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_PARTS = 10_000
#: Largest XML part (word/document.xml, styles …) read: python-docx keeps the parsed tree
#: of every part, ~13x the XML in memory (a 150 MB document.xml took 2 GB and 31 s).  A
#: 1,000-page report's document.xml is ~10 MB; 32 MB keeps a run's peak near 400 MB.
MAX_XML_PART = 32 * 1024 * 1024
REQUIRED = ("[Content_Types].xml", "word/document.xml")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
#: What a damaged ZIP raises while a part is read: a bad CRC or header (BadZipFile), a
#: broken deflate stream (zlib.error), a truncated file (EOFError), a lying offset
#: (ValueError, OSError), an unsupported or encrypted entry (NotImplementedError, RuntimeError).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
              RuntimeError)


def check_zip(data: bytes) -> zipfile.ZipFile:
    """Open the ZIP and read every part once, bounded: a bomb, a damaged part (bad CRC,
    broken deflate stream) or a part with a DTD is refused here with one line, before
    python-docx reads anything."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except ZIP_ERRORS as exc:
        raise InputError(_("not a valid .docx (broken ZIP: {exc})").format(exc=exc)) from None
    if len(infos) > MAX_PARTS:
        raise InputError(_("not a valid .docx ({parts} parts)").format(parts=len(infos)))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 1024 * 1024:
            raise InputError(_("refused: .docx part {part} would unpack {size} MB from {packed} bytes (a zip bomb?)")
                             .format(part=info.filename, size=info.file_size // (1024 * 1024), packed=info.compress_size))
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART:
            raise InputError(_("refused: .docx part {part} is {size} MB of XML; the limit is {limit} MB").format(
                part=info.filename, size=info.file_size // (1024 * 1024), limit=MAX_XML_PART // (1024 * 1024)))
        if total > MAX_UNPACKED:
            raise InputError(_("refused: .docx would unpack to more than {limit} MB").format(limit=MAX_UNPACKED // (1024 * 1024)))
    names = {i.filename for i in infos}
    missing = [r for r in REQUIRED if r not in names]
    if missing:
        raise InputError(_("not a valid .docx (missing {missing})").format(missing=', '.join(missing)))
    for info in infos:
        try:
            # read to the end: the CRC is checked there.  zipfile never returns more than
            # the declared size, so the limits above bound what is unpacked.
            with zf.open(info) as fh:
                head = fh.read(64 * 1024)
                while fh.read(1024 * 1024):
                    pass
        except ZIP_ERRORS as exc:
            raise InputError(_("not a valid .docx (part {part}: {exc})").format(part=info.filename, exc=exc)) from None
        if info.filename.endswith((".xml", ".rels")) and _DTD.search(head):
            raise InputError(_("refused: .docx part {part} declares a DTD/entities "
                               "(external entity or entity-expansion attack)").format(part=info.filename))
    return zf


def _level(paragraph, style) -> int:
    """Heading level from the style name or the outline level (paragraph or style)."""
    from docx.oxml.ns import qn

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

    try:
        word = Word(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds
        raise InputError(_("not a valid .docx ({error})").format(error=_why(exc))) from None
    try:
        return _read(word)
    except Exception as exc:  # noqa: BLE001 - a part python-docx could parse but not read
        # (a style id pointing nowhere, an outline level that is no number, a broken table)
        raise InputError(_("not a valid .docx (damaged content: {why})").format(why=_why(exc))) from None


def _why(exc: Exception) -> str:
    detail = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _read(word) -> tuple[list[Line], dict]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .docx_numbering import Numbering

    lines: list[Line] = []
    meta: dict = {}
    body = word.element.body
    numbering = Numbering(word)
    styles: dict = {}  # a paragraph's style id → its style
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, word)
            text = para.text.strip()
            style = None
            if text or numbering.active:
                # once per style id: python-docx scans every style of the document for each lookup
                key = para._p.style
                style = styles[key] if key in styles else styles.setdefault(key, para.style)
            marker = numbering.marker(para, style)  # counted even for an empty item, as Word does
            if not text:
                continue
            text = marker + text  # Word's automatic 一、/（一）/1. is not in the text
            ln = Line(len(lines) + 1, text)
            if style is not None and style.name in ("Title", "标题") and not lines:
                ln.hint = "title"
            else:
                level = _level(para, style)
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
