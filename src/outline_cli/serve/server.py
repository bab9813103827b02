"""The HTTP side of ``outline serve``: checks, uploads kept in a temporary folder, routes.

Routes, all below ``/TOKEN/``:

    GET    /TOKEN/                 the page (Chinese, or English when the browser asks for it first)
    GET    /TOKEN/static/NAME      its script and style sheet
    POST   /TOKEN/api/files        one file's bytes (name in X-File-Name, percent-encoded) → {id}
    DELETE /TOKEN/api/files/ID     forget it (its temporary file goes)
    GET    /TOKEN/api/outline?id=ID&script=…&keywords=…&with_text=1&renumber=1   → the view (JSON)
    GET    /TOKEN/api/download?ids=A,B&format=docx&…   → the file, or outline.zip for several

A refused request gets 403 (wrong Host, missing token), 413 (over a limit) or 400/404/422
with a one-line JSON ``{"error": …}``.
"""
from __future__ import annotations

import hmac
import html
import json
import os
import secrets
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from ..config import Config
from ..i18n import _
from ..read import MAX_BYTES, InputError, too_big
from . import engine

HOST = "127.0.0.1"
#: Files the page holds at once.  The command line has no count limit of its own (a folder
#: can hold thousands); a page is read by a person, and at MAX_BYTES each this bounds the
#: temporary folder.  Larger batches belong to ``outline --out-dir``.
MAX_FILES = 100
#: The page's own files (nothing else is served from the package).
STATIC = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}
#: No script, style, image or connection but the page's own (and blob: for downloads).
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Store:
    """Uploaded files in one temporary folder: id → (name, path, size).  Removed on close."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="outline-serve-")
        self.files: dict[str, tuple[str, str, int]] = {}
        self.lock = threading.Lock()

    def add(self, name: str, data: bytes) -> str:
        with self.lock:
            if len(self.files) >= MAX_FILES:
                raise LimitError(_("too many files: the page holds at most {limit}; remove some first").format(
                    limit=MAX_FILES))
            file_id = secrets.token_hex(8)
            fd, path = tempfile.mkstemp(dir=self.folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            self.files[file_id] = (name, path, len(data))
            return file_id

    def get(self, file_id: str) -> tuple[str, bytes]:
        with self.lock:
            entry = self.files.get(file_id)
        if entry is None:
            raise KeyError(file_id)
        name, path, _ = entry
        with open(path, "rb") as fh:
            return name, fh.read()

    def remove(self, file_id: str) -> bool:
        with self.lock:
            entry = self.files.pop(file_id, None)
        if entry is None:
            return False
        try:
            os.unlink(entry[1])
        except OSError:
            pass
        return True

    def close(self) -> None:
        with self.lock:
            self.files.clear()
        shutil.rmtree(self.folder, ignore_errors=True)


class LimitError(Exception):
    """Over the size or count limit (413)."""


def language(accept: str | None) -> str:
    """'en' when the browser lists English before Chinese, else 'zh'."""
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        if tag.startswith("en"):
            return "en"
        if tag.startswith("zh"):
            return "zh"
    return "zh"


def static_text(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


class Server(ThreadingHTTPServer):
    daemon_threads = True  # Ctrl-C never waits for an open connection

    def __init__(self, port: int, base: Config | None = None, initial: dict | None = None):
        super().__init__((HOST, port), Handler)
        self.base = base or Config()  # the config file's rules and user dictionary
        self.initial = initial or {}  # the config file's presets for the page's options
        self.port = self.server_address[1]
        self.token = secrets.token_urlsafe(18)
        self.host_header = f"{HOST}:{self.port}"
        self.store = Store()

    @property
    def url(self) -> str:
        return f"http://{self.host_header}/{self.token}/"

    def close(self) -> None:
        self.server_close()
        self.store.close()


def start(port: int, fixed: bool = True, base=None, initial: dict | None = None) -> Server:
    """A server on 127.0.0.1:port; with ``fixed`` False a taken port means any free one."""
    try:
        return Server(port, base, initial)
    except OSError:
        if fixed:
            raise
        return Server(0, base, initial)


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "outline-serve"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the request line holds the token: never printed

    # -- checks ---------------------------------------------------------------------------
    def _route(self) -> tuple[str, dict[str, str]] | None:
        """The path below the token and the query, or None after refusing the request."""
        if self.headers.get("Host") != self.server.host_header:
            self._error(403, "forbidden: wrong Host")
            return None
        parts = urlsplit(self.path)
        prefix, _, rest = parts.path.lstrip("/").partition("/")
        if not hmac.compare_digest(prefix.encode(), self.server.token.encode()):
            self._error(403, "forbidden: open the address that outline serve printed")
            return None
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{self.server.host_header}":
            self._error(403, "forbidden: another site")
            return None
        return rest, dict(parse_qsl(parts.query))

    # -- responses ------------------------------------------------------------------------
    def _send(self, status: int, body: bytes, media: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", CSP)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: int, message: str) -> None:
        self.close_connection = True  # a refused body may still be on its way: do not read it
        self._json(status, {"error": message})

    # -- methods --------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - http.server's names
        route = self._route()
        if route is None:
            return
        path, query = route
        if path in ("", "index.html"):
            lang = language(self.headers.get("Accept-Language"))
            page = static_text("index.html").decode("utf-8")
            page = page.replace('lang="zh-CN"', 'lang="en"' if lang == "en" else 'lang="zh-CN"', 1)
            page = page.replace("{{MAX_BYTES}}", str(MAX_BYTES)).replace("{{MAX_FILES}}", str(MAX_FILES))
            page = page.replace("{{INITIAL}}", html.escape(json.dumps(self.server.initial), quote=True))
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        elif path.startswith("static/") and path[7:] in STATIC:
            self._send(200, static_text(path[7:]), STATIC[path[7:]])
        elif path == "api/outline":
            self._outline(query)
        elif path == "api/download":
            self._download(query)
        else:
            self._error(404, "not found")

    def do_POST(self) -> None:  # noqa: N802
        route = self._route()
        if route is None:
            return
        path, _ = route
        if path != "api/files":
            self._error(404, "not found")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self._error(411, "Content-Length required")
            return
        size = int(length)
        if size > MAX_BYTES:
            self._error(413, str(too_big(size)))
            return
        name = _clean_name(unquote(self.headers.get("X-File-Name", "") or "") or "text.txt")
        data = self.rfile.read(size)
        if len(data) != size:
            self._error(400, "upload cut short; add the file again")
            return
        try:
            file_id = self.server.store.add(name, data)
        except LimitError as exc:
            self._error(413, str(exc))
            return
        self._json(200, {"id": file_id, "name": name, "size": size})

    def do_DELETE(self) -> None:  # noqa: N802
        route = self._route()
        if route is None:
            return
        path, _ = route
        if not path.startswith("api/files/"):
            self._error(404, "not found")
            return
        gone = self.server.store.remove(path[len("api/files/"):])
        self._json(200 if gone else 404, {"removed": gone})

    # -- the work ---------------------------------------------------------------------------
    def _config_and_files(self, query: dict[str, str], ids: list[str]):
        """The options and the stored files a request names, or None once the error (400 bad
        option, 404 unknown file) is sent."""
        try:
            config = engine.options(query, self.server.base)
            files = [self.server.store.get(i) for i in ids]
            if not files:
                raise KeyError("")
        except engine.OptionError as exc:
            self._error(400, str(exc))
            return None
        except KeyError:
            self._error(404, "no such file (the server was restarted?): add it again")
            return None
        return config, files

    def _outline(self, query: dict[str, str]) -> None:
        asked = self._config_and_files(query, [query.get("id", "")])
        if asked is None:
            return
        config, [(name, data)] = asked
        try:
            self._json(200, engine.view(data, name, config))
        except InputError as exc:
            self._json(422, {"error": f"{name}: {exc}", "name": name})

    def _download(self, query: dict[str, str]) -> None:
        asked = self._config_and_files(query, [i for i in query.get("ids", "").split(",") if i])
        if asked is None:
            return
        config, files = asked
        try:
            name, body, failures = engine.render(files, config, query.get("format", ""))
        except engine.OptionError as exc:
            self._error(400, str(exc))
            return
        except InputError as exc:
            self._json(422, {"error": str(exc)})
            return
        media = engine.MEDIA_TYPES["zip" if name.endswith(".zip") else query["format"]]
        extra = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
        if failures:  # the zip holds the others; the page already shows each file's error
            extra["X-Outline-Failed"] = quote("; ".join(f"{n}: {e}" for n, e in failures))
        self._send(200, body, media, extra)


def _clean_name(name: str) -> str:
    """A display name: its last path part, without control characters, not too long."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip() or "text.txt"
    return name[-120:]


__all__ = ["Server", "start", "MAX_FILES", "MAX_BYTES", "LimitError"]
