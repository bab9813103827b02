"""The message catalog: extract the message ids from the code, update the .po, compile the .mo.

    python scripts/messages.py           # after changing or adding a message: update + compile
    python scripts/messages.py --check   # exit 1 when a message has no translation or the .mo is stale

Uses Babel (a test dependency; the installed tool reads only the compiled .mo through the
standard library's gettext).  Messages are marked in the code with ``_()``, ``N_()`` and
``ngettext()`` from ``outline_cli.i18n``; click's own messages that our command shows are
listed in CLICK_MESSAGES (click marks them with gettext but ships no catalog).  New ids are
added to the .po with an empty translation, ids no longer in the code are dropped, and the
translations are written by hand in the .po.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import datetime as _dt

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "outline_cli"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "outline.po"
MO = PO.with_suffix(".mo")
#: Fixed catalog dates: the same messages give the same .po and .mo bytes.
FIXED = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

#: click's messages that `outline` can show (click's own ids, as click writes them).
CLICK_MESSAGES = [
    "Usage:", "Options", "Show this message and exit.", "Show the version and exit.",
    "%(prog)s, version %(version)s", "Error: {message}", "Try '{command} {option}' for help.",
    "Invalid value: {message}", "Invalid value for {param_hint}: {message}", "Missing argument",
    "Missing option", "Missing parameter", "No such option {name!r}.",
    "Option {name!r} does not take a value.", "Aborted!", "default: {default}",
    "{value} is not in the range {range}.", "{value!r} is not a valid {number_type}.",
    "{name} {filename!r} does not exist.", "{name} {filename!r} is a directory.",
    "{name} {filename!r} is a file.", "{name} {filename!r} is not readable.",
    "file", "directory", "path",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
]


def template():
    """The catalog of every message id: the code's (extracted by Babel) and click's."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="tigang", domain="outline", charset="utf-8",
                      creation_date=FIXED, revision_date=FIXED)
    found = extract_from_dir(str(PACKAGE), keywords=KEYWORDS, comment_tags=("NOTE",))
    for filename, lineno, message, comments, context in sorted(found, key=lambda m: (m[0], m[1])):
        catalog.add(message, locations=[(f"src/outline_cli/{filename}", lineno)],
                    auto_comments=comments, context=context)
    for message in CLICK_MESSAGES:
        catalog.add(message, locations=[("click", 0)])
    return catalog


def read_po():
    from babel.messages.pofile import read_po as read

    with open(PO, "rb") as fh:
        return read(fh, locale="zh_CN", domain="outline")


def updated():
    """The .po brought up to the code's message ids (translations kept)."""
    catalog = read_po() if PO.exists() else None
    tmpl = template()
    if catalog is None:
        from babel.messages.catalog import Catalog

        catalog = Catalog(locale="zh_CN", domain="outline", project="tigang", charset="utf-8",
                          creation_date=FIXED, revision_date=FIXED)
    catalog.update(tmpl, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # the header: its dates are fixed, its plural rule is zh_CN's
    return catalog


def po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, sort_output=False, include_lineno=False)
    return buf.getvalue()


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def untranslated(catalog) -> list[str]:
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def missing_ids() -> list[str]:
    """Message ids in the code that the .po does not hold."""
    catalog = read_po()
    return [m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id and m.id not in catalog]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        catalog = read_po()
        problems = [f"not in the .po (run scripts/messages.py): {i}" for i in missing_ids()]
        problems += [f"no translation: {i}" for i in untranslated(catalog)]
        if not MO.exists() or MO.read_bytes() != mo_bytes(catalog):
            problems.append(f"{MO.relative_to(ROOT)} is stale: run python scripts/messages.py")
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    catalog = updated()
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po_bytes(catalog))
    catalog = read_po()  # as written
    MO.write_bytes(mo_bytes(catalog))
    todo = untranslated(catalog)
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} messages, {len(todo)} without a translation")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
