"""A new user, with README and docs/authoring.md only, writes a development in a fresh directory and
checks it.

The development below is not copied from the guide: it uses what the guide teaches (every name it needs
is checked to appear there) on mathematics of its own, and is checked outside the project's tree.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

MY_DEVELOPMENT = textwrap.dedent('''
    import numpy as np
    import sympy as sp

    from proofs import (Assume, Chain, Development, Identity, Implication, Numeric, NumericResult,
                        Obligation, Step)

    DEVELOPMENT = Development("notebook", title="Things I wanted to be sure of")
    a1, a2, b1, b2, r, y, u = sp.symbols("a1 a2 b1 b2 r y u", real=True)
    n = sp.Symbol("n", real=True)
    f = sp.Function("f")

    DEVELOPMENT.definition("def:geometric", "Geometric sum", r"S_5(r) = \\sum_{k=0}^{4} r^k")
    DEVELOPMENT.cited("cite:substitution", "Substitution in integrals", r"\\int g(y)dy = |a|\\int g(au)du",
                      reference="any analysis text", hypotheses=["g integrable", "a != 0"])


    @DEVELOPMENT.lemma("lemma:geometric", "Closed form", r"(1-r) S_5(r) = 1 - r^5", deps=["def:geometric"])
    def geometric():
        yield Obligation("closed", Identity((1 - r) * sum(r**k for k in range(5)), 1 - r**5), dims=(1,))


    def cs_samples(rng, profile):
        sizes = (1_000, 100_000)
        worst = []
        for count in sizes:
            a, b = rng.normal(size=(2, 2, count))
            gap = (a[0] * b[0] + a[1] * b[1]) ** 2 - (a[0] ** 2 + a[1] ** 2) * (b[0] ** 2 + b[1] ** 2)
            worst.append(float(max(0.0, gap.max())))
        return NumericResult(resolutions=sizes, residuals=tuple(worst), tolerance=1e-9)


    @DEVELOPMENT.lemma("lemma:cauchy-schwarz", "Cauchy-Schwarz in the plane",
                       r"(a\\cdot b)^2 \\le |a|^2 |b|^2")
    def cauchy_schwarz():
        yield Obligation("z3", Implication((), (a1 * b1 + a2 * b2) ** 2 <= (a1**2 + a2**2) * (b1**2 + b2**2)),
                         dims=(2,))
        yield Obligation("samples", Numeric(cs_samples, "random vectors"), dims=(2,))


    @DEVELOPMENT.lemma("lemma:dilation", "Dilating by 3", r"\\int f(3y)\\,dy = \\tfrac13\\int f(u)\\,du",
                       deps=["cite:substitution"])
    def dilation():
        start = sp.Integral(f(3 * y), (y, -sp.oo, sp.oo))
        yield Obligation("substitute", Chain(start, (
            Step(sp.Integral(f(u) / 3, (u, -sp.oo, sp.oo)), "change_of_variables", by="cite:substitution",
                 params={"old": [y], "new": [u], "A": sp.Matrix([[sp.Rational(1, 3)]])}),
            Step(sp.Integral(f(u), (u, -sp.oo, sp.oo)) / 3),
        )), dims=(1,))


    @DEVELOPMENT.lemma("lemma:thirds", "No integer thirds", r"3n \\ne 1 \\text{ for } n \\in \\mathbb{Z}")
    def thirds():
        yield Obligation("z3", Implication((), sp.Ne(3 * n, 1), integer_symbols=(n,)))


    @DEVELOPMENT.lemma("lemma:dominates", "A square dominates a product (as I first wrote it)",
                       r"a^2 \\ge ab")
    def dominates():
        yield Obligation("z3", Implication((), a1**2 >= a1 * b1))


    @DEVELOPMENT.lemma("lemma:dominates.corrected", "A square dominates a product",
                       r"a \\ge b \\ge 0 \\Rightarrow a^2 \\ge ab",
                       corrects="lemma:dominates", printed=False)
    def dominates_corrected():
        yield Obligation("z3", Implication((Assume(a1 >= b1), Assume(b1 >= 0)), a1**2 >= a1 * b1))


    @DEVELOPMENT.lemma("lemma:cube", "Cubes grow (a trap)", r"r^3 \\ge r", expect="refuted")
    def cube():
        yield Obligation("z3", Implication((), r**3 >= r))
''')

EXPECTED = {"def:geometric": "assumed", "cite:substitution": "assumed", "lemma:geometric": "proved",
            "lemma:cauchy-schwarz": "proved", "lemma:dilation": "proved", "lemma:thirds": "proved",
            "lemma:dominates": "refuted", "lemma:dominates.corrected": "proved", "lemma:cube": "refuted"}
# what the development above needed to know, and where a new user finds it
TAUGHT = ["Development(", ".definition(", ".cited(", "reference=", "hypotheses=", "@DEVELOPMENT.lemma(",
          "deps=",
          "Obligation(", "Identity(", "Implication(", "Assume(", "integer_symbols", "Chain(", "Step(",
          "change_of_variables", '"old"', '"new"', '"A"', "Numeric(", "NumericResult(", "resolutions",
          "residuals", "tolerance", "rng", "profile", "corrects=", "printed=False", ".corrected",
          'expect="refuted"', "dims=", "python -m proofs check", "--out", "python -m proofs verify"]


def test_everything_it_uses_is_in_the_readme_or_the_guide():
    taught = (ROOT / "README.md").read_text() + (ROOT / "docs" / "authoring.md").read_text()
    assert [name for name in TAUGHT if name not in taught] == []


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "proofs", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=280, check=False)


@pytest.mark.timeout(600)
def test_a_new_user_checks_their_own_development(tmp_path):
    home = tmp_path / "my-project"
    home.mkdir()
    (home / "notebook.py").write_text(MY_DEVELOPMENT)
    checked = run("check", "notebook.py", "--out", "results", "--quiet", cwd=home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    summary = json.loads((home / "results" / "run.json").read_text())
    assert {node["id"]: node["status"] for node in summary["nodes"]} == EXPECTED
    assert "Traceback" not in checked.stderr
    verified = run("verify", "results", cwd=home)
    assert verified.returncode == 0, verified.stdout + verified.stderr
