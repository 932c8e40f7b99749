"""The SMT rules of the kernel: SymPy relations -> Z3, SMT-LIB screening, and the re-check of Z3 answers.

The engine's Z3 backend translates its obligations with :class:`Translator`, and the kernel translates the
recorded relations with the same class to confirm that the recorded SMT-LIB text says exactly what the
record says (:func:`same_formulas`), then re-solves it. The fragment: Add, Mul, Pow with an integer
exponent of at most :data:`MAX_EXPONENT`, Rational, Symbol, relations, And/Or/Not/Implies/Equivalent, Abs, sign,
Max, Min, Piecewise, and (for satisfiability witnesses only) undefined functions as uninterpreted real functions.

Rational powers x**(p/q) (sqrt, cube roots, x**(3/2), x**(-1/2)) become ``v**p`` for a fresh real ``v`` named
by (q, x), with the definition ``x >= 0 => v >= 0 and v**q = x``. SymPy's x**(p/q) is real only for x >= 0
(x > 0 when p < 0), so the definition is conditional: it holds for some ``v`` at every x and never makes a
query unsat by itself. Where x < 0 nothing is known of ``v``; what must be real is said by :meth:`defined`:
a hypothesis's relations are read as defined (:meth:`Translator.__call__`), a conclusion must be shown defined
(:meth:`Translator.goal`), and a witness or counterexample must make everything defined (:meth:`witness`).
"""
from __future__ import annotations

import functools
import re
import time
from fractions import Fraction
from typing import Any

import sympy as sp
import z3
from sympy.core.function import AppliedUndef

from .serialize import SerializationError, decode
from .smtlib_text import screen_smtlib

MAX_EXPONENT = 64       # x**n is unfolded into n products: a larger n is refused, not unfolded


class TranslationError(ValueError):
    """A SymPy expression outside the fragment the translator knows."""


class Translator:
    """SymPy -> Z3 for the fragment of real (and integer) arithmetic obligations use.

    ``functions``: undefined functions become uninterpreted real functions (used for satisfiability
    witnesses of assumptions; a Z3 obligation's own text may not contain them)."""

    def __init__(self, integer_symbols: Any = (), functions: bool = False, opaque: bool = False,
                 powers_of: Any = None) -> None:
        self.integers = {str(s) for s in integer_symbols}
        self.powers_of = powers_of           # an induction step's variable: see induction_power
        self.powers: dict[str, Any] = {}     # the constants induction_power made -> the power they stand for
        self.vars: dict[str, Any] = {}
        self.symbols: dict[str, sp.Symbol] = {}
        self.functions: dict[str, Any] | None = {} if functions else None
        self.opaque: dict[str, Any] | None = {} if opaque else None    # constant name -> the term it stands for
        self.roots: dict[str, Any] = {}      # root variable name -> its conditional definition

    def var(self, symbol: sp.Symbol) -> Any:
        name = symbol.name
        if name not in self.vars:
            integer = name in self.integers or symbol.is_integer
            self.vars[name] = z3.Int(name) if integer else z3.Real(name)
            self.symbols[name] = symbol
        elif self.symbols[name] != symbol:   # Z3 knows names only: two symbols must not become one variable
            raise TranslationError(f"two different symbols are both named {name!r} (other assumptions)")
        return self.vars[name]

    def __call__(self, expr: Any) -> Any:
        """A hypothesis: assumed, so its top-level relations are also assumed real-valued (an asserted
        ``sqrt(x) >= 2`` says x >= 0); roots under Not/Or/Implies are left free where undefined (nothing
        follows from them there). Without roots, the plain translation."""
        e = sp.sympify(expr)
        formula = self.tr(e)
        if not has_roots(e):
            return formula
        stated = [self.defined(c) for c in sp.And.make_args(e) if isinstance(c, sp.Rel)]
        return _and([*self.definitions(formula), *stated, formula])

    def goal(self, expr: Any) -> Any:
        """A conclusion, to be negated: proving it proves it real-valued too (its negation holds where a
        root of a negative number occurs, under the roots' definitions)."""
        e = sp.sympify(expr)
        formula = self.tr(e)
        if not has_roots(e):
            return formula
        shown, definitions = _and([self.defined(e), formula]), self.definitions(formula)
        return z3.Implies(_and(definitions), shown) if definitions else shown

    def witness(self, expr: Any) -> Any:
        """What a model must satisfy to show ``expr``: defined everywhere in it, and true."""
        e = sp.sympify(expr)
        formula = self.tr(e)
        if not has_roots(e):
            return formula
        return _and([*self.definitions(formula), self.defined(e), formula])

    def definitions(self, formula: Any) -> list:
        """The definitions of the root variables ``formula`` mentions, and of those they mention."""
        out: dict[str, Any] = {}
        todo = [formula]
        while todo:
            for v in z3.z3util.get_vars(todo.pop()):
                name = str(v)
                if name in self.roots and name not in out:
                    out[name] = self.roots[name]
                    todo.append(out[name])
        return [out[name] for name in sorted(out)]

    def defined(self, e: Any) -> Any:
        """Where SymPy's value of ``e`` is real: every root's argument >= 0 (> 0 for a negative exponent)
        unless SymPy knows its sign; a Piecewise asks it only of the piece it takes."""
        if isinstance(e, sp.Piecewise):
            out = self.defined(e.args[-1][0])
            for value, cond in reversed(e.args[:-1]):
                out = _and([self.defined(cond), z3.If(self.tr(cond), self.defined(value), out)])
            return out
        if not isinstance(e, sp.Basic) or (self.opaque is not None and isinstance(e, (AppliedUndef, sp.Integral))):
            return z3.BoolVal(True)
        conds = [self.defined(a) for a in e.args]
        if is_root(e):
            if e.exp < 0 and not e.base.is_positive:
                conds.append(self.tr(e.base) > 0)
            elif e.exp > 0 and not e.base.is_nonnegative:
                conds.append(self.tr(e.base) >= 0)
        return _and(conds)

    def integer_valued(self, e: Any) -> bool:
        """``e`` is an integer for every value of its symbols (integer symbols, integer_symbols, integer
        coefficients): a real base raised to it is real (or, at base 0 with a negative exponent, undefined, as
        a division by zero is)."""
        named = {s: sp.Symbol(s.name, integer=True) for s in e.free_symbols if s.name in self.integers}
        return e.xreplace(named).is_integer is True if named else e.is_integer is True

    def induction_power(self, e: Any) -> Any:
        """The rule for powers of an induction step's variable n (the step of
        :func:`certificates.normal_form.induction_parts`): ``b**(k*n + c)``, with b free of n and integers
        k >= 1, c >= 0, is the real constant ``[b**(k*n)]`` (one per b and k, named here) times ``b**c``. For
        n >= 0 both exponents are non-negative integers, so b**(k*n + c) = b**(k*n) * b**c for every real b
        (0**0 = 1): the constant stands for the true value of b**(k*n) at every point with n >= 0, where the
        step's hypothesis n >= start >= 0 puts every point that matters. So P(n)'s b**n and P(n + 1)'s
        b**(n + 1) are the same constant, times b in the second: a proof of the step over every value of the
        constant is one for its true value; a model of its negation shows nothing (the constant is free)."""
        import hashlib

        n = self.powers_of
        if not z3.is_int(self.var(n)):
            raise TranslationError(f"the induction variable {n} is not an integer symbol")
        if n in e.base.free_symbols:
            raise TranslationError(f"a power whose base mentions the induction variable: {e}")
        exponent = sp.expand(e.exp)
        k = exponent.coeff(n, 1)
        c = sp.expand(exponent - k * n)
        if not (k.is_Integer and k >= 1 and c.is_Integer and 0 <= c <= MAX_EXPONENT):
            raise TranslationError(f"a power of the induction variable {n} must be b**(k*{n} + c) with integers "
                                   f"k >= 1 and 0 <= c <= {MAX_EXPONENT}, not {e}")
        # '$' cannot begin a decodable symbol's name (certificates.serialize), so no symbol takes this name
        name = "$power_" + hashlib.sha256(f"{sp.srepr(e.base)}|{int(k)}|{sp.srepr(n)}".encode()).hexdigest()[:16]
        self.powers.setdefault(name, sp.Pow(e.base, k * n, evaluate=False))
        return z3.Real(name) * _power(self.tr(e.base), int(c))

    def root(self, base: Any, q: int) -> Any:
        """The variable v standing for base**(1/q), defined (where base >= 0) by v >= 0, v**q = base."""
        import hashlib

        # '$' cannot begin a decodable symbol's name (certificates.serialize), so no symbol takes this name
        name = f"$root{q}_" + hashlib.sha256(sp.srepr(base).encode()).hexdigest()[:16]
        v = z3.Real(name)
        if name not in self.roots:
            b = self.tr(base)
            self.roots[name] = z3.Implies(b >= 0, z3.And(v >= 0, _power(v, q) == b))
        return v

    def tr(self, e: Any) -> Any:
        if e is sp.true or e is sp.false:
            return z3.BoolVal(e is sp.true)
        if isinstance(e, sp.Symbol):
            return self.var(e)
        if isinstance(e, sp.Integer):
            return z3.IntVal(int(e))
        if isinstance(e, sp.Rational):
            return z3.RealVal(e.p) / z3.RealVal(e.q)
        if isinstance(e, sp.Add):
            return z3.Sum([self.tr(a) for a in e.args])
        if isinstance(e, sp.Mul):
            out = self.tr(e.args[0])
            for a in e.args[1:]:
                out = out * self.tr(a)
            return out
        if isinstance(e, sp.Pow) and not e.exp.is_number:
            if self.powers_of is not None and self.powers_of in e.exp.free_symbols:
                return self.induction_power(e)
            if self.opaque is not None and self.integer_valued(e.exp):
                name = opaque_name(e)
                self.opaque.setdefault(name, e)
                return z3.Real(name)
            raise TranslationError(f"a power with a symbolic exponent ({e}) is translated only as an opaque term "
                                   "(integer exponent) or in an induction step (a power of its variable)")
        if isinstance(e, sp.Pow):
            if not isinstance(e.exp, sp.Rational) or max(abs(e.exp.p), e.exp.q) > MAX_EXPONENT:
                raise TranslationError(f"non-rational power or exponent above {MAX_EXPONENT}: {e}")
            if e.exp.q == 1:
                return _power(self.tr(e.base), int(e.exp))
            return _power(self.root(e.base, e.exp.q), e.exp.p)
        if isinstance(e, sp.Abs):
            a = self.tr(e.args[0])
            return z3.If(a >= 0, a, -a)
        if isinstance(e, sp.sign):
            a = self.tr(e.args[0])
            return z3.If(a > 0, 1, z3.If(a < 0, -1, 0))
        if isinstance(e, (sp.Max, sp.Min)):
            args = [self.tr(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = z3.If(a > out, a, out) if isinstance(e, sp.Max) else z3.If(a < out, a, out)
            return out
        if isinstance(e, sp.Piecewise):
            if e.args[-1][1] is not sp.true:
                raise TranslationError("Piecewise must end with a (expr, True) piece")
            out = self.tr(e.args[-1][0])
            for value, cond in reversed(e.args[:-1]):
                out = z3.If(self.tr(cond), self.tr(value), out)
            return out
        for kind, make in _RELATIONS.items():
            if type(e) is kind:
                return make(self.tr(e.lhs), self.tr(e.rhs))
        if isinstance(e, sp.And):
            return z3.And([self.tr(a) for a in e.args])
        if isinstance(e, sp.Or):
            return z3.Or([self.tr(a) for a in e.args])
        if isinstance(e, sp.Not):
            return z3.Not(self.tr(e.args[0]))
        if isinstance(e, sp.Implies):
            return z3.Implies(self.tr(e.args[0]), self.tr(e.args[1]))
        if isinstance(e, sp.Equivalent):
            args = [self.tr(a) for a in e.args]
            return z3.And([a == b for a, b in zip(args, args[1:])])
        if self.opaque is not None and isinstance(e, (AppliedUndef, sp.Integral)):
            name = opaque_name(e)
            self.opaque.setdefault(name, e)
            return z3.Real(name)
        if isinstance(e, AppliedUndef) and self.functions is not None:
            name = f"{e.func.__name__}/{len(e.args)}"
            if name not in self.functions:
                self.functions[name] = z3.Function(e.func.__name__, *([z3.RealSort()] * (len(e.args) + 1)))
            args = [self.tr(a) for a in e.args]
            return self.functions[name](*[z3.ToReal(a) if z3.is_int(a) else a for a in args])
        raise TranslationError(f"cannot translate {type(e).__name__}: {e}")


def _power(b: Any, n: int) -> Any:
    """b**n unfolded into products (1/b**|n| for n < 0)."""
    if n == 0:
        return z3.RealVal(1)
    out = b
    for _ in range(abs(n) - 1):
        out = out * b
    return out if n > 0 else z3.RealVal(1) / out


def _and(conds: list) -> Any:
    conds = [c for c in conds if not z3.is_true(c)]
    return z3.BoolVal(True) if not conds else conds[0] if len(conds) == 1 else z3.And(conds)


def is_root(e: Any) -> bool:
    return isinstance(e, sp.Pow) and isinstance(e.exp, sp.Rational) and e.exp.q != 1


def has_roots(e: Any) -> bool:
    return isinstance(e, sp.Basic) and any(is_root(p) for p in sp.preorder_traversal(e))


@functools.lru_cache(maxsize=4096)
def opaque_name(term: Any) -> str:
    """The real constant that stands for an opaque term: equal terms up to the kernel's normal form (bound
    variables renamed, arguments cancelled) get one name, in the engine and in the kernel alike. Cached: a
    query names the same few terms many times, and the normal form is the expensive part."""
    import hashlib

    from .normal_form import opaque_form

    # '$' cannot begin a decodable symbol's name (certificates.serialize), so no symbol takes this name. The
    # printer keeps SymPy's own order of arguments (order="none"), which equal terms share: as faithful, and
    # 5 times faster than sorting the terms of every sum for print (2.8 s -> 0.6 s on the largest query)
    text = sp.srepr(opaque_form(term), order="none")
    return "$opaque_" + hashlib.sha256(text.encode()).hexdigest()[:16]


_RELATIONS = {sp.Equality: lambda a, b: a == b, sp.Unequality: lambda a, b: a != b,
              sp.StrictLessThan: lambda a, b: a < b, sp.LessThan: lambda a, b: a <= b,
              sp.StrictGreaterThan: lambda a, b: a > b, sp.GreaterThan: lambda a, b: a >= b}


def symbol_constraints(symbol: sp.Symbol | None, var: Any) -> list:
    """What a SymPy symbol's assumptions (positive, nonzero, ...) say about its Z3 variable."""
    if symbol is None:
        return []
    out = []
    if symbol.is_positive:
        out.append(var > 0)
    elif symbol.is_nonnegative:
        out.append(var >= 0)
    if symbol.is_negative:
        out.append(var < 0)
    elif symbol.is_nonpositive:
        out.append(var <= 0)
    if symbol.is_nonzero and not (symbol.is_positive or symbol.is_negative):
        out.append(var != 0)
    return out


_RATIONAL_TEXT = re.compile(r"-?\d{1,400}(/\d{1,400})?")


def is_rational_text(text: str) -> bool:
    return bool(_RATIONAL_TEXT.fullmatch(text))


def rational_value(text: str, var: Any) -> Any:
    """The exact Z3 value of a recorded rational, in the sort of ``var`` (ValueError for a fraction
    given to an integer)."""
    value = Fraction(text)
    if var.sort() == z3.IntSort():
        if value.denominator != 1:
            raise ValueError(f"integer {var} has the value {text}")
        return z3.IntVal(value.numerator)
    return z3.RealVal(value.numerator) / z3.RealVal(value.denominator)


def sign_violation(symbols: dict, model: Any) -> str | None:
    """A model must respect what the symbols assume of themselves (``positive=True`` makes ``x > 0`` the
    literal True, so the hypothesis never reaches Z3): the first symbol whose recorded value breaks its
    assumptions, or None. Decimal (algebraic) values are compared as floats."""
    if not isinstance(model, dict):
        return None
    for name, symbol in sorted(symbols.items()):
        text = model.get(name)
        if not isinstance(text, str):
            continue
        try:
            value = float(Fraction(text)) if is_rational_text(text) else float(text)
        except (ValueError, ZeroDivisionError, OverflowError):
            continue
        broken = ((symbol.is_positive and not value > 0) or (symbol.is_negative and not value < 0)
                  or (symbol.is_nonnegative and not value >= 0) or (symbol.is_nonpositive and not value <= 0)
                  or (symbol.is_nonzero and value == 0))
        if broken:
            return f"{name} = {text} breaks what {name} assumes of itself"
    return None


def model_text(value: Any) -> str:
    """A Z3 model value as exact text where it is rational, else 30 decimals."""
    if z3.is_rational_value(value):
        return str(value.as_fraction())
    if z3.is_algebraic_value(value):
        return value.as_decimal(30).rstrip("?")
    return str(value)


def decode_relation(tree: Any, what: str) -> Any:
    """A recorded expression, decoded by the whitelist decoder (ValueError when it cannot be)."""
    if isinstance(tree, dict) and "unencodable" in tree:
        raise ValueError(f"{what} was not recorded in re-checkable form ({tree['unencodable']})")
    try:
        return decode(tree)
    except SerializationError as exc:
        raise ValueError(f"{what}: {exc}") from None


FIRST_TRY_SECONDS = 1.0     # each of the two short tries of :func:`solve`


def _default() -> Any:
    return z3.Solver()


def _smt_core() -> Any:
    return z3.Tactic("smt").solver()


# (make a solver, seconds or None for the rest): what :func:`solve` tries, in order
ENGINE_TRIES = ((_default, FIRST_TRY_SECONDS), (_smt_core, FIRST_TRY_SECONDS), (_default, None))
# The kernel's re-solve of a recorded query needs only sat or unsat, never a model: the SMT core answers most
# queries in milliseconds (482 of the paper's 536 within 30 ms) where the default strategy (nlsat) needs up to
# a second or more on some, and five queries need the default slightly longer than a second, which the
# engine's order pays three times (default, SMT core, default again). Same answers, Z3's own; the 536 queries,
# each try timed alone (3 December): 15.3 s in the engine's order, 8.9 s in this one.
KERNEL_TRIES = ((_smt_core, 0.05), (_default, 3.0), (_smt_core, 3.0), (_default, None))


def fresh_context() -> None:
    """Start Z3 from a new context: its answers and models depend on the terms created before in the same
    context, so each obligation and each re-check starts anew (else a model would depend on what ran before
    it in the same child, and a query Z3 answers in 0.1 s alone took 15 s after 30 others)."""
    z3.z3._main_ctx = None     # z3.main_ctx() makes a fresh one on first use (the API has no public reset)


def solve(formulas: list, seconds: float = 0, seed: int | None = None,
          tries: tuple = ENGINE_TRIES) -> tuple[Any, Any, str]:
    """Z3's answer on ``formulas``: ``(sat | unsat | unknown, a model when sat, why unknown)``.

    Z3's default strategy for nonlinear real arithmetic (nlsat) answers most queries at once, but a few
    take it minutes that its SMT core (tactic ``smt``) answers in milliseconds, and the other way round. So
    the default gets a short try, the SMT core another, and the default the rest of the time (``seconds``,
    0 = no limit); ``tries``: that order (:data:`ENGINE_TRIES`) or the kernel's (:data:`KERNEL_TRIES`). Every
    answer is Z3's own; the engine's backend and the kernel's re-check both ask here."""
    deadline = time.monotonic() + seconds if seconds else None
    reason = "no time left"
    for make, budget in tries:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            break
        limits = [x for x in (budget, left) if x is not None]
        solver = make()
        if limits:
            solver.set("timeout", max(1, int(min(limits) * 1000)))
        if seed is not None:
            solver.set("random_seed", seed % (2 ** 31))
        solver.add(*formulas)
        answer = solver.check()
        if answer != z3.unknown:
            return answer, (solver.model() if answer == z3.sat else None), ""
        reason = solver.reason_unknown()
    return z3.unknown, None, reason


def parse_smtlib(text: Any, what: str) -> list:
    if not isinstance(text, str):
        raise ValueError(f"the record has no {what} SMT-LIB text")
    screen_smtlib(text)
    return list(z3.parse_smt2_string(text))


EQUIVALENCE_SECONDS = 10.0   # per assertion: Z3 must show it equivalent to the translated record in time


def _constants(formulas: list) -> dict[str, Any]:
    """Every uninterpreted symbol in ``formulas``: name -> sort (ValueError for functions or clashes)."""
    seen: dict[str, Any] = {}
    stack, visited = list(formulas), set()
    while stack:
        term = stack.pop()
        if term.get_id() in visited:
            continue
        visited.add(term.get_id())
        if z3.is_quantifier(term):
            raise ValueError("the SMT-LIB text has a quantifier, which no recorded relation translates to")
        if not z3.is_app(term):
            raise ValueError(f"the SMT-LIB text has an unexpected term {str(term)[:60]}")
        decl = term.decl()
        if decl.kind() == z3.Z3_OP_UNINTERPRETED:
            if decl.arity():
                raise ValueError(f"the SMT-LIB text applies a function {decl.name()!r}")
            if seen.setdefault(decl.name(), term.sort()) != term.sort():
                raise ValueError(f"the SMT-LIB text uses {decl.name()!r} with two sorts")
        stack.extend(term.children())
    return seen


def same_formulas(parsed: list, expected: list, what: str) -> None:
    """The SMT-LIB assertions say exactly what the translated record says, assertion by assertion.

    The counts must agree, and each recorded assertion must be identical to its translated counterpart,
    or simplify (Z3) to the same term, or, with the declared symbols and their sorts agreeing, be proved
    equivalent to it (unsat of ``a != t`` under a time limit; no answer is a failure). Equivalence of each
    conjunct makes the conjunctions equisatisfiable with the same models, so sat/unsat of the text is
    sat/unsat of the record. (The whole query must not be compared as one formula: every proved negation is
    equivalent to false.)
    """
    unfaithful = f"the {what} SMT-LIB text does not encode the recorded hypotheses and conclusion"
    if len(parsed) == len(expected) - 1 and z3.is_true(expected[-1]):
        parsed = parsed + [z3.BoolVal(True)]    # Z3's to_smt2 leaves out a last assertion that is `true`
    if len(parsed) != len(expected):
        raise ValueError(f"{unfaithful}: {len(parsed)} assertion(s) for {len(expected)} recorded")
    pending = [(index, a, t) for index, (a, t) in enumerate(zip(parsed, expected), 1)
               if not (a.eq(t) or z3.simplify(a).eq(z3.simplify(t)))]
    if not pending:
        return          # each the same term as its counterpart, or simplified to it: equivalent, same sorts
    got, want = _constants(parsed), _constants(expected)
    if got != want:
        differ = sorted(n for n in set(got) | set(want) if n not in got or n not in want or got[n] != want[n])
        raise ValueError(f"{unfaithful}: symbols or sorts differ ({', '.join(differ[:5])})")
    for index, a, t in pending:
        answer, _, _ = solve([a != t], EQUIVALENCE_SECONDS)
        if answer != z3.unsat:
            why = "is not equivalent to" if answer == z3.sat else "could not be shown equivalent to"
            raise ValueError(f"{unfaithful}: assertion {index} {why} the recorded relation")


def smtlib_text(formulas: list) -> str:
    """The SMT-LIB text of a query, as a certificate records it (what the kernel re-solves)."""
    solver = z3.Solver()
    solver.add(*formulas)
    return solver.to_smt2()


# The texts of proposals the kernel translated itself in this re-check (see :func:`check_z3`); None: the
# re-check was not asked to make any (verify, or a caller that is not check's judgement).
_MADE: list | None = None


def making_texts(on: bool) -> None:
    """From now on in this process, :func:`check_z3` makes the texts a proposal left out (``on``), or refuses
    such a record (not ``on``), and :func:`made_texts` starts empty."""
    global _MADE
    _MADE = [] if on else None


def made_texts() -> list:
    """The texts made since :func:`making_texts`: ``{"for": statement_key(record), "smtlib_hypotheses",
    "smtlib"}`` per proposal translated."""
    return list(_MADE or [])


def statement_key(record: dict) -> str:
    """What names the implication a made text belongs to (the engine puts it back in that record)."""
    from .canonical import digest

    return digest({"hypotheses": record.get("hypotheses"), "conclusion": record.get("conclusion"),
                   "integer_symbols": record.get("integer_symbols"), "opaque": bool(record.get("opaque"))})


def _leaves_texts_out(record: dict, verdict: str) -> bool:
    """A proposal of ``check``'s first pass, which records no SMT-LIB text: the kernel translates it once,
    makes the texts from its own translation and solves those (only when asked, so verify still needs them)."""
    return (_MADE is not None and verdict == "proved" and record.get("proposed") is True
            and "smtlib_hypotheses" not in record and "smtlib" not in record)


def check_z3(record: dict, verdict: str, cex: dict | None, powers_of: Any = None) -> tuple[bool, str]:
    """Re-check a Z3 verdict from its record; ``powers_of``: the variable of the induction whose step this
    record is (its powers translated by :meth:`Translator.induction_power`), given by the caller that has
    re-derived the step, never read from the record.

    A proposal that left its texts out (``check``, :func:`making_texts`) is translated here, once: the texts
    are made from that translation (:func:`made_texts` hands them to the engine for the certificate), then
    parsed and solved and compared with the translation exactly as a recorded text is, so the translation
    exists once per query, in the kernel, and what the certificate records is what was solved."""
    if record.get("kind") != "implication":
        return False, "no implication record"
    opaque = bool(record.get("opaque"))
    made = None
    if _leaves_texts_out(record, verdict):
        translate = Translator(record["integer_symbols"], opaque=opaque, powers_of=powers_of)
        hyps = [translate(decode_relation(h, "hypothesis")) for h in record["hypotheses"]]
        goal = translate.goal(decode_relation(record["conclusion"], "conclusion"))
        texts = {"smtlib_hypotheses": smtlib_text(hyps), "smtlib": smtlib_text([*hyps, z3.Not(goal)])}
        assert _MADE is not None
        _MADE.append({"for": statement_key(record), **texts})
        record = {**record, **texts}
        made = hyps, goal
        fresh_context()          # the texts are solved in a context of their own, as a recorded text is
    # The recorded queries are solved first, in a context nothing else has touched (Z3's time depends on the
    # terms made before a query: two slab queries of the paper took 3.3 s after their translation, 0.04 s
    # before it); no answer counts until both texts are shown to encode the recorded claim.
    hyp_formulas = parse_smtlib(record.get("smtlib_hypotheses"), "hypotheses")
    hyp_answer, _, _ = solve(hyp_formulas, tries=KERNEL_TRIES)
    formulas, answer = None, None
    if verdict != "vacuous" and hyp_answer == z3.sat:
        formulas = parse_smtlib(record.get("smtlib"), "negated claim")
        answer, _, _ = solve(formulas, tries=KERNEL_TRIES)
    if made is not None:         # the kernel's own translation, carried into the context of the texts
        here = z3.main_ctx()
        hyps, goal = [h.translate(here) for h in made[0]], made[1].translate(here)
    else:
        translate = Translator(record["integer_symbols"], opaque=opaque, powers_of=powers_of)
        hyps = [translate(decode_relation(h, "hypothesis")) for h in record["hypotheses"]]
    same_formulas(hyp_formulas, hyps, "hypotheses")
    if verdict == "vacuous":
        return (True, "hypotheses unsat (vacuous), as recorded") if hyp_answer == z3.unsat else (
            False, f"hypotheses are {hyp_answer}, not unsat as the vacuity verdict says")
    if formulas is None:
        return False, f"hypotheses are {hyp_answer}: the claim would be vacuous"
    if made is None:
        goal = translate.goal(decode_relation(record["conclusion"], "conclusion"))
    same_formulas(formulas, hyps + [z3.Not(goal)], "negated claim")
    if verdict == "proved":
        return (True, "negation unsat, hypotheses sat") if answer == z3.unsat else (
            False, f"negation is {answer}, not unsat")
    if answer != z3.sat:
        return False, f"negation is {answer}, but a refutation needs sat"
    if opaque:
        return False, "a model of the abstraction (opaque terms as free constants) refutes nothing"
    if record.get("schemas"):
        return False, "a model of the query refutes nothing: no solver read the claim's schemas"
    relations = [decode_relation(h, "hypothesis") for h in record["hypotheses"]]
    relations.append(decode_relation(record["conclusion"], "conclusion"))
    symbols = {s.name: s for r in relations for s in sp.sympify(r).free_symbols}
    broken = sign_violation(symbols, (cex or {}).get("model"))
    if broken:
        return False, f"the recorded model refutes nothing: {broken}"
    # a counterexample is a point where the whole claim is real-valued: no root of a negative number in it
    defined = [translate.defined(r) for r in relations]
    return check_model(formulas + [d for d in defined if not z3.is_true(d)], (cex or {}).get("model"))


def check_model(formulas: list, model: Any) -> tuple[bool, str]:
    """Substitute the recorded model into the negated claim: it must come out true."""
    if not isinstance(model, dict):
        return False, "a refutation without a model"
    consts: dict[str, Any] = {}
    for f in formulas:
        for v in z3.z3util.get_vars(f):
            consts[str(v)] = v
    pairs, approximate = [], []
    for name, text in model.items():
        if name == "/0":                        # Z3's interpretation of division by zero, not a constant:
            continue                            # unused, so a division by zero cannot come out true below
        if name not in consts or not isinstance(text, str):
            return False, f"the model names {name!r}, which the query does not declare"
        if not is_rational_text(text):
            approximate.append(name)            # algebraic numbers are recorded as decimals
            continue
        try:
            pairs.append((consts[name], rational_value(text, consts[name])))
        except ValueError as exc:
            return False, str(exc)
    values = [z3.simplify(z3.substitute(f, *pairs)) if pairs else z3.simplify(f) for f in formulas]
    if any(z3.is_false(v) for v in values):
        return False, "the recorded model does not satisfy the negated claim"
    if all(z3.is_true(v) for v in values):
        return True, "negation sat; the recorded model satisfies it exactly"
    if "/0" in model:       # re-solving could pick values for a division by zero that real arithmetic lacks
        return False, "the recorded model gives division by zero a value and does not settle the claim exactly"
    if solve(values)[0] != z3.sat:
        return False, "the recorded model cannot be extended to satisfy the negated claim"
    return True, ("negation sat; the recorded model satisfies it"
                  + (f" ({', '.join(approximate)} given as decimals, checked by re-solving)" if approximate else ""))
