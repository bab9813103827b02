"""Messages in the user's language: English, or Chinese (zh_CN) from a gettext catalog.

界面语言：帮助、错误、警告、批量汇总按系统语言显示中文或英文；``--lang zh``/``--lang en`` 或环境
变量 ``OUTLINE_LANG`` 可强制指定。

The catalog is ``locale/zh_CN/LC_MESSAGES/outline.po`` (the source, edited by hand) and its
compiled ``outline.mo`` (made by ``python scripts/messages.py``, which also extracts the
message ids from the code with Babel; a test fails when the .mo is stale or a message has no
translation).  The language is chosen, first found wins, from: ``--lang`` on the command
line, ``OUTLINE_LANG``, then gettext's own order ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``, and on Windows the user's UI language.  Output files never change with the
language: only what a person reads on the terminal does.

Click's own words (Usage:, Options:, Error:, "Invalid value for …") are in the same catalog:
click marks them with the standard library's gettext, so its modules' ``_`` is pointed at
our catalog.
"""
from __future__ import annotations

import gettext as _gettext
import os
import sys
from pathlib import Path

DOMAIN = "outline"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: The languages we ship, by the code gettext looks for.
LANGUAGES = ("zh_CN", "en")
ENV = "OUTLINE_LANG"

_current: list = []  # [translations] once chosen


def _normalise(value: str | None) -> str | None:
    """'zh_CN.UTF-8', 'zh-Hans', 'zh_TW', 'chinese' → 'zh_CN'; 'en_US', 'C', 'POSIX' → 'en';
    anything else → None (look further)."""
    if not value:
        return None
    code = value.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").lower()
    if code.startswith("zh") or code.startswith("chinese"):
        return "zh_CN"
    if code.startswith("en") or code in ("c", "posix"):
        return "en"
    return None


def _from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _windows_ui_language() -> str | None:
    if sys.platform != "win32":
        return None
    try:
        import ctypes
        import locale

        return locale.windows_locale.get(ctypes.windll.kernel32.GetUserDefaultUILanguage())
    except Exception:  # noqa: BLE001 - no UI language: English
        return None


def choose(argv: list[str] | None = None, environ=None) -> str:
    """The language code for this run: 'zh_CN' or 'en'."""
    environ = os.environ if environ is None else environ
    wanted = [_from_argv(sys.argv[1:] if argv is None else argv), environ.get(ENV)]
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            # LANGUAGE is a list (zh_CN:en); it is only consulted when a locale is set at all,
            # like gettext does; LC_ALL=C means English whatever LANGUAGE says
            wanted.append(value)
            if var != "LANGUAGE":
                break
    wanted.append(_windows_ui_language())
    for value in wanted:
        code = _normalise(value)
        if code:
            return code
    return "en"


def install(language: str | None = None) -> str:
    """Load the catalog for ``language`` (default: :func:`choose`) and point click's
    messages at it; the chosen code is left in ``OUTLINE_LANG`` for worker processes."""
    code = _normalise(language) or choose()
    translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    _current[:] = [translations]
    os.environ[ENV] = code
    if "click" in sys.modules:
        _patch_click(translations)
    return code


def _patch_click(translations) -> None:
    for name in ("click.core", "click.decorators", "click.exceptions", "click.formatting",
                 "click.parser", "click.types", "click.termui", "click.utils", "click._termui_impl"):
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "_"):
            module._ = translations.gettext
        if module is not None and hasattr(module, "ngettext"):
            module.ngettext = translations.ngettext


def _translations():
    if not _current:
        install()
    return _current[0]


def _(message: str) -> str:
    """The message in the user's language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for the catalog where it is translated later (a constant table)."""
    return message
