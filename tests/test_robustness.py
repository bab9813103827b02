"""Bad input: every failure is clear (one line naming the file), contained (the rest of a
batch goes on) and leaves no damage (no half-written or truncated file, no input touched)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import yaml

from conftest import ROOT, SAMPLE_FILES, run_cli, sample


def one_line_error(res, name: str, words: str) -> None:
    lines = res.stderr.decode().strip().splitlines()
    assert any(name in ln and words in ln for ln in lines), lines
    assert b"Traceback" not in res.stderr


def test_empty_and_blank_files(tmp_path):
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_bytes(b"")
    blank.write_bytes(" \n\u3000\n\t\r\n".encode())
    out = tmp_path / "out"
    res = run_cli("--out-dir", str(out), str(empty), str(blank))
    assert res.returncode == 1
    one_line_error(res, "empty.txt", "file is empty")
    one_line_error(res, "blank.txt", "has no text")
    assert not out.exists() or list(out.iterdir()) == []


def test_binary_files_are_refused(tmp_path):
    import zipfile

    png = tmp_path / "a.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    z = tmp_path / "b.txt"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("x.txt", "hello")
    elf = tmp_path / "c.txt"
    elf.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(300))
    res = run_cli(str(png), str(z), str(elf))
    assert res.returncode == 1
    one_line_error(res, "a.txt", "PNG")
    one_line_error(res, "b.txt", "ZIP")
    one_line_error(res, "c.txt", "ELF")


def test_a_few_bad_bytes_in_gbk_text_are_replaced_with_a_warning(tmp_path):
    good = sample("002").read_text("utf-8").encode("gb18030")
    broken = good[:3001] + b"\xff\xff" + good[3001:]  # a damaged character mid-file
    path = tmp_path / "gbk.txt"
    path.write_bytes(broken)
    res = run_cli("-f", "json", str(path))
    assert res.returncode == 0
    one_line_error(res, "gbk.txt", "undecodable")
    data = json.loads(res.stdout)
    assert data["meta"]["encoding"] == "gb18030"
    assert data["title"] == "在全市乡镇(街道)党(工)委书记培训重点班上的发言"
    assert any(w["kind"] == "undecodable-bytes" for w in data["warnings"])


def test_text_in_the_wrong_encoding_is_refused(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    res = run_cli("--encoding", "utf-8", str(path))
    assert res.returncode == 1
    one_line_error(res, "noise.txt", "cannot decode as utf-8")


def test_folder_without_texts_and_missing_file(tmp_path):
    (tmp_path / "empty-folder").mkdir()
    res = run_cli(str(tmp_path / "empty-folder"), str(tmp_path / "nope.txt"))
    assert res.returncode == 1
    one_line_error(res, "empty-folder", "folder with no .txt")
    one_line_error(res, "nope.txt", "no such file")


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    # root reads any file, so make the read itself fail the way a permission error does
    from pathlib import Path

    import pytest
    from outline_cli.batch import process, read_path
    from outline_cli.config import Config
    from outline_cli.pipeline import make_context
    from outline_cli.read import InputError

    path = tmp_path / "locked.txt"
    path.write_text("正文", encoding="utf-8")
    real_open = os.open

    def refuse(file, *args, **kwargs):  # the reader's own open, as for a file it may not read
        if Path(file).name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_path(path)
    outcome = process("locked.txt", str(path), None, None, ctx=make_context(Config()))
    assert outcome.error == "permission denied" and outcome.data is None


def test_a_folder_read_as_a_file_gets_one_clear_line(tmp_path):
    from outline_cli.batch import read_path
    from outline_cli.read import InputError

    import pytest

    with pytest.raises(InputError, match=r"is a folder with no \.txt/.*\.docx.*\.pdf.* files"):
        read_path(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no disk, no memory
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-c",
                          "import resource, subprocess, sys\n"
                          f"r = subprocess.run([sys.executable, '-m', 'outline_cli', {str(big)!r}], capture_output=True)\n"
                          "sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
                          "sys.stderr.buffer.write(r.stderr)\nsys.exit(r.returncode)"],
                         capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert res.returncode == 1
    assert "big.txt: file is 200 MB; the limit is 64 MB" in res.stderr.decode()
    assert int(res.stdout) < 100 * 1024  # KB: the file was never read into memory
    assert time.perf_counter() - t < 10


def test_one_line_of_50_mb(tmp_path):
    path = tmp_path / "line.txt"
    chunk = ("一、总体要求。" + "这是一段很长的文字，没有换行。" * 20).encode()
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    # peak memory of the run from the kernel (os.wait4), as /usr/bin/time -v reports it:
    # 680-810 MB before the rules' automaton was given the text in 1 M-character pieces.
    # Started from a small go-between: a process forked straight from this (large) test
    # process would carry its parent's high-water mark into ru_maxrss.
    out = tmp_path / "out.json"
    runner = ("import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:]); "
              "_, status, usage = os.wait4(p.pid, 0); print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)")
    res = subprocess.run([sys.executable, "-c", runner, sys.executable, "-m", "outline_cli", "-f", "json",
                          "-o", str(out), str(path)], capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=600)
    code, maxrss = map(int, res.stdout.split())
    assert code == 0, res.stderr[-500:]
    json.loads(out.read_text("utf-8"))
    if sys.platform.startswith("linux"):  # (ru_maxrss is in KB there, in bytes on macOS)
        assert maxrss / 1024 < 400, f"peak RSS {maxrss / 1024:.0f} MB"


def test_catastrophic_backtracking_user_rule_does_not_hang(tmp_path):
    rules = tmp_path / "evil.yaml"
    rules.write_text("- id: evil\n  category: other\n  pattern: '(a|aa)+$'\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("关于某事的通知\n\n" + "a" * 60 + "!\n这是一段足够长的正文，说明本节的具体内容和要求。\n", encoding="utf-8")
    t = time.perf_counter()
    res = run_cli("-f", "json", "--rules", str(rules), str(doc))
    assert time.perf_counter() - t < 15
    assert res.returncode == 0
    data = json.loads(res.stdout)
    assert any(w["kind"] == "rule-timeout" and "evil" in w["text"] for w in data["warnings"])


def test_stdout_closed_early_ends_quietly():
    files = " ".join(str(p) for p in SAMPLE_FILES * 20)
    res = subprocess.run(f"{sys.executable} -m outline_cli -f json {files} | head -1", shell=True,
                         capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                         executable="/bin/bash")
    assert res.stdout.startswith(b"{")
    assert b"Traceback" not in res.stderr and b"Broken pipe" not in res.stderr


def test_ctrl_c_in_a_batch_leaves_no_half_written_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(400):
        (src / f"{i:03d}.txt").write_bytes(SAMPLE_FILES[i % 5].read_bytes())
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "outline_cli", "--out-dir", str(out), str(src)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    deadline = time.time() + 30
    while time.time() < deadline and len(list(out.glob("*.yaml"))) < 20:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert b"interrupted" in err and b"Traceback" not in err
    written = sorted(out.iterdir())
    assert 20 <= len(written) < 400
    assert all(p.suffix == ".yaml" for p in written)  # no temporary file left
    for p in written:
        assert yaml.safe_load(p.read_text("utf-8"))["title"]  # each one complete


def test_output_never_overwrites_the_input_and_failures_keep_old_outputs(tmp_path):
    src = tmp_path / "a.txt"
    src.write_bytes(sample("000").read_bytes())
    res = run_cli("-f", "text", "-o", str(src), str(src))
    assert res.returncode == 2 and src.read_bytes() == sample("000").read_bytes()
    old = tmp_path / "old.yaml"
    old.write_text("previous result\n", encoding="utf-8")
    png = tmp_path / "p.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    res = run_cli("-o", str(old), str(png))
    assert res.returncode == 1 and old.read_text("utf-8") == "previous result\n"


def test_input_found_by_the_fuzzer_that_hung_a_shipped_rule():
    # a long digit run before a circled number made widget-words backtrack exponentially
    from outline_cli.api import outline_text

    t = time.perf_counter()
    data = outline_text("二、æ9COM1\n" + "9" * 40 + "①\n" + "1 " * 40 + "x")
    assert time.perf_counter() - t < 5
    assert [s["marker"] for s in data["sections"]] == ["二、"]


def test_code_regexes_on_pathological_lines():
    from outline_cli.api import outline_text

    t = time.perf_counter()
    outline_text("目录：\n一、甲\n二、乙\n" + "…" * 80 + "x\n" + "。" * 5000 + "\n" + "一、" * 3000)
    assert time.perf_counter() - t < 5
