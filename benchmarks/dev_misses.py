"""List what the dev-set scorer counts against us, per document (for tuning, not a test).

    python benchmarks/dev_misses.py [--corpus DIR] [--gold DIR] [--variants DIR] [--show KINDS] [ID ...]

    # the dev set itself
    python benchmarks/dev_misses.py
    # a degraded variant folder (made by ../shared/eval/degrade.py: DIR/corpus + DIR/gold)
    python ../shared/eval/degrade.py ../shared/corpus ../shared/gold /tmp/v1 --seed 1 --per-doc 4
    python benchmarks/dev_misses.py --variants /tmp/v1 --show title,missed,extra
    # one document or family of variants: an ID matches a gold stem exactly or as its prefix
    python benchmarks/dev_misses.py --variants /tmp/v1 004_0973ed8eb3a363f4~v1

KINDS (comma-separated, default all): title, noise, lost, missed, extra, level.
`lost` also prints a CONTENT line for a document keeping < 0.98 of its content sentences, with
the share it keeps when pieces of gold noise that a wrap split over lines, and 'sentences' whose
space-separated parts are all kept (a one-line variant's paragraphs), are not counted as lost.
Each line is `<doc id>: <KIND> <detail>`; TITLE lines show the gold and the produced title.
Uses ../shared/eval/score.py's own normalisation, matching and alignment, so a line listed
here is exactly what the scorer counts: a wrong title, a noise fragment still present, a
content sentence lost (read from the document's own corpus file, noise stripped as the
scorer does), a gold heading missed, a produced heading not in the gold, a level mismatch.
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
KINDS = ("title", "noise", "lost", "missed", "extra", "level")


def _texts(items):
    return [n["text"] if isinstance(n, dict) else str(n) for n in items or []]


CONTENT_MIN = 0.98  # issue 18: no single document below this share of its content sentences
NOISE_PIECE_MIN = 4  # Han/alnum characters a piece must share with a noise line (score.py counts noise from 4)


def _noise_piece(sentence: str, noise: list[str], clean: str) -> bool:
    """True when a 'lost' sentence is only a piece of gold noise plus text the tool kept.

    score.py cuts noise from the reference only where a noise line appears whole in one source
    line; when a variant's hard wrap splits a notice over two lines, each half stays in the
    reference as a 'content sentence' (often glued to the body text before it on the same line).
    Removing the notice then counts as lost content. This names those cases, so a reader can
    tell them from real loss: the sentence is inside a noise line, or it ends with a noise line's
    head or starts with one's tail, and whatever is left of it is kept or is such a piece too."""
    for f in noise:
        if len(f) < NOISE_PIECE_MIN:
            continue
        if sentence in f:
            return True
        for k in range(min(len(sentence), len(f)), NOISE_PIECE_MIN - 1, -1):
            if sentence.endswith(f[:k]):
                rest = sentence[:-k]
            elif sentence.startswith(f[-k:]):
                rest = sentence[k:]
            else:
                continue
            if not rest or rest in clean or _noise_piece(rest, noise, clean):
                return True
    return False


def misses(gold_path: Path, corpus: Path, show):
    """Yield (kind, detail) for every point score.py takes off this document."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
    src = corpus / f"{gold_path.stem}.txt"
    out = json.loads(subprocess.run(TOOL + ["-f", "json", str(src)], capture_output=True, text=True).stdout or "{}")
    if isinstance(out, list):
        out = out[0] if out else {}
    if "title" in show and gold.get("title"):
        got = str(out.get("title") or "")
        if not score.similar(score.norm(gold["title"]), score.norm(got)):
            yield "TITLE", f"gold {gold['title'][:40]!r} got {got[:50]!r}"
    if {"noise", "lost"} & show:
        text = subprocess.run(TOOL + ["-f", "text", str(src)], capture_output=True, text=True).stdout
        clean = score.norm(text)
        frags = _texts(gold.get("noise"))
        if "noise" in show:
            for f in frags:
                n = score.norm(f)
                if len(n) >= 4 and n in clean:
                    yield "NOISE KEPT", f[:70]
        if "lost" in show:
            raw = score.PINYIN.sub("", src.read_text(encoding="utf-8"))
            raw = score.strip_noise(raw, frags + _texts(gold.get("noise_optional")))
            pieces = [score.norm(f) for f in frags + _texts(gold.get("noise_optional"))]
            total = lost = split = 0
            for n, s in {score.norm(s): s for s in score.SENT.split(raw)}.items():
                if len(n) < 10:
                    continue
                total += 1
                if n not in clean:
                    lost += 1
                    piece = _noise_piece(n, pieces, clean)
                    # one-line variants join paragraphs with a space: the title copy and the first
                    # sentence become one reference 'sentence' though the tool keeps both parts
                    parts = [score.norm(p) for p in s.split()]
                    apart = not piece and len(parts) > 1 and all(p in clean for p in parts)
                    split += piece or apart
                    yield "LOST", s.strip()[:70] + (" (a piece of a gold noise line split over lines)" if piece else
                                                    " (every space-separated part is kept, apart)" if apart else "")
            if total and (total - lost) / total < CONTENT_MIN:
                yield "CONTENT", (f"{total - lost}/{total} = {(total - lost) / total:.3f} kept; without the {split} "
                                  f"noise pieces and parts kept apart {total - lost}/{total - split} = {(total - lost) / max(total - split, 1):.3f}")
    if not {"missed", "extra", "level"} & show:
        return
    heads_gold = gold.get("headings") or []
    heads = list(score.flatten(out.get("sections")))
    gh = [(int(h.get("level", 1)), str(h.get("text", ""))) for h in heads_gold]
    optional = frozenset(i for i, h in enumerate(heads_gold) if h.get("optional"))
    alts = {i: [h["accept_also"]] if isinstance(h.get("accept_also"), str) else list(h.get("accept_also") or [])
            for i, h in enumerate(heads_gold)}
    pairs = score.align(gh, heads, alts, optional)
    mi = {i for i, _ in pairs}
    mj = {j for _, j in pairs}
    if "missed" in show:
        for i, (lvl, t) in enumerate(gh):
            if i not in mi and i not in optional:
                yield "MISSED", f"L{lvl} {t[:60]}"
    if "extra" in show:
        for j, (lvl, t) in enumerate(heads):
            if j not in mj:
                yield "EXTRA", f"L{lvl} {t[:60]}"
    if "level" in show:
        for i, j in pairs:
            if gh[i][0] != heads[j][0] and i not in optional:
                yield "LEVEL", f"gold {gh[i][0]} got {heads[j][0]} {gh[i][1][:50]}"


def main(argv):
    corpus, gold_dir, show, ids = SHARED / "corpus", SHARED / "gold", set(KINDS), []
    while argv:
        arg = argv.pop(0)
        if arg == "--corpus":
            corpus = Path(argv.pop(0))
        elif arg == "--gold":
            gold_dir = Path(argv.pop(0))
        elif arg == "--variants":
            root = Path(argv.pop(0))
            corpus, gold_dir = root / "corpus", root / "gold"
        elif arg == "--show":
            show = {k.strip() for k in argv.pop(0).split(",")}
            if show - set(KINDS):
                sys.exit(f"dev_misses: unknown kind(s) {sorted(show - set(KINDS))}; known: {', '.join(KINDS)}")
        else:
            ids.append(arg)
    for gold_path in sorted(gold_dir.glob("*.yaml")):
        if ids and not any(gold_path.stem == i or gold_path.stem.startswith(i) for i in ids):
            continue
        for kind, detail in misses(gold_path, corpus, show):
            print(f"{gold_path.stem}: {kind:<11} {detail}")


if __name__ == "__main__":
    main(sys.argv[1:])
