"""Shared helpers: the samples, the shared corpus (when present) and a CLI runner."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))

# The tests never read the developer's own config file or rule folder (~/.config/tigang):
# an empty user config folder unless a test gives its own.
_EMPTY_CONFIG = Path(__import__("tempfile").mkdtemp(prefix="outline-test-config-"))
os.environ["XDG_CONFIG_HOME"] = os.environ["APPDATA"] = str(_EMPTY_CONFIG)
# Messages in English whatever the developer's locale (tests that want Chinese say so).
os.environ["OUTLINE_LANG"] = "en"


def sample(prefix: str) -> Path:
    return next(p for p in SAMPLE_FILES if p.name.startswith(prefix))


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``outline`` as a user would (a fresh process), bytes in, bytes out."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "outline_cli", *args], input=input,
                          capture_output=True, cwd=cwd, env=full_env, timeout=120)


@pytest.fixture
def cli():
    return run_cli


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")


def flat(data: dict) -> list[tuple[int, str]]:
    """(level, marker + heading) for every section of an outline, in document order."""
    out = []

    def walk(ss):
        for s in ss:
            out.append((s["level"], s["marker"] + s["heading"]))
            walk(s["children"])
    walk(data["sections"])
    return out
