"""The machine-readable run summary (``check --json``)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .checker import RunResult


def run_summary(run: RunResult, certificates: dict[str, str] | None = None) -> dict[str, Any]:
    certificates = certificates or {}
    nodes = []
    for node_id in run.order:
        r = run.results[node_id]
        dims = sorted({d for o in r.obligations for d in o.dims})
        nodes.append({
            "id": node_id,
            "kind": r.node.kind.value,
            "title": r.node.title,
            "statement": r.node.statement,
            "reference": r.node.reference,
            "deps": list(r.node.deps),
            "status": r.status.value,
            "reason": r.reason,
            "dims": dims,
            "printed": r.node.printed,
            "corrects": r.node.corrects,
            "disagreement": r.disagreement,
            "expect": r.node.expect,
            "note": r.node.note,
            "accepted": r.accepted,
            "trusted_backends": list(r.trusted_backends),
            "clauses": _clauses(r),
            "unlinked_hypotheses": len(r.unlinked),
            "unjustified": _unjustified(r),
            "seconds": round(r.seconds, 4),
            "obligations": [{
                "name": o.name,
                "backend": o.backend,
                "claim": o.claim,
                "dims": list(o.dims),
                "dims_from": o.dims_from,
                "verdict": o.outcome.verdict.value,
                "kernel": o.kernel,
                "cached": o.cached,
                "seconds": round(o.outcome.seconds, 4),
                "message": o.outcome.message,
                "seed": o.seed,
                "counterexample": o.outcome.counterexample,
                **_numeric_fields(o.outcome.record),
            } for o in r.obligations],
            "certificate": certificates.get(node_id),
        })
    return {
        "development": run.development.name,
        "title": run.development.title,
        "backends": run.backend_versions,
        "seed": run.seed,
        "profile": run.profile,
        "timeout": run.timeout,
        "seconds": round(run.seconds, 3),
        "exit_code": run.exit_code,
        "kernel_seconds": round(run.kernel_seconds, 3),
        "kernel_rechecks": run.kernel_rechecks,
        "kernel_remembered": run.kernel_remembered,
        "cached_obligations": run.cached,
        "discharged_again": run.discharged_again,
        "trusted_backends": _trusted(run),
        "summary": run.summary(),
        "nodes": nodes,
    }


def _unjustified(r: Any) -> list[dict[str, str]]:
    """The hypotheses the kernel found unjustified, with their text (a reader's to-do list)."""
    payloads = {ob.name: ob.payload for ob in (r.node.obligations() if r.node.kind.is_claim and
                                                r.node.build_error is None else ())}
    out = []
    for entry in r.unlinked:
        payload = payloads.get(entry["obligation"])
        items: Any = getattr(payload, "hypotheses", None) or getattr(payload, "assumptions", ())
        k = entry["hypothesis"]
        out.append({"obligation": entry["obligation"], "hypothesis": str(items[k]) if k < len(items) else "?"})
    return out


def _clauses(r: Any) -> list[dict[str, Any]]:
    """The clauses of a claim's statement (declared, or the whole statement as one) with their status."""
    if not r.node.kind.is_claim:
        return []
    if r.clauses:
        return [dict(c) for c in r.clauses]
    return [{"id": "statement", "text": r.node.statement, "obligations": [o.name for o in r.obligations],
             "status": r.status.value}]


def _trusted(run: RunResult) -> dict[str, list[str]]:
    """Backends of the development whose answers the kernel trusted: backend -> the nodes resting on it."""
    out: dict[str, list[str]] = {}
    for node_id in run.order:
        for backend in run.results[node_id].trusted_backends:
            out.setdefault(backend, []).append(node_id)
    return out


def _numeric_fields(record: dict) -> dict[str, Any]:
    """What the report plots: residual per grid resolution, and CNN alignment residuals."""
    if not isinstance(record, dict) or record.get("kind") != "numeric":
        return {}
    fields = {k: record[k] for k in ("resolutions", "residuals", "tolerance") if k in record}
    details = record.get("details")
    if isinstance(details, dict) and isinstance(details.get("alignment"), list):
        fields["alignment"] = details["alignment"]
    return fields


def json_target(value: str) -> str:
    """``--json FILE`` (an argparse type, so a bad value stops the command before it runs): ``-`` is stdout;
    a ``.py`` file or a directory is refused, since ``--json dev.py`` would overwrite the development."""
    import argparse

    if value != "-" and (value.endswith(".py") or Path(value).is_dir()):
        raise argparse.ArgumentTypeError(f"{value} is a development, not a JSON file to write: name the file "
                                         f"first (--json out.json {value}, or --json - {value} for stdout)")
    return value


def write_json(data: Any, target: str) -> None:
    text = json.dumps(data, indent=2, sort_keys=False, default=str)
    if target == "-":
        print(text)
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text + "\n")
    tmp.replace(path)
