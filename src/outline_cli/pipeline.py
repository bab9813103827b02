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


def document_from_text(text: str, name: str = "<text>") -> Document:
    raw = text.split("\n")
    lines = [Line(i + 1, t) for i, t in enumerate(raw)]
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
    text, encoding = decode(data, ctx.config.encoding)
    return run_text(text, ctx, name, encoding)


def make_context(config: Config) -> Context:
    from .clean.rules import load

    ruleset = load(config.rules)
    return Context(config, ruleset.enabled(config.disabled_rules), ruleset.rules)
