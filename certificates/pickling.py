"""Pickling that keeps a SymPy term as it stands when it crosses to another process.

SymPy pickles a term as its class and arguments and rebuilds it by calling the class, which evaluates:
``x**2 >= 0`` with a real ``x``, kept unevaluated where a use of a dependency was instantiated (the
kernel's rule, :data:`certificates.serialize.UNEVALUATED_TYPES`), would arrive on a Dask worker as
``True``, and the certificate written there would no longer hold the instance the kernel re-derives. A
relation and Max/Min are therefore rebuilt with ``evaluate=False``, as the kernel's decoder builds them.
A forked child of the local pool inherits its tasks and needs none of this; what travels by pickle does.
"""
from __future__ import annotations

import io
import pickle
from typing import Any

from .serialize import UNEVALUATED_TYPES


def _as_stated(func: Any, args: tuple) -> Any:
    return func(*args, evaluate=False)


def faithful(base: type) -> type:
    """A subclass of the pickler ``base`` (``pickle.Pickler``, ``cloudpickle.Pickler``) that rebuilds the
    terms SymPy would evaluate as they stand."""

    class Faithful(base):  # type: ignore[misc, valid-type]
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, UNEVALUATED_TYPES):
                return _as_stated, (obj.func, obj.args)
            parent = getattr(super(), "reducer_override", None)
            return parent(obj) if parent is not None else NotImplemented

    return Faithful


_Pickler = faithful(pickle.Pickler)


def dumps(obj: Any, pickler: type = _Pickler) -> bytes:
    """``obj`` pickled by ``pickler`` (a class from :func:`faithful`), at the highest protocol."""
    buffer = io.BytesIO()
    pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buffer.getvalue()
