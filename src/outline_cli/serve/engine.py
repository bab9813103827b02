"""The page's work: the same pipeline and emitters as the command line, nothing of its own.

网页版的处理：与命令行完全相同的流水线和输出函数，下载的文件与 ``outline -f 格式`` 逐字节相同。

A download of one file is :func:`outline_cli.batch.process` — what ``outline -f FMT FILE``
runs — and several files are :func:`outline_cli.batch.outcomes` over the batch, what
``outline -f FMT --out-dir DIR FILE…`` runs (so furniture repeated across the files goes,
as it does there), packed into one zip.  The view of one file is that file alone (``outline
--explain -f json FILE``) with the cleaned text and the 提纲 text of the same run.
"""
from __future__ import annotations

import dataclasses
import io
import queue
import threading
import zipfile
from concurrent.futures import Future
from pathlib import PurePath
from typing import Any

from ..batch import outcomes, process
from ..config import SCRIPTS, Config
from ..document import iter_headings
from ..emit import EMITTERS, EXTENSIONS
from ..emit.model import to_data
from ..emit.outline import marker_for
from ..pipeline import make_context, run_bytes
from ..read import InputError

#: What the page offers to download: Word, Markdown, OPML, FreeMind and the 提纲 text.
DOWNLOADS = ("docx", "markdown", "opml", "freemind", "outline")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "markdown": "text/markdown; charset=utf-8",
    "opml": "text/x-opml; charset=utf-8",
    "freemind": "application/x-freemind; charset=utf-8",
    "outline": "text/plain; charset=utf-8",
    "zip": "application/zip",
}
#: Zip entries carry this time, not the clock's: the same files give the same zip.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
#: The keyword count the command line accepts (``-k`` is click.IntRange(0, 50)).
MAX_KEYWORDS = 50

# All outlining runs on one worker thread, one run at a time: the compiled contexts are
# shared, a batch sets ``repeated`` on its context, and some state the pipeline keeps is
# tied to the thread that made it (the keyword IDF table's SQLite connection).  A clerk's
# page sends a handful of requests, so nothing waits long.
_CONTEXTS: dict[Config, Any] = {}


class _Worker:
    """One daemon thread running jobs in order (a ThreadPoolExecutor's thread is joined at
    exit: Ctrl-C would wait for a long file to finish)."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, name="outline-serve", daemon=True).start()

    def _run(self) -> None:
        while True:
            fn, args, future = self.jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting request
                future.set_exception(exc)

    def call(self, fn, *args):
        future: Future = Future()
        self.jobs.put((fn, args, future))
        return future.result()


_WORKER: _Worker | None = None
_WORKER_LOCK = threading.Lock()


def _on_worker(fn, *args):
    global _WORKER
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = _Worker()
    return _WORKER.call(fn, *args)


class OptionError(ValueError):
    """A request option out of range (the page never sends one)."""


def _renumber_supported() -> bool:
    return any(f.name == "renumber" for f in dataclasses.fields(Config))


#: The page's options that the user's config file may preset (its key → click's name).
PAGE_OPTIONS = {"script": "script", "keywords": "keywords", "with_text": "with_text", "renumber": "renumber"}


def user_defaults(command) -> tuple[Config, dict[str, Any]]:
    """What the user's config file (``config.toml``) gives ``command`` (the ``outline``
    command, whose options say what the file may set): the base Config (its extra rules and
    user dictionary) and the page's initial options.  No command: no defaults.

    Raises userconfig.ConfigFileError for a file that cannot be used, as the CLI does."""
    if command is None:
        return Config(), {}
    from ..userconfig import read_defaults

    found = read_defaults(command)
    base = Config(rules=tuple(found.get("rule_paths") or ()), user_dict=found.get("user_dict"))
    return base, {key: found[name] for key, name in PAGE_OPTIONS.items() if name in found}


def options(query: dict[str, str], base: Config | None = None) -> Config:
    """The Config the command line would build from the page's options over ``base``.

    ``script`` (keep/simplified/traditional/hk/tw), ``keywords`` (0–50), ``with_text`` and
    ``renumber`` ("1" = on).  ``renumber`` reaches the Config only when the command line
    has it (``--renumber``); the page's tree and the 提纲 text are renumbered either way."""
    script = query.get("script", "keep")
    if script not in SCRIPTS:
        raise OptionError(f"unknown script {script!r}")
    try:
        keywords = int(query.get("keywords", "0") or 0)
    except ValueError:
        raise OptionError("keywords must be a number") from None
    if not 0 <= keywords <= MAX_KEYWORDS:
        raise OptionError(f"keywords must be 0–{MAX_KEYWORDS}")
    changes: dict[str, Any] = {"script": script, "keywords": keywords,
                               "with_text": query.get("with_text") == "1"}
    if _renumber_supported():
        changes["renumber"] = query.get("renumber") == "1"
    return (base or Config()).but(**changes)


def _context(config: Config):
    ctx = _CONTEXTS.get(config)
    if ctx is None:
        ctx = _CONTEXTS[config] = make_context(config)
    ctx.repeated = frozenset()  # one file alone: no batch furniture
    return ctx


def _numbered(sections: list[dict], depth: int = 1) -> None:
    """Each section's GB/T 9704 number by its depth (as ``-f outline`` renumbers)."""
    for n, s in enumerate(sections, 1):
        s["number"] = marker_for(depth, n)
        _numbered(s["children"], depth + 1)


def view(data: bytes, name: str, config: Config) -> dict[str, Any]:
    return _on_worker(_view, data, name, config)


def _view(data: bytes, name: str, config: Config) -> dict[str, Any]:
    """What the page shows for one file: the outline data (``-f json --explain``) plus each
    heading's source line, the cleaned text (``-f text``) and the 提纲 text (``-f outline``).

    Raises InputError (one line) for a file that cannot be outlined."""
    config = config.but(format="json", explain=True)
    try:
        doc = run_bytes(data, _context(config), name)
    except (InputError, KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - as batch.process: one line, never a traceback
        raise InputError(f"internal error ({type(exc).__name__}: {exc}); please report this file") from None
    out = to_data(doc, config)
    out["text"] = EMITTERS["text"](doc, config)
    out["outline"] = EMITTERS["outline"](doc, config)
    sources = {h.line: doc.source[h.line - 1] for h in iter_headings(doc.sections)
               if 0 < h.line <= len(doc.source)}

    def source_lines(sections):
        for s in sections:
            s["source_text"] = sources.get(s["line"], "")
            source_lines(s["children"])
    source_lines(out["sections"])
    _numbered(out["sections"])
    out["name"] = name
    out["renumber_in_downloads"] = _renumber_supported()
    return out


def file_name(name: str, fmt: str) -> str:
    """The output name the command line's --out-dir gives: stem.<ext>."""
    return f"{stem(name)}.{EXTENSIONS[fmt]}"


def stem(name: str) -> str:
    return PurePath(name.replace("\\", "/")).stem or "stdin"


def render(files: list[tuple[str, bytes]], config: Config, fmt: str) -> tuple[str, bytes, list[tuple[str, str]]]:
    """(download name, bytes, failures) for one file (its output) or several (a zip of the
    outputs, named and ordered as ``--out-dir`` writes them).  Failures are (name, error);
    raises InputError when nothing could be made."""
    if fmt not in DOWNLOADS:
        raise OptionError(f"unknown format {fmt!r}")
    results = _on_worker(_outcomes, files, config.but(format=fmt))
    failures = [(r.name, r.error) for r in results if r.error is not None]
    done = [r for r in results if r.error is None]
    if not done:
        raise InputError("; ".join(f"{n}: {e}" for n, e in failures))
    if len(files) == 1:
        return file_name(files[0][0], fmt), done[0].data, failures
    return "outline.zip", _zip([(stem(r.name), r.data) for r in done], EXTENSIONS[fmt]), failures


def _outcomes(files: list[tuple[str, bytes]], config: Config) -> list:
    ctx = make_context(config)  # a fresh one: a batch sets its own ``repeated``
    if len(files) == 1:
        name, data = files[0]
        return [process(name, None, data, None, ctx=ctx)]
    jobs_in = [(name, None, data, name) for name, data in files]
    return list(outcomes(jobs_in, config, ctx, 1, repeats=True))


def _zip(entries: list[tuple[str, bytes]], ext: str) -> bytes:
    """Entries stem.<ext> in the given order, at a fixed time; a repeated stem gets -2, -3
    (as --out-dir names them)."""
    buf = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for base, data in entries:
            unique, n = f"{base}.{ext}", 2
            while unique in taken:
                unique = f"{base}-{n}.{ext}"
                n += 1
            taken.add(unique)
            info = zipfile.ZipInfo(unique, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()
