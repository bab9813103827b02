"""The one document model every pipeline step reads and writes.

文档模型：流水线的每一步都只读写这一个对象。

A :class:`Document` is a list of :class:`Line` objects.  Each line remembers the
source line(s) it came from (``no`` … ``end``), so that every heading, every
removal and every warning can be traced back to the input — that is what
``--explain`` prints.  Steps never delete lines silently: they call
:meth:`Document.remove`, which records the rule that fired.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .chars import han_count, han_counts


@dataclass(slots=True)  # slots: a document holds thousands of lines, read in every step
class Line:
    """One paragraph-sized unit of text.

    ``text`` is the current text in the script of the input; ``view`` is the
    analysis view of the same text (simplified script, full-width ASCII folded
    to half width) that rules and heading detection match against.  Steps that
    change ``text`` must call :meth:`Document.set_text` so the view follows.
    """

    no: int  # 1-based source line where this unit starts
    text: str
    end: int = 0  # last source line (> no after joining wrapped lines)
    view: str = ""
    role: str = "body"  # body | title | toc | heading-only (set by structure steps)
    source_tail: str = ""  # the last source line as read (for wrap-width checks)
    # evidence a structured input (HTML, DOCX) carries about this block:
    # "heading" (with hint_level 1–9 from <h1>…/Heading 1…), "bold" (a bold-only
    # paragraph), "furniture" (inside <nav>/<footer>/a menu-like container), "title"
    hint: str = ""
    hint_level: int = 0
    link_share: float = 0.0  # share of the block's text inside links (HTML)
    # how many Han characters the view holds, and which view that count is for
    han_total: int = field(default=0, repr=False, compare=False)
    han_view: str | None = field(default=None, repr=False, compare=False)
    # the line's class (classify.py): kind and text score, and which view they are for
    kind: str = field(default="", repr=False, compare=False)
    score: float = field(default=0.0, repr=False, compare=False)
    class_view: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.end:
            self.end = self.no
        if not self.source_tail:
            self.source_tail = self.text

    @property
    def han(self) -> int:
        """Han characters in the view: counted once per view, whichever step asks first
        (body scoring, titles, sub-heads and wraps all ask it of the same lines)."""
        if self.han_view is not self.view:
            self.han_total, self.han_view = han_count(self.view), self.view
        return self.han_total


def count_han(lines: list[Line]) -> None:
    """Count the Han characters of many lines in one pass (see Line.han)."""
    stale = [ln for ln in lines if ln.han_view is not ln.view]
    for ln, n in zip(stale, han_counts([ln.view for ln in stale])):
        ln.han_total, ln.han_view = n, ln.view


@dataclass(slots=True)  # (a page loses dozens of lines: one of these each)
class Removal:
    """Why a line, or a span inside a line, left the text."""

    line: int
    rule: str
    category: str
    text: str
    action: str = "drop"  # drop | cut | meta
    end: int = 0  # the last source line the removed text came from (> line: joined lines)

    def lines(self) -> str:
        """``12``, or ``12-14`` for a unit joined from several source lines."""
        return f"{self.line}-{self.end}" if self.end > self.line else str(self.line)

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "rule": self.rule, "category": self.category,
                "action": self.action, "text": self.text}


@dataclass
class Warning:
    line: int
    kind: str
    text: str  # English: what the output files hold, whatever the user's language
    shown: str = field(default="", compare=False)  # the same in the user's language, for stderr

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "kind": self.kind, "text": self.text}


@dataclass
class Heading:
    """A detected heading before it is placed in the tree."""

    text: str  # heading text without the marker
    marker: str  # the marker as written ("一、", "（二）", "一是", "" for unnumbered)
    family: str  # marker family id, see markers.py
    number: int  # value of the marker (1 for 一、/1./首先 …; 0 when unnumbered)
    line: int
    source: str = "body"  # body | toc | both
    inline: bool = False  # the paragraph goes on after the heading
    index: int = -1  # position of the carrying Line in Document.lines (-1: toc only)
    offset: int = 0  # where the marker starts in that line's text (inline headings)
    hint_level: int = 0  # level the input itself gives (<h2>, "Heading 2"): wins over markers
    level: int = 0
    children: list["Heading"] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # keywords, summary (enrich step)


def iter_headings(sections: list[Heading]):
    """Every heading of a tree, parents before children, in document order."""
    for h in sections:
        yield h
        yield from iter_headings(h.children)


@dataclass
class Document:
    name: str
    lines: list[Line]
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    title: str = ""
    title_line: int = 0
    headings: list[Heading] = field(default_factory=list)  # flat, document order
    sections: list[Heading] = field(default_factory=list)  # the tree (roots)
    toc: list[Heading] = field(default_factory=list)  # entries of a 目录/提纲 block
    steps: list[str] = field(default_factory=list)  # names of the steps that ran
    view_of: Any = None  # text -> analysis view (set by normalize.script)
    source: list[str] = field(default_factory=list)  # the input's lines as read (1-based: source[no-1])

    # -- what one step hands to a later one ------------------------------------------------
    # a title the input states (front matter ``title:``, a DOCX Title, a page's only <h1>),
    # and its line; the page's <title>/og:title, tried as titles when nothing states one
    title_hint: str = ""
    title_hint_line: int = 0
    page_titles: list[str] = field(default_factory=list)
    # date/author/source the input states as data (front matter, page <meta>): for meta
    stated_facts: dict[str, str] = field(default_factory=dict)
    # byline lines the rules removed (line, text): parsed into source/editor/date by meta
    field_lines: list[tuple[int, str]] = field(default_factory=list)
    # source lines of the notices that end a body (责任编辑, 上一篇 …): for body-span
    body_end_marks: list[int] = field(default_factory=list)
    # the body's first and last line, as the body-span step found them (lines, not indices:
    # later steps remove lines); dropped by the edges step
    body_span: tuple[Line, Line] | None = None
    # (line, kind, score) of every line as the body-span step classified it (--explain)
    classes: list[tuple[int, str, float]] = field(default_factory=list)
    # why the title was chosen (--explain)
    title_evidence: list[str] = field(default_factory=list)
    # enumerations inside paragraphs, headings only if a 目录 confirms them (tree.merge_toc)
    weak_headings: list[Heading] = field(default_factory=list)

    # -- helpers used by the steps -------------------------------------------------
    def view(self, text: str) -> str:
        """``text`` as the steps compare it (script and width folded once normalize has run)."""
        return self.view_of(text) if self.view_of else text

    def set_text(self, line: Line, text: str) -> None:
        line.text = text
        line.view = self.view(text)

    def remove(self, line: Line, rule: str, category: str, action: str = "drop") -> None:
        self.removed.append(Removal(line.no, rule, category, line.text.strip(), action, line.end))

    def cut(self, line: Line, start: int, stop: int, rule: str, category: str,
            action: str = "cut") -> None:
        """Cut ``text[start:stop]`` out of a line, recording it."""
        piece = line.text[start:stop]
        self.removed.append(Removal(line.no, rule, category, piece.strip(), action, line.end))
        self.set_text(line, line.text[:start] + line.text[stop:])

    def warn(self, line: int, kind: str, text: str, shown: str = "") -> None:
        self.warnings.append(Warning(line, kind, text, shown))

    def body(self) -> list[Line]:
        return [ln for ln in self.lines if ln.role == "body"]
