"""Shell habits: file modes, '-o -', JSON Lines, whole-document formats, the summary line,
the config file of default options."""
from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from conftest import run_cli, sample

posix = pytest.mark.skipif(not hasattr(os, "fchmod"), reason="Unix file modes")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@posix
def test_new_output_file_follows_the_umask(tmp_path):
    out = tmp_path / "a.yaml"
    # the umask of the child is the one it inherits: set it around the run
    old = os.umask(0o022)
    try:
        assert run_cli("-o", str(out), str(sample("000"))).returncode == 0
        outd = tmp_path / "d"
        assert run_cli("--out-dir", str(outd), str(sample("000"))).returncode == 0
        os.umask(0o077)
        assert run_cli("-o", str(tmp_path / "private.yaml"), str(sample("000"))).returncode == 0
    finally:
        os.umask(old)
    assert _mode(out) == 0o644
    assert [_mode(p) for p in outd.iterdir()] == [0o644]
    assert _mode(tmp_path / "private.yaml") == 0o600


@posix
def test_replaced_output_keeps_its_mode(tmp_path):
    out = tmp_path / "a.md"
    out.write_text("old")
    os.chmod(out, 0o640)
    assert run_cli("-f", "markdown", "-o", str(out), str(sample("000"))).returncode == 0
    assert _mode(out) == 0o640 and out.read_text(encoding="utf-8").startswith("# ")


def test_dash_output_is_standard_output(tmp_path):
    res = run_cli("-f", "markdown", "-o", "-", str(sample("000")), cwd=tmp_path)
    assert res.returncode == 0 and res.stdout.startswith("# ".encode())
    assert list(tmp_path.iterdir()) == []  # no file named '-'


def test_json_lines_always_one_object_a_line_with_file(tmp_path):
    one = run_cli("-f", "jsonl", str(sample("000")))
    lines = one.stdout.decode().splitlines()
    assert one.returncode == 0 and len(lines) == 1
    assert json.loads(lines[0])["file"] == str(sample("000"))
    two = run_cli("-f", "jsonl", str(sample("000")), str(sample("001")))
    objs = [json.loads(ln) for ln in two.stdout.decode().splitlines()]
    assert [o["file"] for o in objs] == [str(sample("000")), str(sample("001"))]
    # a shell loop appending one run per file builds the same JSON Lines
    loop = b"".join(run_cli("-f", "jsonl", str(sample(p))).stdout for p in ("000", "001"))
    assert loop == two.stdout
    stdin = run_cli("-f", "jsonl", "-", input=sample("000").read_bytes())
    assert json.loads(stdin.stdout)["file"] == "-"


@pytest.mark.parametrize("fmt", ["opml", "freemind", "docx"])
def test_whole_document_formats_refuse_several_inputs_on_stdout(fmt):
    res = run_cli("-f", fmt, str(sample("000")), str(sample("001")))
    assert res.returncode == 2 and res.stdout == b"" and b"--out-dir" in res.stderr


def test_one_opml_on_stdout_is_still_fine():
    res = run_cli("-f", "opml", str(sample("000")))
    assert res.returncode == 0 and res.stdout.count(b"<?xml") == 1


def test_batch_summary_not_in_a_log_unless_asked(tmp_path):
    files = (str(sample("000")), str(sample("001")))
    quiet = run_cli("--out-dir", str(tmp_path / "a"), *files)  # stderr is a pipe, as in cron
    assert quiet.returncode == 0 and quiet.stderr == b""
    asked = run_cli("--progress", "--out-dir", str(tmp_path / "b"), *files)
    assert "2 done, 0 failed" in asked.stderr.decode()


def _config(tmp_path, text: str) -> dict:
    folder = tmp_path / "cfg" / "tigang"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "APPDATA": str(tmp_path / "cfg")}


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS keeps its config under ~/Library")
def test_config_file_sets_default_options(tmp_path):
    (tmp_path / "cfg" / "tigang").mkdir(parents=True)
    (tmp_path / "cfg" / "tigang" / "mine.yaml").write_text(
        "- id: my-motto\n  category: footer\n  pattern: '火车跑得快'\n  example: '火车跑得快'\n", encoding="utf-8")
    env = _config(tmp_path, 'format = "text"\nscript = "traditional"\nrules = ["mine.yaml"]\n')
    out = run_cli(str(sample("000")), env=env).stdout.decode()
    assert out.startswith("峽江新幹") and "火車跑得快" not in out  # text, traditional, the rule
    # an option on the command line wins over the file
    assert run_cli("-f", "json", str(sample("000")), env=env).stdout.startswith(b"{")
    assert str(tmp_path / "cfg" / "tigang" / "config.toml") in run_cli("--help", env=env).stdout.decode()


def test_broken_config_file_names_the_file_and_setting(tmp_path):
    env = _config(tmp_path, 'format = "pdf"\n')
    res = run_cli(str(sample("000")), env=env)
    assert res.returncode == 2 and b"config.toml: format: 'pdf' is not one of" in res.stderr
    env = _config(tmp_path, 'colour = "red"\n')
    res = run_cli(str(sample("000")), env=env)
    assert res.returncode == 2 and b"unknown setting 'colour'" in res.stderr
    assert run_cli("--help", env=env).returncode == 0  # help still helps
