"""Numeric backend: runs a sampled cross-validation and judges its residuals.

A check agrees when the residual at the finest grid is under the tolerance and
residuals do not grow under refinement; it refutes when the disagreement is
stable under refinement (the check supplies the instance as counterexample).
A check that expects a difference (``expect="disagree"``) agrees when the
residual stays above the tolerance at every resolution.
"""
from __future__ import annotations

import time

import numpy as np

from certificates.rules import judge_residuals

from ..model import Numeric, NumericResult, Obligation, Outcome, Verdict

PROFILES = ("quick", "thorough")


class NumericBackend:
    name = "numeric"

    def version(self) -> str | None:
        return f"numpy {np.__version__}"

    def statement(self, payload: Numeric) -> dict:
        """The part of the record that names the check (its code is in the cache key)."""
        return {"kind": "numeric", "description": payload.description}

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
    """The kernel's judgement of the residuals (the rule the certificate is re-checked by)."""
    verdict, message = judge_residuals(result.residuals, result.resolutions, result.tolerance, result.expect)
    return Verdict(verdict), message
