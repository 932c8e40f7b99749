"""`proofs explain ID`: what a run says about one node, read from the output directory."""
from __future__ import annotations

import json

import pytest
from cli_runner import ROOT, run_in_process

from proofs.errors import did_you_mean


def cli(*args: str, env: dict | None = None):
    """``proofs ARGS`` run in the test process."""
    return run_in_process(*args, env=env, cwd=ROOT)

pytestmark = pytest.mark.timeout(300)


def explain_json(*args: str) -> dict:
    proc = cli("explain", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_checked_node_its_obligations_neighbours_and_trusted_base(checked_run):
    data = explain_json("lemma:positive", "--out", str(checked_run))
    assert data["status"] == "proved" and data["kind"] == "lemma"
    assert data["statement"] == "(x + 2y)^2 - 4xy >= 0"
    (ob,) = data["obligations"]
    assert ob["name"] == "nonnegative" and ob["backend"] == "z3" and ob["verdict"] == "proved"
    assert isinstance(ob["seconds"], (int, float))
    assert [(u["node"], u["obligation"]) for u in ob["uses"]] == [("lemma:binomial", "square")]
    deps = {d["id"]: d for d in data["dependencies"]}
    assert {k: d["status"] for k, d in deps.items()} == {"lemma:binomial": "proved", "cite:amgm": "assumed"}
    assert deps["lemma:binomial"]["uses"] and "uses" not in deps["cite:amgm"]
    text = " ".join(cli("explain", "lemma:positive", "--out", str(checked_run)).stdout.split())
    assert "uses: lemma:binomial: obligation square" in text and "with y -> 2*y" in text
    assert data["dependants"] == []
    trusted = {t["id"]: t for t in data["trusted_base"]}
    assert set(trusted) == {"def:square", "cite:amgm"}          # the whole cone, not only direct deps
    assert trusted["cite:amgm"]["reference"] == "[1] A textbook, Theorem 1"


def test_dependants_and_a_refuted_node_with_its_counterexample(checked_run):
    square = explain_json("def:square", "--out", str(checked_run))
    assert {d["id"] for d in square["dependants"]} == {"lemma:binomial", "lemma:wrong"}
    assert square["obligations"] == [] and [t["id"] for t in square["trusted_base"]] == ["def:square"]
    wrong = explain_json("lemma:wrong", "--out", str(checked_run))
    assert wrong["status"] == "refuted"
    assert wrong["obligations"][0]["verdict"] == "refuted" and wrong["obligations"][0]["counterexample"]
    text = cli("explain", "lemma:wrong", "--out", str(checked_run)).stdout
    assert "refuted" in text and "counterexample:" in text


def test_terminal_output_fits_80_columns(checked_run, fake_run):
    for node, out in (("lemma:positive", checked_run), ("lemma:top", fake_run), ("cite:cov", fake_run)):
        proc = cli("explain", node, "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert max(len(line) for line in proc.stdout.splitlines()) <= 80, proc.stdout


def test_chain_steps_uses_clauses_and_times(fake_run):
    data = explain_json("lemma:top", "--out", str(fake_run))
    chain, printed = data["obligations"]
    assert chain["seconds"] == 1.25 and printed["seconds"] == 0.5    # certificate first, then run.json
    assert [(s["rule"], s["by"]) for s in chain["steps"]] == [("change_of_variables", "cite:cov"),
                                                              ("definition", "def:a")]
    assert chain["uses"][0]["node"] == "lemma:base"
    deps = {d["id"]: d for d in data["dependencies"]}
    assert any("core" in u for u in deps["lemma:base"]["uses"])
    assert any("change_of_variables" in u for u in deps["cite:cov"]["uses"])
    assert data["corrected_by"] == "lemma:top.corrected"
    assert [d["id"] for d in data["dependants"]] == ["lemma:top.corrected"]
    assert {t["id"] for t in data["trusted_base"]} == {"def:a", "cite:cov"}
    text = cli("explain", "lemma:top", "--out", str(fake_run)).stdout
    for expected in ("clauses:", "the main clause", "a clause given as text",
                     "step 1. change_of_variables by cite:cov", "uses: lemma:base", "model: a = 2",
                     "T_11 = -1/2", "A invertible",
                     "[12] Stein & Shakarchi", "lemma:top.corrected", "1.25 s", "expected to be refuted",
                     "kernel: counterexample re-checked"):
        assert expected in " ".join(text.split()), (expected, text)


def test_unknown_id_suggests_close_ones(fake_run):
    proc = cli("explain", "lemma:tpo", "--out", str(fake_run))
    assert proc.returncode == 2
    assert "lemma:tpo" in proc.stderr and "did you mean 'lemma:top'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_no_run_says_how_to_make_one(tmp_path):
    proc = cli("explain", "lemma:top", "--out", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "check --out" in proc.stderr
    (tmp_path / "empty").mkdir()
    proc = cli("explain", "lemma:top", "--out", str(tmp_path / "empty"))
    assert proc.returncode == 2 and "manifest.json" in proc.stderr and "check --out" in proc.stderr


def test_default_directory_is_proofs_out(fake_run):
    proc = cli("explain", "lemma:base", env={"PROOFS_OUT": str(fake_run)})
    assert proc.returncode == 0 and "lemma:base" in proc.stdout


def test_unreadable_files_are_input_errors(fake_run):
    (fake_run / "manifest.json").write_text("{not json")
    proc = cli("explain", "lemma:top", "--out", str(fake_run))
    assert proc.returncode == 2 and "manifest.json" in proc.stderr and "Traceback" not in proc.stderr


def test_a_certificate_path_outside_the_directory_is_refused(fake_run):
    manifest = json.loads((fake_run / "manifest.json").read_text())
    manifest["certificates"][0]["file"] = "../../../etc/passwd"
    (fake_run / "manifest.json").write_text(json.dumps(manifest))
    proc = cli("explain", manifest["certificates"][0]["node"], "--out", str(fake_run))
    assert proc.returncode == 2 and "leaves the output directory" in proc.stderr


@pytest.mark.parametrize(("name", "expected"), [
    ("4.7", "'prop:4.7'"), ("prop:47", "'prop:4.7'"), ("lemma:4.l", "'lemma:4.1'"),
    ("PROP:4.7", "'prop:4.7'")])
def test_did_you_mean(name, expected):
    ids = ["prop:4.7", "prop:4.7.step-case-split", "lemma:4.1", "lemma:4.1.corrected", "def:2.1"]
    assert did_you_mean(name, ids).startswith("did you mean " + expected)


def test_did_you_mean_is_empty_without_a_close_id():
    assert did_you_mean("zzz", ["prop:4.7", "lemma:4.1"]) == ""
