"""Read a plain text file: the encoding detected (or given), line breaks unified."""
from __future__ import annotations

from . import decode
from .formats import Reading


def read(data: bytes, config) -> Reading:
    notes: list[str] = []
    text, encoding = decode(data, config.encoding, notes)
    return Reading(encoding, text=text, notes=notes)


def refuse_xml(data: bytes, config) -> Reading:
    from . import InputError

    raise InputError("an XML file (an OPML/FreeMind outline, perhaps outline's own output), "
                     "not a text to outline")
