"""Where batch clips run: in worker processes on this machine, or on a Dask cluster.

Each worker process (or Dask worker thread) loads the pose model once and restarts it, from
memory, for every clip, so each clip is tracked from scratch exactly as ``formcheck analyze``
would. Native thread pools are held to one thread per worker, so ``--jobs N`` uses N cores
without oversubscribing them. Either way, results come back one ``ClipResult`` per clip as
they finish; a clip that fails, or kills its worker, is recorded and the rest go on.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from formcheck.batch import BATCH_KEY, ClipJob, ClipResult, ClipStatus, write_atomic
from formcheck.errors import FormcheckError, InputError

THREAD_LIMITS = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENCV_FFMPEG_THREADS": "1",
}
"""Native thread pools held to one thread in each worker: set before numpy, OpenCV and
MediaPipe load. (The pose model's TFLite interpreter already runs on one thread.)"""
RESULT_POLL_S = 0.5
"""How often the parent checks on its workers while it waits for a result."""
WORKER_EXIT_S = 10.0
"""How long stopped workers get to finish the clip in hand and write its report."""

_local = threading.local()


def limit_threads() -> None:
    """One native thread per worker for OpenCV (and, if set early enough, OpenMP/BLAS)."""
    for name, value in THREAD_LIMITS.items():
        os.environ.setdefault(name, value)
    import cv2

    cv2.setNumThreads(1)


def _estimator(model: str):
    """This thread's pose estimator for ``model``, loaded on first use and restarted per clip."""
    from formcheck.pose.estimator import PoseEstimator

    cached = getattr(_local, "estimator", None)
    if cached is not None and cached[0] == model:
        cached[1].restart()
        return cached[1]
    if cached is not None:
        cached[1].close()
    limit_threads()
    _local.estimator = (model, PoseEstimator(model))
    return _local.estimator[1]


def release_estimator() -> None:
    """Close this thread's estimator (at the end of a run, not between clips)."""
    cached = getattr(_local, "estimator", None)
    if cached is not None:
        cached[1].close()
        _local.estimator = None


def analyse(job: ClipJob) -> ClipResult:
    """Analyse one clip and write its report (with the batch options, for reruns to compare)."""
    from formcheck.analyze import analyze_video

    start = time.perf_counter()
    try:
        job.report.parent.mkdir(parents=True, exist_ok=True)
        report = analyze_video(
            job.clip,
            job.options.exercise,
            output=job.video,
            max_pose_fps=job.options.pose_fps,
            progress=False,
            estimator=_estimator(job.options.model),
        )
    except FormcheckError as error:
        return ClipResult.without_report(job, ClipStatus.FAILED, str(error))
    except Exception as error:  # one bad clip must not stop the batch: it is recorded instead
        return ClipResult.without_report(job, ClipStatus.FAILED, f"{type(error).__name__}: {error}")
    data = report.to_dict()
    data[BATCH_KEY] = {"options": job.options.to_dict()}
    write_atomic(job.report, json.dumps(data, indent=1) + "\n")
    status = ClipStatus.INTERRUPTED if report.interrupted else ClipStatus.NO_PERSON if report.pose_frames == 0 else ClipStatus.OK
    return ClipResult.from_report(job, data, status, time.perf_counter() - start)


class StopSignals:
    """Ctrl-C and SIGTERM ask the batch to stop: no new clips start, and every callback runs
    (they tell the workers to finish the clip in hand). Each further signal runs them again."""

    def __init__(self) -> None:
        self.requested = False
        self._callbacks: list[Callable[[], None]] = []
        self._previous: dict[int, object] = {}

    def on_stop(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def request(self, signum: int = signal.SIGINT, frame: object = None) -> None:
        self.requested = True
        for callback in self._callbacks:
            callback()

    def __enter__(self) -> "StopSignals":
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self.request)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)


def run_in_process(jobs: Sequence[ClipJob], stop: StopSignals) -> Iterator[ClipResult]:
    """One clip after another in this process (``--jobs 1``). Analysis handles Ctrl-C itself
    (it stops after the current frame); SIGTERM is passed on to it as Ctrl-C."""

    def pass_on_to_analysis() -> None:
        if signal.getsignal(signal.SIGINT) != stop.request:
            signal.raise_signal(signal.SIGINT)

    stop.on_stop(pass_on_to_analysis)
    try:
        for job in jobs:
            if stop.requested:
                return
            result = analyse(job)
            yield result
            if result.status is ClipStatus.INTERRUPTED:
                stop.requested = True
    finally:
        release_estimator()


def _worker_main(tasks, results, stopping, parent: int) -> None:
    """A worker process: its own process group (the parent alone decides when to stop it and
    passes Ctrl-C on), one model, clips from ``tasks`` until told to stop or orphaned."""
    os.setpgrp()
    for name, value in THREAD_LIMITS.items():
        os.environ.setdefault(name, value)
    try:
        while not stopping.is_set() and os.getppid() == parent:
            try:
                job = tasks.get(timeout=RESULT_POLL_S)
            except queue.Empty:
                continue
            if job is None:
                return
            results.put(_Message("started", os.getpid(), job))
            try:
                result = analyse(job)
            except KeyboardInterrupt:
                result = ClipResult.without_report(job, ClipStatus.INTERRUPTED, "stopped before its report was written")
            results.put(_Message("done", os.getpid(), result))
    except KeyboardInterrupt:
        return
    finally:
        release_estimator()


@dataclass(frozen=True)
class _Message:
    """From a worker process: it ``started`` a clip (payload: the job) or is ``done`` (the result)."""

    kind: str
    pid: int
    payload: ClipJob | ClipResult


class _ProcessPool:
    """Worker processes fed from one queue; it knows which clip each one has in hand."""

    def __init__(self, jobs: Sequence[ClipJob], workers: int) -> None:
        import multiprocessing

        self._context = multiprocessing.get_context("spawn")
        self._tasks, self._results, self.stopping = self._context.Queue(), self._context.Queue(), self._context.Event()
        for job in jobs:
            self._tasks.put(job)
        self.processes: dict[int, object] = {}
        self._in_hand: dict[int, ClipJob] = {}
        for _ in range(min(workers, len(jobs))):
            self.start_worker()

    def start_worker(self) -> None:
        process = self._context.Process(
            target=_worker_main, args=(self._tasks, self._results, self.stopping, os.getpid()), daemon=True
        )
        process.start()
        self.processes[process.pid] = process

    def stop(self) -> None:
        """No new clips; the clips in hand stop after their current frame, with their reports."""
        self.stopping.set()
        for pid in list(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGINT)

    def _receive(self, message: _Message) -> ClipResult | None:
        if message.kind == "started":
            self._in_hand[message.pid] = message.payload
            return None
        self._in_hand.pop(message.pid, None)
        return message.payload

    def results(self, replace_dead: Callable[[], bool]) -> Iterator[ClipResult]:
        """Results as they come, and a failed one for each clip whose worker died with it."""
        while self.processes:
            try:
                result = self._receive(self._results.get(timeout=RESULT_POLL_S))
            except queue.Empty:
                yield from self._reap(replace_dead)
                continue
            if result is not None:
                yield result

    def _reap(self, replace_dead: Callable[[], bool]) -> Iterator[ClipResult]:
        dead = {pid: process for pid, process in self.processes.items() if process.exitcode is not None}
        if not dead:
            return
        with contextlib.suppress(queue.Empty):
            while True:  # what the dead sent before they exited
                result = self._receive(self._results.get_nowait())
                if result is not None:
                    yield result
        for pid, process in dead.items():
            del self.processes[pid]
            lost = self._in_hand.pop(pid, None)
            if lost is not None:
                yield ClipResult.without_report(lost, ClipStatus.FAILED, f"the worker analysing it died (exit code {process.exitcode})")
            if replace_dead():
                self.start_worker()

    def close(self) -> None:
        self.stopping.set()
        for _ in self.processes:
            self._tasks.put(None)
        deadline = time.monotonic() + WORKER_EXIT_S
        for process in self.processes.values():
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                process.terminate()
                process.join()


def run_on_processes(jobs: Sequence[ClipJob], workers: int, stop: StopSignals) -> Iterator[ClipResult]:
    """The clips on ``workers`` processes, results as they finish. A worker that dies takes only
    its own clip with it (recorded as failed) and is replaced."""
    if workers <= 1 or len(jobs) <= 1:
        yield from run_in_process(jobs, stop)
        return
    pool = _ProcessPool(jobs, workers)
    stop.on_stop(pool.stop)
    remaining = len(jobs)
    try:
        for result in pool.results(replace_dead=lambda: not stop.requested and remaining > 0):  # noqa: B023 (reads the live count)
            remaining -= 1
            yield result
            if not remaining:
                return
    finally:
        pool.close()


def run_on_dask(jobs: Sequence[ClipJob], scheduler: str, stop: StopSignals) -> Iterator[ClipResult]:
    """The clips as tasks on the Dask cluster at ``scheduler``, results as they finish. Clip
    paths and the output folder must be the same on every worker (shared storage)."""
    try:
        from distributed import Client, wait
    except ImportError:
        raise InputError("--scheduler needs Dask distributed: pip install 'formcheck[cluster]'") from None
    if not jobs:
        return
    try:
        client = Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    with client:
        futures = {client.submit(analyse, job, pure=False, key=f"formcheck-{i}-{job.clip.name}"): job for i, job in enumerate(jobs)}
        waiting = set(futures)
        while waiting and not stop.requested:
            try:
                done, waiting = wait(waiting, timeout=RESULT_POLL_S, return_when="FIRST_COMPLETED")
            except TimeoutError:
                continue
            for future in done:
                try:
                    yield future.result()
                except Exception as error:  # the task died on its worker: recorded, the rest go on
                    yield ClipResult.without_report(futures[future], ClipStatus.FAILED, f"{type(error).__name__}: {error}")
        if waiting:
            client.cancel(list(waiting))
