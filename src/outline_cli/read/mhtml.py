"""Read a browser's single-file page (.mhtml/.mht): the HTML part of the MIME container.

网页单文件（.mhtml/.mht，浏览器“另存为单个文件”）：用标准库 email 解析 MIME 容器，取出
HTML 部分（quoted-printable/base64 解码，按声明的字符集），再按网页读取。
"""
from __future__ import annotations

import email
import email.policy

from . import InputError
from .formats import Reading


def html_part(data: bytes) -> tuple[bytes, str | None]:
    """The first text/html part's bytes (transfer encoding undone) and its charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise InputError("a .mhtml file with no HTML page in it")


def read(data: bytes, config) -> Reading:
    from . import html

    payload, charset = html_part(data)
    reading = html.read(payload, config, declared=charset)
    return reading
