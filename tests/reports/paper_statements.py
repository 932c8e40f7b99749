"""A run directory holding every statement of the paper's development, without checking it.

The report must typeset and compile every statement the paper's development prints; a full
check takes a minute, but the statements alone are enough to test rendering. Statuses are
made up (a printed node with a ``.corrected`` sibling is called refuted) and nothing is proved.
"""
from __future__ import annotations

import json
from pathlib import Path

from proofs.development import load_development


def write_statement_run(directory: Path) -> Path:
    dev = load_development(None)
    nodes = list(dev)
    ids = {n.id for n in nodes}
    out = []
    for n in nodes:
        kind = n.kind.value
        status = ("assumed" if kind in ("definition", "cited") else
                  "refuted" if f"{n.id}.corrected" in ids else "proved")
        out.append({"id": n.id, "kind": kind, "title": n.title, "statement": n.statement,
                    "reference": n.reference, "deps": list(n.deps), "status": status,
                    "reason": "statements only: not checked", "printed": n.printed, "corrects": n.corrects,
                    "note": getattr(n, "note", ""), "obligations": []})
    data = {"development": dev.name, "title": dev.title, "backends": {}, "seed": 0, "profile": "statements",
            "exit_code": 0, "nodes": out}
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "run.json").write_text(json.dumps(data))
    return directory
