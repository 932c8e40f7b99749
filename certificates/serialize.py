"""A safe, structured JSON form of SymPy expressions, and its decoder.

Certificates arrive from strangers, so decoding never evaluates text: every node
of the JSON tree names an entry of a fixed whitelist, sizes and depths are
bounded, and anything else is rejected with :class:`SerializationError`.
This module imports neither the engine nor the developments.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

MAX_DEPTH = 200
MAX_NODES = 200_000
MAX_INT_DIGITS = 400
MAX_EXPONENT = 10_000   # a number raised to a larger power would be evaluated eagerly by SymPy
MAX_NUMBER_BITS = 1_000_000  # all exact numbers built while decoding (SymPy multiplies them out eagerly)
_ASSUMPTIONS = ("real", "positive", "negative", "nonnegative", "nonpositive", "integer", "nonzero")

# operator name -> SymPy constructor (the decoder's whole vocabulary)
OPS: dict[str, Any] = {
    "Add": sp.Add, "Mul": sp.Mul, "Pow": sp.Pow, "Abs": sp.Abs, "sign": sp.sign,
    "exp": sp.exp, "log": sp.log, "sin": sp.sin, "cos": sp.cos, "tan": sp.tan,
    "atan": sp.atan, "atan2": sp.atan2, "Max": sp.Max, "Min": sp.Min, "Heaviside": sp.Heaviside,
    "floor": sp.floor, "ceiling": sp.ceiling, "re": sp.re, "im": sp.im,
    "Eq": sp.Eq, "Ne": sp.Ne, "Lt": sp.Lt, "Le": sp.Le, "Gt": sp.Gt, "Ge": sp.Ge,
    "And": sp.And, "Or": sp.Or, "Not": sp.Not, "Implies": sp.Implies, "Equivalent": sp.Equivalent,
}
# the terms the kernel builds as they stand (evaluate=False): relations and Max/Min, which SymPy would
# evaluate on construction. Decoding: they were evaluated when encoded (see _decode); instantiating a use
# (normal_form.instantiate) and pickling a task (certificates.pickling) keep them as stated
UNEVALUATED_TYPES = (sp.core.relational.Relational, sp.Max, sp.Min)
UNEVALUATED = frozenset(name for name, cls in OPS.items()
                        if isinstance(cls, type) and issubclass(cls, UNEVALUATED_TYPES))
CONSTANTS: dict[str, Any] = {
    "pi": sp.pi, "E": sp.E, "I": sp.I, "oo": sp.oo, "-oo": -sp.oo, "zoo": sp.zoo,
    "nan": sp.nan, "true": sp.true, "false": sp.false,
}
_CONST_OF = {v: k for k, v in CONSTANTS.items()}


class SerializationError(ValueError):
    """An expression cannot be encoded, or a JSON tree is not a valid encoding."""


# ----------------------------------------------------------------------------- encode


def encode(expr: Any) -> Any:
    """SymPy object (or nested list/tuple of them) -> JSON-compatible tree."""
    if isinstance(expr, (list, tuple)):
        return {"list": [encode(e) for e in expr]}
    if isinstance(expr, sp.MatrixBase):
        return {"matrix": [[encode(expr[i, j]) for j in range(expr.cols)] for i in range(expr.rows)]}
    if isinstance(expr, bool):
        return {"const": "true" if expr else "false"}
    if isinstance(expr, int):
        return {"int": str(expr)}
    expr = sp.sympify(expr) if not isinstance(expr, sp.Basic) else expr
    for const, name in _CONST_OF.items():
        if expr == const and type(expr) is type(const):
            return {"const": name}
    if isinstance(expr, sp.Integer):
        return {"int": str(int(expr))}
    if isinstance(expr, sp.Rational):
        return {"rat": [str(expr.p), str(expr.q)]}
    if isinstance(expr, sp.Float):
        value = float(expr)
        if expr._prec > 53 or value in (float("inf"), float("-inf")) or sp.Float(value)._mpf_ != expr._mpf_:
            # the double would silently be another number (0.0, inf, fewer digits)
            raise SerializationError(f"a Float that is not exactly a double (precision {expr._prec} bits)")
        return {"float": repr(float(expr))}
    if isinstance(expr, sp.Dummy):      # a Dummy is not its name: two of them would decode as one symbol
        raise SerializationError(f"a Dummy symbol ({expr}) cannot be recorded; use a Symbol")
    if isinstance(expr, sp.Symbol):
        out: dict[str, Any] = {"sym": _name(expr.name)}   # the decoder's names only: '$' is the kernel's
        assumed = [a for a in _ASSUMPTIONS if expr._assumptions_orig.get(a) is True]
        if assumed:
            out["assume"] = assumed
        return out
    if isinstance(expr, AppliedUndef):          # with its assumptions, as a symbol: f real is not f complex
        fn: dict[str, Any] = {"fn": expr.func.__name__, "args": [encode(a) for a in expr.args]}
        assumed = [a for a in _ASSUMPTIONS if getattr(expr.func, "_kwargs", {}).get(a) is True]
        if assumed:
            fn["assume"] = assumed
        return fn
    if isinstance(expr, sp.Integral):
        limits = []
        for lim in expr.limits:
            if len(lim) != 3:
                raise SerializationError("only definite integrals (var, lo, hi) are encoded")
            limits.append([encode(lim[0]), encode(lim[1]), encode(lim[2])])
        return {"op": "Integral", "args": [encode(expr.function)], "limits": limits}
    if isinstance(expr, sp.Lambda):
        return {"op": "Lambda", "vars": [encode(v) for v in expr.variables],
                "args": [encode(expr.expr)]}
    if isinstance(expr, sp.Piecewise):
        return {"op": "Piecewise", "pieces": [[encode(e), encode(c)] for e, c in expr.args]}
    name = type(expr).__name__
    if name == "StrictLessThan":
        name = "Lt"
    elif name == "LessThan":
        name = "Le"
    elif name == "StrictGreaterThan":
        name = "Gt"
    elif name == "GreaterThan":
        name = "Ge"
    elif name == "Equality":
        name = "Eq"
    elif name == "Unequality":
        name = "Ne"
    if name in OPS:
        return {"op": name, "args": [encode(a) for a in expr.args]}
    raise SerializationError(f"cannot encode {name} ({expr})")


# ----------------------------------------------------------------------------- decode


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0
        self.bits = 0

    def number(self, value: Any, planned: int = 0) -> Any:
        """Count the size of an exact number (or of one about to be computed) against the budget."""
        if planned == 0 and isinstance(value, sp.Rational):
            planned = int(value.p).bit_length() + int(value.q).bit_length()
        self.bits += planned
        if self.bits > MAX_NUMBER_BITS:
            raise SerializationError(f"numbers in the expression exceed {MAX_NUMBER_BITS} bits")
        return value

    def tick(self, depth: int) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise SerializationError(f"expression has more than {MAX_NODES} nodes")
        if depth > MAX_DEPTH:
            raise SerializationError(f"expression nested deeper than {MAX_DEPTH}")


def decode(tree: Any) -> Any:
    """JSON tree -> SymPy object, using only the whitelisted constructors."""
    try:
        return _decode(tree, 0, _Budget())
    except SerializationError:
        raise
    except (TypeError, ValueError, AttributeError, ArithmeticError, RecursionError, IndexError,
            KeyError) as exc:  # malformed input that SymPy itself rejects: still a clear refusal
        raise SerializationError(f"malformed expression: {type(exc).__name__}: {exc}") from None


def _int(text: Any) -> int:
    if not isinstance(text, str) or not text.lstrip("-").isdigit() or not text.isascii():
        raise SerializationError(f"not an integer literal: {text!r}")
    if len(text) > MAX_INT_DIGITS:
        raise SerializationError(f"integer literal longer than {MAX_INT_DIGITS} digits")
    return int(text)


def _assumed(tree: dict) -> dict[str, bool]:
    """The assumptions a symbol or an undefined function is recorded with (the whitelist only)."""
    assume = tree.get("assume", [])
    if not isinstance(assume, list) or any(a not in _ASSUMPTIONS for a in assume):
        raise SerializationError(f"unknown assumptions {assume!r}")
    return {a: True for a in assume}


def _name(text: Any) -> str:
    if (not isinstance(text, str) or not text or len(text) > 100
            or not text.replace("_", "a").replace("'", "a").isalnum()):
        raise SerializationError(f"not a valid name: {text!r}")
    return text


def _decode(tree: Any, depth: int, budget: _Budget) -> Any:
    budget.tick(depth)
    if not isinstance(tree, dict) or len(tree) == 0:
        raise SerializationError(f"expected an object, got {type(tree).__name__}")
    d = depth + 1

    def sub(x: Any) -> Any:
        return _decode(x, d, budget)

    def items(key: str) -> list:
        value = tree.get(key)
        if not isinstance(value, list):
            raise SerializationError(f"field {key!r} must be a list")
        return value

    if "list" in tree:
        return [sub(x) for x in items("list")]
    if "matrix" in tree:
        rows = items("matrix")
        if not all(isinstance(r, list) for r in rows) or len({len(r) for r in rows}) > 1:
            raise SerializationError("matrix rows must be lists of equal length")
        return sp.Matrix([[sub(x) for x in row] for row in rows])
    if "const" in tree:
        if tree["const"] not in CONSTANTS:
            raise SerializationError(f"unknown constant {tree['const']!r}")
        return CONSTANTS[tree["const"]]
    if "int" in tree:
        return budget.number(sp.Integer(_int(tree["int"])))
    if "rat" in tree:
        pq = items("rat")
        if len(pq) != 2 or _int(pq[1]) == 0:
            raise SerializationError("rational needs [p, q] with q != 0")
        return budget.number(sp.Rational(_int(pq[0]), _int(pq[1])))
    if "float" in tree:
        text = tree["float"]
        try:
            return sp.Float(float(text)) if isinstance(text, str) and len(text) < 40 else _bad(text)
        except ValueError:
            raise SerializationError(f"not a float literal: {text!r}") from None
    if "sym" in tree:
        return sp.Symbol(_name(tree["sym"]), **_assumed(tree))
    if "fn" in tree:
        return sp.Function(_name(tree["fn"]), **_assumed(tree))(*[sub(a) for a in items("args")])
    op = tree.get("op")
    if op == "Integral":
        limits = []
        for lim in items("limits"):
            if not isinstance(lim, list) or len(lim) != 3:
                raise SerializationError("integral limits must be [var, lo, hi]")
            var = sub(lim[0])
            if not isinstance(var, sp.Symbol):
                raise SerializationError("integration variable must be a symbol")
            limits.append((var, sub(lim[1]), sub(lim[2])))
        (body,) = [sub(a) for a in items("args")] or [None]
        return sp.Integral(body, *limits)
    if op == "Lambda":
        variables = [sub(v) for v in items("vars")]
        if not all(isinstance(v, sp.Symbol) for v in variables):
            raise SerializationError("lambda variables must be symbols")
        (body,) = [sub(a) for a in items("args")]
        return sp.Lambda(tuple(variables), body)
    if op == "Piecewise":
        pieces = []
        for piece in items("pieces"):
            if not isinstance(piece, list) or len(piece) != 2:
                raise SerializationError("piecewise pieces must be [expr, cond]")
            pieces.append((sub(piece[0]), sub(piece[1])))
        return sp.Piecewise(*pieces)
    if op in OPS:
        args = [sub(a) for a in items("args")]
        if op == "Pow" and len(args) == 2 and args[1].is_Integer and abs(int(args[1])) > MAX_EXPONENT \
                and args[0].is_number:
            raise SerializationError(f"exponent larger than {MAX_EXPONENT} on a number")
        if op == "Pow" and len(args) == 2 and isinstance(args[0], sp.Rational) and isinstance(args[1], sp.Rational):
            size = max(int(args[0].p).bit_length(), int(args[0].q).bit_length())
            budget.number(None, planned=size * abs(int(args[1].p)) // int(args[1].q) + 1)
        try:
            # Max/Min and relations were evaluated when they were encoded: evaluating them again (SymPy's
            # pairwise comparisons of Max/Min arguments, assumption queries of Eq) gives the same object, slowly
            result = OPS[op](*args, evaluate=False) if op in UNEVALUATED else OPS[op](*args)
        except (TypeError, ValueError) as exc:
            raise SerializationError(f"bad arguments for {op}: {exc}") from None
        return budget.number(result)
    raise SerializationError(f"unknown node {sorted(tree)!r} (op={op!r})")


def _bad(text: Any) -> Any:
    raise SerializationError(f"not a float literal: {text!r}")
