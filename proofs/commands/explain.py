"""Explain one node of a checked run: statement, status, obligations, neighbours, trusted base.

Shows how each obligation was decided (backend, steps, time), the node's dependencies and
dependants with their statuses, and the assumed nodes its result rests on.

Reads what `check --out DIR` wrote (manifest.json, certificates/*.json, run.json); checks nothing.
Exit 0 when shown, 2 when DIR holds no run or the id is not one of its nodes.
"""
from __future__ import annotations

import argparse
import json
import os
import textwrap
from pathlib import Path

from proofs.errors import ProofsError, did_you_mean
from proofs.report.schemas import link_uses, read_schemas

WIDTH = 80
ASSUMED_KINDS = ("definition", "cited")


def default_out() -> str:
    """Where `check` writes by default, so that both commands look in the same place."""
    return os.environ.get("PROOFS_OUT") or "proofs-out"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("node", metavar="ID", help="the node to explain, e.g. prop:4.7")
    p.add_argument("--out", metavar="DIR", default=default_out(),
                   help="output directory of a `check` run (default: $PROOFS_OUT, else proofs-out)")
    p.add_argument("--json", action="store_true", help="print the explanation as JSON")


# ----------------------------------------------------------------------------------------- reading a run

class RunDirectory:
    """The files one `check` run left in its output directory, read lazily and never written."""

    def __init__(self, path: Path, manifest: dict, run: dict | None) -> None:
        self.path = path
        self.manifest = manifest
        self.run = run
        self.files = {e["node"]: e["file"] for e in manifest.get("certificates", [])
                      if isinstance(e, dict) and "node" in e and "file" in e}
        self._certificates: dict[str, dict] = {}
        self._nodes: dict[str, dict] | None = None

    @classmethod
    def find(cls, directory: str | os.PathLike) -> RunDirectory | None:
        """The run in ``directory``, or None when there is none; unreadable files are an error."""
        path = Path(directory)
        manifest_path = path / "manifest.json"
        if not manifest_path.is_file():
            return None
        manifest = _read_json(manifest_path)
        run_path = path / "run.json"
        run = _read_json(run_path) if run_path.is_file() else None
        return cls(path, manifest, run)

    @classmethod
    def open(cls, directory: str | os.PathLike) -> RunDirectory:
        found = cls.find(directory)
        if found is None:
            raise ProofsError(no_run_message(directory), hint=no_run_hint(directory))
        return found

    @property
    def development(self) -> str:
        return str(self.manifest.get("development") or (self.run or {}).get("development") or "?")

    def certificate(self, node_id: str) -> dict:
        if node_id not in self._certificates:
            name = self.files[node_id]
            target = (self.path / name).resolve()
            if self.path.resolve() not in target.parents:
                raise ProofsError(f"{self.path / 'manifest.json'}: certificate path {name!r} of {node_id} "
                                  "leaves the output directory", hint="run `check` again to rewrite it")
            self._certificates[node_id] = _read_json(target)
        return self._certificates[node_id]

    def nodes(self) -> dict[str, dict]:
        """id -> {kind, title, status, reason, deps, reference} for every node of the run."""
        if self._nodes is None:
            entries = (self.run or {}).get("nodes")
            if isinstance(entries, list) and all(isinstance(e, dict) and "id" in e for e in entries):
                self._nodes = {e["id"]: {"kind": e.get("kind"), "title": e.get("title", ""),
                                         "status": e.get("status"), "reason": e.get("reason", ""),
                                         "deps": list(e.get("deps") or []),
                                         "reference": e.get("reference", ""),
                                         "obligations": e.get("obligations") or [],
                                         "clauses": e.get("clauses"),
                                         "unjustified": e.get("unjustified") or []}
                               for e in entries}
            else:
                self._nodes = {}
                for node_id in self.files:
                    c = self.certificate(node_id)
                    self._nodes[node_id] = {
                        "kind": c.get("kind"), "title": c.get("title", ""), "status": c.get("status"),
                        "reason": c.get("reason", ""), "reference": c.get("reference", ""),
                        "deps": [d.get("id") for d in c.get("dependencies") or [] if isinstance(d, dict)],
                        "obligations": []}
        return self._nodes

    def statuses(self) -> dict[str, str]:
        return {node_id: str(n.get("status")) for node_id, n in self.nodes().items()}

    def dependants(self, node_id: str) -> list[str]:
        edges = self.manifest.get("edges")
        if isinstance(edges, list):
            return sorted({b for a, b in (e for e in edges if isinstance(e, list) and len(e) == 2)
                           if a == node_id})
        return sorted(other for other, n in self.nodes().items() if node_id in n["deps"])

    def cone(self, node_id: str) -> list[str]:
        """Every node the given one depends on, directly or not (itself excluded)."""
        nodes, seen, todo = self.nodes(), set(), list(nodes_deps(self.nodes(), node_id))
        while todo:
            other = todo.pop()
            if other in seen or other not in nodes:
                continue
            seen.add(other)
            todo.extend(nodes_deps(nodes, other))
        seen.discard(node_id)
        return sorted(seen)


def nodes_deps(nodes: dict[str, dict], node_id: str) -> list[str]:
    return list(nodes.get(node_id, {}).get("deps") or [])


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProofsError(f"{path}: cannot be read as JSON ({exc})",
                          hint="run `python -m proofs check` again to rewrite the output directory") from None
    if not isinstance(data, dict):
        raise ProofsError(f"{path}: expected a JSON object", hint="run `python -m proofs check` again")
    return data


def no_run_message(directory: str | os.PathLike) -> str:
    if not Path(directory).exists():
        return f"no output directory {str(directory)!r}: nothing has been checked there yet"
    return f"{str(directory)!r} holds no run (no manifest.json)"


def no_run_hint(directory: str | os.PathLike) -> str:
    return (f"run `python -m proofs check --out {directory}` first (a few minutes for the paper), "
            "or point --out at the directory a run wrote")


# ----------------------------------------------------------------------------------------- explaining

def explain(run: RunDirectory, node_id: str) -> dict:
    """Everything shown about one node, as plain data (the --json output)."""
    nodes = run.nodes()
    if node_id not in run.files:
        hint = did_you_mean(node_id, run.files) or "`python -m proofs graph` lists the nodes"
        raise ProofsError(f"no node {node_id!r} in the run in {run.path} (development {run.development})",
                          hint=hint)
    cert = run.certificate(node_id)
    summary = nodes.get(node_id, {})
    seconds = _obligation_seconds(cert, summary)
    obligations = []
    for i, ob in enumerate(cert.get("obligations") or []):
        if not isinstance(ob, dict):
            continue
        record: dict = ob["record"] if isinstance(ob.get("record"), dict) else {}
        steps = [{"rule": s.get("rule"), "by": s.get("by"), "note": s.get("note", "")}
                 for s in record.get("steps") or [] if isinstance(s, dict)]
        obligations.append({
            "name": ob.get("name"), "backend": ob.get("backend"),
            "backend_version": ob.get("backend_version"),
            "verdict": ob.get("verdict"), "message": ob.get("message", ""), "claim": ob.get("claim", ""),
            "clause": ob.get("clause"), "dims": ob.get("dims"), "kernel": ob.get("kernel"),
            "seconds": seconds.get(ob.get("name"), seconds.get(i)),
            "steps": steps, "uses": ob.get("uses") or record.get("uses") or [],
            "counterexample": ob.get("counterexample"),
        })
        schemas = _schema_texts(run, node_id, record, ob.get("uses") or record.get("uses") or [])
        obligations[-1]["schemas"] = [text for text, _ in schemas]
        obligations[-1]["schemas_proved"] = [proved for _, proved in schemas]    # by a generalised use
    deps = [str(d.get("id")) for d in cert.get("dependencies") or [] if isinstance(d, dict)]
    deps = deps or summary.get("deps", [])
    used = _uses_by_dependency(obligations)
    cited_hypotheses = cert.get("cited_hypotheses") or {}
    trusted = []
    for other in run.cone(node_id) + ([node_id] if _is_assumed(nodes.get(node_id, {})) else []):
        n = nodes.get(other, {})
        if _is_assumed(n):
            trusted.append({"id": other, "kind": n.get("kind"), "title": n.get("title", ""),
                            "reference": n.get("reference", ""),
                            "hypotheses": cited_hypotheses.get(other) or {}})
    corrected = f"{node_id}.corrected"
    return {
        "node": node_id, "kind": cert.get("kind"), "title": cert.get("title", ""),
        "statement": cert.get("statement", ""), "clauses": summary.get("clauses") or cert.get("clauses"),
        "status": cert.get("status"), "reason": cert.get("reason", ""), "note": cert.get("note", ""),
        "reference": cert.get("reference", ""), "hypotheses": cert.get("hypotheses") or [],
        "printed": cert.get("printed"), "corrects": cert.get("corrects"),
        "corrected_by": corrected if corrected in run.files else None,
        "expect": cert.get("expect"),
        "seconds": (cert.get("run") or {}).get("seconds"),
        "obligations": obligations,
        "dependencies": [_neighbour(nodes, d, used.get(d)) for d in deps],
        "dependants": [_neighbour(nodes, d) for d in run.dependants(node_id)],
        "trusted_base": trusted,
        "unjustified": summary.get("unjustified") or [],
        "run": {"directory": str(run.path), "development": run.development},
    }


def _schema_texts(run: RunDirectory, node_id: str, record: dict, uses: list) -> list[tuple[str, bool]]:
    """The record's hypothesis schemas as a reader says them: ``for every integer k >= s: H(k) (the
    statement's; needed by the use of X)``, X a dependency (or an earlier obligation of the node) whose used
    result is stated under it; each with whether a generalised use proves it."""
    own = read_schemas(record)

    def stated(node: str, obligation: str) -> list:
        if node not in run.files:
            return []
        try:
            obs = run.certificate(node).get("obligations") or []
        except ProofsError:
            return []
        found = next((o for o in obs if isinstance(o, dict) and o.get("name") == obligation), {})
        return read_schemas(found.get("record"))

    link_uses(uses, own, stated, node_id)
    out = []
    for schema in own:
        users = [*schema.needed_by, *(f"its obligation {name}" for name in schema.needed_by_own)]
        needed = f"; needed by the use of {', '.join(users)}" if users else ""
        whose = f"proved by generalising {schema.proved_by}" if schema.proved_by else "the statement's"
        out.append((f"{schema.text} ({whose}{needed})" if schema.formula_tex else schema.text,
                    bool(schema.proved_by)))
    return out


def _is_assumed(n: dict) -> bool:
    return n.get("kind") in ASSUMED_KINDS or n.get("status") == "assumed"


def _neighbour(nodes: dict[str, dict], node_id: str, uses: list | None = None) -> dict:
    n = nodes.get(node_id, {})
    out = {"id": node_id, "status": n.get("status", "not checked"), "title": n.get("title", "")}
    if uses:
        out["uses"] = uses
    return out


def _obligation_seconds(cert: dict, summary: dict) -> dict:
    """Obligation name (and index) -> seconds, from the certificate's run record or run.json."""
    out: dict = {}
    for source in ((cert.get("run") or {}).get("obligations") or [], summary.get("obligations") or []):
        for i, entry in enumerate(source):
            if isinstance(entry, dict) and isinstance(entry.get("seconds"), (int, float)):
                out.setdefault(entry.get("name"), entry["seconds"])
                out.setdefault(i, entry["seconds"])
    return out


def _uses_by_dependency(obligations: list[dict]) -> dict[str, list[str]]:
    """Dependency id -> what the obligations use of it (an obligation, a clause, a substitution)."""
    out: dict[str, list[str]] = {}
    for ob in obligations:
        for use in ob["uses"]:
            dep = _use_node(use)
            if dep:
                out.setdefault(str(dep), []).append(f"{ob['name']} uses {_use_text(use, with_node=False)}")
    steps: dict[str, dict[str, list[str]]] = {}      # dependency -> rule -> obligations whose steps use it
    for ob in obligations:
        for step in ob["steps"]:
            if step.get("by"):
                steps.setdefault(step["by"], {}).setdefault(str(step["rule"]), []).append(str(ob["name"]))
    for dep, rules in steps.items():
        for rule, names in rules.items():
            out.setdefault(dep, []).append(f"{rule} steps of {', '.join(dict.fromkeys(names))}")
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


# ----------------------------------------------------------------------------------------- printing

def _wrap(text: str, indent: int = 2, first: str = "") -> str:
    prefix = " " * indent
    return textwrap.fill(" ".join(str(text).split()), width=WIDTH, initial_indent=prefix + first,
                         subsequent_indent=prefix + " " * len(first), break_on_hyphens=False,
                         break_long_words=True)


def _seconds(value) -> str:
    return f"{value:.2f} s" if isinstance(value, (int, float)) else "time not recorded"


def render(data: dict) -> str:
    """The explanation for a terminal, 80 columns wide."""
    out = [_wrap(f"{data['node']} ({data['kind']}): {data['title']}", 0)]
    out.append(_wrap(data["reason"] or "", 2, f"status: {data['status']} - ") if data["reason"]
               else f"  status: {data['status']}")
    if data.get("expect"):
        out.append(_wrap(f"expected to be {data['expect']}", 2))
    if data.get("corrects"):
        out.append(_wrap(f"corrects {data['corrects']}, the statement as printed", 2))
    if data.get("corrected_by"):
        out.append(_wrap(f"as printed; its correction is {data['corrected_by']}", 2))
    out += ["", "statement:", _wrap(data["statement"], 4)]
    clauses = data.get("clauses") or []
    whole = len(clauses) == 1 and isinstance(clauses[0], dict) and clauses[0].get("id") == "statement"
    if clauses and not whole:                   # one clause that is the whole statement says nothing more
        out.append("clauses:")
        for i, clause in enumerate(data["clauses"], 1):
            out.append(_wrap(_clause_text(clause), 4, f"{i}. "))
    for label in ("note", "reference"):
        if data.get(label):
            out += [f"{label}:", _wrap(data[label], 4)]
    if data.get("hypotheses"):
        out.append("hypotheses:")
        out += [_wrap(h, 4, "- ") for h in data["hypotheses"]]
    if data.get("unjustified"):
        out.append(_wrap("hypotheses not justified (neither the node's own, a dependency's result nor a "
                         "definition):", 0))
        out += [_wrap(f"{u['obligation']}: {u['hypothesis']}", 4, "- ") for u in data["unjustified"]]
    obligations = data["obligations"]
    out += ["", f"obligations ({len(obligations)}):" if obligations else "obligations: none (assumed)"]
    for i, ob in enumerate(obligations, 1):
        version = f" {ob['backend_version']}" if ob.get("backend_version") else ""
        decided = f"{ob['verdict']} in {_seconds(ob['seconds'])}"
        out.append(_wrap(f"{ob['name']} - {ob['backend']}{version}: {decided}", 2, f"{i}. "))
        if ob.get("clause"):
            out.append(_wrap(str(ob["clause"]), 5, "clause: "))
        if ob.get("claim"):
            out.append(_wrap(ob["claim"], 5, "claim: "))
        if ob.get("message"):
            out.append(_wrap(ob["message"], 5, "message: "))
        if ob.get("kernel") not in (None, "", "accepted"):
            out.append(_wrap(str(ob["kernel"]), 5, "kernel: "))
        for k, step in enumerate(ob["steps"], 1):
            by = f" by {step['by']}" if step.get("by") else ""
            note = f": {step['note']}" if step.get("note") else ""
            out.append(_wrap(f"{step['rule']}{by}{note}", 5, f"step {k}. "))
        for schema, proved in zip(ob["schemas"], ob["schemas_proved"]):
            out.append(_wrap(schema, 5, "has: " if proved else "assumes: "))
        for use in ob["uses"]:
            out.append(_wrap(_use_text(use), 5, "uses: "))
        if ob.get("counterexample"):
            out.append("     counterexample:")
            out += [_wrap(line, 7) for line in _counterexample_lines(ob["counterexample"])]
    deps = data["dependencies"]
    out += ["", f"dependencies ({len(deps)}):" if deps else "dependencies: none"]
    for d in data["dependencies"]:
        out.append(_wrap(f"{d['id']} - {d['title']}", 2, f"{d['status']:<12} "))
        if d.get("uses"):
            out.append(_wrap("; ".join(d["uses"]), 15, "used by: "))
    out += ["", f"dependants ({len(data['dependants'])}):" if data["dependants"] else "dependants: none"]
    for d in data["dependants"]:
        out.append(_wrap(f"{d['id']} - {d['title']}", 2, f"{d['status']:<12} "))
    trusted = data["trusted_base"]
    out += ["", f"trusted base ({len(trusted)} assumed node{'s' if len(trusted) != 1 else ''} "
                f"in the dependency cone):" if trusted else "trusted base: empty (nothing assumed)"]
    for t in trusted:
        out.append(_wrap(f"{t['id']} - {t['title']}", 2, f"{t['kind']:<12} "))
        if t.get("reference") and t["kind"] == "cited":
            out.append(_wrap(t["reference"], 15, "reference: "))
        for hypothesis, how in (t.get("hypotheses") or {}).items():
            out.append(_wrap(f"{hypothesis}: {how}", 15, "hypothesis: "))
    out += ["", _wrap(f"from the run of {data['run']['development']} in {data['run']['directory']}", 0)]
    return "\n".join(out)


def _clause_text(clause) -> str:
    if not isinstance(clause, dict):
        return str(clause)
    name = clause.get("name") or clause.get("id") or ""
    text = clause.get("statement") or clause.get("text") or clause.get("claim") or ""
    status, by = clause.get("status"), clause.get("obligations")
    extra = (f" [{status}]" if status else "") + (f" (by {', '.join(map(str, by))})" if by else "")
    return (f"{name}: {text}" if name and text else name or text or json.dumps(clause)) + extra


_USE_KEYS = ("node", "id", "dependency", "hash", "obligation", "clause", "hypothesis", "substitution",
             "schema", "every", "assuming")


def _use_node(use) -> str | None:
    if isinstance(use, dict):
        return use.get("node") or use.get("id") or use.get("dependency")
    return str(use) if use else None


def _use_text(use, with_node: bool = True) -> str:
    """``lemma:x, obligation sq (as hypothesis 0), with x -> a``: what one use takes from a dependency."""
    if not isinstance(use, dict):
        return str(use)
    dep = _use_node(use) or "?"
    parts = []
    for key in ("obligation", "clause"):
        if use.get(key) not in (None, ""):
            parts.append(f"{key} {use[key]}")
    if use.get("hypothesis") is not None:
        parts.append(f"(as hypothesis {use['hypothesis']})")
    if use.get("schema") is not None and isinstance(use.get("every"), dict):
        names = ", ".join(_expr(v) for v in use["every"].get("list") or [])
        parts.append(f"generalised over ({names}) (as schema {use['schema']})")
    if isinstance(use.get("assuming"), list) and use["assuming"]:
        parts.append("assuming " + ", ".join(_expr(c) for c in use["assuming"]) + " (a case: not proved)")
    substitution = use.get("substitution")
    if isinstance(substitution, dict):
        substitution = list(substitution.items())
    if isinstance(substitution, list) and substitution:
        pairs = [f"{_expr(p[0])} -> {_expr(p[1])}" for p in substitution
                 if isinstance(p, (list, tuple)) and len(p) == 2]
        parts.append("with " + ", ".join(pairs))
    rest = [f"{k} {_short(v, 60)}" for k, v in use.items()
            if k not in _USE_KEYS and v not in (None, "", {}, [])]
    text = " ".join(parts + rest)
    return (f"{dep}: {text}" if text else str(dep)) if with_node else (text or "its result")


_RELATIONS = {"Eq": "=", "Ne": "!=", "Lt": "<", "Le": "<=", "Gt": ">", "Ge": ">="}


def _expr(value, depth: int = 0) -> str:
    """Serialised SymPy (the certificates' JSON form) as infix text, for display only."""
    if not isinstance(value, dict) or depth > 12:
        return str(value)
    if "sym" in value:
        return str(value["sym"])
    if "int" in value or "float" in value:
        return str(value.get("int", value.get("float")))
    if "rat" in value and isinstance(value["rat"], list) and len(value["rat"]) == 2:
        return f"{value['rat'][0]}/{value['rat'][1]}"
    args = [_expr(a, depth + 1) for a in value.get("args") or []]
    wrapped = [a if a.replace("_", "").replace(".", "").replace("/", "").lstrip("-").isalnum() else f"({a})"
               for a in args]
    op = value.get("op")
    if op == "Add":
        return " + ".join(args)
    if op == "Mul":
        return "-" + "*".join(wrapped[1:]) if len(wrapped) > 1 and wrapped[0] == "-1" else "*".join(wrapped)
    if op in _RELATIONS and len(args) == 2:
        return f"{args[0]} {_RELATIONS[op]} {args[1]}"
    if op == "Pow" and len(wrapped) == 2:
        return f"{wrapped[0]}**{wrapped[1]}"
    return f"{op or value.get('fn') or '?'}({', '.join(args)})"


def _counterexample_lines(value) -> list[str]:
    """One line per part of a counterexample, serialised SymPy numbers written as numbers."""
    if not isinstance(value, dict):
        return [_short(value)]
    lines = []
    for key, part in value.items():
        if isinstance(part, dict) and all(isinstance(v, (dict, str, int, float)) for v in part.values()):
            inner = ", ".join(f"{k} = {_plain(v)}" for k, v in part.items())
            lines.append(f"{key}: {_short(inner, 240)}")
        else:
            lines.append(f"{key}: {_short(_plain(part), 240)}")
    return lines


def _plain(value) -> str:
    """A serialised SymPy leaf as text ({"rat": ["7", "2"]} -> 7/2); anything larger abbreviated."""
    if isinstance(value, dict):
        if "int" in value:
            return str(value["int"])
        if "rat" in value and isinstance(value["rat"], list) and len(value["rat"]) == 2:
            return f"{value['rat'][0]}/{value['rat'][1]}"
        if "sym" in value:
            return str(value["sym"])
        if "float" in value:
            return str(value["float"])
        if "op" in value:
            return f"{value['op']}(...) (see the certificate)"
    return value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)


def _short(value, limit: int = 300) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def run(args: argparse.Namespace) -> int:
    data = explain(RunDirectory.open(args.out), args.node)
    print(json.dumps(data, indent=2, default=str, ensure_ascii=False) if args.json else render(data))
    return 0
