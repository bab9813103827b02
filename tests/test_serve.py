"""``outline serve`` over plain HTTP: refusals (token, Host, Origin, limits), the same bytes
as the command line, one bad file among good ones, lazy imports, Ctrl-C."""
from __future__ import annotations

import http.client
import io
import json
import os
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, SAMPLE_FILES, run_cli, sample

from outline_cli.read import MAX_BYTES
from outline_cli.serve import server as server_mod
from outline_cli.serve.server import language, start


@pytest.fixture
def server():
    srv = start(0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.close()
    thread.join(5)


def request(srv, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            token: str | None = None):
    """(status, headers, body) of one request to the server (the real token unless given)."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    hdrs = {"Host": srv.host_header, **(headers or {})}
    conn.request(method, f"/{srv.token if token is None else token}/{path}", body=body, headers=hdrs)
    resp = conn.getresponse()
    out = resp.status, dict(resp.getheaders()), resp.read()
    conn.close()
    return out


def upload(srv, name: str, data: bytes) -> str:
    status, _, body = request(srv, "POST", "api/files", data, {"X-File-Name": quote(name)})
    assert status == 200, body
    return json.loads(body)["id"]


# -- refusals ------------------------------------------------------------------------------
def test_page_needs_the_token(server):
    assert request(server, "GET", "")[0] == 200
    for wrong in ("", "x" * len(server.token), server.token[:-1]):
        assert request(server, "GET", "", token=wrong)[0] == 403
    # the API as well, not just the page
    assert request(server, "POST", "api/files", b"abc", token="nope")[0] == 403
    assert server.store.files == {}


def test_a_foreign_host_header_is_refused(server):
    """DNS rebinding: evil.example resolving to 127.0.0.1 sends its own name as Host."""
    for host in ("evil.example", f"evil.example:{server.port}", f"localhost:{server.port + 1}", ""):
        status, _, body = request(server, "GET", "", headers={"Host": host})
        assert status == 403, host
        assert b"outline" not in body.lower() or b"forbidden" in body
    assert request(server, "GET", "", headers={"Host": f"127.0.0.1:{server.port}"})[0] == 200


def test_a_foreign_origin_is_refused(server):
    status, _, _ = request(server, "POST", "api/files", b"x", {"Origin": "http://evil.example"})
    assert status == 403
    assert server.store.files == {}
    assert request(server, "POST", "api/files", b"x", {"Origin": f"http://{server.host_header}"})[0] == 200


def test_binds_to_loopback_only(server):
    assert server.server_address[0] == "127.0.0.1"


def test_size_limit_is_the_command_lines(server):
    """Over read.MAX_BYTES: 413 before the body is read (the body is never sent here)."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    conn.putrequest("POST", f"/{server.token}/api/files", skip_host=True)
    conn.putheader("Host", server.host_header)
    conn.putheader("Content-Length", str(MAX_BYTES + 1))
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 413
    assert f"{MAX_BYTES // (1024 * 1024)} MB" in json.loads(resp.read())["error"]  # the CLI's message
    conn.close()
    assert server.store.files == {}


def test_count_limit(server, monkeypatch):
    monkeypatch.setattr(server_mod, "MAX_FILES", 2)
    upload(server, "a.txt", b"a")
    upload(server, "b.txt", b"b")
    status, _, body = request(server, "POST", "api/files", b"c", {"X-File-Name": "c.txt"})
    assert status == 413 and "at most 2" in json.loads(body)["error"]
    assert len(server.store.files) == 2


def test_temporary_files_are_removed(server):
    file_id = upload(server, "a.txt", sample("000").read_bytes())
    folder = Path(server.store.folder)
    assert len(list(folder.iterdir())) == 1
    assert request(server, "DELETE", f"api/files/{file_id}")[0] == 200
    assert list(folder.iterdir()) == []
    upload(server, "b.txt", b"b")
    server.store.close()
    assert not folder.exists()


def test_security_headers(server):
    _, headers, _ = request(server, "GET", "")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_only_the_pages_own_files_are_served(server):
    assert request(server, "GET", "static/app.js")[0] == 200
    for path in ("static/../__init__.py", "static/server.py", "static/index.html/..", "../etc/passwd"):
        assert request(server, "GET", path)[0] in (403, 404), path


def test_bad_options_are_refused(server):
    file_id = upload(server, "a.txt", sample("000").read_bytes())
    assert request(server, "GET", f"api/outline?id={file_id}&script=klingon")[0] == 400
    assert request(server, "GET", f"api/outline?id={file_id}&keywords=51")[0] == 400
    assert request(server, "GET", f"api/download?ids={file_id}&format=yaml")[0] == 400
    assert request(server, "GET", "api/outline?id=nosuch")[0] == 404


# -- the same engine -------------------------------------------------------------------------
CASES = [("docx", ()), ("markdown", ()), ("opml", ()), ("freemind", ()), ("outline", ()),
         ("docx", ("--script", "traditional", "-k", "3", "--with-text")),
         ("markdown", ("--with-text", "--script", "tw")), ("outline", ("-k", "2")),
         ("docx", ("--renumber",)), ("markdown", ("--renumber", "--script", "traditional"))]


def _query(flags: tuple[str, ...]) -> str:
    q = {"script": "keep", "keywords": "0"}
    it = iter(flags)
    for flag in it:
        if flag == "--script":
            q["script"] = next(it)
        elif flag == "-k":
            q["keywords"] = next(it)
        elif flag == "--with-text":
            q["with_text"] = "1"
        elif flag == "--renumber":
            q["renumber"] = "1"
    return "&".join(f"{k}={v}" for k, v in q.items())


@pytest.mark.parametrize("fmt,flags", CASES)
def test_download_is_byte_identical_to_the_cli(server, tmp_path, fmt, flags):
    path = sample("001")
    file_id = upload(server, path.name, path.read_bytes())
    status, headers, body = request(server, "GET", f"api/download?ids={file_id}&format={fmt}&{_query(flags)}")
    assert status == 200, body
    out = tmp_path / "cli.out"
    done = run_cli("-f", fmt, *flags, "-o", str(out), str(path))
    assert done.returncode == 0, done.stderr
    assert body == out.read_bytes()
    ext = {"docx": "docx", "markdown": "md", "opml": "opml", "freemind": "mm", "outline": "outline.txt"}[fmt]
    assert headers["Content-Disposition"].endswith(quote(f"{path.stem}.{ext}"))


def test_the_config_file_applies_as_for_the_cli(tmp_path, monkeypatch):
    """The user's config.toml: its rules reach the page's runs, its options preset the page."""
    from outline_cli.cli import main
    from outline_cli.serve.engine import options, user_defaults, view

    folder = tmp_path / "tigang"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "- id: my-test-line\n  category: other\n  scope: line\n  pattern: '^峡江新干两地主官'\n"
        "  action: drop\n  example: '峡江新干两地主官为新一届'\n", "utf-8")
    (folder / "config.toml").write_text('script = "traditional"\nkeywords = 2\nrenumber = true\n'
                                        'rules = "mine.yaml"\n', "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    base, initial = user_defaults(main)
    assert initial == {"script": "traditional", "keywords": 2, "renumber": True}
    path = sample("000")
    shown = view(path.read_bytes(), path.name, options({}, base))
    assert "my-test-line" in {r["rule"] for r in shown["removed"]}
    cli = json.loads(run_cli("-f", "json", "--explain", "--script", "keep", "-k", "0", str(path),
                             env={"XDG_CONFIG_HOME": str(tmp_path)}).stdout)
    assert shown["removed"] == cli["removed"] and shown["title"] == cli["title"]
    srv = start(0, base=base, initial=initial)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        page = request(srv, "GET", "")[2].decode()
        assert 'data-initial="{&quot;script&quot;: &quot;traditional&quot;, &quot;keywords&quot;: 2' in page
    finally:
        srv.shutdown()
        srv.close()


def test_a_broken_config_file_stops_serve_as_it_stops_the_cli(tmp_path):
    (tmp_path / "tigang").mkdir()
    (tmp_path / "tigang" / "config.toml").write_text("script = 'klingon'\n", "utf-8")
    done = run_cli("serve", "--no-browser", "--port", "0", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert done.returncode == 2
    assert b"config.toml" in done.stderr and b"script" in done.stderr


def test_view_matches_the_cli(server):
    """The tree shown is ``-f json --explain``; the copied 提纲 text is ``-f outline``."""
    path = sample("000")
    file_id = upload(server, path.name, path.read_bytes())
    status, _, body = request(server, "GET", f"api/outline?id={file_id}&script=traditional&keywords=2")
    assert status == 200, body
    view = json.loads(body)
    cli = json.loads(run_cli("-f", "json", "--explain", "--script", "traditional", "-k", "2", str(path)).stdout)
    assert view["title"] == cli["title"] and view["meta"] == cli["meta"] and view["removed"] == cli["removed"]

    def strip(sections):
        return [{k: v for k, v in s.items() if k not in ("number", "source_text")} | {"children": strip(s["children"])}
                for s in sections]
    assert strip(view["sections"]) == cli["sections"]
    assert view["outline"].encode() == run_cli("-f", "outline", "--script", "traditional", "-k", "2", str(path)).stdout
    assert view["text"].encode() == run_cli("-f", "text", "--script", "traditional", str(path)).stdout
    # each heading's source line is the input's line (before script conversion)
    lines = path.read_text("utf-8").split("\n")
    first = view["sections"][0]
    assert first["source_text"] == lines[first["line"] - 1]
    assert [s["number"] for s in view["sections"][:2]] == ["一、", "二、"]


def test_several_files_make_one_zip_as_out_dir_writes_them(server, tmp_path):
    paths = SAMPLE_FILES[:4]
    ids = [upload(server, p.name, p.read_bytes()) for p in paths]
    ids.append(upload(server, paths[0].name, paths[0].read_bytes()))  # the same name twice
    status, headers, body = request(server, "GET", f"api/download?ids={','.join(ids)}&format=markdown")
    assert status == 200
    assert headers["Content-Type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(body))
    names = zf.namelist()
    assert names == [f"{p.stem}.md" for p in paths] + [f"{paths[0].stem}-2.md"]
    assert {i.date_time for i in zf.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    # the CLI's batch of the same five inputs (a copy under another folder for the repeat)
    again = tmp_path / "again"
    again.mkdir()
    (again / paths[0].name).write_bytes(paths[0].read_bytes())
    out = tmp_path / "out"
    done = run_cli("-f", "markdown", "--out-dir", str(out), "--quiet", *map(str, paths), str(again / paths[0].name))
    assert done.returncode == 0, done.stderr
    for name in names:
        assert zf.read(name) == (out / name).read_bytes(), name
    # deterministic: the same request, the same bytes
    assert request(server, "GET", f"api/download?ids={','.join(ids)}&format=markdown")[2] == body


def test_one_bad_file_gets_its_error_and_the_others_still_work(server):
    good = upload(server, "good.txt", sample("002").read_bytes())
    bad = upload(server, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200))
    status, _, body = request(server, "GET", f"api/outline?id={bad}")
    assert status == 422
    error = json.loads(body)["error"]
    assert error.startswith("photo.txt: ") and "PNG" in error and "\n" not in error
    assert request(server, "GET", f"api/outline?id={good}")[0] == 200
    status, headers, body = request(server, "GET", f"api/download?ids={good},{bad}&format=outline")
    assert status == 200
    assert zipfile.ZipFile(io.BytesIO(body)).namelist() == [f"good.outline.txt"]
    assert "photo.txt" in headers["X-Outline-Failed"]
    # nothing good at all: the error, not an empty zip
    status, _, body = request(server, "GET", f"api/download?ids={bad}&format=docx")
    assert status == 422 and "PNG" in json.loads(body)["error"]


def test_names_cannot_climb_out_of_the_zip(server):
    file_id = upload(server, "..\\..//etc/passwd.txt", sample("000").read_bytes())
    status, _, body = request(server, "GET", f"api/outline?id={file_id}")
    assert json.loads(body)["name"] == "passwd.txt"


def test_pasted_text_is_utf8(server):
    text = "关于做好培训工作的通知\n一、总体要求\n（一）指导思想。坚持以人民为中心。\n二、工作安排\n"
    file_id = upload(server, "粘贴的文字.txt", text.encode("utf-8"))
    view = json.loads(request(server, "GET", f"api/outline?id={file_id}")[2])
    assert view["name"] == "粘贴的文字.txt"
    assert [s["heading"] for s in view["sections"]] == ["总体要求", "工作安排"]


@pytest.mark.parametrize("accept,lang", [(None, "zh"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
                                         ("en-US,en;q=0.9,zh-CN;q=0.8", "en"), ("fr,en;q=0.5", "en"),
                                         ("zh;q=0.5,en;q=0.9", "en"), ("de", "zh")])
def test_language_from_accept_language(accept, lang):
    assert language(accept) == lang


def test_page_language(server):
    _, _, zh = request(server, "GET", "", headers={"Accept-Language": "zh-CN,en;q=0.5"})
    _, _, en = request(server, "GET", "", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert b'<html lang="zh-CN">' in zh and b'<html lang="en">' in en


# -- the command ---------------------------------------------------------------------------
def _imported(*args: str) -> str:
    code = ("import runpy, sys, atexit\n"
            "atexit.register(lambda: sys.stderr.write('\\nMODS=' + ' '.join(sorted(sys.modules))))\n"
            f"sys.argv = ['outline', *{list(args)!r}]\n"
            "runpy.run_module('outline_cli', run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    return done.stderr.decode().rsplit("MODS=", 1)[-1]


@pytest.mark.parametrize("args", [("--help",), (str(SAMPLE_FILES[0]),)])
def test_the_command_line_does_not_import_the_server(args):
    mods = _imported(*args).split()
    assert "outline_cli.cli" in mods  # the probe saw the run
    assert not [m for m in mods if m.startswith("outline_cli.serve") or m in ("http.server", "webbrowser")]


def test_help_mentions_serve():
    assert b"outline serve" in run_cli("--help").stdout
    assert b"--no-browser" in run_cli("serve", "--help").stdout


@pytest.mark.parametrize("stop", [[signal.SIGINT], [signal.SIGINT, signal.SIGINT], [signal.SIGTERM]],
                         ids=["ctrl-c", "ctrl-c-twice", "sigterm"])
def test_serve_runs_and_stops_cleanly(tmp_path, stop):
    """--no-browser --port 0: prints the address; Ctrl-C (even twice) or SIGTERM stops it
    with exit 0 and removes the temporary folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen([sys.executable, "-m", "outline_cli", "serve", "--no-browser", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        line = proc.stdout.readline().decode()
        url = line.split()[2]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        req = urllib.request.Request(url + "api/files", data=b"hello", method="POST",
                                     headers={"X-File-Name": "a.txt"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            file_id = json.loads(resp.read())["id"]
        with urllib.request.urlopen(f"{url}api/outline?id={file_id}&keywords=2", timeout=60) as resp:
            assert resp.status == 200  # (the worker thread has run)
        assert len(list(tmp_path.glob("outline-serve-*/*"))) == 1
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.rsplit("/", 2)[0] + "/", timeout=30)
        assert refused.value.code == 403
        for signum in stop:
            proc.send_signal(signum)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert b"stopped" in out and b"Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_taken_port_is_a_usage_error(server):
    done = run_cli("serve", "--no-browser", "--port", str(server.port))
    assert done.returncode == 2
    assert b"cannot listen on 127.0.0.1:" in done.stderr


def test_the_page_script_never_writes_markup():
    """A guard beside the browser test: no innerHTML, outerHTML, insertAdjacentHTML or
    document.write anywhere in the page's script (comments aside), and no URL outside."""
    import re

    root = ROOT / "src" / "outline_cli" / "serve" / "static"
    code = "\n".join(line for line in (root / "app.js").read_text("utf-8").splitlines()
                     if not line.lstrip().startswith("//"))
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", code)
    for name in ("app.js", "index.html", "style.css"):
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", (root / name).read_text("utf-8")), name
