"""Enrich: keywords and a key sentence per section (``--keywords N``).

关键词与要点句：每个小节的关键词（相对同级小节有区分度）和一句取自本节原文的要点句。
Word segmentation is loaded only here, only when keywords are asked for.
"""
