"""Start-up, throughput and memory of `outline`, each printed beside its floor.

    python benchmarks/bench.py [--quick]

Floors measured in the same run: a bare interpreter start, and a plain Python pass
over the same bytes (read, split lines, two regexes a line) — the practical ceiling
for any pure-Python pipeline.  Numbers are medians; run on an idle machine.
Not a test: nothing here asserts; the budgets are in the README and issue notes.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE = ROOT / "samples" / "002_f2cd3f3992885587.txt"
OUTLINE = shutil.which("outline") or str(Path(sys.executable).parent / "outline")


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_rss_mb(cmd: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def make_batch(folder: Path, total_mb: float) -> int:
    """Copies of the corpus texts (and samples) until ``total_mb`` — many ordinary files."""
    sources = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else sorted((ROOT / "samples").glob("*.txt"))
    size, n = 0, 0
    while size < total_mb * 1024 * 1024:
        for src in sources:
            data = src.read_bytes()
            (folder / f"{n:05d}_{src.name}").write_bytes(data)
            size += len(data)
            n += 1
            if size >= total_mb * 1024 * 1024:
                break
    return size


def plain_pass(folder: Path) -> float:
    a, b = re.compile(r"^[一二三四五六七八九十]+、"), re.compile(r"ICP备|版权所有")
    t = time.perf_counter()
    hits = 0
    for p in sorted(folder.glob("*.txt")):
        for line in p.read_text("utf-8").split("\n"):
            hits += bool(a.match(line)) + bool(b.search(line))
    return time.perf_counter() - t


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 5 if quick else 15
    print(f"outline: {OUTLINE}")
    bare = timed([sys.executable, "-c", "pass"], runs)
    print(f"bare interpreter start        {bare * 1000:7.1f} ms   (floor)")
    print(f"outline --help                {timed([OUTLINE, '--help'], runs) * 1000:7.1f} ms   (budget 100 ms)")
    one = timed([OUTLINE, str(SAMPLE)], runs)
    print(f"one 7 KB file, cold           {one * 1000:7.1f} ms   (budget 200 ms)")
    kw = timed([OUTLINE, "-k", "5", str(SAMPLE)], runs)
    print(f"one 7 KB file, --keywords 5   {kw * 1000:7.1f} ms   (+{(kw - one) * 1000:.0f} ms; budget +500 ms)")
    trad = ROOT / "samples" / "004_0973ed8eb3a363f4.txt"
    print(f"one traditional file, cold    {timed([OUTLINE, str(trad)], runs) * 1000:7.1f} ms")
    print(f"peak RSS, one file            {peak_rss_mb([OUTLINE, str(SAMPLE)]):7.1f} MB   (budget 150 MB)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = make_batch(folder, 5 if quick else 50)
        mb = size / 1024 / 1024
        floor = plain_pass(folder)
        print(f"plain read+regex pass         {mb / floor:7.1f} MB/s over {mb:.1f} MB (floor)")
        out = Path(tmp) / "out"
        t = time.perf_counter()
        subprocess.run([OUTLINE, "--out-dir", str(out), str(folder)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        took = time.perf_counter() - t
        files = len(list(folder.glob("*.txt")))
        print(f"batch, one process            {mb / took:7.1f} MB/s ({files} files, {took:.1f} s)"
              f"  (budget 10 MB/s)")
        t = time.perf_counter()
        subprocess.run([OUTLINE, "-k", "5", "--out-dir", str(Path(tmp) / "out-kw"), str(folder)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        took = time.perf_counter() - t
        print(f"batch with --keywords 5       {mb / took:7.1f} MB/s ({files} files, {took:.1f} s)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "0")
    main()
