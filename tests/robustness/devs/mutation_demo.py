"""A small development for mutation testing: identities, a chain, implications."""
import sympy as sp

from proofs import Assume, Chain, Development, Identity, Implication, Obligation, Step

DEVELOPMENT = Development("mutation-demo", "Mutation demo")
x, y, d = sp.symbols("x y d", real=True)
t00, t01, t10, t11 = sp.symbols("t00 t01 t10 t11", real=True)
f = sp.Function("f")
T = sp.Matrix([[t00, t01], [t10, t11]])
u = sp.Matrix([x, y])

DEVELOPMENT.definition("def:T", "Linear map", "T is a 2x2 matrix of symbols")


@DEVELOPMENT.lemma("lemma:shift", "Shift composition", r"f((x - d) + d) = f(x)", deps=["def:T"])
def shift():
    yield Obligation("compose", Identity(f(2 * (x - d) + 2 * d, y), f(2 * x, y)))


@DEVELOPMENT.lemma("lemma:matrix", "Apply T", r"T u", deps=["def:T"])
def matrix():
    image = T * u
    yield Obligation("apply", Identity(f(image[0], image[1]), f(t00 * x + t01 * y, t10 * x + t11 * y)))


@DEVELOPMENT.lemma("lemma:chain", "A chain", r"(x+1)^2 - 1 = x(x+2)")
def chain():
    yield Obligation("chain", Chain((x + 1) ** 2 - 1, (Step(x ** 2 + 2 * x + 1 - 1), Step(x * (x + 2)))))


@DEVELOPMENT.lemma("lemma:ineq", "An inequality", r"x > 1, y >= 2 => x y > 2")
def ineq():
    yield Obligation("product", Implication((Assume(x > 1), Assume(y >= 2)), x * y > 2))


@DEVELOPMENT.lemma("lemma:det", "Determinant", r"det T != 0 => T^{-1} T = I",
                   deps=["def:T"])
def det():
    yield Obligation("inverse", Identity(T.inv() * T, sp.eye(2), (Assume(sp.Ne(T.det(), 0)),)))
