#!/usr/bin/env python3
"""Make the PDF test fixtures the way clerks' PDFs are made: a Word document exported by
a real writer (LibreOffice, ``soffice --headless --convert-to pdf``) with Chinese fonts.

生成 PDF 测试样件：用 python-docx 按 GB/T 9704 版式写 .docx（发文机关标志、页码“— 3 —”、
版记），再由 LibreOffice 导出 PDF。正文是手写的示例文字，不来自任何第三方文档。

    python scripts/make_pdf_fixtures.py            # writes tests/fixtures/pdf/*.pdf

Needs LibreOffice (Debian: libreoffice-writer-nogui) and a CJK font (fonts-noto-cjk), and
pikepdf (pip install pikepdf: qpdf's Python binding) for the encrypted fixtures.
The tests import :func:`text_to_pdf` from here to render samples/ and corpus texts.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "pdf"
BODY_FONT = "Noto Serif CJK SC"  # stands in for 仿宋_GB2312 (not free)
HEAD_FONT = "Noto Sans CJK SC"  # stands in for 黑体 / 小标宋


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _font(run, name: str, size: float | None = None, bold: bool = False, red: bool = False) -> None:
    run.font.name = name
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold
    if red:
        run.font.color.rgb = RGBColor(0xE0, 0, 0)


def _para(doc, text: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False,
          center: bool = False, indent: bool = True, red: bool = False, right: bool = False):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(size * 1.75)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Pt(size * 2)  # 首行缩进两字
    _font(p.add_run(text), font, size, bold, red)
    return p


def _field(paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the writer fills in on each page."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    paragraph._p.append(fld)


def _page_numbers(doc, before: str, after: str, total: str | None = None, header: str = "") -> None:
    section = doc.sections[0]
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run(before), BODY_FONT, 14)
    _field(p, "PAGE")
    _font(p.add_run(after), BODY_FONT, 14)
    if total is not None:
        _field(p, "NUMPAGES")
        _font(p.add_run(total), BODY_FONT, 14)
    if header:
        h = section.header.paragraphs[0]
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(h.add_run(header), BODY_FONT, 10.5)


def _two_columns(doc) -> None:
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "425")
    doc.sections[0]._sectPr.append(cols)


def _new(title: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4, as GB/T 9704 asks
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    doc.core_properties.title = title
    doc.core_properties.author = "outline-cli"
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return doc


def export_pdf(docx_paths: list[Path], out_dir: Path, timeout: int = 180) -> None:
    """Convert with LibreOffice, one soffice run for all, a private profile."""
    command = soffice()
    if command is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="outline-pdf-") as profile:
        subprocess.run([command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir),
                        *map(str, docx_paths)], check=True, timeout=timeout,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def text_to_docx(text: str, path: Path, title: str = "", indent: bool = True) -> None:
    """Each non-blank line a paragraph (as the text pipeline reads them), body style,
    first-line indent, page numbers "- N -" in the footer."""
    doc = _new(title)
    _page_numbers(doc, "- ", " -")
    for line in text.splitlines():
        if line.strip():
            _para(doc, line.strip(), indent=indent)
    doc.save(path)


def text_to_pdf(items: list[tuple[str, str]], out_dir: Path) -> list[Path]:
    """PDFs of (stem, text) pairs, each through a .docx like text_to_docx makes."""
    with tempfile.TemporaryDirectory(prefix="outline-docx-") as tmp:
        paths = []
        for stem, text in items:
            p = Path(tmp) / f"{stem}.docx"
            text_to_docx(text, p)
            paths.append(p)
        export_pdf(paths, out_dir)
    return [out_dir / f"{stem}.pdf" for stem, _ in items]


# -- the hand-written fixtures ------------------------------------------------------------
GBT_TITLE = "某某市人民政府关于进一步做好防汛抗旱工作的通知"
GBT_SECTIONS = [
    ("一、提高思想认识，压紧压实防汛责任", [
        ("（一）强化组织领导。", "各地要把防汛抗旱工作摆在突出位置，主要负责同志要亲自研究部署，分管负责同志要靠前指挥，"
         "层层压实属地责任、部门责任和岗位责任，确保每一座水库、每一段堤防、每一处隐患点都有人盯守。"),
        ("（二）健全责任体系。", "要逐级落实行政首长负责制，明确防汛责任人名单并向社会公布，"
         "责任人要熟悉所负责区域的水情、雨情、工情和险情，做到情况明、底数清、措施实。"),
    ]),
    ("二、突出工作重点，全面排查风险隐患", [
        ("（一）抓好隐患排查。", "各县（市、区）要组织力量对辖区内的水库、河道、堤防、山洪灾害危险区、"
         "地质灾害隐患点以及城市低洼易涝区域开展拉网式排查，建立问题清单和整改台账，实行销号管理。"),
        ("（二）加强监测预警。", "气象、水利、自然资源等部门要加密监测频次，强化会商研判，"
         "及时发布预警信息，打通预警信息发布的最后一公里，确保预警信息及时传达到村到户到人。"),
        ("（三）做好物资储备。", "要按照分级负责的原则，足额储备抢险物资和救灾物资，"
         "加强抢险队伍建设，开展实战化演练，确保一旦发生险情能够拉得出、用得上、打得赢。"),
    ]),
    ("三、严明工作纪律，确保各项措施落实到位", [
        ("（一）严格值班值守。", "汛期各级防汛指挥机构要实行二十四小时值班和领导带班制度，"
         "值班人员要坚守岗位，保持通信畅通，遇有重大情况要第一时间报告，不得迟报、漏报、瞒报。"),
        ("（二）强化督查问责。", "市防汛抗旱指挥部将组织开展专项督查，对责任不落实、工作不到位、"
         "措施不得力的单位和个人，依规依纪严肃追究责任，确保全市安全度汛。"),
    ]),
]


def gbt9704(path: Path) -> str:
    """A 通知 laid out after GB/T 9704-2012: 发文机关标志 in red, 发文字号, title, 主送机关,
    body with 一、/（一）, 署名, 成文日期, page numbers "— N —", 版记 (抄送, 印发)."""
    doc = _new(GBT_TITLE)
    _page_numbers(doc, "— ", " —")
    _para(doc, "某某市人民政府文件", font=HEAD_FONT, size=36, center=True, red=True, bold=True)
    _para(doc, "某政发〔2024〕12号", center=True)
    _para(doc, GBT_TITLE, font=HEAD_FONT, size=22, center=True)
    _para(doc, "各县（市、区）人民政府，市政府各部门，各直属机构：", indent=False)
    _para(doc, "当前我市即将全面进入主汛期，防汛抗旱形势严峻复杂。为切实做好今年防汛抗旱工作，"
               "保障人民群众生命财产安全，经市政府同意，现就有关事项通知如下。")
    for head, items in GBT_SECTIONS:
        _para(doc, head, font=HEAD_FONT)
        for lead, body in items:
            _para(doc, lead + body + body)  # long paragraphs: lines wrap at the page width
    _para(doc, "某某市人民政府", right=True)
    _para(doc, "2024年5月20日", right=True)
    _para(doc, "（此件公开发布）", indent=True)
    _para(doc, "抄送：市委各部门，市人大常委会办公室，市政协办公室，市法院，市检察院。", size=14, indent=False)
    _para(doc, "某某市人民政府办公室                2024年5月21日印发", size=14, indent=False)
    doc.save(path)
    lines = ["某某市人民政府文件", "某政发〔2024〕12号", GBT_TITLE]
    return "\n".join(lines)


REPORT_TITLE = "关于全市乡村旅游发展情况的调研报告"
REPORT_PARTS = [
    ("一、基本情况", "近年来，全市乡村旅游发展势头良好，接待游客人数和旅游收入保持较快增长。"
     "各地依托山水资源和民俗文化，培育了一批特色村落和精品线路，带动了农民就近就业和增收。"),
    ("二、存在的问题", "调研中也发现，部分景点同质化现象比较突出，配套设施不够完善，"
     "停车、住宿、餐饮等服务质量参差不齐，专业人才缺乏，宣传推介力度不够，品牌影响力有待提升。"),
    ("三、对策建议", "建议坚持规划引领，统筹资源开发和生态保护，加大基础设施投入，"
     "加强从业人员培训，创新宣传营销方式，推动乡村旅游由观光型向体验型、休闲型转变。"),
]


def report(path: Path) -> None:
    """A two-column report with a running header and "第 N 页 共 M 页" page numbers."""
    doc = _new(REPORT_TITLE)
    _page_numbers(doc, "第 ", " 页 共 ", total=" 页", header="某某市统计局 调研资料")
    _para(doc, REPORT_TITLE, font=HEAD_FONT, size=20, center=True, bold=True)
    _two_columns(doc)
    for head, body in REPORT_PARTS:
        _para(doc, head, font=HEAD_FONT, size=14, indent=False)
        for _ in range(5):
            _para(doc, body, size=12)
    doc.save(path)


LOCKED_TITLE = "关于做好节假日值班工作的通知"
LOCKED_SECTIONS = [
    ("一、明确值班安排", "各科室要在节前排定值班表，明确带班领导和值班人员，值班表报办公室备案。"),
    ("二、严格值班纪律", "值班人员要坚守岗位，保持通信畅通，遇有突发情况及时报告，不得擅离职守。"),
]
#: The encrypted fixtures: (file, user password, owner password, qpdf's encryption).
#: Offices often protect a PDF with an owner password only (it opens without asking, but
#: forbids copying text): AES-256 (PDF 2.0, R6) and the older RC4-128 (R3) that many
#: writers still use.  A user password (asked before the file opens) cannot be read.
ENCRYPTED = [
    ("encrypted-no-password-aes256.pdf", "", "owner-secret", "aes256"),
    ("encrypted-no-password-rc4.pdf", "", "owner-secret", "rc4-128"),
    ("encrypted-user-password.pdf", "user-secret", "owner-secret", "aes256"),
]


def locked_notice(path: Path) -> None:
    """A short notice to encrypt (small: its embedded font subset has few glyphs)."""
    doc = _new(LOCKED_TITLE)
    _para(doc, LOCKED_TITLE, font=HEAD_FONT, size=22, center=True)
    _para(doc, "机关各科室：", indent=False)
    for head, body in LOCKED_SECTIONS:
        _para(doc, head, font=HEAD_FONT)
        _para(doc, body)
    doc.save(path)


def encrypt(source: Path, out_dir: Path) -> list[Path]:
    """Encrypt ``source`` as each of ENCRYPTED with qpdf (through pikepdf, its Python
    binding: ``pip install pikepdf``; only this script needs it, never the tool or its
    tests).  Text extraction is forbidden by the permissions, as offices set them."""
    import pikepdf

    algorithms = {"aes256": dict(R=6, aes=True), "rc4-128": dict(R=3, aes=False, metadata=False)}
    made = []
    with pikepdf.open(source) as pdf:
        for name, user, owner, algorithm in ENCRYPTED:
            allow = pikepdf.Permissions(extract=False, modify_other=False)
            pdf.save(out_dir / name, encryption=pikepdf.Encryption(user=user, owner=owner, allow=allow,
                                                                   **algorithms[algorithm]),
                     static_id=True)
            made.append(out_dir / name)
    return made


def main() -> int:
    if soffice() is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 1
    try:
        import pikepdf  # noqa: F401  (checked first: no half-made set of fixtures)
    except ImportError:
        print("pikepdf is not installed (pip install pikepdf): it encrypts the encrypted-*.pdf fixtures",
              file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "gbt9704-notice.docx", Path(tmp) / "two-column-report.docx",
                 Path(tmp) / "locked-notice.docx"]
        gbt9704(paths[0])
        report(paths[1])
        locked_notice(paths[2])
        export_pdf(paths[:2], OUT)
        export_pdf(paths[2:], Path(tmp))
        encrypt(Path(tmp) / "locked-notice.pdf", OUT)
    for p in sorted(OUT.glob("*.pdf")):
        print(p.relative_to(ROOT), p.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
