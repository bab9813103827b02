"""PDF input: throughput in pages/s, and PDFium (pypdfium2) against pdfminer.six.

    python benchmarks/bench_pdf.py [--repeat N]

Makes the PDFs the tests use (samples/ rendered by LibreOffice through
scripts/make_pdf_fixtures.py, plus tests/fixtures/pdf/*.pdf), then per library:
  - CPU seconds to extract the text of every page (median of N runs, process time),
  - reading order: the extracted text (white space removed) against the source text,
    as the share of the source's characters in matching order (difflib),
and for outline-cli the whole run (PDF → outline) in pages/s.
pdfminer.six is optional (pip install pdfminer.six): only for the comparison.
Not a test: nothing here asserts; figures go to the README.
"""
from __future__ import annotations

import argparse
import difflib
import importlib.util
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _maker():
    spec = importlib.util.spec_from_file_location("mk", ROOT / "scripts" / "make_pdf_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cpu(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def pdfium_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    for page in doc:
        tp = page.get_textpage()
        out.append(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    return "\n".join(out)


def pdfminer_text(data: bytes) -> str:
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def order_share(source: str, extracted: str) -> float:
    a = re.sub(r"\s+", "", source)
    b = re.sub(r"\s+", "", extracted)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(a))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import pypdfium2 as pdfium

    from outline_cli.api import outline_bytes

    with tempfile.TemporaryDirectory() as tmp:
        samples = sorted((ROOT / "samples").glob("*.txt"))
        pdfs = _maker().text_to_pdf([(p.stem, p.read_text("utf-8")) for p in samples], Path(tmp))
        items = [(p.read_text("utf-8"), pdf.read_bytes()) for p, pdf in zip(samples, pdfs)]
    pages = sum(len(pdfium.PdfDocument(data)) for _, data in items)
    print(f"{len(items)} PDFs of samples/, {pages} pages, {sum(len(d) for _, d in items) // 1024} KB")
    libs = [("pypdfium2", pdfium_text)]
    try:
        import pdfminer  # noqa: F401

        libs.append(("pdfminer.six", pdfminer_text))
    except ImportError:
        print("(pdfminer.six not installed: no comparison)")
    for name, fn in libs:
        fn(items[0][1])  # warm up (imports)
        cpu = _cpu(lambda: [fn(d) for _, d in items], args.repeat)
        order = min(order_share(src, fn(d)) for src, d in items)
        print(f"{name:13s} text only: {pages / cpu:7.1f} pages/s ({cpu:.3f} s CPU); "
              f"reading order, worst document: {order:.4f} of the source in order")
    outline_bytes(items[0][1], name="warm.pdf")
    cpu = _cpu(lambda: [outline_bytes(d, name="x.pdf") for _, d in items], args.repeat)
    print(f"outline-cli   PDF → outline: {pages / cpu:7.1f} pages/s ({cpu:.3f} s CPU)")
    cpu_text = _cpu(lambda: [outline_bytes(src.encode("utf-8"), name="x.txt") for src, _ in items], args.repeat)
    print(f"outline-cli   same texts as .txt: {cpu_text:.3f} s CPU (PDF costs {cpu / cpu_text:.1f}×)")


if __name__ == "__main__":
    main()
