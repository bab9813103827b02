"""Start-up, throughput and memory of `outline`, each printed beside its floor.

    python benchmarks/bench.py [--quick]

Floors measured in the same run: a bare interpreter start, and a plain Python pass
over the same bytes (read, split lines, two regexes a line) — the practical ceiling
for any pure-Python pipeline — measured again just before each throughput figure,
which is printed as a fraction of it too (this VM's speed moves within one run).
Start-up numbers are medians; run on an idle machine.
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


def create_floor(folder: Path, count: int) -> float:
    """Seconds to create ``count`` small files in ``folder`` (the disk's own cost)."""
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    for i in range(count):
        (folder / f"f{i}.yaml").write_bytes(b"x" * 600)
    return time.perf_counter() - t


def make_small(folder: Path, count: int) -> int:
    """``count`` small files (the first ~1.5 KB of each corpus text, cut at a line end)."""
    sources = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else sorted((ROOT / "samples").glob("*.txt"))
    size = 0
    for i in range(count):
        text = sources[i % len(sources)].read_text("utf-8")[:1500]
        text = text[:text.rfind("\n") + 1] or text
        data = text.encode("utf-8")
        (folder / f"{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


def batch(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([OUTLINE, "--quiet", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - t


def fast_dir() -> str | None:
    """A memory file system for outputs, so the figures measure the tool, not the disk."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def main() -> None:
    quick = "--quick" in sys.argv
    runs = 5 if quick else 15
    print(f"outline: {OUTLINE}")
    bare = timed([sys.executable, "-c", "pass"], runs)
    print(f"bare interpreter start        {bare * 1000:7.1f} ms   (floor)")
    print(f"outline --help                {timed([OUTLINE, '--help'], runs) * 1000:7.1f} ms   (budget 100 ms)")
    one = timed([OUTLINE, str(SAMPLE)], runs)
    print(f"one 7 KB file, cold           {one * 1000:7.1f} ms   (+{(one - bare) * 1000:.0f} ms over the bare interpreter;"
          " budget 200 ms)")
    kw = timed([OUTLINE, "-k", "5", str(SAMPLE)], runs)
    print(f"one 7 KB file, --keywords 5   {kw * 1000:7.1f} ms   (+{(kw - one) * 1000:.0f} ms; budget +500 ms)")
    trad = ROOT / "samples" / "004_0973ed8eb3a363f4.txt"
    print(f"one traditional file, cold    {timed([OUTLINE, str(trad)], runs) * 1000:7.1f} ms")
    print(f"peak RSS, one file            {peak_rss_mb([OUTLINE, str(SAMPLE)]):7.1f} MB   (budget 150 MB)")
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory(dir=fast_dir()) as mem:
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = make_batch(folder, 5 if quick else 50)
        mb = size / 1024 / 1024
        files = len(list(folder.glob("*.txt")))
        floor = plain_pass(folder)
        print(f"plain read+regex pass         {mb / floor:7.1f} MB/s over {mb:.1f} MB, {files} files (floor)")

        def throughput(label: str, args: list[str]) -> None:
            # the floor is measured again just before each figure: this VM's speed moves
            # within one bench run (an absolute MB/s 1.3-2x between runs), so the budget is
            # the ratio, which is what can be compared across runs
            here = mb / plain_pass(folder)
            took = batch(args)
            print(f"{label:29s} {mb / took:7.1f} MB/s ({took:.1f} s; floor now {here:.0f} MB/s,"
                  f" 1/{here / (mb / took):.0f} of it)")

        for jobs in ("1", "2"):
            throughput(f"batch -j {jobs} to stdout (JSONL)", ["-j", jobs, "-f", "json", str(folder)])
        for jobs in ("1", "2"):
            throughput(f"batch -j {jobs} --out-dir (memory)", ["-j", jobs, "--out-dir", str(Path(mem) / f"out{jobs}"),
                                                            str(folder)])
        disk = create_floor(Path(tmp) / "floor", files)
        took = batch(["-j", "2", "--out-dir", str(Path(tmp) / "out"), str(folder)])
        print(f"batch -j 2 --out-dir (disk)   {mb / took:7.1f} MB/s ({took:.1f} s; creating {files} files"
              f" takes {disk:.1f} s here: floor)")
        throughput("batch -j 2 --keywords 5", ["-j", "2", "-k", "5", "-f", "json", str(folder)])
        small = Path(tmp) / "small"
        small.mkdir()
        small_mb = make_small(small, 2000) / 1024 / 1024
        for args, label in ((["-f", "json"], "to stdout"), (["--out-dir", str(Path(mem) / "small")], "--out-dir (memory)")):
            took = batch([*args, str(small)])
            print(f"2,000 small files, {label:18s} {took:5.2f} s ({small_mb:.1f} MB)  (budget 2 s)")
        disk = create_floor(Path(tmp) / "floor-small", 2000)
        took = batch(["--out-dir", str(Path(tmp) / "small-out"), str(small)])
        print(f"2,000 small files, --out-dir (disk) {took:5.2f} s (creating 2,000 files takes {disk:.2f} s here: floor)")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "0")
    main()
