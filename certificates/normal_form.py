"""The SymPy rules of the kernel: a sound normal form, equality, change of variables, Gaussian integrals.

The engine's SymPy backend proposes with these functions and the kernel re-checks with the same ones:
one implementation of each rule. Bound variables of integrals and lambda terms are renamed by depth to
names that start with ``$``, which no symbol of a development or of a decoded certificate can carry
(``certificates.serialize`` refuses it), so renaming never captures a free symbol.
"""
from __future__ import annotations

import functools
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from .serialize import UNEVALUATED_TYPES

BOUND_PREFIX = "$"
SCHEMA_VARIABLE = sp.Symbol(f"{BOUND_PREFIX}k", integer=True)    # a schema's variable, in its form
DERIVED = ("use", "instance")   # justification kinds of hypotheses that are theorems: out of what a result states


def _bound_symbols(prefix: str, depth: int, count: int) -> list:
    return [sp.Symbol(f"{BOUND_PREFIX}{prefix}{depth}_{k}", real=True) for k in range(count)]


def normalize(expr: Any, depth: int = 0) -> Any:
    """Sound canonical form: bound variables renamed by depth, rational functions cancelled."""
    expr = sp.sympify(expr)
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: normalize(e, depth))
    return cancelled(_rebuild(expr, depth))


@functools.lru_cache(maxsize=8192)
def cancelled(expr: Any) -> Any:
    """``expr`` in a form that depends only on its value as a rational function of its atoms: a polynomial
    multiplied out (canonical, and many times faster than cancelling it), anything else cancelled into one
    fraction (and multiplied out when that is a polynomial, so a polynomial has one form however it was
    written). Cached: a query's terms repeat the same arguments (the paper's largest, 204 of 57 kinds)."""
    if _polynomial(expr):
        return sp.expand(expr, **_MULTIPLY_OUT)
    out = sp.cancel(sp.together(expr))
    return sp.expand(out, **_MULTIPLY_OUT) if _polynomial(out) else out


def opaque_form(term: Any) -> Any:
    """The form that names an opaque term (an undefined function applied, an integral): bound variables
    renamed and arguments cancelled, which is canonical for rational arguments already. Cancelling the whole
    term once more (as :func:`normalize` does for an expression) would only refactor those canonical
    arguments: three times the size, half the translation time of the paper's largest query."""
    if isinstance(term, (AppliedUndef, sp.Integral)):
        return _rebuild(term, 0)
    return normalize(term)


def _rebuild(node: Any, depth: int) -> Any:
    if isinstance(node, sp.Lambda):
        canon = _bound_symbols("L", depth, len(node.variables))
        body = node.expr.xreplace(dict(zip(node.variables, canon)))
        return sp.Lambda(tuple(canon), normalize(body, depth + 1))
    if not node.args or node.is_Atom:
        return node
    if isinstance(node, sp.Integral):
        canon = _bound_symbols("I", depth, len(node.limits))
        rename = dict(zip([lim[0] for lim in node.limits], canon))
        body = normalize(node.function.xreplace(rename), depth + 1)
        limits = [(rename[lim[0]],) + tuple(normalize(b, depth) for b in lim[1:]) for lim in node.limits]
        return sp.Integral(body, *limits)
    args = [_rebuild(a, depth) for a in node.args]
    if isinstance(node, (AppliedUndef, sp.Abs, sp.sign, sp.exp)):
        args = [a if isinstance(a, sp.Lambda) else cancelled(a) for a in args]
    if isinstance(node, (sp.Max, sp.Min)):      # its arguments as a set; SymPy's pairwise comparisons are slow
        return node.func(*args, evaluate=False)
    return node.func(*args)


def equal(lhs: Any, rhs: Any, simplify: bool = True) -> bool:
    """True only when ``lhs - rhs`` is shown identically zero (entry by entry for matrices).

    The normal form decides most identities; with ``simplify``, ``sp.simplify`` gets a try on a
    difference the normal form leaves (slow on large terms). Only the difference is cancelled as a whole
    (each side has its bound variables renamed and its inner arguments cancelled): cancelling each side
    first as well took half the time of a re-proof and decided nothing more."""
    nl, nr = sp.sympify(lhs), sp.sympify(rhs)
    if isinstance(nl, sp.MatrixBase) or isinstance(nr, sp.MatrixBase):
        if not (isinstance(nl, sp.MatrixBase) and isinstance(nr, sp.MatrixBase)) or nl.shape != nr.shape:
            return False
        return all(_zero(_rebuild(a, 0) - _rebuild(b, 0), simplify) for a, b in zip(nl, nr))
    return _zero(_rebuild(nl, 0) - _rebuild(nr, 0), simplify)


# products and positive integer powers of sums multiplied out, nothing else: exact for every expression
_MULTIPLY_OUT = {"mul": True, "multinomial": True, "power_exp": False, "power_base": False, "log": False,
                 "basic": False}


def _zero(diff: Any, simplify: bool) -> bool:
    """``diff`` is identically zero. A polynomial in its atoms (no division, no root) is zero exactly when it
    multiplies out to 0, which is 50 times faster than cancelling it; otherwise (or if it does not come out
    0: its atoms may be related) the difference is cancelled as a rational function, then simplified."""
    if _polynomial(diff) and sp.expand(diff, **_MULTIPLY_OUT) == 0:
        return True
    diff = sp.cancel(sp.together(diff))
    if diff == 0:
        return True
    return simplify and sp.simplify(diff) == 0


def _polynomial(e: Any) -> bool:
    """No power but a positive integer one outside the arguments of atoms (functions, integrals, Abs, ...)."""
    if isinstance(e, sp.Pow):
        return e.exp.is_Integer and e.exp > 0 and _polynomial(e.base)
    if isinstance(e, (sp.Add, sp.Mul)):
        return all(_polynomial(a) for a in e.args)
    return True


def change_of_variables(expr: Any, old: Any, new: Any, A: Any, c: Any = None, assumptions: Any = ()) -> Any:
    """Every integral over all of R^N in ``old`` rewritten by ``old = A new + c``, times ``|det A|``.

    This is the rule of the cited change-of-variables theorem, with its side conditions: ``new`` must not
    capture a free symbol, ``A`` and ``c`` must not depend on the variables, and ``det A`` must be a non-zero
    number or be assumed non-zero (``assumptions``, e.g. ``Ne(det T, 0)``). ValueError when it does not apply."""
    old, new = tuple(old), tuple(new)
    A = sp.Matrix(A)
    n = len(old)
    if not all(isinstance(s, sp.Symbol) for s in old + new) or len(new) != n or A.shape != (n, n):
        raise ValueError("change of variables needs N old symbols, N new symbols and an N x N matrix A")
    c = sp.zeros(n, 1) if c is None else sp.Matrix(c)
    if c.shape != (n, 1):
        c = c.reshape(n, 1)
    variables = set(old) | set(new)
    if (A.free_symbols | c.free_symbols) & variables:
        raise ValueError("change of variables: A and c must not depend on the old or the new variables")
    captured = set(new) & (sp.sympify(expr).free_symbols - set(old))
    if captured:
        raise ValueError(f"change of variables: the new variable(s) {sorted(map(str, captured))} occur free "
                         "in the expression and would be captured; choose fresh ones")
    image = A * sp.Matrix(new) + c
    det = A.det()
    if not _nonzero(det, assumptions):
        raise ValueError("change of variables: det A must be a non-zero number or be assumed non-zero "
                         f"(add Ne({det}, 0) to the assumptions)")
    found = []

    def rewrite(integral: Any) -> Any:
        if {lim[0] for lim in integral.limits} != set(old):
            return integral
        if any(len(lim) != 3 or lim[1] != -sp.oo or lim[2] != sp.oo for lim in integral.limits):
            raise ValueError("change of variables applies to integrals over all of R^N")
        found.append(integral)
        body = integral.function.xreplace(dict(zip(old, image)))
        return sp.Integral(body * sp.Abs(det), *[(v, -sp.oo, sp.oo) for v in new])

    out = sp.sympify(expr).replace(lambda e: isinstance(e, sp.Integral), rewrite)
    if not found:
        raise ValueError(f"no integral over {list(old)} to change variables in")
    return out


def _nonzero(det: Any, assumptions: Any) -> bool:
    """``det`` is a non-zero number, or an assumption says ``det != 0`` (up to sign and reciprocal), or that
    it is positive or negative."""
    det = sp.sympify(det)
    if det.is_number:
        return bool(det != 0) and sp.simplify(det) != 0
    targets = [det, -det, 1 / det]
    for a in assumptions:
        a = sp.sympify(a)
        if isinstance(a, sp.Ne):
            side = a.lhs - a.rhs
        elif isinstance(a, (sp.StrictGreaterThan, sp.StrictLessThan)):
            side = a.lhs - a.rhs
        else:
            continue
        if any(equal(side, t, simplify=False) for t in targets):
            return True
    return False


def gaussian_integral(integral: Any) -> Any:
    """Exact value of ∫_{R^N} Σ_i K_i exp(q_i(u)) du for closed K_i and quadratic q_i with negative
    definite quadratic part; the integral unchanged when it is not of that shape.

    With q(u) = -uᵀPu + bᵀu + c, P symmetric positive definite, the integral is
    sqrt(π^N / det P) · exp(bᵀP⁻¹b / 4 + c) (complete the square; the standard Gaussian integral).
    """
    variables = [lim[0] for lim in integral.limits]
    if any(len(lim) != 3 or lim[1] != -sp.oo or lim[2] != sp.oo for lim in integral.limits) or \
            len(set(variables)) != len(variables):
        return integral
    n, at_zero, total = len(variables), {v: 0 for v in variables}, sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(sp.powsimp(sp.expand(integral.function), combine="exp"))):
        exponent, constant = sp.Integer(0), sp.Integer(1)
        for factor in sp.Mul.make_args(term):
            if isinstance(factor, sp.exp):
                exponent += factor.args[0]
            elif factor.free_symbols & set(variables):
                return integral
            else:
                constant *= factor
        exponent = sp.expand(exponent)
        if exponent.free_symbols - set(variables) or not exponent.is_polynomial(*variables) or \
                sp.Poly(exponent, *variables).total_degree() > 2:
            return integral
        P = sp.Matrix(n, n, lambda i, j, q=exponent: -sp.Rational(1, 2) * sp.diff(q, variables[i], variables[j]))
        b = sp.Matrix([sp.diff(exponent, v).xreplace(at_zero) for v in variables])
        c = exponent.xreplace(at_zero)
        minors = [P[:k, :k].det() for k in range(1, n + 1)]
        if not all(m.is_extended_real and (m > 0) is sp.true for m in minors):    # Sylvester's criterion
            return integral
        total += constant * sp.sqrt(sp.pi ** n / minors[-1]) * sp.exp((b.T * P.inv() * b)[0, 0] / 4 + c)
    return total


def denominators(expr: Any) -> list:
    """The non-constant bases raised to a negative power in ``expr`` (each entry of a matrix): where one
    vanishes, an identity decided as rational functions says nothing."""
    expr = sp.sympify(expr)
    parts = list(expr) if isinstance(expr, sp.MatrixBase) else [expr]
    found = {}
    for part in parts:
        for p in sp.sympify(part).atoms(sp.Pow):
            if p.exp.is_number and p.exp.is_negative and not p.base.is_number:
                found[sp.srepr(p.base)] = p.base
    return [found[k] for k in sorted(found)]


def _bound(expr: Any) -> set:
    """Variables bound by the integrals and lambda terms of ``expr``."""
    out: set = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Integral, sp.Lambda)):
            out |= set(node.variables)
    return out




def instantiate(expr: Any, pairs: list) -> Any:
    """``expr`` with every symbol ``k`` of ``pairs`` replaced by its value and every application of a
    function ``f`` with a pair ``(f(x, y), body)`` by ``body[x := a, y := b]``, simultaneously. A body's own
    bound variables must not capture the arguments (ValueError)."""
    symbols = {k: v for k, v in pairs if not isinstance(k, AppliedUndef)}
    functions = {k.func: (k.args, sp.sympify(v)) for k, v in pairs if isinstance(k, AppliedUndef)}
    bound = {f: _bound(body) for f, (_, body) in functions.items()}

    def walk(node: Any) -> Any:
        if node in symbols:
            return symbols[node]
        if isinstance(node, AppliedUndef) and node.func in functions:
            names, body = functions[node.func]
            args = [walk(a) for a in node.args]
            if set().union(*(sp.sympify(a).free_symbols for a in args)) & bound[node.func]:
                raise ValueError(f"substituting for {node.func} would capture a variable of its arguments")
            return body.xreplace(dict(zip(names, args)))
        if not node.args:
            return node
        args = [walk(a) for a in node.args]
        if all(new is old for new, old in zip(args, node.args)):
            return node               # nothing replaced below: the term as stated (as xreplace does)
        if isinstance(node, UNEVALUATED_TYPES):     # SymPy's evaluation of them (is_eq, Max's pairwise
            return node.func(*args, evaluate=False)   # comparisons) took most of the time of the paper's uses
        return node.func(*args)

    return walk(sp.sympify(expr))


def identity_statement(lhs: Any, rhs: Any, assumptions: Any) -> tuple[list, Any]:
    """What an identity proved by :func:`equal` states, as a formula others may use: its assumptions and
    every denominator non-zero (the normal form cancels rational functions, which holds only where they
    are defined) imply ``lhs = rhs`` (entry by entry for matrices)."""
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    hypotheses = list(assumptions)
    for base in denominators(lhs) + denominators(rhs):
        condition = sp.Ne(base, 0)
        if condition not in hypotheses:
            hypotheses.append(condition)
    if isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase) and lhs.shape == rhs.shape:
        return hypotheses, sp.And(*[sp.Eq(a, b) for a, b in zip(lhs, rhs)])
    return hypotheses, sp.Eq(lhs, rhs)


def constant_key(key: Any) -> str:
    """How a symbol or an undefined function is named among a result's constants (:func:`stated_constants`): by
    its name alone, as Z3 names it. Not by how its assumptions were written: Symbol("c", positive=True) and
    Symbol("c", positive=True, real=True) are one symbol to SymPy (and to a use), two texts to srepr."""
    key = key.func if isinstance(key, AppliedUndef) else key
    kind = "symbol" if isinstance(key, sp.Symbol) else "function"
    return f"{kind}:{getattr(key, 'name', None) or getattr(key, '__name__', str(key))}"


def stated_constants(stated: list, parameters: Any) -> set[str]:
    """The constants of a stated formula: its free symbols and undefined functions but its parameters. A result
    proved from the formula holds for those constants only (it is a fact about the cited theory's objects,
    which the formula alone ties together), so no use of that result may replace them either."""
    stated = [sp.sympify(p) for p in stated]
    keys = set().union(*(p.free_symbols for p in stated)) | {a.func for p in stated for a in p.atoms(AppliedUndef)}
    free = {p.func if isinstance(p, AppliedUndef) else p for p in parameters}
    return {constant_key(k) for k in keys - free}


def substitution_problem(pairs: list, stated: list, integer_names: Any = (), parameters: Any = None,
                         user_integers: Any = (), constants: Any = ()) -> str | None:
    """Why ``pairs`` is no instance of the formula ``stated``, or None: only its own free symbols may be
    replaced, each once, and an integer one (integer_symbols, or an integer Symbol) only by an integer (a
    formula proved over the integers says nothing of the reals); one left as it is must be an integer where
    it is used too (an integer Symbol, or among ``user_integers``, the using query's integer_symbols); a pair
    ``(f(x, y), body)`` replaces the undefined function f of the formula, x, y distinct symbols, and must
    capture nothing (see :func:`instantiate`). ``constants``: what a proved result rests on as constants of
    the stated formulas it uses (:func:`stated_constants`), never replaced."""
    stated = [sp.sympify(p) for p in stated]
    free = set().union(*(p.free_symbols for p in stated)) if stated else set()
    functions = {a.func for p in stated for a in p.atoms(AppliedUndef)}
    bound = {v for p in stated for v in _bound(p)}
    keys = [k.func if isinstance(k, AppliedUndef) else k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        return "substitutes twice for one symbol"
    if parameters is not None:      # a stated (unproved) formula: its other symbols and functions are fixed
        free_ones = {p.func if isinstance(p, AppliedUndef) else p for p in parameters}   # g(y): the function g
        fixed = [k for k in keys if k not in free_ones]
        if fixed:
            return (f"substitutes for {fixed[0]}, which the stated formula fixes (its parameters: "
                    f"{', '.join(map(str, parameters)) or 'none'})")
    constants = set(constants)
    resting = [k for k in keys if constant_key(k) in constants]
    if resting:
        return (f"substitutes for {resting[0]}, a constant of a stated formula the used result rests on: it is "
                "proved for that object only")
    for key, value in pairs:
        if _read_as_real(key) and not _real_where_defined(value):
            return (f"puts {value}, not known to be real, in {key}, which the used result reads as a real (a formula "
                    f"proved over the reals says nothing of other values): declare what makes the term real, or "
                    f"declare {key} complex=True where the result holds for complex values")
        if isinstance(key, AppliedUndef):
            if key.func not in functions:
                return f"substitutes for {key.func}, which is not a function of the used result"
            if len(set(key.args)) != len(key.args) or not all(isinstance(a, sp.Symbol) for a in key.args):
                return f"substitutes for {key}: a function is replaced through distinct symbols"
            if (sp.sympify(value).free_symbols - set(key.args)) & bound:
                return f"substitutes for {key.func} a term whose free symbols its integrals bind (capture)"
            continue
        if not isinstance(key, sp.Symbol) or key not in free:
            return f"substitutes for {key}, which is not a free symbol of the used result"
        if (key.is_integer or key.name in set(map(str, integer_names))) and sp.sympify(value).is_integer is not True:
            return f"puts {value}, not an integer, in the integer symbol {key}"
        problem = assumption_problem(key, value)
        if problem:
            return problem
    kept = {s for s in free if s.name in set(map(str, integer_names))} - set(keys)
    real = sorted(s.name for s in kept if s.is_integer is not True and s.name not in set(map(str, user_integers)))
    if real:
        return (f"leaves the integer symbol {real[0]} as it is, where the using query reads it as a real (a formula "
                f"proved over the integers says nothing of the reals): list it in integer_symbols there too")
    return None


def _read_as_real(key: Any) -> bool:
    """Whether a backend may have read ``key`` as a real: SMT and numeric backends read every symbol and
    undefined function not declared ``complex=True`` as real-valued, so only those may take other values."""
    return key.is_real is True or key.is_complex is not True


def _real_where_defined(term: Any) -> bool:
    """Whether ``term`` is a real wherever it is defined, reading symbols and undefined functions as the
    backends do (:func:`_read_as_real`). Real is not enough to ask SymPy: it cannot know ``1/(a*d - b*c)``
    real (it is undefined at 0, where Z3's total division gives some real too); a term with ``I``, or a root
    of something that may be negative, is not, and SymPy's complex rewriting (sqrt(u)**2 = u) would then
    turn a real inequality into a false one."""
    term = sp.sympify(term)
    if term.is_real is True or (isinstance(term, sp.Symbol) and _read_as_real(term)):
        return True
    if isinstance(term, AppliedUndef):       # a real function of real arguments (its arguments are read too)
        return _read_as_real(term) and all(_real_where_defined(a) for a in term.args)
    if isinstance(term, (sp.Add, sp.Mul, sp.Max, sp.Min)):
        return all(_real_where_defined(a) for a in term.args)
    if isinstance(term, sp.Pow):
        base, exponent = term.args
        return _real_where_defined(base) and (exponent.is_integer is True
                                              or (base.is_nonnegative is True and _real_where_defined(exponent)))
    if isinstance(term, sp.Abs):
        return True
    if isinstance(term, sp.Piecewise):
        return all(_real_where_defined(e) for e, _ in term.args)
    if isinstance(term, sp.Integral):
        return _real_where_defined(term.function) and all(
            b.is_extended_real is True or _real_where_defined(b) for limit in term.limits for b in limit[1:])
    return False


# ----------------------------------------------------------------------------- induction over an integer


SIGNS = {"positive": sp.Gt, "negative": sp.Lt, "nonnegative": sp.Ge, "nonpositive": sp.Le, "nonzero": sp.Ne}


_IMPLIED = {"positive": ("nonnegative", "nonzero"), "negative": ("nonpositive", "nonzero")}


def declared_signs(term: Any) -> list[str]:
    """Every sign ``term`` (a symbol or an applied function) is declared with, but those another implies: what
    SymPy knew when it built a formula over it (and may have simplified away). A symbol declared zero (or
    nonnegative and nonpositive) has two, which together say it is 0."""
    names = [name for name in SIGNS if getattr(term, f"is_{name}") is True]
    implied = {m for name in names for m in _IMPLIED.get(name, ())}
    return [name for name in names if name not in implied]


def declared_sign(term: Any) -> str | None:
    """The first sign ``term`` is declared with, or None (a schema's or an induction's variable may have none)."""
    return next(iter(declared_signs(term)), None)


# what a symbol's declared realness and signs say, which the substitution and sign rules check themselves
_CHECKED_FACTS = {"commutative", "complex", "extended_real", "real", "finite", "hermitian", "imaginary", "infinite",
                  "antihermitian", "integer", "zero", *SIGNS, *(f"extended_{name}" for name in SIGNS)}


def assumption_problem(key: Any, value: Any) -> str | None:
    """Why ``value`` may not go into the symbol ``key`` for what else ``key`` is declared with (even, odd,
    rational, prime, ...: SymPy simplified the formula knowing it, as ``(-1)**(2k) = 1``), or None: each such
    fact must be one SymPy knows of the value."""
    if not isinstance(key, sp.Symbol):
        return None
    value = sp.sympify(value)
    if key.is_zero and value.is_zero is not True:        # what zero implies (even, rational, ...) need not be named
        return f"puts {value} in {key}, which is declared zero"
    for name, held in sorted(key.assumptions0.items()):
        if name not in _CHECKED_FACTS and getattr(value, f"is_{name}", None) is not held:
            return f"puts {value} in {key}, declared {name}={held}, which SymPy does not know of {value}"
    return None


def sign_conditions(pairs: Any) -> list:
    """What an instance must prove of the terms it puts in symbols declared with a sign: each sign, as a
    relation (all declared, but those another implies). The used formula was built with SymPy knowing the
    signs, which may have dropped a hypothesis such as ``rho > 0`` as True, so the instance holds only where
    they do."""
    out = []
    for key, value in pairs:
        for sign in declared_signs(key):
            try:
                condition = SIGNS[sign](value, 0)
            except TypeError:        # a non-real value: no sign to show (ValueError, a refused substitution)
                raise ValueError(f"puts {value}, which has no sign, in the {sign} {key}") from None
            if isinstance(key, AppliedUndef) and condition is not sp.true:
                # a function declared with a sign: its body must have it for every argument, which SymPy must know
                raise ValueError(f"puts {value}, not known to be {sign}, in the {sign} function {key.func}")
            if condition is not sp.true:
                out.append(condition)
    return out


def value_problem(symbol: Any, value: Any) -> str | None:
    """Why a closed value is not one of the symbol's declared domain, or None: a counterexample or a witness is
    an instance of the formula SymPy built knowing that domain (a real symbol at I, a positive one at -1 or
    an integer one at 1/2 proves nothing of it)."""
    value = sp.sympify(value)
    if _read_as_real(symbol) and value.is_extended_real is not True:
        return f"puts {value}, not real, in the real symbol {symbol}"
    if symbol.is_integer and value.is_integer is not True:
        return f"puts {value}, not an integer, in the integer symbol {symbol}"
    try:
        signs = sign_conditions([(symbol, value)])
    except ValueError as exc:
        return str(exc)
    if signs:
        return f"puts {value} in {symbol}, which is declared {', '.join(declared_signs(symbol))}"
    return assumption_problem(symbol, value)


def schema_variables(variable: Any) -> tuple:
    """A schema's variables: one Symbol, or a tuple of them (a point schema over a vector)."""
    return tuple(variable) if isinstance(variable, (tuple, list, sp.Tuple)) else (variable,)


def schema_problem(variable: Any, start: Any, formula: Any) -> str | None:
    """Why ``formula at every integer variable >= start`` (or, with ``start`` None, at every value of its
    variables in their declared domain) is no hypothesis schema, or None. An integer schema has one Symbol
    declared ``integer=True`` and no sign, ``start`` a Python int; a point schema has distinct Symbols known
    to be real (their declared assumptions are their domain, kept in the form). The formula is a relation or
    a boolean combination of them that binds no variable of those names."""
    variables = schema_variables(variable)
    formula = sp.sympify(formula)
    if start is None:
        if not variables or not all(isinstance(v, sp.Symbol) and v.is_real is True for v in variables) \
                or len(set(variables)) != len(variables):
            return f"the point schema's variables {variable} must be distinct Symbols declared real"
    else:
        if len(variables) != 1 or not isinstance(variable, sp.Symbol) or variable.is_integer is not True:
            return f"the schema's variable {variable} must be a Symbol declared integer=True"
        signed = declared_sign(variable)
        if signed:        # SymPy simplified the formula knowing the sign; it is read at every k >= start
            return f"the schema's variable {variable} is declared {signed}: declare it integer=True only"
        if type(start) is not int:
            return f"the schema starts at {start!r}, which is not an int"
    if not isinstance(formula, sp.logic.boolalg.Boolean):
        return f"the schema's formula {formula} is not a relation or a boolean combination of relations"
    if set(variables) & _bound(formula):
        return f"the schema's formula binds {variable} (an integral or lambda variable of that name)"
    return None


def _point_variable(position: int, variable: Any) -> Any:
    """The name no symbol can carry for a point schema's variable, with the variable's declared domain."""
    return sp.Symbol(f"{BOUND_PREFIX}x{position}", **variable.assumptions0)


def schema_form(variable: Any, start: Any, formula: Any, pairs: Any = ()) -> tuple[Any, Any]:
    """``(start, H($k))``: a schema with its variable renamed to the name no symbol can carry (a point
    schema's variables to ``$x0, $x1, ...``, each with its declared domain), instantiated by ``pairs``
    (which therefore cannot touch them, nor capture them). Two schemas are the same hypothesis when their
    forms are equal; a use of a result stated under a schema needs its form among the user's own."""
    if start is None:
        names = {v: _point_variable(i, v) for i, v in enumerate(schema_variables(variable))}
    else:
        names = {variable: SCHEMA_VARIABLE}
    body = sp.sympify(formula).xreplace(names)
    return start, (instantiate(body, list(pairs)) if pairs else body)


def schema_covers(have: Any, needed: tuple) -> bool:
    """Whether the schema forms ``have`` give the form ``needed``: one equal to it, or one with the same start
    and antecedent whose consequent has every conjunct of the needed one (for every k: A => C ∧ D gives for
    every k: A => C). A generalised result's conclusion carries its side conditions as conjuncts, which the
    user of the schema does not need."""
    have = list(have)
    if needed in have:
        return True
    start, (antecedent, consequent) = needed[0], _implication_parts(needed[1])
    want = set(sp.And.make_args(consequent))
    return any(s == start and _implication_parts(h)[0] == antecedent
               and want <= set(sp.And.make_args(_implication_parts(h)[1])) for s, h in have)


def _implication_parts(formula: Any) -> tuple[Any, Any]:
    return (formula.args[0], formula.args[1]) if isinstance(formula, sp.Implies) else (sp.true, formula)


def generalization(variables: Any, hypotheses: list, conclusion: Any, pairs: Any = (), needs: Any = (),
                   own: Any = (), integer_names: Any = (), parameters: Any = None,
                   constants: Any = ()) -> tuple[list, Any] | str:
    """Universal generalisation of a used result ``hypotheses => conclusion`` (instantiated by ``pairs``,
    stated under the schema forms ``needs``) over ``variables``: ``(side, formula)``, the point schema ``for
    every variables: formula`` with ``formula`` the hypotheses that mention the variables => conclusion, and
    ``side`` the others; or why it is none. The result holds at every value of the variables only if no pair
    replaces or mentions them, no schema it needs mentions them, the result does not read them as integers by
    name (``integer_names``) and, a stated formula (``parameters`` not None), has them among its parameters,
    and none is a constant of a stated formula the result rests on (``constants``).
    The schema holds only where ``side`` does, and what the user proves rests on the schema (a use that needs
    it, an instance of it): proved there, the side conditions could rest on the schema itself, so each must be
    one of the user's ``own`` hypotheses (the statement's, or a definition unfolded) or True."""
    variables = tuple(variables)
    touched = set(variables) & set().union(*(sp.sympify(b).free_symbols | {a} for a, b in pairs))
    if touched:
        return f"generalises over {sorted(map(str, touched))}, which its substitution replaces or mentions"
    if any(set(variables) & sp.sympify(h).free_symbols for _, h in needs):
        return f"is stated under a schema that mentions {', '.join(map(str, variables))}: no generalisation over them"
    mentions = [h for h in hypotheses if set(variables) & sp.sympify(h).free_symbols]
    side = [h for h in hypotheses if h not in mentions]
    formula = sp.Implies(sp.And(*mentions), conclusion) if mentions else sp.sympify(conclusion)
    problem = schema_problem(variables, None, formula)
    if problem:
        return f"gives no point schema: {problem}"
    names = set(map(str, integer_names))
    read_as_integers = [v for v in variables if v.name in names and v.is_integer is not True]
    if read_as_integers:
        return f"reads {read_as_integers[0]} as an integer: its generalisation holds only at integers"
    if parameters is not None:
        fixed = [v for v in variables if v not in set(parameters)]
        if fixed:
            return f"is a stated formula that fixes {fixed[0]} (not one of its parameters): it holds there only"
    constants = set(constants)
    resting = [v for v in variables if constant_key(v) in constants]
    if resting:
        return f"rests on a stated formula that fixes {resting[0]}: it holds there only"
    missing = [h for h in side if h is not sp.true and h not in set(own)]
    if missing:
        return (f"holds for every point only where {missing[0]}, which is not among the obligation's own "
                "hypotheses (assume it, as the statement's)")
    return side, formula


def schema_instance(variable: Any, formula: Any, values: Any) -> tuple[Any, list] | str:
    """A point schema read at a point: ``(signs => H[variables := values], signs)``, the signs those of
    :func:`sign_conditions` (a value in a variable declared with a sign: a premise of the reading, and side
    conditions the user proves); or why it is none: a value per
    variable, each what a use could put there (:func:`substitution_problem`), none capturing a variable the
    formula binds."""
    variables, values = schema_variables(variable), [sp.sympify(v) for v in values]
    if len(values) != len(variables):
        return f"reads the schema over {len(variables)} variable(s) at {len(values)} value(s)"
    pairs = list(zip(variables, values))
    problem = substitution_problem(pairs, [formula, sp.Tuple(*variables)])
    if problem:
        return problem
    if set().union(*(v.free_symbols for v in values)) & _bound(formula):
        return "puts a term in the schema whose free symbols its integrals or lambda terms bind (capture)"
    try:
        signs = sign_conditions(pairs)
        instance = instantiate(formula, pairs)
    except ValueError as exc:
        return str(exc)
    return (sp.Implies(sp.And(*signs), instance) if signs else instance), signs   # the domain is a premise


def induction_problem(variable: Any, formula: Any, hypotheses: Any, start: Any, schemas: Any = ()) -> str | None:
    """Why ``for every integer variable >= start: hypotheses => formula`` cannot be shown by induction on
    ``variable``, or None. The variable is a Symbol declared ``integer=True`` (so every translation, also a
    user's, reads it as an integer), ``start`` a non-negative Python int (powers b**n of the variable are then
    products, see :func:`certificates.smt.Translator.induction_power`), the formula a relation or a boolean
    combination of them that binds no variable of that name, and no hypothesis mentions the variable: the
    step reads the hypotheses at n to conclude at n + 1, which proves nothing of an n-dependent one (n = 1
    as a hypothesis would make every step vacuous and the conclusion false). What depends on the index is a
    schema ``(k, s, H(k))``, H at every integer k >= s: the base reads it at the start, the step at n, so it
    must start at or before the induction and mention the variable only as its own."""
    if not isinstance(variable, sp.Symbol) or variable.is_integer is not True:
        return f"the induction variable {variable} must be a Symbol declared integer=True"
    signed = declared_sign(variable)
    if signed:
        return (f"the induction variable {variable} is declared {signed}: SymPy would drop its range n >= start "
                "from the statement others use; declare it integer=True only (the start gives the range)")
    if type(start) is not int or start < 0:
        return f"the induction starts at {start!r}, which is not a non-negative int"
    formula = sp.sympify(formula)
    if not isinstance(formula, sp.logic.boolalg.Boolean):
        return f"the formula {formula} is not a relation or a boolean combination of relations"
    if variable in _bound(formula):
        return f"the formula binds {variable} (an integral or lambda variable of that name)"
    for h in hypotheses:
        if variable in sp.sympify(h).free_symbols:
            return f"the hypothesis {h} mentions the induction variable {variable} (state it as a schema)"
    for k, s, h in schemas:
        problem = schema_problem(k, s, h)
        if problem:
            return problem
        if s is None:                 # a point schema: read by no induction, only compared by uses
            if variable in sp.sympify(h).free_symbols:
                return f"the point schema {h} mentions the induction variable {variable}"
            continue
        if s > start:
            return f"the schema {h} starts at {s}, after the induction's start {start}"
        if k != variable and variable in sp.sympify(h).free_symbols:
            return f"the schema {h} mentions the induction variable {variable} other than as its own variable"
    return None


def induction_parts(variable: Any, formula: Any, hypotheses: Any, start: int,
                    side_conditions: Any = (), schemas: Any = ()) -> tuple[tuple[list, Any], tuple[list, Any]]:
    """The two implications an induction is proved by, ``((base hypotheses, base conclusion), (step
    hypotheses, step conclusion))``: H, S(start) => P(start) (with the side conditions of the uses among the
    hypotheses, proved there: they do not mention the variable), and H, S(n), n >= start, P(n) => P(n + 1),
    where S(k) are the integer schemas read at k (a point schema is read by none). The engine builds what it
    asks the solver from here, and the kernel re-derives both from the record's variable, start, formula,
    hypotheses and schemas and compares them structurally with what was recorded."""
    n, formula, hypotheses = variable, sp.sympify(formula), [sp.sympify(h) for h in hypotheses]
    at = (lambda value: [sp.sympify(h).xreplace({k: value}) for k, s, h in schemas if s is not None])
    base = ([*hypotheses, *at(sp.Integer(start))], sp.And(formula.xreplace({n: sp.Integer(start)}), *side_conditions))
    step = ([*hypotheses, *at(n), sp.Ge(n, start), formula], formula.xreplace({n: n + 1}))
    return base, step


def induction_statement(variable: Any, formula: Any, hypotheses: Any, start: int) -> tuple[list, Any]:
    """What a proved induction states for others to use: H, n >= start => P(n), n an integer symbol (a
    use substitutes only integer terms for it, :func:`substitution_problem`)."""
    return [*[sp.sympify(h) for h in hypotheses], sp.Ge(variable, start)], sp.sympify(formula)
