"""Keywords and a key sentence per section (--keywords N), without slowing the common run."""
from __future__ import annotations

import json
import os
import re
import sys

import pytest

from conftest import ROOT, SAMPLE_FILES, run_cli, sample
from outline_cli.enrich.keywords import stopwords


def sections(path, *args):
    data = json.loads(run_cli("-f", "json", "-k", "5", *args, str(path)).stdout)
    out = []

    def walk(ss):
        for s in ss:
            out.append(s)
            walk(s["children"])
    walk(data["sections"])
    return out


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_keywords_are_chinese_terms_not_stop_words(path):
    stop = stopwords()
    for s in sections(path):
        for word in s.get("keywords", []):
            assert re.fullmatch(r"[\u4e00-\u9fff]{2,}", word), word  # no 'ng', 'sh', digits
            assert word not in stop
        if s.get("keywords"):
            assert len(s["keywords"]) <= 5 and s["summary"]
            assert s["heading"] not in s["summary"]  # the key sentence is not the heading


def test_every_section_with_text_has_keywords():
    for path in SAMPLE_FILES:
        for s in sections(path):
            if s["source"] != "toc" and s["children"] == [] and s["heading"] in ("以学立身筑牢忠诚根基",
                                                                                   "关键之年的关键群体"):
                assert s.get("keywords"), s["heading"]
    with_text = [s for s in sections(sample("003"))]
    assert all(s.get("keywords") for s in with_text)  # news sub-heads, each over paragraphs


def test_policy_terms_stay_whole():
    rural = [s for s in sections(sample("000")) if s["heading"] == "全面推进乡村振兴助推乡镇高质量发展"][0]
    assert "乡村振兴" in rural["keywords"]
    assert any("第一書記" in s.get("keywords", []) for s in sections(sample("004")))


def test_keywords_are_distinctive_between_siblings():
    data = json.loads(run_cli("-f", "json", "-k", "5", str(sample("002"))).stdout)
    for parent in data["sections"]:
        firsts = [c["keywords"][0] for c in parent["children"] if c.get("keywords")]
        assert len(set(firsts)) == len(firsts), parent["heading"]  # siblings lead with their own word
    tops = [s["keywords"][0] for s in data["sections"] if s.get("keywords")]
    assert len(set(tops)) == len(tops)


def test_keywords_follow_the_script_option():
    trad = sections(sample("000"), "--script", "traditional")
    rural = [s for s in trad if s["heading"] == "全面推進鄉村振興助推鄉鎮高質量發展"][0]
    assert "鄉村振興" in rural["keywords"]
    simp = sections(sample("004"), "--script", "simplified")
    assert any("第一书记" in s.get("keywords", []) for s in simp)


def test_user_dictionary_keeps_a_new_term_whole(tmp_path):
    words = tmp_path / "mine.txt"
    words.write_text("镇街书记 50000 nz\n", encoding="utf-8")
    plain = sections(sample("001"), "--script", "simplified")
    mine = sections(sample("001"), "--script", "simplified", "--user-dict", str(words))
    assert not any("镇街书记" in s.get("keywords", []) for s in plain)
    assert any("镇街书记" in s.get("keywords", []) for s in mine)


def test_keywords_in_markdown_and_outline_text():
    md = run_cli("-f", "markdown", "-k", "3", str(sample("000"))).stdout.decode()
    assert "关键词：" in md and "乡村振兴" in md
    text = run_cli("-f", "outline", "-k", "3", str(sample("004"))).stdout.decode()
    assert "關鍵詞：" in text and "要點：" in text


def test_a_run_without_keywords_never_imports_the_segmenter():
    code = ("import sys, runpy\n"
            f"sys.argv = ['outline', {str(sample('000'))!r}]\n"
            "try:\n    runpy.run_module('outline_cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(sorted(m for m in ('jieba', 'rjieba') if m in sys.modules)))\n")
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env)
    assert res.stderr.decode().strip() == ""
    with_kw = subprocess.run([sys.executable, "-c", code.replace("'outline', ", "'outline', '-k', '3', ")],
                             capture_output=True, env=env)
    assert with_kw.stderr.decode().split() == ["rjieba"]  # jieba's data file is read, jieba is not imported


def test_the_idf_table_answers_from_another_thread(tmp_path, monkeypatch):
    # one table per process, opened by the first asker: `outline serve` asks from the
    # threads that answer its requests
    import threading

    from outline_cli.enrich import keywords

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    table = keywords.IdfTable()
    assert table.db is not None  # (the cache file, not the in-memory fallback)
    here = table.lookup(["乡村振兴", "工作"])
    there = {}
    worker = threading.Thread(target=lambda: there.update(table.lookup(["乡村振兴", "发展"])))
    worker.start()
    worker.join()
    assert there["乡村振兴"] == here["乡村振兴"] and there["发展"] > 0


def test_keywords_work_when_no_cache_folder_can_be_written(tmp_path):
    # a home and a temp dir nobody can write into (even root cannot create a folder
    # below a plain file): the run still works and writes nothing
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    env = {"HOME": str(blocker / "home"), "TMPDIR": str(blocker / "tmp"), "XDG_CACHE_HOME": ""}
    res = run_cli("-f", "json", "-k", "3", str(sample("000")), env=env)
    assert res.returncode == 0, res.stderr
    assert "乡村振兴" in res.stdout.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_keywords_without_any_writable_cache_folder(tmp_path, monkeypatch):
    # as root, permissions do not stop writes: point the cache at places that cannot exist
    from outline_cli.enrich import keywords

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setattr(keywords, "cache_dirs", lambda: [blocker / "a", blocker / "b"])
    table = keywords.IdfTable()
    assert table.memory is not None and table.db is None  # parsed into memory, nothing written
    assert table.lookup(["乡村振兴", "的的的的"])["的的的的"] == table.default
    assert not (blocker / "a").exists()


def test_cache_goes_to_the_xdg_cache_folder(tmp_path):
    (tmp_path / "tmp").mkdir()
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(tmp_path / "tmp")}
    assert run_cli("-k", "2", str(sample("000")), env=env).returncode == 0
    assert list((tmp_path / "tmp").iterdir()) == []  # the first choice was writable
    files = list((tmp_path / "cache" / "outline-cli").glob("idf-*.sqlite"))
    assert len(files) == 1
