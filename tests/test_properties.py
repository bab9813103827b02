"""Property tests over the whole pipeline: any text and any bytes give no exception,
output valid against the shipped schema, and the same bytes on a second run."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outline_cli.api import outline_bytes, outline_text
from outline_cli.read import InputError

SCHEMA = json.loads(resources.files("outline_cli.data").joinpath("schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "1.", "2、", "（1）", "①", "一是", "二是", "第一，",
           "首先，", "第一章 ", "第三条 ", "目录/提纲:……", "……", "——", "同志们：", "责任编辑：", "ICP备"]
PIECES = ["乡镇工作", "基层治理。", "，", "。", "！", "？", "“", "”", "(bēnyǒng)", "(GDP)", "http://x.cn",
          "\u3000", "\xa0", "\t", " ", "鄉鎮", "暗谝粫洝", "\ufffd", "\u2028", "……(省略877字)……",
          "(未完,全文共10字,当前仅显示5字", "收藏《标题》)"]

lines = st.lists(st.one_of(st.sampled_from(MARKERS), st.sampled_from(PIECES),
                           st.text(max_size=30)), max_size=8).map("".join)
documents = st.lists(lines, max_size=40).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(data) -> None:
    VALIDATOR.validate(data)
    json.dumps(data, ensure_ascii=False)


@SETTINGS
@given(documents)
def test_structured_text_never_fails_and_is_deterministic(text):
    first = outline_text(text, explain=True, keywords=0)
    check(first)
    assert outline_text(text, explain=True, keywords=0) == first


@SETTINGS
@given(st.text(max_size=2000))
def test_any_unicode_text(text):
    check(outline_text(text))


@SETTINGS
@given(st.binary(max_size=3000))
def test_any_bytes_either_refused_cleanly_or_outlined(data):
    try:
        result = outline_bytes(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check(result)
    assert outline_bytes(data) == result


@settings(max_examples=40, deadline=None)
@given(documents)
def test_every_format_renders(text):
    from outline_cli.config import FORMATS

    for fmt in FORMATS:
        out = outline_text(text, format=fmt)  # the data does not depend on the format
        check(out)


# -- Han counting: a byte-table shortcut (chars.han_count) against the plain definition --
_HAN_RUN = __import__("re").compile(r"[\u4e00-\u9fff]")
_edgy_chars = st.sampled_from("\u4dff\u4e00\u4e01\u9fa5\u9fff\ua000\u3000，。a\n\U00020000\ud800\u4e00\ue000\ue0ff")


@given(st.lists(st.text(alphabet=st.one_of(st.characters(), _edgy_chars), max_size=40), max_size=12))
def test_han_counts_agree_with_the_definition(lines):
    from outline_cli.chars import han_count, han_counts

    lines = [t.replace("\n", "") for t in lines]
    expected = [len(_HAN_RUN.findall(t)) for t in lines]
    assert [han_count(t) for t in lines] == expected
    assert han_counts(lines) == expected


_block_edges = st.sampled_from([chr(c) for c in (0x10ff, 0x1100, 0x115f, 0x1160, 0x2e7f, 0x2e80, 0x2eff, 0x2f00,
                                                 0x303e, 0x303f, 0x3040, 0x3041, 0x4dbf, 0x4dc0, 0x4dff, 0x4e00,
                                                 0xa95f, 0xa960, 0xa97f, 0xa980, 0xabff, 0xac00, 0xd7a3, 0xd7a4,
                                                 0xf8ff, 0xf900, 0xfaff, 0xfe2f, 0xfe30, 0xfe4f, 0xfe50, 0xff00,
                                                 0xff60, 0xff61, 0xffdf, 0xffe0, 0xffe6, 0xffe7, 0xffff, 0x20000)]
                                + list("a，。中 "))


@given(st.lists(st.text(alphabet=st.one_of(_block_edges, st.characters()), max_size=30), max_size=10))
def test_display_widths_agree_with_the_east_asian_width_ranges(lines):
    import re

    from outline_cli.normalize.wraps import _WIDE_RANGES, display_width, display_widths

    wide = re.compile("[" + _WIDE_RANGES + "]")
    lines = [t.replace("\n", "") for t in lines]
    expected = [len(t) + len(wide.findall(t)) for t in lines]
    assert display_widths(lines) == expected
    assert [display_width(t) for t in lines] == expected


_foldable = st.sampled_from("！＂（）．，：；？Ａｚ～\u3000\xa0\u2028\u2029\t")


@SETTINGS
@given(st.one_of(st.text(alphabet=st.one_of(_foldable, st.sampled_from("汉a ")), max_size=40),
                 st.text(alphabet=st.one_of(_foldable, st.characters()), max_size=60)))
def test_width_folding_agrees_with_the_plain_translation(text):
    # fold_width replaces character by character with a resuming search; the definition
    # is str.translate over the folding table
    from outline_cli.normalize.script import _FOLD, fold_width

    assert fold_width(text) == text.translate(_FOLD)


_spacey = st.sampled_from(" \u00a0\u3000\u2028\u2029\t\u200b\ufeff\n")


@SETTINGS
@given(st.lists(st.text(alphabet=st.one_of(_spacey, st.sampled_from("汉a，")), max_size=30), max_size=8))
def test_space_cleaning_agrees_with_the_regex_definition(lines):
    # odd spaces become spaces, runs of spaces one space, lines stripped: done with
    # substring replacement, defined here with the regexes it replaced
    import re

    from outline_cli.normalize.whitespace import clean_lines, clean_spaces

    def definition(text):
        return re.sub(" {2,}", " ", re.sub("[\u00a0\u3000\u2028\u2029\t\u200b\ufeff]", " ", text)).strip()

    assert [clean_spaces(t) for t in lines] == [definition(t) for t in lines]
    assert clean_lines(lines) == [definition(t) for t in lines]


@SETTINGS
@given(st.text(alphabet=st.sampled_from(" \u3000\xa0\t\n*#标题一。，"), max_size=20))
def test_heading_text_cleaning_agrees_with_the_regex_definition(text):
    # trailing spaces and Markdown marks go (str.rstrip in a loop; defined by the regex
    # it replaced), then the trailing punctuation the heading step trims
    import re

    from outline_cli.markers import _STRIP_END, clean_heading

    plain = re.sub(r"[\s*#]+$", "", text).strip()
    assert clean_heading(text) == (plain.rstrip(_STRIP_END).strip() or plain.strip())


@SETTINGS
@given(st.text(alphabet=st.sampled_from("。！？!?；;：:…」』”’）)，汉a"), min_size=1, max_size=30))
def test_sentence_end_test_of_wraps_agrees_with_the_regex_definition(tail):
    # a first line ending in a sentence end or closing quote is never joined to the next
    import re

    from outline_cli.normalize import wraps
    from outline_cli.markers import starts_with_marker

    first = "这是一个足够长的句子，用来测试换行是否应该接上，" + tail
    ends = re.search(r"[。！？!?；;：:…」』]$|[”’）)]$", first) is not None
    if ends:
        assert not wraps.should_join(first, "汉字继续", starts_with_marker)
    assert first.endswith(wraps._ENDS) == ends


@SETTINGS
@given(st.text(alphabet=st.one_of(st.sampled_from("。!?;！？；汉a "), st.characters()), max_size=40))
def test_sentence_end_presence_agrees_with_the_pattern(view):
    from outline_cli.chars import SENTENCE_END, has_sentence_end

    assert has_sentence_end(view) == (SENTENCE_END.search(view) is not None)


@SETTINGS
@given(st.lists(st.text(alphabet=st.one_of(st.sampled_from("浏览次数：１２３ 456_-，\n\ua66eＡa"), st.characters()),
                        max_size=30), max_size=8))
def test_line_keys_of_many_lines_are_each_lines_key(texts):
    # the joined pass (lines parted by a rare word character) must key each line as the
    # single-line definition does, whatever the lines hold
    from outline_cli.clean.repeats import line_key, line_keys

    assert line_keys(texts) == [line_key(t) for t in texts]


_gloss_pieces = st.sampled_from(["奔涌", "鄉", "(", "（", ")", "）", "bēnyǒng", "xiāng", "记者", " ", "一", "2024"])


@SETTINGS
@given(st.lists(st.lists(_gloss_pieces, max_size=8).map("".join), max_size=6))
def test_every_line_with_a_gloss_is_a_gloss_candidate(lines):
    # the step strips glosses only on the candidate lines: none may be missed
    from outline_cli.normalize.pinyin import lines_with_glosses, strip_glosses

    glossed = {i for i, t in enumerate(lines) if strip_glosses(t)[1]}
    assert glossed <= set(lines_with_glosses(lines))
