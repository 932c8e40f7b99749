"""Where ``proved`` is decided: from the answers of the re-checks to the standing of each obligation and node.

:func:`plan_checks` lists the re-checks each recorded verdict calls for (:mod:`certificates.recheck`); once they have
run (:mod:`certificates.judge` runs them), :func:`decide` gives each obligation the kernel's word, one of

- ``accepted``: every re-check its verdict calls for passed (or it claims nothing: unknown, failed, ...);
- ``rejected``: a re-check failed: the record does not show what the verdict says (the node is failed);
- ``unconfirmed``: a re-check gave no answer in time (the node is unknown; never success);
- ``trusted``: a development's own backend, which the kernel cannot re-check (reported as such);

and derives, in dependency order, each node's status (:mod:`certificates.rules`), its clauses, its links to
the results it uses, its acceptance, and the run's exit code. No process, file or clock is touched here.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from . import rules, smt
from .pool import Answer
from .recheck import Check, constants_of_stated, obligation_checks


def run_check(fn: Callable, args: tuple, texts: bool = False) -> list:
    """One re-check in a pool child, its failures turned into a rejection with a short reason. Each starts
    from a fresh Z3 context, as each obligation does: its answer does not depend on what ran before it.
    ``texts``: a Z3 proposal that left its SMT-LIB texts out has them made by the kernel's translation
    (:func:`certificates.smt.check_z3`); they come back as a third element ``[ok, detail, made]``."""
    made: list = []
    z3_loaded = sys.modules.get("z3") is not None      # a None entry: z3 blocked
    try:
        if z3_loaded:
            smt.fresh_context()
            smt.making_texts(texts)
        try:
            ok, detail = fn(*args)
        finally:
            if z3_loaded:
                made = smt.made_texts()
                smt.making_texts(False)
    except MemoryError:
        ok, detail = False, "ran out of memory"
    except RecursionError:
        ok, detail = False, "expression nested too deeply"
    except ValueError as exc:       # a malformed or unfaithful record
        ok, detail = False, str(exc)[:300]
    except Exception as exc:  # noqa: BLE001 - whatever a strange record provokes is reported, never trusted
        ok, detail = False, f"{type(exc).__name__}: {str(exc)[:300]}"
    return [ok, str(detail), made] if made else [ok, str(detail)]


def plan_checks(nodes: list[dict], cvc5: bool, cvc5_seconds: float | None = None) -> tuple[dict, dict]:
    """Per obligation ``(node id, index)``: the re-checks its verdict calls for (None: it claims nothing), and
    the obligations its record uses (None for one that does not exist)."""
    index = {(node["id"], ob["name"]): ob for node in nodes for ob in node.get("obligations", [])}
    where = {id(ob): (node, i) for node in nodes for i, ob in enumerate(node.get("obligations", []))}
    constants: dict[int, list[str]] = {}
    checks: dict[tuple[str, int], list[Check] | None] = {}
    used: dict[tuple[str, int], list] = {}
    for node in nodes:
        for i, ob in enumerate(node.get("obligations", [])):
            used[(node["id"], i)] = [_with_constants(_used(index, node, i, u), index, where, constants)
                                     for u in _listed(ob, "uses")]
            checks[(node["id"], i)] = obligation_checks(ob, [*node.get("deps", []), node["id"]], cvc5,
                                                        cvc5_seconds, used[(node["id"], i)])
    return checks, used


def decide(nodes: list[dict], checks: dict, answers: dict) -> dict[str, Any]:
    """``{"nodes": {id: {status, reason, disagreement, accepted, obligations, ...}}, "exit_code"}`` from the
    re-checks' ``answers`` (``(node id, index, j)`` -> :class:`Answer`; one missing counts as crashed)."""
    statuses: dict[str, str] = {}
    kinds = {node["id"]: node["kind"] for node in nodes}
    out: dict[str, dict] = {}
    for node in nodes:
        obligations: list[dict] = []
        for i, ob in enumerate(node.get("obligations", [])):
            state, notes = _obligation_state(ob, checks[(node["id"], i)], node["id"], i, answers)
            if state == "accepted" and ob["verdict"] == "proved":
                state, notes = _links(ob, node, kinds, out, obligations, state, notes)
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
        unlinked = [{"obligation": ob["name"], "hypothesis": k}
                    for ob in node.get("obligations", []) for k, j in enumerate(_listed(ob, "justification"))
                    if j.get("kind") == "unlinked"]
        clauses = rules.clause_statuses(node.get("clauses") or [], obligations, unlinked)
        status, reason = rules.with_clauses(status, reason, clauses)
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
    return {"nodes": out, "exit_code": rules.exit_code(nodes, statuses, corrections)}


def _listed(ob: dict, key: str) -> list:
    """The list ``key`` (uses, justification) of an obligation's record; empty when there is none."""
    record = ob.get("record")
    return list(record.get(key) or []) if isinstance(record, dict) else []


def _used(index: dict, node: dict, position: int, use: dict) -> dict | None:
    """The obligation a use names: one of a dependency, or an earlier one of the node itself (never itself
    or a later one, so no proof rests on what it proves)."""
    if use.get("node") == node["id"]:
        earlier = node.get("obligations", [])[:position]
        return next((o for o in earlier if o["name"] == use.get("obligation")), None)
    return index.get((use.get("node"), use.get("obligation"))) if use.get("node") in node.get("deps", []) else None


def _with_constants(used: dict | None, index: dict, where: dict, memo: dict) -> dict | None:
    """The used obligation, with the constants it rests on (``constants``, derived here, never read from a
    record): a stated formula's are its symbols and functions but its parameters; a proved result's, those of
    everything it uses, transitively. A use may replace none of them
    (:func:`certificates.normal_form.stated_constants`): a result proved from what a cited theory says of its
    μ says nothing of another ν."""
    if used is None:
        return None
    return dict(used, constants=_constants(used, index, where, memo))


def _constants(ob: dict, index: dict, where: dict, memo: dict) -> list[str]:
    key = id(ob)
    if key in memo:
        return memo[key]
    if key not in where:
        return []
    memo[key] = []               # while it is computed: a cycle of uses (rejected elsewhere) adds nothing here
    record: dict = ob["record"] if isinstance(ob.get("record"), dict) else {}
    out: set[str] = set()
    if ob.get("verdict") == "assumed":
        try:
            out = constants_of_stated(record)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            out = set()           # a record that states nothing usable: its uses are rejected by check_uses
    else:
        node, position = where[key]
        for use in record.get("uses") or []:
            dep = _used(index, node, position, use) if isinstance(use, dict) else None
            if dep is not None:
                out |= set(_constants(dep, index, where, memo))
    memo[key] = sorted(out)
    return memo[key]


def _links(ob: dict, node: dict, kinds: dict, out: dict, mine: list, state: str, notes: list) -> tuple[str, list]:
    """A proof stands on what it uses: each used obligation must be proved by the kernel's word, and each
    hypothesis that unfolds a definition must name a definition the node depends on. ``mine``: the node's
    obligations judged so far (those before this one); another node's are looked up in ``out`` (a lookup, not
    a copy: copying it for every obligation made the judgement quadratic in the number of nodes)."""
    for use in _listed(ob, "uses"):
        judged = mine if use.get("node") == node["id"] else out.get(use.get("node"), {}).get("obligations", [])
        used = next((o for o in judged if o["name"] == use.get("obligation")), None)
        stated = used is not None and used["verdict"] == "assumed" and kinds.get(use.get("node")) in rules.ASSUMED_KINDS
        if used is None or (used["verdict"] != "proved" and not stated):
            why = "does not exist" if used is None else f"is {used['verdict']}, not proved"
            return "rejected", notes + [f"uses {use.get('node')}/{use.get('obligation')}, which {why}"]
    for j in _listed(ob, "justification"):
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
            state = "unconfirmed"
            continue
        if answer.kind != "done":
            notes.append(f"{name}: the re-check crashed ({answer.detail})")
            return "rejected", notes
        ok, detail = answer.value[0], answer.value[1]      # a third element: texts the kernel made
        notes.append(f"{name}: {detail}")
        if ok is False:
            return "rejected", notes
    if state == "unconfirmed":       # the note that says why goes last: it is the one a reader is shown
        notes.sort(key=lambda note: "no answer within" in note)
    return state, notes


