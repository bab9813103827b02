"""Keywords and a key sentence per section, with jieba's dictionary and IDF table.

关键词：用 jieba 的词典与 IDF 表（分词用 rjieba，即 jieba-rs，输出与 jieba 相同而快约 30 倍），
词的得分 = 本节词频 × 通用 IDF × 同级区分度（在越少的同级小节中出现越高），去掉虚词与讲话套话，
政策术语（乡村振兴、第一书记……）按领域词典整体保留。要点句：本节中关键词得分最高的一句。

Only the simplified analysis view is segmented (pinyin glosses are gone by then, so
'ng'/'sh' never show up); a keyword is reported in the words of the text itself —
the view and the text line up character by character — and then in ``--script``.

Loading cost: rjieba ~60–120 ms; the IDF table (270k words) is parsed once into an
SQLite file under ``$XDG_CACHE_HOME/outline-cli`` (or the temp dir when the home is
read-only) and queried for the words a document has, so later runs pay a few
milliseconds.  Nothing is written next to the installed package.
"""
from __future__ import annotations

import math
import os
import re
import tempfile
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from ..chars import RAW_SENTENCE_ENDS
from ..data import path_of, read_text
from ..i18n import _
from ..document import Document, Heading, iter_headings
from ..normalize.garbled import garbled_spans
from ..normalize.script import many_views

_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# 这两项 / 那些 / 三个方面: pointers and counts, not topics
_POINTER = re.compile(r"^[这那][\u4e00-\u9fff]*$|^[一二两三四五六七八九十几多]+[项个条点种类些次]")
_SENTENCE = re.compile(f"[^{RAW_SENTENCE_ENDS}]+[{RAW_SENTENCE_ENDS}]?")
# nouns, verbal nouns, idioms and abbreviations: plain verbs (得来, 凝聚) say little alone
KEEP_TAGS = ("n", "vn", "an", "l", "i", "j")
CACHE_VERSION = 1


def cache_dirs() -> list[Path]:
    """Where caches may go, best first: XDG cache, then a per-user temp folder."""
    dirs = []
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    dirs.append(Path(xdg) / "outline-cli")
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    dirs.append(Path(tempfile.gettempdir()) / f"outline-cli-{uid}")
    return dirs


def _idf_source() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("jieba")  # the file only: jieba itself is never imported
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "analyse" / "idf.txt"
    return path if path.exists() else None


class IdfTable:
    """IDF values of jieba's table, looked up a batch of words at a time.

    The 270k-word table costs ~250 ms to parse; a document needs a few hundred of its
    words.  So it is parsed once into an SQLite file in the cache folder and queried;
    with no writable cache folder it is parsed into memory for the run."""

    def __init__(self) -> None:
        self.default = 11.7  # jieba's median IDF: the value for words it does not know
        self.memory: dict[str, float] | None = None
        self.seen: dict[str, float] = {}  # words already looked up in the cache file
        self.db = None
        src = _idf_source()
        if src is None:
            self.memory = {}
            return
        stamp = f"{CACHE_VERSION}-{src.stat().st_size}-{int(src.stat().st_mtime)}"
        for folder in cache_dirs():
            path = folder / f"idf-{stamp}.sqlite"
            if path.exists() and self._open(path):
                return
        rows = list(_parse_idf(src))
        for folder in cache_dirs():
            if self._build(folder / f"idf-{stamp}.sqlite", rows):
                return
        self.memory = dict(rows)  # read-only everywhere: keep it in memory for this run

    def _open(self, path: Path) -> bool:
        import sqlite3

        try:
            # read only, and one table serves the whole process (idf_table), whose threads
            # may ask (``outline serve`` answers requests in threads); sqlite3 serialises
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self.default = self.db.execute("SELECT v FROM meta WHERE k = 'median'").fetchone()[0]
            return True
        except sqlite3.Error:
            self.db = None
            return False

    def _build(self, path: Path, rows: list[tuple[str, float]]) -> bool:
        import sqlite3

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            os.close(fd)
            con = sqlite3.connect(tmp)
            con.execute("CREATE TABLE idf (w TEXT PRIMARY KEY, v REAL) WITHOUT ROWID")
            con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v REAL)")
            con.executemany("INSERT OR REPLACE INTO idf VALUES (?, ?)", rows)
            values = sorted(v for _, v in rows)
            con.execute("INSERT INTO meta VALUES ('median', ?)", (values[len(values) // 2] if values else 11.7,))
            con.commit()
            con.close()
            os.replace(tmp, path)  # atomic: a half-built cache is never seen
        except (OSError, sqlite3.Error):
            return False
        return self._open(path)

    def lookup(self, words) -> dict[str, float]:
        words = list(words)
        if self.memory is not None:
            return {w: self.memory.get(w, self.default) for w in words}
        # a batch asks for the same words file after file: each is looked up once
        seen = self.seen
        new = [w for w in words if w not in seen]
        found: dict[str, float] = {}
        for i in range(0, len(new), 500):
            chunk = new[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT w, v FROM idf WHERE w IN ({marks})", chunk))
        if len(seen) > 200_000:
            seen.clear()  # bounded: the whole table is ~350,000 words
        for w in new:
            seen[w] = found.get(w, self.default)
        return {w: seen[w] for w in words}


def _parse_idf(src: Path):
    with open(src, encoding="utf-8") as fh:
        for row in fh:
            word, _, value = row.rstrip("\n").partition(" ")
            try:
                yield word, float(value)
            except ValueError:
                continue


@lru_cache(maxsize=1)
def idf_table() -> IdfTable:
    return IdfTable()


class DictError(Exception):
    """A --user-dict that cannot be used; the message names the file and the problem."""


#: A user dictionary larger than this is refused (jieba's own dictionary is ~5 MB).
MAX_USER_DICT = 64 * 1024 * 1024
#: Frequencies are capped here (jieba's largest is ~800,000; rjieba keeps them in 64 bits).
MAX_FREQ = 10**9


@lru_cache(maxsize=4)
def _read_words(path: Path) -> tuple[tuple[str, int, str], ...]:
    from ..read import InputError, read_regular

    try:
        text = read_regular(path, MAX_USER_DICT).decode("utf-8")
    except InputError as exc:
        raise DictError(f"{path}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise DictError(_("{path}: not UTF-8 text (byte {start}); save the word list as UTF-8").format(
            path=path, start=exc.start)) from None
    if "\x00" in text:
        raise DictError(_("{path}: not a word list (NUL bytes)").format(path=path))
    words = []
    for row in text.splitlines():
        row = row.strip()
        if not row or row.startswith("#"):
            continue
        parts = row.split()
        number = len(parts) > 1 and parts[1].isdecimal()  # (isdigit() takes ² too, which int() refuses)
        freq = (MAX_FREQ if len(parts[1]) > 9 else int(parts[1])) if number else 80000
        tag = parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 and not number else "nz")
        words.append((parts[0], freq, tag))
    return tuple(words)


def check_user_dict(path: str) -> None:
    """Read the user's dictionary once, up front: a broken one is the run's usage
    error, not a failure of every input."""
    _read_words(Path(path))


@lru_cache(maxsize=4)
def segmenter(user_dict: str | None = None):
    import rjieba  # lazy: only with --keywords

    # the module's own instance is built at import; a second one costs ~80 ms more
    jieba = rjieba.Jieba() if user_dict else rjieba
    sources = [path_of("domain_dict.txt")]
    if user_dict:
        sources.append(Path(user_dict))
    for path in sources:
        for word, freq, tag in _read_words(path):
            jieba.add_word(word, freq, tag)
    return jieba


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    data = read_text("stopwords.txt")
    return frozenset(ln.strip() for ln in data.splitlines() if ln.strip() and not ln.startswith("#"))


def terms_at(jieba, text: str, stop: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, word) of the content words of ``text``: nouns and the like, two Han
    characters or more, not stop words or pointers (这些, 三项)."""
    out = []
    at = 0
    tags, words = _TAG_KEPT, _WORD_KEPT.setdefault(stop, {})
    for word, tag in jieba.tag(text, hmm=False):  # the tokens cover the text in order
        # both answers are remembered: a batch sees the same few thousand words and tags
        keep = tags.get(tag)
        if keep is None:
            keep = tags[tag] = tag.startswith(KEEP_TAGS)
        if keep:
            keep = words.get(word)
            if keep is None:
                if len(words) > 200_000:
                    words.clear()
                keep = words[word] = (len(word) >= 2 and word not in stop and _HAN_WORD.match(word) is not None
                                      and not _POINTER.match(word))
            if keep:
                out.append((at, word))
        at += len(word)
    return out


_TAG_KEPT: dict[str, bool] = {}
_WORD_KEPT: dict[frozenset, dict[str, bool]] = {}  # per stop-word list


def add_keywords(doc: Document, n: int, user_dict: str | None = None) -> None:
    """Step ``keywords``: ``h.extra = {keywords: [...], summary: ...}`` for every section
    with enough text of its own (its paragraphs and its subsections')."""
    from ..emit.model import section_text

    jieba = segmenter(user_dict)
    stop = stopwords()
    own = section_text(doc)  # paragraphs under each heading (original text)
    views = own
    if doc.view_of:  # every section's paragraphs converted in one call
        flat = many_views(doc.view_of, [t for v in own.values() for t in v])
        views, at = {}, 0
        for k, v in own.items():
            views[k], at = flat[at:at + len(v)], at + len(v)

    def subtree(h: Heading, table: dict[int, list[str]]) -> list[str]:
        return [t for node in iter_headings([h]) for t in table.get(id(node), [])]

    # segment each paragraph once (bags and key sentences both read it); a section's bag
    # is its own plus its subsections'
    segmented: dict[str, list[tuple[int, str]]] = {}

    def words_of(view: str) -> list[tuple[int, str]]:
        found = segmented.get(view)
        if found is None:
            found = segmented[view] = terms_at(jieba, view, stop)
        return found

    own_bags: dict[int, dict[str, int]] = {}
    for h in iter_headings(doc.sections):
        bag: dict[str, int] = {}
        for para in views.get(id(h), []):
            for _, w in words_of(para):
                bag[w] = bag.get(w, 0) + 1
        own_bags[id(h)] = bag
    counts: dict[int, dict[str, int]] = {}
    for h in iter_headings(doc.sections):
        total: dict[str, int] = {}
        for node in iter_headings([h]):
            for w, c in own_bags[id(node)].items():
                total[w] = total.get(w, 0) + c
        counts[id(h)] = total

    idf = idf_table().lookup(sorted({w for bag in counts.values() for w in bag}))

    def score_level(siblings: list[Heading]) -> None:
        present: dict[str, int] = {}
        for s in siblings:
            for w in counts[id(s)]:
                present[w] = present.get(w, 0) + 1
        for s in siblings:
            bag = counts[id(s)]
            if sum(bag.values()) < 8:  # too little text of its own to say anything
                continue
            spread = len(siblings)
            scored = {w: c * idf[w] * math.log((spread + 1) / present[w] + 1)
                      for w, c in bag.items()}
            best = sorted(scored, key=lambda w: (-scored[w], w))[:n]
            paras_v, paras_t = subtree(s, views), subtree(s, own)
            s.extra["keywords"] = [_original(w, paras_v, paras_t) for w in best]
            heads = [doc.view(h.text) for h in iter_headings([s])]
            s.extra["summary"] = _key_sentence(paras_t, paras_v, scored, words_of, heads)
        for s in siblings:
            if s.children:
                score_level(s.children)

    if doc.sections:
        score_level(doc.sections)


def _original(word: str, views: list[str], texts: list[str]) -> str:
    """The keyword as the text writes it (traditional stays traditional)."""
    for view, text in zip(views, texts):
        at = view.find(word)
        if at >= 0 and len(view) == len(text):
            return text[at:at + len(word)]
    return word


def _offset(item: tuple[int, str]) -> int:
    return item[0]


def _key_sentence(texts: list[str], views: list[str], scored: dict[str, float], words_of,
                  headings: list[str]) -> str:
    """The sentence of the section that carries most of its keywords — not the heading
    sentence itself, nor one with garbled text.  A sentence's words are its paragraph's
    (segmented once): sentences end at punctuation, where the segmenter's blocks end too."""
    best, best_score = "", 0.0
    for text, view in zip(texts, views):
        if len(view) != len(text):
            continue
        bad = garbled_spans(text)
        words = words_of(view)
        for m in _SENTENCE.finditer(view):
            sentence = m.group(0).strip()
            if len(sentence) < 8 or any(h and h in sentence for h in headings):
                continue
            if any(a < m.end() and m.start() < b for a, b in bad):
                continue
            first, stop = bisect_left(words, m.start(), key=_offset), bisect_left(words, m.end(), key=_offset)
            value = sum(scored.get(w, 0.0) for _, w in words[first:stop]) / math.sqrt(len(sentence))
            if value > best_score:
                best, best_score = text[m.start():m.end()].strip(), value
    return best
