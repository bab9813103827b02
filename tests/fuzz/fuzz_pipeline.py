"""A longer fuzz run of the whole pipeline than the test suite's property tests.

    python tests/fuzz/fuzz_pipeline.py [EXAMPLES]      (default 5000 per target)

Each target feeds hypothesis-generated input through outline_text/outline_bytes and
checks: no exception (InputError is the only allowed refusal), output valid against the
shipped schema, and the same result on a second run.  Prints how many inputs ran.
Not collected by pytest (file name does not start with test_).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ for test_properties

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_properties as props  # noqa: E402
from outline_cli.api import outline_bytes, outline_text  # noqa: E402
from outline_cli.read import InputError  # noqa: E402

COUNT = {"structured": 0, "unicode": 0, "bytes": 0}


def main(examples: int) -> None:
    opts = settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))

    @opts
    @given(props.documents)
    def structured(text):
        COUNT["structured"] += 1
        first = outline_text(text, explain=True)
        props.check(first)
        assert outline_text(text, explain=True) == first

    @opts
    @given(st.text(max_size=5000))
    def unicode(text):
        COUNT["unicode"] += 1
        props.check(outline_text(text))

    @opts
    @given(st.binary(max_size=5000))
    def raw(data):
        COUNT["bytes"] += 1
        try:
            result = outline_bytes(data)
        except InputError:
            return
        props.check(result)

    t = time.perf_counter()
    for target in (structured, unicode, raw):
        target()
    took = time.perf_counter() - t
    print(f"fuzz: {sum(COUNT.values())} inputs ({COUNT}) in {took:.0f} s, no failure")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
