"""The run's exit code from the kernel's statuses: 0 accepted, 1 wrong, 3 incomplete."""
from __future__ import annotations

from certificates.rules import corrections_of, exit_code, node_status

NODES = [{"id": "lemma:1", "deps": [], "printed": True},
         {"id": "lemma:1.corrected", "deps": [], "printed": False, "corrects": "lemma:1"}]


def _code(printed: str, corrected: str) -> int:
    statuses = {"lemma:1": printed, "lemma:1.corrected": corrected}
    return exit_code(NODES, statuses, corrections_of(NODES))


def test_a_finding_with_a_proved_correction_is_accepted():
    assert _code("refuted", "proved") == 0


def test_a_finding_whose_correction_is_open_is_incomplete():
    assert _code("refuted", "unknown") == 3
    assert _code("refuted", "blocked") == 3


def test_a_finding_whose_correction_fails_is_wrong():
    assert _code("refuted", "refuted") == 1
    assert _code("refuted", "failed") == 1


def test_a_refutation_without_correction_is_wrong():
    nodes = NODES[:1]
    assert exit_code(nodes, {"lemma:1": "refuted"}, corrections_of(nodes)) == 1


def test_a_rejected_record_is_not_hidden_by_a_refutation_beside_it():
    """A printed statement refuted by one obligation while the kernel rejects another's record: failed (the run is
    wrong), not refuted (which its proved correction would accept)."""
    obligations = [{"name": "counterexample", "backend": "z3", "verdict": "refuted", "message": "a model"},
                   {"name": "step", "backend": "sympy", "verdict": "rejected", "message": "instance differs"}]
    status, reason, _ = node_status("lemma", obligations, {})
    assert status == "failed" and "step (sympy) was rejected by the kernel" in reason
    assert node_status("lemma", obligations[:1], {})[0] == "refuted"
    assert _code(status, "proved") == 1
