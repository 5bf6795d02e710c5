"""Where the log lives and whether ``analyze`` logs by default: the XDG folders and a small config
file the user writes (``$XDG_CONFIG_HOME/formcheck/config.toml``)::

    [log]
    path = "~/training/formcheck.sqlite"   # default: $XDG_DATA_HOME/formcheck/log.sqlite
    analyze = true                          # log every `formcheck analyze` (the clips are yours)
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import LogError

APP = "formcheck"
LOG_FILE = "log.sqlite"
CONFIG_FILE = "config.toml"


def _xdg(variable: str, fallback: str) -> Path:
    """An XDG base folder: the variable when set to an absolute path (the spec ignores relative ones)."""
    value = os.environ.get(variable, "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / fallback


def data_home() -> Path:
    return _xdg("XDG_DATA_HOME", ".local/share") / APP


def config_path() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config") / APP / CONFIG_FILE


@dataclass(frozen=True)
class LogConfig:
    path: Path
    """The log file used when no ``--log PATH`` is given."""
    analyze: bool = False
    """Whether ``formcheck analyze`` logs without being asked."""


def load_config() -> LogConfig:
    """The user's settings, or the defaults when there is no config file."""
    source = config_path()
    default = LogConfig(data_home() / LOG_FILE)
    try:
        text = source.read_text()
    except FileNotFoundError:
        return default
    except OSError as error:
        raise LogError(f"cannot read {source}: {error}") from None
    try:
        section = tomllib.loads(text).get("log", {})
    except tomllib.TOMLDecodeError as error:
        raise LogError(f"{source} is not valid TOML: {error}") from None
    path, analyze = section.get("path", default.path), section.get("analyze", False)
    if not isinstance(path, (str, Path)) or not isinstance(analyze, bool):
        raise LogError(f"{source}: [log] path must be a string and analyze true or false")
    return LogConfig(Path(path).expanduser(), analyze)


def log_path(arg: str | None) -> Path:
    """``--log PATH``, else the config file's path, else the XDG data folder's log."""
    return Path(arg).expanduser() if arg else load_config().path
