"""Certificates come from strangers: code in them is rejected and never runs; work is bounded."""
from __future__ import annotations

import time

import pytest
from cert_helpers import call_cli, cert_path, copy_out, failed_nodes, load_cert, reseal, save_cert, verify_dir


def _plant(full_out, tmp_path, node, edit, **kwargs):
    target = copy_out(full_out, tmp_path / "evil")
    cert = load_cert(target, node)
    edit(cert)
    save_cert(target, node, cert)
    reseal(target)                     # valid hashes: only the decoder stands in the way
    return target, verify_dir(target, **kwargs)


def _code(marker):
    return f"__import__('os').system('touch {marker}')"


@pytest.mark.parametrize("field", ["fn", "sym", "float", "op", "const", "int"])
def test_python_code_in_an_expression_is_rejected_without_running(full_out, tmp_path, field):
    marker = tmp_path / "pwned"

    def edit(cert):
        payload = {"fn": {"fn": _code(marker), "args": []},
                   "sym": {"sym": _code(marker)},
                   "float": {"float": _code(marker)},
                   "op": {"op": _code(marker), "args": []},
                   "const": {"const": _code(marker)},
                   "int": {"int": _code(marker)}}[field]
        cert["obligations"][0]["record"]["lhs"] = payload
    _, result = _plant(full_out, tmp_path, "lem:true", edit)
    reasons = [r for n, r in result.failures if n == "lem:true"]
    assert any("lhs: not a" in r or "lhs: unknown" in r for r in reasons), reasons
    assert not marker.exists()


def test_code_in_a_counterexample_is_rejected(full_out, tmp_path):
    marker = tmp_path / "pwned"

    def edit(cert):
        cert["obligations"][0]["counterexample"]["functions"] = {"g": {"fn": _code(marker), "args": []}}
    _, result = _plant(full_out, tmp_path, "lem:false", edit)
    assert "lem:false" in failed_nodes(result)
    assert not marker.exists()


def test_unknown_keys_in_an_expression_fail_the_schema(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["record"]["lhs"] = {"pickle": "gASVAAAAAAAAAAB9lC4="}
    _, result = _plant(full_out, tmp_path, "lem:true", edit)
    assert any("schema" in r for n, r in result.failures if n == "lem:true")


@pytest.mark.parametrize("command", [
    '(set-option :regular-output-channel "{marker}")',
    '(include "{marker}")',
    "(eval (touch))",
])
def test_smtlib_commands_beyond_declarations_are_refused(full_out, tmp_path, command):
    marker = tmp_path / "written-by-solver"

    def edit(cert):
        record = cert["obligations"][0]["record"]
        record["smtlib"] = command.format(marker=marker) + "\n" + record["smtlib"]
    _, result = _plant(full_out, tmp_path, "prop:z3", edit)
    assert any("not allowed" in r or "string literal" in r for n, r in result.failures if n == "prop:z3")
    assert not marker.exists()


def test_cvc5_never_sees_unscreened_text():
    pytest.importorskip("cvc5")
    from certificates.cvc5_check import cvc5_answer

    assert cvc5_answer("(declare-fun x () Real)(assert (> x 0))(check-sat)") == "sat"
    assert cvc5_answer("(declare-fun x () Real)(assert (> x x))(check-sat)") == "unsat"
    with pytest.raises(ValueError):
        cvc5_answer('(set-option :diagnostic-output-channel "/tmp/x")(check-sat)')


def test_an_expression_bomb_is_stopped_by_the_time_limit(full_out, tmp_path):
    def edit(cert):
        cert["obligations"][0]["record"]["lhs"] = {
            "op": "Pow", "args": [{"int": "10"}, {"int": "1000000000000"}]}
    start = time.monotonic()
    _, result = _plant(full_out, tmp_path, "lem:true", edit, timeout=3, memory_mb=1024)
    assert "lem:true" in failed_nodes(result)
    assert time.monotonic() - start < 60


def test_deeply_nested_json_is_rejected(full_out, tmp_path):
    target = copy_out(full_out, tmp_path / "deep")
    manifest = target / "manifest.json"
    path = cert_path(target, "lem:true")
    path.unlink()
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = verify_dir(target)
    assert "lem:true" in failed_nodes(result)
    assert manifest.exists()


def test_duplicate_keys_are_rejected(full_out, tmp_path):

    target = copy_out(full_out, tmp_path / "dup")
    path = cert_path(target, "lem:true")
    text = path.read_text()
    path.unlink()
    path.write_text(text.replace('"status": "proved"', '"status": "proved", "status": "proved"', 1))
    result = verify_dir(target)
    assert any("duplicate key" in r for n, r in result.failures if n == "lem:true")


def test_path_traversal_in_the_manifest_is_refused(full_out, tmp_path):
    import json

    target = copy_out(full_out, tmp_path / "trav")
    path = target / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["certificates"][0]["file"] = "certificates/../../../etc/passwd.json"
    path.unlink()
    path.write_text(json.dumps(manifest))
    done = call_cli("verify", str(target), "--no-cvc5", cwd=tmp_path)
    assert done.returncode == 1
    assert "FAIL  manifest:" in done.stdout
