"""A fixed workload for counting instructions: outline N files in one process.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/workload.py 150
    valgrind --tool=callgrind --callgrind-out-file=/dev/null python benchmarks/workload.py 0

The difference of the two "Collected" totals is the work of outlining the files (YAML
out), in instructions: unlike seconds on a shared VM, the count does not move with the
machine's load, so two versions can be compared exactly.  The files are the dev corpus's
texts (the samples when ../shared is not there), in name order, repeated as needed.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    from outline_cli import pipeline
    from outline_cli.config import Config
    from outline_cli.emit import EMITTERS

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    sources = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else sorted((ROOT / "samples").glob("*.txt"))
    config = Config()
    ctx = pipeline.make_context(config)
    for i in range(count):
        path = sources[i % len(sources)]
        doc = pipeline.run_bytes(path.read_bytes(), ctx, path.name)
        EMITTERS["yaml"](doc, config, None)


if __name__ == "__main__":
    main()
