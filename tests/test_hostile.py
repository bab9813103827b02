"""Hostile input: files and rule packs from strangers never reach outside the tool.
Every crafted file is made by the test itself."""
from __future__ import annotations

import io
import os
import socket
import time
import zipfile

import pytest

from conftest import run_cli, sample
from outline_cli.api import outline_bytes
from outline_cli.read import InputError

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求。"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/content-types"/>')


def _zip(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _refused(data: bytes, words: str, name: str = "x.docx", limit: float = 5.0) -> None:
    t = time.perf_counter()
    with pytest.raises(InputError, match=words):
        outline_bytes(data, name=name)
    assert time.perf_counter() - t < limit


def test_zip_bomb_docx_is_refused_quickly():
    bomb = _zip({"[Content_Types].xml": CONTENT_TYPES.encode(),
                 "word/document.xml": b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>"})
    assert len(bomb) < 1024 * 1024  # small on disk…
    _refused(bomb, "zip bomb|unpack")  # …huge unpacked: refused from the ZIP directory alone


def test_docx_with_external_entity_is_refused():
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
    _refused(_zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": xxe}), "DTD|entit")


def test_docx_with_billion_laughs_is_refused():
    lol = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + b"".join(
        f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">'.encode() for i in range(1, 9)) + \
        b']><w:document><w:body><w:p><w:r><w:t>&lol8;</w:t></w:r></w:p></w:body></w:document>'
    _refused(_zip({"[Content_Types].xml": CONTENT_TYPES.encode(), "word/document.xml": lol}), "DTD|entit")


def test_docx_with_missing_parts_is_refused():
    _refused(_zip({"word/styles.xml": b"<w:styles/>", "[Content_Types].xml": CONTENT_TYPES.encode()}),
             "missing word/document.xml")


def test_broken_docx_cli_message(tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(100))
    res = run_cli(str(bad))
    assert res.returncode == 1
    lines = res.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "broken.docx" in lines[0] and "docx" in lines[0]


def test_html_is_read_without_any_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    html = ('<!DOCTYPE html><html><head><link rel="stylesheet" href="http://evil.example/a.css">'
            '<script src="http://evil.example/a.js"></script></head><body>'
            '<img src="http://evil.example/pixel.gif"><iframe src="http://evil.example/"></iframe>'
            f'<h1>关于某事的通知</h1><p>{BODY}</p><p>一、总体要求</p><p>{BODY}</p><p>二、任务</p><p>{BODY}</p></body></html>')
    data = outline_bytes(html.encode(), name="p.html")
    assert data["title"] == "关于某事的通知"


def test_html_entities_are_not_expanded_beyond_html_own():
    html = ('<!DOCTYPE html [<!ENTITY big "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">]>'
            f'<html><body><h1>关于某事的通知</h1><p>&big;&big;&amp;{BODY}</p><p>{BODY}</p></body></html>')
    data = outline_bytes(html.encode(), name="p.html", format="text")
    assert data["title"] == "关于某事的通知"
    text = run_cli("-f", "text", "-", input=html.encode()).stdout.decode()
    assert "AAAAAAAA" not in text


def test_deeply_nested_html_does_not_overflow():
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + f"<h1>关于某事的通知</h1><p>{BODY}</p>" + "</div>" * depth + "</body></html>"
    t = time.perf_counter()
    data = outline_bytes(html.encode(), name="deep.html")
    assert data["title"] == "关于某事的通知"
    assert time.perf_counter() - t < 30


def test_out_dir_never_writes_outside(tmp_path):
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    outside.mkdir()
    src = tmp_path / "in" / "sub"
    src.mkdir(parents=True)
    (src / "a.txt").write_bytes(sample("000").read_bytes())
    # a crafted relative name and an absolute path both end up as out/<name>.yaml
    weird = tmp_path / "in" / ".." / "in" / "sub" / "a.txt"
    res = run_cli("--out-dir", str(out), str(weird), str((src / "a.txt").resolve()))
    assert res.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["a-2.yaml", "a.yaml"]
    # a symlinked folder inside --out-dir pointing elsewhere is refused, not followed
    out2 = tmp_path / "out2"
    out2.mkdir()
    (out2 / "sub").symlink_to(outside, target_is_directory=True)
    res = run_cli("-r", "--out-dir", str(out2), str(tmp_path / "in"))
    assert res.returncode == 1 and b"would leave --out-dir" in res.stderr
    assert list(outside.iterdir()) == []


def test_existing_symlink_in_out_dir_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "000_ff77cf427e535264.yaml").symlink_to(victim)
    res = run_cli("--out-dir", str(out), str(sample("000")))
    assert res.returncode == 0
    assert victim.read_text("utf-8") == "do not touch"
    made = out / "000_ff77cf427e535264.yaml"
    assert not made.is_symlink() and "title: 峡江新干两地主官" in made.read_text("utf-8")


def test_rule_pack_cannot_run_code(tmp_path):
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f"- id: x\n  pattern: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    res = run_cli("--rules", str(evil), str(sample("000")))
    assert res.returncode == 2 and not marker.exists()
    assert f"{evil}:" in res.stderr.decode()
