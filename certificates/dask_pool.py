"""The bounded pool on a Dask cluster: ``--executor dask`` and ``--executor dask://HOST:PORT``.

:func:`dask_executor` returns a callable with the signature and the guarantees of
:func:`certificates.pool.run_bounded`: the same keys, the same time and memory limits, the same
:class:`~certificates.pool.Answer` kinds. Each task runs on a Dask worker through ``run_bounded`` of that
one task, so on the worker it is a forked child in its own process group, under the wall-clock deadline
and the address-space limit, killed whole and reaped there exactly as on this machine. The parent keeps
at most as many tasks on the cluster as it has worker threads, in the order given (longest first, when
the caller sorted them so), fires ``on_start`` as it hands a task over and ``on_done`` as each one
completes.

- ``dask``: a ``distributed.LocalCluster`` on loopback for the one call (``jobs`` worker processes of one
  thread each, no dashboard, silent logs), closed when the call ends, whatever way it ends.
- ``dask://HOST:PORT`` or ``tcp://HOST:PORT``: an existing scheduler (``distributed.Client(address)``); as
  many tasks run at once as its workers have threads, and the workers need this package and the
  development's imports installed. A scheduler that cannot be reached is a ``ValueError`` naming the
  address and what to do (the CLI's exit 2). A task running when the call is interrupted runs on to its
  own time limit on a remote worker (Dask cannot stop a running task); a local cluster is shut down.

What crosses the wire:

- parent to worker: the task's function (by reference; a function of a module the workers cannot import,
  such as a development loaded from a file or ``python -m certificates.judge``'s ``__main__``, by value),
  its arguments, the limits and the encoder of its result, as one cloudpickle ``bytes`` (Dask would send
  functions by reference with the standard pickle first), with SymPy's relations and Max/Min rebuilt
  unevaluated (:mod:`certificates.pickling`: else a worker would evaluate a hypothesis such as
  ``x**2 >= 0`` to ``True``). Workers are
  as trusted as the local pool's children: they run the same code on the same data.
- worker to parent: one ``bytes`` object and nothing else: a JSON header ``[kind, seconds, detail]``, a
  newline, then the task's result exactly as the pool's child encoded it. The parent decodes it with the
  caller's codec: JSON for the kernel's re-checks, so nothing a certificate says is unpickled in the
  parent, as with the local pool; the engine's own outcomes use pickle, as they do locally.
"""
from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import socket
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import cloudpickle
import dask
import distributed

from .pickling import dumps, faithful
from .pool import Answer, json_codec, run_bounded

_TaskPickler = faithful(cloudpickle.Pickler)   # a term arrives as it was stated (see certificates.pickling)
CONNECT_SECONDS = 10.0      # reaching a remote scheduler
DISPATCH_SECONDS = 60.0     # beyond its limit, how long a task may take to come back before it is given up


def dask_executor(spec: str) -> Callable[..., dict]:
    """The executor for ``dask``, ``dask://HOST:PORT`` or ``tcp://HOST:PORT`` (see the module's text)."""
    if spec == "dask":
        return partial(_run, address=None)
    address = _address(spec)
    _probe(address)
    return partial(_run, address=address)


def _address(spec: str) -> str:
    rest = spec.split("://", 1)[1] if "://" in spec else ""
    host, _, port = rest.rstrip("/").rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--executor {spec}: expected dask://HOST:PORT (or tcp://HOST:PORT), e.g. "
                         f"dask://127.0.0.1:8786")
    return f"tcp://{host}:{port}"


def _unreachable(address: str, why: object) -> ValueError:
    return ValueError(f"cannot reach a Dask scheduler at {address} ({why}); start one there "
                      f"(`dask scheduler`, and workers with `dask worker {address}`), or use --executor dask "
                      f"for a cluster on this machine, or --executor local")


def _probe(address: str) -> None:
    """Fail at once, with a clear message, when nothing listens at the address."""
    host, port = address[len("tcp://"):].rsplit(":", 1)
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_SECONDS):
            pass
    except OSError as exc:
        raise _unreachable(address, exc.strerror or exc) from None


@contextlib.contextmanager
def _client(address: str | None, workers: int) -> Iterator[distributed.Client]:
    quiet = logging.CRITICAL
    if address is None:
        # workers must be allowed children (the pool forks each task); forked as the pool's children are
        # (0.7 s to start instead of 5 s spawned, and the modules already imported come with them); the
        # pool's limits replace Dask's memory management; loopback only
        with dask.config.set({"distributed.worker.daemon": False, "distributed.admin.tick.limit": "1h",
                              "distributed.scheduler.worker-ttl": None,
                              "distributed.worker.multiprocessing-method": "fork"}):
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               host="127.0.0.1", dashboard_address=None, silence_logs=quiet,
                                               memory_limit=0)
            try:
                with distributed.Client(cluster, set_as_default=False) as client:
                    yield client
            finally:
                cluster.close()
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise _unreachable(address, exc) from None
    with client:
        yield client


def _run(tasks: Iterable[tuple[Any, Callable[..., Any], tuple]], *, jobs: int, seconds: float,
         memory_mb: int | None = None, codec: tuple[Callable, Callable] | None = None,
         on_start: Callable[[Any], None] | None = None, on_done: Callable[[Any, Answer], None] | None = None,
         stdout_to_stderr: bool = False, address: str | None = None) -> dict[Any, Answer]:
    encode, decode = codec or json_codec()
    pending = list(tasks)
    if not pending:
        return {}
    pending.reverse()
    _by_value_where_unimportable()
    answers: dict[Any, Answer] = {}
    prefix = f"proofs-{uuid.uuid4().hex[:12]}"
    with _client(address, min(max(1, jobs), len(pending))) as client:
        window = max(1, sum(client.nthreads().values())) if address else min(max(1, jobs), len(pending))
        running: dict[distributed.Future, tuple[Any, float]] = {}
        given_up = seconds + DISPATCH_SECONDS
        try:
            while pending or running:
                while pending and len(running) < window:
                    key, fn, args = pending.pop()
                    task = dumps((fn, args, seconds, memory_mb, encode, stdout_to_stderr), _TaskPickler)
                    future = client.submit(_on_worker, task, key=f"{prefix}-{len(answers) + len(running)}", pure=False)
                    running[future] = (key, time.monotonic())
                    if on_start:
                        on_start(key)
                try:
                    with client.as_current():
                        finished, _ = distributed.wait(list(running), timeout=1.0, return_when="FIRST_COMPLETED")
                except (TimeoutError, distributed.TimeoutError):
                    finished = set()
                now = time.monotonic()
                for future in list(running):
                    key, submitted = running[future]
                    if future in finished:
                        answer = _answer(future, decode)
                    elif now - submitted > given_up:     # a lost worker: the task never came back
                        future.cancel()
                        answer = Answer("timeout", seconds=now - submitted,
                                        detail=f"no answer from the cluster within {seconds:g}s")
                    else:
                        continue
                    del running[future]
                    answers[key] = answer
                    if on_done:
                        on_done(key, answer)
        finally:
            if running:
                client.cancel(list(running), force=True)
    return answers


def _answer(future: distributed.Future, decode: Callable[[bytes], Any]) -> Answer:
    """The worker's bytes as an :class:`Answer`; a task Dask itself could not run is ``crashed``."""
    if future.status != "finished":
        try:
            problem = future.exception(timeout=CONNECT_SECONDS)
            detail = f"{type(problem).__name__}: {str(problem)[:300]}"
        except Exception as exc:  # noqa: BLE001 - the cluster's own failure, reported as a crash
            detail = f"{type(exc).__name__}"
        return Answer("crashed", detail=f"the Dask task failed ({detail})")
    data = future.result()
    if not isinstance(data, bytes):
        return Answer("crashed", detail=f"the worker answered {type(data).__name__}, not bytes")
    head, _, payload = data.partition(b"\n")
    try:
        kind, seconds, detail = json.loads(head)
    except ValueError:
        return Answer("crashed", detail="the worker's answer is malformed")
    if kind != "done":
        return Answer(str(kind), seconds=float(seconds), detail=str(detail))
    try:
        value = decode(payload)
    except Exception:  # noqa: BLE001 - what the child sent cannot be read: as the local pool, a crash
        return Answer("crashed", seconds=float(seconds), detail="its answer could not be decoded")
    if isinstance(value, dict) and "__pool_failure__" in value:
        return Answer("crashed", seconds=float(seconds), detail=str(value["__pool_failure__"]))
    return Answer("done", value=value, seconds=float(seconds))


def _raw(data: bytes) -> bytes:
    return bytes(data)


def _on_worker(task: bytes) -> bytes:
    """On a Dask worker: the one task through the local pool; its answer as bytes (see the module's text)."""
    try:
        fn, args, seconds, memory_mb, encode, stdout_to_stderr = cloudpickle.loads(task)
    except Exception as exc:  # noqa: BLE001 - e.g. a module this worker does not have: the task crashed
        return json.dumps(["crashed", 0.0, f"the worker could not load the task: {type(exc).__name__}: "
                                           f"{str(exc)[:300]}"]).encode() + b"\n"
    process = multiprocessing.current_process()
    if process.daemon:              # a worker started as a daemon (Dask's default) may not fork children
        process._config["daemon"] = False   # type: ignore[attr-defined]
    answer = run_bounded([(0, fn, args)], jobs=1, seconds=seconds, memory_mb=memory_mb, codec=(encode, _raw),
                         stdout_to_stderr=stdout_to_stderr)[0]
    head = json.dumps([answer.kind, answer.seconds, answer.detail]).encode()
    return head + b"\n" + (answer.value if answer.kind == "done" else b"")


_checked: set[str] = set()


def _by_value_where_unimportable() -> None:
    """Functions of modules a worker cannot import by name (a development loaded from a file gets a name of
    its own; ``python -m`` runs a module as ``__main__``) travel by value."""
    finders = [f for f in sys.meta_path if hasattr(f, "find_spec")]
    for name, module in list(sys.modules.items()):
        if "." in name or name in _checked or module is None or name in sys.builtin_module_names:
            continue
        _checked.add(name)
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if not origin or origin in ("built-in", "frozen") or name == "__main__":
            continue
        if not any(_finds(f, name) for f in finders):
            try:
                cloudpickle.register_pickle_by_value(module)
            except ValueError:
                pass


def _finds(finder: Any, name: str) -> bool:
    try:
        return finder.find_spec(name, None) is not None
    except Exception:  # noqa: BLE001 - a finder that fails does not find it
        return False

