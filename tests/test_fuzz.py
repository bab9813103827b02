"""The fuzz run of tests/fuzz/fuzz_pipeline.py, CI-sized: every target (plain and structured
text, raw bytes, control characters, BOM/NUL mixes, damaged .docx, random HTML) with a few
dozen inputs.  Hypothesis reports the first failing input; a longer run is
``python tests/fuzz/fuzz_pipeline.py 5000``."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "fuzz"))

import fuzz_pipeline  # noqa: E402


def test_fuzz_targets_ci_sized(capsys):
    fuzz_pipeline.main(25)
    assert all(n == 25 for n in fuzz_pipeline.COUNT.values()), fuzz_pipeline.COUNT
    assert fuzz_pipeline.REFUSED["docx"] > 0  # the damaged files were damaged enough to be refused
    assert "no failure" in capsys.readouterr().out
