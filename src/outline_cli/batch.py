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
from .i18n import _

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
#: Warnings about damage in the input itself, shown on stderr too (a clerk must learn that
#: bytes were replaced or characters dropped even when the output format has no warnings).
INPUT_DAMAGE = frozenset({"undecodable-bytes", "mixed-encoding", "control-characters"})
_STATE: dict = {}


def _ignore_interrupts() -> None:
    """Ctrl-C and SIGTERM are the parent's to handle: workers just stop when it terminates
    them (SIGTERM back to its default action: a forked worker inherits the parent's
    handler, which would raise inside the worker and print a traceback).  And when the
    parent is killed outright (SIGKILL), the kernel ends the workers with that SIGTERM
    (Linux's parent-death signal): otherwise a worker's next result goes into a pipe
    nobody reads and it dies with a BrokenPipeError traceback."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _end_with_parent(signal.SIGTERM)
    except ValueError:
        pass  # not the main thread


def _end_with_parent(signum: int) -> None:
    """Ask Linux to send ``signum`` to this process when its parent dies (prctl
    PR_SET_PDEATHSIG); elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signum, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request: end now, as it would have
        os._exit(128 + signum)


def _init(config: Config, repeated: frozenset[str]) -> None:
    """Worker set-up without fork: compile the rules once per process."""
    from .pipeline import make_context

    _ignore_interrupts()
    _STATE["ctx"] = make_context(config)
    _STATE["ctx"].repeated = repeated


def read_path(path: Path) -> bytes:
    """A local input file, bounded by the size limit; a FIFO or device is refused."""
    from .read import InputError, read_regular

    try:
        return read_regular(path)  # one open and one fstat: a batch reads thousands of files
    except InputError as exc:
        if str(exc) == _("is a folder") or (str(exc) == _("permission denied") and path.is_dir()):  # (Windows)
            from .read.formats import format_names

            raise InputError(_("is a folder with no {formats} files (use -r for subfolders)").format(
                formats=format_names())) from None
        raise


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
        out.error = _("cannot read: {reason}").format(reason=exc)
        return out
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - a bug must not end a batch or print a traceback
        out.error = _("internal error ({error}); please report this file").format(
            error=f"{type(exc).__name__}: {_first_line(exc)}")
        return out
    out.notices = [w.text for w in doc.warnings if w.kind in INPUT_DAMAGE]
    if config.explain:
        out.explain = [(r.lines(), r.rule, r.category, r.action, r.text)
                       for r in sorted(doc.removed, key=lambda r: r.line)]
        out.headings = [(h.line, h.marker + h.text, h.level, h.source) for h in iter_headings(doc.sections)]
        out.title = (doc.title, doc.title_line, tuple(doc.title_evidence))
        out.classes = list(doc.classes)
    emitter = EMITTERS[config.format]
    try:
        text = emitter(doc, config, file_key) if config.format in ("yaml", "json", "jsonl") else emitter(doc, config)
    except Exception as exc:  # noqa: BLE001 - a bug must not end a batch or print a traceback
        out.error = _("internal error while writing {format} ({error}); please report it").format(
            format=config.format, error=f"{type(exc).__name__}: {_first_line(exc)}")
        return out
    out.data = text if isinstance(text, bytes) else text.encode("utf-8")
    return out


def _first_line(exc: Exception) -> str:
    """An exception's message on one line (python-docx's errors quote a value on lines 2-3)."""
    lines = str(exc).strip().splitlines()
    return lines[0].rstrip(":") if lines else ""


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
        raise RuntimeError(_("--dask needs Dask: pip install 'tigang[dask]'")) from None
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
