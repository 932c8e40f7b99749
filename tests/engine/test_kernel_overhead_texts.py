"""A Z3 proposal is translated once, by the kernel: the backend records the claim only, the kernel makes the
SMT-LIB texts from its own translation and solves them, and the engine writes those texts in the certificate,
which verify re-checks as any recorded text (and refuses without them)."""
from __future__ import annotations

import json

import pytest
import sympy as sp
from engine_helpers import call_cli, run_json

from certificates import smt
from proofs.backends import z3_backend
from proofs.backends.z3_backend import Z3Backend
from proofs.model import Implication, Obligation

x = sp.Symbol("x", real=True)

PROPOSALS = """
from proofs import Assume

@DEVELOPMENT.lemma("lemma:true", "True", "x > 1 implies x > 0")
def _():
    yield Obligation("imp", Implication((Assume(x > 1),), x > 0))
    yield Obligation("sq", Implication((Assume(x > 1),), x**2 > x))

@DEVELOPMENT.lemma("lemma:false", "False", "x > 0 implies x > 1", expect="refuted")
def _():
    yield Obligation("imp", Implication((Assume(x > 0),), x > 1))
"""


def _proposal() -> dict:
    ob = Obligation("o", Implication((x > 1,), x**2 > x), backend="z3")
    return Z3Backend().discharge(ob, timeout=30, seed=1, profile="quick", propose=True).record


@pytest.mark.timeout(60)
def test_a_proposal_is_not_translated_by_the_backend(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the backend translated a proposal")
    monkeypatch.setattr(z3_backend, "Translator", refuse)
    record = _proposal()
    assert record["proposed"] is True and "smtlib" not in record and "smtlib_hypotheses" not in record


@pytest.mark.timeout(60)
def test_the_kernel_makes_the_texts_of_a_proposal_and_solves_them():
    record = _proposal()
    smt.making_texts(True)
    try:
        ok, detail = smt.check_z3(record, "proved", None)
        made = smt.made_texts()
    finally:
        smt.making_texts(False)
    assert ok, detail
    assert len(made) == 1 and made[0]["for"] == smt.statement_key(record)
    assert "(check-sat)" in made[0]["smtlib"] and "(check-sat)" in made[0]["smtlib_hypotheses"]
    # the made texts are an ordinary record's: the normal re-check (verify's) accepts them
    smt.fresh_context()
    assert smt.check_z3({**record, **{k: made[0][k] for k in ("smtlib", "smtlib_hypotheses")}}, "proved", None)[0]


@pytest.mark.timeout(60)
def test_without_being_asked_the_kernel_refuses_a_proposal_without_texts():
    smt.making_texts(False)
    with pytest.raises(ValueError, match="no hypotheses SMT-LIB text"):
        smt.check_z3(_proposal(), "proved", None)


@pytest.mark.timeout(60)
def test_a_false_proposal_gets_no_accepting_answer():
    ob = Obligation("o", Implication((x > 0,), x > 1), backend="z3")
    record = Z3Backend().discharge(ob, timeout=30, seed=1, profile="quick", propose=True).record
    smt.making_texts(True)
    try:
        ok, detail = smt.check_z3(record, "proved", None)
    finally:
        smt.making_texts(False)
    assert ok is False and "not unsat" in detail


@pytest.mark.timeout(240)
def test_check_writes_the_kernels_texts_and_verify_needs_them(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(PROPOSALS)), "--out", str(out), "--no-cache")
    assert {n["id"]: n["status"] for n in summary["nodes"]} == {"lemma:true": "proved", "lemma:false": "refuted"}
    path = out / "certificates" / "lemma_true.json"
    cert = json.loads(path.read_text())
    for ob in cert["obligations"]:
        assert ob["record"]["proposed"] is True and ob["kernel"] == "accepted"
        assert "(check-sat)" in ob["record"]["smtlib"] and "(check-sat)" in ob["record"]["smtlib_hypotheses"]
    assert call_cli("verify", str(out), "--no-cvc5").returncode == code
    for ob in cert["obligations"]:                         # a certificate without the texts re-checks nothing
        del ob["record"]["smtlib"], ob["record"]["smtlib_hypotheses"]
    path.write_text(json.dumps(cert))
    assert call_cli("verify", str(out), "--no-cvc5").returncode != 0


@pytest.mark.timeout(240)
def test_a_warm_check_takes_the_texts_from_the_kernels_memory(write_dev, tmp_path):
    dev = str(write_dev(PROPOSALS))
    cache = tmp_path / "cache"
    for name in ("cold", "warm"):
        code, summary = run_json("check", dev, "--out", str(tmp_path / name), "--cache", str(cache))
        assert code == 0 and summary["nodes"][0]["status"] == "proved", summary
    cold, warm = (json.loads((tmp_path / name / "certificates" / "lemma_true.json").read_text())
                  for name in ("cold", "warm"))
    assert [o["record"]["smtlib"] for o in warm["obligations"]] == [o["record"]["smtlib"] for o in cold["obligations"]]
    assert call_cli("verify", str(tmp_path / "warm"), "--no-cvc5").returncode == 0
