"""The status rules of the kernel: what re-checked verdicts entitle a node to, and what a run means.

One implementation, used by ``check`` (through :mod:`certificates.judge`) and by ``verify``. Verdicts are
the strings of a certificate: proved, agrees, refuted, unknown, failed, unavailable, vacuous, and the
kernel's own ``rejected`` for a record that does not re-check.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

BUILTIN_BACKENDS = ("sympy", "z3", "numeric")
# the kernel re-checks their proofs; a development's own backend cannot be re-checked, so its ``proved`` is
# evidence like a numeric check's: a node resting on it is at most corroborated
FORMAL_BUILTIN = ("sympy", "z3")
ESTABLISHED = ("proved", "assumed")
ASSUMED_KINDS = ("definition", "cited")
PASSING = ("proved", "assumed", "corroborated")

DEFAULT_TIMEOUT = 120.0      # seconds per re-check
DEFAULT_MEMORY_MB = 4096     # address space per re-check

# exit codes shared by `check` and `verify`
EXIT_OK, EXIT_WRONG, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3


def judge_residuals(residuals: Sequence[float], resolutions: Sequence[Any], tolerance: float,
                    expect: str) -> tuple[str, str]:
    """The verdict a numeric check's residuals support, and why.

    Agreement: the residual at the finest grid is within the tolerance and did not grow under refinement.
    Refutation: a disagreement above the tolerance at every grid that does not shrink by half per step.
    ``expect="disagree"``: agreement means a difference above the tolerance at every resolution."""
    residuals = [float(r) for r in residuals]
    tol = float(tolerance)
    if not residuals or len(residuals) != len(resolutions):
        return "failed", "numeric check reported no residuals (or a count unlike its grids)"
    if any(not math.isfinite(r) for r in residuals):
        return "failed", f"numeric check produced NaN/inf residuals {residuals}"
    if not math.isfinite(tol) or tol < 0 or any(r < 0 for r in residuals):
        return "failed", (f"numeric check reported tolerance {tol!r} (must be finite, >= 0) or a "
                          f"negative residual {residuals}")
    if expect == "disagree":
        if min(residuals) > tol:
            return "agrees", f"difference stays above {tol:g} at every resolution (min {min(residuals):.3g})"
        return "refuted", f"expected a difference, but residual fell to {min(residuals):.3g} <= {tol:g}"
    if expect != "agree":
        return "failed", f"numeric check expects {expect!r}, not 'agree' or 'disagree'"
    final = residuals[-1]
    if final <= tol and (len(residuals) == 1 or final <= residuals[0] * 1.5 + tol):
        return "agrees", f"residual {final:.3g} <= {tol:g} at the finest grid"
    if len(residuals) >= 2 and min(residuals) > tol and final > 0.5 * residuals[-2]:
        return "refuted", f"disagreement {final:.3g} > {tol:g}, stable under refinement {residuals}"
    return "unknown", f"residuals {residuals} neither converge under {tol:g} nor stay stable"


def node_status(kind: str, obligations: Sequence[dict], dep_statuses: dict[str, str],
                built: bool = True) -> tuple[str, str, bool]:
    """``(status, reason, disagreement)`` of one node from its obligations' (re-checked) verdicts.

    ``obligations``: dicts with name, backend, verdict and message. ``dep_statuses``: dependency -> status.
    ``built``: False when the node's obligations could not be built (its reason says why)."""
    if kind in ASSUMED_KINDS:
        if any(o["verdict"] != "assumed" for o in obligations):
            return "failed", f"a {kind} carries no obligations, only formulas it states", False
        stated = f" ({len(obligations)} formula(s) stated)" if obligations else ""
        return "assumed", f"{kind}: part of the trusted base{stated}", False
    if not built or not obligations:
        return "failed", "a claim with no obligation built", False
    if any(o["verdict"] == "assumed" for o in obligations):
        return "failed", "a claim's obligation cannot be assumed: only cited results and definitions state", False
    formal = [o for o in obligations if o["backend"] in FORMAL_BUILTIN]
    numeric = [o for o in obligations if o["backend"] not in FORMAL_BUILTIN]
    formal_holds = bool(formal) and all(o["verdict"] == "proved" for o in formal)
    numeric_holds = bool(numeric) and all(o["verdict"] == "agrees" for o in numeric)   # numeric: not re-provable
    disagreement = (formal_holds and any(o["verdict"] == "refuted" for o in numeric)) or (
        numeric_holds and any(o["verdict"] == "refuted" for o in formal))

    def first(*verdicts: str) -> dict:
        return next(o for o in obligations if o["verdict"] in verdicts)

    def why(o: dict, prefix: str = "") -> str:
        return f"{o['name']} ({o['backend']}){prefix}: {o['message']}"

    verdicts = {o["verdict"] for o in obligations}
    if "rejected" in verdicts:      # first: a refutation beside it must not hide a record that does not check
        status, reason = "failed", why(first("rejected"), " was rejected by the kernel")
    elif "refuted" in verdicts:
        status, reason = "refuted", why(first("refuted"))
    elif "failed" in verdicts:
        status, reason = "failed", why(first("failed"))
    elif "vacuous" in verdicts:
        status, reason = "failed", why(first("vacuous"), " is vacuous")
    elif formal_holds and all(o["verdict"] == "agrees" for o in numeric):
        status = "proved"
        reason = f"{len(formal)} formal obligation(s) proved" + (
            f", {len(numeric)} numeric check(s) agree" if numeric else "")
    elif not formal and numeric_holds:
        status, reason = "corroborated", f"{len(numeric)} numeric check(s) agree; no formal proof"
    elif (formal_holds or not formal) and all(o["verdict"] in ("agrees", "proved") for o in numeric):
        trusted = ", ".join(sorted({o["backend"] for o in numeric if o["verdict"] == "proved"}))
        status = "corroborated"
        reason = (f"{len(formal)} formal obligation(s) proved; the rest " if formal else "") + (
            f"rests on the development's own backend {trusted}, which the kernel cannot re-check")
    else:
        o = next(o for o in obligations if o["verdict"] not in ("proved", "agrees"))
        status, reason = "unknown", why(o, f": {o['verdict']}")
    if status in ("proved", "corroborated", "unknown"):
        missing = [d for d, s in dep_statuses.items() if s not in ESTABLISHED]
        if missing:
            status = "blocked"
            reason = "depends on " + ", ".join(f"{d} ({dep_statuses[d]})" for d in missing)
    if disagreement:
        reason += " [formal and numeric backends disagree]"
    return status, reason, disagreement


def clause_statuses(clauses: Sequence[dict], obligations: Sequence[dict], unlinked: Sequence[dict] = ()) -> list[dict]:
    """Each declared clause with the obligations that establish it and its own status: ``open`` when no
    obligation establishes it, else the status its obligations alone give (dependencies aside), and not
    proved while one of them rests on a hypothesis nothing justifies (``unlinked``, see :func:`with_links`)."""
    out = []
    for clause in clauses:
        mine = [o for o in obligations if o.get("clause") == clause["id"]]
        status = node_status("claim", mine, {})[0] if mine else "open"
        names = {o["name"] for o in mine}
        status = with_links(status, "", [u for u in unlinked if u["obligation"] in names])[0]
        out.append({"id": clause["id"], "text": clause.get("text", ""), "obligations": [o["name"] for o in mine],
                    "status": status})
    return out


def with_clauses(status: str, reason: str, clauses: list[dict]) -> tuple[str, str]:
    """A node is proved only when every clause is: an open or unproved clause makes a proved node unknown."""
    pending = [c for c in clauses if c["status"] != "proved"]
    if status != "proved" or not pending:
        return status, reason
    c = pending[0]
    why = "no obligation establishes it" if c["status"] == "open" else f"its obligations give {c['status']}"
    return "unknown", f"clause {c['id']!r} is not proved: {why}"


def with_links(status: str, reason: str, unlinked: list[dict]) -> tuple[str, str]:
    """A proof is only as good as its hypotheses: one that is neither the node's own (``Assume``), a use of
    what a dependency proved, nor a definition unfolded makes a proved node unknown (nothing is wrong, but
    nothing shows the hypothesis holds)."""
    if status != "proved" or not unlinked:
        return status, reason
    first = unlinked[0]
    return "unknown", (f"{len(unlinked)} hypothes{'is' if len(unlinked) == 1 else 'es'} not justified (first: "
                       f"{first['obligation']}, hypothesis {first['hypothesis'] + 1}): mark the node's own with "
                       "Assume, use a dependency's result with Use, or unfold a definition with ByDefinition")


def accepted(node: dict, statuses: dict[str, str], corrections: dict[str, list[str]]) -> bool:
    """Whether a node lets the run succeed.

    ``node``: id, status, printed and expect. A node expected to be refuted passes only when refuted
    (strict: proved fails the run). A refuted printed statement passes when a node correcting it is
    proved. ``corrections``: printed id -> ids of the nodes that correct it."""
    status = node["status"]
    if node.get("expect") == "refuted":
        return status == "refuted"
    if status in PASSING:
        return True
    if status == "refuted" and node.get("printed", True):
        return any(statuses.get(c) == "proved" for c in corrections.get(node["id"], []))
    return False


def exit_code(nodes: Sequence[dict], statuses: dict[str, str], corrections: dict[str, list[str]]) -> int:
    """0 every node accepted; 1 something is wrong (an unaccepted refutation, a failure, a rejected
    record); 3 incomplete (only unknown or blocked nodes stand in the way, nothing wrong found; a refuted
    printed statement whose correction is still open counts as incomplete)."""
    deps = {n["id"]: list(n.get("deps", ())) for n in nodes}
    open_nodes = [n for n in nodes if not accepted(dict(n, status=statuses[n["id"]]), statuses, corrections)]
    if not open_nodes:
        return EXIT_OK

    printed = {n["id"]: n.get("printed", True) for n in nodes}

    def wrong(node_id: str, seen: set[str]) -> bool:
        status = statuses.get(node_id)
        if status == "refuted" and printed.get(node_id) and corrections.get(node_id):
            # a finding with a correction: wrong only when no correction can still be proved
            return all(wrong(c, seen) or statuses.get(c) == "refuted" for c in corrections[node_id])
        if status in ("refuted", "failed"):
            return True
        if status != "blocked" or node_id in seen:
            return False
        seen.add(node_id)
        return any(wrong(d, seen) for d in deps.get(node_id, ()))

    if any(statuses[n["id"]] == "proved" or wrong(n["id"], set()) for n in open_nodes):
        return EXIT_WRONG      # proved here: a node expected to be refuted was proved
    return EXIT_INCOMPLETE


def corrections_of(nodes: Sequence[dict]) -> dict[str, list[str]]:
    """printed id -> the ids of nodes that declare they correct it (``corrects``) or are named
    ``<id>.corrected``."""
    ids = {n["id"] for n in nodes}
    out: dict[str, list[str]] = {}
    for n in nodes:
        target = n.get("corrects") or (n["id"][: -len(".corrected")] if n["id"].endswith(".corrected") else None)
        if isinstance(target, str) and target in ids:
            out.setdefault(target, []).append(n["id"])
    return out
