"""The ``outline`` command: options → Config → run each input → write; nothing else.

命令行入口：解析选项，逐个处理输入文件，写出结果。出错的文件报一行错误并继续，最后以退出码说明结果。

Exit codes: 0 every input done; 1 one or more inputs failed (the others are
still written); 2 usage error (bad option, broken rule file, -o with several inputs).

The CLI is click, not typer: typer's import and rich help cost ~130 ms per run
(``outline --help`` measured 130–140 ms with typer, 40 ms with click); a clerk's
one-file run should feel instant.  Heavy modules (rich, charset-normalizer,
OpenCC) are imported only when a run needs them.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import FORMATS, SCRIPTS, Config
from .i18n import _, install, ngettext

install()  # before the options below are declared: their help is read in the chosen language

EPILOG = "\b\n" + _("""Examples:
  outline speech.txt                      # YAML outline on stdout
  outline -f markdown speech.txt > a.md   # Markdown headings (pandoc, markmap, XMind)
  outline -f docx -o a.docx speech.txt    # a Word handout, ready to print
  outline -f text page.txt                # cleaned body text
  cat page.txt | outline -f json -        # standard input
  outline --out-dir out/ downloads/       # one output file per input
  outline serve                           # a local page: drop files, download Word/mind map (本机网页)
Exit codes: 0 all done, 1 some inputs failed, 2 usage error, 130 interrupted (Ctrl-C).
Language: --lang zh|en or OUTLINE_LANG (default: from LANG/LC_ALL).
""")


class Failure(Exception):
    """One input failed; message is the one-line reason."""


_CRITICAL = 0  # > 0 while an output file is being written
_PENDING: type | None = None  # Ctrl-C (or SIGTERM) arrived meanwhile: what to raise after


class Terminated(KeyboardInterrupt):
    """SIGTERM (kill, a service manager, a CI timeout): stop the batch like Ctrl-C does."""


def threading_main() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _on_interrupt(signum, frame) -> None:
    """Ctrl-C: stop at once, except in the middle of writing a file — then right after.

    (Blocking the signal is not enough: with a process pool the parent has helper
    threads, and the interrupt is raised in the main thread wherever it is.)"""
    global _PENDING
    stop = Terminated if signum == _SIGTERM else KeyboardInterrupt
    if _CRITICAL:
        _PENDING = stop
        return
    raise stop


_SIGTERM = 15  # signal.SIGTERM (the signal module is imported only when a run starts)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file,
    never a temporary file left behind, even on Ctrl-C."""
    global _CRITICAL, _PENDING
    import tempfile  # ~15 ms to import: only runs that write files pay it

    path.parent.mkdir(parents=True, exist_ok=True)
    _CRITICAL += 1
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            _set_mode(fd, path)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    finally:
        _CRITICAL -= 1
    if _PENDING is not None and not _CRITICAL:
        stop, _PENDING = _PENDING, None
        raise stop


def write_output(path: Path, data: bytes) -> None:
    """``-o PATH``: a regular file (or a new one) is written atomically; anything else —
    /dev/stdout, /dev/null, a FIFO a reader waits on, a terminal — is written into
    directly, never replaced (as root, renaming over /dev/null would replace the
    system's /dev/null with a regular file)."""
    import stat

    try:
        info = os.stat(path)  # follows links: /dev/stdout is a link to the real output
    except (FileNotFoundError, NotADirectoryError):
        write_atomic(path, data)
        return
    if stat.S_ISREG(info.st_mode):
        # through a link (/dev/stdout onto a file, a user's link), the file it names is
        # replaced, never the link itself
        write_atomic(Path(os.path.realpath(path)) if path.is_symlink() else path, data)
        return
    if stat.S_ISDIR(info.st_mode):
        raise Failure(_("-o {path} is a folder (use --out-dir)").format(path=path))
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # no O_CREAT, no O_TRUNC: a device
    try:
        with os.fdopen(fd, "wb", buffering=0) as fh:
            write_all(fh, data)
    except BrokenPipeError:
        pass  # the FIFO's reader went away: as with a closed stdout, stop quietly


def _set_mode(fd: int, path: Path) -> None:
    """mkstemp makes the file 0600: give it the replaced file's mode, or what a plain
    ``open()`` would give (0666 less the umask), as ``cmd > file`` does."""
    if not hasattr(os, "fchmod"):  # Windows: no Unix modes to keep
        return
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    os.fchmod(fd, mode)


_UMASK: list[int] = []


def _umask() -> int:
    if not _UMASK:
        old = os.umask(0o022)  # the only way to read it is to set it: put it straight back
        os.umask(old)
        _UMASK.append(old)
    return _UMASK[0]


class Input:
    """One input: its display name, its path (None for stdin) and, for a file found in a
    folder argument, that folder (``--out-dir`` mirrors the paths below it)."""

    def __init__(self, name: str, path: Path | None, base: Path | None = None, url: str | None = None,
                 error: str | None = None):
        from .read import readable_name

        self.name, self.path, self.base, self.url = readable_name(name), path, base, url
        self.error = error  # a folder that could not be listed: reported like an unreadable file


def expand_inputs(files: tuple[str, ...], recursive: bool) -> list[Input]:
    """A folder means its *.txt files (sorted; below it too with -r); '-' is stdin."""
    out: list[Input] = []
    for f in files:
        if f == "-":
            out.append(Input("-", None))
            continue
        if "://" in f:  # an fsspec URL (s3://, hdfs://, file://): a file or a glob
            out.extend(_expand_url(f))
            continue
        p = Path(f)
        if not p.exists() and any(c in f for c in "*?["):
            import glob

            matches = sorted(glob.glob(f, recursive=recursive))  # a quoted glob ('*.txt')
            if matches:
                out.extend(Input(m, Path(m)) for m in matches)
                continue
        if p.is_dir():
            found = _scan_folder(p, recursive)
            unreadable = _unreadable_folders(p, recursive)
            if not found and not unreadable:
                out.append(Input(f, p))  # reported as an error: an empty folder is a mistake
            out.extend(Input(str(q), q, p) for q in found)
            out.extend(Input(str(d), d, p, error=_("cannot read folder: {reason}").format(reason=why)) for d, why in unreadable)
        else:
            out.append(Input(f, p))
    return out


def _scan_folder(folder: Path, recursive: bool) -> list[Path]:
    """The folder's files of a registered input format, by extension in any case (.TXT, .PDF)."""
    from .read.formats import folder_extensions

    exts = folder_extensions()
    return sorted(q for q in (folder.rglob("*") if recursive else folder.glob("*"))
                  if q.suffix.lower() in exts and not q.is_dir())  # a FIFO is reported, not skipped


def _unreadable_folders(top: Path, recursive: bool) -> list[tuple[Path, str]]:
    """The folders a listing could not read (glob skips them without a word, and a
    clerk would never learn that a subfolder's files were left out)."""
    errors: list[OSError] = []
    if recursive:
        for _ in os.walk(top, onerror=errors.append):
            pass
    else:
        try:
            with os.scandir(top):
                pass
        except OSError as exc:
            errors.append(exc)
    return [(Path(exc.filename or top), exc.strerror or str(exc)) for exc in errors]


def _expand_url(url: str) -> list[Input]:
    try:
        import fsspec
    except ImportError:
        raise click.UsageError(_("{url}: URLs need fsspec: pip install 'tigang[dask]'").format(url=url)) from None
    files = fsspec.open_files(url)
    if not files:
        return [Input(url, None, url=url)]
    return [Input(f.full_name, None, url=f.full_name) for f in files]


def read_stdin() -> bytes:
    """Standard input, read up to the size limit only."""
    from .read import MAX_BYTES, too_big

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise too_big(len(data))
    return data


class Taken:
    """The output paths one run has written, and the real paths of its output folders
    (resolved once per folder: resolving walks every component with a system call)."""

    def __init__(self) -> None:
        self.paths: set[Path] = set()
        self._dirs: dict[Path, Path] = {}

    def real_dir(self, folder: Path) -> Path:
        real = self._dirs.get(folder)
        if real is None:
            real = self._dirs[folder] = folder.resolve()
        return real


def output_path(out_dir: Path, item: Input, fmt: str, taken: Taken) -> Path:
    """name.<ext> in out_dir, mirroring the path below a folder argument; never an input,
    never a file this run already wrote."""
    from .emit import EXTENSIONS

    ext = EXTENSIONS[fmt]
    if item.path is None:
        rel = Path("stdin")
    elif item.base is not None:
        rel = item.path.relative_to(item.base).with_suffix("")
    else:
        rel = Path(item.path.stem)
    target = out_dir / rel.parent / f"{rel.name}.{ext}"
    root = taken.real_dir(out_dir)
    parent = taken.real_dir(target.parent)
    if root not in parent.parents and parent != root:
        # a symlinked folder inside --out-dir, or a crafted name: never write outside it
        raise Failure(_("output path {target} would leave --out-dir (a symlink?); not written").format(target=target))
    if target.is_symlink():
        target.unlink()  # replace the link itself, never the file it points to
    if item.path is not None and target.name == item.path.name and parent / target.name == item.path.resolve():
        # never overwrite an input (text output of a .txt into its own folder)
        target = target.with_name(f"{rel.name}.outline.{ext}")
    n = 2
    while parent / target.name in taken.paths:
        target = target.with_name(f"{rel.name}-{n}.{ext}")
        n += 1
    taken.paths.add(parent / target.name)
    return target


def print_explain(name: str, outcome) -> None:
    """The removals and headings as a table on stderr (rich), or plain lines when stderr
    is not a terminal (one ``file:line: …`` line each, for grep)."""
    rows = [(str(r[0]), r[1], r[2], r[3], r[4]) for r in outcome.explain]
    heads = [(str(h[0]), h[1], _("level {n}").format(n=h[2]), h[3]) for h in outcome.headings]
    classes = [(str(no), kind, f"{score:.1f}") for no, kind, score in outcome.classes]
    title, title_line, evidence = outcome.title
    why = f"; evidence: {', '.join(evidence)}" if evidence else ""  # the grep lines stay English
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.table import Table

        console = Console(stderr=True)
        table = Table(title=_("{name}: removed").format(name=name), show_lines=False)
        for col in (_("line"), _("rule"), _("category"), _("action"), _("text")):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        htable = Table(title=_("{name}: headings").format(name=name))
        for col in (_("line"), _("heading"), _("level"), _("source")):
            htable.add_column(col, overflow="fold")
        for row in heads:
            htable.add_row(*row)
        console.print(htable)
        ctable = Table(title=_("{name}: line classes (at body-span)").format(name=name))
        for col in (_("line"), _("kind"), _("score")):
            ctable.add_column(col)
        for row in classes:
            ctable.add_row(*row)
        console.print(ctable)
        why = _("; evidence: {evidence}").format(evidence=", ".join(evidence)) if evidence else ""
        console.print(_("title: {title!r} (line {line}{why})").format(title=title, line=title_line, why=why),
                      markup=False)
    else:
        err = sys.stderr
        for row in rows:
            err.write(f"{name}:{row[0]}: removed [{row[1]}/{row[2]}/{row[3]}] {row[4]}\n")
        for row in heads:
            err.write(f"{name}:{row[0]}: heading [{row[2]}, {row[3]}] {row[1]}\n")
        for row in classes:
            err.write(f"{name}:{row[0]}: class [{row[1]}, {row[2]}]\n")
        err.write(f"{name}:{title_line}: title {title}{why}\n")


SHELL_RC = {"bash": "~/.bashrc", "zsh": "~/.zshrc", "fish": "~/.config/fish/completions/outline.fish"}


def _detect_shell() -> str:
    shell = os.path.basename(os.environ.get("SHELL", "bash"))
    return shell if shell in SHELL_RC else "bash"


def _completion_script(shell: str) -> str:
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    return cls(main, {}, "outline", "_OUTLINE_COMPLETE").source()


def _show_completion(ctx, param, value):
    if value:
        click.echo(_completion_script(_detect_shell() if value is True else value), nl=False)
        ctx.exit(0)


def _install_completion(ctx, param, value):
    """Add shell completion for the current shell (the same as typer's --install-completion)."""
    if not value:
        return
    shell = _detect_shell()
    target = Path(os.path.expanduser(SHELL_RC[shell]))
    line = {"bash": 'eval "$(_OUTLINE_COMPLETE=bash_source outline)"',
            "zsh": 'eval "$(_OUTLINE_COMPLETE=zsh_source outline)"'}.get(shell)
    target.parent.mkdir(parents=True, exist_ok=True)
    if shell == "fish":
        write_atomic(target, _completion_script("fish").encode("utf-8"))
    else:
        existing = target.read_text("utf-8") if target.exists() else ""
        if line not in existing:
            with open(target, "a", encoding="utf-8") as fh:
                fh.write(("\n" if existing and not existing.endswith("\n") else "") + line + "\n")
    click.echo(_("{shell} completion installed in {target}; open a new shell to use it.").format(
        shell=shell, target=target))
    ctx.exit(0)


def _list_rules(config: Config) -> None:
    from .clean.rules import load

    _print("".join(f"{rule.id:<28} {rule.category:<9} {rule.scope:<17} {rule.origin}\n"
                   for rule in load(config.rules).rules))


def _list_steps() -> None:
    from .pipeline import STEPS

    _print("".join(f"{name:<16} {stage}\n" for name, stage, _fn in STEPS))


def _print(text: str) -> None:
    """A listing (--schema, --list-rules, --list-steps) to stdout, checked like an outline:
    a failed write is one line and exit 1; a reader that went away (| head) is no error."""
    try:
        write_all(sys.stdout, text.encode("utf-8"))
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as exc:
        click.echo("outline: " + _("cannot write output: {reason}").format(reason=exc.strerror or exc), err=True)
        sys.exit(1)


def _quiet_stdout() -> None:
    """Point stdout at the null device, so Python's flush at exit finds no closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


class _Command(click.Command):
    """The command, with defaults from the user's config file (``default_map``) and the
    file's place in ``--help``; ``outline serve …`` is the local page: the first argument
    ``serve`` is the subcommand (a file of that name is ``./serve``).  The web part is
    imported only then, so a one-file run pays nothing for it."""

    def main(self, args=None, prog_name=None, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        if argv[:1] == ["serve"]:
            from .serve import serve

            # obj: this command, whose config-file defaults the page starts from
            return serve.main(argv[1:], prog_name=f"{prog_name or 'outline'} serve", obj=self, **extra)
        return super().main(args, prog_name, **extra)  # (click expands globs on Windows)

    def make_context(self, info_name, args, parent=None, **extra):
        if "default_map" not in extra:
            from .userconfig import ConfigFileError, read_defaults

            try:
                extra["default_map"] = read_defaults(self)
            except ConfigFileError as exc:
                if any(a in ("-h", "--help") for a in args):
                    return super().make_context(info_name, args, parent, **extra)  # help still helps
                click.echo("outline: " + _("config file {problem}").format(problem=exc), err=True)
                sys.exit(2)
        return super().make_context(info_name, args, parent, **extra)

    def format_epilog(self, ctx, formatter) -> None:
        super().format_epilog(ctx, formatter)
        from .userconfig import config_file, rules_dir

        formatter.write_paragraph()
        # written as is: a wrapped path cannot be copied
        formatter.write("  " + _("Default options (config file):") + f"\n    {config_file()}\n")
        formatter.write("  " + _("Your rule files:") + f"\n    {rules_dir()}\n")


HELP = _("""Turn Chinese speeches and articles into structured outlines: the title, speaker, occasion and
date, and the tree of headings, with the web site's boilerplate removed.

FILE may be '-' for standard input; a folder means its .txt/.html/.docx files.""")


@click.command(cls=_Command, help=HELP, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"],
                                                "max_content_width": 100})
@click.argument("files", nargs=-1)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="yaml", show_default=True,
              help=_("Output format."))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), metavar="PATH",
              help=_("Write to PATH (one input only; '-' is standard output)."))
@click.option("--out-dir", type=click.Path(file_okay=False), metavar="DIR", help=_("One output file per input (name.<ext>)."))
@click.option("--script", type=click.Choice(SCRIPTS), default="keep", show_default=True,
              help=_("Script of the output text."))
@click.option("--explain", is_flag=True, help=_("Report every removal and decision on stderr (and `removed:` in yaml/json)."))
@click.option("--rules", "rule_paths", multiple=True, type=click.Path(), metavar="PATH",
              help=_("Extra rule file or folder (repeatable)."))
@click.option("--disable", "disabled", multiple=True, metavar="NAME",
              help=_("Switch off a rule (by id) or a pipeline step (by name); repeatable."))
@click.option("--encoding", help=_("Input encoding instead of detecting it (e.g. gb18030, big5)."))
@click.option("-k", "--keywords", type=click.IntRange(0, 50), default=0, show_default=True,
              help=_("Keywords per section (and a key sentence); 0 = off."))
@click.option("--user-dict", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
              help=_("Your own word list for keywords (jieba format: word [freq] [tag])."))
@click.option("--with-text", is_flag=True, help=_("Markdown/DOCX: include the body text under each heading."))
@click.option("--renumber", is_flag=True,
              help=_("Markdown/DOCX: number the headings 一、/（一）/1./（1） (GB/T 9704), as -f outline does."))
@click.option("--articles", is_flag=True, help=_("Treat 第X条 articles as headings."))
@click.option("-r", "--recursive", is_flag=True, help=_("A folder means its files in subfolders too."))
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help=_("Processes for a batch (default: the number of cores for many files, else 1)."))
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help=_("Run the batch on a Dask cluster (a scheduler address, or 'local')."))
@click.option("--progress/--quiet", "progress", default=None,
              help=_("Progress bar and summary line on stderr (default: the bar for a terminal and more than "
                     "5 files, the summary for a terminal and several files)."))
@click.option("--list-rules", is_flag=True, help=_("List the boilerplate rules and exit."))
@click.option("--list-steps", is_flag=True, help=_("List the pipeline steps and exit."))
@click.option("--schema", is_flag=True, help=_("Print the JSON Schema of the yaml/json output and exit."))
@click.option("--install-completion", is_flag=True, expose_value=False, is_eager=True,
              callback=_install_completion, help=_("Install tab completion for your shell."))
@click.option("--show-completion", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_completion, help=_("Print the completion script for your shell."))
@click.option("--lang", type=click.Choice(["zh", "en"]), expose_value=False, is_eager=True,
              help=_("Language of messages and help (default: from LANG/LC_ALL; or OUTLINE_LANG)."))
@click.version_option(__version__, "--version", prog_name="outline")
def main(files, fmt, output, out_dir, script, explain, rule_paths, disabled, encoding, keywords,
         user_dict, with_text, renumber, articles, recursive, jobs, dask_address, progress, list_rules, list_steps,
         schema):
    """The command (its help text is HELP, in the user's language)."""
    from .pipeline import STEP_NAMES

    config = Config(format=fmt, script=script, explain=explain, rules=tuple(rule_paths),
                    disabled_rules=tuple(d for d in disabled if d not in STEP_NAMES),
                    disabled_steps=tuple(d for d in disabled if d in STEP_NAMES),
                    encoding=encoding, with_text=with_text, renumber=renumber, articles=articles,
                    keywords=keywords, user_dict=user_dict)
    if schema:
        from .data import read_text

        _print(read_text("schema.json"))
        return
    from .clean.rules import RuleError

    try:
        if list_rules:
            _list_rules(config)
            return
        if list_steps:
            _list_steps()
            return
        from .pipeline import make_context

        ctx = make_context(config)
        known = {r.id for r in ctx.all_rules}
        unknown = [d for d in config.disabled_rules if d not in known]
        if unknown:
            raise click.BadParameter(_("no rule or step named {names} (see --list-rules, --list-steps)").format(
                names=", ".join(unknown)), param_hint="--disable")
    except RuleError as exc:
        raise click.UsageError(str(exc)) from None
    if user_dict:
        from .enrich.keywords import DictError, check_user_dict

        try:
            check_user_dict(user_dict)
        except DictError as exc:
            raise click.BadParameter(str(exc), param_hint="--user-dict") from None
    if not files:
        if sys.stdin is None or sys.stdin.isatty():
            raise click.UsageError(_("no input: give FILE..., or '-' to read standard input"))
        files = ("-",)
    inputs = expand_inputs(files, recursive)
    if output == "-":
        output = None  # the shell's convention: '-' is standard output
    if output and len(inputs) > 1:
        raise click.UsageError(_("-o/--output takes one input; use --out-dir for several"))
    if output and out_dir:
        raise click.UsageError(_("use either -o/--output or --out-dir, not both"))
    if output and inputs and inputs[0].path is not None and Path(output).resolve() == inputs[0].path.resolve():
        raise click.UsageError(_("-o would overwrite the input file; choose another name"))
    from .emit import BINARY, WHOLE

    if fmt in WHOLE and not (output or out_dir) and len(inputs) > 1:
        # two documents back to back would be one broken file
        raise click.UsageError(_("-f {fmt} with several inputs needs --out-dir").format(fmt=fmt))
    if fmt in BINARY and not (output or out_dir):
        if sys.stdout.isatty():
            raise click.UsageError(_("-f {fmt} is a binary file: give -o FILE or --out-dir DIR").format(fmt=fmt))
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(_("unknown encoding {encoding!r}").format(encoding=encoding),
                                     param_hint="--encoding") from None
    client = None
    if dask_address:
        from .batch import dask_client

        try:
            client = dask_client(dask_address)
        except RuntimeError as exc:
            raise click.UsageError(str(exc)) from None
    import signal

    if threading_main():
        signal.signal(signal.SIGINT, _on_interrupt)
        signal.signal(signal.SIGTERM, _on_interrupt)
    try:
        code = run(inputs, config, ctx, output, out_dir, jobs, progress, client)
    finally:
        if client is not None:
            cluster = client.cluster
            client.close()
            if cluster is not None and dask_address == "local":
                cluster.close()
    sys.exit(code)


def run(inputs, config: Config, ctx, output: str | None, out_dir: str | None,
        jobs: int | None = None, progress: bool | None = None, client=None) -> int:
    """Outline every input (in a process pool for big batches) and write the outputs
    in input order; report failures; return the exit code."""
    import time

    from .batch import default_jobs, outcomes, outcomes_dask
    from .emit import BINARY
    from .read import InputError

    failures: list[tuple[str, str]] = []
    many = len(inputs) > 1
    if many and config.format == "json" and not (output or out_dir):
        # JSON Lines on standard output: each worker writes its object on one line
        config = config.but(json_lines=True)
        ctx.config = config
    taken = Taken()
    done = 0
    started = time.perf_counter()
    total = 0
    jobs_in = []
    for item in inputs:
        data = None  # files are read by the process that outlines them
        if item.error is not None:
            failures.append((item.name, item.error))
            click.echo(f"outline: {item.name}: {item.error}", err=True)
            continue
        if item.path is None and item.url is None:
            try:
                data = read_stdin()
            except InputError as exc:
                failures.append((item.name, str(exc)))
                click.echo(f"outline: {item.name}: {exc}", err=True)
                continue
        key = item.name if (many or out_dir or config.format == "jsonl") else None
        where = item.url or (str(item.path) if item.path is not None else None)
        jobs_in.append((item.name, where, data, key))
    sizes = sum(_size(p) for _, p, _, _ in jobs_in)
    jobs = jobs or default_jobs(len(jobs_in), sizes)
    show = progress if progress is not None else (sys.stderr.isatty() and len(inputs) > 5)
    bar = _Progress(len(inputs)) if show else None
    # the summary line: for a person at a terminal, or on request; never in a cron log
    summary = progress if progress is not None else (sys.stderr.isatty() and many)
    items = {item.name: item for item in inputs}
    try:
        stream = (outcomes_dask(jobs_in, config, client, repeats=many) if client is not None
                  else outcomes(jobs_in, config, ctx, jobs, repeats=many))
        for outcome in stream:
            name = outcome.name
            total += outcome.size
            if bar:
                bar.advance()
            if outcome.error is not None:
                failures.append((name, outcome.error))
                _err(f"outline: {name}: {outcome.error}", bar)
                continue
            for note in outcome.notices:
                _err(f"outline: {name}: " + _("warning: {note}").format(note=note), bar)
            if config.explain:
                print_explain(name, outcome)
            data = outcome.data
            try:
                if out_dir and "://" in out_dir:
                    _write_url(out_dir, items[name], config.format, data)
                elif out_dir:
                    target = output_path(Path(out_dir), items[name], config.format, taken)
                    write_atomic(target, data)
                elif output:
                    write_output(Path(output), data)
                elif config.format in BINARY:
                    write_all(sys.stdout, data)
                else:
                    _stdout(data.decode("utf-8"), config.format, many, done)
            except Failure as exc:
                failures.append((name, str(exc)))
                _err(f"outline: {name}: {exc}", bar)
                continue
            except OSError as exc:
                if isinstance(exc, BrokenPipeError):
                    raise
                why = _("cannot write output: {reason}").format(reason=exc.strerror or exc)
                failures.append((name, why))
                _err(f"outline: {name}: {why}", bar)
                continue
            done += 1
    except KeyboardInterrupt as exc:
        # Ctrl-C or SIGTERM: outputs are written by rename, so no half-written file is left
        if bar:
            bar.stop()
        if isinstance(exc, Terminated):
            click.echo("outline: " + _("terminated ({done} done, {failed} failed)").format(
                done=done, failed=len(failures)), err=True)
            return 128 + _SIGTERM
        click.echo("outline: " + _("interrupted ({done} done, {failed} failed)").format(
            done=done, failed=len(failures)), err=True)
        return 130
    except BrokenPipeError:
        _quiet_stdout()  # the reader went away (outline … | head -1): stop quietly
        return 0
    if bar:
        bar.stop()
    if summary:
        took = time.perf_counter() - started
        rate = total / 1024 / 1024 / took if took > 0 else 0.0
        where = "Dask" if client is not None else ngettext("{n} process", "{n} processes", jobs).format(n=jobs)
        click.echo("outline: " + _("{done} done, {failed} failed in {seconds:.1f} s ({rate:.1f} MB/s, {where})").format(
            done=done, failed=len(failures), seconds=took, rate=rate, where=where), err=True)
    return 1 if failures else 0


def _write_url(out_dir: str, item, fmt: str, data: bytes) -> None:
    """--out-dir as an fsspec URL: one object per input, named like local outputs."""
    import fsspec

    from .emit import EXTENSIONS

    stem = Path(item.url or item.name).stem if item.name != "-" else "stdin"
    with fsspec.open(f"{out_dir.rstrip('/')}/{stem}.{EXTENSIONS[fmt]}", "wb") as fh:
        fh.write(data)


def _size(path: str | None) -> int:
    try:
        return os.stat(path).st_size if path else 0
    except OSError:
        return 0


def _err(message: str, bar) -> None:
    if bar:
        bar.console.print(message, markup=False, highlight=False, soft_wrap=True)  # one line, for grep
    else:
        click.echo(message, err=True)


class _Progress:
    """A rich progress bar on stderr (only for a terminal)."""

    def __init__(self, total: int):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.console = Console(stderr=True)
        self.bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                            TimeRemainingColumn(), console=self.console, transient=True)
        self.task = self.bar.add_task("outline", total=total)
        self.bar.start()

    def advance(self) -> None:
        self.bar.advance(self.task)

    def stop(self) -> None:
        self.bar.stop()


def _stdout(text: str, fmt: str, many: bool, index: int) -> None:
    if many and fmt == "yaml":
        text = "---\n" + text
    elif many and fmt in ("json", "jsonl"):
        pass  # already one object a line (Config.json_lines, -f jsonl)
    elif many and index:
        text = "\n" + text
    write_all(sys.stdout, text.encode("utf-8"))


def write_all(stream, data: bytes) -> None:
    """Write every byte to an open stream or raise OSError.

    Not ``stream.buffer.write``: on a full disk the buffered writer returns a short
    count instead of raising (a file cut at 8 KB and exit 0).  The file descriptor is
    written until nothing is left; the error of the write that fails (ENOSPC, EIO,
    EPIPE) is raised."""
    stream.flush()  # anything click.echo left in the text layer goes first
    fd = stream.fileno()
    view = memoryview(data)
    while view:
        n = os.write(fd, view[:1 << 20])
        view = view[n:]
