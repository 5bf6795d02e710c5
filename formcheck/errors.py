"""Errors a user can cause and fix: each carries a one-line message for the command line."""


class FormcheckError(Exception):
    """Base class: the CLI prints ``str(error)`` on one line and exits non-zero."""

    exit_code = 2


class InputError(FormcheckError):
    """A video or camera that cannot be opened or read."""


class NoPersonError(FormcheckError):
    """The whole input went by without a person being detected."""

    exit_code = 3


class ModelError(FormcheckError):
    """The pose model cannot be built or loaded."""


class CameraLost(FormcheckError):
    """A camera stopped delivering frames in the middle of a session."""


class LogError(FormcheckError):
    """The training log cannot be opened, read or written (or the request would mix load measures)."""
