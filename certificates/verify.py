"""Re-check a certificate directory written by ``proofs check --out DIR``, independently.

    python -m certificates.verify DIR      (or: python -m proofs verify DIR)

Trusts only SymPy, Z3 (and cvc5 when installed), jsonschema and the kernel (this package), which imports
nothing of the engine or of any development. Certificate text is data: never evaluated as code (no
eval/exec, no sympify/parse_expr of strings, no pickle). SMT-LIB text is screened before a solver reads it.

What is checked, in order:
  1. manifest: schema, its own hash, the file digest of every certificate;
  2. each certificate: schema, hash (sha256 of canonical JSON without 'hash' and 'run'), dependencies
     present with the hashes of their certificates (a Merkle chain), edges equal to the manifest's, no cycle;
  3. every obligation, by the kernel's judge (:mod:`certificates.judge`), the same code that decides for
     ``check``; each SMT-LIB query is repeated with cvc5 when it is installed;
  4. each node's recorded status is the one the kernel derives.

Exit codes (as for ``check``): 0 every certificate re-checks and the run is accepted; 1 something is wrong
(a certificate that does not re-check, or a refutation or failure the run does not accept); 2 the
directory cannot be read or the usage is wrong; 3 incomplete (a re-check gave no answer in time or an
obligation is unknown; nothing wrong found).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cvc5_check, rules
from .arguments import positive_count, positive_seconds
from .canonical import digest
from .cvc5_check import CVC5_SECONDS
from .rules import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT

MAX_FILE_BYTES = 32 * 2 ** 20
SCHEMA_PATH = Path(__file__).with_name("schema.json")


class Unreadable(Exception):
    """The input is not a certificate directory at all (exit 2)."""


@dataclass
class Result:
    failures: list[tuple[str, str]] = field(default_factory=list)   # (node or file, reason)
    incomplete: list[tuple[str, str]] = field(default_factory=list)  # (node, why it could not be decided)
    notes: dict[str, list[str]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    manifest_hash: str = ""
    exit_code: int = 0

    def fail(self, node: str, reason: str) -> None:
        self.failures.append((node, reason))

    def failed(self, node: str) -> bool:
        return any(n == node for n, _ in self.failures)


# ----------------------------------------------------------------------------- reading and hashing


def canonical_hash(data: Any, leave_out: tuple[str, ...]) -> str:
    """sha256 of the canonical JSON of ``data`` without the members ``leave_out``."""
    return digest({k: v for k, v in data.items() if k not in leave_out})


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


def verify(directory: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT,
           memory_mb: int = DEFAULT_MEMORY_MB, use_cvc5: bool = True, jobs: int | None = None,
           log: Callable[[str], None] = lambda line: None, cvc5_seconds: float | None = None,
           progress: Callable[[int, int], None] | None = None, executor: str | None = None) -> Result:
    """Re-check everything under ``directory``; raises :class:`Unreadable` for unusable input."""
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
        out.exit_code = rules.EXIT_WRONG
        return out
    out.manifest_hash = manifest["hash"]
    if canonical_hash(manifest, ("hash", "files", "run")) != manifest["hash"]:
        out.fail("manifest", "its hash does not match its content")
    certs = _load_certificates(root, manifest, out)
    order = _check_graph(manifest, certs, out)
    from .judge import judge  # the solvers are loaded only when there is something to re-check

    usable = [n for n in order if n in certs and not out.failed(n)]
    nodes = [_judge_input(certs[n]) for n in usable]
    verdict = judge(nodes, jobs=jobs, timeout=timeout, memory_mb=memory_mb, cvc5=use_cvc5,
                    cvc5_seconds=cvc5_seconds, progress=progress, executor=executor)
    for node in usable:
        _compare(certs[node], verdict["nodes"][node], certs, out, log)
    if out.failures:
        out.exit_code = rules.EXIT_WRONG
    elif out.incomplete:
        out.exit_code = rules.EXIT_INCOMPLETE
    else:
        out.exit_code = verdict["exit_code"]
    return out


def _judge_input(cert: dict) -> dict:
    """A certificate as the judge reads a node (the same shape ``check`` sends it)."""
    seconds = {o.get("name"): o.get("seconds") for o in (cert.get("run") or {}).get("obligations") or []
               if isinstance(o, dict)}
    return {"id": cert["node"], "kind": cert["kind"], "deps": [d["id"] for d in cert["dependencies"]],
            "printed": cert["printed"], "corrects": cert["corrects"], "expect": cert.get("expect"),
            "built": bool(cert["obligations"]) or cert["kind"] in rules.ASSUMED_KINDS,
            "clauses": cert.get("clauses") or [],
            "obligations": [{**{k: ob[k] for k in ("name", "backend", "verdict", "message", "record",
                                                   "counterexample")}, "clause": ob.get("clause", ""),
                                "seconds": seconds.get(ob["name"])}
                            for ob in cert["obligations"]]}


def _compare(cert: dict, kernel: dict, certs: dict, out: Result, log: Callable[[str], None]) -> None:
    """The recorded status must be the kernel's; a difference that only an unanswered re-check explains is
    incomplete, not wrong."""
    node = cert["node"]
    bad_deps = [d["id"] for d in cert["dependencies"] if out.failed(d["id"])]
    if bad_deps:
        out.fail(node, f"depends on {', '.join(bad_deps)}, whose certificate failed")
        return
    notes = out.notes.setdefault(node, [])
    for ob in kernel["obligations"]:
        notes.extend(f"obligation {ob['name']!r} ({ob['backend']}): {n}" for n in ob["notes"])
    if kernel["status"] != cert["status"]:
        unanswered = [o for o in kernel["obligations"] if o["kernel"] == "unconfirmed"]
        rejected = [o for o in kernel["obligations"] if o["kernel"] == "rejected"]
        open_nodes = {n for n, _ in out.incomplete}
        open_deps = [d["id"] for d in cert["dependencies"] if d["id"] in open_nodes]
        if rejected:
            o = rejected[0]
            out.fail(node, f"obligation {o['name']!r} ({o['backend']}): {o['message']}")
        elif unanswered:
            out.incomplete.append((node, f"obligation {unanswered[0]['name']!r}: {unanswered[0]['message']}"))
        elif open_deps:             # its status rests on a dependency that could not be re-checked in time
            out.incomplete.append((node, f"depends on {', '.join(open_deps)}, which could not be re-checked"))
        elif any(ob.get("kernel") == "unconfirmed" for ob in cert["obligations"]):
            # check's kernel ran out of time and said so; given more, it decides now: a stale, honest record
            out.incomplete.append((node, f"recorded {cert['status']!r} because a re-check timed out in check; "
                                         f"it re-checks now as {kernel['status']!r}: run check again"))
        else:
            out.fail(node, f"status {cert['status']!r} does not follow from its obligations and "
                           f"dependencies (the kernel derives {kernel['status']!r}: {kernel['reason']})")
        return
    out.statuses[node] = cert["status"]
    log(f"ok    {node}  {cert['status']}  ({len(cert['obligations'])} obligation(s))")
    for note in notes:
        log(f"        {note}")


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
        names = [ob["name"] for ob in cert["obligations"]]
        if len(set(names)) != len(names):
            out.fail(node, f"{rel} names an obligation twice")
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


# ----------------------------------------------------------------------------- command line


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", metavar="DIR", help="a directory written by `proofs check --out DIR`")
    p.add_argument("--timeout", type=positive_seconds, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"time limit per re-check in seconds (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--memory", type=positive_count, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"address-space limit per re-check (default {DEFAULT_MEMORY_MB})")
    p.add_argument("--jobs", "-j", type=positive_count, default=None, metavar="N",
                   help="re-checks run at once (default: the number of CPUs)")
    p.add_argument("--cvc5-seconds", type=positive_seconds, default=CVC5_SECONDS, metavar="S",
                   help=f"limit per cvc5 query; no answer is a note (default {CVC5_SECONDS:g})")
    p.add_argument("--no-cvc5", action="store_true", help="do not repeat SMT-LIB queries with cvc5")
    p.add_argument("--executor", default="local", metavar="E",
                   help="where re-checks run: local (default), dask (a local Dask cluster) or dask://HOST:PORT "
                        "(an existing scheduler; needs pip install '.[dask]')")
    p.add_argument("--verbose", "-v", action="store_true", help="print what was re-checked for every node")


def run(args: argparse.Namespace) -> int:
    from .pool import executor_named

    try:
        executor_named(args.executor)   # usable (the extra installed, the scheduler reachable) before anything
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return rules.EXIT_USAGE
    try:
        result = verify(args.directory, timeout=args.timeout, memory_mb=args.memory, use_cvc5=not args.no_cvc5,
                        jobs=args.jobs, log=print if args.verbose else (lambda line: None),
                        cvc5_seconds=args.cvc5_seconds, progress=_progress_printer(), executor=args.executor)
    except Unreadable as exc:
        print(f"error: {exc}\n  hint: pass the directory given to `proofs check --out`", file=sys.stderr)
        return rules.EXIT_USAGE
    for node, reason in result.failures:
        print(f"FAIL  {node}: {reason}")
    for node, reason in result.incomplete:
        print(f"OPEN  {node}: {reason}")
    counts: dict[str, int] = {}
    for status in result.statuses.values():
        counts[status] = counts.get(status, 0) + 1
    tally = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    if result.failures:
        failed = len({n for n, _ in result.failures})
        print(f"{failed} certificate(s) failed; {len(result.statuses)} re-checked ({tally})")
    elif result.incomplete:
        print(f"incomplete: {len(result.incomplete)} node(s) could not be decided in time; "
              f"{len(result.statuses)} re-checked ({tally}); raise --timeout to allow more")
    else:
        cvc5 = "" if args.no_cvc5 or not cvc5_check.available() else ", with cvc5"
        verdict = {0: "the run is accepted", 1: "the run is not accepted",
                   3: "the run is incomplete"}[result.exit_code]
        print(f"all {len(result.statuses)} certificates re-check ({tally}{cvc5}); {verdict}; "
              f"manifest {result.manifest_hash}")
    return result.exit_code


def _progress_printer() -> Callable[[int, int], None]:
    """Re-check progress on stderr: a line that rewrites itself on a terminal, a line per tenth otherwise."""
    tty = sys.stderr.isatty()
    last = [-1]

    def show(done: int, total: int) -> None:
        if total == 0:
            return
        tenth = done * 10 // total
        if tty:
            print(f"\rre-checking {done}/{total} obligations", end="\n" if done == total else "",
                  file=sys.stderr, flush=True)
        elif tenth != last[0]:
            last[0] = tenth
            print(f"re-checking: {done}/{total}", file=sys.stderr, flush=True)
    return show


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m certificates.verify",
                                     description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
