"""Python API: the same data as ``outline -f json``.

Python 接口：返回与 ``outline -f json`` 相同的数据。

    >>> from outline_cli.api import outline_text
    >>> outline_text("关于某事的通知\\n一、总体要求\\n（一）指导思想。坚持以人民为中心。")["sections"][0]["heading"]
    '总体要求'

Options are the fields of :class:`outline_cli.config.Config` (``script``,
``explain``, ``keywords``, ``rules`` …), given as keywords or as a ``config``.
The functions are pure and picklable (a Dask or multiprocessing worker can call
them); the only state they keep is what they load lazily and never change: the
compiled rules per configuration, OpenCC converters and the keyword dictionaries.
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
    """Outline a text already decoded (``meta.encoding`` is then ``unicode``)."""
    config = (config or Config()).but(**options) if options else (config or Config())
    doc = run_text(text, _context(config))
    doc.meta.setdefault("encoding", "unicode")
    return to_data(doc, config)


def outline_bytes(data: bytes, name: str | None = None, config: Config | None = None,
                  **options) -> dict[str, Any]:
    """Outline raw bytes (any encoding, HTML, DOCX); ``name`` helps tell the format and
    becomes ``file`` in the result."""
    config = (config or Config()).but(**options) if options else (config or Config())
    doc = run_bytes(data, _context(config), name or "<bytes>")
    return to_data(doc, config, name)


def outline_file(path: str | Path, config: Config | None = None, **options) -> dict[str, Any]:
    """A local path or an fsspec URL (``s3://…`` with the matching backend installed).

    Raises :class:`outline_cli.read.InputError` for a file that cannot be outlined."""
    from .batch import read_any

    return outline_bytes(read_any(str(path)), str(path), config, **options)
