"""The pipeline: an ordered list of named steps over one Document (cf. markdown-it-py's Ruler).

流水线：按名字登记的有序步骤，每一步读写同一个 Document；可按名字停用（--disable-step）。

    read → normalize → clean → structure → emit

Find any step from this list; each name is also what ``--explain`` and
``outline --list-steps`` show.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .chars import RAW_SENTENCE_ENDS
from .clean import context, engine, folios, frontmatter, repeats, toc
from .config import Config
from .document import Document, Line, Removal
from .i18n import _
from .normalize import (fixed_width_unwrap, garbled_runs, hard_wraps, markdown_marks,
                        normalize_whitespace, pinyin_glosses, script_view, split_one_line)
from .structure import headings, meta, title, tree


@dataclass
class Context:
    config: Config
    rules: list  # compiled rules (clean.rules.Rule), already filtered by --disable
    all_rules: list  # every loaded rule, for --list-rules and name checks
    repeated: frozenset = frozenset()  # line keys recurring across a batch (batch.py)


Step = Callable[[Document, Context], None]

STEPS: list[tuple[str, str, Step]] = [
    # (name, stage, function)
    ("whitespace", "normalize", normalize_whitespace),
    ("markdown-marks", "normalize", markdown_marks),
    ("script-view", "normalize", script_view),
    # before any joining: Markdown front matter is line-oriented data
    ("front-matter", "clean", lambda d, c: frontmatter.strip_front_matter(d)),
    # a printed page number between the halves of a paragraph, before they are rejoined
    ("page-folios", "clean", lambda d, c: folios.drop_folios(d)),
    ("fixed-width-unwrap", "normalize", fixed_width_unwrap),
    ("pinyin-glosses", "normalize", pinyin_glosses),
    ("one-line-split", "normalize", split_one_line),
    # rules before joining: a byline or notice glued to a line end would hide where
    # the sentence ends, and a dropped notice line must not bridge two paragraphs
    ("rules", "clean", lambda d, c: engine.apply_rules(d, c.rules)),
    ("batch-repeats", "clean", lambda d, c: repeats.drop_batch_repeats(d, c.repeated)),
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
            cut = max(text.rfind(p, start + MAX_LINE // 2, stop) for p in RAW_SENTENCE_ENDS + "\n ")
            stop = cut + 1 if cut > 0 else stop
        out.append(Line(no, text[start:stop]))
        start = stop
    return out


def document_from_text(text: str, name: str = "<text>") -> Document:
    """Lines of the text, numbered from 1; blank lines get no Line (their numbers stay
    known: a joined or split line keeps its source numbers).  U+2028/U+2029 (LINE and
    PARAGRAPH SEPARATOR) break lines too: pages and apps copy <br> and paragraphs as them."""
    from .normalize.controls import drop_disallowed, warning

    text, dropped, first = drop_disallowed(text)  # (read.decode has done it for bytes)
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    raw = text.split("\n")
    if max(map(len, raw), default=0) <= MAX_LINE:
        lines = [Line(i, t) for i, t in enumerate(raw, 1) if t and not t.isspace()]
    else:
        lines = [piece for i, t in enumerate(raw) if t and not t.isspace() for piece in _bounded(i + 1, t)]
    doc = Document(name=name, lines=lines, source=raw)
    if dropped:
        doc.warn(first, "control-characters", *warning(dropped, first))
    return doc


def run_text(text: str, ctx: Context, name: str = "<text>", encoding: str | None = None,
             prepare: Callable[[Document], None] | None = None) -> Document:
    doc = document_from_text(text, name)
    doc.meta["input_format"] = "text"
    if prepare is not None:
        prepare(doc)
    if encoding:
        doc.meta["encoding"] = encoding
    return run_steps(doc, ctx)


def input_format(data: bytes, name: str) -> str:
    """The registered input format (read/formats.py) of these bytes under this name."""
    from .read.formats import detect

    return detect(data, name).name


def run_steps(doc: Document, ctx: Context) -> Document:
    skip = doc.meta.get("_skip_steps", ())  # what the input format does not need (read/formats.py)
    for step_name, _, step in STEPS:
        if step_name in ctx.config.disabled_steps or step_name in skip:
            continue
        step(doc, ctx)
        doc.steps.append(step_name)
    return doc


def run_bytes(data: bytes, ctx: Context, name: str = "<bytes>") -> Document:
    """Any registered input format: its reader gives text or blocks (read/formats.py)."""
    from .read import InputError
    from .read.formats import detect

    fmt = detect(data, name)
    reading = fmt.read(data, ctx.config)
    if reading.text is not None:
        doc = run_text(reading.text, ctx, name, reading.encoding, _prepared(fmt.name, reading))
    else:
        doc = _structured(reading, ctx, name, fmt)
    for note in reading.notes:  # (kind, English text for the files, text for stderr)
        doc.warn(0, *note)
    if not doc.title and not doc.sections and not any(ln.role == "body" and ln.text.strip() for ln in doc.lines):
        raise InputError(_("no readable text in it (all of it was markup, script or page furniture)"))
    return doc


def _prepared(fmt: str, reading):
    """Before the steps: what the reader itself took out (page furniture) and knows."""
    def prepare(doc: Document) -> None:
        doc.meta["input_format"] = fmt
        for key, value in reading.meta.items():
            doc.meta.setdefault(key, value)
        for no, rule, category, text in reading.removed:
            doc.removed.append(Removal(no, rule, category, text, "meta" if category == "meta" else "drop"))
    return prepare


def _structured(reading, ctx: Context, name: str, fmt) -> Document:
    """A Document from a reader's blocks, with the page's own title and facts as hints."""
    lines, facts = reading.lines, reading.facts
    doc = Document(name=name, lines=lines, source=[ln.text for ln in lines])
    _prepared(fmt.name, reading)(doc)
    doc.meta["encoding"] = reading.encoding
    doc.meta["_skip_steps"] = fmt.skip_steps
    titled = next((ln for ln in lines if ln.hint == "title"), None)  # a DOCX Title paragraph
    if titled is not None:
        doc.title_hint, doc.title_hint_line = titled.text, titled.no
        titled.hint = ""
    else:
        title.hint_from_top_heading(doc)
    if not doc.title_hint and (facts.get("page_title") or facts.get("og_title")):
        doc.page_titles = [facts.get("og_title") or "", facts.get("page_title") or ""]
    for key in ("author", "date", "source"):
        if facts.get(key):
            doc.stated_facts[key] = facts[key]
    return run_steps(doc, ctx)


def make_context(config: Config) -> Context:
    from .clean.rules import load

    ruleset = load(config.rules)
    return Context(config, ruleset.enabled(config.disabled_rules), ruleset.rules)
