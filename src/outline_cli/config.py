"""One immutable set of options with documented defaults (cf. ftfy's TextFixerConfig).

全部选项集中在一个不可变的 Config 里，每个默认值都有说明。
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

FORMATS = ("yaml", "markdown", "json", "jsonl", "text", "outline", "docx", "opml", "freemind")
SCRIPTS = ("keep", "simplified", "traditional", "hk", "tw")


@dataclass(frozen=True)
class Config:
    #: Output format: yaml | markdown | json | jsonl | text | outline | docx | opml | freemind.
    format: str = "yaml"
    #: Script of the output text: keep (as the input) | simplified | traditional | hk | tw.
    script: str = "keep"
    #: Record every removal and decision (``removed:`` in yaml/json, a table on stderr).
    explain: bool = False
    #: Extra rule files or folders, applied after the shipped rules.
    rules: tuple[str, ...] = ()
    #: Rule ids to switch off (``--disable ID``), e.g. to keep image captions.
    disabled_rules: tuple[str, ...] = ()
    #: Force the input encoding instead of detecting it (e.g. ``gb18030``).
    encoding: str | None = None
    #: Include the body text under each heading in Markdown output.
    with_text: bool = False
    #: Markdown/DOCX: renumber the headings in GB/T 9704 style (一、/（一）/1./（1）/①),
    #: as ``-f outline`` always does, instead of keeping the source's markers.
    renumber: bool = False
    #: Treat 第X条 articles as outline headings (legal texts).
    articles: bool = False
    #: Keywords per section (0 = off); also adds a key sentence (``summary``).
    keywords: int = 0
    #: A jieba-format user dictionary (word [freq] [tag] a line) for keywords.
    user_dict: str | None = None
    #: Pipeline steps to skip by name (see ``outline --list-steps``).
    disabled_steps: tuple[str, ...] = field(default_factory=tuple)
    #: json on one line (JSON Lines): set by the CLI for several inputs to standard output.
    json_lines: bool = False

    def but(self, **changes) -> "Config":
        """A copy with some options changed (the config itself never changes)."""
        return replace(self, **changes)
