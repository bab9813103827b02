"""The input formats: one registration each (name, file extensions, a byte sniff, a reader).

输入格式登记表：每种格式登记一次——名字、扩展名、按内容识别的函数、读取模块。
新增一种输入格式 = 一个 read/ 下的读取模块 + 这里的一行登记；文件夹扫描的扩展名也来自这里。

A reader is named as ``"module:function"`` below this package and imported only when a
file of its format is read, so a one-file text run never imports the PDF, Word or HTML
readers.  It is called as ``reader(data, config)`` and returns a :class:`Reading`.

Detection order: the first format whose sniff accepts the bytes (and the name) wins;
failing that, the format whose extension the name has (case-insensitively); failing
that, text.  Content beats the name because downloads are often misnamed (an HTML error
page saved as ``.pdf``).
"""
from __future__ import annotations

from importlib import import_module
from typing import Callable

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Line


class Reading:
    """What a reader gives the pipeline: either flat ``text`` (run through every text
    step) or ``lines`` (blocks of a structured input, each a paragraph already), plus the
    input's own facts (page title, author …), what the reader itself took out
    (``removed``: (line, rule, category, text)) and public meta it knows (document_number).

    (A plain class, not a dataclass: building a dataclass costs ~0.5 ms at import, and
    every text run imports this module.)"""

    __slots__ = ("encoding", "text", "lines", "facts", "notes", "removed", "meta")

    def __init__(self, encoding: str, text: str | None = None, lines: list[Line] | None = None,
                 facts: dict | None = None, notes: list[str] | None = None,
                 removed: list[tuple[int, str, str, str]] | None = None, meta: dict | None = None):
        self.encoding, self.text, self.lines = encoding, text, lines
        self.facts, self.notes = facts or {}, notes or []
        self.removed, self.meta = removed or [], meta or {}


class Format:
    """One input format: its name, extensions (lower case, with the dot), a sniff
    ``(first bytes, lower-case name) -> bool``, its reader ``"module:function"`` below
    outline_cli.read (imported when needed), and the text steps its blocks skip."""

    __slots__ = ("name", "extensions", "sniff", "reader", "skip_steps")

    def __init__(self, name: str, extensions: tuple[str, ...], sniff: Callable[[bytes, str], bool],
                 reader: str, skip_steps: frozenset = frozenset()):
        self.name, self.extensions, self.sniff = name, extensions, sniff
        self.reader, self.skip_steps = reader, skip_steps

    def read(self, data: bytes, config) -> Reading:
        module, func = self.reader.split(":")
        return getattr(import_module(f".{module}", __package__), func)(data, config)


#: Steps that only make sense for flat text (blocks are not wrapped lines).
BLOCKS = frozenset({"fixed-width-unwrap", "hard-wraps", "front-matter"})
#: An authored document (Word) has no site around it to cut away at the edges.
AUTHORED = BLOCKS | {"edges"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy Office (Word 97–2003 .doc, WPS .wps, .xls …)


def _never(data: bytes, name: str) -> bool:
    return False


def _is_doc(data: bytes, name: str) -> bool:
    return data[:4] == OLE_MAGIC and name.endswith((".doc", ".wps", ".dot", ".wpt"))


def _is_docx(data: bytes, name: str) -> bool:
    from . import is_docx

    return is_docx(data)


def _is_pdf(data: bytes, name: str) -> bool:
    # the header may follow up to 1 KB of junk (PDF 1.7, annex H)
    return b"%PDF-" in data[:1024]


def _is_mhtml(data: bytes, name: str) -> bool:
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def _is_xml(data: bytes, name: str) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<opml", b"<map ", b"<map>")) and b"<html" not in data[:4096].lower()


def _is_html(data: bytes, name: str) -> bool:
    from . import looks_like_html

    return looks_like_html(data)


FORMATS: list[Format] = [
    Format("doc", (".doc", ".wps"), _is_doc, "doc:read", AUTHORED),
    Format("docx", (".docx",), _is_docx, "docx:read", AUTHORED),
    Format("pdf", (".pdf",), _is_pdf, "pdf:read", BLOCKS),
    Format("mhtml", (".mhtml", ".mht"), _is_mhtml, "mhtml:read", BLOCKS),
    Format("html", (".html", ".htm", ".xhtml", ".shtml"), _is_html, "html:read", BLOCKS),
    # not a text to outline: an OPML/FreeMind outline (outline's own output) or other
    # XML data is refused with one line, never outlined as markup (no extensions: a
    # folder scan does not pick these up)
    Format("xml", (), _is_xml, "text:refuse_xml"),
    Format("text", (".txt",), _never, "text:read"),
]
BY_NAME = {f.name: f for f in FORMATS}


def detect(data: bytes, name: str) -> Format:
    lower = name.lower()
    for fmt in FORMATS:
        if fmt.sniff(data, lower):
            return fmt
    for fmt in FORMATS:
        if lower.endswith(fmt.extensions):
            return fmt
    return BY_NAME["text"]


def folder_extensions() -> tuple[str, ...]:
    """What a folder scan picks up (compared case-insensitively: .TXT, .PDF)."""
    return tuple(ext for fmt in FORMATS for ext in fmt.extensions)


def format_names() -> str:
    """".txt/.docx/.pdf …" for messages: each format's main extension, text first."""
    return "/".join(sorted((fmt.extensions[0] for fmt in FORMATS if fmt.extensions), key=lambda e: e != ".txt"))
