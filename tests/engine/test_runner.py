"""The runner shares forked children among cheap obligations without letting one change another's answer."""
from __future__ import annotations

import pytest
import sympy as sp
import z3

from proofs import Implication, Obligation, runner

x, y, z = sp.symbols("x y z", real=True)

REFUTABLE = [Obligation(f"cex-{k}", Implication((x * y + z > k, x + y < z), x * x + y * y > 10 * z + k))
             for k in range(6)]


def _run(per_child: int, monkeypatch) -> dict:
    monkeypatch.setattr(runner, "OBLIGATIONS_PER_CHILD", per_child)
    tasks = [("node", ob, 7) for ob in REFUTABLE]
    out = runner.run_obligations(tasks, timeout=20, profile="quick", jobs=1, hook=lambda *_: None)
    return {key: (o.verdict.value, o.counterexample, o.record.get("smtlib")) for key, o in out.items()}


@pytest.mark.timeout(120)
def test_obligations_sharing_a_child_answer_as_each_alone(monkeypatch):
    alone, shared = _run(1, monkeypatch), _run(16, monkeypatch)
    assert {v[0] for v in alone.values()} == {"refuted"}
    assert shared == alone                     # same verdicts, models and SMT-LIB text


def test_each_obligation_starts_from_a_fresh_z3_context():
    before = z3.main_ctx()
    z3.Real("left_over") > 0                  # noqa: B015 - a term in the old context
    outcome = runner.discharge(REFUTABLE[0], 20, 7, "quick")
    assert outcome.verdict.value == "refuted"
    assert z3.main_ctx() is not before


INDUCTION = """
from proofs import Assume
from proofs.model import Induction
n = sp.symbols("n", integer=True)
q = sp.symbols("q", real=True)

@DEVELOPMENT.lemma("lemma:bernoulli", "Bernoulli", "q > 1 => q^n >= 1 + n(q - 1)")
def _():
    yield Obligation("bernoulli", Induction(n, q**n >= 1 + n * (q - 1), (Assume(q > 1),)))
    yield Obligation("plain", Implication((Assume(q > 1),), q**2 > 1))
"""


@pytest.mark.timeout(120)
def test_a_warm_run_takes_every_kind_of_obligation_from_the_cache(write_dev, tmp_path):
    from engine_helpers import run_json

    path, cache = write_dev(INDUCTION), tmp_path / "cache"
    for expected in (False, True):
        code, summary = run_json("check", str(path), "--no-out", "--cache", str(cache))
        assert code == 0, summary
        assert [o["cached"] for o in summary["nodes"][0]["obligations"]] == [expected, expected]
