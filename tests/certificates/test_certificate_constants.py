"""A result proved from a cited formula is a fact about the cited theory's objects: a forged certificate that
uses it for another object (its μ replaced by any ν) is rejected by the kernel, which derives what each used
result rests on from the certificates themselves, never from what a record says."""
from __future__ import annotations

import pytest
import sympy as sp
from cert_helpers import call_cli, check_dev, failed_nodes, load_cert, reseal, save_cert, verify_dir, write_dev

from certificates import recheck
from certificates.decide import plan_checks
from certificates.serialize import encode
from certificates.smt import decode_relation
from certificates.verify import _judge_input
from proofs.writer import write_certificates

DEV = '''
import sympy as sp
from proofs import Assume, Development, Implication, Obligation, Use
DEVELOPMENT = Development("constants")
mu, marker = sp.Function("mu", real=True), sp.Function("marker", real=True)
a = sp.Symbol("a", real=True)

DEVELOPMENT.cited("cite:theory", "mu is zero where its marker is one", "marker(a) = 1 => mu(a) = 0",
                  reference="a cited theory",
                  states=[Obligation("s", Implication((Assume(sp.Eq(marker(a), 1)),), sp.Eq(mu(a), 0), opaque=True),
                                     parameters=(a,))])

@DEVELOPMENT.lemma("lemma:about-mu", "from the theory", "marker(a) = 1 => mu(a) = 0", deps=["cite:theory"])
def _():
    yield Obligation("m", Implication((Assume(sp.Eq(marker(a), 1)), Use("cite:theory", "s", {a: a})), sp.Eq(mu(a), 0)))

@DEVELOPMENT.lemma("lemma:again", "the same, used", "marker(a) = 1 => mu(a) = 0", deps=["lemma:about-mu"])
def _():
    yield Obligation("n", Implication((Assume(sp.Eq(marker(a), 1)), Use("lemma:about-mu", "m", {})), sp.Eq(mu(a), 0)))
'''


@pytest.mark.timeout(180)
def test_a_forged_use_that_replaces_a_cited_constant_is_rejected(tmp_path):
    run = check_dev(write_dev(tmp_path, DEV), timeout=60)
    out = tmp_path / "out"
    write_certificates(run, out)
    assert not failed_nodes(verify_dir(out))
    a = sp.Symbol("a", real=True)
    mu, nu = sp.Function("mu", real=True), sp.Function("nu", real=True)
    cert = load_cert(out, "lemma:again")
    record = cert["obligations"][0]["record"]
    use = record["uses"][0]
    use["substitution"] = [[encode(mu(a)), encode(nu(a))]]          # μ := ν, a valid instance otherwise
    swap = (lambda tree, what: encode(decode_relation(tree, what).replace(mu, nu)))
    record["hypotheses"][use["hypothesis"]] = swap(record["hypotheses"][use["hypothesis"]], "hypothesis")
    record["conclusion"] = swap(record["conclusion"], "conclusion")
    save_cert(out, "lemma:again", cert)
    reseal(out)

    nodes = [_judge_input(load_cert(out, n)) for n in ("cite:theory", "lemma:about-mu", "lemma:again")]
    _, used = plan_checks(nodes, cvc5=False)
    rests_on = used[("lemma:again", 0)][0]["constants"]
    assert {"function:mu", "function:marker"} <= set(rests_on)
    ok, detail = recheck.check_uses(record, ["lemma:about-mu"], used[("lemma:again", 0)])
    assert not ok and "a constant of a stated formula the used result rests on" in detail, detail
    assert "lemma:again" in failed_nodes(verify_dir(out))
    proc = call_cli("verify", str(out), "--no-cvc5", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_a_stated_formulas_constants_are_all_but_its_parameters():
    from certificates.normal_form import stated_constants

    a, b = sp.symbols("a b", real=True)
    mu, g = sp.Function("mu", real=True), sp.Function("g")
    formula = sp.Implies(sp.Eq(g(a), 1), sp.Eq(mu(a) + b, 0))
    assert stated_constants([formula], (a, g(a))) == {"function:mu", "symbol:b"}
