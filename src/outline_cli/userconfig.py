"""The user's own folder: default options (``config.toml``) and rule files (``rules/``).

用户配置目录：默认选项（config.toml）和自定义规则（rules/ 文件夹）。

The folder is the platform's user config folder (platformdirs): ``$XDG_CONFIG_HOME/tigang``
(``~/.config/tigang``) on Linux, ``%APPDATA%\\tigang`` on Windows,
``~/Library/Application Support/tigang`` on macOS.  A missing file costs one ``stat``.
"""
from __future__ import annotations

from pathlib import Path

from .i18n import _

#: The name of our folder (the distribution name: "outline-cli" belongs to another project).
APP = "tigang"
CONFIG_NAME = "config.toml"
#: Options the config file may set: its key → the click parameter's name.  Paths are
#: expanded (~) and, when relative, taken from the config file's folder.
KEYS = {"format": "fmt", "script": "script", "user-dict": "user_dict", "rules": "rule_paths",
        "keywords": "keywords", "with-text": "with_text", "renumber": "renumber", "lang": "lang"}
PATH_KEYS = ("user-dict", "rules")


def config_dir() -> Path:
    from platformdirs import user_config_dir

    # roaming: %APPDATA% on Windows (the folder that follows the user between machines)
    return Path(user_config_dir(APP, appauthor=False, roaming=True))


def rules_dir() -> Path:
    return config_dir() / "rules"


def config_file() -> Path:
    return config_dir() / CONFIG_NAME


class ConfigFileError(Exception):
    """The config file cannot be used; the message names the file and what is wrong."""


def read_defaults(command) -> dict:
    """The config file as click's ``default_map`` for ``command`` (empty when there is none)."""
    path = config_file()
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        raise ConfigFileError(f"{path}: {exc.strerror or exc}") from None  # the system's own words
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigFileError(f"{path}: {exc}") from None
    import click

    ctx = click.Context(command)
    params = {p.name: p for p in command.params}
    out: dict = {}
    for key, value in data.items():
        name = KEYS.get(key)
        if name is None or name not in params:
            raise ConfigFileError(_("{path}: unknown setting {key!r} (known: {known})").format(
                path=path, key=key, known=", ".join(k for k, n in KEYS.items() if n in params)))
        param = params[name]
        if key in PATH_KEYS:
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) for v in values):
                raise ConfigFileError(_("{path}: {key} must be a path or a list of paths").format(path=path, key=key))
            values = [str(path.parent / Path(v).expanduser()) for v in values]
            value = values if param.multiple else values[0]
        try:
            value = param.type_cast_value(ctx, value)
        except click.BadParameter as exc:  # its message says what is allowed
            raise ConfigFileError(f"{path}: {key}: {exc.message}") from None
        out[name] = value
    return out

