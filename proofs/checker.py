"""Discharge a development's obligations, then let the kernel decide every status.

Each obligation runs in a forked worker with a hard time limit (:mod:`certificates.pool`): a hanging
solver becomes ``unknown``, a crashing one ``failed``, and the run goes on. The backends only propose:
statuses, acceptance and the exit code come from the kernel's judge (:mod:`certificates.judge`), run in a
fresh interpreter on exactly the records the certificates will hold, so ``check`` and ``verify`` decide by
the same code and no development code is loaded where ``proved`` is decided. A backend that can proposes
``proved`` without solving (Z3): the kernel's re-check is then the only proof, and a proposal it does not
accept is discharged for real and judged again.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Callable, cast

import networkx as nx

from certificates.collector import young_collections_only

from . import backends
from .development import Development
from .errors import ProofsError, did_you_mean
from .graph import build_obligations, check_order, cone, validate
from .kernel import judge_run, started_early
from .model import Implication, Kind, Node, Obligation, Outcome, Status, Verdict
from .runner import is_proposal, run_obligations
from .uses import resolve as resolve_uses

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
    kernel: str = ""        # the kernel's word on this outcome: accepted, rejected, unconfirmed or trusted
    cached: bool = False    # taken from the cache (and re-checked by the kernel like any other)
    clause: str = ""        # the clause of the node's statement it establishes
    dims_from: str = ""     # how its dims were found: from its objects, declared, or dimension-free


@dataclass
class NodeResult:
    node: Node
    status: Status
    reason: str
    obligations: list[ObligationResult] = field(default_factory=list)
    seconds: float = 0.0
    disagreement: bool = False   # a formal and the numeric backend disagree
    accepted: bool = False       # the kernel's word: this node lets the run succeed
    trusted_backends: tuple[str, ...] = ()   # backends of the development whose answers were trusted
    clauses: list = field(default_factory=list)    # declared clauses with their obligations and statuses
    unlinked: list = field(default_factory=list)   # hypotheses neither the node's own, a use nor a definition


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
    exit_code: int = 0             # the kernel's: 0 accepted, 1 something wrong, 3 incomplete
    kernel_seconds: float = 0.0    # the kernel's judgement of the whole run
    kernel_rechecks: int = 0       # re-checks the kernel ran in this run
    kernel_remembered: int = 0     # re-checks its authenticated memo answered (identical input)
    cached: int = 0                # obligations whose outcome came from the cache (and were re-checked)
    discharged_again: int = 0      # proposals the kernel did not accept and rejected cache entries, redone

    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for r in self.results.values():
            counts[r.status.value] += 1
        return counts

    def accepted(self, node_id: str) -> bool:
        """Whether a node lets the run succeed (decided by the kernel)."""
        return self.results[node_id].accepted


ProgressHook = Callable[[str, object], None]


def obligation_seed(base: int, node_id: str, name: str) -> int:
    """A per-obligation seed that depends only on the base seed and the obligation's name."""
    return (base * 1_000_003 + zlib.crc32(f"{node_id}/{name}".encode())) % (2 ** 31)


def check(dev: Development, *, only: str | None = None, timeout: float = DEFAULT_TIMEOUT,
          seed: int = DEFAULT_SEED, profile: str = "quick", jobs: int | None = None,
          progress: ProgressHook | None = None, cache=None, executor: str | None = None) -> RunResult:
    """``cache`` (e.g. ``proofs.cache.ObligationCache``) supplies outcomes, which the kernel re-checks like
    any other: one it rejects is dropped from the cache and discharged again. ``executor``: where obligations
    and re-checks run (``local``, ``dask``, ``dask://HOST:PORT``)."""
    from certificates.pool import executor_named

    try:
        executor_named(executor)
    except ValueError as exc:
        raise ProofsError(str(exc)) from None
    with started_early() as early:       # the kernel's interpreter loads its modules while this one builds
        return _check(dev, only=only, timeout=timeout, seed=seed, profile=profile, jobs=jobs, progress=progress,
                      cache=cache, executor=executor, early=early)


def _check(dev: Development, *, only: str | None, timeout: float, seed: int, profile: str, jobs: int | None,
           progress: ProgressHook | None, cache, executor: str | None, early) -> RunResult:
    started = time.perf_counter()
    with young_collections_only():
        graph = validate(dev, backends.names())
        if only is not None and only not in dev:
            raise ProofsError(f"--only names unknown node {only!r}",
                              hint=did_you_mean(only, list(dev.nodes))
                              or "run `python -m proofs graph --format json` to list the node ids")
        order = check_order(graph)
        if only is not None:
            wanted = cone(graph, only)
            order = [n for n in order if n in wanted]
        build_obligations(dev, order, backends.names())
        resolve_uses(dev, order)
        hook = progress or (lambda event, data: None)
        jobs = (os.cpu_count() or 1) if jobs is None else jobs
        tasks = []
        for node_id in order:
            node = dev[node_id]
            if node.kind.is_claim and node.build_error is None:
                for ob in node.obligations():
                    tasks.append((node_id, ob, obligation_seed(seed, node_id, ob.name)))
        hook("start", len(tasks))
        outcomes, todo, storing = _use_cache(cache, tasks, timeout, profile, hook)
    from_cache = set(outcomes)
    # backends propose: the kernel's re-check is the proof of a proposal, so no query is solved twice
    outcomes.update(run_obligations(todo, timeout=timeout, profile=profile, jobs=jobs, hook=storing,
                                    executor=executor, propose=True))
    stated = [(node_id, ob, 0) for node_id in order for ob in dev[node_id].states]
    tasks += stated                          # never discharged: the kernel sees what they state
    outcomes.update({(node_id, ob.name): stated_outcome(ob) for node_id, ob, _ in stated})
    known: dict = {}                         # the kernel's input, converted once per outcome
    with _memo_dir(cache) as memo:
        with young_collections_only():       # the kernel runs in an interpreter of its own
            judgement = first = judge_run(dev, order, tasks, outcomes, timeout=timeout, jobs=jobs, hook=hook,
                                          executor=executor, memo=memo, known=known, early=early)
        again = [t for t in tasks if _discharge_again(judgement.obligation(t[0], t[1].name)["kernel"],
                                                      outcomes[(t[0], t[1].name)], (t[0], t[1].name) in from_cache)]
        if again:
            hook("again", len(again))
            for node_id, ob, s in again:
                if cache is not None:
                    cache.forget(ob, s, timeout, profile)
                from_cache.discard((node_id, ob.name))
            outcomes.update(run_obligations(again, timeout=timeout, profile=profile, jobs=jobs, hook=storing,
                                            executor=executor))
            with young_collections_only():
                judgement = judge_run(dev, order, tasks, outcomes, timeout=timeout, jobs=jobs, hook=hook,
                                      executor=executor, memo=memo, known=known)
            judgement.seconds += first.seconds            # the kernel's time and work over both judgements;
            judgement.rechecks += first.rechecks          # what its memo answered is what earlier runs left
            judgement.remembered = first.remembered
    results: dict[str, NodeResult] = {}
    by_node: dict[str, list] = {}
    for task in tasks:
        by_node.setdefault(task[0], []).append(task)
    for node_id in order:
        node = dev[node_id]
        obs = [ObligationResult(node_id, ob.name, ob.backend, ob.claim, ob.dims, s, outcomes[(node_id, ob.name)],
                                cached=(node_id, ob.name) in from_cache, clause=ob.clause, dims_from=ob.dims_from)
               for (_, ob, s) in by_node.get(node_id, [])]
        results[node_id] = judgement.node_result(node, obs)
        hook("node", results[node_id])
    run = RunResult(dev, graph, order, results, backends.versions(), seed, profile, timeout,
                    exit_code=judgement.exit_code, kernel_seconds=judgement.seconds, cached=len(from_cache),
                    kernel_rechecks=judgement.rechecks, kernel_remembered=judgement.remembered,
                    discharged_again=len(again))
    run.seconds = time.perf_counter() - started
    hook("done", run)
    return run


def _discharge_again(kernel: str, outcome: Outcome, cached: bool) -> bool:
    """A proposal the kernel did not accept is discharged for real (which finds the counterexample, the
    vacuity or the unknown); a cache entry it rejects is never trusted: dropped and discharged again."""
    return (is_proposal(outcome) and kernel != "accepted") or (cached and kernel == "rejected")


@contextlib.contextmanager
def _memo_dir(cache) -> Iterator[str]:
    """Where the kernel remembers its re-checks: beside the cache, or for this run only, so that judging
    again after the second pass repeats none of the first pass's re-checks."""
    if cache is not None:
        yield str(cache.root / "kernel")
        return
    with tempfile.TemporaryDirectory(prefix="proofs-memo-") as tmp:
        yield tmp


def stated_outcome(ob: Obligation) -> Outcome:
    """The record of a formula a cited result or a definition states: what a use is re-derived from."""
    from certificates.serialize import encode

    from .backends.z3_backend import with_schemas

    p = cast(Implication, ob.payload)           # graph validation admits only implications
    record = {"kind": "implication", "hypotheses": [encode(h) for h in p.hypotheses],
              "conclusion": encode(p.conclusion), "integer_symbols": [str(s) for s in p.integer_symbols],
              "justification": list(ob.justification), "parameters": [encode(s) for s in ob.parameters]}
    return Outcome(Verdict.ASSUMED, message="stated by the node: part of the trusted base, not discharged",
                   record=with_schemas(record, p))     # a user needs them among its own


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
    seeds = {(node_id, ob.name): seed for node_id, ob, seed in tasks}

    def storing(event: str, data: object) -> None:
        if event == "obligation":
            node_id, ob, outcome = cast(tuple, data)
            cache.put(ob, seeds[(node_id, ob.name)], timeout, profile, outcome)
        hook(event, data)
    return found, todo, storing


__all__ = ["check", "run_obligations", "RunResult", "NodeResult", "ObligationResult", "DEFAULT_TIMEOUT",
           "Kind", "Node"]
