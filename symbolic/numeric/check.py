"""Compare two evaluators of a claim on sampled instances at several resolutions.

A claim ``lhs = rhs`` becomes, per sampled instance, two functions
``(points, n) -> values`` computed independently (each side by its own
quadrature at ``n`` nodes per axis). The residual of an instance is the largest
difference over its points relative to the largest magnitude of either side,
so it is scale free; the reported residual per resolution is the worst instance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from proofs.model import NumericResult

Evaluator = Callable[[np.ndarray, int], np.ndarray]
FLOOR = 1e-12


@dataclass
class Case:
    """One sampled instance: its description (data only), points, and both sides."""

    description: Mapping[str, Any]
    points: np.ndarray
    lhs: Evaluator
    rhs: Evaluator
    resolutions: tuple[int, ...] | None = None   # overrides the default (e.g. coarser in 3D)
    relative: bool = True
    extra: dict = field(default_factory=dict)


def _residual(lv: np.ndarray, rv: np.ndarray, relative: bool) -> tuple[float, int]:
    diff = np.abs(np.asarray(lv, dtype=float) - np.asarray(rv, dtype=float))
    if diff.size == 0:
        return float("nan"), 0
    if not np.all(np.isfinite(diff)):
        return float("nan"), int(np.argmax(~np.isfinite(diff)))
    worst = int(np.argmax(diff))
    if not relative:
        return float(diff[worst]), worst
    scale = max(float(np.max(np.abs(lv))), float(np.max(np.abs(rv))), FLOOR)
    return float(diff[worst] / scale), worst


def _json_point(p) -> list:
    return np.round(np.asarray(p, dtype=float), 10).tolist()


def cross_check(cases: Sequence[Case], resolutions: Sequence[int], tolerance: float, *,
                expect: str = "agree", details: Mapping[str, Any] | None = None) -> NumericResult:
    """Evaluate every case at every resolution and summarise as a :class:`NumericResult`.

    ``expect="agree"``: reported residual = worst (largest) instance residual.
    ``expect="disagree"``: the claim is that the sides differ on every instance,
    so the reported residual is the smallest instance residual.
    On failure of the expectation the offending instance becomes the counterexample.
    """
    if expect not in ("agree", "disagree"):
        raise ValueError(f"expect must be 'agree' or 'disagree', not {expect!r}")
    if not cases:
        raise ValueError("cross_check needs at least one sampled case")
    levels = len(resolutions)
    table = np.full((len(cases), levels), np.nan)
    instances: list[dict] = []
    finals: list[dict] = []
    grids: dict[str, list[int]] = {}
    for i, case in enumerate(cases):
        res = tuple(case.resolutions or resolutions)
        if len(res) != levels:
            raise ValueError(f"case {i} has {len(res)} resolutions, expected {levels}")
        grids.setdefault(str(np.asarray(case.points).shape[-1]), list(res))
        last = {}
        for k, n in enumerate(res):
            lv, rv = case.lhs(case.points, n), case.rhs(case.points, n)
            table[i, k], worst = _residual(lv, rv, case.relative)
            pts = np.atleast_2d(case.points)
            last = {"point": _json_point(pts[worst]) if worst < len(pts) else [], "index": worst,
                    "lhs": float(np.ravel(lv)[worst]) if np.size(lv) else float("nan"),
                    "rhs": float(np.ravel(rv)[worst]) if np.size(rv) else float("nan")}
        finals.append(last)
        instances.append({**dict(case.description), "residuals": [float(r) for r in table[i]],
                          **case.extra})
    reduce = np.max if expect == "agree" else np.min
    worst_per_level = reduce(table, axis=0)  # NaN propagates: the backend reports it as failed
    pick = np.argmax if expect == "agree" else np.argmin
    final_col = np.where(np.isnan(table[:, -1]), np.inf if expect == "agree" else -np.inf, table[:, -1])
    culprit = int(pick(final_col))
    row = table[culprit]
    failed = (bool(np.all(row > tolerance)) if expect == "agree" else bool(np.any(row <= tolerance)))
    counterexample = None
    if failed:
        counterexample = {**dict(cases[culprit].description), **finals[culprit],
                          "residuals": [float(r) for r in row], "resolutions": list(
                              cases[culprit].resolutions or resolutions), "tolerance": tolerance}
    info = {"grids": grids, "cases": len(cases), "worst_instance": culprit, **dict(details or {})}
    return NumericResult(resolutions=tuple(int(r) for r in resolutions),
                         residuals=tuple(float(r) for r in worst_per_level), tolerance=float(tolerance),
                         instances=tuple(instances), counterexample=counterexample, expect=expect,
                         details=info)


def pointwise(fn: Callable[[np.ndarray], np.ndarray]) -> Evaluator:
    """An evaluator for a closed-form side: at level ``n`` it uses the first ``n`` sample points."""
    return lambda x, n: fn(np.atleast_2d(x)[:n])


def sequence_result(levels: Sequence[int], values: Sequence[float], tolerance: float, *,
                    expect: str = "agree", instance: Mapping[str, Any] | None = None,
                    details: Mapping[str, Any] | None = None) -> NumericResult:
    """A result for a quantity measured along a sequence (e.g. support measure vs iteration n).

    ``values`` are already residuals (the quantity the claim says tends to 0, or stays away from it).
    """
    vals = tuple(float(v) for v in values)
    cex = None
    bad = (min(vals) > tolerance) if expect == "agree" else (min(vals) <= tolerance)
    if bad or (expect == "agree" and vals[-1] > tolerance):
        cex = {**dict(instance or {}), "levels": list(levels), "residuals": list(vals), "tolerance": tolerance}
    return NumericResult(resolutions=tuple(int(v) for v in levels), residuals=vals, tolerance=float(tolerance),
                         instances=(dict(instance or {}),), counterexample=cex, expect=expect,
                         details=dict(details or {}))
