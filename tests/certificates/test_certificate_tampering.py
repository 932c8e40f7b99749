"""Any change to a certificate directory is caught, and the failing node is named."""
from __future__ import annotations

import json
import random

import pytest
from cert_helpers import call_cli, cert_path, copy_out, failed_nodes, load_cert, reseal, save_cert, verify_dir

TINY_NODES = ("def:a", "lem:id", "thm:z3")


def test_untouched_copy_verifies(tiny_out, tmp_path):
    assert verify_dir(copy_out(tiny_out, tmp_path / "d")).failures == []


@pytest.mark.parametrize("node", TINY_NODES)
def test_changing_any_byte_fails_naming_the_node(tiny_out, tmp_path, node):
    original = cert_path(tiny_out, node).read_bytes()
    rng = random.Random(f"bytes-{node}")
    positions = rng.sample(range(len(original)), 4)
    positions.append(original.index(b'"seconds"') + len(b'"seconds": '))   # inside the unhashed run section
    for i, pos in enumerate(positions):
        target = copy_out(tiny_out, tmp_path / f"d{i}")
        data = bytearray(original)
        data[pos] = ord("7") if data[pos] != ord("7") else ord("3")
        path = cert_path(target, node)
        path.unlink()                       # the copy shares nothing with the original
        path.write_bytes(bytes(data))
        result = verify_dir(target)
        assert node in failed_nodes(result), (pos, result.failures)


def test_removing_a_certificate_fails_naming_it(tiny_out, tmp_path):
    target = copy_out(tiny_out, tmp_path / "d")
    cert_path(target, "lem:id").unlink()
    result = verify_dir(target)
    assert "lem:id" in failed_nodes(result)
    assert any("missing" in reason for node, reason in result.failures if node == "lem:id")
    assert "thm:z3" in failed_nodes(result)          # its dependency can no longer be checked


def test_an_unlisted_certificate_is_reported(tiny_out, tmp_path):
    target = copy_out(tiny_out, tmp_path / "d")
    (target / "certificates" / "extra.json").write_text("{}")
    assert "extra" in failed_nodes(verify_dir(target))


def _edit_manifest(directory, edit):
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    path.unlink()
    path.write_text(json.dumps(manifest, indent=2))


@pytest.mark.parametrize("change", ["reverse", "add", "drop", "swap-order"])
def test_changing_the_edge_list_fails(tiny_out, tmp_path, change):
    target = copy_out(tiny_out, tmp_path / "d")

    def edit(manifest):
        edges = manifest["edges"]
        assert ["lem:id", "thm:z3"] in edges
        if change == "reverse":
            edges[edges.index(["lem:id", "thm:z3"])] = ["thm:z3", "lem:id"]
        elif change == "add":
            edges.append(["def:a", "thm:z3"])
        elif change == "drop":
            edges.remove(["lem:id", "thm:z3"])
        else:
            edges.reverse()
    _edit_manifest(target, edit)
    result = verify_dir(target)
    assert "manifest" in failed_nodes(result)                     # its hash no longer matches
    if change != "swap-order":
        assert "thm:z3" in failed_nodes(result)


@pytest.mark.parametrize("change", ["reverse", "add"])
def test_resealed_edge_changes_still_fail_naming_the_node(tiny_out, tmp_path, change):
    """Even with every hash recomputed, the edges must match the certificates' dependencies."""
    target = copy_out(tiny_out, tmp_path / "d")
    if change == "reverse":
        cert = load_cert(target, "def:a")
        cert["dependencies"].append({"id": "thm:z3", "hash": "0" * 64})
        save_cert(target, "def:a", cert)
        reseal(target)
        _edit_manifest(target, lambda m: m["edges"].append(["thm:z3", "def:a"]))
        reseal(target)
        result = verify_dir(target)
        assert {"def:a", "lem:id", "thm:z3"} & failed_nodes(result)
        assert any("cycle" in reason for _, reason in result.failures)
    else:
        cert = load_cert(target, "thm:z3")
        cert["dependencies"].append({"id": "def:a", "hash": "0" * 64})
        save_cert(target, "thm:z3", cert)
        reseal(target)          # the manifest's edge list is left as it was
        result = verify_dir(target)
        assert "thm:z3" in failed_nodes(result)
        assert any("no edge def:a -> thm:z3" in reason for _, reason in result.failures)


def test_a_changed_dependency_breaks_the_chain(tiny_out, tmp_path):
    """Re-hashing one certificate alone leaves its dependants pointing at the old hash."""
    from certificates.canonical import digest

    target = copy_out(tiny_out, tmp_path / "d")
    cert = load_cert(target, "def:a")
    cert["statement"] = "a different definition"
    cert["hash"] = digest({k: v for k, v in cert.items() if k not in ("hash", "run")})
    save_cert(target, "def:a", cert)
    result = verify_dir(target)
    assert {"def:a", "lem:id"} <= failed_nodes(result)


# ----------------------------------------------------------------------------- forgeries with valid hashes


def _forge(full_out, tmp_path, node, edit):
    target = copy_out(full_out, tmp_path / "forged")
    cert = load_cert(target, node)
    edit(cert)
    save_cert(target, node, cert)
    reseal(target)
    return verify_dir(target, timeout=30)


def test_resealed_false_identity_is_not_reproved(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["record"]["rhs"] = {"op": "Add", "args": [
            {"op": "Pow", "args": [{"sym": "x", "assume": ["real"]}, {"int": "2"}]},
            {"op": "Pow", "args": [{"sym": "y", "assume": ["real"]}, {"int": "2"}]}]}
    result = _forge(full_out, tmp_path, "lem:true", edit)
    assert "lem:true" in failed_nodes(result)
    assert any("could not be shown equal" in r for n, r in result.failures if n == "lem:true")


def test_resealed_false_chain_step_is_not_reproved(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["record"]["steps"][0]["params"]["A"] = {"list": [{"list": [{"int": "1"}]}]}
    assert "lem:chain" in failed_nodes(_forge(full_out, tmp_path, "lem:chain", edit))


def test_resealed_status_upgrade_is_caught(full_out, tmp_path):
    def edit(cert):
        cert["status"] = "proved"
    result = _forge(full_out, tmp_path, "lem:false", edit)
    assert any("does not follow" in r for n, r in result.failures if n == "lem:false")


def test_resealed_unrelated_smtlib_is_caught(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["record"]["smtlib"] = "(declare-fun x () Real)\n(assert false)\n(check-sat)\n"
    result = _forge(full_out, tmp_path, "prop:z3", edit)
    assert any("does not encode" in r for n, r in result.failures if n == "prop:z3")


def test_resealed_wrong_z3_model_is_caught(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["counterexample"]["model"] = {"x": "1", "y": "1"}
    result = _forge(full_out, tmp_path, "prop:z3false", edit)
    assert any("does not satisfy" in r for n, r in result.failures if n == "prop:z3false")


def test_resealed_wrong_sympy_counterexample_is_caught(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["counterexample"]["symbols"] = {"x": {"int": "0"}, "y": {"int": "0"}}
    result = _forge(full_out, tmp_path, "lem:false", edit)
    assert any("agree" in r for n, r in result.failures if n == "lem:false")


def test_resealed_numeric_verdict_must_follow_from_residuals(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["record"]["residuals"] = [0.5, 0.5]
    result = _forge(full_out, tmp_path, "rem:num", edit)
    assert any("residuals" in r for n, r in result.failures if n == "rem:num")


def test_cli_names_the_failing_node_and_exits_1(tiny_out, tmp_path):
    target = copy_out(tiny_out, tmp_path / "d")
    path = cert_path(target, "lem:id")
    text = path.read_text().replace('"Identity"', '"Identitx"')
    path.unlink()
    path.write_text(text)
    done = call_cli("verify", str(target), "--no-cvc5", cwd=tmp_path)
    assert done.returncode == 1
    assert "FAIL  lem:id:" in done.stdout


def test_resealed_assumption_witness_must_satisfy_the_assumptions(full_out, tmp_path):
    def edit(cert):
        witness = cert["obligations"][0]["record"]["assumption_witness"]
        assert witness["status"] == "satisfiable"
        witness["method"] = "sampling"
        witness["witness"] = {"symbols": {"x": {"int": "1"}, "y": {"int": "0"}}, "functions": {}}
    result = _forge(full_out, tmp_path, "lem:assume", edit)
    assert any("does not satisfy the assumption" in r for n, r in result.failures if n == "lem:assume")
