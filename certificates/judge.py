"""The kernel's judgement of a run: its re-checks run on a bounded pool, then :mod:`certificates.decide`.

``check`` runs this module in a fresh interpreter (``python -m certificates.judge IN OUT``), so no code of a
development is loaded where the decision is made; ``verify`` calls :func:`judge` on the certificates it
has read. Both therefore decide by the same code. Input, per node in dependency order: id, kind, deps,
printed, corrects, expect, built, and its obligations (name, backend, verdict, message, record,
counterexample, and the backend's seconds: only the order of the re-checks reads them). This module only
runs things: the re-checks (in forked children, or on Dask), the memory of earlier ones (``check`` only),
progress and the command line; what the answers mean is decided in :mod:`certificates.decide`.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from . import cvc5_check, rules
from .collector import young_collections_only
from .decide import decide, plan_checks, run_check
from .memo import Memo
from .pool import Answer, executor_named, run_bounded

DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB = rules.DEFAULT_TIMEOUT, rules.DEFAULT_MEMORY_MB
# re-checks share children in runs as long as the whole list: one fork for many, and each re-check finds the
# caches (SymPy's, the normal form's, the opaque names') warm from the ones before it; a job left idle takes
# over the second half of the longest run still going (run_bounded's ``steal``), so the runs end together.
# The paper's 990 re-checks, 2 jobs on 2 cores shared with other work (load 2.4-3.3, one run each): children of
# 32 held the jobs 71.5 and 82.9 s, two long runs 49.6 and 61.4 s; their CPU 39.4 and 37.5 s against 33.3 and
# 38.4 s, within that load's noise (children of 8 and 32 before: 20 s and 17 s for 894 re-checks). Dask has
# no batches: a task each, as before.
# a re-check of an obligation whose backend took this long (seconds) is scheduled first, in a child of its own:
# the longest first, so that two cores do not wait at the end for one long re-check in a long run
LONG_SECONDS = 1.0


def judge(nodes: list[dict], *, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
          memory_mb: int = DEFAULT_MEMORY_MB, cvc5: bool = False, cvc5_seconds: float | None = None,
          progress: Callable[[int, int], None] | None = None, executor: str | None = None,
          memo: str | None = None, texts: bool = False) -> dict[str, Any]:
    """Re-check every obligation (in parallel, bounded), then derive statuses in dependency order.

    ``memo``: a directory of the kernel's authenticated memory of earlier re-checks of identical input
    (:mod:`certificates.memo`); ``check`` passes one, ``verify`` never does. ``texts`` (``check``): a Z3
    proposal that left its SMT-LIB texts out is translated by the kernel, which makes the texts from its own
    translation and solves them (:func:`certificates.smt.check_z3`); verify never asks, so a certificate
    must record them.

    Returns ``{"nodes": {id: {status, reason, disagreement, accepted, obligations: [...]}}, "exit_code",
    "texts": {id: {obligation: [made texts]}}}``."""
    use_cvc5 = cvc5 and cvc5_check.available()
    memory = Memo(memo) if memo else None
    tasks, keys, remembered, hints = [], {}, {}, {}
    with young_collections_only():
        plan, used = plan_checks(nodes, use_cvc5, cvc5_seconds)
        for node in nodes:
            for i, ob in enumerate(node.get("obligations", [])):
                checks = plan[(node["id"], i)]
                if memory is not None and checks:
                    keys[(node["id"], i)] = key = memory.key(_material(ob, node, used[(node["id"], i)], use_cvc5,
                                                                       texts))
                    found = memory.get(key)
                    if found is not None and len(found) == len(checks):
                        for j, value in enumerate(found):
                            remembered[(node["id"], i, j)] = Answer("done", value=value)
                        continue
                for j, (_, fn, args) in enumerate(checks or []):
                    tasks.append(((node["id"], i, j), run_check, (fn, args, texts)))
                    hints[(node["id"], i, j)] = _hint(ob)
    long = {key for key, hint in hints.items() if hint >= LONG_SECONDS}
    tasks.sort(key=lambda task: -hints[task[0]] if task[0] in long else 0.0)     # stable: the rest keep their order
    done = [0]

    def tick(key: Any, answer: Answer) -> None:
        done[0] += 1
        if progress:
            progress(done[0], len(tasks))

    if progress:
        progress(0, len(tasks))
    execute = executor_named(executor)
    # re-checks are mostly short: they share children (each with its own deadline), which spares a fork each
    shared = {"batch": max(1, len(tasks)), "alone": long.__contains__, "steal": True} \
        if execute is run_bounded else {}
    answers = execute(tasks, jobs=jobs or os.cpu_count() or 1, seconds=timeout, memory_mb=memory_mb,
                      on_done=tick, **shared) if tasks else {}
    if memory is not None:
        for (node_id, i), key in keys.items():
            found = [answers.get((node_id, i, j)) for j in range(len(plan[(node_id, i)] or []))]
            if found and all(a is not None and a.kind == "done" for a in found):
                memory.put(key, [a.value for a in found if a is not None])
    answers.update(remembered)
    with young_collections_only():
        result = decide(nodes, plan, answers)
    result.update(rechecks=len(tasks), remembered=len(remembered), texts=_made(nodes, answers))
    return result


def _made(nodes: list[dict], answers: dict) -> dict:
    """The SMT-LIB texts the re-checks made, by node and obligation name (answers ``[ok, detail, made]``)."""
    out: dict[str, dict[str, list]] = {}
    by_id = {node["id"]: node for node in nodes}
    for (node_id, i, _), answer in answers.items():
        value = answer.value if answer.kind == "done" else None
        if isinstance(value, list) and len(value) > 2 and value[2]:
            name = by_id[node_id]["obligations"][i]["name"]
            out.setdefault(node_id, {}).setdefault(name, []).extend(value[2])
    return out


def _hint(ob: dict) -> float:
    """How long the backend took on ``ob``: a guess at the cost of its re-check, for the order of the re-checks
    only (it decides nothing). A numeric record's re-check re-judges its residuals and costs nothing."""
    seconds = ob.get("seconds")
    if ob.get("backend") == "numeric" or isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        return 0.0
    return float(seconds)


def _material(ob: dict, node: dict, used: list, cvc5: bool, texts: bool = False) -> dict:
    """Everything the re-checks of one obligation read: the memo's key."""
    return {"ob": {k: ob.get(k) for k in ("backend", "verdict", "record", "counterexample")},
            "deps": list(node.get("deps", [])), "cvc5": cvc5, "texts": texts,
            "used": [None if u is None else {k: u.get(k) for k in ("backend", "verdict", "record", "constants")}
                     for u in used]}


def main(argv: list[str] | None = None) -> int:
    """``python -m certificates.judge IN.json OUT.json``: the judgement of the nodes in IN, written to OUT;
    progress as ``progress DONE TOTAL`` lines on stderr. With ``--when-ready`` it loads its modules first and
    reads IN once a line ``ready`` comes on stdin (the engine starts it before IN is written)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # unwinds through the pool, which reaps its workers
    args = sys.argv[1:] if argv is None else argv
    when_ready = bool(args) and args[0] == "--when-ready"
    if when_ready:
        args = args[1:]
    if len(args) != 2:
        print("usage: python -m certificates.judge [--when-ready] IN.json OUT.json", file=sys.stderr)
        return 2
    if when_ready and sys.stdin.readline().strip() != "ready":
        return 1                          # started early, and the engine stopped before IN was written
    with open(args[0]) as fh, young_collections_only():
        request = json.load(fh)

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", file=sys.stderr, flush=True)

    result = judge(request["nodes"], jobs=request.get("jobs"), timeout=request.get("timeout", DEFAULT_TIMEOUT),
                   memory_mb=request.get("memory_mb", DEFAULT_MEMORY_MB), cvc5=request.get("cvc5", False),
                   progress=progress, executor=request.get("executor"), memo=request.get("memo"),
                   texts=request.get("texts") is True)
    tmp = args[1] + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(result, fh)
    os.replace(tmp, args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
