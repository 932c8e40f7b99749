"""Classify a linear map T_h as the paper does, and say what invariance it allows.

MATRIX is "[[a, b], [c, d]]" or 3x3; entries are exact numbers (1/2, 0.5, sqrt(2)/2, cos(pi/5)).
Prints which case of the classification T_h falls in, decided exactly with SymPy; whether a
non-trivial compactly supported filter (Props 4.5-4.7) or a non-constant continuous semi-local
feature (Props 5.12, 5.13, Remark 5.14) can be invariant to it and what it must look like; and the
nodes that justify the answer, with their statuses from the last run in --out.
Exit 0 when decided, 1 when SymPy could not decide, 2 when MATRIX is not an invertible real matrix.
"""
from __future__ import annotations

import argparse
import json

from proofs.errors import ProofsError

from .explain import RunDirectory, default_out

TIMEOUT = 60.0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("matrix", metavar="MATRIX", help='T_h as "[[a, b], [c, d]]" or a 3x3 list of rows')
    p.add_argument("--out", metavar="DIR", default=default_out(),
                   help="output directory of a `check` run, for the nodes' statuses "
                        "(default: $PROOFS_OUT, else proofs-out)")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("--timeout", type=float, default=TIMEOUT, metavar="SECONDS",
                   help=f"give up (answer undetermined) after this long (default {TIMEOUT:g})")


def run(args: argparse.Namespace) -> int:
    from proofs.alarm import TimeLimitExceeded, time_limit
    from symbolic.linear_maps import MatrixInputError, SingularMatrixError, classify, parse_matrix

    try:
        with time_limit(args.timeout, f"SymPy did not finish within {args.timeout:g} s"):
            result = classify(parse_matrix(args.matrix))
    except MatrixInputError as exc:
        raise ProofsError(f"MATRIX: {exc}", hint='write T_h as "[[a, b], [c, d]]" or "[[a, b, c], [d, e, f], '
                                                 '[g, h, i]]", e.g. "[[cos(pi/5), -sin(pi/5)], [sin(pi/5), '
                                                 'cos(pi/5)]]"') from None
    except SingularMatrixError as exc:
        raise ProofsError(f"MATRIX: {exc}", hint="the paper's T_h are invertible linear maps; give a matrix "
                                                 "with non-zero determinant") from None
    except TimeLimitExceeded as exc:
        return _undecided(args, str(exc))
    data = answer(result, *_guide_and_run(args.out), looked_in=args.out)
    print(json.dumps(data, indent=2, ensure_ascii=False) if args.json else render(data))
    return 1 if result.kind == "undetermined" else 0


def _undecided(args: argparse.Namespace, why: str) -> int:
    data = {"matrix": args.matrix, "kind": "undetermined", "undetermined": why}
    print(json.dumps(data, indent=2) if args.json else f"T_h = {args.matrix}\nkind: undetermined: {why}")
    return 1


def _guide_and_run(out: str) -> tuple[dict | None, str, str | None, RunDirectory | None]:
    """The development's classify guide, its name, why there is none, and the run in ``out``."""
    from proofs.development import load_development

    guide, name, missing = None, "?", None
    try:
        dev = load_development()
        name = dev.name
        offered = dev.metadata.get("classify")
        guide = offered if isinstance(offered, dict) else None
        if guide is None:
            missing = f"the development {name} offers no guide to the classification"
    except ProofsError as exc:
        missing = f"the development could not be loaded ({exc.message})"
    return guide, name, missing, RunDirectory.find(out) if out else None


def _case_key(result) -> str:
    """The guide's key: the kind, with ``involution`` for the rotation-like maps of order 2 (-Id)."""
    return "involution" if result.kind == "finite-order" and result.order == 2 else result.kind


def answer(result, guide: dict | None, development: str, missing: str | None,
           run_dir: RunDirectory | None, looked_in: str | None = None) -> dict:
    """The classification with the paper's case and justifying nodes, as plain data."""
    data = result.as_dict()
    statuses = run_dir.statuses() if run_dir else {}
    case = ((guide or {}).get("cases") or {}).get(str(result.dim), {}).get(_case_key(result), {})

    def nodes(entries) -> list[dict]:
        return [{"node": e["node"], "why": e.get("why", ""),
                 "status": statuses.get(e["node"], "not checked" if run_dir else None)}
                for e in entries or [] if isinstance(e, dict) and "node" in e]

    decided = result.kind != "undetermined"
    data["case"] = case.get("case")
    data["classification_nodes"] = nodes(case.get("classification"))
    data["filter"] = {
        "question": (guide or {}).get("filter_question", "a non-zero compact filter invariant to T_h"),
        "possible": result.filter_exists() if decided else None,
        "shape": result.filter_shape(),
        "note": case.get("filter_note"),
        "justified_by": nodes(case.get("filter")),
    }
    data["feature"] = {
        "question": (guide or {}).get("feature_question", "a non-constant local feature invariant to T_h"),
        "possible": result.orthogonalizable if decided else None,
        "shape": result.feature_shape(),
        "justified_by": nodes(case.get("feature")),
    }
    data["see_also"] = nodes((guide or {}).get("conclusions"))
    data["development"] = development
    data["guide"] = None if guide else missing
    data["run"] = {"directory": str(run_dir.path) if run_dir else None, "looked_in": looked_in,
                   "development": run_dir.development if run_dir else None,
                   "available": run_dir is not None}
    return data


# ----------------------------------------------------------------------------------------- printing

def _yes_no(value) -> str:
    return {True: "yes", False: "no", None: "undetermined"}[value]


def _matrix_text(rows) -> str:
    return "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"


def render(data: dict) -> str:
    """The answer for a terminal, 80 columns wide."""
    from .explain import _wrap

    out = [_wrap(f"T_h = {_matrix_text(data['matrix'])}  ({data['dimension']}x{data['dimension']})", 0)]
    if data["determinant"] is not None:
        out.append(_wrap(f"det T_h = {data['determinant']}, tr T_h = {data['trace']}, "
                         f"orientation {data['orientation']}", 2))
    if data["eigenvalues"]:
        out.append(_wrap(", ".join(data["eigenvalues"]), 2, "eigenvalues: "))
    out += ["", _wrap(data["description"], 0, f"kind: {data['kind']} - ")]
    if data.get("case"):
        out.append(_wrap(data["case"], 0, "paper's case: "))
    out.append(f"conjugate to an orthogonal matrix: {_yes_no(data['conjugate_to_orthogonal'])}")
    if data["order"] is not None:
        out.append(f"order: {data['order']} (T_h^{data['order']} = Id)")
    elif data["kind"] == "elliptic":
        out.append("order: infinite (the angle is an irrational multiple of pi)")
    if data["invariant_form"] is not None:
        out.append(_wrap(_matrix_text(data["invariant_form"]), 0, "invariant form: Q = "))
        out.append("  (T_h^T Q T_h = Q, Q positive definite: T_h preserves the ellipses x^T Q x = c)")
    out += ["", "how it was decided:"] + [_wrap(f, 2, "- ") for f in data["facts"]]
    out += _justification(data["classification_nodes"], "the classification")
    for key, title in (("filter", "invariant filter"), ("feature", "invariant feature")):
        part = data[key]
        out += ["", _wrap(part["question"], 0, f"{title}: ")]
        out.append(_wrap(part["shape"], 2, f"{_yes_no(part['possible'])}: "))
        if part.get("note"):
            out.append(_wrap(part["note"], 2, "note: "))
        out += _justification(part["justified_by"], None)
    if data.get("see_also"):
        out += ["", "the paper's conclusions:"]
        out += [_wrap(f"{e['node']}: {e['why']}", 4, f"{e['status'] or '-':<12} ") for e in data["see_also"]]
    out.append("")
    if data.get("guide"):
        out.append(_wrap(f"no justifying nodes: {data['guide']}", 0))
    run = data["run"]
    if run["available"]:
        note = ""
        if run["development"] != data["development"]:
            note = f" (a run of {run['development']}, not of {data['development']})"
        out.append(_wrap(f"statuses from the run in {run['directory']}{note}", 0))
    else:
        out.append(_wrap(f"statuses: no run in {run['looked_in']}; `python -m proofs check --out "
                         f"{run['looked_in']}` writes one, or give --out DIR", 0))
    return "\n".join(out)


def _justification(entries: list[dict], what: str | None) -> list[str]:
    from .explain import _wrap

    if not entries:
        return []
    lines = [f"  justified by{' (' + what + ')' if what else ''}:"]
    for e in entries:
        status = e["status"] or "-"
        lines.append(_wrap(f"{e['node']}: {e['why']}", 4, f"{status:<12} "))
    return lines
