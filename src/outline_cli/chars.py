"""Character classes used across the pipeline.

字符工具：统计汉字数等，多个步骤共用一处实现。
"""
from __future__ import annotations

import re

_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def han_count(text: str) -> int:
    """How many CJK unified ideographs (U+4E00–U+9FFF) ``text`` holds.

    (Deleting everything else and measuring is ~3x faster than counting matches.)"""
    return len(_NOT_HAN.sub("", text))
