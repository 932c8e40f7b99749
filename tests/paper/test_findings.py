"""The findings of the whole run: exactly the printed statements the backends refute, each with its
counterexample and a proved correction; only definitions and cited results are assumed."""
from __future__ import annotations

from developments.paper import DEVELOPMENT as dev

# the printed statements and proof steps the backends refute (README: "What the check finds in the paper")
FINDINGS = {
    "lemma:4.1", "prop:4.4.step-eq28", "prop:4.4", "prop:4.5.step-sup", "prop:4.7.step-jordan-powers",
    "remark:5.9.nonconstant", "prop:5.11", "prop:5.12", "prop:5.13", "prop:A.2.step-lemma-5.4-ball",
    "prop:4.7",
    "remark:5.8.invariant-image",
}
# not printed, meant to be false: what CNNs would need for Prop 5.12 (corrected), which an unbounded filter breaks
EXPECTED_REFUTED = {"thm:5.6-conclusion.step-cnn-included"}
# nodes open because the linked proofs meet a fact no node yet states in a usable form (README: "What linking
# the proofs leaves open"): unknown ones have unjustified hypotheses, blocked ones depend on an open node
OPEN = {
    "prop:4.7.step-constant-on-ellipses": "unknown", "prop:4.7.corrected": "blocked",
    "prop:5.12.corrected": "unknown", "prop:5.12.dominated": "blocked",
    "prop:5.13.corrected": "blocked", "prop:5.13.dominated": "blocked", "remark:5.14.step-shrink": "unknown",
    "remark:5.14": "blocked", "prop:4.4.corrected": "unknown",
    "thm:4.4-conclusion": "blocked", "thm:5.6-conclusion": "blocked",
    "thm:6": "blocked", "thm:5.6-conclusion.step-cnn-included.corrected": "unknown",
}
# the clauses of a statement that no obligation of the node establishes (the node cannot be proved)
OPEN_CLAUSES = {
    "prop:4.7.corrected": {"ii-minus"},
    "thm:4.4-conclusion": {"inverse", "filter"},
    "thm:5.6-conclusion": {"inverse", "invariant", "unit-eigenvalues", "N3", "cnn-dominated-N2"},
    "thm:6": {"invariant-only"},
}
NUMBERED = ["def:2.1", "def:2.2", "def:2.3", "def:2.4", "def:2.5", "lemma:2.6", "prop:2.7", "lemma:2.8",
            "lemma:4.1", "lemma:4.2", "lemma:4.3", "prop:4.4", "prop:4.5", "prop:4.6", "prop:4.7", "lemma:5.1",
            "lemma:5.2", "def:5.3", "lemma:5.4", "lemma:5.5", "lemma:5.6", "prop:5.7", "lemma:5.8", "def:5.9",
            "lemma:5.10", "prop:5.11", "prop:5.12", "prop:5.13", "remark:5.14", "prop:A.1", "prop:A.2"]


def test_every_numbered_result_is_a_node():
    assert [n for n in NUMBERED if n not in dev] == []


def test_refuted_nodes_are_exactly_the_findings(paper_run):
    refuted = {n for n, r in paper_run.by_id.items() if r["status"] == "refuted"}
    assert refuted == FINDINGS | EXPECTED_REFUTED
    for node_id in EXPECTED_REFUTED:
        assert not paper_run.by_id[node_id]["printed"] and dev[node_id].expect == "refuted"


def test_each_finding_has_a_counterexample_and_a_proved_correction(paper_run):
    by_id = paper_run.by_id
    for node_id in FINDINGS:
        node = by_id[node_id]
        assert node["printed"], node_id
        assert any(o["verdict"] == "refuted" and o["counterexample"] for o in node["obligations"]), node_id
        fixed = by_id[node_id + ".corrected"]
        assert fixed["corrects"] == node_id and not fixed["printed"]
        assert fixed["status"] == OPEN.get(fixed["id"], "proved"), (fixed["id"], fixed["status"], fixed["reason"])


def test_only_definitions_and_cited_results_are_assumed(paper_run):
    for node in paper_run.summary["nodes"]:
        assert (node["status"] == "assumed") == (node["kind"] in ("definition", "cited")), node["id"]
        if node["kind"] not in ("definition", "cited"):
            expected = {OPEN[node["id"]]} if node["id"] in OPEN else {"proved", "refuted"}
            assert node["status"] in expected, (node["id"], node["status"], node["reason"])


def test_open_nodes_are_open_only_for_unjustified_hypotheses(paper_run):
    """Every obligation of the run is accepted by the kernel; an open node is unknown only because a hypothesis
    is not justified (all its obligations proved or agreeing), or blocked by an open node."""
    by_id = paper_run.by_id
    rejected = [(n, o["name"]) for n, r in by_id.items() for o in r["obligations"] if o["kernel"] != "accepted"]
    assert rejected == []
    for node_id, status in OPEN.items():
        node = by_id[node_id]
        if status == "unknown" and node_id in OPEN_CLAUSES:
            assert node["reason"].startswith("clause ") and "no obligation establishes it" in node["reason"], node_id
            assert all(o["verdict"] in ("proved", "agrees") for o in node["obligations"]), node_id
        elif status == "unknown":       # a plain hypothesis, named as such or as the clause it leaves unproved
            assert ("not justified" in node["reason"] or node["reason"].startswith("clause ")) \
                and node["unjustified"], node_id
            assert all(o["verdict"] in ("proved", "agrees") for o in node["obligations"]), node_id
        else:
            assert any(d in OPEN for d in node["deps"]) and node["reason"].startswith("depends on"), node_id
    assert paper_run.summary["exit_code"] == 3          # incomplete: nothing wrong, the open nodes stand in the way


def test_claims_record_the_dimensions_their_symbolic_proofs_cover(paper_run):
    by_id = paper_run.by_id
    for node_id in ("lemma:2.6", "lemma:2.8", "lemma:4.1.corrected", "lemma:5.1", "lemma:5.2", "prop:A.1"):
        assert {2, 3} <= set(by_id[node_id]["dims"]), (node_id, by_id[node_id]["dims"])
    assert 3 in by_id["remark:5.14"]["dims"]


def test_no_node_has_formal_and_numeric_disagreeing(paper_run):
    assert [n for n, r in paper_run.by_id.items() if r["disagreement"]] == []


def test_the_run_wrote_certificates_and_reports(paper_run):
    out = paper_run.out
    certs = list((out / "certificates").glob("*.json"))
    assert len(certs) == len(paper_run.summary["nodes"])
    assert (out / "manifest.json").exists() and (out / "report.html").exists() and (out / "report.md").exists()
    report = (out / "report.md").read_text()
    assert "lemma:4.1.corrected" in report and "Findings" in report


def test_open_clauses_are_exactly_those_no_obligation_establishes(paper_run):
    """A declared clause is open exactly when no obligation names it; every other declared clause has one."""
    open_clauses = {n["id"]: {c["id"] for c in n["clauses"] if c["status"] == "open"}
                    for n in paper_run.summary["nodes"] if n.get("clauses")}
    assert {n: c for n, c in open_clauses.items() if c} == OPEN_CLAUSES
    for n in paper_run.summary["nodes"]:
        for c in n.get("clauses") or []:
            assert (c["status"] == "open") == (not c["obligations"]), (n["id"], c)
