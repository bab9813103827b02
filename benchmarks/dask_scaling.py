"""Throughput of `outline --dask` on a LocalCluster with 1 and 2 workers, beside the local pool.

    python benchmarks/dask_scaling.py [MB]      (default 10 MB built from ../shared/corpus)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import OUTLINE, make_batch


def run(cmd) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    from dask.distributed import LocalCluster

    mb_wanted = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        mb = make_batch(folder, mb_wanted) / 1024 / 1024
        files = len(list(folder.glob("*.txt")))
        print(f"batch: {files} files, {mb:.1f} MB")
        for jobs in (1, 2):
            took = run([OUTLINE, "--jobs", str(jobs), "--out-dir", str(Path(tmp) / f"pool{jobs}"), str(folder)])
            print(f"local pool, {jobs} process(es)   {mb / took:6.2f} MB/s  ({took:.1f} s)")
        for workers in (1, 2):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            try:
                took = run([OUTLINE, "--dask", cluster.scheduler_address, "--out-dir",
                            str(Path(tmp) / f"dask{workers}"), str(folder)])
            finally:
                cluster.close()
            print(f"Dask LocalCluster, {workers} worker(s) {mb / took:6.2f} MB/s  ({took:.1f} s)")
        same = all(
            (Path(tmp) / "pool1" / p.name).read_bytes() == p.read_bytes()
            for p in (Path(tmp) / "dask2").iterdir())
        print(f"Dask outputs identical to the local pool: {same}")
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
