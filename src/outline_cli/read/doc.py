"""Read a legacy Word .doc (Word 97–2003) or WPS .wps file through LibreOffice.

旧版 Word .doc / WPS .wps：已安装 LibreOffice 时，用它（soffice --headless --convert-to docx）
在临时文件夹里转成 .docx 再读（有时间限制）；未安装时给出一行提示。

There is no well-kept pure-Python reader of the binary Word format, and LibreOffice reads
it (and WPS's) as well as anything does, so the file is converted to .docx and read by
the .docx reader.  Each conversion uses its own LibreOffice profile in its own temporary
folder: a shared profile is locked by the first soffice that opens it, so parallel runs
(``-j``) and root (whose default profile LibreOffice may refuse) would fail.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import InputError
from .formats import Reading

#: Seconds one conversion may take.  A first start with a fresh profile takes 2–5 s on
#: a laptop; a 100-page .doc a few more.  A hung or hostile conversion is killed here.
CONVERT_TIMEOUT = 120

HINT = ("a legacy Word .doc file: open it in Word or WPS and save it as .docx (or .txt), "
        "or install LibreOffice so that outline converts it itself")


def soffice() -> str | None:
    """LibreOffice's command, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str = ".doc") -> bytes:
    """The .docx LibreOffice makes of these bytes; InputError when it is missing or fails."""
    command = soffice()
    if command is None:
        raise InputError(HINT)
    with tempfile.TemporaryDirectory(prefix="outline-doc-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        args = [command, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}", "--headless",
                "--norestore", "--nologo", "--convert-to", "docx:MS Word 2007 XML",
                "--outdir", str(Path(tmp) / "out"), str(source)]
        try:
            proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            raise InputError(f"{HINT} (LibreOffice did not start: {exc.strerror or exc})") from None
        try:
            proc.wait(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise InputError(f"LibreOffice did not convert this file within {CONVERT_TIMEOUT} s") from None
        target = Path(tmp) / "out" / "input.docx"
        if not target.is_file() or target.stat().st_size == 0:
            raise InputError("a legacy Word .doc file that LibreOffice could not convert (damaged?)")
        return target.read_bytes()


def _kill(proc: subprocess.Popen) -> None:
    """soffice starts a child (soffice.bin): end the whole session it leads."""
    try:
        os.killpg(proc.pid, 9)
    except (OSError, AttributeError):
        proc.kill()
    proc.wait()


def read(data: bytes, config) -> Reading:
    from . import docx

    converted = convert_to_docx(data)
    lines, facts = docx.parse(converted)
    if not lines:
        raise InputError("Word document has no text")
    return Reading("doc", lines=lines, facts=facts)
