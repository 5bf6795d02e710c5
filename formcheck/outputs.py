"""Where results are written: every path checked before any work starts, every file written
atomically, and a write failure told in one line that says what was and was not saved.

A user's mistake in an output path (a folder, the input video itself, a read-only place, the
wrong kind of file) must cost them a second, not a whole analysis, and must never destroy a
recording; a failure while writing (a full disk) must never leave a broken file under the name
asked for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from formcheck.errors import FormcheckError

EXIT_NOT_SAVED = 5
"""Exit code when the work was done but a result could not be written (full disk, I/O error)."""
PARTIAL_SUFFIX = ".partial"

partial_files: set[Path] = set()
"""Files being written under a temporary name right now; removed if the process must end at once."""


class OutputPathError(FormcheckError):
    """An output path that cannot be used: found before any analysis starts."""


class WriteError(FormcheckError):
    """Writing a result failed part-way (disk full, I/O error); nothing broken is left behind."""

    exit_code = EXIT_NOT_SAVED


class NotSaved(WriteError):
    """The analysis finished but some results could not be written; ``report`` still holds the
    results, so the caller can print them before the one-line error."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class Output:
    """One file a command will write: ``what`` it is, the ``option`` that names it, its suffix."""

    path: Path
    what: str
    option: str
    suffix: str


def video_output(path: str | os.PathLike, what: str = "annotated video", option: str = "--output") -> Output:
    return Output(Path(path), what, option, ".mp4")


def report_output(path: str | os.PathLike, option: str = "--report") -> Output:
    return Output(Path(path), "report", option, ".json")


def describe_os_error(error: BaseException) -> str:
    """The reason in a few words ('No space left on device'), without Python's decoration."""
    reason = getattr(error, "strerror", None)
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        reason = os.strerror(errno.ENOSPC)
    return str(reason or error).strip().rstrip(".") or type(error).__name__


def remove_partial(path: Path) -> None:
    """Delete an unfinished file; one that never came to exist (its folder may not) is fine."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()
    partial_files.discard(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _nearest_existing(folder: Path) -> Path:
    folder = folder.absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _probe_writable(folder: Path) -> str | None:
    """Why files cannot be created in ``folder`` (None if they can). Creates and removes a real
    file: permission bits do not stop root, a read-only mount does."""
    try:
        handle, probe = tempfile.mkstemp(prefix=".formcheck-probe-", dir=folder)
    except OSError as error:
        return describe_os_error(error)
    os.close(handle)
    os.unlink(probe)
    return None


def check_output(output: Output, inputs: Iterable[Path] = ()) -> None:
    """Raise ``OutputPathError`` if ``output`` cannot be written or would destroy an input."""
    path, name = output.path, f"{output.option} {output.path}"
    for source in inputs:
        if _same_file(path, Path(source)) or path.absolute() == Path(source).absolute():
            raise OutputPathError(f"{name} is the input video: writing the {output.what} there would destroy it")
    if path.is_dir():
        raise OutputPathError(f"{name} is a folder; give a file name such as {path / ('NAME' + output.suffix)}")
    if path.suffix.lower() != output.suffix:
        raise OutputPathError(f"{name}: the {output.what} must be a {output.suffix} file")
    folder = _nearest_existing(path.parent)
    if not folder.is_dir():
        raise OutputPathError(f"{name}: {folder} is a file, not a folder")
    reason = _probe_writable(folder)
    if reason is not None:
        where = "the working directory" if folder == Path.cwd().absolute() else str(folder)
        raise OutputPathError(f"cannot write the {output.what} {path}: {where} is not writable ({reason}); choose another place with {output.option}")


def check_outputs(outputs: Iterable[Output | None], inputs: Iterable[str | os.PathLike] = ()) -> None:
    """Check every output before any work starts (one line and exit 2 on the first problem)."""
    chosen = [o for o in outputs if o is not None]
    sources = [Path(source) for source in inputs]
    for output in chosen:
        check_output(output, sources)
    resolved = [o.path.absolute() for o in chosen]
    for index, output in enumerate(chosen):
        if resolved[index] in resolved[:index]:
            raise OutputPathError(f"{output.option} {output.path} is also given for another output")


def check_analysis_outputs(
    video: str | os.PathLike, output: str | os.PathLike | None, report: str | os.PathLike | None
) -> None:
    """``analyze``'s outputs: the annotated video (``--output``) and the report (``--report``)."""
    check_outputs([video_output(output) if output else None, report_output(report) if report else None], [video])


def atomic_write_text(path: str | os.PathLike, text: str, what: str = "file") -> Path:
    """Write ``text`` to ``path`` via a ``.partial`` file renamed when complete: readers never see
    half a file. On failure the partial file is removed and ``WriteError`` says why."""
    target = Path(path)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except OSError as error:
        remove_partial(partial)
        raise WriteError(f"cannot write the {what} {target}: {describe_os_error(error)}") from None
    return target


def not_saved_message(failures: list[WriteError], saved: list[str]) -> str:
    """One line for everything that failed, and where what did work is."""
    text = "; ".join(str(f) for f in failures)
    return text + (f" (saved: {', '.join(saved)})" if saved else " (nothing was saved)")


def save_report(report: object, path: str | os.PathLike | None, failures: list[WriteError], saved: list[str]) -> None:
    """Write ``report`` (anything with ``write_json``) if a path is given, then raise ``NotSaved``
    if that or an earlier write (``failures``) failed; ``saved`` lists what was written."""
    failures, saved = list(failures), list(saved)
    if path is not None:
        try:
            report.write_json(path)
            saved.append(f"report {path}")
        except WriteError as error:
            failures.append(error)
    if failures:
        raise NotSaved(not_saved_message(failures, saved), report)
