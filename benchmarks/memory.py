"""Peak memory (RSS) of `outline` on big inputs: a generated 50 MB single-line file (a whole
book pasted as one line), the same bytes as ordinary lines, and a file at the 64 MB limit.

    python benchmarks/memory.py [FORMAT ...]      (default: yaml text)

Each run is a fresh process; its peak RSS is read from the kernel (``os.wait4``'s
rusage, the same figure as ``/usr/bin/time -v``'s "Maximum resident set size").  The
inputs are generated (deterministic: the same bytes every run) in a temporary folder.
Not a test: nothing here asserts; the budget (400 MB for 50 MB, issue 23) is in the README.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUTLINE = shutil.which("outline") or str(Path(sys.executable).parent / "outline")
# ordinary Chinese prose with sentence ends (what a pasted speech is made of)
SENTENCES = ("这是一段足够长的正文，用来说明本节的具体内容和工作要求。",
             "我们必须坚持以人民为中心的发展思想，统筹发展和安全！",
             "各地区各部门要结合实际认真贯彻落实，确保各项任务落到实处；",
             "会议指出，要进一步加强组织领导，压实工作责任。")


def make(path: Path, megabytes: float, one_line: bool) -> int:
    """``megabytes`` of UTF-8 text: one line, or a sentence (~25 characters) a line."""
    target = int(megabytes * 1024 * 1024)
    unit = "".join(SENTENCES)
    if not one_line:
        unit = "\n".join(SENTENCES) + "\n"
    data = (unit.encode("utf-8") * (target // len(unit.encode("utf-8")) + 1))[:target]
    data = data[:len(data.decode("utf-8", errors="ignore").encode("utf-8"))]  # whole characters
    path.write_bytes(data)
    return len(data)


def peak_rss_mb(cmd: list[str]) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of one fresh process."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.perf_counter() - t, proc.returncode


def main(formats: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("50 MB, one line", 50, True), ("50 MB, a sentence a line", 50, False),
                 ("64 MB (the limit), one line", 64 - 0.01, True)]
        for label, mb, one_line in cases:
            path = Path(tmp) / f"{label.split(',')[0].replace(' ', '')}-{one_line}.txt"
            size = make(path, mb, one_line)
            for fmt in formats:
                rss, took, code = peak_rss_mb([OUTLINE, "-f", fmt, str(path)])
                print(f"{label:29s} -f {fmt:8s} peak RSS {rss:6.0f} MB  ({size / 1024 / 1024:.1f} MB in, "
                      f"{took:.1f} s, exit {code})", flush=True)
            path.unlink()


if __name__ == "__main__":
    main(sys.argv[1:] or ["yaml", "text"])
