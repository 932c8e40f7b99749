"""Discharge a development's obligations and propagate status in topological order.

Each obligation runs in a forked worker with a hard time limit: a hanging
solver becomes ``unknown``, a crashing one ``failed``, and the run goes on.
Only a backend's verdict can make a node ``proved``.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
import zlib
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Callable

import networkx as nx

from . import backends
from .alarm import env_seconds
from .development import Development, _format_exception
from .graph import check_order, cone, validate
from .errors import ProofsError
from .model import Kind, Node, Obligation, Outcome, Status, Verdict

DEFAULT_TIMEOUT = 120.0
DEFAULT_SEED = 20201124
GRACE = 5.0   # seconds a worker may overrun its backend's own limit before it is killed ($PROOFS_KILL_GRACE)


@dataclass
class ObligationResult:
    node: str
    name: str
    backend: str
    claim: str
    dims: tuple[int, ...]
    seed: int
    outcome: Outcome


@dataclass
class NodeResult:
    node: Node
    status: Status
    reason: str
    obligations: list[ObligationResult] = field(default_factory=list)
    seconds: float = 0.0
    disagreement: bool = False   # a formal and the numeric backend disagree


@dataclass
class RunResult:
    development: Development
    graph: nx.DiGraph
    order: list[str]
    results: dict[str, NodeResult]
    backend_versions: dict[str, str | None]
    seed: int
    profile: str
    timeout: float
    seconds: float = 0.0

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for r in self.results.values():
            counts[r.status.value] += 1
        return counts

    def accepted(self, node_id: str) -> bool:
        """Whether a node's status lets the run succeed."""
        r = self.results[node_id]
        if r.status in (Status.PROVED, Status.ASSUMED, Status.CORROBORATED):
            return True
        if r.status == Status.REFUTED and r.node.printed:
            fixed = self.results.get(node_id + ".corrected")
            return fixed is not None and fixed.status == Status.PROVED
        return False

    @property
    def exit_code(self) -> int:
        return 0 if all(self.accepted(n) for n in self.order) else 1


ProgressHook = Callable[[str, object], None]


def obligation_seed(base: int, node_id: str, name: str) -> int:
    """A per-obligation seed that depends only on the base seed and the obligation's name."""
    return (base * 1_000_003 + zlib.crc32(f"{node_id}/{name}".encode())) % (2 ** 31)


def check(dev: Development, *, only: str | None = None, timeout: float = DEFAULT_TIMEOUT,
          seed: int = DEFAULT_SEED, profile: str = "quick", jobs: int | None = None,
          progress: ProgressHook | None = None, cache=None) -> RunResult:
    """``cache`` (e.g. ``proofs.cache.ObligationCache``) supplies and stores definite outcomes."""
    started = time.perf_counter()
    graph = validate(dev, backends.names())
    if only is not None and only not in dev:
        raise ProofsError(f"--only names unknown node {only!r}",
                          hint="run `python -m proofs graph --format json` to list the node ids")
    order = check_order(graph)
    if only is not None:
        wanted = cone(graph, only)
        order = [n for n in order if n in wanted]
    hook = progress or (lambda event, data: None)
    tasks = []
    for node_id in order:
        node = dev[node_id]
        if node.kind.is_claim and node.build_error is None:
            for ob in node.obligations():
                tasks.append((node_id, ob, obligation_seed(seed, node_id, ob.name)))
    hook("start", len(tasks))
    outcomes, todo, hook = _use_cache(cache, tasks, timeout, profile, hook)
    outcomes.update(run_obligations(todo, timeout=timeout, profile=profile, jobs=(os.cpu_count() or 1) if jobs is None else jobs,
                             hook=hook))
    results: dict[str, NodeResult] = {}
    for node_id in order:
        node = dev[node_id]
        obs = [ObligationResult(node_id, ob.name, ob.backend, ob.claim, ob.dims, s, outcomes[(node_id, ob.name)])
               for (nid, ob, s) in tasks if nid == node_id]
        results[node_id] = _node_result(node, obs, results)
        hook("node", results[node_id])
    run = RunResult(dev, graph, order, results, backends.versions(), seed, profile, timeout)
    run.seconds = time.perf_counter() - started
    hook("done", run)
    return run


def _use_cache(cache, tasks, timeout: float, profile: str, hook: ProgressHook):
    """Outcomes found in the cache, the tasks still to run, and a hook that stores new outcomes."""
    if cache is None:
        return {}, tasks, hook
    found, todo = {}, []
    for node_id, ob, seed in tasks:
        outcome = cache.get(ob, seed, timeout, profile)
        if outcome is None:
            todo.append((node_id, ob, seed))
        else:
            found[(node_id, ob.name)] = outcome
            hook("obligation", (node_id, ob, outcome))
    seeds = {(node_id, ob.name): seed for node_id, ob, seed in todo}

    def storing(event: str, data: object) -> None:
        if event == "obligation":
            node_id, ob, outcome = data  # type: ignore[misc]
            cache.put(ob, seeds[(node_id, ob.name)], timeout, profile, outcome)
        hook(event, data)
    return found, todo, storing


# ------------------------------------------------------------------------- status


def _node_result(node: Node, obs: list[ObligationResult], done: dict[str, NodeResult]) -> NodeResult:
    seconds = sum(o.outcome.seconds for o in obs)
    if not node.kind.is_claim:
        return NodeResult(node, Status.ASSUMED, f"{node.kind.value}: part of the trusted base")
    if node.build_error is not None:
        return NodeResult(node, Status.FAILED, f"building its obligations raised {node.build_error}")
    verdicts = [o.outcome.verdict for o in obs]
    formal = [o for o in obs if o.backend in backends.FORMAL_BACKENDS]
    numeric = [o for o in obs if o.backend not in backends.FORMAL_BACKENDS]
    # node level: the formal backends say it holds and a numeric check refutes it, or the reverse
    formal_holds = bool(formal) and all(o.outcome.verdict == Verdict.PROVED for o in formal)
    formal_refutes = any(o.outcome.verdict == Verdict.REFUTED for o in formal)
    numeric_holds = bool(numeric) and all(o.outcome.verdict == Verdict.AGREES for o in numeric)
    numeric_refutes = any(o.outcome.verdict == Verdict.REFUTED for o in numeric)
    disagreement = (formal_holds and numeric_refutes) or (formal_refutes and numeric_holds)

    def first(verdict: Verdict) -> ObligationResult:
        return next(o for o in obs if o.outcome.verdict == verdict)

    if Verdict.REFUTED in verdicts:
        o = first(Verdict.REFUTED)
        status, reason = Status.REFUTED, f"{o.name} ({o.backend}): {o.outcome.message}"
    elif Verdict.FAILED in verdicts:
        o = first(Verdict.FAILED)
        status, reason = Status.FAILED, f"{o.name} ({o.backend}): {o.outcome.message}"
    elif Verdict.VACUOUS in verdicts:
        o = first(Verdict.VACUOUS)
        status, reason = Status.FAILED, f"{o.name} ({o.backend}) is vacuous: {o.outcome.message}"
    elif formal and all(o.outcome.verdict == Verdict.PROVED for o in formal) and all(
            o.outcome.verdict == Verdict.AGREES for o in numeric):
        status, reason = Status.PROVED, f"{len(formal)} formal obligation(s) proved" + (
            f", {len(numeric)} numeric check(s) agree" if numeric else "")
    elif not formal and numeric and all(o.outcome.verdict == Verdict.AGREES for o in numeric):
        status, reason = Status.CORROBORATED, f"{len(numeric)} numeric check(s) agree; no formal proof"
    else:
        o = next(o for o in obs if o.outcome.verdict not in (Verdict.PROVED, Verdict.AGREES))
        status, reason = Status.UNKNOWN, f"{o.name} ({o.backend}): {o.outcome.verdict.value}: {o.outcome.message}"
    if status in (Status.PROVED, Status.CORROBORATED, Status.UNKNOWN):
        missing = [d for d in node.deps if d in done and not done[d].status.is_established]
        if missing:
            status, reason = Status.BLOCKED, "depends on " + ", ".join(
                f"{d} ({done[d].status.value})" for d in missing)
    if disagreement:
        reason += " [formal and numeric backends disagree]"
    return NodeResult(node, status, reason, obs, seconds, disagreement)


# ------------------------------------------------------------------------- workers


def _discharge_inline(ob: Obligation, timeout: float, seed: int, profile: str) -> Outcome:
    start = time.perf_counter()
    try:
        backend = backends.get(ob.backend)
        if backend.version() is None:
            return Outcome(Verdict.UNAVAILABLE, message=f"backend {ob.backend!r} is not installed")
        outcome = backend.discharge(ob, timeout=timeout, seed=seed, profile=profile)
        if not isinstance(outcome, Outcome):
            return Outcome(Verdict.FAILED, seconds=time.perf_counter() - start,
                           message=f"backend returned {type(outcome).__name__}, not an Outcome")
        return outcome
    except (Exception, SystemExit) as exc:  # SystemExit: an obligation must not end the run
        return Outcome(Verdict.FAILED, seconds=time.perf_counter() - start,
                       message=_format_exception(exc))


def _start(proc) -> None:
    """Fork with SIGINT held back: a Ctrl-C that lands during the fork would otherwise be raised inside
    Python's at-fork hooks, where it is printed as ignored and lost. It is delivered once the fork is
    done."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        proc.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _worker(conn, ob: Obligation, timeout: float, seed: int, profile: str) -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)     # Ctrl-C is the parent's to handle
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})   # blocked by _start, see there
        os.dup2(2, 1)  # whatever an obligation prints goes to stderr: stdout belongs to the CLI (--json -)
        outcome = _discharge_inline(ob, timeout, seed, profile)
        try:
            conn.send(outcome)
        except Exception as exc:  # an unpicklable record
            conn.send(Outcome(Verdict.FAILED, seconds=outcome.seconds,
                              message=f"result could not be returned: {_format_exception(exc)}"))
    finally:
        conn.close()
        os._exit(0)


def run_obligations(tasks, *, timeout: float, profile: str, jobs: int, hook: ProgressHook) -> dict:
    outcomes: dict[tuple[str, str], Outcome] = {}
    if jobs <= 0:
        for node_id, ob, seed in tasks:
            hook("obligation-start", (node_id, ob.name))
            outcomes[(node_id, ob.name)] = _discharge_inline(ob, timeout, seed, profile)
            hook("obligation", (node_id, ob, outcomes[(node_id, ob.name)]))
        return outcomes
    ctx = mp.get_context("fork")
    grace = max(0.0, env_seconds("PROOFS_KILL_GRACE", GRACE))
    pending = deque(tasks)
    running: dict = {}
    try:
        while pending or running:
            while pending and len(running) < jobs:
                node_id, ob, seed = pending.popleft()
                parent, child = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_worker, args=(child, ob, timeout, seed, profile), daemon=True)
                _start(proc)
                child.close()
                running[parent] = (node_id, ob, proc, time.monotonic(), time.monotonic() + timeout + grace)
                hook("obligation-start", (node_id, ob.name))
            now = time.monotonic()
            nearest = min(deadline for *_, deadline in running.values())
            wait(list(running), timeout=max(0.0, min(nearest - now, 1.0)))
            for conn in list(running):
                node_id, ob, proc, began, deadline = running[conn]
                outcome = None
                if conn.poll():
                    try:
                        outcome = conn.recv()
                    except (EOFError, OSError):
                        outcome = None
                    if outcome is None:
                        proc.join(1)
                        outcome = Outcome(Verdict.FAILED, seconds=time.monotonic() - began,
                                          message=f"worker died (exit code {proc.exitcode}) "
                                                  "before reporting")
                elif not proc.is_alive():
                    outcome = Outcome(Verdict.FAILED, seconds=time.monotonic() - began,
                                      message=f"worker died (exit code {proc.exitcode}) before reporting")
                elif time.monotonic() > deadline:
                    proc.kill()
                    outcome = Outcome(Verdict.UNKNOWN, seconds=time.monotonic() - began,
                                      message=f"timed out after {timeout:g}s (limit; see --timeout)")
                if outcome is not None:
                    proc.join(5)
                    conn.close()
                    del running[conn]
                    outcomes[(node_id, ob.name)] = outcome
                    hook("obligation", (node_id, ob, outcome))
    finally:
        for conn, (_, _, proc, _, _) in running.items():
            proc.kill()
            conn.close()
    return outcomes


__all__ = ["check", "RunResult", "NodeResult", "ObligationResult", "DEFAULT_TIMEOUT", "Kind"]
