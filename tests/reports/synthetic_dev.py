"""A small development with every kind of outcome a report must show.

Proved identity (SymPy), proved implication (Z3), a printed lemma refuted by Z3 with
its proved correction, numeric residuals and CNN-style alignment residuals.
"""
import sympy as sp

from proofs.development import Development
from proofs.model import Assume, Identity, Implication, Numeric, NumericResult, Obligation

DEVELOPMENT = Development("synthetic", title="A synthetic paper")
x, y = sp.symbols("x y", real=True)

DEVELOPMENT.definition("definition:1.1", "Translation", r"$(\mathcal{D}_\delta f)(x) = f(x - \delta)$")
DEVELOPMENT.cited("cited:fubini", "Fubini", r"$\int\int f = \int\int f$",
                  reference="Rudin 1987, Thm 8.8", hypotheses=("integrable",))


@DEVELOPMENT.lemma("lemma:2.1", "Squares", r"$(x+y)^2 = x^2 + 2xy + y^2$ for $x, y \in \mathbb{R}$",
                   deps=("definition:1.1",))
def _squares():
    yield Obligation("expand", Identity((x + y) ** 2, x ** 2 + 2 * x * y + y ** 2), claim="binomial", dims=(2,))


@DEVELOPMENT.lemma("lemma:2.2", "Printed positivity", r"If $x > 0$ then $x - 1 > 0$.",
                   deps=("lemma:2.1",))
def _printed():
    yield Obligation("positive", Implication((Assume(x > 0),), x - 1 > 0), claim="x>0 => x-1>0")


@DEVELOPMENT.lemma("lemma:2.2.corrected", "Positivity (corrected)", r"If $x > 1$ then $x - 1 > 0$.",
                   deps=("lemma:2.1",), corrects="lemma:2.2", printed=False)
def _corrected():
    yield Obligation("positive", Implication((Assume(x > 1),), x - 1 > 0), claim="x>1 => x-1>0")


def _converging(rng, profile):
    resolutions = (16, 32, 64)
    return NumericResult(resolutions, tuple(1.0 / r ** 2 for r in resolutions), tolerance=1e-3)


def _alignment(rng, profile):
    rows = [{"transform": "rotation-90", "class": "rotation", "residual": 1e-9},
            {"transform": "scaling-2", "class": "scaling", "residual": 0.4},
            {"transform": "shear", "class": "shear", "residual": 0.3}]
    resolutions = (16, 32)
    return NumericResult(resolutions, (0.5, 0.4), tolerance=1e-2, expect="disagree",
                         details={"alignment": rows})


@DEVELOPMENT.theorem("theorem:3.1", "Main theorem",
                     r"By Lemma 2.1 and Lemma 2.2, $\Lambda \neq \mathcal{T}_h$.", deps=("lemma:2.2.corrected", "cited:fubini"),
                     cited_hypotheses={"cited:fubini": {"integrable": "discharged: compact support"}})
def _main():
    yield Obligation("identity", Identity(sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)), claim="pythagoras")
    yield Obligation("quadrature", Numeric(_converging, "grid quadrature"), claim="converges", dims=(2,))
    yield Obligation("alignment", Numeric(_alignment, "CNN alignment"), claim="no alignment", dims=(2,))
