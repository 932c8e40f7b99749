"""Run obligations through their backends: the one runner ``check`` and ``mutate`` share.

Obligations run in children of :func:`certificates.pool.run_bounded` (own process groups, killed and reaped
on every exit path), each with the backend's time limit plus a grace; cheap ones share a child, one after
another (:data:`OBLIGATIONS_PER_CHILD`); ``jobs=0`` runs them in this process, without a time limit, for
debugging. What a backend answers is a proposal: the kernel decides.
"""
from __future__ import annotations

import pickle
import sys
import time
from typing import Any, Callable

from certificates.pickling import dumps
from certificates.pool import executor_named, run_bounded

from . import backends
from .alarm import env_seconds
from .development import _format_exception
from .model import Obligation, Outcome, Verdict

GRACE = 5.0   # seconds a worker may overrun its backend's own limit before it is killed ($PROOFS_KILL_GRACE)
# obligations per forked child (local pool): most take milliseconds, and a fork each cost more than their work
# (1000 synthetic nodes: 30 ms per node with a child each). Numeric checks, which take seconds, run alone.
OBLIGATIONS_PER_CHILD = 16
ALONE_BACKENDS = frozenset({"numeric"})

ProgressHook = Callable[[str, object], None]


def discharge(ob: Obligation, timeout: float, seed: int, profile: str, propose: bool = False) -> Outcome:
    """One obligation through its backend, in this process; a backend that raises gives ``failed``.
    ``propose``: a backend that ``proposes`` may record its claim without proving it (the kernel proves it)."""
    start = time.perf_counter()
    _fresh_solver_state()
    try:
        backend = backends.get(ob.backend)
        if backend.version() is None:
            return Outcome(Verdict.UNAVAILABLE, message=f"backend {ob.backend!r} is not installed")
        mode = {"propose": True} if propose and getattr(backend, "proposes", False) else {}
        outcome = backend.discharge(ob, timeout=timeout, seed=seed, profile=profile, **mode)
        if not isinstance(outcome, Outcome):
            return Outcome(Verdict.FAILED, seconds=time.perf_counter() - start,
                           message=f"backend returned {type(outcome).__name__}, not an Outcome")
        if ob.justification and isinstance(outcome.record, dict) and outcome.record.get("kind") in (
                "implication", "identity", "chain"):
            outcome.record["justification"] = [dict(j) for j in ob.justification]   # what the kernel
            if ob.uses:                                                          # re-derives
                outcome.record["uses"] = [dict(u) for u in ob.uses]
        return outcome
    except (Exception, SystemExit) as exc:  # SystemExit: an obligation must not end the run
        return Outcome(Verdict.FAILED, seconds=time.perf_counter() - start, message=_format_exception(exc))


def _fresh_solver_state() -> None:
    """Each obligation starts from a new Z3 context (:func:`certificates.smt.fresh_context`), so that a
    counterexample does not depend on which obligations ran before it in the same child (or in the parent
    before the fork), and certificates do not differ between executors."""
    if sys.modules.get("z3") is not None:          # only if loaded: z3 may be missing (or blocked, None)
        from certificates.smt import fresh_context

        fresh_context()


def _returnable(ob: Obligation, timeout: float, seed: int, profile: str, propose: bool) -> Outcome:
    """In a worker: the outcome, or a failure if it cannot travel back to the parent."""
    outcome = discharge(ob, timeout, seed, profile, propose)
    try:
        dumps(outcome)
    except Exception as exc:  # noqa: BLE001 - an unpicklable record
        return Outcome(Verdict.FAILED, seconds=outcome.seconds,
                       message=f"result could not be returned: {_format_exception(exc)}")
    return outcome


def run_obligations(tasks: list[tuple[str, Obligation, int]], *, timeout: float, profile: str, jobs: int,
                    hook: ProgressHook, executor: str | None = None,
                    propose: bool = False) -> dict[tuple[str, str], Outcome]:
    """``(node id, obligation, seed)`` -> outcome, keyed by ``(node id, obligation name)``.

    ``propose``: backends that can may propose ``proved`` without proving it (see :func:`is_proposal`); only
    a caller that has the kernel judge every outcome, and discharges a rejected proposal again, may ask.

    ``hook("obligation-start", (node, name))`` and ``hook("obligation", (node, ob, outcome))`` report
    progress as workers start and finish; ``executor`` names where they run (see
    :func:`certificates.pool.executor_named`)."""
    outcomes: dict[tuple[str, str], Outcome] = {}
    if jobs <= 0:
        for node_id, ob, seed in tasks:
            hook("obligation-start", (node_id, ob.name))
            outcomes[(node_id, ob.name)] = discharge(ob, timeout, seed, profile, propose)
            hook("obligation", (node_id, ob, outcomes[(node_id, ob.name)]))
        return outcomes
    by_key = {(node_id, ob.name): ob for node_id, ob, _ in tasks}
    grace = max(0.0, env_seconds("PROOFS_KILL_GRACE", GRACE))

    def done(key: Any, answer: Any) -> None:
        if answer.kind == "done":
            outcome = answer.value
        elif answer.kind == "timeout":
            outcome = Outcome(Verdict.UNKNOWN, seconds=answer.seconds,
                              message=f"timed out after {timeout:g}s (limit; see --timeout)")
        else:
            outcome = Outcome(Verdict.FAILED, seconds=answer.seconds,
                              message=f"worker died ({answer.detail}) before reporting")
        outcomes[key] = outcome
        hook("obligation", (key[0], by_key[key], outcome))

    execute = executor_named(executor)
    alone = {(node_id, ob.name) for node_id, ob, _ in tasks if ob.backend in ALONE_BACKENDS}
    shared = {"batch": OBLIGATIONS_PER_CHILD, "alone": alone.__contains__} if execute is run_bounded else {}
    # the long ones first, so that the short ones fill the time the last long one leaves (sorted is stable)
    ordered = sorted(tasks, key=lambda t: (t[0], t[1].name) not in alone)
    execute([((node_id, ob.name), _returnable, (ob, timeout, seed, profile, propose)) for node_id, ob, seed in ordered],
            jobs=jobs, seconds=timeout + grace, codec=(dumps, pickle.loads),
            on_start=lambda key: hook("obligation-start", key), on_done=done, stdout_to_stderr=True, **shared)
    return outcomes


def is_proposal(outcome: Outcome) -> bool:
    """Whether the backend proposed this outcome without proving it (the record says so)."""
    return isinstance(outcome.record, dict) and outcome.record.get("proposed") is True
