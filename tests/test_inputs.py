"""Saved web pages (.html) and Word files (.docx) read directly, with their structure used."""
from __future__ import annotations

import io
import json

import pytest

from conftest import flat, CORPUS, needs_corpus, run_cli, sample
from outline_cli.api import outline_bytes

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求，便于判断正文区域。"


def page(body: str, charset: str = "utf-8", title: str = "某县召开工作会议_新闻中心_某某网") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>'
            '<script>var x = "不是正文";</script><style>p{}</style></head><body>'
            '<div class="nav"><a href="/">首页</a> <a href="/n">新闻</a> <a href="/z">政务</a></div>'
            f'{body}<div class="footer">版权所有 某某网 京ICP备12345678号</div></body></html>')


def test_gbk_declared_page():
    html = page(f"<h1>某县召开工作会议</h1><p>{BODY}</p><p>一、提高认识</p><p>{BODY}</p><p>二、狠抓落实</p><p>{BODY}</p>",
                charset="gbk")
    data = outline_bytes(html.encode("gbk"), name="page.html")
    assert data["meta"]["input_format"] == "html" and data["meta"]["encoding"] == "gbk"
    assert data["title"] == "某县召开工作会议"
    assert flat(data) == [(1, "一、提高认识"), (1, "二、狠抓落实")]
    text = outline_bytes(html.encode("gbk"), name="page.html", format="text")
    assert text["title"] == data["title"]


def test_wrong_charset_declaration_falls_back_to_detection():
    html = page(f"<h1>某县召开工作会议</h1><p>{BODY}</p>", charset="iso-8859-1")
    data = outline_bytes(html.encode("utf-8"), name="page.html")
    assert data["title"] == "某县召开工作会议"


def test_page_with_only_br_separated_text():
    body = "<div>" + "<br>".join(["关于加强基层治理的意见", BODY, "一、总体要求", BODY, "二、主要任务", BODY]) + "</div>"
    html = page(body)
    res = run_cli("-f", "text", "-", input=html.encode())
    lines = res.stdout.decode().splitlines()
    assert "一、总体要求" in lines and BODY in lines  # each <br> line is its own line
    assert "var x" not in res.stdout.decode() and "首页" not in res.stdout.decode()
    data = outline_bytes(html.encode(), name="x.html")
    assert flat(data) == [(1, "一、总体要求"), (1, "二、主要任务")]


def test_page_whose_headings_are_strong_paragraphs():
    body = (f"<h1>某县推进乡村振兴</h1><p>{BODY}</p><p><strong>产业兴旺有新路</strong></p><p>{BODY}</p>"
            f"<p><b>乡风文明有新貌</b></p><p>{BODY}</p><p>{BODY}</p>")
    data = outline_bytes(page(body).encode(), name="x.html")
    assert flat(data) == [(1, "产业兴旺有新路"), (1, "乡风文明有新貌")]


def test_h2_h3_levels_are_the_pages_own():
    body = (f"<h1>工作报告</h1><p>{BODY}</p><h2>过去一年的工作</h2><p>{BODY}</p><h3>经济平稳增长</h3><p>{BODY}</p>"
            f"<h2>今年的主要任务</h2><p>{BODY}</p>")
    assert flat(outline_bytes(page(body).encode(), name="x.html")) == [
        (1, "过去一年的工作"), (2, "经济平稳增长"), (1, "今年的主要任务")]


def _docx(paragraphs, tables=()):
    from docx import Document as Word

    word = Word()
    for style, text in paragraphs:
        word.add_paragraph(text, style=style)
    for rows in tables:
        table = word.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    section = word.sections[0]
    section.header.paragraphs[0].text = "页眉：某某县人民政府"
    section.footer.paragraphs[0].text = "第 1 页"
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def test_docx_with_heading_styles():
    data = _docx([("Title", "在全县工作会议上的讲话"), ("Normal", BODY), ("Heading 1", "提高政治站位"),
                  ("Normal", BODY), ("Heading 2", "加强理论学习"), ("Normal", BODY), ("Heading 1", "狠抓工作落实"),
                  ("Normal", BODY)], tables=[[["指标", "数值"], ["粮食产量", "100万吨"]]])
    out = outline_bytes(data, name="speech.docx")
    assert out["meta"]["input_format"] == "docx"
    assert out["title"] == "在全县工作会议上的讲话"
    assert flat(out) == [(1, "提高政治站位"), (2, "加强理论学习"), (1, "狠抓工作落实")]
    text = run_cli("-f", "text", "-", input=data).stdout.decode()
    assert "粮食产量" in text and "页眉" not in text and "第 1 页" not in text


def test_docx_without_heading_styles_uses_the_markers():
    data = _docx([("Normal", "关于加强基层治理的意见"), ("Normal", BODY), ("Normal", "一、总体要求"),
                  ("Normal", BODY), ("Normal", "（一）指导思想。" + BODY), ("Normal", "二、主要任务"), ("Normal", BODY)])
    out = outline_bytes(data, name="plain.docx")
    assert out["title"] == "关于加强基层治理的意见"
    assert flat(out) == [(1, "一、总体要求"), (2, "（一）指导思想"), (1, "二、主要任务")]


def test_our_docx_read_back_gives_the_same_tree(tmp_path):
    target = tmp_path / "a.docx"
    run_cli("-f", "docx", "-o", str(target), str(sample("002")))
    original = json.loads(run_cli("-f", "json", str(sample("002"))).stdout)
    again = json.loads(run_cli("-f", "json", str(target)).stdout)
    assert again["title"] == original["title"]

    def tree(ss):
        return [(s["level"], s["marker"] + s["heading"], tree(s["children"])) for s in ss]
    assert tree(again["sections"]) == tree(original["sections"])


def test_legacy_doc_without_libreoffice_is_refused_with_advice(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    res = run_cli(str(doc), env={"PATH": str(tmp_path)})  # no soffice on this PATH
    assert res.returncode == 1
    err = res.stderr.decode()
    assert "old.doc: a legacy Word .doc file" in err and ".docx" in err and "install LibreOffice" in err


@needs_corpus
@pytest.mark.parametrize("stem", ["govcn-5338761", "gne-thepaper-3", "gne-people-1"])
def test_saved_pages_give_the_same_outline_as_their_text_rendering(stem):
    from_html = outline_bytes((CORPUS / f"{stem}.html").read_bytes(), name=f"{stem}.html")
    from_text = outline_bytes((CORPUS / f"{stem}.txt").read_bytes(), name=f"{stem}.txt")
    assert from_html["title"] == from_text["title"]
    assert [h for _, h in flat(from_html)] == [h for _, h in flat(from_text)]
