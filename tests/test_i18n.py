"""Messages in Chinese: every message id has a translation, the compiled catalog is up to date,
the language follows the locale and can be forced, and output files never change with it."""
from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, run_cli, sample

sys.path.insert(0, str(ROOT / "scripts"))
messages = pytest.importorskip("messages")  # scripts/messages.py
pytest.importorskip("babel", reason="Babel (a test dependency) extracts the message ids")

ZH = {"LANG": "zh_CN.UTF-8", "OUTLINE_LANG": "", "LC_ALL": "", "LANGUAGE": "", "LC_MESSAGES": ""}


def test_every_message_in_the_code_is_in_the_catalog_with_a_translation():
    assert messages.missing_ids() == []  # run: python scripts/messages.py
    assert messages.untranslated(messages.read_po()) == []


def test_extraction_finds_a_new_message(tmp_path, monkeypatch):
    """The check is real: a message added to the code and not to the catalog is reported."""
    pkg = tmp_path / "outline_cli"
    pkg.mkdir()
    (pkg / "x.py").write_text('from .i18n import _\nraise SystemExit(_("a message nobody translated"))\n')
    monkeypatch.setattr(messages, "PACKAGE", pkg)
    assert "a message nobody translated" in messages.missing_ids()


def test_compiled_catalog_is_up_to_date():
    assert messages.MO.read_bytes() == messages.mo_bytes(messages.read_po()), \
        "run: python scripts/messages.py"


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)", text)) | set(re.findall(r"%\((\w+)\)", text))


def test_translations_keep_the_placeholders():
    for m in messages.read_po():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set().union(*map(_fields, ids))
        for s in strings:
            assert _fields(s) <= wanted and (_fields(s) or not wanted), (m.id, s)


def test_help_in_chinese_under_a_chinese_locale():
    res = run_cli("--help", env=ZH)
    out = res.stdout.decode()
    assert res.returncode == 0 and "用法" in out and "输出格式" in out and "示例" in out
    assert "Output format" not in out
    english = run_cli("--help", env={**ZH, "LANG": "en_US.UTF-8"}).stdout.decode()
    assert "Output format" in english and "用法" not in english


def test_language_forced_by_option_or_environment():
    missing = "no-such-file-21.txt"
    zh = run_cli(missing, env={"OUTLINE_LANG": "zh"})
    assert zh.returncode == 1 and "找不到这个文件" in zh.stderr.decode()
    en = run_cli("--lang", "en", missing, env=ZH)
    assert "no such file" in en.stderr.decode()
    zh = run_cli("--lang", "zh", missing)
    assert "找不到这个文件" in zh.stderr.decode()
    usage = run_cli("-f", "pdf", str(sample("000")), env={"OUTLINE_LANG": "zh"})
    assert usage.returncode == 2 and "错误" in usage.stderr.decode() and "取值无效" in usage.stderr.decode()


def test_batch_summary_and_explain_headings_in_chinese(tmp_path):
    res = run_cli("--progress", "--out-dir", str(tmp_path), str(sample("000")), "nope.txt",
                  env={"OUTLINE_LANG": "zh"})
    err = res.stderr.decode()
    assert "完成 1 个，失败 1 个" in err and "nope.txt: 找不到这个文件" in err


def test_outputs_do_not_change_with_the_language(tmp_path):
    for fmt in ("yaml", "markdown", "docx"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        run_cli("-f", fmt, "-o", str(a), str(sample("002")), env={"OUTLINE_LANG": "zh"})
        run_cli("-f", fmt, "-o", str(b), str(sample("002")), env={"OUTLINE_LANG": "en"})
        assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("env, argv, want", [
    ({"LANG": "zh_CN.UTF-8"}, [], "zh_CN"),
    ({"LANG": "zh_TW.UTF-8"}, [], "zh_CN"),  # the one Chinese catalog we ship
    ({"LANG": "en_US.UTF-8"}, [], "en"),
    ({"LANG": "C"}, [], "en"),
    ({}, [], "en"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, [], "en"),  # LC_ALL wins over LANG
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, [], "zh_CN"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, [], "zh_CN"),
    ({"LANGUAGE": "fr", "LANG": "zh_CN.UTF-8"}, [], "zh_CN"),  # no French: on to LANG
    ({"LANG": "en_US.UTF-8", "OUTLINE_LANG": "zh"}, [], "zh_CN"),
    ({"OUTLINE_LANG": "zh"}, ["--lang", "en", "x.txt"], "en"),
    ({"LANG": "en_US.UTF-8"}, ["--lang=zh"], "zh_CN"),
    ({"LANG": "en_US.UTF-8"}, ["--", "--lang", "zh"], "en"),  # after --: a file name
])
def test_language_choice(env, argv, want):
    from outline_cli.i18n import choose

    assert choose(argv, env) == want


def test_windows_ui_language(monkeypatch):
    from outline_cli import i18n

    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: "zh_CN")
    assert i18n.choose([], {}) == "zh_CN"
    assert i18n.choose([], {"OUTLINE_LANG": "en"}) == "en"


def test_explain_table_headings_in_chinese(monkeypatch, capsys):
    from outline_cli import cli, i18n
    from outline_cli.batch import Outcome

    outcome = Outcome("讲话稿.txt", explain=[(3, "nav-menu", "nav", "drop", "首页 | 新闻")],
                      headings=[(5, "一、总体要求", 1, "marker")], title=("标题", 1, ()))
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    i18n.install("zh")
    try:
        cli.print_explain("讲话稿.txt", outcome)
    finally:
        i18n.install("en")
    err = capsys.readouterr().err
    assert "删除的内容" in err and "类别" in err and "层级" in err and "第 1 级" in err
