"""The pipeline: an ordered list of named steps over one Document (cf. markdown-it-py's Ruler).

流水线：按名字登记的有序步骤，每一步读写同一个 Document；可按名字停用（--disable-step）。

    read → normalize → clean → structure → emit

Find any step from this list; each name is also what ``--explain`` and
``outline --list-steps`` show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .clean import context, engine, frontmatter, toc
from .config import Config
from .document import Document, Line
from .normalize import (fixed_width_unwrap, garbled_runs, hard_wraps, normalize_whitespace,
                        pinyin_glosses, script_view, split_one_line)
from .read import decode
from .structure import headings, meta, title, tree


@dataclass
class Context:
    config: Config
    rules: list  # compiled rules (clean.rules.Rule), already filtered by --disable
    all_rules: list  # every loaded rule, for --list-rules and name checks


Step = Callable[[Document, Context], None]

STEPS: list[tuple[str, str, Step]] = [
    # (name, stage, function)
    ("whitespace", "normalize", normalize_whitespace),
    ("script-view", "normalize", script_view),
    # before any joining: Markdown front matter is line-oriented data
    ("front-matter", "clean", lambda d, c: frontmatter.strip_front_matter(d)),
    ("fixed-width-unwrap", "normalize", fixed_width_unwrap),
    ("pinyin-glosses", "normalize", pinyin_glosses),
    ("one-line-split", "normalize", split_one_line),
    # rules before joining: a byline or notice glued to a line end would hide where
    # the sentence ends, and a dropped notice line must not bridge two paragraphs
    ("rules", "clean", lambda d, c: engine.apply_rules(d, c.rules)),
    ("hard-wraps", "normalize", hard_wraps),
    ("garbled-text", "normalize", garbled_runs),
    ("toc-block", "clean", lambda d, c: toc.find_toc(d, c.config.articles)),
    ("body-span", "clean", lambda d, c: context.find_body(d)),
    ("title", "structure", lambda d, c: title.choose(d)),
    ("edges", "clean", lambda d, c: context.drop_edges(d)),
    ("meta", "structure", lambda d, c: meta.collect(d)),
    ("headings", "structure", lambda d, c: headings.detect(d, c.config.articles)),
    ("toc-merge", "structure", lambda d, c: tree.merge_toc(d)),
    ("tree", "structure", lambda d, c: tree.build(d)),
    ("keywords", "enrich", lambda d, c: _keywords(d, c)),
]


def _keywords(doc: Document, ctx: Context) -> None:
    if ctx.config.keywords > 0:
        from .enrich.keywords import add_keywords  # lazy: segmentation only when asked

        add_keywords(doc, ctx.config.keywords, ctx.config.user_dict)

STEP_NAMES = tuple(name for name, _, _ in STEPS)


#: Longer lines are cut at sentence ends before anything else reads them, so no step
#: ever works on a multi-megabyte line (a whole book pasted as one line).
MAX_LINE = 100_000


def _bounded(no: int, text: str) -> list[Line]:
    if len(text) <= MAX_LINE:
        return [Line(no, text)]
    out, start = [], 0
    while start < len(text):
        stop = min(len(text), start + MAX_LINE)
        if stop < len(text):
            cut = max(text.rfind(p, start + MAX_LINE // 2, stop) for p in "。！？!?；;\n ")
            stop = cut + 1 if cut > 0 else stop
        out.append(Line(no, text[start:stop]))
        start = stop
    return out


def document_from_text(text: str, name: str = "<text>") -> Document:
    raw = text.split("\n")
    lines = [piece for i, t in enumerate(raw) for piece in _bounded(i + 1, t)]
    return Document(name=name, lines=lines, source=raw)


def run_text(text: str, ctx: Context, name: str = "<text>", encoding: str | None = None) -> Document:
    doc = document_from_text(text, name)
    if encoding:
        doc.meta["encoding"] = encoding
    for step_name, _, step in STEPS:
        if step_name in ctx.config.disabled_steps:
            continue
        step(doc, ctx)
        doc.steps.append(step_name)
    return doc


def run_bytes(data: bytes, ctx: Context, name: str = "<bytes>") -> Document:
    notes: list[str] = []
    text, encoding = decode(data, ctx.config.encoding, notes)
    doc = run_text(text, ctx, name, encoding)
    for note in notes:
        doc.warn(0, "undecodable-bytes", note)
    return doc


def make_context(config: Config) -> Context:
    from .clean.rules import load

    ruleset = load(config.rules)
    return Context(config, ruleset.enabled(config.disabled_rules), ruleset.rules)
