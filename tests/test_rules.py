"""Boilerplate rules: every shipped rule matches its own example; each category is pinned on
real lines from the samples; content with the same surface survives."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, SAMPLE_FILES, sample
from outline_cli.api import outline_file, outline_text
from outline_cli.clean.rules import RuleError, build_rule, load, shipped_rule_files
from outline_cli.normalize.script import make_view

RULES = load().rules
VIEW_T = make_view("traditional")
VIEW_S = make_view("simplified")


def test_rules_ship_as_data_files():
    names = [p.name for p in shipped_rule_files()]
    assert names == sorted(names) and all(n.endswith(".yaml") for n in names)
    assert len(RULES) >= 30


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_matches_its_own_example(rule):
    assert rule.example, f"{rule.origin}: every rule documents itself with an example"
    view = VIEW_T(rule.example) if any("\u4e00" <= c <= "\u9fff" for c in rule.example) else rule.example
    assert rule.pattern.search(view) or rule.pattern.search(view.replace(" ", "")), rule.origin


def _removed(path):
    data = outline_file(path, explain=True)
    return {(r["line"], r["category"]) for r in data["removed"]}, data


@pytest.mark.parametrize("prefix,line,category", [
    ("000", 3, "ad"),          # 北京白癜风医院排名 http://…
    ("000", 53, "comment"),    # 留言互动
    ("000", 57, "footer"),     # 转载请注明地址:http://…
    ("000", 60, "nav"),        # • 上一篇文章:
    ("000", 5, "byline"),      # ■江修兴、信息日报/…记者刘建华/文 (cut from the lead paragraph)
    ("001", 2, "widget"),      # -- 天氣
    ("001", 7, "byline"),      # 責任編輯:郭昕玥 2024-04-27 17:26:55 來源:香港商報網
    ("001", 15, "image"),      # 0427_3.jpg
    ("001", 88, "footer"),     # 承印人、出版人 … 版權所有
    ("002", 31, "paywall"),    # ……(新文秘网…省略877字,正式会员可完整阅读)……
    ("002", 37, "paywall"),    # ……(未完,全文共4678字,当前仅显示2464字 …
    ("002", 1, "toc"),         # 目录/提纲:……
    ("003", 1, "nav"),         # 首页 资讯 正文
    ("003", 14, "comment"),    # 欢迎 发表评论:
    ("004", 18, "paywall"),
])
def test_category_on_real_sample_line(prefix, line, category):
    removed, _ = _removed(sample(prefix))
    assert (line, category) in removed


def test_paywall_counts_go_to_meta_truncated():
    _, data = _removed(sample("002"))
    assert data["meta"]["truncated"]["total_chars"] == 4678
    assert data["meta"]["truncated"]["shown_chars"] == 2464
    assert data["meta"]["truncated"]["omitted_chars"] == 877


def test_paywall_notice_is_cut_inside_a_line_and_the_sentence_before_it_stays():
    text = outline_file(sample("002"), format="text")
    from outline_cli.api import outline_text as _  # noqa: F401  (api import sanity)
    from conftest import run_cli

    body = run_cli("-f", "text", str(sample("002"))).stdout.decode()
    assert "可以实行“导师帮带”制度,让" in body  # text before the truncation notice survives
    assert "未完" not in body and "收藏《" not in body and "省略" not in body
    assert text["title"]


def test_a_rule_sees_the_text_an_earlier_cut_leaves():
    """Only the lines a cut changed are scanned again for the rules' strings: text that
    the cut brings together (版权 + 所有) must still be found by the later rules."""
    from outline_cli.config import Config
    from outline_cli.pipeline import make_context, run_text

    body = "这是一段足够长的正文，用来说明本节的具体内容和工作要求，便于判断正文区域。"
    text = "\n".join([body, body + "一", body + "二",
                      "版权……(新文秘网省略877字,正式会员可完整阅读)……所有 某某文秘网 2024"])
    doc = run_text(text, make_context(Config()), "x.txt")
    assert [r.rule for r in doc.removed if r.line == 4] == ["paywall-omitted-chars", "footer-copyright"]
    assert all("版权" not in ln.text for ln in doc.lines)


def test_everything_after_a_cut_here_notice_goes():
    doc = ("一段正文，说明这份文件的背景和意义，内容完整。\n"
           "第二段正文的开头部分……(未完,全文共3000字,当前仅显示1000字,请阅读下面提示信息。\n"
           "收藏《某文》)\n网站导航 首页 关于我们\n")
    from conftest import run_cli

    out = run_cli("-f", "text", "-", input=doc.encode()).stdout.decode()
    assert "第二段正文的开头部分" in out and "网站导航" not in out and "未完" not in out


@pytest.mark.parametrize("line", [
    "详见中国政府网 http://www.gov.cn ，各地要认真学习贯彻。",  # a URL inside a sentence
    "以上率下，改进作风，切实当好新时代乡镇工作领头雁。",
    "关于我们的工作，有三点意见需要讲清楚，请大家认真领会。",  # starts like a footer link
    "首页的设计要简洁明了，便于群众办事，这是基本要求。",
])
def test_content_with_a_furniture_surface_survives(line):
    doc = f"关于做好基层工作的几点意见\n\n开头的一段正文，交代背景，篇幅足够长，以便形成正文区域。\n{line}\n结尾的一段正文，同样足够长，表明正文在此结束。\n"
    from conftest import run_cli

    out = run_cli("-f", "text", "-", input=doc.encode()).stdout.decode()
    assert line in out


def test_short_heading_line_in_the_body_survives():
    out = outline_file(sample("001"), format="json")
    assert [s["heading"] for s in out["sections"]][:2] == ["關鍵之年的關鍵群體", "當好鎮街書記有四大要求"]


@pytest.mark.parametrize("item,message", [
    ({"id": "Bad Id", "pattern": "x"}, "id must be"),
    ({"id": "x", "pattern": "("}, "not a valid regular expression"),
    ({"id": "x", "pattern": "a", "scope": "page"}, "scope must be"),
    ({"id": "x", "pattern": "a", "colour": "red"}, "unknown key"),
    ({"id": "x", "scope": "block", "pattern": "a"}, "needs an end pattern"),
])
def test_rule_validation_messages(item, message):
    with pytest.raises(RuleError, match=message):
        build_rule(item, "f.yaml:7")


def test_broken_yaml_reports_file_and_line(tmp_path):
    bad = tmp_path / "r.yaml"
    bad.write_text("- id: a\n  pattern: 'x'\n- id: b\n  pattern: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=rf"^{bad}:\d+: invalid YAML"):
        load((str(bad),))


def test_yaml_rule_file_cannot_construct_objects(tmp_path):
    evil = tmp_path / "r.yaml"
    evil.write_text("- id: a\n  pattern: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(RuleError, match="invalid YAML"):
        load((str(evil),))


def test_disabling_a_rule_keeps_its_lines():
    kept = outline_text("正文第一段，内容足够长，用来形成正文区域，说明情况。\n0427_3.jpg\n正文第二段，内容同样足够长，说明后续情况。\n",
                        format="text", explain=True, disabled_rules=("image-file-name",))
    assert not any(r["rule"] == "image-file-name" for r in kept["removed"])


ADVERSARIAL = ["9" * 40 + "①", "1 " * 30 + "x", "【1】" * 30 + "x", " " * 200 + "x", "a" * 200 + "!",
               "首页 " * 40 + "。", "登录" * 40 + "x", "——" * 100, "http://" + "a/" * 100 + " 。",
               "……(" * 50, "1." * 60 + "x", "（一）" * 50]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_shipped_rule_runs_in_bounded_time_on_adversarial_lines(rule):
    # a shipped rule is trusted (no time guard): it must not backtrack catastrophically
    import signal
    import time

    def give_up(*_):
        raise TimeoutError(rule.id)
    old = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(3)
    try:
        t = time.perf_counter()
        for text in ADVERSARIAL:
            rule.pattern.search(text)
            rule.pattern.search(text.replace(" ", ""))
        assert time.perf_counter() - t < 0.5, rule.id
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_the_rule_index_is_current():
    # rules/index.json holds the rule files already read; regenerate it with
    # `python scripts/index_rules.py` after editing rules/*.yaml
    import importlib.util

    spec = importlib.util.spec_from_file_location("index_rules", ROOT / "scripts" / "index_rules.py")
    index_rules = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(index_rules)
    current = index_rules.render(index_rules.build(ROOT / "rules"))
    assert (ROOT / "rules" / "index.json").read_text("utf-8") == current


def test_an_edited_rule_file_is_read_as_yaml_not_from_a_stale_index(tmp_path):
    from outline_cli.clean import rules as rules_mod

    shipped = rules_mod.shipped_rule_files()[0]
    raw = shipped.read_bytes()
    assert rules_mod.shipped_items(shipped.name, raw) is not None  # the index serves the real file
    assert rules_mod.shipped_items(shipped.name, raw + b"\n# edited\n") is None  # not an edited one


#: Modules a one-file run on a text file has no use for, each costing milliseconds to import:
#: PyYAML (the rules index serves the shipped rules), importlib.resources (data files are read
#: from the package folder), the HTML and Word readers, the .docx and mind-map writers' libraries.
NOT_FOR_ONE_TEXT_FILE = ("yaml", "importlib.resources", "html.parser", "zipfile", "xml.etree.ElementTree",
                         "outline_cli.read.html", "outline_cli.read.docx")


def test_a_one_file_run_never_imports_what_it_does_not_use():
    code = ("import sys, atexit\n"
            f"names = {NOT_FOR_ONE_TEXT_FILE!r}\n"
            "atexit.register(lambda: sys.stderr.write('LOADED=%s' % [n for n in names if n in sys.modules]))\n"
            "from outline_cli.cli import main\n"
            "main()\n")
    for path in SAMPLE_FILES:
        res = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, timeout=60,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        assert res.returncode == 0 and b"LOADED=[]" in res.stderr, (path.name, res.stderr[-300:])
        assert res.stdout.startswith("title:".encode()) or b"\ntitle:" in res.stdout
