"""Emit: the outline as YAML, JSON, Markdown or the cleaned text.

输出：YAML / JSON / Markdown / 清理后的正文。每种格式一个小函数，按名字登记。
"""
from __future__ import annotations

from typing import Callable

from ..config import Config
from ..document import Document

Emitter = Callable[..., "str | bytes"]
BINARY = {"docx"}
#: Formats whose outputs cannot be joined on standard output (one whole document each).
WHOLE = {"docx", "opml", "freemind"}
EMITTERS: dict[str, Emitter] = {}
EXTENSIONS: dict[str, str] = {}


def register(name: str, extension: str):
    def deco(fn: Emitter) -> Emitter:
        EMITTERS[name] = fn
        EXTENSIONS[name] = extension
        return fn
    return deco


def emit(doc: Document, config: Config) -> str:
    return EMITTERS[config.format](doc, config)


from . import docx, markdown, mindmap, outline, structured, text  # noqa: E402,F401  (registration)
