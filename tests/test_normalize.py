"""Normalization: encodings, script, width/spacing, pinyin glosses, hard wraps, one-line
articles, garbled runs — each pinned on real sample lines and on must-not-touch cases."""
from __future__ import annotations


import pytest

from conftest import SAMPLE_FILES, run_cli, sample
from outline_cli.api import outline_bytes, outline_text
from outline_cli.normalize import oneline, pinyin, wraps
from outline_cli.normalize.garbled import garbled_spans
from outline_cli.normalize.script import detect_script, fold_width
from outline_cli.normalize.whitespace import clean_spaces
from outline_cli.read import InputError, decode
from outline_cli.markers import starts_with_marker


# -- encodings -------------------------------------------------------------------------
def _sections(data):
    def walk(ss):
        return [(s["level"], s["marker"], s["heading"], s["line"], walk(s["children"])) for s in ss]
    return data["title"], walk(data["sections"])


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_reencoded_sample_gives_the_same_outline(path, encoding):
    # (Big5 cannot hold simplified text; it has its own test below)
    data = path.read_text("utf-8").encode(encoding)
    original = outline_bytes(path.read_bytes())
    again = outline_bytes(data)
    assert _sections(again) == _sections(original)
    expected = {"utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be", "utf-16": "utf-16",
                "utf-8-sig": "utf-8-sig"}.get(encoding)
    if expected:
        assert again["meta"]["encoding"] == expected


def test_traditional_sample_survives_big5():
    # Big5 cannot hold every character of the seeds (NBSP, 着), so use the lines it can
    lines = [ln for ln in sample("001").read_text("utf-8").split("\n") if _big5_ok(ln)]
    text = "\n".join(lines)
    big5 = outline_bytes(text.encode("big5"))
    assert big5["meta"]["encoding"] in ("big5", "big5hkscs", "cp950")
    assert _sections(big5) == _sections(outline_bytes(text.encode("utf-8")))
    assert big5["title"] == "關鍵之年「回爐」培訓,茂名在培養什麼樣的鎮街黨委書記?"


def _big5_ok(line: str) -> bool:
    try:
        line.encode("big5")
        return True
    except UnicodeEncodeError:
        return False


def test_gbk_detection_prefers_gb18030():
    text, enc = decode("乡镇领导班子要带头担当实干，这是年轻乡镇干部应有的作风。".encode("gbk"))
    assert enc == "gb18030" and text.startswith("乡镇")


def test_line_endings_crlf_and_cr():
    text, _ = decode("第一行\r\n第二行\r第三行\n".encode("utf-8"))
    assert text.split("\n") == ["第一行", "第二行", "第三行", ""]


@pytest.mark.parametrize("data", [b" \r\n\t\n", "\u3000\u3000\n".encode("utf-8"), b"\xef\xbb\xbf \n",
                                  "\n \n".encode("utf-16")])
def test_white_space_only_is_refused_in_any_encoding(data):
    with pytest.raises(InputError, match="only white space"):
        decode(data)


def test_binary_refused_with_reason():
    with pytest.raises(InputError, match="ZIP"):
        decode(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match="ELF"):
        decode(b"\x7fELF" + b"\x02" * 100)


def test_encoding_override():
    data = "在鄉鎮座談會上的講話".encode("big5")
    assert outline_bytes(data, encoding="big5")["meta"]["encoding"] == "big5"
    res = run_cli("--encoding", "klingon", str(sample("000")))
    assert res.returncode == 2


# -- script ------------------------------------------------------------------------------
def test_script_detection_on_samples():
    assert detect_script(sample("001").read_text("utf-8")) == "traditional"
    assert detect_script(sample("004").read_text("utf-8")) == "traditional"
    for p in ("000", "002", "003"):
        assert detect_script(sample(p).read_text("utf-8")) == "simplified"


def test_simplified_output_of_004_has_no_pinyin_and_no_traditional_only_character():
    from outline_cli.normalize.script import traditional_chars

    out = run_cli("-f", "text", "--script", "simplified", str(sample("004"))).stdout.decode()
    assert "(xiāng)" not in out and "(zhèn)" not in out
    trad = traditional_chars()
    assert not [c for c in out if c in trad]
    assert "在乡镇“第一书记”座谈会上的讲话" in out


def test_traditional_output_of_a_simplified_sample():
    out = run_cli("-f", "text", "--script", "traditional", str(sample("002"))).stdout.decode()
    assert "在全市鄉鎮(街道)黨(工)委書記培訓重點班上的發言" in out


def test_hk_and_tw_outputs_differ_where_the_standards_do():
    hk = outline_text("在全县教育工作会议上的讲话\n\n一、为什么要抓教育\n\n这是一段足够长的正文，说明为什么要抓好教育工作。", script="hk")
    tw = outline_text("在全县教育工作会议上的讲话\n\n一、为什么要抓教育\n\n这是一段足够长的正文，说明为什么要抓好教育工作。", script="tw")
    assert hk["title"].startswith("在全縣") and tw["title"].startswith("在全縣")
    assert hk["sections"][0]["heading"] == "為甚麼要抓教育" or hk["sections"][0]["heading"] == "為什麼要抓教育"
    assert tw["sections"][0]["heading"] == "為什麼要抓教育"


# -- width and spacing -------------------------------------------------------------------
def test_width_folding_is_one_to_one_and_keeps_chinese_punctuation():
    s = "（一）１．ＧＤＰ增长，“好”……"
    f = fold_width(s)
    assert len(f) == len(s)
    assert f == "(一)1.GDP增长,“好”……"


def test_indentation_and_odd_spaces_removed():
    assert clean_spaces("\u3000\u3000今年,茂名市委\u00a0 \u00a0实施") == "今年,茂名市委 实施"
    assert clean_spaces("    25日上午,\u2028茂名") == "25日上午, 茂名"


# -- pinyin glosses ----------------------------------------------------------------------
@pytest.mark.parametrize("raw,clean", [
    ("夏日里,孟宗故里活力奔涌(bēnyǒng)。", "夏日里,孟宗故里活力奔涌。"),
    ("為什么向工業(yè)型鄉(xiāng)鎮(zhèn)選派", "為什么向工業型鄉鎮選派"),
    ("党的理论教育(jiàoyù)(jiàoyù)、党性锤炼", "党的理论教育、党性锤炼"),
    ("赵梓涵的(de)蜕变", "赵梓涵的蜕变"),
])
def test_pinyin_gloss_removed(raw, clean):
    assert pinyin.strip_glosses(raw)[0] == clean


@pytest.mark.parametrize("text", [
    "国内生产总值(GDP)增长5.5%左右",
    "截至目前(2024)已完成",
    "各乡镇(区)、县直部门",
    "鎮(街)黨(工)委書記",
    "分为(一)(二)两类",
    "方案(a)",               # one bare letter is a label
    "指标(MB/s)",
])
def test_legitimate_parentheses_stay(text):
    assert pinyin.strip_glosses(text)[0] == text


def test_pinyin_needs_enough_characters_before_it():
    assert pinyin.strip_glosses("很(hěnhǎo)")[0] == "很(hěnhǎo)"  # two syllables, one character


def test_no_gloss_leaks_from_sample_003():
    out = run_cli("-f", "text", str(sample("003"))).stdout.decode()
    assert not pinyin.GLOSS.search(out)


# -- hard wraps --------------------------------------------------------------------------
def test_hard_wrap_joined_on_sample_002():
    out = run_cli("-f", "text", str(sample("002"))).stdout.decode()
    assert "更是一场工作的“战前动员”。乡镇(街道)是国家治理" in out


def test_hard_wrap_joined_on_sample_004():
    out = run_cli("-f", "text", str(sample("004"))).stdout.decode()
    assert "有的對農業農村工作不很熟悉" in out


@pytest.mark.parametrize("first,second", [
    ("一、铸牢政治之魂,把准前行方向", "乡镇(街道)党(工)委书记,首先是党的书记,政治属性是第一属性。"),  # heading
    ("这次培训,就是要和大家一起梳理思路、交流方法、凝聚共识。", "下面,我结合自身经历和基层实际谈几点。"),  # sentence ended
    ("网站简介 广告合作 发布优势 服务条款 隐私保护 网站地图 版权声明", "冀ICP备19027023号-7"),  # menu
    ("要把政治理论学习当成日常必修课要把政治理论学习当成日常", "一是用脚步丈量民情民意。"),  # list item next
])
def test_lines_that_must_not_be_joined(first, second):
    assert not wraps.should_join(fold_width(first), fold_width(second), starts_with_marker)


# -- one-line articles --------------------------------------------------------------------
def test_one_line_article_split_into_paragraphs_with_subheads():
    line = sample("003").read_text("utf-8").split("\n")[10]
    text, _ = pinyin.strip_glosses(line)
    parts = oneline.split_line(text)
    assert len(parts) > 15
    assert "“清仓”补短板,培训强根基" in parts
    assert "(记者 王悦 特约记者 高玉峰 通讯员 冷红云)" in parts  # brackets are never split
    # a sentence whose commas became spaces is joined back, not left as short pieces
    assert not any(p == "分层分类开展精准赋能" for p in parts)


def test_short_lines_are_not_split():
    assert oneline.split_line("今年 我们 要做好 三件事") == ["今年 我们 要做好 三件事"]


# -- garbled -----------------------------------------------------------------------------
def test_garbled_runs_in_004_become_warnings_and_the_text_stays():
    data = outline_bytes(sample("004").read_bytes())
    kinds = {(w["line"], w["kind"]) for w in data["warnings"]}
    assert (23, "garbled-text") in kinds and (26, "garbled-text") in kinds
    assert any("粫" in w["text"] for w in data["warnings"])
    out = run_cli("-f", "text", str(sample("004"))).stdout.decode()
    assert "暗谝粫洝" in out  # flagged, not guessed at


def test_clean_text_has_no_garbled_warning():
    for p in ("000", "001", "002"):
        assert outline_bytes(sample(p).read_bytes())["warnings"] == []
    assert garbled_spans("乡镇工作，其本质就是群众工作。") == []
    assert garbled_spans("沪深A股与X光检查") == []


from conftest import CORPUS, needs_corpus  # noqa: E402

CORPUS_TEXTS = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@needs_corpus
@pytest.mark.parametrize("path", CORPUS_TEXTS, ids=lambda p: p.stem[:24])
def test_corpus_text_reencoded_gives_the_same_outline(path):
    text = path.read_text("utf-8")
    original = _sections(outline_bytes(text.encode("utf-8")))
    for encoding in ("gb18030", "utf-16"):
        assert _sections(outline_bytes(text.encode(encoding))) == original, encoding
    if _big5_ok(text):
        assert _sections(outline_bytes(text.encode("big5"))) == original, "big5"
