"""Write ``rules/index.json``: the shipped rule files, already read from YAML.

    python scripts/index_rules.py

Run it after editing a file in ``rules/`` (the test suite fails until you do; the tool
itself stays right either way: an entry is used only for the exact bytes it was made from).
"""
from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from outline_cli.clean.rules import INDEX, build_rule, read_items  # noqa: E402


def build(folder: Path) -> dict:
    """Per file: its size and CRC-32, and each rule as [line, entry, required strings, gate]
    (``patterns.required`` and ``patterns.start_gate``, found by parsing the pattern: a run
    then need not parse it)."""
    index = {}
    for path in sorted(folder.glob("*.y*ml")):
        raw = path.read_bytes()
        items = []
        for line, item in read_items(path, raw.decode("utf-8")):
            rule = build_rule(item, f"{path}:{line}")  # also checks the rule
            gate = None if rule.gate is None else list(rule.gate.__getstate__())  # (source, flags)
            items.append([line, item, None if rule.literals is None else sorted(rule.literals), gate])
        index[path.name] = {"size": len(raw), "crc32": zlib.crc32(raw), "items": items}
    return index


def render(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    folder = ROOT / "rules"
    (folder / INDEX).write_text(render(build(folder)), encoding="utf-8")
    print(f"wrote {folder / INDEX}")


if __name__ == "__main__":
    main()
