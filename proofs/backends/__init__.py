"""Backends behind one small protocol, and their registry.

A backend turns an :class:`~proofs.model.Obligation` into an
:class:`~proofs.model.Outcome`; nothing else may decide that a claim holds.
A backend whose library is missing reports ``unavailable`` instead of crashing.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from certificates.rules import BUILTIN_BACKENDS as BUILTIN  # the kernel names them, once
from certificates.rules import FORMAL_BUILTIN as FORMAL_BACKENDS  # noqa: F401  (re-exported)

from ..model import Obligation, Outcome


@runtime_checkable
class Backend(Protocol):
    name: str

    def version(self) -> str | None:
        """Library version, or None when the backend cannot run here."""

    def discharge(self, obligation: Obligation, *, timeout: float, seed: int,
                  profile: str) -> Outcome:
        """Decide one obligation within ``timeout`` seconds."""


_REGISTRY: dict[str, Backend] = {}


def register(backend: Backend) -> Backend:
    """Add a development's own backend. Its answers cannot be re-checked by the kernel: a node it proves is
    reported as resting on it. A built-in name, or a name registered already, cannot be taken."""
    name = getattr(backend, "name", None)
    if not isinstance(name, str) or not name:
        raise _error(f"a backend needs a non-empty string name, not {name!r}")
    if name in BUILTIN or name in _REGISTRY:
        what = "a built-in backend" if name in BUILTIN else "registered already"
        raise _error(f"backend {name!r} is {what} and cannot be registered again",
                     hint="give the development's backend a name of its own")
    if not callable(getattr(backend, "discharge", None)) or not callable(getattr(backend, "version", None)):
        raise _error(f"backend {name!r} needs discharge() and version() methods")
    _load_builtin()
    _REGISTRY[name] = backend
    return backend


def _error(message: str, hint: str = "") -> Exception:
    """A usage error pointing at the development's line that called :func:`register`."""
    import inspect

    from ..errors import ProofsError

    caller = next((f for f in inspect.stack()[2:] if not f.filename.endswith("backends/__init__.py")), None)
    where = f"{caller.filename}:{caller.lineno}" if caller else ""
    return ProofsError(message, where=where, hint=hint)


def get(name: str) -> Backend:
    _load_builtin()
    return _REGISTRY[name]


def names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def versions() -> dict[str, str | None]:
    _load_builtin()
    return {name: backend.version() for name, backend in sorted(_REGISTRY.items())}


_BUILTIN_LOADED = False


def _load_builtin() -> None:
    global _BUILTIN_LOADED
    if _BUILTIN_LOADED:  # not `if _REGISTRY`: a backend registered first must not hide the built-in ones
        return
    _BUILTIN_LOADED = True
    from . import numeric_backend, sympy_backend, z3_backend

    for backend in (sympy_backend.SympyBackend(), z3_backend.Z3Backend(), numeric_backend.NumericBackend()):
        _REGISTRY[backend.name] = backend      # register() refuses these names: nothing can stand in for them
