"""Z3 proposes, the kernel proves: ``check`` solves no query of a proved claim in the backend, and a proposal
the kernel does not accept is discharged for real, so a false or vacuous claim still ends refuted or vacuous,
with the backend's own model."""
from __future__ import annotations

import json

from engine_helpers import call_cli, run_json

PROPOSALS = """
from proofs import Assume

@DEVELOPMENT.lemma("lemma:true", "True", "x > 1 implies x > 0")
def _():
    yield Obligation("imp", Implication((Assume(x > 1),), x > 0))

@DEVELOPMENT.lemma("lemma:false", "False", "x > 0 implies x > 1", expect="refuted")
def _():
    yield Obligation("imp", Implication((Assume(x > 0),), x > 1))

@DEVELOPMENT.lemma("lemma:vacuous", "Vacuous", "x > 1 and x < 0 imply anything")
def _():
    yield Obligation("imp", Implication((Assume(x > 1), Assume(x < 0)), y > 0))
"""


def _certificate(out, node_id: str) -> dict:
    return json.loads((out / "certificates" / f"{node_id.replace(':', '_')}.json").read_text())


def test_only_the_kernel_solves_a_proposed_proof_and_a_rejected_proposal_is_discharged_again(write_dev, tmp_path):
    out = tmp_path / "out"
    code, summary = run_json("check", str(write_dev(PROPOSALS)), "--out", str(out), "--no-cache")
    statuses = {n["id"]: n["status"] for n in summary["nodes"]}
    assert statuses == {"lemma:true": "proved", "lemma:false": "refuted", "lemma:vacuous": "failed"}, statuses
    assert code == 1                                    # the vacuous claim is a failure
    assert summary["discharged_again"] == 2            # the false and the vacuous proposal
    proved = _certificate(out, "lemma:true")["obligations"][0]
    assert proved["record"]["proposed"] is True and proved["kernel"] == "accepted"
    refuted = _certificate(out, "lemma:false")["obligations"][0]
    assert "proposed" not in refuted["record"] and refuted["verdict"] == "refuted"
    assert float(refuted["counterexample"]["model"]["x"].rstrip("?")) <= 1
    vacuous = _certificate(out, "lemma:vacuous")["obligations"][0]
    assert "proposed" not in vacuous["record"] and vacuous["verdict"] == "vacuous"
    verified = call_cli("verify", str(out), "--no-cvc5")
    assert verified.returncode == code and "all 3 certificates re-check" in verified.stdout, verified.stdout
