"""Classify each line once: its kind and its text score (jusText's classify step).

行分类：每一行只判断一次——它是什么（正文、短句、标题样、网站框架、链接堆……）以及它有多像正文。

Every step that asks "is this line body text?" reads this module: the rule zones
(``clean/engine.py``: what lies before the first and after the last text line), the
body span (``clean/context.py``: the maximum-sum run of scores), the sub-head
neighbour test (``structure/headings.py``) and the title window
(``structure/title.py``).  The *revise* half of jusText — judging a line by its
neighbours — is ``clean/context.py`` (the body span and its widening).

A line's class is computed from its analysis view and cached on the line for that
view (a step that changes the text gets a fresh class on the next question).

Kinds, in the order they are decided:

``furniture``      the page itself marks it as navigation or footer (HTML ``<nav>``…)
``link-heavy``     most of its text sits inside links (HTML)
``heading-like``   it starts with a heading marker (一、 （二） 第三条 1. …)
``text``           a body paragraph: long enough and ends a sentence, or very long
``short-sentence`` short, but ends like a sentence or is a bracketed note: part of a text
``short``          short, no sentence end: a label, a menu entry, a sub-head candidate
"""
from __future__ import annotations

from .chars import ends_sentence_or_note, han_count, has_sentence_end
from .document import Line

TEXT = "text"
SHORT_SENTENCE = "short-sentence"
SHORT = "short"
HEADING_LIKE = "heading-like"
FURNITURE = "furniture"
LINK_HEAVY = "link-heavy"
KINDS = (TEXT, SHORT_SENTENCE, SHORT, HEADING_LIKE, FURNITURE, LINK_HEAVY)

#: Han characters a line that ends a sentence needs to read as body text.  Fifteen is
#: about one full clause; on the dev corpus (../shared/corpus, 2024) the body-span
#: scores, the rule zones and the title window all used 15, and no byline, caption or
#: menu line of the corpus with a sentence end reaches it.
TEXT_MIN_HAN = 15
#: Han characters that make a line body text even without a sentence end (a paragraph
#: whose stop was lost, an unpunctuated transcript).  The body-span score used 50, the
#: rule zones 60 and the sub-head test 40; 50 is the value the body span (the decision
#: that cuts text) was tuned on; the dev set and its variants score the same with it.
LONG_MIN_HAN = 50
#: Share of a block's text inside links above which it is a link list (HTML).
LINK_SHARE = 0.5
#: Han characters above which a short, unpunctuated line counts against the body less:
#: a long label (a sub-head, a caption) is likelier text than a two-word menu entry.
LONG_LABEL_HAN = 20
#: Score of a line whose text is scored by length: capped so one huge paragraph does not
#: pull a page's menus into the body span (300 Han characters → 30).
TEXT_SCORE_CAP = 300

#: Scores by kind (the body span is the run with the largest total; see clean/context.py).
HEADING_SCORE = 2.0  # a numbered heading belongs to a text
SHORT_SENTENCE_SCORE = 0.3  # a short sentence or note: neutral-positive
SHORT_LABEL_SCORE = -0.5  # a long label
SHORT_SCORE = -1.5  # a menu entry, a button
FURNITURE_PENALTY = 3.0  # the page says it is navigation
LINK_PENALTY = 2.0  # mostly links


def reads_as_text(view: str, han: int | None = None) -> bool:
    """The shape of body text: TEXT_MIN_HAN Han characters and a sentence end, or
    LONG_MIN_HAN without one (whatever marker the line starts with)."""
    if han is None:
        han = han_count(view)
    return han >= TEXT_MIN_HAN and has_sentence_end(view) or han >= LONG_MIN_HAN


#: Han characters the rest of a line must hold, around a notice the rules found in it,
#: for the rest to be body text that stays (a notice glued into a paragraph or a one-line
#: body): a paragraph's worth (LONG_MIN_HAN), so a notice of two short sentences
#: (本站文章来自网络。如有侵权请联系删除。) still goes whole.
GLUED_TEXT_MIN_HAN = LONG_MIN_HAN


def holds_body_text(view: str) -> bool:
    """Whether a line's text (around a notice) is body text in its own right."""
    return has_sentence_end(view) and han_count(view) >= GLUED_TEXT_MIN_HAN


def _judge(line: Line) -> tuple[str, float]:
    from .markers import match_marker  # (markers import nothing of this module)

    view = line.view.strip()
    han = line.han
    if match_marker(view):
        kind, base = HEADING_LIKE, HEADING_SCORE
    elif han >= TEXT_MIN_HAN and has_sentence_end(view):
        kind, base = TEXT, min(han, TEXT_SCORE_CAP) / 10
    elif ends_sentence_or_note(view):
        kind, base = SHORT_SENTENCE, SHORT_SENTENCE_SCORE
    elif han >= LONG_MIN_HAN:
        kind, base = TEXT, han / 40
    else:
        kind, base = SHORT, SHORT_LABEL_SCORE if han >= LONG_LABEL_HAN else SHORT_SCORE
    # the page's own evidence (HTML): menus, footers and link lists count against
    if line.hint == "furniture":
        return FURNITURE, min(base, 0) - FURNITURE_PENALTY
    if line.link_share > LINK_SHARE:
        return LINK_HEAVY, min(base, 0) - LINK_PENALTY
    return kind, base


def classify(line: Line) -> tuple[str, float]:
    """(kind, score) of a line, judged once per view of its text."""
    if line.class_view is not line.view:
        line.kind, line.score = _judge(line)
        line.class_view = line.view
    return line.kind, line.score


def kind(line: Line) -> str:
    return classify(line)[0]


def score(line: Line) -> float:
    return classify(line)[1]


def is_text(line: Line) -> bool:
    """Body text by its shape (any marker, any page hint): the neighbour a sub-head needs,
    the line the rule zones and the title window count."""
    return reads_as_text(line.view.strip(), line.han)
