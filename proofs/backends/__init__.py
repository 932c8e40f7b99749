"""Backends behind one small protocol, and their registry.

A backend turns an :class:`~proofs.model.Obligation` into an
:class:`~proofs.model.Outcome`; nothing else may decide that a claim holds.
A backend whose library is missing reports ``unavailable`` instead of crashing.
"""
from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..model import Obligation, Outcome

FORMAL_BACKENDS = ("sympy", "z3")


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
    _REGISTRY[backend.name] = backend
    return backend


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
        _REGISTRY.setdefault(backend.name, backend)
