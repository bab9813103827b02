"""PDF, .mhtml and legacy .doc input; the format registry; never a silent empty outline.

The PDFs are real writers' output: LibreOffice exporting Word documents built from
hand-written text (scripts/make_pdf_fixtures.py; the two small ones are kept in
tests/fixtures/pdf/, the samples' and corpus documents' PDFs are made here when
LibreOffice is installed)."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, SAMPLE_FILES, flat, needs_corpus, run_cli
from outline_cli.api import outline_bytes
from outline_cli.read import InputError

PDF_DIR = ROOT / "tests" / "fixtures" / "pdf"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed")


def _maker():
    spec = importlib.util.spec_from_file_location("make_pdf_fixtures", ROOT / "scripts" / "make_pdf_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tree(sections):
    return [(s["level"], s["marker"] + s["heading"], tree(s["children"])) for s in sections]


# -- a GB/T 9704 notice as LibreOffice exports it ---------------------------------------------
def test_gbt9704_pdf_loses_page_numbers_version_block_and_issuer_mark():
    mk = _maker()
    data = outline_bytes((PDF_DIR / "gbt9704-notice.pdf").read_bytes(), name="notice.pdf")
    assert data["title"] == mk.GBT_TITLE
    assert data["meta"]["input_format"] == "pdf"
    assert data["meta"]["document_number"] == "某政发〔2024〕12号"
    expected = []
    for head, items in mk.GBT_SECTIONS:
        expected.append((1, head))
        expected += [(2, lead.rstrip("。")) for lead, _ in items]
    assert flat(data) == expected
    text = run_cli("-f", "text", str(PDF_DIR / "gbt9704-notice.pdf")).stdout.decode()
    for furniture in ("— 1 —", "— 3 —", "抄送", "印发", "某某市人民政府文件", "某政发"):
        assert furniture not in text
    # paragraphs broken by the page width and by page breaks are whole again
    for _, items in mk.GBT_SECTIONS:
        for lead, body in items:
            assert lead + body + body in text.split("\n")


def test_explain_names_what_the_pdf_reader_removed():
    res = run_cli("--explain", str(PDF_DIR / "gbt9704-notice.pdf"))
    err = res.stderr.decode()
    assert res.returncode == 0
    assert "pdf-page-number" in err and "— 2 —" in err
    assert "pdf-version-block" in err and "抄送" in err
    assert "pdf-issuer-mark" in err and "某某市人民政府文件" in err


def test_two_column_pdf_keeps_reading_order_and_drops_running_header():
    mk = _maker()
    lines = run_cli("-f", "text", str(PDF_DIR / "two-column-report.pdf")).stdout.decode().split("\n")
    assert lines[0] == mk.REPORT_TITLE
    body = [ln for ln in lines if ln and ln != mk.REPORT_TITLE]
    expected = []
    for head, para in mk.REPORT_PARTS:
        expected += [head] + [para] * 5
    assert body == expected  # column by column, paragraphs across the column break whole
    assert not any("调研资料" in ln or "第 1 页" in ln for ln in lines)


def test_page_number_shapes_and_their_look_alikes():
    from outline_cli.read.pdf import _PAGE_NUMBER

    for number in ("— 3 —", "- 3 -", "第3页 共12页", "第 3 页", "3/12", "3 / 12", "Page 3 of 12", "12", "－ 7 －"):
        assert _PAGE_NUMBER.match(number), number
    for text in ("3月12日", "第三章 总则", "一、总体要求", "3.5亿元", "共同富裕", "2/3的村"):
        assert not _PAGE_NUMBER.match(text), text


# -- the samples and corpus documents as PDFs -------------------------------------------------
@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("sample-pdfs")
    pdfs = _maker().text_to_pdf([(p.stem, p.read_text("utf-8")) for p in SAMPLE_FILES], out)
    return dict(zip((p.name for p in SAMPLE_FILES), pdfs))


def _same_meta(pdf: dict, text: dict) -> dict:
    """The meta fields on which a PDF and its text differ (input format and encoding must)."""
    keys = (set(pdf["meta"]) | set(text["meta"])) - {"input_format", "encoding"}
    return {k: (pdf["meta"].get(k), text["meta"].get(k)) for k in keys if pdf["meta"].get(k) != text["meta"].get(k)}


@pytest.mark.parametrize("sample", [p.name for p in SAMPLE_FILES])
def test_pdf_of_each_sample_gives_the_text_outline(sample, sample_pdfs):
    text = outline_bytes((ROOT / "samples" / sample).read_bytes(), name=sample)
    pdf = outline_bytes(sample_pdfs[sample].read_bytes(), name=sample_pdfs[sample].name)
    assert pdf["title"] == text["title"]
    assert tree(pdf["sections"]) == tree(text["sections"])
    assert _same_meta(pdf, text) == {}  # 003: the byline's 高玉峰 stood between two spaces


@pytest.mark.parametrize("sample", [p.name for p in SAMPLE_FILES])
def test_pdf_of_each_sample_keeps_the_spaces_of_its_text(sample, sample_pdfs):
    """Character for character, spaces included, the cleaned text of the PDF is the text
    sample's.  Only paragraph breaks may differ: in 003 (a one-line article whose
    paragraphs are separated by single spaces) two spaces after 。 fell at a printed
    line's end, where no PDF keeps them and any line may end; and a source line broken
    inside a sentence is two paragraphs in the PDF."""
    want = run_cli("-f", "text", str(ROOT / "samples" / sample)).stdout.decode()
    got = run_cli("-f", "text", str(sample_pdfs[sample])).stdout.decode()
    assert got.replace("\n", "") == want.replace("\n", "")
    if sample.startswith("003"):
        # the spaces PDFium leaves out of its text (a space set as a run of its own, a space
        # in a justified line) and the one before a sub-head at a printed line's end
        assert "\n“清仓”补短板,培训强根基\n“运用大数据" in got
        assert "\n“探路”开新局,破茧促蝶变\n六月的周巷" in got
        assert "‘养老钱’‘救命钱’!”" in got  # a justified line's spread is no space


def test_a_line_may_end_between_these_only_at_a_space():
    from outline_cli.read.pdf import _break_needs_space

    for before, after in ((")", "“"), ("a", "b"), ("7", "x"), ("X", "‘"), (")", "9")):
        assert _break_needs_space(before, after), (before, after)
    # beside Chinese text (or a full-width bracket) any line may end
    for before, after in (("基", "“"), ("）", "“"), ("。", "通"), ("a", "基"), (")", "运"), ("”", "a"), ("", "a")):
        assert not _break_needs_space(before, after), (before, after)


def test_a_word_longer_than_the_line_was_cut_without_a_space():
    from outline_cli.read.pdf import _one_word

    assert _one_word('src="https://web.archive.org/web/20210131011119im_/ht')  # then "tps://…"
    for row in ("培训强根基(gēnjī)", "see the report at", "2024年5月 Page"):
        assert not _one_word(row), row


@needs_corpus
@needs_soffice
def test_corpus_documents_rendered_to_pdf_give_the_text_outline(tmp_path):
    stems = ["govcn-5338761", "gne-thepaper-3", "gne-people-1"]
    texts = {s: (CORPUS / f"{s}.txt").read_text("utf-8") for s in stems if (CORPUS / f"{s}.txt").exists()}
    if len(texts) < 3:  # the corpus names its files differently: take the first three
        texts = {p.stem: p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt"))[:3]}
    pdfs = _maker().text_to_pdf(list(texts.items()), tmp_path)
    for (stem, text), pdf in zip(texts.items(), pdfs):
        want = outline_bytes(text.encode("utf-8"), name=f"{stem}.txt")
        got = outline_bytes(pdf.read_bytes(), name=pdf.name)
        assert got["title"] == want["title"], stem
        assert tree(got["sections"]) == tree(want["sections"]), stem
        assert _same_meta(got, want) == {}, stem


# -- PDFs that cannot be read ------------------------------------------------------------------
def _blank_pdf(pages: int = 1) -> bytes:
    import io

    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    for _ in range(pages):
        doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_scanned_pdf_without_text_layer_gets_one_line(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_blank_pdf(2))
    res = run_cli(str(scan))
    assert res.returncode == 1 and res.stdout == b""
    err = res.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "scan.pdf" in err and "no text layer" in err and "OCR" in err


def test_too_many_pages_are_refused(monkeypatch):
    from outline_cli.read import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    with pytest.raises(InputError, match="4 pages; the limit is 3"):
        outline_bytes(_blank_pdf(4), name="big.pdf")


def _pdf_with_stream(payload: bytes) -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
            b"4 0 obj << /Length " + str(len(payload)).encode() + b" /Filter /FlateDecode >>\nstream\n"
            + payload + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def test_decompression_bomb_is_refused_before_pdfium_inflates_it():
    bomb = _pdf_with_stream(zlib.compress(b"0" * (64 * 1024 * 1024), 9))
    assert len(bomb) < 200_000
    with pytest.raises(InputError, match="decompression bomb"):
        outline_bytes(bomb, name="bomb.pdf")


def test_deeply_nested_pdf_fails_cleanly(tmp_path):
    nested = tmp_path / "nested.pdf"
    nested.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /X " + b"[" * 200_000
                       + b"]" * 200_000 + b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    res = run_cli(str(nested))
    assert res.returncode == 1
    err = res.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "nested.pdf" in err and "Traceback" not in err


def test_damaged_pdf_gets_one_line(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    res = run_cli(str(bad))
    assert res.returncode == 1 and "bad.pdf" in res.stderr.decode() and "Traceback" not in res.stderr.decode()


# the encrypted fixtures are made once by scripts/make_pdf_fixtures.py (qpdf through pikepdf)
@pytest.mark.parametrize("name", ["encrypted-no-password-aes256.pdf", "encrypted-no-password-rc4.pdf"])
def test_pdf_encrypted_without_a_user_password_opens(name):
    mk = _maker()
    raw = (PDF_DIR / name).read_bytes()
    assert b"/Encrypt" in raw and mk.LOCKED_SECTIONS[0][1].encode() not in raw  # really encrypted
    data = outline_bytes(raw, name=name)  # an owner password only: opens, copying forbidden
    assert data["title"] == mk.LOCKED_TITLE
    assert flat(data) == [(1, head) for head, _ in mk.LOCKED_SECTIONS]
    text = run_cli("-f", "text", str(PDF_DIR / name)).stdout.decode().split("\n")
    assert all(body in text for _, body in mk.LOCKED_SECTIONS)


def test_pdf_needing_a_password_gets_one_line(tmp_path):
    locked = tmp_path / "锁定.pdf"
    locked.write_bytes((PDF_DIR / "encrypted-user-password.pdf").read_bytes())
    assert b"/Encrypt" in locked.read_bytes()
    res = run_cli(str(locked))
    assert res.returncode == 1 and res.stdout == b""
    err = res.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "锁定.pdf" in err and "password" in err and "Traceback" not in err
    good = tmp_path / "good.pdf"
    good.write_bytes((PDF_DIR / "encrypted-no-password-aes256.pdf").read_bytes())
    out = tmp_path / "out"
    batch = run_cli("--out-dir", str(out), str(locked), str(good))  # a batch goes on past it
    assert batch.returncode == 1 and sorted(p.name for p in out.iterdir()) == ["good.yaml"]


def test_pdf_reader_is_not_imported_for_text(tmp_path):
    res = subprocess.run([os.sys.executable, "-X", "importtime", "-m", "outline_cli", str(SAMPLE_FILES[0])],
                         capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert res.returncode == 0
    err = res.stderr.decode()
    assert "outline_cli.read.formats" in err  # (the check can see the registry …)
    for module in ("pypdfium2", "outline_cli.read.pdf", "email.parser", "outline_cli.read.doc"):
        assert module not in err, module


# -- .mhtml -----------------------------------------------------------------------------------
def _mhtml(html: str, charset: str) -> bytes:
    import quopri

    body = quopri.encodestring(html.encode(charset)).decode("ascii")
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/a.html\r\n"
            "Subject: =?utf-8?Q?x?=\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc"\r\n\r\n'
            "------MultipartBoundary--abc\r\nContent-Type: text/html; charset=" + charset + "\r\n"
            "Content-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            "Content-Location: http://www.example.gov.cn/a.html\r\n\r\n" + body +
            "\r\n------MultipartBoundary--abc\r\nContent-Type: text/css\r\n\r\np{}\r\n"
            "------MultipartBoundary--abc--\r\n").encode("ascii")


@pytest.mark.parametrize("charset", ["gbk", "utf-8"])
def test_mhtml_page_is_read_as_its_html(tmp_path, charset):
    para = "这是一段足够长的正文，用来说明本节的具体内容和工作要求，便于判断正文区域。"
    html = (f'<html><head><meta charset="{charset}"><title>某县召开工作会议</title></head><body>'
            f"<h1>某县召开工作会议</h1><p>{para}</p><p>一、提高认识</p><p>{para}</p>"
            f"<p>二、狠抓落实</p><p>{para}</p></body></html>")
    page = tmp_path / "page.MHTML"
    page.write_bytes(_mhtml(html, charset))
    res = run_cli("-f", "json", str(page))
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["title"] == "某县召开工作会议" and data["meta"]["input_format"] == "mhtml"
    assert flat(data) == [(1, "一、提高认识"), (1, "二、狠抓落实")]


def test_mhtml_without_html_part_gets_one_line(tmp_path):
    mail = tmp_path / "x.mht"
    mail.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n"
                     b"--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    res = run_cli(str(mail))
    assert res.returncode == 1 and "no HTML page" in res.stderr.decode()


# -- legacy .doc through LibreOffice ------------------------------------------------------------
@needs_soffice
def test_legacy_doc_is_converted_by_libreoffice(tmp_path):
    from docx import Document

    word = Document()
    word.add_paragraph("关于开展安全生产检查的通知", style="Title")
    body = "各单位要高度重视安全生产工作，认真组织开展自查自纠，发现问题及时整改，确保不留死角。"
    for head in ("一、检查范围", "二、检查内容", "三、工作要求"):
        word.add_paragraph(head)
        word.add_paragraph(body)
    word.save(tmp_path / "n.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(tmp_path / "n.docx")],
                   check=True, timeout=120, capture_output=True)
    doc = tmp_path / "n.doc"
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    data = json.loads(run_cli("-f", "json", str(doc)).stdout)
    assert data["meta"]["input_format"] == "doc"
    assert data["title"] == "关于开展安全生产检查的通知"
    assert flat(data) == [(1, "一、检查范围"), (1, "二、检查内容"), (1, "三、工作要求")]


@needs_soffice
def test_damaged_doc_with_libreoffice_gets_one_line(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    res = run_cli(str(doc))
    assert res.returncode == 1 and "old.doc" in res.stderr.decode() and "Traceback" not in res.stderr.decode()


# -- the registry, folders, names -------------------------------------------------------------
def test_content_beats_a_wrong_extension():
    from outline_cli.read.formats import detect

    assert detect(b"<!DOCTYPE html><html><body>x</body></html>", "saved.pdf").name == "html"
    assert detect(b"%PDF-1.7\n...", "download.txt").name == "pdf"
    assert detect("一、总体要求".encode(), "notes.PDF").name == "pdf"  # by name when nothing sniffs
    assert detect("一、总体要求".encode(), "notes").name == "text"


def test_folder_scan_matches_extensions_in_any_case(tmp_path):
    shutil.copy(SAMPLE_FILES[0], tmp_path / "A.TXT")
    shutil.copy(PDF_DIR / "gbt9704-notice.pdf", tmp_path / "B.PDF")
    (tmp_path / "C.png").write_bytes(b"\x89PNG")
    out = tmp_path / "out"
    res = run_cli("--out-dir", str(out), str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["A.yaml", "B.yaml"]


def test_gbk_file_name_is_processed_and_reported_in_every_format(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "讲话稿".encode("gbk") + b".txt"  # not valid UTF-8
    with open(raw, "wb") as fh:
        fh.write(SAMPLE_FILES[0].read_bytes())
    with open(os.fsencode(folder) + b"/" + "空白".encode("gbk") + b".txt", "wb") as fh:
        fh.write(b"   \n")
    for fmt in ("yaml", "json", "markdown", "text"):
        res = run_cli("-f", fmt, str(folder))
        err = res.stderr.decode()
        assert res.returncode == 1 and "Traceback" not in err and "internal error" not in err, err
        assert "空白.txt" in err  # the failure names the file readably
        if fmt in ("yaml", "json"):
            assert "讲话稿.txt" in res.stdout.decode()  # the file: field
    out = tmp_path / "out"
    res = run_cli("--out-dir", str(out), str(folder))
    assert "internal error" not in res.stderr.decode()
    assert os.listdir(os.fsencode(out)) == ["讲话稿".encode("gbk") + b".yaml"]  # the input's own name


# -- never a silent empty outline ---------------------------------------------------------------
def test_own_opml_and_freemind_output_is_refused(tmp_path):
    for fmt, name in (("opml", "o.opml"), ("freemind", "o.mm")):
        out = tmp_path / name
        assert run_cli("-f", fmt, "-o", str(out), str(SAMPLE_FILES[0])).returncode == 0
        res = run_cli(str(out))
        assert res.returncode == 1 and res.stdout == b""
        assert name in res.stderr.decode() and "OPML/FreeMind" in res.stderr.decode()


def test_input_without_readable_text_is_an_error_in_a_batch(tmp_path):
    (tmp_path / "script.html").write_text("<html><body><script>var a = '一二三四五六七八九十';</script></body></html>")
    (tmp_path / "link.txt").write_text("http://www.example.com/a/b.html\n")
    shutil.copy(SAMPLE_FILES[0], tmp_path / "good.txt")
    res = run_cli("--out-dir", str(tmp_path / "out"), str(tmp_path))
    err = res.stderr.decode()
    assert res.returncode == 1
    assert "script.html" in err and "link.txt" in err
    assert (tmp_path / "out" / "good.yaml").exists()
