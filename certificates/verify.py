"""Re-check a certificate directory written by ``proofs check --out DIR``, independently.

    python -m certificates.verify DIR      (or: python -m proofs verify DIR)

Trusts only SymPy, Z3 (and cvc5 when installed), jsonschema and the whitelist
decoder of ``certificates/serialize.py``; imports nothing of the engine or of
any development. Certificate text is data: it is never evaluated as code (no
eval/exec, no sympify/parse_expr of strings, no pickle). SMT-LIB text is
screened to a handful of commands before a solver reads it.

What is checked, in order:
  1. manifest: schema, its own hash, the file digest of every certificate;
  2. each certificate: schema, hash (sha256 of canonical JSON without 'hash' and
     'run'), dependencies present with the hashes of their certificates (a Merkle
     chain), edges equal to the manifest's, no cycle;
  3. each obligation, in a child process with a time and memory limit:
     z3: the SMT-LIB text encodes the recorded hypotheses and conclusion, the
       hypotheses are satisfiable, the negation is unsat (proved) or sat with the
       recorded model satisfying it (refuted); vacuous: hypotheses unsat; each
       query is repeated with cvc5 when it is installed;
     sympy: identities and every chain step re-proved by a normaliser of its own;
       counterexamples re-evaluated; numeric: the verdict follows from the residuals;
  4. each node's status follows from its re-checked verdicts and its dependencies.

Exit 0 when every certificate re-checks, 1 when any fails (node and reason
printed), 2 when the directory cannot be read.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing as mp
import os
import re
import resource
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 32 * 2 ** 20
DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 4096
SCHEMA_PATH = Path(__file__).with_name("schema.json")
FORMAL = ("sympy", "z3")
ESTABLISHED = ("proved", "assumed")


class Unreadable(Exception):
    """The input is not a certificate directory at all (exit 2)."""


@dataclass
class Result:
    failures: list[tuple[str, str]] = field(default_factory=list)   # (node or file, reason)
    notes: dict[str, list[str]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    manifest_hash: str = ""

    def fail(self, node: str, reason: str) -> None:
        self.failures.append((node, reason))

    def failed(self, node: str) -> bool:
        return any(n == node for n, _ in self.failures)


# ----------------------------------------------------------------------------- reading and hashing


def canonical_hash(data: Any, leave_out: tuple[str, ...]) -> str:
    """sha256 of canonical JSON (sorted keys, no whitespace, ASCII) of ``data`` minus ``leave_out``."""
    content = {k: v for k, v in data.items() if k not in leave_out}
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate key {next(k for k in keys if keys.count(k) > 1)!r}")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_json(path: Path) -> tuple[Any, bytes]:
    """Parse a JSON file of bounded size; duplicate keys and NaN are rejected (ValueError/OSError)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"larger than {MAX_FILE_BYTES} bytes")
    data = path.read_bytes()
    try:
        return json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant), data
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _validator(definition: str):
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text())
    return jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"})


def schema_error(validator, data: Any) -> str | None:
    import jsonschema

    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return None
    where = "/".join(str(p) for p in error.absolute_path) or "top level"
    return f"does not match schema.json at {where}: {error.message[:200]}"


# ----------------------------------------------------------------------------- the directory


def verify(directory: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT,
           memory_mb: int = DEFAULT_MEMORY_MB, use_cvc5: bool = True, jobs: int | None = None,
           log: Callable[[str], None] = lambda line: None, cvc5_seconds: float | None = None) -> Result:
    """Re-check everything under ``directory``; raises :class:`Unreadable` for unusable input. Each cvc5
    query gets ``cvc5_seconds`` (default :data:`CVC5_SECONDS`)."""
    root = Path(directory)
    if not root.is_dir():
        raise Unreadable(f"{root} is not a directory")
    if (root / "manifest.json").is_symlink():    # certificates are read beside the manifest's real file:
        root = (root / "manifest.json").resolve().parent     # one generation, even if a writer swaps it
    try:
        manifest, _ = read_json(root / "manifest.json")
    except (OSError, ValueError) as exc:
        raise Unreadable(f"{root / 'manifest.json'}: cannot read: {exc}") from None
    if not isinstance(manifest, dict):
        raise Unreadable(f"{root / 'manifest.json'}: not a JSON object")
    out = Result()
    problem = schema_error(_validator("manifest"), manifest)
    if problem:
        out.fail("manifest", problem)
        return out
    out.manifest_hash = manifest["hash"]
    if canonical_hash(manifest, ("hash", "files", "run")) != manifest["hash"]:
        out.fail("manifest", "its hash does not match its content")
    certs = _load_certificates(root, manifest, out)
    order = _check_graph(manifest, certs, out)
    cvc5 = _cvc5_available() if use_cvc5 else False
    _preload()
    tasks = {}                  # every re-check first, in parallel; statuses then in dependency order
    for node in order:
        if node in certs and not out.failed(node):
            deps = [d["id"] for d in certs[node]["dependencies"]]
            for i, ob in enumerate(certs[node]["obligations"]):
                for j, (_, fn, args) in enumerate(obligation_checks(ob, deps, cvc5, cvc5_seconds) or []):
                    tasks[(node, i, j)] = (fn, args)
    answers = run_bounded(tasks, jobs or os.cpu_count() or 1, timeout, memory_mb)
    for node in order:
        if node in certs and not out.failed(node):
            _check_node(certs[node], certs, out, answers, cvc5, log)
    return out


def run_bounded(tasks: dict, jobs: int, seconds: float, memory_mb: int) -> dict:
    """``key -> (fn, args) -> (ok, detail)``, each in a forked child with a time and address-space limit,
    at most ``jobs`` at a time."""
    import time
    from multiprocessing.connection import wait

    ctx, pending, running, answers = mp.get_context("fork"), list(tasks.items()), {}, {}
    pending.reverse()
    while pending or running:
        while pending and len(running) < max(1, jobs):
            key, (fn, args) = pending.pop()
            receive, send = ctx.Pipe(duplex=False)
            child = ctx.Process(target=_child, args=(send, fn, args, memory_mb), daemon=True)
            child.start()
            send.close()
            running[receive] = (key, child, time.monotonic() + seconds)
        now = time.monotonic()
        soonest = min(deadline for _, _, deadline in running.values())
        for receive in wait(list(running), timeout=max(0.0, soonest - now)):
            key, child, _ = running.pop(receive)
            answers[key] = _collect(receive, child)
        now = time.monotonic()
        for receive, (key, child, deadline) in list(running.items()):
            if deadline <= now and not receive.poll():
                del running[receive]
                answers[key] = (False, f"no answer within {seconds:g}s (raise --timeout to allow more)")
                _reap(receive, child)
    return answers


def _collect(receive: Any, child: Any) -> tuple[bool | None, str]:
    try:
        ok, detail = json.loads(receive.recv_bytes(1 << 20))
    except (EOFError, OSError, ValueError):
        child.join(1)
        ok, detail = False, f"the re-check crashed (exit code {child.exitcode})"
    _reap(receive, child)
    return ok, detail


def _reap(receive: Any, child: Any) -> None:
    if child.is_alive():
        child.kill()
    child.join(5)
    receive.close()


def _preload() -> None:
    """Import the solvers once here, so every forked re-check starts with them loaded."""
    import sympy  # noqa: F401
    import z3  # noqa: F401

    import certificates.serialize  # noqa: F401


def _load_certificates(root: Path, manifest: dict, out: Result) -> dict[str, dict]:
    validator = _validator("certificate")
    certs: dict[str, dict] = {}
    entries = manifest["certificates"]
    listed = {e["file"] for e in entries}
    if len(listed) != len(entries) or len({e["node"] for e in entries}) != len(entries):
        out.fail("manifest", "lists a node or a file twice")
    if set(manifest["files"]) != listed:
        out.fail("manifest", "'files' and 'certificates' name different files")
    cert_dir = root / "certificates"
    if cert_dir.is_dir():
        for path in sorted(cert_dir.iterdir()):
            if f"certificates/{path.name}" not in listed:
                out.fail(path.stem, f"certificates/{path.name} is not listed in the manifest")
    for entry in entries:
        node, rel = entry["node"], entry["file"]
        try:
            cert, raw = read_json(root / rel)
        except FileNotFoundError:
            out.fail(node, f"certificate {rel} is missing")
            continue
        except (OSError, ValueError) as exc:
            out.fail(node, f"certificate {rel} is not valid JSON: {exc}")
            continue
        problem = schema_error(validator, cert)
        if problem:
            out.fail(node, f"{rel} {problem}")
            continue
        if cert["node"] != node:
            out.fail(node, f"{rel} holds the certificate of {cert['node']!r}")
            continue
        if hashlib.sha256(raw).hexdigest() != manifest["files"].get(rel):
            out.fail(node, f"{rel} differs from the file the manifest recorded")
        actual = canonical_hash(cert, ("hash", "run"))
        if actual != cert["hash"]:
            out.fail(node, f"hash mismatch: content hashes to {actual[:12]}…, certificate says {cert['hash'][:12]}…")
        elif actual != entry["hash"]:
            out.fail(node, f"hash {actual[:12]}… differs from the manifest's {entry['hash'][:12]}…")
        for backend, version in cert["backends"].items():
            if manifest["backends"].get(backend) != version:
                out.fail(node, f"backend {backend} {version} differs from the manifest's")
        certs[node] = cert
    return certs


def _check_graph(manifest: dict, certs: dict[str, dict], out: Result) -> list[str]:
    """Dependencies present with matching hashes, edges as in the manifest, acyclic; topological order."""
    hashes = {e["node"]: e["hash"] for e in manifest["certificates"]}
    edges = set()
    for node, cert in certs.items():
        ids = [d["id"] for d in cert["dependencies"]]
        if len(ids) != len(set(ids)):
            out.fail(node, "lists a dependency twice")
        for dep in cert["dependencies"]:
            edges.add((dep["id"], node))
            if dep["id"] not in hashes:
                out.fail(node, f"depends on {dep['id']!r}, which has no certificate in the manifest")
            elif dep["hash"] != hashes[dep["id"]]:
                out.fail(node, f"records hash {dep['hash'][:12]}… for dependency {dep['id']}, "
                               f"whose certificate hashes to {hashes[dep['id']][:12]}…")
    recorded = [tuple(e) for e in manifest["edges"]]
    if recorded != sorted(set(recorded)):
        out.fail("manifest", "edge list is not sorted or has duplicates")
    complete = all(e["node"] in certs for e in manifest["certificates"])
    for dep, node in sorted(set(recorded) - edges):
        if complete or (node in certs and dep in certs):
            out.fail(node, f"manifest lists edge {dep} -> {node}, which {node}'s certificate does not have")
    for dep, node in sorted(edges - set(recorded)):
        out.fail(node, f"certificate depends on {dep}, but the manifest has no edge {dep} -> {node}")
    users: dict[str, list[str]] = {n: [] for n in certs}
    indegree = {n: 0 for n in certs}
    for dep, node in edges:
        if dep in certs:
            users[dep].append(node)
            indegree[node] += 1
    order = [n for n in sorted(certs) if indegree[n] == 0]
    for n in order:                       # Kahn's algorithm: what remains lies on a cycle
        for user in sorted(users[n]):
            indegree[user] -= 1
            if indegree[user] == 0:
                order.append(user)
    for node in sorted(set(certs) - set(order)):
        out.fail(node, "lies on a dependency cycle")
    return order


# ----------------------------------------------------------------------------- one node


def _check_node(cert: dict, certs: dict, out: Result, answers: dict, cvc5: bool,
                log: Callable[[str], None]) -> None:
    node = cert["node"]
    deps = [d["id"] for d in cert["dependencies"]]
    bad_deps = [d for d in deps if out.failed(d)]
    if bad_deps:
        out.fail(node, f"depends on {', '.join(bad_deps)}, whose certificate failed")
        return
    notes = out.notes.setdefault(node, [])
    verdicts: list[tuple[str, str]] = []
    for i, ob in enumerate(cert["obligations"]):
        label = f"obligation {ob['name']!r} ({ob['backend']}, {ob['verdict']})"
        checks = obligation_checks(ob, deps, cvc5)
        if checks is None:
            notes.append(f"{label}: nothing to re-check")
        for j, (name, _, _) in enumerate(checks or []):
            ok, detail = answers[(node, i, j)]
            if ok is None:                      # cvc5 gave no definite answer: report, not fail
                notes.append(f"{label}: {name}: {detail}")
            elif not ok:
                out.fail(node, f"{label}: {name}: {detail}")
                return
            else:
                notes.append(f"{label}: {name}: {detail}")
        verdicts.append((ob["backend"], ob["verdict"]))
    expected = derive_status(cert, verdicts, [certs[d]["status"] for d in deps if d in certs])
    if expected != cert["status"]:
        out.fail(node, f"status {cert['status']!r} does not follow from its obligations and "
                       f"dependencies (expected {expected!r})")
        return
    out.statuses[node] = cert["status"]
    log(f"ok    {node}  {cert['status']}  ({len(cert['obligations'])} obligation(s))")
    for note in notes:
        log(f"        {note}")


def derive_status(cert: dict, verdicts: list[tuple[str, str]], dep_statuses: list[str]) -> str:
    """The engine's status rules, restated: what the re-checked verdicts entitle a node to."""
    if cert["kind"] in ("definition", "cited"):
        return "assumed" if not verdicts else "failed"
    if not verdicts:
        return "failed"                    # a claim whose obligations could not be built
    values = [v for _, v in verdicts]
    formal = [v for b, v in verdicts if b in FORMAL]
    numeric = [v for b, v in verdicts if b not in FORMAL]
    if "refuted" in values:
        return "refuted"
    if "failed" in values or "vacuous" in values:
        return "failed"
    if formal and all(v == "proved" for v in formal) and all(v == "agrees" for v in numeric):
        status = "proved"
    elif not formal and all(v == "agrees" for v in numeric):
        status = "corroborated"
    else:
        status = "unknown"
    if any(s not in ESTABLISHED for s in dep_statuses):
        return "blocked"
    return status


def obligation_checks(ob: dict, deps: list[str], cvc5: bool, cvc5_seconds: float | None = None
                      ) -> list[tuple[str, Callable, tuple]] | None:
    """The re-checks an obligation's verdict calls for, or None when the verdict claims nothing; a cvc5 query
    gets ``cvc5_seconds`` (default :data:`CVC5_SECONDS`)."""
    backend, verdict, record, cex = ob["backend"], ob["verdict"], ob["record"], ob["counterexample"]
    if verdict in ("unknown", "failed", "unavailable"):
        return None
    if backend == "numeric":
        return [("residuals", check_numeric, (record, verdict))]
    if backend == "sympy" and verdict == "proved":
        return [("re-proof", check_sympy_proof, (record, deps)),
                ("assumptions", check_assumption_witness, (record,))]
    if backend == "sympy" and verdict == "vacuous":
        return None                       # claims nothing; the node is failed either way
    if backend == "sympy" and verdict == "refuted":
        return [("counterexample", check_sympy_counterexample, (record, cex))]
    if backend == "z3" and verdict in ("proved", "refuted", "vacuous"):
        checks = [("z3", check_z3, (record, verdict, cex))]
        if cvc5:
            checks.append(("cvc5", check_cvc5, (record, verdict, cvc5_seconds)))
        return checks
    return [("verdict", lambda: (False, f"backend {backend!r} cannot answer {verdict!r} here"), ())]


# ----------------------------------------------------------------------------- bounded child processes


def _child(send, fn: Callable, args: tuple, memory_mb: int) -> None:
    limit = memory_mb * 2 ** 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        result = fn(*args)
    except MemoryError:
        result = (False, f"ran out of memory (limit {memory_mb} MB)")
    except RecursionError:
        result = (False, "expression nested too deeply")
    except ValueError as exc:  # a malformed or unfaithful record
        result = (False, str(exc)[:300])
    except Exception as exc:  # noqa: BLE001 - whatever a strange record provokes is reported, never trusted
        result = (False, f"{type(exc).__name__}: {str(exc)[:300]}")
    try:
        send.send_bytes(json.dumps([result[0], str(result[1])]).encode())
    finally:
        send.close()
        os._exit(0)


# ----------------------------------------------------------------------------- numeric


def check_numeric(record: dict, verdict: str) -> tuple[bool, str]:
    """The numeric checks are not re-run (they are the development's code); their residuals are re-judged."""
    if record.get("kind") != "numeric":
        return False, "no numeric record"
    try:
        residuals = [float(r) for r in record["residuals"]]
    except ValueError:
        residuals = [float("nan")]
    tol, expect = float(record["tolerance"]), record["expect"]
    if not (math.isfinite(tol) and tol >= 0):    # 1e999 parses as inf, and an infinite tolerance accepts anything
        return False, f"tolerance {tol!r} is not a finite number >= 0 (the engine's judge requires one)"
    if not residuals or len(residuals) != len(record["resolutions"]) or any(
            not math.isfinite(r) for r in residuals):
        judged = "failed"
    elif expect == "disagree":
        judged = "agrees" if min(residuals) > tol else "refuted"
    elif residuals[-1] <= tol and (len(residuals) == 1 or residuals[-1] <= residuals[0] * 1.5 + tol):
        judged = "agrees"
    elif len(residuals) >= 2 and min(residuals) > tol and residuals[-1] > 0.5 * residuals[-2]:
        judged = "refuted"
    else:
        judged = "unknown"
    if judged != verdict:
        return False, f"residuals {residuals} with tolerance {tol:g} give {judged!r}, not {verdict!r}"
    return True, f"residuals {residuals} support {verdict!r} (seed {record['seed']}; not re-run)"


# ----------------------------------------------------------------------------- sympy


def _decode(tree: Any, what: str) -> Any:
    from certificates.serialize import SerializationError, decode

    if isinstance(tree, dict) and "unencodable" in tree:
        raise ValueError(f"{what} was not recorded in re-checkable form ({tree['unencodable']})")
    try:
        return decode(tree)
    except SerializationError as exc:
        raise ValueError(f"{what}: {exc}") from None


def _bound_symbols(prefix: str, depth: int, count: int) -> list:
    import sympy as sp

    # '$' cannot occur in a decoded name, so these never capture a certificate's symbol
    return [sp.Symbol(f"${prefix}{depth}_{k}", real=True) for k in range(count)]


def normalize(expr: Any, depth: int = 0) -> Any:
    """Sound canonical form: bound variables renamed by depth, rational functions cancelled."""
    import sympy as sp

    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: normalize(e, depth))
    return sp.cancel(sp.together(_rebuild(expr, depth)))


def _rebuild(node: Any, depth: int) -> Any:
    import sympy as sp
    from sympy.core.function import AppliedUndef

    if isinstance(node, sp.Lambda):
        canon = _bound_symbols("L", depth, len(node.variables))
        body = node.expr.xreplace(dict(zip(node.variables, canon)))
        return sp.Lambda(tuple(canon), normalize(body, depth + 1))
    if not node.args or node.is_Atom:
        return node
    if isinstance(node, sp.Integral):
        canon = _bound_symbols("I", depth, len(node.limits))
        rename = dict(zip([lim[0] for lim in node.limits], canon))
        body = normalize(node.function.xreplace(rename), depth + 1)
        limits = [(rename[lim[0]],) + tuple(normalize(b, depth) for b in lim[1:]) for lim in node.limits]
        return sp.Integral(body, *limits)
    args = [_rebuild(a, depth) for a in node.args]
    if isinstance(node, (AppliedUndef, sp.Abs, sp.sign, sp.exp)):
        args = [a if isinstance(a, sp.Lambda) else sp.cancel(sp.together(a)) for a in args]
    return node.func(*args)


def equal(lhs: Any, rhs: Any) -> bool:
    """True only when ``lhs - rhs`` is shown identically zero."""
    import sympy as sp

    nl, nr = normalize(lhs), normalize(rhs)
    if isinstance(nl, sp.MatrixBase) or isinstance(nr, sp.MatrixBase):
        if not (isinstance(nl, sp.MatrixBase) and isinstance(nr, sp.MatrixBase)) or nl.shape != nr.shape:
            return False
        pairs = list(zip(nl, nr))
    else:
        pairs = [(nl, nr)]
    for a, b in pairs:
        diff = sp.cancel(sp.together(a - b))
        if diff != 0 and sp.simplify(diff) != 0:
            return False
    return True


def _expression(tree: Any, what: str) -> Any:
    import sympy as sp

    value = _decode(tree, what)
    if isinstance(value, list):
        raise ValueError(f"{what} must be an expression or a matrix, not a list")
    if not isinstance(value, (sp.Basic, sp.MatrixBase)):
        raise ValueError(f"{what} is not an expression")
    return value


def change_of_variables(expr: Any, params: dict) -> Any:
    """Every integral over all of R^N in ``old`` rewritten by ``old = A new + c``, times |det A|."""
    import sympy as sp

    old, new = _decode(params["old"], "old"), _decode(params["new"], "new")
    matrix = _decode(params["A"], "A")
    A = sp.Matrix(matrix)
    n = len(old)
    if not all(isinstance(s, sp.Symbol) for s in list(old) + list(new)) or len(new) != n or A.shape != (n, n):
        raise ValueError("change of variables needs N old symbols, N new symbols and an N x N matrix A")
    c = sp.Matrix(_decode(params["c"], "c")) if "c" in params else sp.zeros(n, 1)
    if c.shape != (n, 1):
        c = c.reshape(n, 1)
    image = A * sp.Matrix(new) + c
    det = A.det()
    if sp.simplify(det) == 0:
        raise ValueError("change of variables with a singular matrix")
    found = []

    def rewrite(integral: Any) -> Any:
        if {lim[0] for lim in integral.limits} != set(old):
            return integral
        if any(len(lim) != 3 or lim[1] != -sp.oo or lim[2] != sp.oo for lim in integral.limits):
            raise ValueError("change of variables applies to integrals over all of R^N")
        found.append(integral)
        body = integral.function.xreplace(dict(zip(old, image)))
        return sp.Integral(body * sp.Abs(det), *[(v, -sp.oo, sp.oo) for v in new])

    out = expr.replace(lambda e: isinstance(e, sp.Integral), rewrite)
    if not found:
        raise ValueError(f"no integral over {list(old)} to change variables in")
    return out


def check_sympy_proof(record: dict, deps: list[str]) -> tuple[bool, str]:
    if record.get("kind") == "identity":
        lhs, rhs = _expression(record["lhs"], "lhs"), _expression(record["rhs"], "rhs")
        return (True, "both sides agree after normalisation") if equal(lhs, rhs) else (
            False, "the two sides could not be shown equal")
    if record.get("kind") != "chain":
        return False, "no identity or chain record"
    prev = _expression(record["start"], "start")
    for index, step in enumerate(record["steps"], 1):
        expr = _expression(step["expr"], f"step {index}")
        if step["by"] is not None and step["by"] not in deps:
            return False, f"step {index} is justified by {step['by']!r}, which is not a dependency"
        if step["rule"] in ("algebra", "definition", "cites"):
            expected = prev
        elif step["rule"] == "change_of_variables":
            expected = change_of_variables(prev, step.get("params", {}))
        else:
            return False, f"step {index}: unknown rule {step['rule']!r}"
        if not equal(expected, expr):
            return False, f"step {index} ({step['rule']}) could not be shown"
        prev = expr
    return True, f"all {len(record['steps'])} step(s) re-checked"


def _instance(symbols: Any, functions: Any, what: str) -> Callable[[Any], Any]:
    """Substitution of recorded closed values for symbols and lambda terms for undefined functions."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    if not isinstance(symbols, dict) or not isinstance(functions, dict):
        raise ValueError(f"the {what} needs 'symbols' and 'functions' objects")
    values = {name: _expression(v, f"{what} value of {name}") for name, v in symbols.items()}
    lambdas = {name: _decode(tree, f"{what} function {name}") for name, tree in functions.items()}
    if not all(isinstance(lam, sp.Lambda) for lam in lambdas.values()):
        raise ValueError(f"the {what} gives a function that is not a lambda term")
    if any(v.free_symbols for v in values.values()) or any(f.free_symbols for f in lambdas.values()):
        raise ValueError(f"the {what} values must be closed terms")

    def instance(expr: Any) -> Any:
        subs = {s: values[s.name] for s in expr.free_symbols if s.name in values}
        out = expr.xreplace(subs).replace(
            lambda e: isinstance(e, AppliedUndef) and e.func.__name__ in lambdas,
            lambda e: lambdas[e.func.__name__](*e.args))
        if out.atoms(sp.Integral):
            out = out.replace(lambda e: isinstance(e, sp.Integral), _gaussian_or_same)
        if out.atoms(sp.Integral):
            out = out.doit()            # closed form where SymPy finds one,
        if out.atoms(sp.Integral):
            out = out.evalf(30)         # numerical quadrature otherwise
        if not isinstance(out, sp.logic.boolalg.BooleanAtom) and isinstance(out, sp.logic.boolalg.Boolean):
            out = sp.simplify(out)
        return out
    return instance


def _gaussian_or_same(integral: Any) -> Any:
    """Exact value of ∫_{R^N} Σ_i K_i exp(q_i(u)) du for closed K_i and quadratic q_i with negative
    definite quadratic part; the integral unchanged when it is not of that shape.

    With q(u) = -uᵀPu + bᵀu + c, P symmetric positive definite, the integral is
    sqrt(π^N / det P) · exp(bᵀP⁻¹b / 4 + c) (complete the square; the standard Gaussian integral).
    """
    import sympy as sp

    variables = [lim[0] for lim in integral.limits]
    if any(len(lim) != 3 or lim[1] != -sp.oo or lim[2] != sp.oo for lim in integral.limits) or \
            len(set(variables)) != len(variables):
        return integral
    n, at_zero, total = len(variables), {v: 0 for v in variables}, sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(sp.powsimp(sp.expand(integral.function), combine="exp"))):
        exponent, constant = sp.Integer(0), sp.Integer(1)
        for factor in sp.Mul.make_args(term):
            if isinstance(factor, sp.exp):
                exponent += factor.args[0]
            elif factor.free_symbols:
                return integral
            else:
                constant *= factor
        exponent = sp.expand(exponent)
        if exponent.free_symbols - set(variables) or not exponent.is_polynomial(*variables) or \
                sp.Poly(exponent, *variables).total_degree() > 2:
            return integral
        P = sp.Matrix(n, n, lambda i, j: -sp.Rational(1, 2) * sp.diff(exponent, variables[i], variables[j]))
        b = sp.Matrix([sp.diff(exponent, v).xreplace(at_zero) for v in variables])
        c = exponent.xreplace(at_zero)
        minors = [P[:k, :k].det() for k in range(1, n + 1)]
        if not all(m.is_extended_real and (m > 0) is sp.true for m in minors):    # Sylvester's criterion
            return integral
        total += constant * sp.sqrt(sp.pi ** n / minors[-1]) * sp.exp((b.T * P.inv() * b)[0, 0] / 4 + c)
    return total


def _assumptions(record: dict) -> list:
    decoded = _decode(record["assumptions"], "assumptions")
    return decoded if isinstance(decoded, list) else [decoded]


def check_assumption_witness(record: dict) -> tuple[bool, str]:
    """A proof under assumptions needs them satisfiable: re-evaluate the recorded witness."""
    import sympy as sp

    assumptions = _assumptions(record)
    if not assumptions:
        return True, "no assumptions"
    witness = record.get("assumption_witness")
    if not isinstance(witness, dict) or witness.get("status") != "satisfiable":
        return False, "the assumptions were not shown satisfiable: the proof could be vacuous"
    if witness.get("method") == "trivial":
        ok = all(a is sp.true for a in assumptions)
        return ok, "every assumption is literally true" if ok else "the assumptions are not trivially true"
    if witness.get("method") == "z3":
        return True, "a z3 model witnesses the assumptions (recorded, not re-evaluated here)"
    w = witness.get("witness") or {}
    instance = _instance(w.get("symbols"), w.get("functions") or {}, "assumption witness")
    for assumption in assumptions:
        if instance(assumption) is not sp.true:
            return False, f"the recorded witness does not satisfy the assumption {assumption}"
    return True, "the recorded witness satisfies every assumption"


def check_sympy_counterexample(record: dict, cex: dict | None) -> tuple[bool, str]:
    import sympy as sp

    if not isinstance(cex, dict) or not isinstance(cex.get("symbols"), dict):
        return False, "a refutation without a counterexample"
    if record.get("kind") == "identity":
        lhs, rhs = _expression(record["lhs"], "lhs"), _expression(record["rhs"], "rhs")
    elif record.get("kind") == "chain":
        step = cex.get("step")
        if not isinstance(step, int) or not 1 <= step <= len(record["steps"]):
            return False, "the counterexample names no step of the chain"
        before = record["start"] if step == 1 else record["steps"][step - 2]["expr"]
        lhs, rhs = _expression(before, "step side"), _expression(record["steps"][step - 1]["expr"], "step")
    else:
        return False, "no identity or chain record"
    if "entry" in cex:                      # matrices: the recorded entry is the one that differs
        entry = cex["entry"]
        if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase) and lhs.shape == rhs.shape
                and isinstance(entry, list) and len(entry) == 2 and all(type(k) is int for k in entry)
                and 0 <= entry[0] < lhs.rows and 0 <= entry[1] < lhs.cols):
            return False, f"the counterexample names entry {entry!r}, which the two sides do not both have"
        lhs, rhs = lhs[entry[0], entry[1]], rhs[entry[0], entry[1]]
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return False, "a counterexample to a matrix identity must name the entry that differs"
    instance = _instance(cex["symbols"], cex.get("functions") or {}, "counterexample")
    for assumption in _assumptions(record):
        if instance(assumption) is not sp.true:
            return False, f"the counterexample violates the assumption {assumption}"
    left, right = instance(lhs), instance(rhs)
    if left.free_symbols or right.free_symbols:
        return False, f"the counterexample leaves {sorted(map(str, left.free_symbols | right.free_symbols))} free"
    # exact values: SymPy's evalf tracks cancellation, so 50 digits decide; quadrature: a loose margin
    exact = not any(isinstance(a, sp.Float) for side in (left, right) for a in sp.preorder_traversal(side))
    gap = abs(complex(sp.N(left - right, 50)))
    scale = max(1.0, abs(complex(sp.N(left, 50))), abs(complex(sp.N(right, 50))))
    if not gap > (1e-40 if exact else 1e-9) * scale:
        return False, "on the recorded instance the two sides agree"
    how = "exactly" if exact else "by quadrature"
    return True, f"the sides differ on the recorded instance, evaluated {how} (gap {gap:.3g})"


# ----------------------------------------------------------------------------- z3 and cvc5

SMT_COMMANDS = ("set-info", "set-logic", "declare-fun", "declare-const", "assert", "check-sat")
_SMT_TOKEN = re.compile(r'\s+|;[^\n]*|\|[^|]*\||"|\(|\)|[^\s();|"]+')


def screen_smtlib(text: str) -> None:
    """Allow only declarations, assertions and check-sat: no include, no options, no output files."""
    depth, pos, expect_command = 0, 0, False
    while pos < len(text):
        match = _SMT_TOKEN.match(text, pos)
        if match is None or match.group() == '"':
            raise ValueError(f"SMT-LIB text has a string literal or stray character at offset {pos}")
        token, pos = match.group(), match.end()
        if token.isspace() or token.startswith(";"):
            continue
        if expect_command and token not in SMT_COMMANDS:
            raise ValueError(f"SMT-LIB command {token[:40]!r} is not allowed in a certificate")
        expect_command = token == "(" and depth == 0
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0:
            raise ValueError("SMT-LIB text has unbalanced parentheses")
    if depth:
        raise ValueError("SMT-LIB text has unbalanced parentheses")


class Translator:
    """The recorded SymPy relations -> Z3, to confirm that the SMT-LIB text says what the record says."""

    def __init__(self, integer_symbols: list[str]) -> None:
        import z3

        self.z3 = z3
        self.integers = set(integer_symbols)
        self.vars: dict[str, Any] = {}

    def __call__(self, e: Any) -> Any:
        import sympy as sp

        z3 = self.z3
        if e is sp.true or e is sp.false:
            return z3.BoolVal(e is sp.true)
        if isinstance(e, sp.Symbol):
            if e.name not in self.vars:
                integer = e.name in self.integers or e.is_integer
                self.vars[e.name] = z3.Int(e.name) if integer else z3.Real(e.name)
            return self.vars[e.name]
        if isinstance(e, sp.Integer):
            return z3.IntVal(int(e))
        if isinstance(e, sp.Rational):
            return z3.RealVal(e.p) / z3.RealVal(e.q)
        if isinstance(e, sp.Add):
            return z3.Sum([self(a) for a in e.args])
        if isinstance(e, sp.Mul):
            out = self(e.args[0])
            for a in e.args[1:]:
                out = out * self(a)
            return out
        if isinstance(e, sp.Pow) and e.exp.is_Integer and abs(int(e.exp)) <= 64:
            n = int(e.exp)
            if n == 0:
                return z3.RealVal(1)
            b = out = self(e.base)
            for _ in range(abs(n) - 1):
                out = out * b
            return out if n > 0 else z3.RealVal(1) / out
        if isinstance(e, sp.Abs):
            a = self(e.args[0])
            return z3.If(a >= 0, a, -a)
        if isinstance(e, (sp.Max, sp.Min)):
            args = [self(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = z3.If(a > out, a, out) if isinstance(e, sp.Max) else z3.If(a < out, a, out)
            return out
        if isinstance(e, sp.Piecewise):
            if e.args[-1][1] is not sp.true:
                raise ValueError("Piecewise must end with a (expr, True) piece")
            out = self(e.args[-1][0])
            for value, cond in reversed(e.args[:-1]):
                out = z3.If(self(cond), self(value), out)
            return out
        relations = {sp.Equality: lambda a, b: a == b, sp.Unequality: lambda a, b: a != b,
                     sp.StrictLessThan: lambda a, b: a < b, sp.LessThan: lambda a, b: a <= b,
                     sp.StrictGreaterThan: lambda a, b: a > b, sp.GreaterThan: lambda a, b: a >= b}
        for kind, make in relations.items():
            if type(e) is kind:
                return make(self(e.lhs), self(e.rhs))
        if isinstance(e, sp.And):
            return z3.And([self(a) for a in e.args])
        if isinstance(e, sp.Or):
            return z3.Or([self(a) for a in e.args])
        if isinstance(e, sp.Not):
            return z3.Not(self(e.args[0]))
        if isinstance(e, sp.Implies):
            return z3.Implies(self(e.args[0]), self(e.args[1]))
        raise ValueError(f"cannot translate {type(e).__name__} to Z3")


def _z3_solver(z3: Any, seconds: float = 0) -> Any:
    solver = z3.Solver()
    if seconds:
        solver.set("timeout", int(seconds * 1000))
    return solver


def _parse_smtlib(z3: Any, text: Any, what: str) -> list:
    if not isinstance(text, str):
        raise ValueError(f"the record has no {what} SMT-LIB text")
    screen_smtlib(text)
    return list(z3.parse_smt2_string(text))


EQUIVALENCE_SECONDS = 10.0   # per assertion: Z3 must show it equivalent to the translated record in time


def _constants(z3: Any, formulas: list) -> dict[str, Any]:
    """Every uninterpreted symbol in ``formulas``: name -> sort (ValueError for functions or clashes)."""
    seen: dict[str, Any] = {}
    stack, visited = list(formulas), set()
    while stack:
        term = stack.pop()
        if term.get_id() in visited:
            continue
        visited.add(term.get_id())
        if z3.is_quantifier(term):
            raise ValueError("the SMT-LIB text has a quantifier, which no recorded relation translates to")
        if not z3.is_app(term):
            raise ValueError(f"the SMT-LIB text has an unexpected term {str(term)[:60]}")
        decl = term.decl()
        if decl.kind() == z3.Z3_OP_UNINTERPRETED:
            if decl.arity():
                raise ValueError(f"the SMT-LIB text applies a function {decl.name()!r}")
            if seen.setdefault(decl.name(), term.sort()) != term.sort():
                raise ValueError(f"the SMT-LIB text uses {decl.name()!r} with two sorts")
        stack.extend(term.children())
    return seen


def _same_formulas(parsed: list, expected: list, what: str) -> None:
    """The SMT-LIB assertions say exactly what the translated record says, assertion by assertion.

    The counts and the declared symbols with their sorts must agree, and each recorded assertion
    must be identical to, or proved equivalent to, its translated counterpart (unsat of ``a != t``
    under a time limit; no answer is a failure). Equivalence of each conjunct makes the conjunctions
    equisatisfiable with the same models, so sat/unsat of the text is sat/unsat of the record. (The
    whole query must not be compared as one formula: every proved negation is equivalent to false.)
    """
    import z3

    unfaithful = f"the {what} SMT-LIB text does not encode the recorded hypotheses and conclusion"
    if len(parsed) == len(expected) - 1 and z3.is_true(expected[-1]):
        parsed = parsed + [z3.BoolVal(True)]    # Z3's to_smt2 leaves out a last assertion that is `true`
    if len(parsed) != len(expected):
        raise ValueError(f"{unfaithful}: {len(parsed)} assertion(s) for {len(expected)} recorded")
    got, want = _constants(z3, parsed), _constants(z3, expected)
    if got != want:
        differ = sorted(n for n in set(got) | set(want) if got.get(n) != want.get(n))
        raise ValueError(f"{unfaithful}: symbols or sorts differ ({', '.join(differ[:5])})")
    for index, (a, t) in enumerate(zip(parsed, expected), 1):
        if a.eq(t) or z3.simplify(a).eq(z3.simplify(t)):
            continue
        solver = _z3_solver(z3, EQUIVALENCE_SECONDS)
        solver.add(a != t)
        answer = solver.check()
        if answer != z3.unsat:
            why = "is not equivalent to" if answer == z3.sat else "could not be shown equivalent to"
            raise ValueError(f"{unfaithful}: assertion {index} {why} the recorded relation")


def check_z3(record: dict, verdict: str, cex: dict | None) -> tuple[bool, str]:
    import z3

    if record.get("kind") != "implication":
        return False, "no implication record"
    translate = Translator(record["integer_symbols"])
    hyps = [translate(_decode(h, "hypothesis")) for h in record["hypotheses"]]
    hyp_formulas = _parse_smtlib(z3, record.get("smtlib_hypotheses"), "hypotheses")
    _same_formulas(hyp_formulas, hyps, "hypotheses")
    solver = _z3_solver(z3)
    solver.add(*hyp_formulas)
    answer = solver.check()
    if verdict == "vacuous":
        return (True, "hypotheses unsat (vacuous), as recorded") if answer == z3.unsat else (
            False, f"hypotheses are {answer}, not unsat as the vacuity verdict says")
    if answer != z3.sat:
        return False, f"hypotheses are {answer}: the claim would be vacuous"
    goal = translate(_decode(record["conclusion"], "conclusion"))
    formulas = _parse_smtlib(z3, record.get("smtlib"), "negated claim")
    _same_formulas(formulas, hyps + [z3.Not(goal)], "negated claim")
    solver = _z3_solver(z3)
    solver.add(*formulas)
    answer = solver.check()
    if verdict == "proved":
        return (True, "negation unsat, hypotheses sat") if answer == z3.unsat else (
            False, f"negation is {answer}, not unsat")
    if answer != z3.sat:
        return False, f"negation is {answer}, but a refutation needs sat"
    return _check_model(z3, formulas, (cex or {}).get("model"))


def _check_model(z3: Any, formulas: list, model: Any) -> tuple[bool, str]:
    """Substitute the recorded model into the negated claim: it must come out true."""
    if not isinstance(model, dict):
        return False, "a refutation without a model"
    consts: dict[str, Any] = {}
    for f in formulas:
        for v in z3.z3util.get_vars(f):
            consts[str(v)] = v
    pairs, approximate = [], []
    for name, text in model.items():
        if name == "/0":                        # Z3's interpretation of division by zero, not a constant:
            continue                            # unused, so a division by zero cannot come out true below
        if name not in consts or not isinstance(text, str):
            return False, f"the model names {name!r}, which the query does not declare"
        if not re.fullmatch(r"-?\d{1,400}(/\d{1,400})?", text):
            approximate.append(name)            # algebraic numbers are recorded as decimals
            continue
        value = Fraction(text)
        if consts[name].sort() == z3.IntSort():
            if value.denominator != 1:
                return False, f"integer {name} has the value {text}"
            pairs.append((consts[name], z3.IntVal(value.numerator)))
        else:
            pairs.append((consts[name], z3.RealVal(value.numerator) / z3.RealVal(value.denominator)))
    values = [z3.simplify(z3.substitute(f, *pairs)) if pairs else z3.simplify(f) for f in formulas]
    if any(z3.is_false(v) for v in values):
        return False, "the recorded model does not satisfy the negated claim"
    if all(z3.is_true(v) for v in values):
        return True, "negation sat; the recorded model satisfies it exactly"
    if "/0" in model:       # re-solving could pick values for a division by zero that real arithmetic lacks
        return False, "the recorded model gives division by zero a value and does not settle the claim exactly"
    solver = _z3_solver(z3)
    solver.add(*values)
    if solver.check() != z3.sat:
        return False, "the recorded model cannot be extended to satisfy the negated claim"
    return True, ("negation sat; the recorded model satisfies it"
                  + (f" ({', '.join(approximate)} given as decimals, checked by re-solving)" if approximate else ""))


def _cvc5_available() -> bool:
    try:
        import cvc5  # noqa: F401
    except ImportError:
        return False
    return True


def cvc5_answer(text: str, seconds: float = 0) -> str:
    import cvc5

    screen_smtlib(text)
    tm = cvc5.TermManager()
    solver = cvc5.Solver(tm)
    solver.setLogic("ALL")
    solver.setOption("nl-cov", "true")   # complete for nonlinear real arithmetic (CAD coverings)
    if seconds:
        solver.setOption("tlimit-per", str(int(seconds * 1000)))
    symbols = cvc5.SymbolManager(tm)
    parser = cvc5.InputParser(solver, symbols)
    parser.setStringInput(cvc5.InputLanguage.SMT_LIB_2_6, text, "certificate")
    answer = "no check-sat"
    while True:
        command = parser.nextCommand()
        if command.isNull():
            return answer
        output = command.invoke(solver, symbols).strip()
        if command.getCommandName() == "check-sat":
            answer = output


# per cvc5 query (--cvc5-seconds), under the per-check limit; no answer within it is a note, not a failure
CVC5_SECONDS = 5.0


def _cvc5_bounded(text: str, seconds: float) -> str:
    """cvc5's answer from a forked child killed after ``seconds`` (cvc5's tlimit-per is not always
    honoured, e.g. inside nonlinear coverings); a kill, crash or odd output is 'no answer'."""
    screen_smtlib(text)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:                                          # child: answer, write, leave without cleanup
        os.close(read_end)
        try:
            answer = cvc5_answer(text, seconds)
        except BaseException as exc:  # noqa: BLE001 - reported as no answer
            answer = f"error {type(exc).__name__}"
        os.write(write_end, answer.encode()[:200])
        os._exit(0)
    os.close(write_end)
    try:
        import select

        ready, _, _ = select.select([read_end], [], [], seconds + 2)
        return os.read(read_end, 256).decode(errors="replace").strip() if ready else "timeout"
    finally:
        os.close(read_end)
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)


def check_cvc5(record: dict, verdict: str, seconds: float | None = None) -> tuple[bool | None, str]:
    """The same queries through cvc5; a definite contrary answer is a disagreement (failure)."""
    wanted = [("smtlib_hypotheses", "unsat" if verdict == "vacuous" else "sat")]
    if verdict != "vacuous":
        wanted.append(("smtlib", "unsat" if verdict == "proved" else "sat"))
    said = []
    for key, expected in wanted:
        answer = _cvc5_bounded(record[key], CVC5_SECONDS if seconds is None else seconds)
        if answer in ("sat", "unsat") and answer != expected:
            return False, f"cvc5 says {answer} on {key} where z3 said {expected}: the solvers disagree"
        if answer != expected:
            return None, f"cvc5 gave no definite answer on {key} ({answer or 'unknown'}); z3's stands alone"
        said.append(f"{key} {answer}")
    return True, "cvc5 agrees: " + ", ".join(said)


# ----------------------------------------------------------------------------- command line


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", metavar="DIR", help="a directory written by `proofs check --out DIR`")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"time limit per re-check in seconds (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"address-space limit per re-check (default {DEFAULT_MEMORY_MB})")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="re-checks run at once (default: the number of CPUs)")
    p.add_argument("--cvc5-seconds", type=float, default=CVC5_SECONDS, metavar="S",
                   help=f"limit per cvc5 query; no answer is a note (default {CVC5_SECONDS:g})")
    p.add_argument("--no-cvc5", action="store_true", help="do not repeat SMT-LIB queries with cvc5")
    p.add_argument("--verbose", "-v", action="store_true", help="print what was re-checked for every node")


def run(args: argparse.Namespace) -> int:
    try:
        result = verify(args.directory, timeout=args.timeout, memory_mb=args.memory, use_cvc5=not args.no_cvc5,
                        jobs=args.jobs, log=print if args.verbose else (lambda line: None),
                        cvc5_seconds=args.cvc5_seconds)
    except Unreadable as exc:
        print(f"error: {exc}\n  hint: pass the directory given to `proofs check --out`", file=sys.stderr)
        return 2
    for node, reason in result.failures:
        print(f"FAIL  {node}: {reason}")
    counts: dict[str, int] = {}
    for status in result.statuses.values():
        counts[status] = counts.get(status, 0) + 1
    tally = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    if result.failures:
        failed = len({n for n, _ in result.failures})
        print(f"{failed} certificate(s) failed; {len(result.statuses)} re-checked ({tally})")
        return 1
    cvc5 = "" if args.no_cvc5 or not _cvc5_available() else ", with cvc5"
    print(f"all {len(result.statuses)} certificates re-check ({tally}{cvc5}); "
          f"manifest {result.manifest_hash}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m certificates.verify",
                                     description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
