"""Regular expressions compiled on first use.

正则延迟编译：模块导入时只记下正则，第一次用到时才编译。

CPython compiles a character class by looping in Python over every code point of its
ranges, so a pattern with ``[\\u4e00-\\u9fff]`` costs about a millisecond to compile, on
every run that imports it.  A pattern that most documents never need (a byline field, a
speech subtitle, a rule whose strings a document does not contain) is wrapped here and
compiled when first used; a one-file run then pays only for what it uses.
"""
from __future__ import annotations

import re


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
