"""A longer fuzz run of the whole pipeline than the test suite's property tests.

    python tests/fuzz/fuzz_pipeline.py [EXAMPLES]      (default 5000 per target)

Each target feeds hypothesis-generated input through outline_text/outline_bytes and
checks: no exception (InputError, one line, is the only allowed refusal), output valid
against the shipped schema, and the same result on a second run.  The hostile targets
(issue 23) add control characters and lone surrogates, BOM/NUL mixes, damaged .docx
files (bytes of a real .docx the tool writes, flipped or its XML cut) and random HTML,
and check that every XML output (OPML, FreeMind, the .docx's document.xml) parses.
Prints how many inputs ran and how many were refused.  Not collected by pytest (file
name does not start with test_); tests/test_fuzz.py runs it CI-sized.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for test_properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_properties as props  # noqa: E402
from outline_cli.api import outline_bytes, outline_text  # noqa: E402
from outline_cli.read import InputError  # noqa: E402

COUNT = {"structured": 0, "unicode": 0, "bytes": 0, "controls": 0, "bom-nul": 0, "docx": 0, "html": 0}
REFUSED = {k: 0 for k in COUNT}

# characters no output may hold, and their neighbours that it may
HOSTILE = "\x00\x01\x08\t\x0b\x0c\r\x1b\x7f\x80\x85\x9f\ufeff\ufffe\uffff\ufffd\u2028\u2029\ud800\udfff"
BOMS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
HTML_BITS = ("<html>", "<head>", "</head>", "<body>", "</body>", "<p>", "</p>", "<h1>", "</h1>", "<h2>",
             "<div class=\"nav\">", "</div>", "<br>", "<table><tr><td>", "</td></tr></table>", "<b>", "</b>",
             "<script>", "</script>", "<![CDA", "<![CDATA[x]]>", "<![ cdata[", "<!--", "-->", "<!x>", "<?php",
             "&#1;", "&#xd800;", "&amp;", "&bogus;", '<meta charset="cp037">', '<meta charset="utf-16">',
             '<meta charset="idna">', '<meta charset="gbk">', "<title>", "</title>", "一、总体要求", "\x00",
             "第一章 总则", "这是一段足够长的正文，用来说明本节的具体内容。", "\n", " ")


def _xml_outputs_parse(doc, config) -> None:
    """OPML, FreeMind and the .docx's document.xml of one document all parse."""
    import io
    import zipfile
    from xml.dom.minidom import parseString

    from outline_cli.emit import EMITTERS

    for fmt in ("opml", "freemind", "docx"):
        out = EMITTERS[fmt](doc, config)
        data = out if isinstance(out, bytes) else out.encode("utf-8")
        if fmt == "docx":
            data = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
        parseString(data)


def _document(data: bytes | str, name: str = "<bytes>"):
    """The Document of an input with the default options, or None when refused (one line)."""
    from outline_cli.api import _context
    from outline_cli.config import Config
    from outline_cli.pipeline import run_bytes, run_text

    ctx = _context(Config())
    try:
        return (run_text(data, ctx) if isinstance(data, str) else run_bytes(data, ctx, name)), ctx.config
    except InputError as exc:
        assert "\n" not in str(exc), str(exc)
        return None, ctx.config


def written_docx() -> bytes:
    """A real .docx as the tool writes it, from a seed sample (the shape Word files have)."""
    from outline_cli.api import _context
    from outline_cli.config import Config
    from outline_cli.emit import EMITTERS
    from outline_cli.pipeline import run_text

    sample = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt"))[0]
    config = Config(format="docx", with_text=True)
    return EMITTERS["docx"](run_text(sample.read_text("utf-8"), _context(config)), config)


def main(examples: int) -> None:
    opts = settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))

    @opts
    @given(props.documents)
    def structured(text):
        COUNT["structured"] += 1
        first = outline_text(text, explain=True)
        props.check(first)
        assert outline_text(text, explain=True) == first

    @opts
    @given(st.text(max_size=5000))
    def unicode(text):
        COUNT["unicode"] += 1
        props.check(outline_text(text))

    @opts
    @given(st.binary(max_size=5000))
    def raw(data):
        COUNT["bytes"] += 1
        try:
            result = outline_bytes(data)
        except InputError as exc:
            assert "\n" not in str(exc), str(exc)
            REFUSED["bytes"] += 1
            return
        props.check(result)

    @opts
    @given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(HTML_BITS[-5:]),
                              st.text(max_size=20)), max_size=60).map("".join))
    def controls(text):
        COUNT["controls"] += 1
        doc, config = _document(text)
        if doc is None:
            REFUSED["controls"] += 1
            return
        _xml_outputs_parse(doc, config)

    @opts
    @given(st.sampled_from(BOMS), st.lists(st.one_of(
        st.sampled_from([b"\x00", b"\x00\x00", b"\r\n", b"\n", b"\xef\xbb\xbf", b"\xff\xfe"]),
        st.sampled_from(["一、总体要求", "这是正文。", "第一章"]).map(lambda t: t.encode("utf-8")),
        st.sampled_from(["一、总体要求", "这是正文。"]).map(lambda t: t.encode("gbk")),
        st.sampled_from(["一、总体要求", "这是正文。"]).map(lambda t: t.encode("utf-16-le")),
        st.binary(max_size=8)), max_size=40).map(b"".join))
    def bom_nul(bom, body):
        COUNT["bom-nul"] += 1
        doc, config = _document(bom + body, "x.txt")
        if doc is None:
            REFUSED["bom-nul"] += 1
            return
        _xml_outputs_parse(doc, config)

    docx = written_docx()

    @opts
    @given(st.lists(st.tuples(st.integers(0, len(docx) - 1), st.integers(0, 255)), min_size=1, max_size=6),
           st.booleans(), st.integers(0, 10_000), st.integers(1, 40))
    def damaged_docx(flips, in_xml, at, cut):
        COUNT["docx"] += 1
        if in_xml:  # damage the XML itself, then zip it properly: python-docx must meet it
            import io
            import zipfile

            zf = zipfile.ZipFile(io.BytesIO(docx))
            parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
            names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
            name = names[flips[0][0] % len(names)]
            xml = parts[name]
            k = at % max(1, len(xml))
            parts[name] = xml[:k] + bytes([flips[0][1]]) * (flips[-1][1] % 3) + xml[k + cut:]
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
                for n, d in parts.items():
                    out.writestr(n, d)
            data = buf.getvalue()
        else:
            b = bytearray(docx)
            for pos, value in flips:
                b[pos] = value
            data = bytes(b)
        doc, config = _document(data, "x.docx")
        if doc is None:
            REFUSED["docx"] += 1
            return
        _xml_outputs_parse(doc, config)

    @opts
    @given(st.lists(st.one_of(st.sampled_from(HTML_BITS), st.text(max_size=10)), max_size=60).map("".join),
           st.sampled_from(["utf-8", "gb18030", "utf-16"]))
    def html(page, encoding):
        COUNT["html"] += 1
        doc, config = _document(page.encode(encoding, errors="surrogatepass"), "x.html")
        if doc is None:
            REFUSED["html"] += 1
            return
        _xml_outputs_parse(doc, config)

    t = time.perf_counter()
    for target in (structured, unicode, raw, controls, bom_nul, damaged_docx, html):
        target()
    took = time.perf_counter() - t
    print(f"fuzz: {sum(COUNT.values())} inputs ({COUNT}) in {took:.0f} s, no failure; "
          f"refused with one line: {REFUSED}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
