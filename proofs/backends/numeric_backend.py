"""Numeric backend: runs a sampled cross-validation and judges its residuals.

A check agrees when the residual at the finest grid is under the tolerance and
residuals do not grow under refinement; it refutes when the disagreement is
stable under refinement (the check supplies the instance as counterexample).
A check that expects a difference (``expect="disagree"``) agrees when the
residual stays above the tolerance at every resolution.
"""
from __future__ import annotations

import math
import time

import numpy as np

from ..model import Numeric, NumericResult, Obligation, Outcome, Verdict

PROFILES = ("quick", "thorough")


class NumericBackend:
    name = "numeric"

    def version(self) -> str | None:
        return f"numpy {np.__version__}"

    def discharge(self, obligation: Obligation, *, timeout: float, seed: int,
                  profile: str) -> Outcome:
        payload = obligation.payload
        if not isinstance(payload, Numeric):
            return Outcome(Verdict.FAILED, message=f"numeric cannot discharge {type(payload).__name__}")
        start = time.perf_counter()
        rng = np.random.default_rng(seed)
        result = payload.run(rng, profile)
        seconds = time.perf_counter() - start
        if not isinstance(result, NumericResult):
            return Outcome(Verdict.FAILED, seconds=seconds, backend_version=self.version(),
                           message=f"numeric check returned {type(result).__name__}, "
                                   "expected NumericResult")
        verdict, message = judge(result)
        record = {
            "kind": "numeric", "description": payload.description, "seed": seed,
            "profile": profile, "resolutions": list(result.resolutions),
            "residuals": [float(r) for r in result.residuals], "tolerance": result.tolerance,
            "expect": result.expect, "instances": list(result.instances),
            "details": dict(result.details),
        }
        cex = dict(result.counterexample) if verdict == Verdict.REFUTED and result.counterexample else None
        if verdict == Verdict.REFUTED and cex is None:
            cex = {"residuals": record["residuals"]}
        return Outcome(verdict, seconds=seconds, message=message, backend_version=self.version(),
                       record=record, counterexample=cex)


def judge(result: NumericResult) -> tuple[Verdict, str]:
    residuals = [float(r) for r in result.residuals]
    if not residuals or len(residuals) != len(result.resolutions):
        return Verdict.FAILED, "numeric check reported no residuals (or a count unlike its grids)"
    if any(math.isnan(r) or math.isinf(r) for r in residuals):
        return Verdict.FAILED, f"numeric check produced NaN/inf residuals {residuals}"
    tol = float(result.tolerance)
    if not math.isfinite(tol) or tol < 0 or any(r < 0 for r in residuals):
        return Verdict.FAILED, (f"numeric check reported tolerance {tol!r} (must be finite, >= 0) or a "
                                f"negative residual {residuals}")
    final = residuals[-1]
    if result.expect == "disagree":
        if min(residuals) > tol:
            return Verdict.AGREES, f"difference stays above {tol:g} at every resolution (min {min(residuals):.3g})"
        return Verdict.REFUTED, f"expected a difference, but residual fell to {min(residuals):.3g} <= {tol:g}"
    shrinking = len(residuals) == 1 or residuals[-1] <= residuals[0] * 1.5 + tol
    if final <= tol and shrinking:
        return Verdict.AGREES, f"residual {final:.3g} <= {tol:g} at the finest grid"
    stable = len(residuals) >= 2 and min(residuals) > tol and residuals[-1] > 0.5 * residuals[-2]
    if stable:
        return Verdict.REFUTED, f"disagreement {final:.3g} > {tol:g}, stable under refinement {residuals}"
    return Verdict.UNKNOWN, f"residuals {residuals} neither converge under {tol:g} nor stay stable"
