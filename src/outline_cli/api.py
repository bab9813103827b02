"""Python API: the same data as ``outline -f json``.

Python 接口：返回与 ``outline -f json`` 相同的数据。

    >>> from outline_cli.api import outline_text
    >>> outline_text("一、总体要求\\n（一）指导思想。坚持……")["sections"][0]["heading"]
    '总体要求'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .config import Config
from .emit.model import to_data
from .pipeline import make_context, run_bytes, run_text


@lru_cache(maxsize=8)
def _context(config: Config):
    return make_context(config)


def outline_text(text: str, config: Config | None = None, **options) -> dict[str, Any]:
    config = (config or Config()).but(**options) if options else (config or Config())
    doc = run_text(text, _context(config))
    doc.meta.setdefault("encoding", "unicode")
    return to_data(doc, config)


def outline_bytes(data: bytes, name: str | None = None, config: Config | None = None,
                  **options) -> dict[str, Any]:
    config = (config or Config()).but(**options) if options else (config or Config())
    doc = run_bytes(data, _context(config), name or "<bytes>")
    return to_data(doc, config, name)


def outline_file(path: str | Path, config: Config | None = None, **options) -> dict[str, Any]:
    return outline_bytes(Path(path).read_bytes(), str(path), config, **options)
