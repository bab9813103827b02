"""Read a PDF with a text layer: page lines joined into paragraphs, page furniture removed.

PDF：用 PDFium（pypdfium2）取出每页的文字行及其位置、字号、字重、颜色；按行宽把被页面
宽度折断的行接回段落，跨页的段落接上；去掉页码（— 3 —、- 3 -、第3页 共12页、3/12）和
多数页面重复的页眉页脚；公文（GB/T 9704）的发文机关标志和版记（抄送、印发）记入 meta 或
作为噪声去掉，--explain 逐条列出。较大或加粗的字是标题证据（不是唯一证据）；PDF 元数据的
标题是标题候选。扫描件（没有文字层）不做 OCR，给出一行提示。

Why PDFium (pypdfium2) and not pdfminer.six: measured on the PDFs LibreOffice makes of
the samples (benchmarks/bench_pdf.py), PDFium extracts the text many times faster (C++,
the engine of Chrome's viewer), gives the same Chinese reading order, exposes each
character's box, font size, weight and colour, and ships as one self-contained wheel
for Windows/macOS/Linux under a permissive licence (Apache-2.0/BSD).

Hostile files are bounded like the .docx reader bounds a ZIP: before PDFium sees the
bytes, every Flate stream that is not an image is inflated in bounded pieces and the
file is refused when one would inflate past a ratio or all past a total (a decompression
bomb); page count and extracted characters are capped.  PDFium itself limits how deep
objects may nest.
"""
from __future__ import annotations

import ctypes
import re
import zlib
from collections import Counter
from dataclasses import dataclass

from ..clean.folios import PAGE_OF
from ..document import Line
from ..i18n import _
from . import InputError
from .formats import Reading

#: More pages than any speech or 公文 (a 2000-page PDF is a book or a dump).
MAX_PAGES = 2000
#: Extracted text is capped like a text file is (read.MAX_BYTES ≈ 20 M Chinese characters).
MAX_CHARS = 20_000_000
#: A Flate stream may inflate to at most this many times its packed size once it is
#: past MIN_BOMB (fonts and text inflate 3–10×; a bomb 1000×) …
MAX_RATIO = 200
MIN_BOMB = 16 * 1024 * 1024
#: … and all streams together to at most this (the .docx reader's MAX_UNPACKED).
MAX_UNPACKED = 200 * 1024 * 1024

# Page numbers as Chinese offices and writers print them (a line of its own at the top or
# bottom of a page): — 3 —, - 3 -, 第3页 共12页, 第 3 页, 3/12, 3 / 12, Page 3 of 12, 3.
_PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－~～·•\s]*\d{1,4}[—–\-－~～·•\s]*"
    rf"|{PAGE_OF}"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)
# The GB/T 9704-2012 版记 (the block under the last page's text): 抄送 and 印发 lines.
_COPY_TO = re.compile(r"^抄\s*送\s*[:：]")
_PRINTED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")
_ISSUER_MARK = re.compile(r"(?:文件|简报|通报|纪要|公报)$")
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,5}\s*号$")

#: A running header or footer repeats on at least this share of the pages (and on 2+).
RUNNING_SHARE = 0.5
#: A line ends "full" (the page width broke it) when it reaches this many character
#: widths of the right margin; justified Chinese text reaches it exactly, a line that
#: kinsoku pushed a closing mark off ends one character short.
FULL_SLACK = 1.5
#: A first-line indent is at least this many character widths (Chinese: two).
INDENT = 0.8
#: A line is heading-like when its font is at least this much larger than the body's.
LARGER = 1.15
#: Left edges this many half-characters apart start different text columns (a first-line
#: indent is 4, a centred or right-aligned line starts alone).
COLUMN_GAP = 10
#: A line that starts further in than this (in characters) is centred or right-aligned,
#: never the wrapped line of a running paragraph.
OFFSET = 2.5
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
#: Quotes and dashes Chinese text shares with Latin text: a gap beside one belongs to the
#: script on its other side (‘救命钱’ ! is Chinese; the “best” way is English).
_SHARED_MARKS = "‘’“”—…·"
#: A space glyph the writer set as a text run of its own has no ink, so PDFium skips the
#: run and puts a generated space in the gap instead; the run's origin lies in that gap
#: (LibreOffice: 0.0–0.3 pt after the end of the glyph before it).  This much slack on
#: each side of the gap absorbs the writer's rounding of positions to 0.1 pt.
BLANK_SLACK = 0.5
#: A space PDFium generated inside a text run sits where the run's next glyph starts;
#: when it sits further left than this (in character widths), a glyph it dropped stands
#: between: the writer's space.  Measured on the samples' and three corpus documents'
#: PDFs: 0.0 for all 260 spread gaps, 0.41–0.51 for the 7 spaces in spread lines.
SWALLOWED_GLYPH = 0.1


@dataclass
class _Row:
    """One printed line of a page, with where and how it is set."""

    text: str
    page: int
    left: float
    right: float
    bottom: float
    top: float
    size: float
    bold: bool
    red: bool
    # a space the writer set at the line's start or end (a one-line text separates its
    # paragraphs by spaces; a line break must not lose them)
    lead_space: bool = False
    tail_space: bool = False
    no: int = 0  # 1-based number among the document's printed lines


def check_streams(data: bytes) -> None:
    """Refuse a decompression bomb before PDFium inflates anything."""
    total = 0
    for m in re.finditer(rb"(?<!end)stream\r?\n", data):
        if b"/Image" in data[max(0, m.start() - 512):m.start()]:
            continue  # text extraction never decodes images
        inflater = zlib.decompressobj()
        pos, size, packed = m.end(), 0, 0
        try:
            while not inflater.eof and pos < len(data):
                piece = data[pos:pos + 65536]
                pos += len(piece)
                packed += len(piece)
                out = inflater.decompress(piece, 1 << 20)
                size += len(out)
                while inflater.unconsumed_tail and not inflater.eof and (size <= MIN_BOMB or size <= MAX_RATIO * packed):
                    out = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
                    size += len(out)
                packed -= len(inflater.unused_data)
                if size > MIN_BOMB and size > MAX_RATIO * max(packed, 1):
                    raise InputError(_("refused: a PDF stream would inflate to over {size} MB "
                                       "from {packed} bytes (a decompression bomb?)").format(
                        size=size // (1024 * 1024), packed=packed))
                if total + size > MAX_UNPACKED:
                    raise InputError(_("refused: PDF streams would inflate to more than {limit} MB").format(
                        limit=MAX_UNPACKED // (1024 * 1024)))
        except zlib.error:
            pass  # not Flate (or damaged): PDFium decides
        total += size


def _open(data: bytes):
    import pypdfium2 as pdfium  # lazy: only PDF input pays for PDFium (~20 ms)

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == 4:  # FPDF_ERR_PASSWORD
            raise InputError(_("PDF is encrypted with a password; open it and save an unprotected copy")) from None
        if code == 5:  # FPDF_ERR_SECURITY
            raise InputError(_("PDF uses an unsupported security handler")) from None
        raise InputError(_("not a valid PDF (damaged or incomplete)")) from None


def _style(raw, textpage, index: int) -> tuple[float, bool, bool]:
    """(font size, bold, red) of one character."""
    size = raw.FPDFText_GetFontSize(textpage, index)
    weight = raw.FPDFText_GetFontWeight(textpage, index)
    name = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, name, 96, ctypes.byref(flags))
    bold = weight >= 600 or bool(re.search(rb"bold|heavy|black|semibold|demi", name.value, re.I))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    red = False
    if raw.FPDFText_GetFillColor(textpage, index, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        red = r.value >= 160 and g.value <= 90 and b.value <= 90
    return size, bold, red


def _page_rows(page, number: int, raw) -> list[_Row]:
    """The page's printed lines in PDFium's reading order, each with its box and style."""
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        if len(text) != n:  # characters outside the BMP: indices no longer line up
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
        rows: list[_Row] = []
        start = 0
        blanks = _Blanks(page, raw)
        for m in re.finditer(r"\r\n|\n|\r", text + "\n"):
            row = _row(textpage, raw, text, start, m.start(), number, blanks)
            if row is not None:
                rows.append(row)
            start = m.end()
        return rows
    finally:
        textpage.close()


class _Blanks:
    """Where the writer set a space glyph as a text run of its own on one page (a run
    without ink: PDFium's text page leaves it out).  Looked up only when a row has a
    generated space beside Chinese text, which few pages have."""

    def __init__(self, page, raw):
        self._page, self._raw, self._origins = page, raw, None

    def between(self, left: float, right: float, bottom: float, top: float) -> bool:
        """Is a blank run's origin inside this gap (on the same line)?"""
        if self._origins is None:
            self._origins = self._find()
        return any(left - BLANK_SLACK <= x <= right + BLANK_SLACK and bottom - BLANK_SLACK <= y <= top + BLANK_SLACK
                   for x, y in self._origins)

    def _find(self) -> list[tuple[float, float]]:
        raw, page = self._raw, self._page.raw
        found = []
        left, bottom, right, top = box = [ctypes.c_float() for _ in range(4)]
        refs = [ctypes.byref(v) for v in box]
        get, kind, bounds, text = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds, \
            raw.FPDF_PAGEOBJ_TEXT
        for k in range(raw.FPDFPage_CountObjects(page)):
            obj = get(page, k)
            if kind(obj) == text and bounds(obj, *refs) and right.value - left.value < 0.01:
                found.append((left.value, bottom.value))
        return found


def _script_side(text: str, i: int, step: int, start: int, stop: int) -> str:
    """The character of the row ``text[start:stop]`` that a gap touches at ``i`` going
    ``step``, looking through quotes, dashes and gaps to the text they belong to."""
    while start <= i < stop and (text[i] in _SHARED_MARKS or text[i] == " "):
        i += step
    return text[i] if start <= i < stop else ""


def _row(textpage, raw, text: str, start: int, stop: int, page: int, blanks: _Blanks) -> _Row | None:
    chars = []
    for i in range(start, stop):
        c = text[i]
        if c == " " and raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
            # a gap PDFium saw between two glyphs: a space between Latin words, but only
            # the writer's spacing between Chinese and digits (2024 年 5 月) or a justified
            # line's spread — unless the writer set a space glyph there (a one-line text
            # separates its paragraphs by spaces)
            before = _script_side(text, i - 1, -1, start, stop) if chars else ""
            after = _script_side(text, i + 1, 1, start, stop)
            if not before or not after:
                continue
            if (_CJK.match(before) or _CJK.match(after)) and not _writer_space(textpage, raw, i, start, stop, blanks):
                continue
        if c in "\x00\ufffe\uffff\x02":
            continue
        chars.append((i, c))
    raw_line = "".join(c for _, c in chars)
    line = raw_line.strip()
    if not line:
        return None
    ink = [i for i, c in chars if not c.isspace()]
    first, last = ink[0], ink[-1]
    # loose boxes: the glyph's em square, so a “ or （ set in the right half of its square
    # does not look like an indent, nor a closing ” like a short line
    left, bottom, _, top = textpage.get_charbox(first, loose=True)
    _, _, right, _ = textpage.get_charbox(last, loose=True)
    sizes, bolds, reds = [], 0, 0
    probes = sorted({first, ink[len(ink) // 2], last})
    for i in probes:
        size, bold, red = _style(raw, textpage.raw, i)
        sizes.append(size)
        bolds += bold
        reds += red
    return _Row(line, page, left, right, bottom, top, max(sizes), bolds == len(probes), reds == len(probes),
                lead_space=raw_line[:1].isspace(), tail_space=raw_line[-1:].isspace())


def _writer_space(textpage, raw, i: int, start: int, stop: int, blanks: _Blanks) -> bool:
    """Did the writer set a space glyph in the gap PDFium saw at ``i``?

    PDFium's text page keeps no space glyph that stands in a gap it already marks: a
    space set as a run of its own has no ink and is skipped (the generated space then
    belongs to no run, and the blank run's origin lies in the gap); a space inside a run
    of a justified line comes after a spread gap, so PDFium generates a space there and
    drops the real one as a duplicate (the generated space then sits at the dropped
    glyph's origin, not at the next character)."""
    if not start < i < stop - 1:
        return False
    right = textpage.get_charbox(i + 1, loose=True)[0]
    if raw.FPDFText_GetTextObject(textpage.raw, i):
        size = max(raw.FPDFText_GetFontSize(textpage.raw, i + 1), 1.0)
        return right - textpage.get_charbox(i, loose=True)[0] > SWALLOWED_GLYPH * size
    _, bottom, left, top = textpage.get_charbox(i - 1, loose=True)
    return blanks.between(left, right, bottom, top)


# -- page furniture ------------------------------------------------------------------------
def _edge_rows(rows: list[_Row]) -> set[int]:
    """Indices of rows at the top or bottom edge of their page: first/last two in reading
    order, or highest/lowest on the page."""
    out: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for k, r in enumerate(rows):
        by_page.setdefault(r.page, []).append(k)
    for ks in by_page.values():
        out.update(ks[:2] + ks[-2:])
        out.add(max(ks, key=lambda k: rows[k].top))
        out.add(min(ks, key=lambda k: rows[k].bottom))
    return out


def _furniture(rows: list[_Row], pages: int) -> dict[int, tuple[str, str]]:
    """Row index -> (rule, category) for page numbers and running headers/footers."""
    found: dict[int, tuple[str, str]] = {}
    edges = _edge_rows(rows)
    for k in edges:
        if _PAGE_NUMBER.match(rows[k].text.strip()):
            found[k] = ("pdf-page-number", "furniture")
    if pages >= 2:
        keyed: dict[str, set[int]] = {}
        for k in edges:
            if k not in found:
                keyed.setdefault(re.sub(r"\d+", "#", rows[k].text.replace(" ", "")), set()).add(k)
        floor = max(2, RUNNING_SHARE * pages)
        for ks in keyed.values():
            if len({rows[k].page for k in ks}) >= floor:
                for k in ks:
                    found[k] = ("pdf-running-header-footer", "furniture")
    return found


def _official_marks(rows: list[_Row], body_size: float, meta: dict) -> dict[int, tuple[str, str]]:
    """GB/T 9704 parts that are not the text: the 发文机关标志 (red, large, at the top of
    the first page) and the 版记 (抄送, 印发 at the end of the last page).  The 发文字号
    under the mark becomes meta document_number."""
    found: dict[int, tuple[str, str]] = {}
    first_page = [k for k, r in enumerate(rows[:8]) if r.page == rows[0].page]
    for k in first_page[:3]:
        r = rows[k]
        if r.red and r.size >= body_size * 1.5 and (_ISSUER_MARK.search(r.text) or len(r.text) <= 20):
            found[k] = ("pdf-issuer-mark", "meta")
            meta.setdefault("source", re.sub(r"(?:文件|简报|通报|纪要|公报)$", "", r.text).strip() or r.text)
            nxt = k + 1
            if nxt < len(rows) and _DOC_NUMBER.match(rows[nxt].text.replace(" ", "")):
                meta.setdefault("document_number", rows[nxt].text.replace(" ", ""))
                found[nxt] = ("pdf-document-number", "meta")
    last_page = rows[-1].page
    tail = [k for k in range(len(rows)) if rows[k].page == last_page][-8:]
    for k in tail:
        if _COPY_TO.match(rows[k].text):
            # the 抄送 list may wrap: its lines up to the 印发 line go with it
            j = k
            while j < len(rows) and j - k < 6:
                found[j] = ("pdf-version-block", "noise")
                if _PRINTED.search(rows[j].text.replace(" ", "")):
                    break
                j += 1
        elif _PRINTED.search(rows[k].text.replace(" ", "")):
            found[k] = ("pdf-version-block", "noise")
    return found


# -- lines into paragraphs -----------------------------------------------------------------
def _columns(rows: list[_Row], unit: float) -> list[tuple[float, float]]:
    """(left, right) of the text columns: left edges many lines share, each with the
    rightmost end of the lines that start there."""
    lefts = Counter(round(r.left / unit) for r in rows)
    starts = sorted(k * unit for k, n in lefts.items() if n >= 3) or [min(r.left for r in rows)]
    merged: list[float] = []
    for x in starts:
        if not merged or x - merged[-1] > COLUMN_GAP * unit:
            merged.append(x)
    cols = []
    for i, x in enumerate(merged):
        nxt = merged[i + 1] if i + 1 < len(merged) else float("inf")
        rights = [r.right for r in rows if x - unit <= r.left < nxt - unit]
        cols.append((x, max(rights) if rights else x))
    return cols


def _column(r: _Row, cols: list[tuple[float, float]], unit: float) -> tuple[float, float]:
    best = cols[0]
    for c in cols:
        if c[0] <= r.left + unit:
            best = c
    return best


def _joins(prev: _Row, nxt: _Row, cols: dict[int, list], unit: float) -> bool:
    """Does ``nxt`` go on the paragraph ``prev`` ends (the page width broke the line)?"""
    pleft, pright = _column(prev, cols[prev.page], unit)
    nleft, _ = _column(nxt, cols[nxt.page], unit)
    size = max(prev.size, 1.0)
    if abs(prev.size - nxt.size) > 0.15 * size:
        return False
    if prev.right < pright - FULL_SLACK * size:
        return False  # the line ends short: its paragraph ends
    if prev.left - pleft > OFFSET * size:
        return False  # a centred or right-aligned line (a signature, a date) stands alone
    if nxt.left - nleft > INDENT * size:
        return False  # the next line is indented: a new paragraph
    if nxt.page == prev.page and nleft == pleft:
        gap = prev.bottom - nxt.bottom
        if gap <= 0 or gap > 2.2 * size:
            return False  # a blank line between (or not below at all)
    return True


def _break_needs_space(before: str, after: str) -> bool:
    """Could the writer end a printed line between these two characters only at a space?

    A space at a line's end is not drawn (LibreOffice writes no glyph for it, and its
    justified line reaches the margin like any other), so where a line may end is the
    only trace of it.  Line breaking (Unicode UAX #14) never breaks between two Latin
    letters or digits (LB28–30), after a closing bracket before one (LB30), nor before a
    quotation mark after Latin text (LB19): given ``培训强根基(gēnjī)“运用`` without the
    space, LibreOffice ends the line after 基 and carries ``(gēnjī)“运用`` over whole.
    Beside Chinese text any line may end, so nothing is known there: a paragraph that a
    one-line article separated by a space after 。 stays joined to the next."""
    if len(before) != 1 or len(after) != 1 or not (before.isascii() and (before.isalnum() or before in ")]}")):
        return False
    return (after.isascii() and after.isalnum()) or after in "“‘"


def _one_word(text: str) -> bool:
    """A printed line without a place to break (no space, no Chinese): a word longer than
    the line, such as a URL, which the writer had to cut wherever the margin fell."""
    return " " not in text and not _CJK.search(text)


def _centered_title(prev: _Row, nxt: _Row, cols: dict[int, list], unit: float, body: float) -> bool:
    """A large centred title broken over two lines."""
    left, right = _column(prev, cols[prev.page], unit)
    if prev.page != nxt.page or prev.size < body * LARGER or abs(prev.size - nxt.size) > 0.1 * prev.size:
        return False
    width = right - left
    centered = all(abs((r.left - left) - (right - r.right)) <= 2 * r.size for r in (prev, nxt))
    return centered and prev.right - prev.left >= 0.6 * width and 0 < prev.bottom - nxt.bottom <= 2.2 * prev.size


def read(data: bytes, config) -> Reading:
    check_streams(data)
    pdf = _open(data)
    try:
        return _read(pdf)
    finally:
        pdf.close()


def _read(pdf) -> Reading:
    import pypdfium2.raw as raw

    pages = len(pdf)
    if pages > MAX_PAGES:
        raise InputError(_("refused: PDF has {pages} pages; the limit is {limit}").format(pages=pages, limit=MAX_PAGES))
    rows: list[_Row] = []
    chars = 0
    for number in range(pages):
        page = pdf[number]
        try:
            got = _page_rows(page, number + 1, raw)
        finally:
            page.close()
        chars += sum(len(r.text) for r in got)
        if chars > MAX_CHARS:
            raise InputError(_("refused: PDF holds more than {limit:,} characters of text").format(limit=MAX_CHARS))
        rows.extend(got)
    if not rows:
        raise InputError(_("PDF has no text layer (a scanned image?); OCR is not done: "
                           "run it through an OCR tool first"))
    for k, r in enumerate(rows, 1):
        r.no = k
    sizes = Counter()
    for r in rows:
        sizes[round(r.size * 2) / 2] += len(r.text)
    body_size = sizes.most_common(1)[0][0]
    unit = body_size / 2
    meta: dict = {}
    drop = _furniture(rows, pages)
    drop.update(_official_marks(rows, body_size, meta))
    removed = [(rows[k].no, rule, cat, rows[k].text) for k, (rule, cat) in sorted(drop.items())]
    kept = [r for k, r in enumerate(rows) if k not in drop]
    if not kept:
        raise InputError(_("PDF has no text besides page furniture"))
    cols = {}
    for p in {r.page for r in kept}:
        on_page = [r for r in kept if r.page == p]
        cols[p] = _columns(on_page, unit)
    lines: list[Line] = []
    prev = None
    for r in kept:
        if prev is not None and (_joins(prev, r, cols, unit) or _centered_title(prev, r, cols, unit, body_size)):
            ln = lines[-1]
            unprinted = _break_needs_space(ln.text[-1:], r.text[:1]) and not _one_word(prev.text)
            glue = " " if unprinted or prev.tail_space or r.lead_space else ""
            ln.text += glue + r.text
            ln.end = r.no
            ln.source_tail = r.text
        else:
            ln = Line(r.no, r.text)
            if r.size >= body_size * LARGER or r.bold:
                ln.hint = "bold"  # heading evidence, never alone (see structure/headings.py)
            lines.append(ln)
        prev = r
    facts = {}
    title = (pdf.get_metadata_value("Title") or "").strip()
    if title:
        facts["page_title"] = title
    return Reading("pdf", lines=lines, facts=facts, removed=removed, meta=meta)
