"""Exact classification of a real invertible 2x2 or 3x3 matrix by its dynamics.

Answers which kind of linear map T_h is (identity, finite order, reflection-like,
elliptic, shear, parabolic, hyperbolic, scaling, general), decided exactly with SymPy:
a question that SymPy cannot settle (a zero test, a sign, whether an angle is a
rational multiple of pi) makes the answer ``undetermined`` instead of a guess.

Also computes what an invariant filter must look like: the order of the finite
group T_h generates, or a positive definite Q with T_h^T Q T_h = Q whose ellipses
x^T Q x = c the map preserves. Nothing here knows of a paper or of the engine.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field

import sympy as sp
from sympy.polys.polyerrors import NotAlgebraic

MAX_TEXT = 2000          # characters of a matrix literal
MAX_EXPONENT = 64        # |p| of a power written by the user
MAX_DIGITS = 40          # digits of one number literal
MAX_ORDER_DEGREE = 24    # degree of 2cos(theta) over Q up to which roots of unity are searched
MAX_DEPTH = 60           # nesting of operations in one entry
MAX_SIZE_DIGITS = 1000   # digits of a rational number computed from the entries

_X = sp.Symbol("x")

KINDS = ("identity", "finite-order", "reflection-like", "elliptic", "shear", "parabolic",
         "hyperbolic", "scaling", "general", "undetermined")


class MatrixInputError(ValueError):
    """The text is not a real square 2x2 or 3x3 matrix of the accepted expressions."""


class SingularMatrixError(ValueError):
    """det T_h = 0: T_h is not an invertible linear map, so the classification does not apply."""


class Undetermined(Exception):
    """SymPy cannot decide a question the classification needs."""


# ----------------------------------------------------------------------------------------- parsing

_FUNCTIONS = {
    "sqrt": sp.sqrt, "cbrt": sp.cbrt, "cos": sp.cos, "sin": sp.sin, "tan": sp.tan, "cot": sp.cot,
    "sec": sp.sec, "csc": sp.csc, "acos": sp.acos, "asin": sp.asin, "atan": sp.atan, "exp": sp.exp,
    "log": sp.log, "ln": sp.log, "cosh": sp.cosh, "sinh": sp.sinh, "tanh": sp.tanh, "abs": sp.Abs,
}
_CONSTANTS = {"pi": sp.pi, "π": sp.pi, "E": sp.E}
_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
           ast.Div: lambda a, b: a / b, ast.Pow: None, ast.BitXor: None}


def parse_matrix(text: str) -> sp.Matrix:
    """``"[[a, b], [c, d]]"`` (or 3x3) to an exact SymPy matrix.

    A small grammar over Python's parser, evaluating nothing: numbers (decimals are read
    exactly, 0.1 is 1/10), + - * / ** ^, parentheses, pi, E and a few named functions.
    """
    if len(text) > MAX_TEXT:
        raise MatrixInputError(f"the matrix text is {len(text)} characters long; at most {MAX_TEXT} are read")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise MatrixInputError(f"cannot read {text!r} as a matrix: {exc.msg} at column {exc.offset}") \
            from None
    rows = tree.body
    if not isinstance(rows, (ast.List, ast.Tuple)) or not all(isinstance(r, (ast.List, ast.Tuple))
                                                             for r in rows.elts):
        raise MatrixInputError(f"{text!r} is not a list of rows; write it as \"[[a, b], [c, d]]\"")
    n = len(rows.elts)
    if n not in (2, 3) or any(len(r.elts) != n for r in rows.elts):
        shape = f"{n} rows of lengths {[len(r.elts) for r in rows.elts]}"
        raise MatrixInputError(f"a square 2x2 or 3x3 matrix is needed, got {shape}")
    entries = [[_entry(e, text, i, j) for j, e in enumerate(r.elts)] for i, r in enumerate(rows.elts)]
    return sp.Matrix(entries)


def _entry(node: ast.AST, text: str, i: int, j: int) -> sp.Expr:
    where = f"entry ({i + 1}, {j + 1})"
    value = _evaluate(node, text, where)
    if not isinstance(value, sp.Expr) or value.free_symbols:
        raise MatrixInputError(f"{where} is not a number")
    if value.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or value.is_finite is False:
        raise MatrixInputError(f"{where} ({ast.get_source_segment(text, node)}) is not finite")
    if value.is_real is not True:
        what = "not real" if value.is_real is False else "not known to be real"
        raise MatrixInputError(f"{where} ({ast.get_source_segment(text, node)} = {value}) is {what}")
    return value


def _evaluate(node: ast.AST, text: str, where: str, depth: int = 0) -> sp.Expr:
    if depth > MAX_DEPTH:
        raise MatrixInputError(f"{where} is nested more than {MAX_DEPTH} operations deep")
    value = _evaluate_node(node, text, where, depth + 1)
    if isinstance(value, sp.Rational) and max(len(str(abs(value.p))), len(str(value.q))) > MAX_SIZE_DIGITS:
        raise MatrixInputError(f"{where}: a number with more than {MAX_SIZE_DIGITS} digits")
    return value


def _evaluate_node(node: ast.AST, text: str, where: str, depth: int) -> sp.Expr:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and \
            not isinstance(node.value, bool):
        literal = (ast.get_source_segment(text, node) or repr(node.value)).replace("_", "")
        if len(literal) > MAX_DIGITS:
            raise MatrixInputError(f"{where}: the number {literal[:20]}... has more than {MAX_DIGITS} digits")
        try:
            return sp.Rational(literal) if isinstance(node.value, float) else sp.Integer(node.value)
        except (TypeError, ValueError):
            raise MatrixInputError(f"{where}: cannot read the number {literal!r}") from None
    if isinstance(node, ast.Name) and node.id in _CONSTANTS:
        return _CONSTANTS[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        value = _evaluate(node.operand, text, where, depth)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left, text, where, depth), _evaluate(node.right, text, where, depth)
        if isinstance(node.op, (ast.Pow, ast.BitXor)):
            if not (right.is_Rational and abs(right) <= MAX_EXPONENT):
                raise MatrixInputError(f"{where}: an exponent must be a rational number of size at most "
                                       f"{MAX_EXPONENT}, got {right}")
            if left.is_Rational and left != 0 and \
                    abs(right) * max(math.log10(abs(left.p)) + 1, math.log10(left.q) + 1) > MAX_SIZE_DIGITS:
                raise MatrixInputError(f"{where}: a number with more than {MAX_SIZE_DIGITS} digits")
            return left ** right
        if isinstance(node.op, ast.Div) and right == 0:
            raise MatrixInputError(f"{where}: division by zero")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS \
            and len(node.args) == 1 and not node.keywords:
        return _FUNCTIONS[node.func.id](_evaluate(node.args[0], text, where, depth))
    segment = ast.get_source_segment(text, node) or type(node).__name__
    allowed = ", ".join(sorted(_FUNCTIONS))
    raise MatrixInputError(f"{where}: {segment!r} is not accepted; entries are numbers, + - * / ** ^, "
                           f"pi, E and the functions {allowed}")


# ----------------------------------------------------------------------------------------- deciding

def _simplify(e: sp.Expr) -> sp.Expr:
    """A simpler equal form: the rational value of a rational algebraic number, else SymPy's simplify.

    Algebraic numbers (nested radicals) go through their minimal polynomial, which is exact and
    much faster than ``simplify`` on them.
    """
    e = sp.sympify(e)
    if e.is_Rational or not e.is_number:
        return e
    if e.is_algebraic:
        try:
            mp = sp.Poly(sp.minimal_polynomial(e, _X), _X)
        except (NotAlgebraic, NotImplementedError, ValueError):
            mp = None
        if mp is not None and mp.degree() == 1:
            a, b = mp.all_coeffs()
            return sp.Rational(-b, a)
        shorter = sp.radsimp(sp.expand(e))
        return shorter if sp.count_ops(shorter) < sp.count_ops(e) else e
    reduced = _trig_reduce(e)
    if reduced is not None:
        return reduced
    return sp.simplify(e)


def _trig_reduce(e: sp.Expr) -> sp.Expr | None:
    """``e`` as a rational function of cos(a), sin(a) with cos^2 + sin^2 = 1 applied, or None.

    Rotation matrices written with cos(1) and sin(1) make ``simplify`` slow; with cos(a) and sin(a)
    as symbols c, s the work is polynomial arithmetic, and reducing the numerator modulo
    c^2 + s^2 - 1 is exact: a numerator that reduces to 0 is 0. None when e has no such terms,
    or when roots of them remain (those are left to ``simplify``).
    """
    calls = e.atoms(sp.sin, sp.cos)
    if not calls:
        return None
    forward, back, relations, gens = {}, {}, [], []
    for arg in sorted({f.args[0] for f in calls}, key=sp.default_sort_key):
        c, s = sp.Dummy("c"), sp.Dummy("s")
        forward.update({sp.cos(arg): c, sp.sin(arg): s})
        back.update({c: sp.cos(arg), s: sp.sin(arg)})
        relations.append(s ** 2 + c ** 2 - 1)
        gens += [s, c]
    try:
        num, den = sp.fraction(sp.cancel(e.xreplace(forward)))
        if any(p.exp.is_Integer is False and p.base.free_symbols for p in (num * den).atoms(sp.Pow)):
            return None
        _, num = sp.reduced(sp.expand(num), relations, *gens)
        if num == 0:
            return sp.Integer(0)
        _, den = sp.reduced(sp.expand(den), relations, *gens)
        return sp.cancel(num / den).xreplace(back)
    except (sp.PolynomialError, sp.polys.polyerrors.PolificationFailed, sp.CoercionFailed):
        return None


def is_zero(e: sp.Expr) -> bool:
    """Exactly whether a real constant is 0; :class:`Undetermined` when SymPy cannot tell."""
    e = _simplify(e)
    if e == 0:
        return True
    if e.is_zero is not None:
        return bool(e.is_zero)
    try:                                   # an evaluation that reaches its precision proves e != 0
        if abs(e.evalf(30, strict=True)) > 0:
            return False
    except (sp.core.evalf.PrecisionExhausted, TypeError, ValueError):
        pass
    try:
        return sp.minimal_polynomial(e, sp.Symbol("x")).is_Symbol
    except (NotAlgebraic, NotImplementedError, ValueError):
        pass
    raise Undetermined(f"cannot decide whether {e} is 0")


def sign(e: sp.Expr) -> int:
    """-1, 0 or 1 for a real constant, exactly."""
    e = _simplify(e)
    if is_zero(e):
        return 0
    if e.is_positive is not None:
        return 1 if e.is_positive else -1
    try:
        value = e.evalf(30, strict=True)
        return 1 if value > 0 else -1
    except (sp.core.evalf.PrecisionExhausted, TypeError, ValueError):
        raise Undetermined(f"cannot decide the sign of {e}") from None


def _matrix_zero(m: sp.Matrix) -> bool:
    return all(is_zero(v) for v in m)


def rotation_order(c: sp.Expr) -> tuple[int | None, sp.Expr, str]:
    """For cos(theta) = c, |c| <= 1: (order of e^{i theta} or None if infinite, theta, how decided).

    theta/pi is rational exactly when e^{i theta} is a root of unity: decided from a closed form
    of acos(c), from the minimal polynomial of 2c when c is algebraic (is x^d m(x + 1/x) a
    cyclotomic polynomial?), and by transcendence when c is not algebraic.
    """
    c = _simplify(c)
    theta = _simplify(sp.acos(c))
    ratio = _simplify(theta / sp.pi)
    if ratio.is_Rational:
        p, q = ratio.p, ratio.q
        return (2 * q) // math.gcd(p, 2 * q), theta, f"theta = acos({c}) = {theta}, a rational multiple of pi"
    if ratio.is_rational is False:
        return None, theta, f"theta = {theta}: theta/pi = {ratio} is irrational"
    if c.is_algebraic:
        x = sp.Symbol("x")
        try:
            m = sp.Poly(sp.minimal_polynomial(2 * c, x), x)
        except (NotAlgebraic, NotImplementedError):
            m = None
        if m is not None:
            d = m.degree()
            if d > MAX_ORDER_DEGREE:
                raise Undetermined(f"2cos(theta) = {2 * c} has degree {d} over Q; roots of unity are "
                                   f"searched up to degree {MAX_ORDER_DEGREE}")
            lifted = sp.Poly(sp.expand(x ** d * m.as_expr().subs(x, x + 1 / x)), x).monic()
            for n in range(3, 8 * d * d + 8):
                if sp.totient(n) == 2 * d and lifted == sp.Poly(sp.cyclotomic_poly(n, x), x):
                    k = round(n * float(theta.evalf(30)) / (2 * math.pi))
                    exact = 2 * sp.pi * sp.Rational(k, n)
                    return n, exact, (f"2cos(theta) has minimal polynomial {m.as_expr()}: e^(i theta) is a "
                                      f"primitive root of unity of order {n}, theta = {exact}")
            return None, theta, (f"2cos(theta) has minimal polynomial {m.as_expr()}, which is not that of "
                                 f"2cos(2 pi k/n): theta/pi is irrational")
    if c.is_algebraic is False:
        return None, theta, f"cos(theta) = {c} is transcendental, so theta/pi is irrational"
    raise Undetermined(f"cannot decide whether acos({c}) is a rational multiple of pi")


# ----------------------------------------------------------------------------------------- result

@dataclass
class LinearMap:
    """What the classification found; ``facts`` lists the exact computations it rests on."""

    matrix: sp.Matrix
    kind: str = "undetermined"
    determinant: sp.Expr | None = None
    trace: sp.Expr | None = None
    eigenvalues: list[str] = field(default_factory=list)
    unit_moduli: bool | None = None            # every eigenvalue has modulus 1
    diagonalizable: bool | None = None         # over C
    orthogonalizable: bool | None = None       # conjugate to an orthogonal matrix
    order: int | None = None                   # smallest n >= 1 with T^n = Id; None: infinite or unknown
    angle: sp.Expr | None = None               # rotation angle theta in [0, pi] of the rotation part
    jordan_eigenvalue: sp.Expr | None = None   # eigenvalue of a non-trivial Jordan block
    invariant_form: sp.Matrix | None = None    # positive definite Q with T^T Q T = Q
    facts: list[str] = field(default_factory=list)
    undetermined: str | None = None

    @property
    def dim(self) -> int:
        return self.matrix.rows

    @property
    def orientation(self) -> str | None:
        if self.determinant is None:
            return None
        return "reversing" if sign(self.determinant) < 0 else "preserving"

    def filter_exists(self) -> bool | None:
        """Can a non-zero filter of compact support be invariant (lambda o T_h^-1 = lambda)?

        Exactly when T_h is conjugate to an orthogonal matrix: a compact support K with T_h K = K
        and positive measure spans R^N, so all powers of T_h stay bounded.
        """
        return self.orthogonalizable

    def filter_shape(self) -> str:
        """What an invariant filter must look like (with C = 1 in lambda = C T_h^-1 lambda)."""
        n, q = self.order, "x^T Q x"
        if self.kind == "identity":
            return "every filter is invariant"
        if self.kind in ("finite-order", "reflection-like"):
            group = "{Id, T_h}" if n == 2 else f"{{Id, T_h, ..., T_h^{n - 1}}}"
            sign_c = ("with C = -1 in (30), also lambda(T_h x) = -lambda(x) (antisymmetric)" if n % 2 == 0
                      else "C = 1 is forced, since C^n = 1")
            return (f"lambda(T_h x) = lambda(x): lambda symmetric under the cyclic group {group} of "
                    f"order {n} (averaging any filter over the group gives one); any function of {q} is one; "
                    f"{sign_c}")
        if self.kind == "elliptic":
            if self.dim == 2:
                return (f"lambda constant on each of the concentric ellipses {q} = c (the orbits of T_h are "
                        "dense in them), i.e. a function of x^T Q x")
            return (f"lambda constant on the closures of the orbits of T_h: ellipses {q} = c in the planes "
                    "parallel to the rotation plane, centred on the axis; any function of x^T Q x is one")
        if self.kind == "undetermined":
            return "not known: SymPy could not decide the kind of T_h"
        where = {"shear": "the eigenline of eigenvalue 1 (T_h^n moves every other point to infinity)",
                 "parabolic": "the eigenline of eigenvalue -1 (T_h^n moves every other point to infinity)",
                 "hyperbolic": "a proper subspace (the origin, in the plane): powers of T_h or of T_h^-1 "
                               "move every other point to infinity",
                 "scaling": "a set of measure 0 or infinity, since |supp lambda| = |det T_h| |supp lambda|",
                 "general": "a set of measure 0 or infinity, since |supp lambda| = |det T_h| |supp lambda|"}
        return f"an invariant filter would be supported on {where[self.kind]}, so lambda = 0"

    def feature_shape(self) -> str:
        """What a non-constant continuous semi-local invariant feature can be, if any."""
        if self.kind == "undetermined":
            return "not known: SymPy could not decide the kind of T_h"
        if self.orthogonalizable:
            return ("e.g. the convolution with an invariant filter (as above) at a point, or any CNN whose "
                    "filters are all invariant" if self.kind != "identity" else "every feature is invariant")
        return "every such feature is constant: mu(f) = mu(0) for all f"

    def describe(self) -> str:
        """One line: the kind with its defining numbers."""
        d = self.determinant
        text = {
            "identity": "the identity: every point is fixed",
            "finite-order": f"finite order {self.order}: T_h^{self.order} = Id, in some basis a rotation"
                            + (f" by {self.angle}" if self.angle is not None else "")
                            + (" (with a reflection)" if self.dim == 3 and self.orientation == "reversing"
                               else " about an axis" if self.dim == 3 else ""),
            "reflection-like": "orientation reversing with T_h^2 = Id: a reflection in some basis",
            "elliptic": f"elliptic: in some basis a rotation by theta = {self.angle}, an irrational "
                        f"multiple of pi (theta/pi = "
                        f"{_simplify(self.angle / sp.pi) if self.angle is not None else '?'})",
            "shear": "a shear: a Jordan block with eigenvalue 1",
            "parabolic": "parabolic: a Jordan block with eigenvalue -1 (minus a shear)",
            "hyperbolic": "hyperbolic: |det T_h| = 1 but an eigenvalue of modulus other than 1",
            "scaling": f"a scaling: |det T_h| = {sp.Abs(d) if d is not None else '?'} != 1, "
                       "diagonalizable over C",
            "general": f"general: |det T_h| = {sp.Abs(d) if d is not None else '?'} != 1 and a Jordan block "
                       "(a scaling combined with a shear)",
            "undetermined": f"undetermined: {self.undetermined}",
        }
        return text[self.kind]

    def as_dict(self) -> dict:
        q = self.invariant_form
        return {
            "matrix": [[str(v) for v in self.matrix.row(i)] for i in range(self.dim)],
            "dimension": self.dim,
            "kind": self.kind,
            "description": self.describe(),
            "determinant": None if self.determinant is None else str(self.determinant),
            "trace": None if self.trace is None else str(self.trace),
            "orientation": self.orientation,
            "eigenvalues": self.eigenvalues,
            "unit_moduli": self.unit_moduli,
            "diagonalizable": self.diagonalizable,
            "conjugate_to_orthogonal": self.orthogonalizable,
            "order": self.order,
            "angle": None if self.angle is None else str(self.angle),
            "angle_over_pi": None if self.angle is None else str(_simplify(self.angle / sp.pi)),
            "jordan_eigenvalue": None if self.jordan_eigenvalue is None else str(self.jordan_eigenvalue),
            "invariant_form": None if q is None else [[str(v) for v in q.row(i)] for i in range(q.rows)],
            "facts": self.facts,
            "undetermined": self.undetermined,
        }


# ----------------------------------------------------------------------------------------- classifying

def classify(m: sp.Matrix) -> LinearMap:
    """Classify T_h = m; :class:`SingularMatrixError` when det m = 0 (or cannot be told from 0)."""
    m = sp.Matrix(m)
    if m.rows != m.cols or m.rows not in (2, 3):
        raise MatrixInputError(f"a square 2x2 or 3x3 matrix is needed, got {m.rows}x{m.cols}")
    out = LinearMap(matrix=m)
    det = _simplify(m.det())
    try:
        singular = is_zero(det)
    except Undetermined:
        raise SingularMatrixError(f"cannot decide whether det T_h = {det} is 0") from None
    if singular:
        raise SingularMatrixError("det T_h = 0: T_h is singular, not an invertible linear map")
    out.determinant, out.trace = det, _simplify(m.trace())
    out.facts.append(f"det T_h = {det}, tr T_h = {out.trace}")
    out.eigenvalues = _eigenvalue_text(m)
    try:
        (_classify_2 if m.rows == 2 else _classify_3)(m, out)
        if out.orthogonalizable and out.invariant_form is None:
            out.invariant_form = _invariant_form(m, out)
    except Undetermined as exc:
        out.kind, out.undetermined = "undetermined", str(exc)
        out.facts.append(f"undetermined: {exc}")
    return out


def _identity_or_minus(m: sp.Matrix, out: LinearMap) -> bool:
    n = m.rows
    if _matrix_zero(m - sp.eye(n)):
        out.kind, out.order, out.angle = "identity", 1, sp.Integer(0)
        out.unit_moduli = out.diagonalizable = out.orthogonalizable = True
        out.invariant_form = sp.eye(n)
        out.facts.append("T_h = Id")
        return True
    if _matrix_zero(m + sp.eye(n)):
        out.kind = "finite-order" if n % 2 == 0 else "reflection-like"
        out.order, out.angle = 2, (sp.pi if n == 2 else None)
        out.unit_moduli = out.diagonalizable = out.orthogonalizable = True
        out.invariant_form = sp.eye(n)
        out.facts.append("T_h = -Id, so T_h^2 = Id" + (" (det -1: orientation reversing)" if n % 2 else ""))
        return True
    return False


def _classify_2(m: sp.Matrix, out: LinearMap) -> None:
    det, tr = out.determinant, out.trace
    if _identity_or_minus(m, out):
        return
    if not is_zero(sp.Abs(det) - 1):
        _scaling(m, out)
        return
    disc = _simplify(tr ** 2 - 4 * det)
    s = sign(disc)
    relation = "" if disc.is_Number else " " + ("> 0" if s > 0 else "= 0" if s == 0 else "< 0")
    out.facts.append(f"|det T_h| = 1; tr^2 - 4 det = {disc}{relation}")
    if sign(det) < 0:
        if is_zero(tr):        # eigenvalues 1 and -1: T^2 = Id, a reflection through the 1-eigenline
            out.kind, out.order = "reflection-like", 2
            out.unit_moduli = out.diagonalizable = out.orthogonalizable = True
            out.facts.append("det T_h = -1 and tr T_h = 0: eigenvalues 1 and -1, so T_h^2 = Id")
            out.facts.append(f"the reflection fixes the line spanned by {_direction(m, 1)} and reverses "
                             f"{_direction(m, -1)}")
        else:
            out.kind, out.unit_moduli, out.diagonalizable = "hyperbolic", False, True
            out.orthogonalizable = False
            out.facts.append("det T_h = -1 and tr T_h != 0: real eigenvalues d1 d2 = -1 with |d1| > 1 > |d2|")
        return
    if s > 0:
        out.kind, out.unit_moduli, out.diagonalizable, out.orthogonalizable = "hyperbolic", False, True, False
        out.facts.append("det T_h = 1, tr^2 - 4 det > 0: distinct real eigenvalues |d1| > 1 > |d2|")
        return
    if s == 0:                 # double eigenvalue tr/2 = +-1 and T != +-Id: one Jordan block
        e = _simplify(tr / 2)
        out.kind = "shear" if sign(e) > 0 else "parabolic"
        out.unit_moduli, out.diagonalizable, out.orthogonalizable = True, False, False
        out.jordan_eigenvalue = e
        out.facts.append(f"double eigenvalue {e} and T_h != {'Id' if e > 0 else '-Id'}: conjugate to "
                         f"[[{e}, 1], [0, {e}]], with the eigenline spanned by {_direction(m, e)}")
        return
    _rotation_part(_simplify(tr / 2), sp.Integer(1), out)


def _classify_3(m: sp.Matrix, out: LinearMap) -> None:
    det, tr = out.determinant, out.trace
    if _identity_or_minus(m, out):
        return
    if not is_zero(sp.Abs(det) - 1):
        _scaling(m, out)
        return
    d = sp.Integer(sign(det))
    out.facts.append(f"|det T_h| = 1 (det = {d})")
    if not _matrix_zero(sp.Matrix([(d * sp.eye(3) - m).det()])):
        out.kind, out.unit_moduli, out.orthogonalizable = "hyperbolic", False, False
        out.diagonalizable = _diagonalizable(m)
        out.facts.append(f"{d} is not an eigenvalue, so not every eigenvalue has modulus 1 "
                         f"(with all moduli 1 and det = {d}, {d} would be one)")
        return
    sigma = _simplify(tr - d)   # charpoly = (x - d)(x^2 - sigma x + 1)
    out.facts.append(f"charpoly = (x - {d})(x^2 - ({sigma}) x + 1)")
    s = sign(sp.Abs(sigma) - 2)
    if s > 0:
        out.kind, out.unit_moduli, out.diagonalizable, out.orthogonalizable = "hyperbolic", False, True, False
        out.facts.append(f"|{sigma}| > 2: the other two eigenvalues are real, r and 1/r with |r| > 1")
        return
    if s < 0:
        _rotation_part(_simplify(sigma / 2), d, out)
        return
    r = _simplify(sigma / 2)    # every eigenvalue is +-1: d simple or triple, r double
    out.unit_moduli = True
    if r == d:
        diagonal = _matrix_zero(m - d * sp.eye(3))
    else:
        diagonal = _matrix_zero((m - d * sp.eye(3)) * (m - r * sp.eye(3)))
    out.facts.append(f"eigenvalues {d}, {r}, {r}: all of modulus 1")
    if diagonal:
        out.diagonalizable = out.orthogonalizable = True
        out.order = 2
        out.kind = "reflection-like" if d < 0 else "finite-order"
        out.angle = sp.pi if d > 0 else None
        out.facts.append("diagonalizable with eigenvalues +-1, so T_h^2 = Id")
    else:
        out.diagonalizable = out.orthogonalizable = False
        out.jordan_eigenvalue = r
        out.kind = "shear" if r > 0 else "parabolic"
        out.facts.append(f"(T_h - {d})(T_h - {r}) != 0: a Jordan block with eigenvalue {r}")


def _direction(m: sp.Matrix, eigenvalue: sp.Expr) -> str:
    """An eigenvector of ``m`` for ``eigenvalue``, as text (display only)."""
    space = (m - eigenvalue * sp.eye(m.rows)).applyfunc(_simplify).nullspace()
    if not space:
        return "?"
    v = space[0].applyfunc(_simplify)
    return "(" + ", ".join(str(c) for c in v) + ")"


def _rotation_part(c: sp.Expr, axis: sp.Expr, out: LinearMap) -> None:
    """Eigenvalues e^{+-i theta} (cos theta = c, |c| < 1), and in 3-D the real eigenvalue ``axis``."""
    out.unit_moduli = out.diagonalizable = out.orthogonalizable = True
    order, theta, how = rotation_order(c)
    out.angle = theta
    out.facts.append(f"eigenvalues e^(+-i theta) with cos theta = {c}, distinct: conjugate to a rotation"
                     + (f" (and {axis} on the axis)" if out.dim == 3 else ""))
    out.facts.append(how)
    if order is None:
        out.kind = "elliptic"
        return
    out.order = order if axis > 0 else order * 2 // math.gcd(order, 2)
    out.kind = "finite-order"
    if out.dim == 3 and axis < 0:
        out.facts.append(f"with the eigenvalue -1 on the axis the order is lcm({order}, 2) = {out.order}")
    if out.order <= 64:
        power = out.matrix ** out.order
        verified = _matrix_zero(power - sp.eye(out.dim))
        out.facts.append(f"T_h^{out.order} = Id " + ("verified" if verified else "NOT verified"))
        if not verified:
            raise Undetermined(f"T_h^{out.order} = Id could not be confirmed")


def _scaling(m: sp.Matrix, out: LinearMap) -> None:
    out.unit_moduli, out.orthogonalizable = False, False
    out.diagonalizable = _diagonalizable(m)
    out.kind = "scaling" if out.diagonalizable else "general"
    out.facts.append(f"|det T_h| = {sp.Abs(out.determinant)} != 1, so some eigenvalue has modulus != 1")
    out.facts.append("diagonalizable over C" if out.diagonalizable else "not diagonalizable: a Jordan block")


def _diagonalizable(m: sp.Matrix) -> bool:
    """Over C: distinct eigenvalues, or the minimal polynomial (from the repeated root) is square-free."""
    n = m.rows
    x = sp.Symbol("x")
    p = sp.Poly(m.charpoly(x).as_expr(), x)
    coeffs = [_simplify(c) for c in p.all_coeffs()]
    if n == 2:
        tr, det = -coeffs[1], coeffs[2]
        if not is_zero(tr ** 2 - 4 * det):
            return True
        return _matrix_zero(m - tr / 2 * sp.eye(2))
    _, a, b, c = coeffs
    disc = _simplify(a ** 2 * b ** 2 - 4 * b ** 3 - 4 * a ** 3 * c - 27 * c ** 2 + 18 * a * b * c)
    if not is_zero(disc):
        return True
    if is_zero(a ** 2 - 3 * b):            # triple root -a/3
        return _matrix_zero(m + a / 3 * sp.eye(3))
    r = _simplify((9 * c - a * b) / (2 * (a ** 2 - 3 * b)))   # the double root
    s = _simplify(-a - 2 * r)
    return _matrix_zero((m - r * sp.eye(3)) * (m - s * sp.eye(3)))


def _eigenvalue_text(m: sp.Matrix) -> list[str]:
    """Eigenvalues with multiplicity, exact when short, else to 6 digits."""
    try:
        roots = sp.roots(m.charpoly(sp.Symbol("x")).as_expr(), sp.Symbol("x"))
    except Exception:      # noqa: BLE001  (display only: fall back to numbers)
        roots = {}
    if sum(roots.values()) == m.rows:
        texts = []
        for value, mult in roots.items():
            value = _simplify(value)
            text = str(value) if len(str(value)) <= 40 else f"≈ {sp.N(value, 6)}"
            texts.extend([text] * mult)
        return texts
    import numpy as np

    values = np.linalg.eigvals(np.array(m.evalf(20).tolist(), dtype=float))
    return [f"≈ {complex(v).real:.6g}" if abs(complex(v).imag) < 1e-12 else f"≈ {complex(v):.6g}"
            for v in values]


def _invariant_form(m: sp.Matrix, out: LinearMap) -> sp.Matrix:
    """A positive definite Q with m^T Q m = Q, for m conjugate to an orthogonal matrix."""
    n = m.rows
    if _matrix_zero(m.T * m - sp.eye(n)):
        q = sp.eye(n)
    elif out.order == 2:                    # the average over the group {Id, T_h}
        q = ((sp.eye(n) + m.T * m) / 2).applyfunc(_simplify)
    elif n == 2:
        q = _elliptic_form_2(m)
    else:                           # basis: two vectors of the invariant plane, then the axis
        d = sp.Integer(sign(out.determinant))
        plane = (m - d * sp.eye(3)).columnspace()
        axis = (m - d * sp.eye(3)).nullspace()
        if len(plane) != 2 or len(axis) != 1:
            raise Undetermined("cannot split R^3 into the rotation plane and the axis")
        b = sp.Matrix.hstack(plane[0], plane[1], axis[0])
        inner = (b.inv() * m * b).applyfunc(_simplify)
        q2 = _elliptic_form_2(inner[:2, :2])
        binv = b.inv()
        q = (binv.T * sp.diag(q2, sp.Integer(1)) * binv).applyfunc(_simplify)
    if not _matrix_zero((m.T * q * m - q).applyfunc(_simplify)):
        raise Undetermined("the invariant quadratic form could not be verified")
    out.facts.append("T_h^T Q T_h = Q verified for the Q given")
    return q


def _elliptic_form_2(m: sp.Matrix) -> sp.Matrix:
    """For det m = 1, |tr m| < 2: c x^2 + (d - a) x y - b y^2, scaled to det Q = 1 and positive."""
    a, b, c, d = m
    q = sp.Matrix([[c, (d - a) / 2], [(d - a) / 2, -b]])
    scale = 2 / sp.sqrt(4 - (a + d) ** 2)
    if sign(c) < 0:
        scale = -scale
    return (q * scale).applyfunc(_simplify)
