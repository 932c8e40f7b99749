"""Where ``proved`` is decided: the kernel re-checks every recorded verdict and derives every status.

``check`` runs this module in a fresh interpreter (``python -m certificates.judge IN OUT``), so no code of a
development is loaded where the decision is made; ``verify`` calls :func:`judge` on the certificates it
has read. Both therefore decide by the same code. Input, per node in dependency order: id, kind, deps,
printed, corrects, expect, built, and its obligations (name, backend, verdict, message, record,
counterexample). Per obligation the kernel's answer is one of

- ``accepted``: every re-check its verdict calls for passed (or it claims nothing: unknown, failed, ...);
- ``rejected``: a re-check failed: the record does not show what the verdict says (the node is failed);
- ``unconfirmed``: a re-check gave no answer in time (the node is unknown; never success);
- ``trusted``: a development's own backend, which the kernel cannot re-check (reported as such).
"""
from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from . import cvc5_check, rules
from .memo import Memo
from .pool import Answer, executor_named, run_bounded
from .recheck import obligation_checks

DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB = rules.DEFAULT_TIMEOUT, rules.DEFAULT_MEMORY_MB
# re-checks per forked child: one fork for many, and each finds SymPy's cache warm from the one before
# (the paper's 894 re-checks on 2 cores: 20 s in children of 8, 17 s in children of 32)
RECHECKS_PER_CHILD = 32


def _run_check(fn: Callable, args: tuple) -> list:
    """One re-check in a pool child, its failures turned into a rejection with a short reason."""
    try:
        ok, detail = fn(*args)
    except MemoryError:
        ok, detail = False, "ran out of memory"
    except RecursionError:
        ok, detail = False, "expression nested too deeply"
    except ValueError as exc:       # a malformed or unfaithful record
        ok, detail = False, str(exc)[:300]
    except Exception as exc:  # noqa: BLE001 - whatever a strange record provokes is reported, never trusted
        ok, detail = False, f"{type(exc).__name__}: {str(exc)[:300]}"
    return [ok, str(detail)]


def judge(nodes: list[dict], *, jobs: int | None = None, timeout: float = DEFAULT_TIMEOUT,
          memory_mb: int = DEFAULT_MEMORY_MB, cvc5: bool = False, cvc5_seconds: float | None = None,
          progress: Callable[[int, int], None] | None = None, executor: str | None = None,
          memo: str | None = None) -> dict[str, Any]:
    """Re-check every obligation (in parallel, bounded), then derive statuses in dependency order.

    ``memo``: a directory of the kernel's authenticated memory of earlier re-checks of identical input
    (:mod:`certificates.memo`); ``check`` passes one, ``verify`` never does.

    Returns ``{"nodes": {id: {status, reason, disagreement, accepted, obligations: [...]}}, "exit_code"}``."""
    use_cvc5 = cvc5 and cvc5_check.available()
    index = {(node["id"], ob["name"]): ob for node in nodes for ob in node.get("obligations", [])}
    memory = Memo(memo) if memo else None
    tasks, plan, keys, remembered = [], {}, {}, {}
    for node in nodes:
        for i, ob in enumerate(node.get("obligations", [])):
            used = [_used(index, node, i, u) for u in _uses(ob)]
            checks = obligation_checks(ob, [*node.get("deps", []), node["id"]], use_cvc5, cvc5_seconds, used)
            plan[(node["id"], i)] = checks
            if memory is not None and checks:
                keys[(node["id"], i)] = key = memory.key(_material(ob, node, used, use_cvc5))
                found = memory.get(key)
                if found is not None and len(found) == len(checks):
                    for j, value in enumerate(found):
                        remembered[(node["id"], i, j)] = Answer("done", value=value)
                    continue
            for j, (_, fn, args) in enumerate(checks or []):
                tasks.append(((node["id"], i, j), _run_check, (fn, args)))
    done = [0]

    def tick(key: Any, answer: Answer) -> None:
        done[0] += 1
        if progress:
            progress(done[0], len(tasks))

    if progress:
        progress(0, len(tasks))
    execute = executor_named(executor)
    # re-checks are mostly short: a few share a child (each with its own deadline), which spares a fork each
    shared = {"batch": RECHECKS_PER_CHILD} if execute is run_bounded else {}
    answers = execute(tasks, jobs=jobs or os.cpu_count() or 1, seconds=timeout, memory_mb=memory_mb,
                      on_done=tick, **shared) if tasks else {}
    if memory is not None:
        for (node_id, i), key in keys.items():
            found = [answers.get((node_id, i, j)) for j in range(len(plan[(node_id, i)] or []))]
            if found and all(a is not None and a.kind == "done" for a in found):
                memory.put(key, [a.value for a in found if a is not None])
    answers.update(remembered)
    statuses: dict[str, str] = {}
    kinds = {node["id"]: node["kind"] for node in nodes}
    out: dict[str, dict] = {}
    for node in nodes:
        obligations: list[dict] = []
        for i, ob in enumerate(node.get("obligations", [])):
            state, notes = _obligation_state(ob, plan[(node["id"], i)], node["id"], i, answers)
            if state == "accepted" and ob["verdict"] == "proved":
                state, notes = _links(ob, node, kinds, {**out, node["id"]: {"obligations": obligations}},
                                      state, notes)
            verdict, message = ob["verdict"], ob.get("message", "")
            if state == "rejected":
                verdict, message = "rejected", notes[-1]
            elif state == "unconfirmed":
                verdict, message = "unknown", f"the kernel could not re-check it: {notes[-1]}"
            obligations.append({"name": ob["name"], "backend": ob["backend"], "verdict": verdict,
                                "message": message, "kernel": state, "notes": notes,
                                "clause": ob.get("clause", "")})
        deps = {d: statuses.get(d, "missing") for d in node.get("deps", [])}
        status, reason, disagreement = rules.node_status(node["kind"], obligations, deps,
                                                         built=node.get("built", True))
        clauses = rules.clause_statuses(node.get("clauses") or [], obligations)
        status, reason = rules.with_clauses(status, reason, clauses)
        unlinked = [{"obligation": ob["name"], "hypothesis": k}
                    for ob in node.get("obligations", []) for k, j in enumerate(_justification(ob))
                    if j.get("kind") == "unlinked"]
        status, reason = rules.with_links(status, reason, unlinked)
        statuses[node["id"]] = status
        trusted = sorted({o["backend"] for o in obligations if o["kernel"] == "trusted"})
        out[node["id"]] = {"status": status, "reason": reason, "disagreement": disagreement,
                           "obligations": obligations, "trusted_backends": trusted, "unlinked": unlinked,
                           "clauses": clauses}
    corrections = rules.corrections_of(nodes)
    for node in nodes:
        out[node["id"]]["accepted"] = rules.accepted(dict(node, status=statuses[node["id"]]), statuses,
                                                     corrections)
    return {"nodes": out, "exit_code": rules.exit_code(nodes, statuses, corrections),
            "rechecks": len(tasks), "remembered": len(remembered)}


def _material(ob: dict, node: dict, used: list, cvc5: bool) -> dict:
    """Everything the re-checks of one obligation read: the memo's key."""
    return {"ob": {k: ob.get(k) for k in ("backend", "verdict", "record", "counterexample")},
            "deps": list(node.get("deps", [])), "cvc5": cvc5,
            "used": [None if u is None else {k: u.get(k) for k in ("backend", "verdict", "record")} for u in used]}


def _uses(ob: dict) -> list:
    record = ob.get("record")
    return list(record.get("uses") or []) if isinstance(record, dict) else []


def _used(index: dict, node: dict, position: int, use: dict) -> dict | None:
    """The obligation a use names: one of a dependency, or an earlier one of the node itself (never itself
    or a later one, so no proof rests on what it proves)."""
    if use.get("node") == node["id"]:
        earlier = node.get("obligations", [])[:position]
        return next((o for o in earlier if o["name"] == use.get("obligation")), None)
    return index.get((use.get("node"), use.get("obligation"))) if use.get("node") in node.get("deps", []) else None


def _justification(ob: dict) -> list:
    record = ob.get("record")
    return list(record.get("justification") or []) if isinstance(record, dict) else []


def _links(ob: dict, node: dict, kinds: dict, done: dict, state: str, notes: list) -> tuple[str, list]:
    """A proof stands on what it uses: each used obligation must be proved by the kernel's word, and each
    hypothesis that unfolds a definition must name a definition the node depends on."""
    for use in _uses(ob):
        dep = done.get(use.get("node"), {})
        used = next((o for o in dep.get("obligations", []) if o["name"] == use.get("obligation")), None)
        stated = used is not None and used["verdict"] == "assumed" and kinds.get(use.get("node")) in rules.ASSUMED_KINDS
        if used is None or (used["verdict"] != "proved" and not stated):
            why = "does not exist" if used is None else f"is {used['verdict']}, not proved"
            return "rejected", notes + [f"uses {use.get('node')}/{use.get('obligation')}, which {why}"]
    for j in _justification(ob):
        if j.get("kind") == "definition" and (j.get("node") not in node.get("deps", [])
                                              or kinds.get(j.get("node")) != "definition"):
            return "rejected", notes + [f"unfolds {j.get('node')!r}, which is no definition it depends on"]
    return state, notes


def _obligation_state(ob: dict, checks: list | None, node: str, index: int,
                      answers: dict) -> tuple[str, list[str]]:
    if checks is None:
        if ob["backend"] not in rules.BUILTIN_BACKENDS and ob["verdict"] in ("proved", "refuted", "agrees"):
            return "trusted", [f"backend {ob['backend']!r} is not built in: its verdict is trusted, not re-checked"]
        return "accepted", ["nothing to re-check: the verdict claims nothing"]
    notes, state = [], "accepted"
    for j, (name, _, _) in enumerate(checks):
        answer = answers.get((node, index, j), Answer("crashed", detail="not run"))
        if answer.kind == "timeout":
            notes.append(f"{name}: {answer.detail}")
            state = "unconfirmed" if state == "accepted" else state
            continue
        if answer.kind != "done":
            notes.append(f"{name}: the re-check crashed ({answer.detail})")
            return "rejected", notes
        ok, detail = answer.value
        notes.append(f"{name}: {detail}")
        if ok is False:
            return "rejected", notes
    if state == "unconfirmed":       # the note that says why goes last: it is the one a reader is shown
        notes.sort(key=lambda note: "no answer within" in note)
    return state, notes


def main(argv: list[str] | None = None) -> int:
    """``python -m certificates.judge IN.json OUT.json``: the judgement of the nodes in IN, written to OUT;
    progress as ``progress DONE TOTAL`` lines on stderr."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # unwinds through the pool, which reaps its workers
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m certificates.judge IN.json OUT.json", file=sys.stderr)
        return 2
    with open(args[0]) as fh:
        request = json.load(fh)

    def progress(done: int, total: int) -> None:
        print(f"progress {done} {total}", file=sys.stderr, flush=True)

    result = judge(request["nodes"], jobs=request.get("jobs"), timeout=request.get("timeout", DEFAULT_TIMEOUT),
                   memory_mb=request.get("memory_mb", DEFAULT_MEMORY_MB), cvc5=request.get("cvc5", False),
                   progress=progress, executor=request.get("executor"), memo=request.get("memo"))
    tmp = args[1] + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(result, fh)
    os.replace(tmp, args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
