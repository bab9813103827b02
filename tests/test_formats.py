"""Outputs where clerks use them: 公文 outline text, DOCX with heading styles, OPML,
FreeMind, and Markdown that pandoc reads as the same tree."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SAMPLE_FILES, needs_corpus, run_cli, sample


def tree_from_json(path, *extra):
    data = json.loads(run_cli("-f", "json", *extra, str(path)).stdout)

    def walk(ss):
        return [(json_label(s), walk(s["children"])) for s in ss]
    return data["title"], walk(data["sections"])


def json_label(s) -> str:
    """The label the tree formats print, from the JSON fields (see emit.model.label)."""
    marker = s["marker"]
    return f"{marker} {s['heading']}" if marker and marker[-1] in "章节编篇分条" else marker + s["heading"]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_opml_parses_back_into_the_json_tree(path):
    root = ET.fromstring(run_cli("-f", "opml", str(path)).stdout)
    top = root.find("body/outline")

    def walk(node):
        return [(o.get("text"), walk(o)) for o in node.findall("outline")]
    title, sections = tree_from_json(path)
    assert root.findtext("head/title") == title
    assert (top.get("text"), walk(top)) == (title or "(无标题)", sections)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_freemind_parses_back_into_the_json_tree(path):
    root = ET.fromstring(run_cli("-f", "freemind", str(path)).stdout)
    assert root.tag == "map"
    top = root.find("node")

    def walk(node):
        return [(n.get("TEXT"), walk(n)) for n in node.findall("node")]
    title, sections = tree_from_json(path)
    assert (top.get("TEXT"), walk(top)) == (title, sections)


def test_docx_has_real_heading_styles_and_levels(tmp_path):
    from docx import Document as Word
    from docx.oxml.ns import qn

    target = tmp_path / "a.docx"
    res = run_cli("-f", "docx", "-o", str(target), str(sample("002")))
    assert res.returncode == 0
    word = Word(str(target))
    paras = [(p.style.name, p.text) for p in word.paragraphs if p.text]
    assert paras[0] == ("Title", "在全市乡镇(街道)党(工)委书记培训重点班上的发言")
    headings = [(int(style.split()[-1]), text) for style, text in paras if style.startswith("Heading")]
    title, sections = tree_from_json(sample("002"))
    expected = []

    def walk(nodes, level):
        for text, children in nodes:
            expected.append((level, text))
            walk(children, level + 1)
    walk(sections, 1)
    assert headings == expected
    h1 = word.styles["Heading 1"]
    assert h1.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    assert str(h1.font.color.rgb) == "000000"
    assert word.styles["Heading 2"].element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"


def test_docx_with_text_has_body_paragraphs_and_is_reproducible(tmp_path):
    from docx import Document as Word

    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    run_cli("-f", "docx", "--with-text", "-o", str(a), str(sample("000")))
    run_cli("-f", "docx", "--with-text", "-o", str(b), str(sample("000")))
    assert a.read_bytes() == b.read_bytes()
    texts = [p.text for p in Word(str(a)).paragraphs]
    i = texts.index("全面推进乡村振兴助推乡镇高质量发展")
    assert texts[i + 1].startswith("6月中旬,江西11个设区市")


def test_docx_refuses_a_terminal_and_several_inputs_to_stdout(tmp_path):
    res = run_cli("-f", "docx", str(sample("000")), str(sample("001")))
    assert res.returncode == 2 and b"--out-dir" in res.stderr
    out = tmp_path / "o"
    res = run_cli("-f", "docx", "--out-dir", str(out), str(sample("000")), str(sample("001")))
    assert res.returncode == 0 and len(list(out.glob("*.docx"))) == 2


def test_outline_text_is_renumbered_in_gbt9704_style():
    out = run_cli("-f", "outline", str(sample("002"))).stdout.decode().splitlines()
    assert out[0] == "在全市乡镇(街道)党(工)委书记培训重点班上的发言"
    assert "一、铸牢政治之魂,把准前行方向" in out
    assert "\u3000\u3000（二）以谋定向服务发展大局" in out  # 二是 becomes （二）, indented
    assert "五、恪守清廉之本树立良好形象" in out
    assert not any("一是" in line for line in out)


def test_outline_numbering_past_ten_and_deep_levels():
    from outline_cli.emit.outline import chinese_numeral, marker_for

    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert [marker_for(lv, 2) for lv in (1, 2, 3, 4, 5)] == ["二、", "（二）", "2.", "（2）", "②"]


def test_pandoc_reads_our_markdown_into_the_same_tree():
    pypandoc = pytest.importorskip("pypandoc")  # installed with the test extras
    md = run_cli("-f", "markdown", str(sample("002"))).stdout.decode()
    ast = json.loads(pypandoc.convert_text(md, "json", format="markdown"))
    heads = [(b["c"][0], pypandoc_plain(b["c"][2])) for b in ast["blocks"] if b["t"] == "Header"]
    title, sections = tree_from_json(sample("002"))
    expected = [(1, title)]

    def walk(nodes, level):
        for text, children in nodes:
            expected.append((level + 1, text))
            walk(children, level + 1)
    walk(sections, 1)
    assert heads == expected


def pypandoc_plain(inlines) -> str:
    out = []
    for node in inlines:
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif isinstance(node.get("c"), list):
            out.append(pypandoc_plain([c for c in node["c"] if isinstance(c, dict)]))
    return "".join(out)


def test_markup_in_headings_stays_text():
    text = "关于某事的通知\n\n一、<script>alert(1)</script>的处理\n这是一段足够长的正文，用来说明本节的内容。\n二、[点我](javascript:alert(1))\n这是一段足够长的正文，用来说明本节的内容。\n"
    md = run_cli("-f", "markdown", "-", input=text.encode()).stdout.decode()
    pypandoc = pytest.importorskip("pypandoc")
    ast = json.loads(pypandoc.convert_text(md, "json", format="markdown"))
    dumped = json.dumps(ast)
    assert '"Link"' not in dumped and '"RawInline"' not in dumped and '"RawBlock"' not in dumped
    heads = [pypandoc_plain(b["c"][2]) for b in ast["blocks"] if b["t"] == "Header"]
    assert heads[1:] == ["一、<script>alert(1)</script>的处理", "二、[点我](javascript:alert(1))"]
    opml = run_cli("-f", "opml", "-", input=text.encode()).stdout.decode()
    assert "<script>" not in opml
    assert ET.fromstring(opml).find("body/outline/outline").get("text") == "一、<script>alert(1)</script>的处理"


# -- the fast YAML writer must write exactly what PyYAML writes ------------------------------
def _pyyaml(data) -> str:
    import yaml

    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10_000)


@needs_corpus
def test_fast_yaml_equals_pyyaml_on_every_corpus_outline():
    from outline_cli import pipeline
    from outline_cli.config import Config
    from outline_cli.emit import yamlfast
    from outline_cli.emit.model import to_data

    config = Config(explain=True)
    ctx = pipeline.make_context(config)
    checked = 0
    for path in sorted(CORPUS.iterdir()):
        data = to_data(pipeline.run_bytes(path.read_bytes(), ctx, path.name), config, path.name)
        assert yamlfast.dump(data) == _pyyaml(data), path.name
        checked += 1
    assert checked >= 40


# strings built from the characters that decide YAML's quoting
_TRICKY = st.text(alphabet=list(" :#-?'\"“”中文a1.,[]{}&*!|>%@`~\t\n\x85\u2028\ufeff\u3000…+yNo0eE"),
                  max_size=12)
_KEYS = st.sampled_from(["title", "no", "yes", "null", "on", "text", "a_b", "y", "n", "True"])
_TREES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | _TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _TREES, min_size=1, max_size=4))
def test_fast_yaml_equals_pyyaml_or_steps_aside(data):
    from outline_cli.emit import yamlfast
    from outline_cli.emit.structured import dump_yaml

    try:
        fast = yamlfast.dump(data)
    except yamlfast.Unsupported:
        fast = None
    if fast is not None:
        assert fast == _pyyaml(data)
    assert dump_yaml(data) == _pyyaml(data)  # what users get, through either path


@pytest.mark.parametrize("value", ["", "2024-04-27", "2024-04-27 17:26:55", "2024-04-27 17:26", "2024-4-27",
                                   "1.", "(1)", "utf-8", "no", "a b", "一、总体要求"])
def test_fast_yaml_scalars_it_writes_itself_are_pyyaml_s(value):
    from outline_cli.emit import yamlfast

    data = {"title": value, "sections": [{"marker": value, "children": []}]}
    assert yamlfast.dump(data) == _pyyaml(data)


def test_fast_yaml_quotes_what_would_load_as_another_type():
    from outline_cli.emit import yamlfast

    data = {"title": "同志们:", "meta": {"date": "2024-04-27 17:26:55", "no": "no"},
            "sections": [{"heading": "一、总体要求", "children": []}], "warnings": []}
    text = yamlfast.dump(data)
    assert "'同志们:'" in text and "'2024-04-27 17:26:55'" in text and "'no': 'no'" in text
    import yaml

    assert yaml.safe_load(text) == data


@needs_corpus
def test_fast_json_equals_the_standard_library_on_every_corpus_outline():
    from outline_cli import pipeline
    from outline_cli.config import Config
    from outline_cli.emit import jsonfast
    from outline_cli.emit.model import to_data

    config = Config(explain=True, keywords=2)
    ctx = pipeline.make_context(config)
    for path in sorted(CORPUS.iterdir()):
        data = to_data(pipeline.run_bytes(path.read_bytes(), ctx, path.name), config, path.name)
        assert jsonfast.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2), path.name


_JSON_TREES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON_TREES)
def test_fast_json_equals_the_standard_library_on_generated_trees(data):
    from outline_cli.emit import jsonfast

    assert jsonfast.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
