"""check -> write -> verify accepts, and the certificates say what the engine found."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from cert_helpers import REPO, call_cli, cli, env, load_cert, verify_dir

EXPECTED = {
    "def:sq": "assumed", "thm:cov": "assumed", "lem:true": "proved", "lem:false": "refuted",
    "lem:false.corrected": "proved", "lem:chain": "proved", "lem:badchain": "refuted",
    "prop:z3": "proved", "prop:z3false": "refuted", "prop:vacuous": "failed",
    "lem:assume": "proved", "lem:vacuous": "failed", "rem:num": "corroborated", "thm:main": "proved", "thm:blocked": "blocked",
}


def test_round_trip_verifies_every_certificate(full_out):
    result = verify_dir(full_out)
    assert result.failures == []
    assert result.statuses == EXPECTED


def test_certificates_match_the_shipped_schema(full_out):
    schema = json.loads((REPO / "certificates" / "schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    manifest = json.loads((full_out / "manifest.json").read_text())
    for entry in manifest["certificates"]:
        validator.validate(json.loads((full_out / entry["file"]).read_text()))
    jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/manifest"}).validate(manifest)


def test_records_are_recheckable(full_out):
    z3 = load_cert(full_out, "prop:z3")
    assert all("(check-sat)" in ob["record"]["smtlib"] for ob in z3["obligations"])
    refuted = load_cert(full_out, "prop:z3false")["obligations"][0]
    assert refuted["verdict"] == "refuted" and set(refuted["counterexample"]["model"]) == {"x", "y"}
    identity = load_cert(full_out, "lem:false")["obligations"][0]
    assert identity["record"]["kind"] == "identity" and identity["counterexample"]["symbols"]
    chain = load_cert(full_out, "lem:badchain")["obligations"][0]
    assert chain["counterexample"]["step"] == 2
    assert load_cert(full_out, "rem:num")["obligations"][0]["record"]["seed"] >= 0


def test_dependencies_carry_the_hashes_of_their_certificates(full_out):
    main = load_cert(full_out, "thm:main")
    for dep in main["dependencies"]:
        assert dep["hash"] == load_cert(full_out, dep["id"])["hash"]
    manifest = json.loads((full_out / "manifest.json").read_text())
    assert ["lem:chain", "thm:main"] in manifest["edges"]
    assert {e["node"] for e in manifest["certificates"]} == set(EXPECTED)


def test_layout_names_and_run_summary(full_out):
    assert (full_out / "certificates" / "lem_false.corrected.json").is_file()
    summary = json.loads((full_out / "run.json").read_text())
    by_id = {n["id"]: n for n in summary["nodes"]}
    assert by_id["lem:chain"]["certificate"] == "certificates/lem_chain.json"
    assert summary["manifest"]["hash"] == json.loads((full_out / "manifest.json").read_text())["hash"]


def test_timings_and_paths_stay_out_of_the_hash(full_out):
    cert = load_cert(full_out, "lem:chain")
    assert "seconds" in cert["run"] and "source" in cert["run"]
    hashed = json.dumps({k: v for k, v in cert.items() if k not in ("hash", "run")})
    assert "seconds" not in hashed and str(full_out.parent) not in hashed


def test_cvc5_repeats_the_smtlib_queries(full_out):
    pytest.importorskip("cvc5")
    result = verify_dir(full_out, use_cvc5=True)
    assert result.failures == []
    notes = " ".join(result.notes["prop:z3"])
    assert "cvc5 agrees" in notes and "smtlib unsat" in notes
    assert "cvc5 agrees" in " ".join(result.notes["prop:z3false"])


def test_cli_entry_points(full_out, tmp_path):
    for module in (["proofs", "verify"], ["certificates.verify"]):
        done = cli(*module, str(full_out), "--no-cvc5", cwd=tmp_path)
        # every certificate re-checks; the run itself is not accepted (it has failed nodes), as check said
        assert done.returncode == 1, done.stdout + done.stderr
        assert "all 15 certificates re-check" in done.stdout and "the run is not accepted" in done.stdout


@pytest.mark.parametrize("make", ["missing", "no-manifest", "garbage"])
def test_unreadable_input_exits_2(tmp_path, make):
    target = tmp_path / "dir"
    if make != "missing":
        target.mkdir()
    if make == "garbage":
        (target / "manifest.json").write_text("{not json")
    done = call_cli("verify", str(target), cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "error:" in done.stderr and "Traceback" not in done.stderr


def test_verifier_imports_nothing_of_the_engine(full_out, tmp_path):
    """The kernel, all of it (verify, the judge, the re-checks, the memo), loads no module of the engine
    or of a development: checked by the modules a verification actually loaded."""
    code = ("import sys, certificates.verify as v, certificates.judge, certificates.memo; "
            "r = v.verify(sys.argv[1], use_cvc5=False); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('proofs', 'symbolic', 'developments')]; "
            "print(bad); sys.exit(1 if bad or r.failures else 0)")
    done = subprocess.run([sys.executable, "-c", code, str(full_out)], cwd=tmp_path, env=env(),
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]"


def test_no_kernel_module_names_the_engine_or_a_development():
    """Every import in certificates/ (the kernel), read from the source: none reaches above the kernel."""
    import ast

    kernel = Path(__file__).resolve().parents[2] / "certificates"
    for path in sorted(kernel.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            for name in names:
                assert name.split(".")[0] not in ("proofs", "symbolic", "developments", "examples"), (path.name, name)


def test_the_functions_the_paper_uses_are_recorded_in_recheckable_form():
    """An expression the encoder cannot write is rejected by the kernel (prop:5.12's arctan was, once)."""
    import sympy as sp

    from certificates.serialize import decode, encode

    x = sp.Symbol("x", real=True)
    for expr in (sp.atan(sp.Integral(x, (x, 0, 1)) / sp.pi), sp.atan2(x, 1), sp.exp(-x**2), sp.Abs(sp.sin(x))):
        assert decode(encode(expr)) == expr


def test_an_undefined_function_keeps_its_assumptions():
    """f real is recorded as real: without it the kernel's instance of |f(x)| differs from the engine's (the
    engine simplifies |σ_max(A)^2| to σ_max(A)^2; a decoded complex σ_max kept the Abs)."""
    import sympy as sp

    from certificates.serialize import SerializationError, decode, encode

    x = sp.Symbol("x", real=True)
    for kwargs in ({}, {"real": True}, {"positive": True}, {"integer": True}):
        f = sp.Function("sigma_max", **kwargs)
        assert decode(encode(sp.Abs(f(x) ** 2))) == sp.Abs(f(x) ** 2)
    assert decode(encode(sp.Function("f")(x))) != sp.Function("f", real=True)(x)
    with pytest.raises(SerializationError):
        decode({"fn": "f", "args": [{"sym": "x"}], "assume": ["commutative_and_evil"]})
