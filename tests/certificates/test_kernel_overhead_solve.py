"""The kernel re-solves a recorded query in its own order of Z3's strategies (SMT core first, briefly): the same
answers, Z3's own, in less time on the queries the default strategy is slow on."""
from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp
import z3

from certificates import smt
from proofs.backends.z3_backend import Z3Backend
from proofs.model import Implication, Obligation

DATA = Path(__file__).parent / "data"


@pytest.mark.timeout(60)
def test_the_kernels_order_gives_the_same_answers():
    x, y = z3.Reals("x y")
    for formulas, expected in (([x > 0, x < 1, x * x > z3.RealVal("1/4")], z3.sat), ([x * x < 0], z3.unsat),
                               ([x * x + y * y < 1, x + y > 2], z3.unsat)):
        assert smt.solve(formulas, 10, tries=smt.KERNEL_TRIES)[0] == expected == smt.solve(formulas, 10)[0]


@pytest.mark.timeout(60)
def test_the_kernels_order_answers_a_query_the_default_is_slow_on_at_once():
    """kernel-support-N3 of the paper: the default strategy takes seconds, the SMT core milliseconds; the
    engine's order spends a second on the default first, the kernel's does not."""
    formulas = list(z3.parse_smt2_string((DATA / "kernel_support_N3.smt2").read_text()))
    import time

    start = time.perf_counter()
    assert smt.solve(formulas, 30, tries=smt.KERNEL_TRIES)[0] == z3.unsat
    assert time.perf_counter() - start < 0.9


@pytest.mark.timeout(60)
def test_check_z3_solves_in_the_kernels_order(monkeypatch):
    x = sp.Symbol("x", real=True)
    ob = Obligation("o", Implication((x > 1,), x > 0), backend="z3")
    record = Z3Backend().discharge(ob, timeout=30, seed=1, profile="quick").record     # with its texts
    seen: list = []
    real = smt.solve

    def spy(formulas, seconds=0, seed=None, tries=smt.ENGINE_TRIES):
        seen.append(tries)
        return real(formulas, seconds, seed, tries)
    monkeypatch.setattr(smt, "solve", spy)
    ok, detail = smt.check_z3(record, "proved", None)
    assert ok, detail
    assert seen[:2] == [smt.KERNEL_TRIES, smt.KERNEL_TRIES]
