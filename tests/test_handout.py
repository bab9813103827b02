"""The Word handout read back: page, grid, fonts, language, page numbers, keep-with-next,
--renumber, inline headings not repeated under --with-text."""
from __future__ import annotations

import re
import zipfile

import pytest

from conftest import run_cli, sample

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    target = tmp_path_factory.mktemp("h") / "a.docx"
    assert run_cli("-f", "docx", "--with-text", "-o", str(target), str(sample("002"))).returncode == 0
    return target


def _part(path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_a4_page_with_gbt9704_margins_and_22_line_grid(handout):
    from docx import Document as Word

    section = Word(str(handout)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                     section.left_margin, section.right_margin)]
    assert margins == [37, 35, 28, 26]
    grid = re.search(r"<w:docGrid [^>]*>", _part(handout, "word/document.xml")).group(0)
    pitch = int(re.search(r'w:linePitch="(\d+)"', grid).group(1))
    # 225 mm of type area holds 22 lines at this pitch, and not 23
    assert 22 * pitch <= 225 / 25.4 * 1440 < 23 * pitch


def test_body_condensed_so_that_28_characters_fill_a_line(handout):
    from docx import Document as Word

    normal = Word(str(handout)).styles["Normal"].element.rPr
    condense = int(normal.find(f"{W}spacing").get(f"{W}val")) / 20  # pt
    line_pt = (210 - 28 - 26) / 25.4 * 72
    assert 28 * (16 + condense) <= line_pt < 29 * (16 + condense)
    # the schema's order: w:spacing before w:sz
    tags = [child.tag for child in normal]
    assert tags.index(f"{W}spacing") < tags.index(f"{W}sz")


def test_fonts_in_the_east_asian_slot_no_theme_fonts_zh_cn(handout):
    from docx import Document as Word

    styles = _part(handout, "word/styles.xml")
    assert "Theme=" not in styles and "theme=" not in styles  # asciiTheme, eastAsiaTheme, cstheme
    word = Word(str(handout))
    fonts = {name: word.styles[name].element.rPr.find(f"{W}rFonts").get(f"{W}eastAsia")
             for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")}
    assert fonts == {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体",
                     "Heading 2": "楷体_GB2312", "Heading 3": "仿宋_GB2312"}
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    assert 'w:eastAsia="仿宋_GB2312"' in defaults
    assert re.search(r'<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>', defaults)
    assert "ja-JP" not in styles and "ja-JP" not in _part(handout, "word/settings.xml")


def test_no_rule_under_the_title_and_page_numbers_at_the_foot(handout):
    from docx import Document as Word

    assert Word(str(handout)).styles["Title"].element.pPr.find(f"{W}pBdr") is None
    with zipfile.ZipFile(handout) as z:
        footers = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/footer")]
    assert len(footers) == 2  # odd and even pages
    for xml in footers:
        text = "".join(re.findall(r"<w:(?:t|instrText)[^>]*>([^<]*)<", xml))
        assert text == "—  PAGE 1 —"
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    assert "<w:evenAndOddHeaders/>" in _part(handout, "word/settings.xml")


def test_keep_with_next_only_from_a_heading_to_its_body(tmp_path):
    from docx import Document as Word

    for extra in ((), ("--with-text",)):
        target = tmp_path / "k.docx"
        run_cli("-f", "docx", *extra, "-o", str(target), str(sample("002")))
        word = Word(str(target))
        assert "<w:keepNext/>" not in _part(target, "word/styles.xml")
        paras = word.paragraphs
        for para, nxt in zip(paras, paras[1:] + [None]):
            keep = bool(para.paragraph_format.keep_with_next)
            is_heading = para.style.name.startswith("Heading")
            body_next = nxt is not None and not nxt.style.name.startswith("Heading")
            assert keep == (is_heading and body_next), para.text
        if not extra:  # an outline alone: nothing is kept together
            assert not any(p.paragraph_format.keep_with_next for p in paras)


def test_inline_heading_not_repeated_in_its_body_text(handout):
    from docx import Document as Word

    texts = [p.text for p in Word(str(handout)).paragraphs]
    k = texts.index("一是以学立身筑牢忠诚根基")
    assert texts[k + 1].startswith("忠诚不是喊出来的")
    md = run_cli("-f", "markdown", "--with-text", str(sample("002"))).stdout.decode()
    assert "### 一是以学立身筑牢忠诚根基\n\n忠诚不是喊出来的" in md
    assert "一是以学立身筑牢忠诚根基。" not in md


def test_renumber_for_markdown_and_docx(tmp_path):
    md = run_cli("-f", "markdown", "--renumber", str(sample("002"))).stdout.decode()
    assert "### （一）以学立身筑牢忠诚根基" in md and "### （二）以谋定向服务发展大局" in md
    assert "一是以学立身" not in md
    kept = run_cli("-f", "markdown", str(sample("002"))).stdout.decode()
    assert "### 一是以学立身筑牢忠诚根基" in kept
    from docx import Document as Word

    target = tmp_path / "r.docx"
    run_cli("-f", "docx", "--renumber", "-o", str(target), str(sample("002")))
    heads = [p.text for p in Word(str(target)).paragraphs if p.style.name.startswith("Heading")]
    assert heads[:3] == ["一、铸牢政治之魂,把准前行方向", "（一）以学立身筑牢忠诚根基", "（二）以谋定向服务发展大局"]
