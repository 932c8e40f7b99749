"""The dimensions N an obligation covers, derived from its objects rather than taken on trust.

An obligation over the points and matrices of ``symbolic.spaces`` (``vector``, ``matrix``) or over a square
matrix covers exactly the N of those objects; a declared ``dims`` that says otherwise is an error. One whose
objects fix no N (scalar arithmetic, entries of a matrix written out) is *dimension-free*: a single declared N
is kept as the reading its claim gives it (``declared``), several declared N are reported as dimension-free,
since one scalar fact is not a check in several dimensions.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from .model import Chain, Identity, Implication

OBJECTS, DECLARED, FREE = "objects", "declared", "dimension-free"


def covered(payload: Any, declared: tuple[int, ...]) -> tuple[tuple[int, ...], str, str]:
    """``(dims, source, problem)``: the N covered, where it comes from, and a disagreement ("" if none)."""
    if not isinstance(payload, (Implication, Identity, Chain)):   # a numeric check: its builder's instances
        return declared, DECLARED if declared else FREE, ""
    n = object_dimension(payload)
    if n:
        problem = "" if declared in ((), (n,)) else f"dims={declared} is declared, but its objects are in N = {n}"
        return (n,), OBJECTS, problem
    if len(declared) == 1:
        return declared, DECLARED, ""
    return (), FREE, ""


def object_dimension(payload: Implication | Identity | Chain) -> int:
    """The largest N among the payload's points and square matrices (0: none). A 3-vector's first two
    components also belong to 2-vectors, so only the largest index tells."""
    from symbolic.spaces import AMBIENT

    if isinstance(payload, Implication):
        exprs = [*payload.hypotheses, payload.conclusion]
    elif isinstance(payload, Identity):
        exprs = [payload.lhs, payload.rhs, *payload.assumptions]
    else:
        exprs = [payload.start, *(s.expr for s in payload.steps), *payload.assumptions]
    n = 0
    for e in exprs:
        e = getattr(e, "relation", e)            # Assume / ByDefinition carry a relation
        if isinstance(e, sp.MatrixBase):
            n = max(n, e.rows if e.rows == e.cols and e.rows > 1 else 0)
            symbols = e.free_symbols
        elif isinstance(e, sp.Basic):
            symbols = e.free_symbols
        else:
            continue                              # a Use brings in what the used obligation covers
        n = max([n, *(AMBIENT[s] for s in symbols if s in AMBIENT)])
    return n
