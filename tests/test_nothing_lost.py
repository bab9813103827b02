"""Nothing lost, nothing hung (issue 23): full disks, special files, signals, bombs in rule
files, broken Word files, mixed encodings, characters a format cannot hold.

Each test reproduces one hole the outside attack found; every crafted input is made here."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SAMPLE_FILES, run_cli, sample

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求。"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


def one_line(res, *words: str) -> str:
    """The run's stderr is one line (click's usage errors add their two fixed lines of
    help) holding every word, and no traceback."""
    err = res.stderr.decode()
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines()
             if ln.strip() and not ln.startswith(("Usage:", "Try '"))]
    assert len(lines) == 1, lines
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


def big_text(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    path.write_text("第一章 总则\n" + (BODY + "\n") * 3000, encoding="utf-8")  # ~270 KB of text output
    return path


# -- 1. standard output that cannot take the bytes -----------------------------------------
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["text", "yaml", "docx"])
def test_output_onto_a_full_disk_fails_with_one_line(tmp_path, fmt):
    # /dev/full fails every write with ENOSPC, as a full file system does after its last block
    with open("/dev/full", "wb") as full:
        res = subprocess.run([sys.executable, "-m", "outline_cli", "-f", fmt, str(big_text(tmp_path))],
                             stdout=full, stderr=subprocess.PIPE, env=ENV, timeout=120)
    assert res.returncode == 1
    one_line(res, "big.txt", "cannot write output", "No space left")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("listing", ["--schema", "--list-rules", "--list-steps"])
def test_a_listing_onto_a_full_disk_fails_with_one_line(listing):
    # these were left to Python's flush at exit: its own two-line warning and exit 120
    with open("/dev/full", "wb") as full:
        res = subprocess.run([sys.executable, "-m", "outline_cli", listing], stdout=full,
                             stderr=subprocess.PIPE, env=ENV, timeout=120)
    assert res.returncode == 1
    assert res.stderr.decode().splitlines() == ["outline: cannot write output: No space left on device"]


def test_a_short_write_is_finished_or_reported(tmp_path, monkeypatch):
    # a nearly full disk: the first write takes part of the bytes, the next one fails.  The
    # buffered writer returned the short count and the run ended 0 with the file cut.
    from outline_cli import cli

    written = []

    def nearly_full(fd, data):
        if written:
            raise OSError(28, "No space left on device")
        written.append(bytes(data[:8192]))
        return 8192
    monkeypatch.setattr(cli.os, "write", nearly_full)
    with pytest.raises(OSError, match="No space"):
        cli.write_all(io.TextIOWrapper(io.FileIO(os.dup(1), "w")), b"x" * 100_000)
    assert written == [b"x" * 8192]


def test_closed_pipe_ends_quietly_with_exit_0(tmp_path):
    # `outline … | head -c1`: the Unix convention for a reader that went away is a quiet
    # end; outline exits 0 (not 141: the shell's pipefail would report a failure)
    res = subprocess.run(f"{sys.executable} -m outline_cli -f text {big_text(tmp_path)} | head -c1; "
                         "exit ${PIPESTATUS[0]}", shell=True, capture_output=True, env=ENV,
                         executable="/bin/bash", timeout=120)
    assert res.returncode == 0 and len(res.stdout) == 1
    assert res.stderr == b""


# -- 2. inputs that are not regular files ------------------------------------------------------
@needs_fifo
def test_a_fifo_as_input_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    res = run_cli("-f", "text", str(fifo))  # (run_cli's timeout ends a hang as a failure)
    assert res.returncode == 1
    one_line(res, "pipe.txt", "not a regular file", "FIFO")


@needs_fifo
def test_a_fifo_inside_a_folder_fails_alone(tmp_path):
    os.mkfifo(tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text("关于某事的通知\n" + BODY + "\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run_cli("--out-dir", str(out), str(tmp_path))
    assert res.returncode == 1
    assert b"a.txt: not a regular file" in res.stderr
    assert (out / "b.yaml").is_file()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_not_read_until_memory_runs_out():
    res = run_cli("-f", "text", "/dev/zero")
    assert res.returncode == 1
    one_line(res, "/dev/zero", "not a regular file", "character device")


def test_every_read_is_bounded_whatever_fstat_says(tmp_path, monkeypatch):
    # a file that grows after fstat (or a /proc file reporting size 0) is read up to the limit only
    from outline_cli import read
    from outline_cli.read import InputError, read_regular

    path = tmp_path / "growing.txt"
    path.write_bytes(b"a" * 5000)
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))
    with pytest.raises(InputError, match="limit"):
        read_regular(path, 4096)
    assert read_regular(path, 5000) == b"a" * 5000
    assert read.MAX_BYTES > 5000


@needs_fifo
@pytest.mark.parametrize("option", ["--rules", "--user-dict"])
def test_a_fifo_as_rule_file_or_dictionary_is_a_usage_error(tmp_path, option):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    res = run_cli("-k", "3", option, str(fifo), str(sample("000")))
    assert res.returncode == 2
    one_line(res, "fifo.yaml", "not a regular file")


# -- 3. -o onto something that is not a regular file ------------------------------------------
# (Reached through a link in the test's folder: the code before the fix replaced the path
# it was given, which must be the harmless link, never the system's /dev/null itself.)
@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_output_onto_a_device_writes_into_it_and_never_replaces_it(tmp_path):
    null = tmp_path / "null"
    null.symlink_to("/dev/null")
    before = os.stat("/dev/null")
    res = run_cli("-f", "text", "-o", str(null), str(sample("000")))
    assert res.returncode == 0, res.stderr
    assert null.is_symlink(), "the link was replaced by a regular file"
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode, after.st_rdev) == (before.st_ino, before.st_mode, before.st_rdev)


@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="no /proc/self/fd")
def test_docx_onto_standard_output_by_name_reaches_the_pipe_or_the_file(tmp_path):
    stdout = tmp_path / "stdout"  # what /dev/stdout is: a link to /proc/self/fd/1
    stdout.symlink_to("/proc/self/fd/1")
    res = run_cli("-f", "docx", "-o", str(stdout), str(sample("000")))
    assert res.returncode == 0, res.stderr
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(res.stdout)).namelist()
    target = tmp_path / "via-link.docx"  # standard output onto a file: the file gets the bytes
    with open(target, "wb") as fh:
        res = subprocess.run([sys.executable, "-m", "outline_cli", "-f", "docx", "-o", str(stdout),
                              str(sample("000"))], stdout=fh, stderr=subprocess.PIPE, env=ENV, timeout=120)
    assert res.returncode == 0 and stdout.is_symlink()
    assert "word/document.xml" in zipfile.ZipFile(target).namelist()


@needs_fifo
def test_output_into_a_fifo_reaches_its_reader(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    res = run_cli("-f", "text", "-o", str(fifo), str(sample("000")))
    got = reader.communicate(timeout=60)[0]
    assert res.returncode == 0, res.stderr
    assert fifo.is_fifo() and got == run_cli("-f", "text", str(sample("000"))).stdout


def test_output_through_a_link_replaces_the_file_not_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    res = run_cli("-f", "text", "-o", str(link), str(sample("000")))
    assert res.returncode == 0, res.stderr
    assert link.is_symlink() and real.read_text("utf-8") != "old\n"


# -- 6. a subfolder -r cannot read ---------------------------------------------------------------
def test_an_unreadable_subfolder_is_reported_like_an_unreadable_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from outline_cli import cli

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("关于某事的通知\n" + BODY + "\n", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("关于另一事的通知\n" + BODY + "\n", encoding="utf-8")
    real = os.scandir
    locked = str(tmp_path / "b")

    def scandir(path="."):  # root reads every folder: fail the listing as a permission error does
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    res = CliRunner().invoke(cli.main, ["-r", "--out-dir", str(tmp_path / "out"), str(tmp_path)])
    assert res.exit_code == 1, res.output
    assert f"{locked}: cannot read folder: Permission denied" in res.output
    assert (tmp_path / "out" / "a" / "x.yaml").is_file()


# -- 7. 8. rule files and dictionaries ------------------------------------------------------------
def _alias_bomb(levels: int = 9) -> str:
    """A flow list of nested aliases: nine items per level, 9**levels once expanded."""
    parts = ["&l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    parts += [f"&l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "[" + ", ".join(parts) + "]"


@pytest.mark.parametrize("field", ["description", "example", "meta", "end", "pattern"])
def test_a_yaml_alias_bomb_in_any_field_is_refused_at_once(tmp_path, field):
    rules = tmp_path / "bomb.yaml"
    fields = {"category": "other", "scope": "block", "pattern": "'x'", "end": "'y'", field: _alias_bomb()}
    rules.write_text("- id: bomb\n" + "".join(f"  {k}: {v}\n" for k, v in fields.items()), encoding="utf-8")
    line = 2 + list(fields).index(field)
    res = run_cli("--rules", str(rules), str(sample("000")))  # (a hang ends in run_cli's timeout)
    assert res.returncode == 2
    one_line(res, f"bomb.yaml:{line}:", "anchors and aliases")


@pytest.mark.parametrize("pattern", ["a{4294967295}", "a{99999999999999999999}", "(?P<x>a)(?P<x>b)",
                                     "a{2,1}", "(", "\\"])
def test_every_bad_user_pattern_is_a_file_line_usage_error(tmp_path, pattern):
    rules = tmp_path / "bad.yaml"
    rules.write_text(f"- id: fine\n  category: other\n  pattern: 'x'\n"
                     f"- id: bad\n  category: other\n  scope: block\n  pattern: 'a'\n  end: '{pattern}'\n"
                     f"- id: bad2\n  category: other\n  pattern: '{pattern}'\n", encoding="utf-8")
    res = run_cli("--rules", str(rules), str(sample("000")))
    assert res.returncode == 2
    one_line(res, "bad.yaml:4:", "rule bad: end is not a valid regular expression")
    rules.write_text(f"- id: bad2\n  category: other\n  pattern: '{pattern}'\n", encoding="utf-8")
    res = run_cli("--rules", str(rules), str(sample("000")))
    assert res.returncode == 2
    one_line(res, "bad.yaml:1:", "rule bad2: pattern is not a valid regular expression")


@pytest.mark.parametrize("content, words", [
    (b"\xff\xfe\x00w\x00", "not UTF-8 text"),
    ("词语 ² n\n".encode(), None),  # a superscript two is no frequency: the word is kept, no crash
    ("词语 " + "9" * 5000 + " n\n".encode().decode(), None),  # beyond int()'s digit limit
    (b"\x00\x00\x00\x00", "NUL"),
])
def test_a_malformed_user_dictionary_is_a_usage_error_naming_it(tmp_path, content, words):
    d = tmp_path / "mine.dict"
    d.write_bytes(content if isinstance(content, bytes) else content.encode())
    res = run_cli("-k", "3", "-f", "json", "--user-dict", str(d), str(sample("000")), str(sample("001")))
    if words is None:
        assert res.returncode == 0, res.stderr
        assert b"internal error" not in res.stderr
    else:
        assert res.returncode == 2
        one_line(res, "--user-dict", "mine.dict", words)


# -- 12. SIGTERM -----------------------------------------------------------------------------------
def _batch(tmp_path: Path, n: int = 300) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        (src / f"{i:03d}.txt").write_bytes(SAMPLE_FILES[i % len(SAMPLE_FILES)].read_bytes())
    return src


def _signal_batch(tmp_path: Path, signum: int, *options: str):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "outline_cli", *options, "--out-dir", str(out),
                             str(_batch(tmp_path))], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.yaml"))) < 10:
        time.sleep(0.02)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    time.sleep(0.5)  # (workers that outlived their parent would write now)
    return proc.returncode, err.decode(), sorted(out.iterdir())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigterm_ends_a_batch_like_ctrl_c(tmp_path, jobs):
    code, err, written = _signal_batch(tmp_path, signal.SIGTERM, "-j", jobs)
    assert code == 143, err
    assert "Traceback" not in err
    assert [ln for ln in err.splitlines() if ln.strip()] == [ln for ln in err.splitlines() if "terminated (" in ln]
    assert all(p.suffix == ".yaml" for p in written)  # no temporary file left
    for p in written:
        assert yaml.safe_load(p.read_text("utf-8"))["title"]


def test_workers_never_print_tracebacks_when_the_parent_is_killed(tmp_path):
    code, err, written = _signal_batch(tmp_path, signal.SIGKILL, "-j", "2")
    assert code == -signal.SIGKILL
    assert err == "", err
    for p in written:  # (a SIGKILL during a write may leave a hidden temporary file: never a cut output)
        if p.suffix == ".yaml":
            assert yaml.safe_load(p.read_text("utf-8"))["title"]


# -- 9. damaged Word files --------------------------------------------------------------------------
def _written_docx() -> bytes:
    """A real .docx as the tool itself writes it (the shape Word files have)."""
    from outline_cli.api import _context
    from outline_cli.config import Config
    from outline_cli.emit import EMITTERS
    from outline_cli.pipeline import run_text

    config = Config(format="docx", with_text=True)
    return EMITTERS["docx"](run_text(sample("000").read_text("utf-8"), _context(config)), config)


def _rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _outcome(data: bytes):
    """Outline the bytes: the result, or the one-line InputError; anything else fails."""
    from outline_cli.api import outline_bytes
    from outline_cli.read import InputError

    try:
        return outline_bytes(data, name="x.docx")
    except InputError as exc:
        assert "\n" not in str(exc)
        return exc


def test_a_docx_with_a_bad_crc_is_a_one_line_input_error():
    data = bytearray(_written_docx())
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("word/theme/theme1.xml")  # a part only the ZIP check reads in full
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF  # one flipped byte in the deflate stream
    err = _outcome(bytes(data))
    assert "not a valid .docx" in str(err) and "theme1.xml" in str(err), err


@pytest.mark.parametrize("damage", [
    b'<w:outlineLvl w:val="x"/>',  # an outline level that is no number
    b"<w:p><w:r>",  # unclosed elements
    b'<w:pStyle w:val="nope"/><w:t a="1" a="2">',  # a duplicate attribute
])
def test_a_docx_with_broken_xml_is_a_one_line_input_error(damage):
    zf = zipfile.ZipFile(io.BytesIO(_written_docx()))
    parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    for name in ("word/document.xml", "word/styles.xml"):
        broken = dict(parts)
        xml = broken[name]
        at = xml.index(b"<w:p>" if name == "word/document.xml" else b"<w:pPr>")
        broken[name] = xml[:at + 5] + damage + xml[at + 5:]
        err = _outcome(_rezip(broken))
        assert not isinstance(err, dict) or err["title"], err  # read, or refused in one line


def test_flipped_bytes_anywhere_in_a_docx_never_raise_anything_else():
    import random

    data = _written_docx()
    rnd = random.Random(23)
    refused = 0
    for _ in range(60):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 4)):
            b[rnd.randrange(len(b))] = rnd.randrange(256)
        refused += not isinstance(_outcome(bytes(b)), dict)
    assert refused > 30  # (most flips land in compressed data: the CRC check catches them)


def test_a_docx_unpacking_to_huge_xml_is_refused_fast():
    # 64 MB of XML from a ~1 MB file: below the ratio and total limits, but python-docx
    # would hold its tree (150 MB took 2 GB and 31 s).  Refused from the ZIP directory alone.
    zf = zipfile.ZipFile(io.BytesIO(_written_docx()))
    parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    xml = parts["word/document.xml"]
    at = xml.index(b"<w:body>") + len(b"<w:body>")
    para = b"<w:p><w:r><w:t>" + BODY.encode() + b"</w:t></w:r></w:p>"
    filler = b"".join(para.replace("正文".encode(), str(i % 997).encode()) for i in range(64 * 1024 * 1024 // len(para)))
    parts["word/document.xml"] = xml[:at] + filler + xml[at:]
    bomb = _rezip(parts)
    assert len(bomb) < 2 * 1024 * 1024 and len(filler) > 60 * 1024 * 1024
    t = time.perf_counter()
    err = _outcome(bomb)
    assert time.perf_counter() - t < 10
    assert "refused" in str(err) and "word/document.xml" in str(err), err


# -- 10. characters a format cannot hold -------------------------------------------------------------
HOSTILE_CHARS = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\ufffe\uffff"


@pytest.mark.parametrize("fmt", ["opml", "freemind", "docx", "yaml", "json", "markdown", "text"])
def test_control_characters_never_reach_an_output(fmt):
    from xml.dom.minidom import parseString

    from outline_cli.api import _context
    from outline_cli.config import Config
    from outline_cli.emit import EMITTERS
    from outline_cli.pipeline import run_text

    config = Config(format=fmt)
    text = (f"关于某事{HOSTILE_CHARS}的通知\n一、总体\ud800要求\n坚持以人民为中心\udfff。{HOSTILE_CHARS}\n"
            "二、工作安排\n" + BODY + "\n")
    doc = run_text(text, _context(config))
    doc.meta["speaker"] = "张三\x02"  # a fact that did not come through the cleaned text
    out = EMITTERS[fmt](doc, config, None) if fmt in ("yaml", "json") else EMITTERS[fmt](doc, config)
    data = out if isinstance(out, bytes) else out.encode("utf-8")  # (a lone surrogate would raise here)
    if fmt == "docx":
        data = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    if fmt in ("opml", "freemind", "docx"):
        parseString(data)
        assert "\x02".encode() not in data
    text_out = data.decode("utf-8")
    assert not any(c in text_out for c in HOSTILE_CHARS.replace("\x85", "")), fmt
    assert "总体要求" in text_out and "工作安排" in text_out  # the words themselves stay
    assert [w.kind for w in doc.warnings].count("control-characters") == 1


def test_control_characters_in_a_file_are_dropped_with_a_warning(tmp_path):
    path = tmp_path / "ctl.txt"
    path.write_bytes(("关于某事的通知\n一、总体要求\n坚持\x01以人民为中心\x0c第二页。\n").encode())
    res = run_cli("-f", "opml", str(path))
    assert res.returncode == 0
    from xml.dom.minidom import parseString
    parseString(res.stdout)
    assert b"control or non-character" in res.stderr and b"line 3" in res.stderr


# -- 11. a long title, a broken marked section -------------------------------------------------------
def test_a_title_over_255_characters_still_gives_a_docx(tmp_path):
    # a page's own <title> and <h1> make the title, whatever its length
    title = "关于" + "进一步加强和改进" * 40 + "工作的通知"
    path = tmp_path / "long.html"
    path.write_text(f"<html><head><title>{title}</title></head><body><h1>{title}</h1><h2>一、总体要求</h2>"
                    f"<p>{BODY}</p></body></html>", encoding="utf-8")
    out = tmp_path / "long.docx"
    res = run_cli("-f", "docx", "-o", str(out), str(path))
    assert res.returncode == 0, res.stderr
    assert len(title) > 255
    assert title.encode() in zipfile.ZipFile(out).read("word/document.xml")  # whole in the text


@pytest.mark.parametrize("page", [
    "<html><body><p>第一段正文内容。<![CDA</p><p>第二段正文内容。</p></body></html>",
    "<html><body><p>第一段正文内容。</p><![ cdata[x]]><p>第二段正文内容。</p></body></html>",
])
def test_html_with_a_broken_marked_section_is_read(page):
    from outline_cli.api import outline_bytes
    from outline_cli.read.html import parse

    assert [ln.text for ln in parse(page)[0]] == ["第一段正文内容。", "第二段正文内容。"]
    assert outline_bytes(page.encode(), name="x.html")["file"] == "x.html"


# -- 4. a UTF-8 file with lines in another encoding ------------------------------------------------
def test_a_utf8_file_with_one_gbk_line_keeps_every_line(tmp_path):
    import json

    lines = ["关于加强安全生产工作的通知", "一、总体要求", "坚持以人民为中心的发展思想，统筹发展和安全。",
             "二、工作安排", "各地区各部门要结合实际认真贯彻落实。"]
    data = b"\n".join(ln.encode("gbk") if i == 2 else ln.encode("utf-8") for i, ln in enumerate(lines))
    path = tmp_path / "mixed.txt"
    path.write_bytes(data + b"\n")
    res = run_cli("-f", "text", str(path))
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode("utf-8")
    for ln in lines[2:]:
        assert ln in out  # the GBK line read as what it says
    assert "not in UTF-8 read as gb18030: line 3" in res.stderr.decode()
    data = json.loads(run_cli("-f", "json", str(path)).stdout)
    assert [w["kind"] for w in data["warnings"]] == ["mixed-encoding"]
    assert data["meta"]["encoding"] == "utf-8"


def test_a_gbk_file_and_a_damaged_utf8_file_are_not_mixed(tmp_path):
    import json

    text = "关于加强安全生产工作的通知\n一、总体要求\n坚持以人民为中心的发展思想，统筹发展和安全。\n"
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gbk"))
    data = json.loads(run_cli("-f", "json", str(gbk)).stdout)
    assert data["meta"]["encoding"] == "gb18030" and data["warnings"] == []
    damaged = tmp_path / "damaged.txt"  # a UTF-8 character cut short: replaced, not "another encoding"
    damaged.write_bytes((text * 40).encode("utf-8").replace("统筹".encode(), "统".encode() + "筹".encode()[:2], 1))
    data = json.loads(run_cli("-f", "json", str(damaged)).stdout)  # (refused as a whole before)
    kinds = [w["kind"] for w in data["warnings"]]
    assert "undecodable-bytes" in kinds and "mixed-encoding" not in kinds


# -- 5. a page that declares the wrong charset -----------------------------------------------------
@pytest.mark.parametrize("declared", ["cp037", "utf-16", "idna", "utf-32"])
@pytest.mark.parametrize("written", ["gb18030", "utf-8"])
def test_a_wrong_charset_declaration_loses_to_detection(declared, written):
    from outline_cli.api import outline_bytes

    page = (f'<html><head><meta charset="{declared}"><title>t</title></head><body>'
            "<h1>关于加强安全生产工作的通知</h1><h2>一、总体要求</h2><p>" + BODY + "</p>"
            "<h2>二、工作安排</h2><p>" + BODY + "</p></body></html>").encode(written)
    data = outline_bytes(page, name="x.html")
    assert data["title"] == "关于加强安全生产工作的通知"
    assert [s["heading"] for s in data["sections"]] == ["总体要求", "工作安排"]


def test_a_right_charset_declaration_is_still_used():
    from outline_cli.api import outline_bytes

    page = ('<html><head><meta charset="big5"></head><body><h1>關於加強安全生產工作的通知</h1>'
            "<h2>一、總體要求</h2><p>堅持以人民為中心的發展思想，統籌發展和安全。</p></body></html>").encode("big5")
    data = outline_bytes(page, name="x.html")
    assert data["meta"]["encoding"] == "big5" and data["title"] == "關於加強安全生產工作的通知"
