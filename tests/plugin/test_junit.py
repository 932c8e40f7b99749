"""``check --junit FILE``: one testcase per node; failures with reasons; assumed and expected refutations
skipped."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from cli_runner import run_in_process
from plugin_helpers import OUTCOMES, ROOT, write_outcomes_dev

from proofs.junit import junit_tree, node_outcome


def cases(path) -> dict[str, ET.Element]:
    root = ET.parse(path).getroot()
    assert root.tag == "testsuites" and len(root.findall("testsuite")) == 1
    return {case.get("name"): case for case in root.iter("testcase")}


def outcome_of(case: ET.Element) -> str:
    if case.find("failure") is not None:
        return "failed"
    skipped = case.find("skipped")
    if skipped is not None:
        return "xfail" if skipped.get("type") == "xfail" else "skipped"
    return "passed"


@pytest.mark.timeout(300)
def test_every_outcome(tmp_path):
    dev = write_outcomes_dev(tmp_path)
    xml = tmp_path / "reports" / "proofs.xml"
    proc = run_in_process("check", str(dev), "--no-out", "--quiet", "--junit", str(xml), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    found = cases(xml)
    assert {name: outcome_of(case) for name, case in found.items()} == OUTCOMES
    suite = ET.parse(xml).getroot().find("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures"), suite.get("skipped")) == \
        ("outcomes", "9", "3", "3")
    wrong = found["lemma:wrong"].find("failure")
    assert wrong.get("type") == "refuted" and "negation is sat" in wrong.get("message")
    assert "counterexample" in wrong.text and '"x"' in wrong.text     # the model Z3 found
    assert "but proved" in found["lemma:surprise"].find("failure").get("message")
    assert "boom" in found["lemma:broken"].find("failure").get("message")
    assert "assumed" in found["def:a"].find("skipped").get("message")


@pytest.mark.timeout(300)
def test_the_second_development(tmp_path):
    xml = tmp_path / "p4.xml"
    proc = run_in_process("check", str(ROOT / "examples" / "p4"), "--no-out", "--quiet", "--junit", str(xml),
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    found = cases(xml)
    assert len(found) == 15 and not [n for n, c in found.items() if outcome_of(c) == "failed"]
    finding = found["prop:conv-commutes"].find("skipped")
    assert finding.get("type") == "xfail" and "its correction is proved" in finding.get("message")
    assert "Lambda((a0, a1)" in finding.text, "counterexample functions are shown as formulas"


@pytest.mark.timeout(120)
def test_an_unwritable_target_is_an_input_error(tmp_path):
    (tmp_path / "file").write_text("")
    dev = tmp_path / "dev.py"
    dev.write_text("from proofs import Development\nDEVELOPMENT = Development('empty')\n"
                   "DEVELOPMENT.definition('def:a', 'A', 'a')\n")
    target = tmp_path / "file" / "x.xml"                       # under a plain file: cannot be created
    proc = run_in_process("check", str(dev), "--no-out", "--quiet", "--junit", str(target),
                          cwd=tmp_path)
    assert proc.returncode == 2 and "cannot write the JUnit XML" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_run_has_the_last_word():
    """A summary that records its own acceptance overrides the rule (a node the run did not accept fails)."""
    node = {"id": "lemma:x", "status": "proved", "reason": "r", "accepted": False}
    assert node_outcome(node, {"lemma:x": node})[0] == "failed"
    printed = {"id": "lemma:p", "status": "refuted", "reason": "r", "printed": True}
    fix = {"id": "lemma:what-holds", "status": "proved", "corrects": "lemma:p", "printed": False}
    assert node_outcome(printed, {"lemma:p": printed, "lemma:what-holds": fix})[0] == "xfail"
    assert node_outcome(printed, {"lemma:p": printed})[0] == "failed"
    summary = {"development": "d", "seconds": 1.5, "nodes": [
        {"id": "a", "status": "unknown", "reason": "z3 answered unknown", "seconds": 0.25, "obligations": []},
        {"id": "b", "status": "blocked", "reason": "depends on a (unknown)", "obligations": []}]}
    root = junit_tree(summary).getroot()
    assert root.get("failures") == "2" and root.get("time") == "1.500"
    assert [f.get("type") for f in root.iter("failure")] == ["unknown", "blocked"]
