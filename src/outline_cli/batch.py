"""Batches: many inputs in one process or a pool of processes, same output whatever the pool.

批量处理：一次处理很多文件；可用多进程（--jobs N）。输出的顺序和内容与进程数无关。

Each input becomes an :class:`Outcome` — the rendered output bytes, or a one-line
error — computed by :func:`process` (pure: it reads its input and writes nothing).
The caller writes outputs in input order.  Before the pass that outlines the files, a
batch counts which normalised lines recur across many of its files (the furniture of
one site: footers, menus; CCNet's idea) so the pipeline can drop them
(``batch-repeats``); that count is the same whatever the number of processes.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .clean.repeats import line_keys
from .config import Config
from .document import iter_headings

#: A line must recur in at least this many files, and this share of the batch, to go.
REPEAT_MIN_FILES = 3
REPEAT_MIN_SHARE = 0.2
#: Pass one counts lines in at most this many files, spread evenly over the batch: a
#: line in a fifth of the batch shows in a fifth of the sample (and pass one's cost
#: stays bounded for a folder of 50,000 pages).  The same files whatever --jobs.
REPEAT_SAMPLE = 256


@dataclass
class Outcome:
    name: str
    data: bytes | None = None  # the rendered output
    error: str | None = None
    size: int = 0  # bytes read
    notices: list[str] = field(default_factory=list)  # warnings for stderr
    explain: list[tuple] = field(default_factory=list)  # (line, rule, category, action, text)
    headings: list[tuple] = field(default_factory=list)  # (line, text, level, source)
    title: tuple = ("", 0, ())  # (title, line, evidence that chose it)
    classes: list[tuple] = field(default_factory=list)  # (line, kind, score) at body-span


def file_keys(data: bytes, encoding: str | None) -> set[str]:
    """Pass one for one file: the set of its line keys (empty when it cannot be read)."""
    from .read import InputError, decode

    try:
        text, _ = decode(data, encoding)
    except InputError:
        return set()
    keys = set(line_keys([ln.strip() for ln in text.split("\n")]))  # as the pipeline sees lines
    keys.discard(None)
    return keys


def key_jobs(jobs_in: list[tuple], encoding: str | None) -> list[tuple]:
    """Pass one's work: (name, path, data, encoding) of the sampled files."""
    n = len(jobs_in)
    picked = jobs_in if n <= REPEAT_SAMPLE else [jobs_in[i * n // REPEAT_SAMPLE] for i in range(REPEAT_SAMPLE)]
    return [(name, path, data, encoding) for name, path, data, _ in picked]


def repeated_keys(key_sets: list[set[str]]) -> frozenset[str]:
    """Reduce: keys found in enough files of the batch.  Copies of one file count once
    (a folder holding the same page twice must not turn its text into "furniture")."""
    key_sets = list({frozenset(k) for k in key_sets if k})
    if len(key_sets) < REPEAT_MIN_FILES:
        return frozenset()
    counts: dict[int, int] = {}
    for keys in key_sets:
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    floor = max(REPEAT_MIN_FILES, int(len(key_sets) * REPEAT_MIN_SHARE + 0.999))
    return frozenset(k for k, n in counts.items() if n >= floor)


# -- one input -------------------------------------------------------------------------
_STATE: dict = {}


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle: workers just stop when it terminates them."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        pass  # not the main thread


def _init(config: Config, repeated: frozenset[str]) -> None:
    """Worker set-up without fork: compile the rules once per process."""
    from .pipeline import make_context

    _ignore_interrupts()
    _STATE["ctx"] = make_context(config)
    _STATE["ctx"].repeated = repeated


def read_path(path: Path) -> bytes:
    from .read import MAX_BYTES, InputError, too_big

    from .read.formats import format_names

    folder = f"is a folder with no {format_names()} files (use -r for subfolders)"
    try:
        with open(path, "rb") as fh:  # one open and one fstat: a batch reads thousands of files
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_BYTES:
                raise too_big(size)  # refused before reading: memory stays bounded
            return fh.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError(folder) from None
    except PermissionError:
        raise InputError(folder if path.is_dir() else "permission denied") from None  # (Windows: a folder)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def process(name: str, path: str | None, data: bytes | None, file_key: str | None,
            ctx=None) -> Outcome:
    """Outline one input and render it; never raises for a bad input."""
    from .emit import EMITTERS
    from .pipeline import run_bytes
    from .read import InputError

    ctx = ctx or _STATE["ctx"]
    config = ctx.config
    out = Outcome(name)
    try:
        if data is None:
            data = read_any(path)
        out.size = len(data)
        doc = run_bytes(data, ctx, name)
    except InputError as exc:
        out.error = str(exc)
        return out
    except OSError as exc:  # a remote store (fsspec) failing
        out.error = f"cannot read: {exc}"
        return out
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug must not end a batch or print a traceback
        out.error = f"internal error ({type(exc).__name__}: {exc}); please report this file"
        return out
    out.notices = [w.text for w in doc.warnings if w.kind == "undecodable-bytes"]
    if config.explain:
        out.explain = [(r.line, r.rule, r.category, r.action, r.text)
                       for r in sorted(doc.removed, key=lambda r: r.line)]
        out.headings = [(h.line, h.marker + h.text, h.level, h.source) for h in iter_headings(doc.sections)]
        out.title = (doc.title, doc.title_line, tuple(doc.title_evidence))
        out.classes = list(doc.classes)
    emitter = EMITTERS[config.format]
    try:
        text = emitter(doc, config, file_key) if config.format in ("yaml", "json", "jsonl") else emitter(doc, config)
    except Exception as exc:  # noqa: BLE001 - a bug must not end a batch or print a traceback
        out.error = f"internal error while writing {config.format} ({type(exc).__name__}: {exc}); please report it"
        return out
    out.data = text if isinstance(text, bytes) else text.encode("utf-8")
    return out


def _process_job(job) -> Outcome:
    return process(*job)


def _keys_job(job) -> set[str]:
    name, path, data, encoding = job
    try:
        data = data if data is not None else read_any(path)
    except Exception:  # noqa: BLE001 - unreadable files fail properly in the second pass
        return set()
    return file_keys(data, encoding)


# -- the batch ------------------------------------------------------------------------------
def default_jobs(count: int, total_bytes: int) -> int:
    """Several processes only when there is enough work to pay for starting them."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if count >= 8 and total_bytes >= 256 * 1024 else 1


def _pool(jobs: int, config: Config, repeated: frozenset[str], ctx=None):
    import multiprocessing as mp

    if sys.platform.startswith("linux") and ctx is not None:
        # forked workers inherit the compiled rules (and the imports) of this process
        ctx.repeated = repeated
        _STATE["ctx"] = ctx
        return mp.get_context("fork").Pool(jobs, initializer=_ignore_interrupts)
    return mp.get_context("spawn").Pool(jobs, initializer=_init, initargs=(config, repeated))


def outcomes(jobs_in: list[tuple], config: Config, ctx, jobs: int, repeats: bool):
    """Yield an Outcome per input, in input order.

    ``jobs_in`` holds (name, path or None, data or None, file key) tuples."""
    repeated: frozenset[str] = frozenset()
    if repeats and len(jobs_in) >= REPEAT_MIN_FILES:
        sampled = key_jobs(jobs_in, config.encoding)
        if jobs > 1:
            with _pool(jobs, config, frozenset(), ctx) as pool:
                sets = pool.map(_keys_job, sampled, chunksize=16)
        else:
            sets = [_keys_job(j) for j in sampled]
        repeated = repeated_keys(sets)
    ctx.repeated = repeated
    if jobs <= 1:
        for job in jobs_in:
            yield process(*job, ctx=ctx)
        return
    pool = _pool(jobs, config, repeated, ctx)
    try:
        for outcome in pool.imap(_process_job, jobs_in, chunksize=8):
            yield outcome
        pool.close()
    finally:
        pool.terminate()  # on Ctrl-C or a closed stdout: stop the workers at once
        pool.join()


# -- Dask: the same two passes on a cluster ------------------------------------------------
_DASK_CONTEXTS: dict = {}


def _dask_context(config: Config, repeated: frozenset[str]):
    """One compiled context per worker process and configuration (rules compile once)."""
    from .pipeline import make_context

    ctx = _DASK_CONTEXTS.get(config)
    if ctx is None:
        ctx = _DASK_CONTEXTS[config] = make_context(config)
    ctx.repeated = repeated
    return ctx


def read_any(path: str) -> bytes:
    """A local path, or an fsspec URL (s3://…, hdfs://…) when fsspec and its backend are installed."""
    if "://" in path and not path.startswith("file://"):
        import fsspec

        from .read import MAX_BYTES, too_big

        with fsspec.open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise too_big(len(data))
        return data
    return read_path(Path(path.removeprefix("file://")))


def _dask_keys(job) -> set[str]:
    name, path, data, encoding = job
    try:
        data = data if data is not None else read_any(path)
    except Exception:  # noqa: BLE001 - reported in the second pass
        return set()
    return file_keys(data, encoding)


def _dask_process(chunk, config: Config, repeated: frozenset[str]) -> list[Outcome]:
    ctx = _dask_context(config, repeated)
    return [process(name, path, data, file_key, ctx=ctx) for name, path, data, file_key in chunk]


def _dask_keys_chunk(chunk) -> list[set[str]]:
    return [_dask_keys(job) for job in chunk]


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


#: Files per Dask task: one task per file costs more in scheduling than outlining it.
DASK_CHUNK = 16


def dask_client(address: str):
    """A client for ``address`` ('local' starts a LocalCluster with one process per core)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--dask needs Dask: pip install 'tigang[dask]'") from None
    if address == "local":
        cluster = LocalCluster(n_workers=default_jobs(1 << 20, 1 << 30), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(address)


def outcomes_dask(jobs_in: list[tuple], config: Config, client, repeats: bool):
    """Yield an Outcome per input, in input order, computed on a Dask cluster.

    Pass one maps every file to its set of line keys and reduces them to the keys that
    recur across the batch; pass two outlines each file with that set — the same
    result as the local process pool."""
    repeated: frozenset[str] = frozenset()
    if repeats and len(jobs_in) >= REPEAT_MIN_FILES:
        parts = client.map(_dask_keys_chunk, _chunks(key_jobs(jobs_in, config.encoding), DASK_CHUNK),
                           pure=False)
        repeated = client.submit(lambda groups: repeated_keys([k for g in groups for k in g]), parts).result()
    # scatter a list of one item: scattering the set itself would send its elements
    shared = client.scatter([repeated], broadcast=True)[0] if repeated else repeated
    futures = client.map(_dask_process, _chunks(jobs_in, DASK_CHUNK), config=config, repeated=shared,
                         pure=False)
    try:
        for future in futures:
            yield from future.result()
    finally:
        client.cancel(futures)
