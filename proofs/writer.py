"""Write a run's certificates, manifest and run summary into ``--out DIR``, atomically.

Layout (the names users see are fixed symlinks into one generation directory)::

    DIR/manifest.json     -> current/manifest.json
    DIR/run.json          -> current/run.json
    DIR/certificates      -> current/certificates
    DIR/current           -> .gen-XXXX       (swapped by one rename)
    DIR/.gen-XXXX/        one complete set: certificates/*.json, manifest.json, run.json

A new set is written into a fresh ``.gen-*`` directory and fsynced; then a
symlink to it is renamed over ``DIR/current``. ``rename(2)`` is atomic, so a
run killed at any instant (even ``kill -9``) leaves ``current`` pointing at the
previous complete set or at the new one. Leftover generations are removed by
the next writer. A lock file keeps two writers from cleaning up each other's work.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from certificates.canonical import digest, jsonable

CERTIFICATE_FORMAT = "proofs-certificate/1"
MANIFEST_FORMAT = "proofs-manifest/1"
UNHASHED = ("hash", "run")              # certificate members outside the hash
MANIFEST_UNHASHED = ("hash", "files", "run")
LINKS = ("manifest.json", "run.json", "certificates")
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "certificates" / "schema.json"


# ----------------------------------------------------------------------------- content


def file_name(node_id: str, taken: set[str]) -> str:
    """``lemma:3.1`` -> ``lemma_3.1.json``; other unsafe characters become ``_``; unique."""
    stem = re.sub(r"[^A-Za-z0-9._~-]", "_", node_id.replace(":", "_")).lstrip(".") or "node"
    name = f"{stem}.json"
    if name.lower() in taken:
        name = f"{stem}~{digest(node_id)[:8]}.json"
    taken.add(name.lower())
    return name


def certificate(result: Any, dep_hashes: dict[str, str], backend_versions: dict) -> dict[str, Any]:
    """The hashed content of one node's certificate (plus its unhashed ``run`` member)."""
    from proofs.kernel import json_data

    node = result.node
    obligations = [dict(jsonable({
        "name": o.name,
        "backend": o.backend,
        "backend_version": o.outcome.backend_version or backend_versions.get(o.backend),
        "claim": o.claim,
        "dims": list(o.dims),
        "dims_from": o.dims_from,
        "seed": o.seed,
        "verdict": o.outcome.verdict.value,
        "kernel": o.kernel or "accepted",
        "clause": o.clause,
    }), message=json_data(o.outcome.message), record=json_data(o.outcome.record),   # the bulk: converted
        counterexample=json_data(o.outcome.counterexample)) for o in result.obligations]  # only if it is not JSON
    cert = jsonable({
        "format": CERTIFICATE_FORMAT,
        "node": node.id,
        "kind": node.kind.value,
        "title": node.title,
        "statement": node.statement,
        "printed": node.printed,
        "corrects": node.corrects,
        "reference": node.reference,
        "hypotheses": list(node.hypotheses),
        "cited_hypotheses": {k: dict(v) for k, v in node.cited_hypotheses.items()},
        "note": node.note,
        "dependencies": [{"id": d, "hash": dep_hashes[d]} for d in node.deps],
        "status": result.status.value,
        "reason": result.reason,
        "dims": sorted({d for o in result.obligations for d in o.dims}),
        "disagreement": bool(result.disagreement),
        "expect": node.expect,
        "clauses": [{"id": c.id, "text": c.text} for c in node.clauses],
        "accepted": bool(result.accepted),
        "trusted_backends": list(result.trusted_backends),
        "backends": {b: backend_versions.get(b) for b in sorted({o.backend for o in result.obligations})},
        "obligations": [],
    })
    cert["obligations"] = obligations
    cert["hash"] = digest(cert)
    return cert


def build(run: Any) -> tuple[dict[str, dict], dict[str, Any]]:
    """All certificates (node id -> certificate) and the manifest, in checking order."""
    versions = dict(run.backend_versions)
    hashes: dict[str, str] = {}
    certs: dict[str, dict] = {}
    taken: set[str] = set()
    entries = []
    for node_id in run.order:                       # topological: dependencies come first
        result = run.results[node_id]
        cert = certificate(result, hashes, versions)
        cert["run"] = jsonable({
            "seconds": round(result.seconds, 4),
            "source": result.node.source,
            "timeout": run.timeout,
            "profile": run.profile,
            "obligations": [{"name": o.name, "seconds": round(o.outcome.seconds, 4)}
                            for o in result.obligations],
        })
        hashes[node_id] = cert["hash"]
        certs[node_id] = cert
        entries.append({"node": node_id, "file": "certificates/" + file_name(node_id, taken),
                        "hash": cert["hash"]})
    edges = sorted({(d, n) for n in run.order for d in run.results[n].node.deps if d in certs})
    manifest = jsonable({
        "format": MANIFEST_FORMAT,
        "development": run.development.name,
        "title": run.development.title,
        "backends": versions,
        "certificates": entries,
        "edges": [list(e) for e in edges],
    })
    manifest["hash"] = digest(manifest)
    return certs, manifest


def validate_schema(certs: dict[str, dict], manifest: dict) -> None:
    """Refuse to write a set the shipped schema rejects (a bug, reported with the node)."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text())
    cert_validator = jsonschema.Draft202012Validator(schema)
    for node_id, cert in certs.items():
        error = jsonschema.exceptions.best_match(cert_validator.iter_errors(cert))
        if error is not None:
            raise ValueError(f"node {node_id}: certificate does not match schema.json at "
                             f"{'/'.join(map(str, error.absolute_path))}: {error.message}")
    manifest_schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/manifest"}
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(manifest_schema).iter_errors(dict(manifest, files={})))
    if error is not None:
        raise ValueError(f"manifest does not match schema.json: {error.message}")


# ----------------------------------------------------------------------------- writing


def write_certificates(run: Any, out_dir: str | os.PathLike) -> dict[str, str]:
    """Write DIR/certificates/*.json, DIR/manifest.json and DIR/run.json as one atomic set.

    Returns node id -> certificate path relative to DIR.
    """
    from certificates.collector import young_collections_only
    from proofs.errors import ProofsError
    from proofs.summary import run_summary

    out = Path(out_dir)
    with young_collections_only():            # the certificates are a heap as large as the run's records
        certs, manifest = build(run)
        texts = {node_id: _json_bytes(cert, sort_keys=True) for node_id, cert in certs.items()}
        digests = {node_id: _sha256(text) for node_id, text in texts.items()}
        schema = _sha256(SCHEMA_PATH.read_bytes())
        accepted = schema_accepted(out, schema)
        try:
            validate_schema({n: c for n, c in certs.items() if digests[n] not in accepted}, manifest)
        except ValueError as exc:
            raise ProofsError(f"internal error while writing certificates: {exc}") from None
    paths = {e["node"]: e["file"] for e in manifest["certificates"]}
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            _write_set(out, texts, digests, manifest, paths, run, run_summary)
            _remember_accepted(out, schema, sorted(set(digests.values())))
    except OSError as exc:
        raise ProofsError(f"cannot write certificates into {out}: {exc.strerror or exc}",
                          hint="check that the --out directory is writable and the disk has space") from None
    return paths


# The schema's check of a certificate depends on its text and the schema only: DIR/.schema-checked keeps the
# sha256 of the certificate texts of the current set (all accepted by the schema whose sha256 it names),
# under an HMAC of the kernel's secret key (certificates.memo), so that a warm re-check, whose certificates
# are the same texts, does not validate them again (0.7 s for the paper). A text not listed, another schema,
# or a record that does not authenticate: validated as always.
SCHEMA_CHECKED = ".schema-checked"


def schema_accepted(out: Path, schema: str) -> set[str]:
    """The sha256 of the certificate texts in ``out`` that the schema with sha256 ``schema`` accepted."""
    import hmac

    from certificates.memo import authenticate

    try:
        kept = json.loads((out / SCHEMA_CHECKED).read_text(encoding="utf-8"))
        texts = kept["certificates"]
        if kept.get("schema") != schema or not isinstance(texts, list) or \
                not all(isinstance(t, str) for t in texts):
            return set()
        if not hmac.compare_digest(str(kept.get("mac")), authenticate(SCHEMA_CHECKED + schema, texts)):
            return set()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return set()
    return set(texts)


def _remember_accepted(out: Path, schema: str, texts: list[str]) -> None:
    """After the set is committed; failing to remember only costs a validation next time."""
    from certificates.memo import authenticate

    tmp = out / f"{SCHEMA_CHECKED}.{os.getpid()}.part"
    try:
        tmp.write_text(json.dumps({"schema": schema, "certificates": texts,
                                   "mac": authenticate(SCHEMA_CHECKED + schema, texts)}), encoding="utf-8")
        os.replace(tmp, out / SCHEMA_CHECKED)
    except OSError:
        tmp.unlink(missing_ok=True)


def _write_set(out: Path, texts: dict, digests: dict, manifest: dict, paths: dict, run: Any,
               run_summary) -> None:
    _remove_stale(out)
    stage = Path(tempfile.mkdtemp(prefix=".gen-", dir=out))
    os.chmod(stage, 0o755)
    (stage / "certificates").mkdir()
    files = {}
    for node_id, data in texts.items():
        _write_file(stage / paths[node_id], data)
        files[paths[node_id]] = digests[node_id]
    manifest = dict(manifest, files=files, run=jsonable({
        "seed": run.seed, "profile": run.profile, "timeout": run.timeout, "seconds": round(run.seconds, 3),
    }))
    _write_file(stage / "manifest.json", _json_bytes(manifest))
    summary = run_summary(run, paths)
    summary["manifest"] = {"file": "manifest.json", "hash": manifest["hash"]}
    _write_file(stage / "run.json", _json_bytes(jsonable(summary)))
    _fsync_dir(stage / "certificates")
    _fsync_dir(stage)
    for name in LINKS:               # fixed links into `current`; dangling until the first swap
        _ensure_link(out / name, os.path.join("current", name))
    _ensure_link(out / "current", stage.name)   # the commit point
    _fsync_dir(out)
    _remove_stale(out)


def _json_bytes(value: Any, sort_keys: bool = False) -> bytes:
    """Indented UTF-8 JSON and a newline. orjson writes the paper's 31 MB of certificates 20 times faster
    than the json module (whose C encoder does not indent: 2 s of every run); the json module is the
    fallback for what orjson refuses (an integer beyond 64 bits)."""
    try:
        import orjson

        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                            | (orjson.OPT_SORT_KEYS if sort_keys else 0))
    except (ImportError, TypeError):        # orjson.JSONEncodeError is a TypeError
        return (json.dumps(value, indent=2, sort_keys=sort_keys, ensure_ascii=False) + "\n").encode("utf-8")


def _sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ensure_link(path: Path, target: str) -> None:
    """Make ``path`` a symlink to ``target``; the swap itself is a single rename."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.exists() and not path.is_symlink():
        _move_aside(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def _move_aside(path: Path) -> None:
    """A real file or directory where a link belongs (an older layout): move it into a stale generation."""
    aside = Path(tempfile.mkdtemp(prefix=".gen-old-", dir=path.parent))
    os.replace(path, aside / path.name)


def _remove_stale(out: Path) -> None:
    """Delete generations other than the current one, and temporary links of dead writers."""
    current = os.readlink(out / "current") if (out / "current").is_symlink() else None
    for entry in out.iterdir():
        if entry.name.startswith(".gen-") and entry.name != current and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(".") and entry.name.endswith(".tmp") and entry.is_symlink():
            entry.unlink(missing_ok=True)
        elif entry.name.startswith(SCHEMA_CHECKED + ".") and entry.name.endswith(".part"):
            entry.unlink(missing_ok=True)     # left by a writer that died


class _locked:
    """An exclusive ``flock`` on DIR/.lock for the duration of one write (released on kill)."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".lock"
        self.fd = -1

    def __enter__(self) -> _locked:
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
