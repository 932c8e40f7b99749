"""The kernel's memory of its own re-checks, so a warm ``check`` need not repeat them.

An entry says: "these re-checks of exactly this input gave exactly these answers". Its key is the sha256 of
everything a re-check reads (the obligation's verdict, record and counterexample, the node's dependencies,
the records it uses, whether cvc5 ran) and of the kernel itself (its source and the solvers' versions); the
entry carries an HMAC under a secret that only the kernel reads (``$XDG_CONFIG_HOME/proofs/kernel.key``,
else ``~/.config/proofs/kernel.key``, created with mode 0600). An entry that does not authenticate is
ignored and overwritten, never used: editing the memo (or the cache beside it) cannot make anything pass.
Only definite answers are remembered (no time-outs). ``verify`` never reads the memo: it always re-checks.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from .canonical import canonical_json, digest

FORMAT = "proofs-kernel-memo/1"


@functools.lru_cache(maxsize=1)
def kernel_fingerprint() -> str:
    """The kernel's own source and the versions of the solvers it runs."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for module in ("sympy", "z3", "cvc5"):
        try:
            from importlib.metadata import version

            h.update(f"{module}={version(module if module != 'z3' else 'z3-solver')}".encode())
        except Exception:  # noqa: BLE001 - an absent solver is part of the fingerprint too
            h.update(f"{module}=absent".encode())
    return h.hexdigest()


def secret() -> bytes:
    """The kernel's secret key (created on first use): it authenticates the memo and the result cache."""
    return _secret()


def authenticate(key: str, content: Any) -> str:
    """HMAC-SHA256 of ``key`` and the canonical JSON of ``content`` under :func:`secret`."""
    return hmac.new(secret(), (key + canonical_json(content)).encode(), hashlib.sha256).hexdigest()


def _secret() -> bytes:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "proofs"
    path = base / "kernel.key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        base.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:          # another run made it first
            return path.read_bytes()
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        return path.read_bytes()


class Memo:
    """Answers of re-checks, one authenticated JSON file per key, under ``directory``."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.directory = Path(directory)
        self.secret = _secret()
        self.hits = 0

    def key(self, material: Any) -> str:
        return digest({"format": FORMAT, "kernel": kernel_fingerprint(), "input": material})

    def _mac(self, key: str, answers: Any) -> str:
        return hmac.new(self.secret, (key + canonical_json(answers)).encode(), hashlib.sha256).hexdigest()

    def get(self, key: str) -> list | None:
        try:
            entry = json.loads((self.directory / f"{key}.json").read_text())
            answers, mac = entry["answers"], entry["mac"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(answers, list) or not hmac.compare_digest(str(mac), self._mac(key, answers)):
            return None
        self.hits += 1
        return answers

    def put(self, key: str, answers: list) -> None:
        """Remember; failing to (a read-only or full disk) only costs a re-check later."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = self.directory / f".{key}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps({"answers": answers, "mac": self._mac(key, answers)}))
            os.replace(tmp, self.directory / f"{key}.json")
        except (OSError, TypeError, ValueError):
            return
