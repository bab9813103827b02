"""Mind-map XML: OPML (XMind, 百度脑图, 幕布) and FreeMind ``.mm``.

思维导图：OPML 与 FreeMind（.mm）两种 XML，XMind、百度脑图、FreeMind 均可导入。
Text is always XML-escaped by ElementTree: a heading such as ``<script>`` stays text.
"""
from __future__ import annotations

from ..config import Config
from ..document import Document
from . import register
from .model import converter, label


def _converter(doc: Document, config: Config):
    """The script converter, then only characters XML 1.0 allows (whatever reached the
    document by another way than the cleaned input: a page's meta, the Python API)."""
    from ..normalize.controls import xml_text

    conv = converter(doc, config)
    return lambda text: xml_text(conv(text))


def _label(h, conv) -> str:
    return conv(label(h))


def _etree():
    import xml.etree.ElementTree as ET  # lazy: ~3 ms that only mind-map runs need

    return ET


def _xml(root) -> str:
    ET = _etree()
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@register("opml", "opml")
def as_opml(doc: Document, config: Config, file: str | None = None) -> str:
    ET = _etree()
    conv = _converter(doc, config)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = conv(doc.title)
    body = ET.SubElement(root, "body")
    top = ET.SubElement(body, "outline", text=conv(doc.title or "(无标题)"))

    def walk(parent, nodes):
        for h in nodes:
            walk(ET.SubElement(parent, "outline", text=_label(h, conv)), h.children)
    walk(top, doc.sections)
    return _xml(root)


@register("freemind", "mm")
def as_freemind(doc: Document, config: Config, file: str | None = None) -> str:
    ET = _etree()
    conv = _converter(doc, config)
    root = ET.Element("map", version="1.0.1")
    top = ET.SubElement(root, "node", TEXT=conv(doc.title or "(无标题)"))

    def walk(parent, nodes, depth):
        for h in nodes:
            attrs = {"TEXT": _label(h, conv)}
            if depth == 1:
                attrs["POSITION"] = "right"
            walk(ET.SubElement(parent, "node", **attrs), h.children, depth + 1)
    walk(top, doc.sections, 1)
    # FreeMind writes its files without an XML declaration
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="unicode") + "\n"
