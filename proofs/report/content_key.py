"""Reports keyed by the content they show, so that a warm re-check that changed nothing renders nothing.

The key is a hash of run.json without the facts of one run (its wall time, the kernel's time, what came from
the cache), of the certificates' hashes in the manifest, of the formats asked for and of the report code
itself. It is kept in ``DIR/.report-key`` beside the list of files it wrote; a missing file, another key or
an unreadable record means render again.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from certificates.canonical import canonical_json

KEY_FILE = ".report-key"
RUN_FACTS = ("seconds", "kernel_seconds", "kernel_rechecks", "kernel_remembered", "cached_obligations",
             "discharged_again")
OBLIGATION_RUN_FACTS = ("cached",)


def key(directory: Path, formats: tuple[str, ...]) -> str | None:
    """The content key of the reports of ``directory`` (None when run.json cannot be read)."""
    try:
        run = json.loads((directory / "run.json").read_text(encoding="utf-8"))
        manifest_file = directory / "manifest.json"
        manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    except (OSError, ValueError):
        return None
    if not isinstance(run, dict):
        return None
    content = {k: v for k, v in run.items() if k not in RUN_FACTS}
    for node in content.get("nodes") or []:
        for ob in (node.get("obligations") or []) if isinstance(node, dict) else []:
            if isinstance(ob, dict):
                for fact in OBLIGATION_RUN_FACTS:
                    ob.pop(fact, None)
    certificates = [c.get("hash") for c in manifest.get("certificates", []) if isinstance(c, dict)] \
        if isinstance(manifest, dict) else []
    digest = hashlib.sha256(canonical_json({"run": content, "certificates": certificates,
                                             "formats": sorted(formats)}).encode())
    digest.update(_code_digest())
    return digest.hexdigest()


def is_current(directory: Path, formats: tuple[str, ...]) -> bool:
    try:
        kept = json.loads((directory / KEY_FILE).read_text(encoding="utf-8"))
        files = [directory / f for f in kept["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return kept.get("key") == key(directory, formats) and all(f.is_file() for f in files)


def remember(directory: Path, formats: tuple[str, ...], written: list[Path]) -> None:
    value = key(directory, formats)
    if value is None:
        return
    files = sorted({str(Path(p).resolve().relative_to(directory.resolve())) for p in written})
    tmp = directory / (KEY_FILE + ".tmp")
    tmp.write_text(json.dumps({"key": value, "files": files}), encoding="utf-8")
    tmp.replace(directory / KEY_FILE)


def _code_digest() -> bytes:
    """The report code and templates: a change to how reports look renders them again."""
    here = Path(__file__).parent
    h = hashlib.sha256()
    for path in sorted(p for p in here.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".css", ".js")
                       and "vendor" not in p.parts):
        h.update(path.name.encode() + path.read_bytes())
    return h.digest()
