"""``outline serve``: a page on the clerk's own machine to drop files on and take the outline away.

本机网页：``outline serve`` 启动本地服务并打开浏览器；拖入文件或粘贴文字，查看提纲，下载 Word /
Markdown / 思维导图 / 提纲文本。只监听 127.0.0.1，不向外发送任何请求。

Safe by construction:

- bound to 127.0.0.1 only, and a request whose Host header is not ``127.0.0.1:PORT`` is
  refused (a DNS-rebinding page on another site cannot reach it by a name of its own);
- every URL starts with a random per-run token (``/TOKEN/…``), which the opened address
  carries and the page's relative links keep: another site cannot guess it;
- uploads are refused above the command line's size limit (``read.MAX_BYTES``) and above
  :data:`MAX_FILES` files; they live in one temporary folder, removed on exit;
- the page sets document text with textContent only, under a Content-Security-Policy that
  allows no script but its own.

The standard library's ThreadingHTTPServer is enough for one person's page and adds
nothing to install; the work itself is :mod:`outline_cli.serve.engine`.
"""
from __future__ import annotations

import sys

import click

from ..i18n import _

#: Default port; when it is taken (and --port was not given) a free one is used.
DEFAULT_PORT = 8765


@click.command(context_settings={"help_option_names": ["-h", "--help"]},
               help=_("A local page: drop files or paste text, see the outline, download Word/Markdown/mind map. "
                      "It listens on 127.0.0.1 only; Ctrl-C stops it."))
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help=_("Port on 127.0.0.1 (default {port}, or a free one if taken; 0 = any free port).").format(
                  port=DEFAULT_PORT))
@click.option("--lang", type=click.Choice(["zh", "en"]), expose_value=False, is_eager=True,
              help=_("Language of messages and help (default: from LANG/LC_ALL; or OUTLINE_LANG)."))
@click.option("--no-browser", is_flag=True, help=_("Do not open the browser; just print the address."))
def serve(port, no_browser):
    """The local page (its help text is in the decorator, in the user's language)."""
    from ..userconfig import ConfigFileError
    from .engine import user_defaults
    from .server import start

    try:
        # the config file the command line reads, read the same way (cli.py hands over the
        # outline command as ``obj``: its options say what the file may set)
        base, initial = user_defaults(click.get_current_context().obj)
    except ConfigFileError as exc:
        click.echo("outline: " + _("config file {problem}").format(problem=exc), err=True)
        sys.exit(2)
    try:
        server = start(port if port is not None else DEFAULT_PORT, fixed=port is not None,
                       base=base, initial=initial)
    except OSError as exc:
        raise click.UsageError(_("cannot listen on 127.0.0.1:{port}: {reason}").format(
            port=port, reason=exc.strerror or exc)) from None
    url = server.url
    click.echo("outline serve: " + _("{url}  (Ctrl-C to stop)").format(url=url))
    sys.stdout.flush()
    if not no_browser:
        import webbrowser

        try:
            webbrowser.open(url)
        except Exception:  # noqa: BLE001 - no browser: the printed address is enough
            pass
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    # a closed terminal (SIGHUP), a kill (SIGTERM) or a closed Windows console (SIGBREAK)
    # stop it as Ctrl-C does: the temporary folder goes in every case
    for name in ("SIGTERM", "SIGHUP", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)  # a second Ctrl-C: let cleanup finish
        server.close()
    click.echo("outline serve: " + _("stopped"))
