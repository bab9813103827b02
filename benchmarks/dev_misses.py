"""List what the dev-set scorer counts against us, per document (for tuning, not a test).

    python benchmarks/dev_misses.py [--corpus DIR] [ID ...]

Uses ../shared/eval/score.py's own normalisation, so a line listed here is exactly
a noise fragment still present or a content sentence lost.
"""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "eval"))
import score  # noqa: E402
import yaml  # noqa: E402

TOOL = [sys.executable, "-m", "outline_cli"]


def main(ids, corpus):
    for gold_path in sorted((SHARED / "gold").glob("*.yaml")):
        if ids and gold_path.stem not in ids:
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        src = corpus / f"{gold_path.stem}.txt"
        text = subprocess.run(TOOL + ["-f", "text", str(src)], capture_output=True, text=True).stdout
        clean = score.norm(text)
        frags = [n["text"] if isinstance(n, dict) else str(n) for n in gold.get("noise") or []]
        for f in frags:
            n = score.norm(f)
            if len(n) >= 4 and n in clean:
                print(f"{gold_path.stem}: NOISE KEPT  {f[:70]}")
        opt = [n["text"] if isinstance(n, dict) else str(n) for n in gold.get("noise_optional") or []]
        raw = score.PINYIN.sub("", (SHARED / "corpus" / src.name).read_text(encoding="utf-8"))
        raw = score.strip_noise(raw, frags + opt)
        for s in {score.norm(s): s for s in score.SENT.split(raw)}.items():
            if len(s[0]) >= 10 and s[0] not in clean:
                print(f"{gold_path.stem}: LOST        {s[1].strip()[:70]}")
        out = json.loads(subprocess.run(TOOL + ["-f", "json", str(src)], capture_output=True, text=True).stdout)
        heads = list(score.flatten(out.get("sections")))
        gh = [(int(h.get("level", 1)), str(h.get("text", ""))) for h in gold.get("headings") or []]
        optional = {i for i, h in enumerate(gold.get("headings") or []) if h.get("optional")}
        pairs = score.align(gh, heads, {}, frozenset(optional))
        mi = {i for i, _ in pairs}
        mj = {j for _, j in pairs}
        for i, (lvl, t) in enumerate(gh):
            if i not in mi and i not in optional:
                print(f"{gold_path.stem}: MISSED      L{lvl} {t[:60]}")
        for j, (lvl, t) in enumerate(heads):
            if j not in mj:
                print(f"{gold_path.stem}: EXTRA       L{lvl} {t[:60]}")
        for i, j in pairs:
            if gh[i][0] != heads[j][0] and i not in optional:
                print(f"{gold_path.stem}: LEVEL       gold {gh[i][0]} got {heads[j][0]} {gh[i][1][:50]}")


if __name__ == "__main__":
    args = sys.argv[1:]
    corpus = SHARED / "corpus"
    if args[:1] == ["--corpus"]:
        corpus, args = Path(args[1]), args[2:]
    main(set(args), corpus)
