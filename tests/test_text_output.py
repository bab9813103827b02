"""``-f text`` on a truncated document: a heading only the 目录 still has (the paywall cut
its part of the body) stays as a line of its own, in document order."""
from __future__ import annotations

from conftest import run_cli

BODY = "这是一段足够长的正文，用来说明本节的具体内容和工作要求。"
TOC = "目录/提纲：……\n一、提高政治站位\n二、狠抓工作落实\n三、持续改进作风\n……\n"
PAYWALL = "……(新文秘网http://www.example.cn省略877字,正式会员可完整阅读)……\n"


def text_lines(text: str) -> list[str]:
    out = run_cli("-f", "text", "-", input=text.encode("utf-8"))
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode("utf-8").splitlines()


def test_toc_only_headings_follow_the_cut_body_in_order():
    lines = text_lines(TOC + f"在全县干部大会上的讲话\n同志们：\n一、提高政治站位\n{BODY}{BODY}\n" + PAYWALL)
    assert lines[:2] == ["在全县干部大会上的讲话", ""]
    assert lines[-4:] == ["一、提高政治站位", f"{BODY}{BODY}", "二、狠抓工作落实", "三、持续改进作风"]


def test_a_toc_only_heading_between_body_headings_stands_before_the_next_one():
    lines = text_lines(TOC + f"在全县干部大会上的讲话\n一、提高政治站位\n{BODY}{BODY}\n"
                       f"三、持续改进作风\n{BODY}{BODY}\n")
    assert lines[-5:] == ["一、提高政治站位", f"{BODY}{BODY}", "二、狠抓工作落实",
                          "三、持续改进作风", f"{BODY}{BODY}"]


def test_a_toc_whose_entries_are_all_in_the_body_adds_nothing():
    body = (f"在全县干部大会上的讲话\n一、提高政治站位\n{BODY}{BODY}\n二、狠抓工作落实\n{BODY}{BODY}\n"
            f"三、持续改进作风\n{BODY}{BODY}\n")
    lines = text_lines(TOC + body)
    assert lines == ["在全县干部大会上的讲话", ""] + body.splitlines()[1:]
    assert "目录" not in "".join(lines)
