"""One bounded pool of forked children, for the engine's obligations and the kernel's re-checks.

Each task runs in a forked child that is the leader of its own process group, under a wall-clock
deadline and optionally an address-space limit; at most ``jobs`` run at once. Whatever way the pool is
left (normal end, an exception, Ctrl-C, SIGTERM turned into SystemExit by the CLI), every child's group
is killed and reaped, so nothing of ours outlives the run. A child answers once through a pipe; a child
that dies first is ``crashed``, one past its deadline is ``timeout``.
"""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

MAX_ANSWER_BYTES = 64 * 2 ** 20


@dataclass
class Answer:
    kind: str                  # done | timeout | crashed
    value: Any = None          # what the task returned (kind == done)
    seconds: float = 0.0
    detail: str = ""


def json_codec() -> tuple[Callable[[Any], bytes], Callable[[bytes], Any]]:
    return (lambda v: json.dumps(v).encode()), (lambda b: json.loads(b))


def run_bounded(tasks: Iterable[tuple[Any, Callable[..., Any], tuple]], *, jobs: int, seconds: float,
                memory_mb: int | None = None, codec: tuple[Callable, Callable] | None = None,
                on_start: Callable[[Any], None] | None = None,
                on_done: Callable[[Any, Answer], None] | None = None,
                stdout_to_stderr: bool = False, batch: int = 1,
                alone: Callable[[Any], bool] | None = None, steal: bool = False) -> dict[Any, Answer]:
    """Run ``fn(*args)`` for each ``(key, fn, args)`` in order; returns key -> :class:`Answer`.

    ``codec``: (encode, decode) of a task's return value between child and parent (JSON by default:
    the kernel never unpickles). ``batch``: up to that many consecutive tasks share one child, which answers
    each as it finishes; every task still has its own deadline (from the previous answer). When one times out
    or kills its child, the tasks after it go back to the queue; one that crashed after others in its child
    is run once more in a child of its own (what ran before it, e.g. memory it left, may be the cause).
    ``alone(key)`` true: that task never shares a child (long tasks, where a fork costs nothing).
    ``steal``: a job left idle with nothing pending takes over the second half of the tasks a child has not
    yet answered (of the child with the most left; it is reaped once it has answered the first half), so a
    batch may be as long as the whole list (one child per job, its caches warm) without a long batch keeping
    the other jobs waiting at the end. Which child runs a task changes nothing it answers."""
    encode, decode = codec or json_codec()
    ctx = mp.get_context("fork")
    reaper = _Reaper()
    pending = [(t, not (alone and alone(t[0]))) for t in tasks]     # (task, may share a child)
    pending.reverse()
    size = max(1, batch)
    running: dict[Any, list] = {}       # receive end -> [tasks of the child, next index, child, began, deadline]
    answers: dict[Any, Answer] = {}
    retried: set = set()

    def finish(key: Any, answer: Answer) -> None:
        answers[key] = answer
        if on_done:
            on_done(key, answer)

    try:
        while pending or running:
            while steal and not pending and len(running) < max(1, jobs) and _steal(running, pending):
                pass
            while pending and len(running) < max(1, jobs):
                task, shares = pending.pop()
                group = [task]
                while shares and len(group) < size and pending and pending[-1][1]:
                    group.append(pending.pop()[0])
                receive, send = ctx.Pipe(duplex=False)
                child = ctx.Process(target=_child, args=(send, [(fn, args) for _, fn, args in group], memory_mb,
                                                         encode, stdout_to_stderr), daemon=True)
                _start(child)
                reaper.watch(child.pid)
                send.close()
                began = time.monotonic()
                running[receive] = [group, 0, child, began, began + seconds]
                if on_start:
                    for key, _, _ in group:
                        on_start(key)
            soonest = min(entry[4] for entry in running.values())
            ready = wait(list(running), timeout=max(0.0, min(soonest - time.monotonic(), 1.0)))
            now = time.monotonic()
            for receive in list(running):
                group, index, child, began, deadline = running[receive]
                key = group[index][0]
                if receive in ready:
                    answer = _collect(receive, child, decode, began)
                    if answer.kind == "done" and index + 1 < len(group):
                        finish(key, answer)              # the child goes on with the next task of its batch
                        now = time.monotonic()
                        running[receive] = [group, index + 1, child, now, now + seconds]
                        continue
                elif deadline <= now:
                    answer = Answer("timeout", seconds=now - began, detail=f"no answer within {seconds:g}s")
                else:
                    continue
                del running[receive]
                _reap(receive, child)
                reaper.forget(child.pid)
                rest = [(task, True) for task in group[index + 1:]]
                if answer.kind == "crashed" and index > 0 and key not in retried:
                    retried.add(key)                       # once more, alone: the crash may not be its own
                    rest.insert(0, (group[index], False))
                else:
                    finish(key, answer)
                pending.extend(reversed(rest))             # a time-out or a crash: the rest go on
    finally:
        for receive, entry in running.items():
            _reap(receive, entry[2])
        reaper.close()
    return answers


def _steal(running: dict, pending: list) -> bool:
    """Move the second half of the unanswered tasks after the current one, of the child with the most left,
    back to ``pending`` (shared); its batch ends with the first half, after which it is reaped as usual
    (what it may already have begun of the second half is lost with it). False when no child has any."""
    entry = max(running.values(), key=lambda e: len(e[0]) - e[1] - 1, default=None)
    if entry is None or len(entry[0]) - entry[1] - 1 < 1:
        return False
    group, index = entry[0], entry[1]
    take = (len(group) - index) // 2          # of the len(group) - index - 1 after the current task, the later half
    keep = len(group) - take
    entry[0] = group[:keep]
    pending.extend(reversed([(task, True) for task in group[keep:]]))
    return True


class _Reaper:
    """A process that outlives the pool's owner only to kill the workers' process groups it leaves.

    A worker dies with its parent (``PR_SET_PDEATHSIG``), and so does what it forks in Python, but a
    grandchild it starts by exec (``subprocess``) would be adopted by init and run on. The reaper reads
    the worker groups from a pipe; when the pipe closes (the owner ends, however: even a SIGKILL closes
    it) it kills every group still listed and exits. Without ``fork`` (or when it cannot start) the pool
    runs without one."""

    def __init__(self) -> None:
        self.fd: int | None = None
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:                                   # held back as in _start: the fork's child must not take one
            read, write = os.pipe()
            pid = os.fork()
        except (OSError, AttributeError):
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
            return
        if pid == 0:
            _reaper_main(read)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        os.close(read)
        self.fd, self.pid = write, pid
        global _REAPER_FDS
        _REAPER_FDS = (*_REAPER_FDS, write)

    def _say(self, line: str) -> None:
        if self.fd is not None:
            try:
                os.write(self.fd, line.encode())
            except OSError:                    # the reaper is gone: nothing to tell
                pass

    def watch(self, group: int | None) -> None:
        if group is not None:
            self._say(f"+{group}\n")

    def forget(self, group: int | None) -> None:
        if group is not None:
            self._say(f"-{group}\n")

    def close(self) -> None:
        """Every worker is reaped: the reaper finds its list empty, exits, and is waited for."""
        global _REAPER_FDS
        if self.fd is None:
            return
        os.close(self.fd)
        _REAPER_FDS = tuple(fd for fd in _REAPER_FDS if fd != self.fd)
        self.fd = None
        deadline = time.monotonic() + 1.0
        try:
            while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:   # another process of ours still holds the pipe: the list is
                    os.kill(self.pid, signal.SIGKILL)     # empty, so the reaper has nothing left to do
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.001)
        except ChildProcessError:
            pass


_REAPER_FDS: tuple[int, ...] = ()       # write ends a forked worker must not keep open


def _reaper_main(read: int) -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)       # a Ctrl-C is the owner's; the reaper cleans after it
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):                   # holds no terminal or pipe of the owner open
            os.dup2(null, fd)
        os.closerange(3, read)
        os.closerange(read + 1, 1 << 16)
        groups: set[int] = set()
        pending = b""
        while chunk := os.read(read, 4096):
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                group = int(line[1:])
                (groups.add if line[:1] == b"+" else groups.discard)(group)
        for group in groups:
            try:
                os.killpg(group, signal.SIGKILL)
            except OSError:
                pass
    finally:
        os._exit(0)


def _start(child: Any) -> None:
    """Fork with SIGINT and SIGTERM held back: a Ctrl-C (or a SIGTERM the CLI raises as an exception) landing
    during the fork would be raised inside Python's at-fork hooks, where it is printed as ignored and lost;
    it is delivered once the fork is done."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        child.start()
        try:
            os.setpgid(child.pid, child.pid)   # also here: the group exists before the child runs a line
        except OSError:
            pass                               # the child got there first, or has already exited
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _child(send: Any, work: list, memory_mb: int | None, encode: Callable, stdout_to_stderr: bool) -> None:
    try:
        for fd in _REAPER_FDS:                 # the reaper must see its pipe close when the owner ends
            os.close(fd)
        os.setpgid(0, 0)                                   # its own group: killed whole, grandchildren too
        _die_with_parent()
        os.register_at_fork(after_in_child=_die_with_parent)   # what the task forks (cvc5) dies with it too
        signal.signal(signal.SIGINT, signal.SIG_IGN)       # Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        if stdout_to_stderr:
            os.dup2(2, 1)          # what a task prints must not reach a parent's stdout (e.g. --json -)
        if memory_mb:
            limit = memory_mb * 2 ** 20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        for fn, args in work:                  # one answer per task, sent as soon as it is there
            try:
                data = encode(fn(*args))
            except MemoryError:
                data = encode(_failure(f"ran out of memory (limit {memory_mb} MB)"))
            send.send_bytes(data)
    except BaseException:  # noqa: BLE001 - the parent reports a child that did not answer as crashed
        pass
    finally:
        os._exit(0)


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGKILL to this child when the process that forked it dies, even by SIGKILL."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)          # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:                 # the parent died before the request took effect
        os._exit(1)


def _failure(detail: str) -> Any:
    return {"__pool_failure__": detail}


def _collect(receive: Any, child: Any, decode: Callable, began: float) -> Answer:
    seconds = time.monotonic() - began
    try:
        value = decode(receive.recv_bytes(MAX_ANSWER_BYTES))
    except (EOFError, OSError, ValueError):
        child.join(1)
        return Answer("crashed", seconds=seconds, detail=f"exit code {child.exitcode}")
    if isinstance(value, dict) and "__pool_failure__" in value:
        return Answer("crashed", seconds=seconds, detail=value["__pool_failure__"])
    return Answer("done", value=value, seconds=seconds)


def _reap(receive: Any, child: Any) -> None:
    """Kill the child's whole process group (it may have forked, as cvc5 re-checks do) and wait for it."""
    if child.pid is not None:
        for kill in (os.killpg, os.kill):
            try:
                kill(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
    child.join(5)
    receive.close()


Executor = Callable[..., dict]


def executor_named(spec: str | None) -> Executor:
    """The executor a command line names: ``local`` (this machine's bounded pool, the default), ``dask`` (a
    local Dask cluster) or ``dask://HOST:PORT`` (an existing Dask scheduler). Every executor has the
    signature and the guarantees of :func:`run_bounded`: the same tasks, time limits and answers."""
    if spec in (None, "", "local"):
        return run_bounded
    if spec == "dask" or spec.startswith("dask://") or spec.startswith("tcp://"):
        try:
            from .dask_pool import dask_executor
        except ImportError as exc:
            raise ValueError(f"--executor {spec} needs the optional packages dask and distributed "
                             f"({exc}); install them with: pip install '.[dask]'") from None
        return dask_executor(spec)
    raise ValueError(f"unknown executor {spec!r}: use local, dask or dask://HOST:PORT")
