"""Regular expressions: what a pattern needs from a line, and compiling on first use.

正则工具：从正则推出“匹配必含的字符串”和“可能的首字符”，以及延迟编译。

## Required strings and first characters

Most rules are about text that rarely occurs (``省略…字``, ``ICP备``, ``责任编辑``), yet a
regex that does not start with a literal is tried at every position of every line:
Python's ``re`` has no prefilter of its own (``clean.engine`` uses :func:`required`;
heading markers use :func:`first_chars`).  So, as RE2 and Hyperscan do, we read the
parsed pattern and find a set of strings at least one of which every match contains.
``"省略" in text`` runs at memory speed over a whole document, and a rule whose
literals appear nowhere in the document costs nothing at all.

:func:`required` is conservative: it answers ``None`` (no filter) for anything it does
not understand, so a filter can only ever skip lines the pattern cannot match.  The
test suite checks that claim on every shipped rule over the whole corpus.

## Compiled on first use

CPython compiles a character class by looping in Python over every code point of its
ranges, so a pattern with ``[\\u4e00-\\u9fff]`` costs about a millisecond to compile, on
every run that imports it.  A pattern that most documents never need (a byline field, a
speech subtitle, a rule whose strings a document does not contain) is wrapped here and
compiled when first used; a one-file run then pays only for what it uses.
"""
from __future__ import annotations

import re

try:  # Python 3.11+
    from re import _constants as _c, _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

#: More alternatives than this make a filter that costs more than it saves (the
#: Aho–Corasick pass does not mind many strings; the list of them should stay readable).
MAX_ALTERNATIVES = 64
#: A repeated literal (-{3,}) contributes at most this many copies.
MAX_REPEAT_COPIES = 4

_Set = frozenset  # a set of strings, one of which every match contains


def parse(pattern: str, flags: int = 0):
    """``re``'s parse tree of a pattern (raises re.error): what compiling does first, without
    building the matcher — a quarter of the cost for a pattern with a wide character class."""
    return _p.parse(pattern, flags)


def required(pattern: str, flags: int = 0, parsed=None) -> frozenset[str] | None:
    """Strings one of which occurs in every match of ``pattern``; None if unknown.
    ``parsed``: the pattern's parse tree, when the caller already has it."""
    if parsed is None:
        try:
            parsed = _p.parse(pattern, flags)
        except Exception:  # noqa: BLE001 - a syntax only another engine knows: no filter
            return None
    icase = bool(parsed.state.flags & _c.SRE_FLAG_IGNORECASE)
    found = _sequence(list(parsed), icase)
    if not found or len(found) > MAX_ALTERNATIVES or any(not s for s in found):
        return None
    return found


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement of a sequence: longest shortest string, then fewest."""
    usable = [c for c in candidates if c and len(c) <= MAX_ALTERNATIVES]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(map(len, c)), -max(map(_commonness, c)), -len(c), sorted(c)))


def _commonness(s: str) -> int:
    """A one-character literal in ASCII or a common Han character (文, :, /) occurs on
    many lines; a symbol (■, 】, ©) on few.  Longer literals are all selective."""
    if len(s) > 1:
        return 0
    return 2 if s.isascii() or "\u4e00" <= s <= "\u9fff" else 1


def _sequence(items: list, icase: bool) -> frozenset[str] | None:
    candidates: list[frozenset[str]] = []
    run = ""  # consecutive literal characters: one required string
    for op, av in items:
        if op is _c.LITERAL and not (icase and _cased(chr(av))):
            run += chr(av)
            continue
        if run:
            candidates.append(_Set([run]))
            run = ""
        need = _item(op, av, icase)
        if need:
            candidates.append(need)
    if run:
        candidates.append(_Set([run]))
    return _best(candidates)


def _item(op, av, icase: bool) -> frozenset[str] | None:
    if op is _c.LITERAL:  # only reached for a cased letter under IGNORECASE
        return None
    if op is _c.IN:
        return _char_class(av, icase)
    if op is _c.SUBPATTERN:
        add_flags, del_flags, sub = av[1], av[2], av[3]
        inner = (icase or bool(add_flags & _c.SRE_FLAG_IGNORECASE)) and not (del_flags & _c.SRE_FLAG_IGNORECASE)
        return _sequence(list(sub), inner)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            need = _sequence(list(branch), icase)
            if not need:
                return None  # one branch needs nothing: the alternation needs nothing
            union |= need
        return _Set(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, body = av
        if low < 1:
            return None
        body = list(body)
        if len(body) == 1 and body[0][0] is _c.LITERAL and not (icase and _cased(chr(body[0][1]))):
            return _Set([chr(body[0][1]) * min(low, MAX_REPEAT_COPIES)])
        return _sequence(body, icase)
    if op is _c.ASSERT:  # a positive look-around: its text is in the line too
        return _sequence(list(av[1]), icase)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _sequence(list(av), icase)
    return None  # ANY, categories, anchors, negative look-arounds, back-references …


def _char_class(items, icase: bool) -> frozenset[str] | None:
    chars = set()
    for op, av in items:
        if op is not _c.LITERAL:
            return None  # ranges, categories, negation: too many characters to list
        c = chr(av)
        if icase and _cased(c):
            return None
        chars.add(c)
    return _Set(chars) if 0 < len(chars) <= 4 else None


def _cased(c: str) -> bool:
    return c.lower() != c.upper() or c in "\u017f\u212a\u0130\u0131"  # ſ K İ ı fold oddly


#: A character class with more members than this is "any character" to first_chars.
MAX_FIRST = 256


class StartSet:
    """The characters a match can start with: a set, and perhaps any decimal digit (re's
    \\d) or any white space (re's \\s), as str.isdecimal / str.isspace tell them."""

    __slots__ = ("chars", "digits", "spaces")

    def __init__(self, chars: frozenset[str], digits: bool = False, spaces: bool = False):
        self.chars, self.digits, self.spaces = chars, digits, spaces

    def __contains__(self, c: str) -> bool:
        return c in self.chars or (self.digits and c.isdecimal()) or (self.spaces and c.isspace())

    def __or__(self, other: "StartSet") -> "StartSet":
        return StartSet(self.chars | other.chars, self.digits or other.digits, self.spaces or other.spaces)


def _parse(pattern: str, flags: int):
    try:
        parsed = _p.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a syntax only another engine knows: no filter
        return None
    if parsed.state.flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_ASCII):
        return None  # case folding (or ASCII-only classes) widen what a character matches
    return parsed


def first_chars(pattern: str, flags: int = 0) -> StartSet | None:
    """The characters a match of ``pattern`` can start with; None if unknown or if the
    pattern can match the empty string.  (Used to skip positions no match can start at.)"""
    parsed = _parse(pattern, flags)
    return None if parsed is None else _start_set(list(parsed))


def _start_set(items: list) -> StartSet | None:
    chars, can_be_empty = _first_of_sequence(items)
    if chars is None or can_be_empty:
        return None
    return StartSet(frozenset(c for c in chars if c not in (_DIGIT, _SPACE)), _DIGIT in chars, _SPACE in chars)


def start_gate(pattern: str) -> tuple[str, int] | None:
    """For a pattern anchored at the start of the text (``^``): a one-character class, as
    (source, flags), of what a matching non-empty line can begin with; None if unknown.

    Rules with no required string (``required``) would otherwise be tried on every line
    within their length limits; the rules engine tests every line's first character against
    the gate in one C-level pass instead.  The class carries the pattern's own case and
    ASCII flags, so ``(?i)`` folds exactly as the pattern does.  A pattern that can match
    the empty string has a gate only when it must also reach the end (``...$``): a
    non-empty line must then begin with one of its characters."""
    try:
        parsed = _p.parse(pattern)
    except Exception:  # noqa: BLE001 - not re's syntax: no gate
        return None
    flags = parsed.state.flags
    items = list(parsed)
    if flags & _c.SRE_FLAG_MULTILINE or not items or items[0] != (_c.AT, _c.AT_BEGINNING) \
            and items[0] != (_c.AT, _c.AT_BEGINNING_STRING):
        return None
    chars, can_be_empty = _first_of_sequence(items[1:])
    if chars is None or can_be_empty and items[-1] not in ((_c.AT, _c.AT_END), (_c.AT, _c.AT_END_STRING)):
        return None
    members = "".join(re.escape(c) for c in sorted(chars - {_DIGIT, _SPACE}))
    members += ("\\d" if _DIGIT in chars else "") + ("\\s" if _SPACE in chars else "")
    return "[" + members + "\\x00]", flags & (_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_ASCII)


_DIGIT = "\\d"  # stand for "any decimal digit" and "any white space" in the sets below
_SPACE = "\\s"
_DIGITS = (_c.CATEGORY_DIGIT, _c.CATEGORY_UNI_DIGIT)
_SPACES = (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE)


def _first_of_sequence(items: list) -> tuple[set[str] | None, bool]:
    """(possible first characters, whether the sequence can match nothing)."""
    chars: set[str] = set()
    for op, av in items:
        first, empty = _first_of_item(op, av)
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _first_of_item(op, av) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < MAX_FIRST:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            elif kind is _c.CATEGORY and value in _DIGITS:
                chars.add(_DIGIT)
            elif kind is _c.CATEGORY and value in _SPACES:
                chars.add(_SPACE)
            else:
                return None, False  # a negated class, a wide range, \\w …
        return (chars, False) if len(chars) <= MAX_FIRST else (None, False)
    if op is _c.SUBPATTERN:
        if av[1] & _c.SRE_FLAG_IGNORECASE:
            return None, False
        return _first_of_sequence(list(av[3]))
    if op is _c.BRANCH:
        chars, empty = set(), False
        for branch in av[1]:
            first, e = _first_of_sequence(list(branch))
            if first is None:
                return None, False
            chars |= first
            empty = empty or e
        return chars, empty
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        first, empty = _first_of_sequence(list(av[2]))
        return first, empty or av[0] == 0
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # anchors and look-arounds consume nothing
    return None, False  # any character, other categories, back-references …

class LazyPattern:
    """Behaves as the compiled pattern (``search``, ``finditer``, ``match``, ``flags`` …);
    ``pattern`` is the source, available without compiling."""

    def __init__(self, source: str, flags: int = 0):
        self.pattern = source
        self._flags = flags
        self._compiled: re.Pattern | None = None

    def __getstate__(self) -> tuple[str, int]:  # pickled as its source (bound methods are not)
        return self.pattern, self._flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.__init__(*state)

    def __getattr__(self, name: str):
        # only for attributes not found on the instance: compile, then keep what was asked
        # for (a bound method) on the instance, so the next use is a plain attribute lookup
        if name.startswith("__"):
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value
