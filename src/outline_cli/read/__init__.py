"""Read: bytes → text, with the encoding detected (or given) and line breaks unified.

读取：自动识别编码（UTF-8/UTF-16/GB18030/Big5 …），统一换行符。

Strict UTF-8 is tried first because it costs well under a millisecond and is
what most downloads are; only when it fails is charset-normalizer imported
(~16 ms), so the common run never pays for detection.
"""
from __future__ import annotations

import codecs
import re

from ..i18n import _

#: Inputs above this size are refused with a clear message (the model keeps the
#: whole text in memory; 64 MB of Chinese text is ~20 M characters).  Peak memory
#: for an input at the limit stays under ~1.5 GB (measured: benchmarks/bench.py).
MAX_BYTES = 64 * 1024 * 1024
#: Undecodable bytes up to this share of the input are replaced (U+FFFD) with a
#: warning; above it the encoding is wrong and the input is refused.
MAX_BAD_SHARE = 0.002


class InputError(Exception):
    """A problem with one input that the user must fix; the message is one line."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of files people drop into a folder of texts by mistake.
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document (save or export it as text first)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx/.xlsx is a ZIP too)"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls): save it as .txt or .docx"),
    (b"MZ", "a Windows executable"),
)


# -- what kind of file: cheap byte tests, here so that sniffing a plain text file does not
# import the HTML and Word readers (html.parser, zipfile: several ms per run) -------------
def is_docx(data: bytes) -> bool:
    """A Word .docx (a ZIP holding word/ parts)."""
    return data[:4] == b"PK\x03\x04" and b"word/" in data[:200_000]


def looks_like_html(data: bytes) -> bool:
    """A web page, by its first bytes."""
    head = data[:2048].lstrip()[:200].lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower() \
        or head.startswith((b"<!doctype html", b"<html"))


def _looks_binary(data: bytes) -> str | None:
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    head = data[:4096]
    # NUL bytes occur in text only as UTF-16/32; BOM-less UTF-16 is recognised below.
    if b"\x00" in head and not _utf16_without_bom(head):
        return "binary data (NUL bytes)"
    return None


def _textlike(text: str) -> float:
    ok = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return ok / max(1, len(text))


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as text (CJK text in
    UTF-16 has few NUL bytes, so count printable characters instead)."""
    if len(head) < 4 or b"\x00" not in head:
        return None
    head = head[: len(head) // 2 * 2]
    best, best_score = None, 0.0
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(name)
        except UnicodeDecodeError:
            continue
        score = _textlike(text)
        if score > best_score:
            best, best_score = name, score
    return best if best_score >= 0.97 else None


def _guess_encoding(data: bytes) -> str:
    """The encoding of bytes that are not UTF-8 and have no byte-order mark."""
    guess = _utf16_without_bom(data[:4096])
    if guess:
        return guess
    from charset_normalizer import from_bytes  # lazy: only for non-UTF-8 input

    best = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        name = _by_common_characters(data)
        if name is None:
            raise InputError(_("cannot tell the text encoding (try --encoding gb18030 or big5)"))
        return name
    name = best.encoding.replace("_", "-")
    # GBK text is a subset of GB18030; prefer the superset so no byte is lost.
    if name in ("gbk", "gb2312", "hz"):
        name = "gb18030"
    if name in ("big5hkscs", "cp950"):
        name = "big5hkscs"
    return name


def _by_common_characters(data: bytes) -> str | None:
    """The Chinese double-byte encoding under which the text reads as ordinary Chinese:
    most of its characters among the frequent ones (GBK bytes read as Big5 and the other
    way round give rare characters)."""
    from ..normalize.garbled import common_chars

    common = common_chars()
    best, best_share = None, 0.0
    for name in ("gb18030", "big5hkscs"):
        text = data[:200_000].decode(name, errors="replace")
        if text.count("\ufffd") > len(text) * MAX_BAD_SHARE + 1:
            continue  # stray bytes are tolerated (see decode), a wrong encoding is not
        han = [c for c in text if "\u3400" <= c <= "\u9fff"]
        share = sum(1 for c in han if c in common) / max(1, len(han))
        if share > best_share:
            best, best_share = name, share
    return best if best_share >= 0.9 else None


def readable_name(name: str) -> str:
    """A file name fit to print and to write into YAML/JSON.  A name that was not valid
    UTF-8 on disk (a GBK-named file from a Windows zip) reaches Python with surrogate
    escapes, which no output can encode: show it decoded as GB18030 when that reads, else
    with the bad bytes as \\x escapes.  (The path itself is kept for opening the file.)"""
    if not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    import os

    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def read_regular(path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them.

    Opened without blocking and checked before reading: a FIFO would block the open
    (or the read) for ever and a device such as /dev/zero never ends, so anything that
    is not a regular file is refused with one line.  At most ``limit + 1`` bytes are
    read whatever ``fstat`` says (a file that grows while it is read, /proc files that
    report size 0)."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(_("no such file")) from None
    except IsADirectoryError:
        raise InputError(_("is a folder")) from None
    except PermissionError:
        raise InputError(_("permission denied")) from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_("is a folder"))
        if not stat.S_ISREG(info.st_mode):
            raise InputError(_("not a regular file ({kind})").format(kind=_file_kind(info.st_mode)))
        if info.st_size > limit:
            raise too_big(info.st_size, limit)  # refused before reading: memory stays bounded
        chunks, size = [], 0
        want = min(limit + 1, info.st_size + 1)  # the whole file in one read, as a rule
        while size <= limit:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = min(limit + 1 - size, 1 << 20)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise too_big(size, limit)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _file_kind(mode: int) -> str:
    import stat

    for test, what in ((stat.S_ISFIFO, "a FIFO/named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "a special file"


#: Four Han characters in a row as UTF-8 (E4–E9 lead bytes): text written as UTF-8.  GBK
#: or Big5 bytes form such a run by chance almost never (each of the twelve bytes would
#: have to fall in UTF-8's narrow ranges), so a file holding one and failing UTF-8 as a
#: whole is UTF-8 with some lines in another encoding (pasted from an old file).
_UTF8_HAN_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){4}")
#: Line numbers listed in the mixed-encoding warning.
MIXED_SHOWN = 10


def _mixed_utf8(data: bytes) -> tuple[str, str, tuple[str, str]] | None:
    """UTF-8 text with some lines in GB18030 or Big5: ``(text, "utf-8", (kind, warning))``,
    each line decoded on its own, every line kept; UTF-8 with a few damaged bytes the same
    way (they become U+FFFD); None when the text is neither."""
    if _UTF8_HAN_RUN.search(data) is None:
        return None
    lines = data.split(b"\n")
    bad = []
    for i, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
    other = _by_common_characters(b"\n".join(lines[i] for i in bad))
    bad_set = set(bad)
    if other is None:  # not readable Chinese in another encoding either: damaged UTF-8?
        text = data.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        if replaced > max(1, len(data) * MAX_BAD_SHARE):
            return None
        return text, "utf-8", ("undecodable-bytes", f"{replaced} undecodable byte sequence(s) in utf-8 "
                                                    f"replaced by U+FFFD (line {bad[0] + 1})")
    texts = [line.decode(other, errors="replace") if i in bad_set else line.decode("utf-8")
             for i, line in enumerate(lines)]
    shown = ", ".join(str(i + 1) for i in bad[:MIXED_SHOWN]) + (" …" if len(bad) > MIXED_SHOWN else "")
    return "\n".join(texts), "utf-8", ("mixed-encoding",
                                       f"{len(bad)} line(s) not in UTF-8 read as {other}: line {shown}")


def too_big(size: int, limit: int = MAX_BYTES) -> InputError:
    return InputError(_("file is {size:.0f} MB; the limit is {limit} MB (split it first)").format(
        size=size / (1024 * 1024), limit=limit // (1024 * 1024)))


def decode(data: bytes, encoding: str | None = None, notes: list | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; line breaks become ``\\n``.

    Raises :class:`InputError` for empty, binary or undecodable input.  A few stray
    bytes in otherwise good text (a GBK file with a damaged character) are replaced
    with U+FFFD and reported in ``notes`` (as ``(kind, text)``) rather than refusing the
    whole file; control characters are dropped and reported the same way.
    """
    if len(data) > MAX_BYTES:
        raise too_big(len(data))
    if not data:
        raise InputError(_("file is empty"))
    text = None
    if encoding is None:
        what = _looks_binary(data)
        if what:
            raise InputError(_("not a text file: looks like {what}").format(what=what))
        encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
        if encoding is None:
            try:  # the common case, decoded once (not once to detect and once to read)
                text, encoding = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                mixed = _mixed_utf8(data)
                if mixed is not None:
                    text, encoding, note = mixed
                    if notes is not None:
                        notes.append(note)
                else:
                    encoding = _guess_encoding(data)
    try:
        if text is None:
            text = data.decode(encoding)
    except LookupError:
        raise InputError(_("unknown encoding {encoding!r}").format(encoding=encoding)) from None
    except UnicodeError as exc:
        if not isinstance(exc, UnicodeDecodeError):  # a codec that is no text encoding (idna)
            raise InputError(_("cannot decode as {encoding} (try --encoding)").format(encoding=encoding)) from None
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
        if bad > max(1, len(data) * MAX_BAD_SHARE):
            raise InputError(_("cannot decode as {encoding} at byte {start} (try --encoding)").format(
                encoding=encoding, start=exc.start)) from None
        if notes is not None:
            notes.append(("undecodable-bytes", f"{bad} undecodable byte sequence(s) in {encoding} "
                          f"replaced by U+FFFD (first at byte {exc.start})"))
    if text.startswith("\ufeff"):
        text = text[1:]
    # Universal newlines as the gold and most editors count them (U+2028/2029 are line
    # breaks too: pipeline.document_from_text splits at them).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from ..normalize.controls import drop_disallowed, warning

    text, dropped, line = drop_disallowed(text)
    if dropped and notes is not None:
        notes.append(("control-characters", warning(dropped, line)))
    if not text or text.isspace():
        raise InputError(_("has no text (only white space)"))
    return text, encoding
