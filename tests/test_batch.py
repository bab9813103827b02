"""Batches: one process or several, same bytes; mixed failures; repeated site furniture."""
from __future__ import annotations

import json

from conftest import CORPUS, SAMPLE_FILES, run_cli, sample

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求，便于判断正文区域。"


def _tree(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _corpus_batch(tmp_path, n=40):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else SAMPLE_FILES
    for i in range(n):
        f = files[i % len(files)]
        target = src / ("sub" if i % 3 == 0 else "") / f"{i:03d}-{f.name}"
        # distinct files (a copy counts once for repeated lines), with the shared furniture
        target.write_bytes(f.read_bytes() + f"\n第{i}份\n".encode())
    return src


def test_output_does_not_depend_on_jobs(tmp_path):
    src = _corpus_batch(tmp_path)
    outs = {}
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}"
        res = run_cli("-r", "--jobs", jobs, "--out-dir", str(out), str(src))
        assert res.returncode == 0, res.stderr
        outs[jobs] = _tree(out)
    assert outs["1"] == outs["2"] == outs["3"]
    assert len(outs["1"]) == 40
    assert (tmp_path / "out1" / "sub").is_dir()  # relative paths mirrored
    one = run_cli("-f", "json", "-r", "--jobs", "1", str(src)).stdout
    two = run_cli("-f", "json", "-r", "--jobs", "2", str(src)).stdout
    assert one == two and len(one.splitlines()) == 40


def test_mixed_success_and_failure_with_a_pool(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"{i:02d}.txt").write_bytes(SAMPLE_FILES[i % 5].read_bytes())
    (src / "05.txt").write_bytes(b"")
    (src / "09.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    out = tmp_path / "out"
    res = run_cli("--progress", "--jobs", "2", "--out-dir", str(out), str(src))
    assert res.returncode == 1
    err = res.stderr.decode()
    assert "05.txt: file is empty" in err and "09.txt: not a text file" in err
    assert "10 done, 2 failed" in err and "MB/s" in err
    assert len(list(out.iterdir())) == 10


def test_lines_repeated_across_a_batch_are_removed_and_explained(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    topics = ["乡村振兴", "安全生产", "基层治理", "营商环境", "生态保护"]
    for i, topic in enumerate(topics):
        (src / f"{i}.txt").write_text(
            f"本网精选栏目每日推荐阅读\n关于做好{topic}工作的通知\n{BODY}\n一、总体要求\n{topic}{BODY}\n"
            f"二、主要任务\n{BODY}{topic}\n同志们：\n本网精选栏目每日推荐阅读\n", encoding="utf-8")
    res = run_cli("-f", "json", "--explain", str(src))
    rows = [json.loads(line) for line in res.stdout.decode().splitlines()]
    for row in rows:
        assert any(r["rule"] == "batch-repeat" and r["text"] == "本网精选栏目每日推荐阅读" for r in row["removed"])
        assert [s["heading"] for s in row["sections"]] == ["总体要求", "主要任务"]  # headings repeat too, and stay
    text = run_cli("-f", "text", str(src)).stdout.decode()
    assert "本网精选栏目" not in text and text.count("同志们：") == 5  # a salutation is the text's own
    alone = run_cli("-f", "text", str(src / "0.txt")).stdout.decode()
    assert "关于做好乡村振兴工作的通知" in alone


def test_repeated_lines_are_counted_on_an_even_sample_of_a_big_batch(monkeypatch):
    from outline_cli import batch
    from outline_cli.config import Config
    from outline_cli.pipeline import make_context

    jobs_in = [(f"{i}.txt", None, f"本网精选栏目每日推荐阅读\n{BODY}{'甲乙丙丁戊己庚辛壬癸子丑'[i]}\n".encode(),
                f"{i}.txt") for i in range(12)]
    monkeypatch.setattr(batch, "REPEAT_SAMPLE", 4)
    picked = [name for name, *_ in batch.key_jobs(jobs_in, None)]
    assert picked == ["0.txt", "3.txt", "6.txt", "9.txt"]  # spread evenly, not the first few
    config = Config(format="text")
    outs = list(batch.outcomes(jobs_in, config, make_context(config), jobs=1, repeats=True))
    # files outside the sample (1.txt, 2.txt …) lose the furniture too, and keep their text
    assert all("本网精选栏目" not in out.data.decode() and BODY[:10] in out.data.decode() for out in outs)
    alone = batch.process("1.txt", None, jobs_in[1][2], None, ctx=make_context(config))
    assert "本网精选栏目" in alone.data.decode()  # on its own, the line is not furniture


def test_repeated_line_lookup_finds_every_form_a_key_comes_from():
    """The step looks keys up only on lines holding one character of some repeated key;
    a line written in full width, spaced out or with other numbers must still be found."""
    from outline_cli.clean.repeats import line_keys
    from outline_cli.clean.repeats import drop_batch_repeats
    from outline_cli.pipeline import document_from_text

    furniture = ["Copyright 2024 Example Press", "浏览次数：123", "版 权 所 有 本 站", "1 | 2 | 3 | 4"]
    variants = ["Ｃｏｐｙｒｉｇｈｔ　２０１９　Ｅｘａｍｐｌｅ　Ｐｒｅｓｓ", "浏览次数: 98765", "版权所有·本站", "7 | 8 | 9 | 10"]
    keys = [k for k in line_keys(furniture) if k]
    assert len(keys) == 4 and keys[3] == "0000"
    text = "\n".join([BODY, *variants, BODY + "一", "Press Example", "其他文字"])
    # without the all-digit key (a character of each key is looked for), and with it
    for repeated, found in ((frozenset(keys[:3]), variants[:3]), (frozenset(keys), variants)):
        doc = document_from_text(text, "x.txt")
        drop_batch_repeats(doc, repeated)
        assert sorted(r.text for r in doc.removed) == sorted(found)
        assert [ln.text for ln in doc.lines] == [BODY, *variants[len(found):], BODY + "一", "Press Example", "其他文字"]


def test_progress_summary_on_request():
    res = run_cli("--progress", str(sample("000")))
    assert res.returncode == 0 and "1 done, 0 failed" in res.stderr.decode()
    quiet = run_cli("--quiet", str(sample("000")), str(sample("001")))
    assert quiet.stderr == b""


def test_shell_completion_script_and_install(tmp_path):
    res = run_cli("--show-completion", env={"SHELL": "/bin/bash"})
    assert b"_outline_completion()" in res.stdout
    res = run_cli("--install-completion", env={"SHELL": "/bin/bash", "HOME": str(tmp_path)})
    assert res.returncode == 0
    assert 'eval "$(_OUTLINE_COMPLETE=bash_source outline)"' in (tmp_path / ".bashrc").read_text()
    again = run_cli("--install-completion", env={"SHELL": "/bin/bash", "HOME": str(tmp_path)})
    assert again.returncode == 0 and (tmp_path / ".bashrc").read_text().count("_OUTLINE_COMPLETE") == 1


def test_quoted_glob_is_expanded(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_bytes(SAMPLE_FILES[i].read_bytes())
    res = run_cli("-f", "json", str(tmp_path / "a*.txt"))
    assert res.returncode == 0 and len(res.stdout.decode().splitlines()) == 3
