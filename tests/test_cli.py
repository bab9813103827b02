"""The CLI contract that scripts depend on: formats, stdin, exit codes, outputs, schema."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
import yaml

from conftest import SAMPLE_FILES, run_cli, sample

SCHEMA = json.loads(resources.files("outline_cli.data").joinpath("schema.json").read_text("utf-8"))


def _yaml(out: bytes):
    return yaml.safe_load(out.decode("utf-8"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_every_sample_gives_valid_yaml_and_json_that_agree(path):
    y = run_cli(str(path))
    j = run_cli("-f", "json", str(path))
    assert y.returncode == 0 and j.returncode == 0, y.stderr + j.stderr
    data_y, data_j = _yaml(y.stdout), json.loads(j.stdout)
    jsonschema.validate(data_y, SCHEMA)
    jsonschema.validate(data_j, SCHEMA)
    assert data_y == data_j  # yaml and json are the same tree
    assert data_y["title"] and data_y["sections"]


def test_yaml_round_trip_keeps_strings_that_look_like_other_types():
    from outline_cli.emit.structured import dump_yaml

    tricky = {"title": "同志们:", "meta": {"date": "2024-04-27 17:26:55", "author": "yes"},
              "sections": [{"heading": "1.0", "marker": "null", "level": 1, "line": 3,
                            "source": "body", "children": []}], "warnings": []}
    assert yaml.safe_load(dump_yaml(tricky)) == tricky


def test_meta_date_from_an_editor_line_loads_back_as_a_string():
    data = _yaml(run_cli(str(sample("001"))).stdout)
    assert data["meta"]["date"] == "2024-04-27 17:26:55"
    assert data["meta"]["editor"] == "郭昕玥" and data["meta"]["source"] == "香港商報網"


def test_yaml_keys_in_documented_order():
    out = run_cli(str(sample("002"))).stdout.decode()
    top = [ln.split(":")[0] for ln in out.splitlines() if ln and not ln.startswith((" ", "-"))]
    assert top == ["title", "meta", "sections", "warnings"]
    first = out.split("sections:\n", 1)[1].splitlines()[:6]
    assert [ln.strip("- ").split(":")[0] for ln in first] == ["heading", "marker", "level", "line", "source", "children"]


def test_stdin_dash_and_implicit_stdin_match_file_input():
    path = sample("000")
    from_file = run_cli("-f", "json", str(path))
    dash = run_cli("-f", "json", "-", input=path.read_bytes())
    implicit = run_cli("-f", "json", input=path.read_bytes())
    assert dash.returncode == implicit.returncode == 0
    assert json.loads(dash.stdout) == json.loads(implicit.stdout) == json.loads(from_file.stdout)


def test_markdown_is_a_heading_tree():
    out = run_cli("-f", "markdown", str(sample("002"))).stdout.decode()
    lines = [ln for ln in out.splitlines() if ln.startswith("#")]
    assert lines[0] == "# 在全市乡镇(街道)党(工)委书记培训重点班上的发言"
    assert lines[1] == "## 一、铸牢政治之魂,把准前行方向"
    assert lines[2] == "### 一是以学立身筑牢忠诚根基"
    assert sum(1 for ln in lines if ln.startswith("## ")) == 5
    assert sum(1 for ln in lines if ln.startswith("### ")) == 15
    assert "忠诚不是喊出来的" not in out  # body text only with --with-text


def test_markdown_with_text_puts_body_under_its_heading():
    out = run_cli("-f", "markdown", "--with-text", str(sample("000"))).stdout.decode()
    part = out.split("## 全面推进乡村振兴助推乡镇高质量发展", 1)[1]
    assert "乡镇处于连接城乡、承上启下的枢纽位置" in part
    assert "在其位当谋其政" not in part  # that paragraph belongs to the heading before


def test_text_format_is_title_then_clean_body():
    out = run_cli("-f", "text", str(sample("000"))).stdout.decode()
    lines = out.splitlines()
    assert lines[0] == "峡江新干两地主官为新一届乡镇领导班子授课" and lines[1] == ""
    assert "ICP" not in out and "http" not in out and "上一篇" not in out
    assert "火车跑得快,全靠车头带。" in out


def test_exit_1_when_one_input_fails_and_others_still_written(tmp_path):
    out_dir = tmp_path / "out"
    res = run_cli("--progress", "--out-dir", str(out_dir), str(sample("000")), str(tmp_path / "missing.txt"),
                  str(sample("001")))
    assert res.returncode == 1
    err = res.stderr.decode()
    assert "missing.txt: no such file" in err
    assert "2 done, 1 failed" in err
    assert sorted(p.name for p in out_dir.iterdir()) == [sample("000").stem + ".yaml", sample("001").stem + ".yaml"]


def test_usage_errors_exit_2():
    assert run_cli("-f", "pdf", str(sample("000"))).returncode == 2
    res = run_cli("-o", "x.yaml", str(sample("000")), str(sample("001")))
    assert res.returncode == 2 and b"one input" in res.stderr


def test_error_is_one_line_naming_the_file_without_traceback(tmp_path):
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    res = run_cli(str(png))
    assert res.returncode == 1
    err = res.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "picture.txt" in err[0] and "PNG" in err[0]
    assert b"Traceback" not in res.stderr


def test_output_option_writes_file_atomically_and_nothing_to_stdout(tmp_path):
    target = tmp_path / "o.json"
    res = run_cli("-f", "json", "-o", str(target), str(sample("004")))
    assert res.returncode == 0 and res.stdout == b""
    assert json.loads(target.read_text("utf-8"))["title"] == "在鄉鎮“第一書記”座談會上的講話"
    assert [p.name for p in tmp_path.iterdir()] == ["o.json"]  # no temp file left


def test_out_dir_never_overwrites_an_input(tmp_path):
    src = tmp_path / "speech.txt"
    original = sample("002").read_bytes()
    src.write_bytes(original)
    res = run_cli("-f", "text", "--out-dir", str(tmp_path), str(src))
    assert res.returncode == 0
    assert src.read_bytes() == original
    assert (tmp_path / "speech.outline.txt").read_text("utf-8").startswith("在全市乡镇")


def test_several_inputs_to_stdout_are_separate_documents():
    paths = [str(sample("000")), str(sample("001"))]
    y = run_cli(*paths)
    docs = list(yaml.safe_load_all(y.stdout.decode()))
    assert [d["file"] for d in docs] == paths
    j = run_cli("-f", "json", *paths)
    rows = [json.loads(line) for line in j.stdout.decode().splitlines()]
    assert [r["file"] for r in rows] == paths
    assert rows[0]["title"] == docs[0]["title"]


def test_schema_option_prints_the_shipped_schema():
    res = run_cli("--schema")
    assert json.loads(res.stdout) == SCHEMA


def test_explain_lists_removals_with_rule_and_line():
    res = run_cli("--explain", str(sample("000")))
    data = _yaml(res.stdout)
    by_line = {r["line"]: r for r in data["removed"]}
    assert by_line[63]["rule"] == "footer-icp" and by_line[63]["category"] == "footer"
    assert by_line[3]["category"] == "ad"
    assert "000_ff77cf427e535264.txt:63: removed [footer-icp/footer/drop]" in res.stderr.decode()
    assert "000_ff77cf427e535264.txt:7: title 峡江新干两地主官为新一届乡镇领导班子授课; evidence:" in res.stderr.decode()
    assert "removed" not in _yaml(run_cli(str(sample("000"))).stdout)


def test_same_input_same_bytes():
    a = run_cli("--explain", str(sample("003")))
    b = run_cli("--explain", str(sample("003")))
    assert a.stdout == b.stdout and a.stderr == b.stderr


def test_list_rules_and_steps():
    rules = run_cli("--list-rules").stdout.decode()
    assert "footer-icp" in rules and "paywall-omitted-chars" in rules
    steps = run_cli("--list-steps").stdout.decode().split()
    assert steps.index("pinyin-glosses") < steps.index("rules") < steps.index("headings") < steps.index("tree")


def test_broken_user_rule_file_is_a_usage_error_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: ok-rule\n  pattern: 'x'\n- id: broken\n  pattern: '(unclosed'\n", encoding="utf-8")
    res = run_cli("--rules", str(bad), str(sample("000")))
    assert res.returncode == 2
    assert f"{bad}:3:" in res.stderr.decode() and "regular expression" in res.stderr.decode()


def test_user_rule_removes_a_line_and_is_explained(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("- id: my-site-motto\n  category: footer\n  pattern: '火车跑得快'\n", encoding="utf-8")
    res = run_cli("-f", "text", "--rules", str(extra), str(sample("000")))
    assert "火车跑得快" not in res.stdout.decode()
    assert "伟大梦想不是等得来" in res.stdout.decode()


def test_script_option_converts_output():
    trad = run_cli("-f", "text", "--script", "traditional", str(sample("000"))).stdout.decode()
    assert "鄉鎮" in trad and "乡镇" not in trad
    simp = run_cli("--script", "simplified", str(sample("004")))
    data = _yaml(simp.stdout)
    assert data["title"] == "在乡镇“第一书记”座谈会上的讲话"
    assert data["meta"]["script"] == "traditional"  # meta.script says what the input was


def test_user_config_folder_rules_load_on_every_run(tmp_path):
    rules = tmp_path / "config" / "tigang" / "rules"
    rules.mkdir(parents=True)
    (rules / "mine.yaml").write_text("- id: my-motto\n  category: footer\n  pattern: '火车跑得快'\n  example: '火车跑得快'\n",
                                     encoding="utf-8")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = run_cli("-f", "text", str(sample("000")), env=env).stdout.decode()
    assert "火车跑得快" not in out and "伟大梦想不是等得来" in out
    assert "my-motto" in run_cli("--list-rules", env=env).stdout.decode()


def test_disable_takes_rule_ids_and_step_names():
    kept = run_cli("-f", "text", "--disable", "image-file-name", str(sample("001"))).stdout.decode()
    assert "0427_3.jpg" in kept
    no_title = json.loads(run_cli("-f", "json", "--disable", "title", str(sample("000"))).stdout)
    assert no_title["title"] == ""
    res = run_cli("--disable", "no-such-thing", str(sample("000")))
    assert res.returncode == 2 and b"no-such-thing" in res.stderr
