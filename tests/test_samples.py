"""The five seed samples against their hand-checked gold outlines (../shared/gold).

The expected headings are read from the gold files, not from our own output; the
comparison normalises only what the gold README says does not count (punctuation,
spaces, markers)."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import GOLD, SAMPLE_FILES, needs_corpus, run_cli
from outline_cli.api import outline_file

_DROP = re.compile(r"[^0-9A-Za-z\u3400-\u9fff]")


def norm(text: str) -> str:
    return _DROP.sub("", text)


def flat(sections, depth=1):
    for s in sections:
        yield depth, s["marker"] + s["heading"]
        yield from flat(s["children"], depth + 1)


@needs_corpus
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_sample_outline_matches_gold(path):
    gold = yaml.safe_load((GOLD / f"{path.stem}.yaml").read_text("utf-8"))
    data = outline_file(path)
    assert norm(data["title"]) == norm(gold["title"])
    required = [(h["level"], h["text"], [h["text"]] + list(h.get("accept_also") or []))
                for h in gold["headings"] if not h.get("optional")]
    got = [(lvl, norm(t)) for lvl, t in flat(data["sections"])]
    it = iter(got)
    for level, text, accepted in required:
        # every required gold heading appears, in order, at its level
        for got_level, got_text in it:
            if any(norm(a) == got_text for a in accepted):
                assert got_level == level, text
                break
        else:
            pytest.fail(f"gold heading not found in order: {text}")
    optional = {norm(h["text"]) for h in gold["headings"] if h.get("optional")}
    extra = [t for _, t in got if t not in optional and not any(
        any(norm(a) == t for a in acc) for _, _, acc in required)]
    assert extra == []


@needs_corpus
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name[:3])
def test_sample_noise_removed_and_text_kept(path):
    gold = yaml.safe_load((GOLD / f"{path.stem}.yaml").read_text("utf-8"))
    text = norm(run_cli("-f", "text", str(path)).stdout.decode())
    for n in gold.get("noise") or []:
        frag = norm(n["text"] if isinstance(n, dict) else n)
        if len(frag) >= 4:
            assert frag not in text, n
    # every paragraph of the text proper is still there (minus pinyin and inline notices)
    from outline_cli.normalize.pinyin import strip_glosses

    noise = [norm(n["text"] if isinstance(n, dict) else n) for n in
             (gold.get("noise") or []) + (gold.get("noise_optional") or [])]
    for raw in path.read_text("utf-8").split("\n"):
        para = norm(strip_glosses(raw)[0])
        for frag in sorted(noise, key=len, reverse=True):
            if len(frag) >= 6:
                para = para.replace(frag, "")
        if len(para) >= 30 and para not in noise:
            # one-line articles come back as several paragraphs: compare by sentence
            for sentence in re.split(r"[。!?！？]", strip_glosses(raw)[0]):
                s = norm(sentence)
                if len(s) >= 10 and not any(s in f or f in s for f in noise if len(f) >= 6):
                    assert s in text, sentence
