"""A development with one node of every outcome, for the pytest plugin and the JUnit tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

OUTCOMES_DEV = textwrap.dedent('''
    import sympy as sp
    from proofs import Development, Identity, Implication, Numeric, NumericResult, Obligation

    DEVELOPMENT = Development("outcomes")
    x = sp.Symbol("x", real=True)
    DEVELOPMENT.definition("def:a", "A definition", "a := 1")


    @DEVELOPMENT.lemma("lemma:proved", "Proved", "(x+1)^2 = x^2+2x+1", deps=["def:a"])
    def proved():
        yield Obligation("square", Identity((x + 1) ** 2, x**2 + 2 * x + 1))


    def agree(rng, profile):
        return NumericResult(resolutions=(10, 20), residuals=(0.0, 0.0), tolerance=1e-9)


    @DEVELOPMENT.lemma("lemma:corroborated", "Numeric only", "sampled")
    def corroborated():
        yield Obligation("samples", Numeric(agree))


    @DEVELOPMENT.lemma("lemma:trap", "Expected false", "x^2 >= x", expect="refuted")
    def trap():
        yield Obligation("z3", Implication((), x**2 >= x))


    @DEVELOPMENT.lemma("lemma:printed", "Printed, false", "x >= 0")
    def printed():
        yield Obligation("z3", Implication((), x >= 0))


    @DEVELOPMENT.lemma("lemma:printed.corrected", "What holds", "x^2 >= 0", corrects="lemma:printed",
                       printed=False)
    def corrected():
        yield Obligation("z3", Implication((), x**2 >= 0))


    @DEVELOPMENT.lemma("lemma:wrong", "False and not expected to be", "x >= 1")
    def wrong():
        yield Obligation("z3", Implication((), x >= 1))


    @DEVELOPMENT.lemma("lemma:surprise", "Expected false, but true", "x^2 >= 0", expect="refuted")
    def surprise():
        yield Obligation("z3", Implication((), x**2 >= 0))


    @DEVELOPMENT.lemma("lemma:broken", "A builder that raises", "-")
    def broken():
        raise RuntimeError("boom")
        yield
''')

# node -> how pytest reports it (and how the JUnit XML records it)
OUTCOMES = {
    "def:a": "skipped", "lemma:proved": "passed", "lemma:corroborated": "passed",
    "lemma:trap": "xfail", "lemma:printed": "xfail", "lemma:printed.corrected": "passed",
    "lemma:wrong": "failed", "lemma:surprise": "failed", "lemma:broken": "failed",
}


def write_outcomes_dev(directory: Path) -> Path:
    path = directory / "outcomes.py"
    path.write_text(OUTCOMES_DEV)
    return path
