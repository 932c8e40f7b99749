"""Counterexamples a person reads in seconds: the recorded instance as LaTeX rows.

A counterexample is recorded for machines (serialised SymPy trees, Z3 models with solver
internals, numeric descriptions of test functions). Here each becomes a short list of
``(label, LaTeX)`` rows — the matrix ``T_h``, the point, every function in closed form, each
side's value and their difference — and a one-line summary for the findings table. The
machine-readable form stays in the certificate and in ``run.json``. Nothing is evaluated as
code: trees go through the kernel's whitelisting decoder, value strings through a checked parser.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from certificates.serialize import SerializationError, decode

_USER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ENTRY = re.compile(r"^([A-Z])_?(\d)(\d)$")             # T_11 -> matrix T, row 1, column 1
_COMPONENT = re.compile(r"^([a-z])_(\d)$")              # x_1 -> vector x, component 1
_VALUE = re.compile(r"^[0-9+\-*/().,\s^eE]*(?:(?:sqrt|pi|exp|log|sin|cos|I|E)[0-9+\-*/().,\s^eE]*)*$")
MATRIX_NAMES = {"T": "T_h", "G": "T_g", "H": "T_H"}
MAX_ROWS = 14


@dataclass
class Readable:
    """A counterexample as rows of (label, LaTeX math); ``text`` rows are prose, not math."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    text: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""             # LaTeX math, one line

    def __bool__(self) -> bool:
        return bool(self.rows or self.text)


def readable(counterexample: Any) -> Readable:
    """Dispatch on the shape the backend recorded; unknown shapes become short generic rows."""
    if not isinstance(counterexample, dict):
        return Readable(text=[("value", _short(counterexample))])
    try:
        if isinstance(counterexample.get("model"), dict):
            return _z3(counterexample["model"])
        if "symbols" in counterexample or "functions" in counterexample:
            return _sympy(counterexample)
        return _numeric(counterexample)
    except (SerializationError, ValueError, TypeError, KeyError, AttributeError, IndexError):
        return Readable(text=[(str(k), _short(v)) for k, v in list(counterexample.items())[:MAX_ROWS]])


# ----------------------------------------------------------------------------- Z3 models


def _z3(model: dict) -> Readable:
    values = {k: _rational(v) for k, v in model.items() if isinstance(k, str) and _USER_NAME.match(k)}
    rows = _grouped(values)
    return Readable(rows=rows, summary=_join(rows))


def _rational(text: Any) -> Any:
    s = str(text).strip()
    if re.fullmatch(r"-?\d+(/\d+)?", s):
        return sp.Rational(s)
    if re.fullmatch(r"-?\d+\.\d+\??", s):
        return sp.Float(s.rstrip("?"), 6)
    return s


# ----------------------------------------------------------------------------- SymPy instances


def _sympy(ce: dict) -> Readable:
    symbols = {str(k): decode(v) for k, v in (ce.get("symbols") or {}).items()}
    rows = _grouped(symbols)
    for name, tree in (ce.get("functions") or {}).items():
        rows.append((f"function {name}", _function(str(name), decode(tree))))
    summary_rows = list(rows[:2])
    lhs, rhs = _value(ce.get("lhs_value")), _value(ce.get("rhs_value"))
    if lhs is not None and rhs is not None:
        rows.append(("left side", _with_number(lhs)))
        rows.append(("right side", _with_number(rhs)))
        diff = sp.nsimplify(sp.simplify(lhs - rhs)) if (lhs - rhs).is_number else lhs - rhs
        rows.append(("difference", _with_number(diff)))
        summary_rows.append(("", _sides(lhs, rhs)))
    text = [("method", str(ce["method"]))] if ce.get("method") else []
    if ce.get("step") is not None:
        text.append(("failing step", str(ce["step"])))
    return Readable(rows=rows, text=text, summary=_join(summary_rows))


def _function(name: str, value: Any) -> str:
    head = sp.Symbol(name).name if name.isidentifier() else name
    head = r"\lambda" if head == "lambda" else sp.latex(sp.Symbol(head))
    if isinstance(value, sp.Lambda):
        n = len(value.variables)
        ys = sp.symbols(f"y_1:{n + 1}", real=True) if n > 1 else (sp.Symbol("y", real=True),)
        body = value.expr.xreplace(dict(zip(value.variables, ys)))
        coeff, rest = body.as_coeff_Mul()     # 5/2 e^{...}, not one fraction over everything
        shown = sp.latex(body) if coeff == 1 or rest == 1 else f"{sp.latex(coeff)}\\, {sp.latex(rest)}"
        return f"{head}({', '.join(sp.latex(y) for y in ys)}) = {shown}"
    return f"{head} = {sp.latex(value)}"


def _value(text: Any) -> sp.Expr | None:
    """A recorded side's value: a closed form over numbers (checked before it is parsed)."""
    if text is None:
        return None
    s = str(text)
    if len(s) > 2000 or not _VALUE.match(s) or re.search(r"\d{200}", s):
        return None
    # a power is evaluated as it is parsed: only small exponents (10**10**10 would never finish)
    if re.search(r"\*\*(?!\s*\(?-?\d{1,3}(/\d{1,4})?\)?(?![\d*]))", s) or "^" in s:
        return None
    names = {"sqrt": sp.sqrt, "pi": sp.pi, "exp": sp.exp, "log": sp.log, "sin": sp.sin, "cos": sp.cos,
             "I": sp.I, "E": sp.E, "Integer": sp.Integer, "Rational": sp.Rational, "Float": sp.Float}
    from sympy.parsing.sympy_parser import parse_expr, standard_transformations

    try:
        return sp.sympify(parse_expr(s, local_dict=names, global_dict={"__builtins__": {}, **names},
                                     transformations=standard_transformations))
    except Exception:   # noqa: BLE001 - a value we cannot read is shown as recorded
        return None


def _with_number(expr: sp.Expr) -> str:
    text = sp.latex(expr)
    if expr.is_number and not expr.is_Rational:
        try:
            return f"{text} \\approx {_num(complex(expr.evalf(15)))}"
        except (TypeError, ValueError):
            return text
    return text


def _num(value: complex) -> str:
    if isinstance(value, complex):
        if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
            return f"{value.real:.6g} {'+' if value.imag >= 0 else '-'} {abs(value.imag):.6g}i"
        value = value.real
    text = f"{value:.6g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
    return text


# ----------------------------------------------------------------------------- numeric instances


def _numeric(ce: dict) -> Readable:
    rows: list[tuple[str, str]] = []
    text: list[tuple[str, str]] = []
    transform = ce.get("transform")
    if isinstance(transform, dict) and isinstance(transform.get("matrix"), list):
        rows.append((_transform_label(transform), "T_h = " + _matrix(transform["matrix"])))
    for key in ("T_H", "T_g"):
        if isinstance(ce.get(key), dict) and isinstance(ce[key].get("matrix"), list):
            rows.append((_transform_label(ce[key]), f"{MATRIX_NAMES.get(key[-1], key)} = "
                         + _matrix(ce[key]["matrix"])))
    if isinstance(ce.get("matrix"), list):
        rows.append(("matrix", _matrix(ce["matrix"])))
    if isinstance(ce.get("point"), list):
        rows.append(("point", "x = " + _vector(ce["point"])))
    for key, symbol in (("f", "f"), ("g", "g"), ("filter", r"\lambda")):
        if isinstance(ce.get(key), dict):
            rows.append((f"function {key}", f"{symbol}(y) = " + _numeric_function(ce[key])))
        elif isinstance(ce.get(key), str):
            text.append((f"function {key}", ce[key]))
    summary_rows = list(rows[:2])
    lhs, rhs = _float(ce.get("lhs")), _float(ce.get("rhs"))
    if lhs is not None and rhs is not None:
        rows += [("left side", _num(lhs)), ("right side", _num(rhs)), ("difference", _num(lhs - rhs))]
        summary_rows.append(("", _sides(lhs, rhs)))
    shown = {"transform", "T_H", "T_g", "matrix", "point", "f", "g", "filter", "lhs", "rhs", "index",
             "residuals", "resolutions", "tolerance"}
    for key, value in ce.items():
        if key in shown or len(rows) + len(text) >= MAX_ROWS:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            rows.append((key.replace("_", " "), _num(float(value))))
        elif isinstance(value, str):
            text.append((key.replace("_", " "), value))
        elif isinstance(value, list) and value and all(isinstance(v, (int, float)) for v in value):
            text.append((key.replace("_", " "), ", ".join(f"{v:.4g}" for v in value[:8])))
    residuals, resolutions = ce.get("residuals"), ce.get("resolutions") or ce.get("levels")
    if isinstance(residuals, list) and residuals:
        at = (f" at resolutions {', '.join(str(r) for r in resolutions)}"
              if isinstance(resolutions, list) else "")
        tol = f"; tolerance {ce['tolerance']:g}" if isinstance(ce.get("tolerance"), (int, float)) else ""
        text.append(("residuals", ", ".join(f"{float(r):.3g}" for r in residuals) + at + tol))
        if not summary_rows:
            summary_rows.append(("", rf"\text{{residual}} \approx {_num(float(residuals[-1]))}"))
    rows = [(k, v.replace("+ -", "- ")) for k, v in rows]
    return Readable(rows=rows, text=text, summary=_join(summary_rows))


def _sides(lhs: Any, rhs: Any) -> str:
    """``LHS ≈ a ≠ RHS ≈ b`` with numbers only: the one-line form has no room for closed forms."""
    def approx(v: Any) -> str:
        if isinstance(v, sp.Basic):
            if v.is_Rational:
                return "= " + sp.latex(v)
            try:
                return r"\approx " + _num(complex(v.evalf(15)))
            except (TypeError, ValueError):
                return "= " + sp.latex(v)
        return r"\approx " + _num(float(v))
    return rf"\text{{LHS}} {approx(lhs)},\ \text{{RHS}} {approx(rhs)}"


def _transform_label(transform: dict) -> str:
    name = str(transform.get("class") or transform.get("name") or "transformation").replace("_", " ")
    det = _float(transform.get("det"))
    return f"{name} (det {det:.3g})" if det is not None else name


def _numeric_function(desc: dict, depth: int = 0) -> str:
    kind = str(desc.get("kind", ""))
    if depth > 3:
        return r"\dots"
    if kind == "sum" and isinstance(desc.get("parts"), list):
        parts = desc["parts"]
        shown = " + ".join(_numeric_function(p, depth + 1) for p in parts[:2] if isinstance(p, dict))
        return shown + (rf" + \dots\ (\text{{{len(parts)} terms}})" if len(parts) > 2 else "")
    if kind == "shifted" and isinstance(desc.get("of"), dict):
        inner = _numeric_function(desc["of"], depth + 1)
        return rf"\mathcal{{D}}_{{{_vector(desc.get('delta', []))}}}\big[{inner}\big]"
    if kind == "symmetrised" and isinstance(desc.get("of"), dict):
        group = desc.get("group") or []
        inner = _numeric_function(desc["of"], depth + 1)
        return (rf"\tfrac{{1}}{{{len(group)}}}\textstyle\sum_{{S \in G}} [{inner}]"
                rf"(S y),\ |G| = {len(group)}")
    a = _float(desc.get("amplitude"))
    centre, shape = desc.get("center"), desc.get("shape")
    if a is None or not isinstance(centre, list) or not isinstance(shape, list):
        return rf"\text{{{kind or 'function'}}}"
    u = r"M(y - c)"
    where = rf",\ c = {_vector(centre)},\ M = {_matrix(shape)}"
    if kind in ("gaussian", "poly_gaussian"):
        return rf"{_num(a)}\, e^{{-|{u}|^2/2}}" + where
    if "bump" in kind:
        return rf"{_num(a)}\, e^{{1 - 1/(1 - |{u}|^2)}}\ \text{{on }} |{u}| < 1" + where
    return rf"\text{{{kind}}}\ a = {_num(a)}" + where


# ----------------------------------------------------------------------------- shared


def _grouped(values: dict[str, Any]) -> list[tuple[str, str]]:
    """Entries ``T_ij`` become the matrix ``T_h``, components ``x_i`` the vector ``x``; others one by one."""
    matrices: dict[str, dict[tuple[int, int], Any]] = {}
    vectors: dict[str, dict[int, Any]] = {}
    rest: dict[str, Any] = {}
    for name, value in values.items():
        if (m := _ENTRY.match(name)):
            matrices.setdefault(m.group(1), {})[(int(m.group(2)), int(m.group(3)))] = value
        elif (m := _COMPONENT.match(name)):
            vectors.setdefault(m.group(1), {})[int(m.group(2))] = value
        else:
            rest[name] = value
    rows = []
    for letter, entries in matrices.items():
        n = max(max(i, j) for i, j in entries)
        mat = sp.Matrix([[entries.get((i + 1, j + 1), sp.Integer(0)) for j in range(n)] for i in range(n)])
        label = "matrix" if n * n == len(entries) else "matrix (unlisted entries 0)"
        rows.append((label, f"{MATRIX_NAMES.get(letter, letter)} = {sp.latex(mat, mat_delim='(')}"))
    for letter, comps in vectors.items():
        vec = sp.Matrix([comps.get(i, sp.Integer(0)) for i in range(1, max(comps) + 1)])
        shown = f"{letter} = {sp.latex(vec.T, mat_delim='(')}^\\top"
        rows.append(("point" if letter in "xyzp" else "vector", shown))
    if rest:
        rows.append(("values" if len(rest) > 1 else "value", r",\quad ".join(
            f"{_symbol(name)} = {sp.latex(value) if isinstance(value, sp.Basic) else _tt(value)}"
            for name, value in rest.items())))
    return rows


def _symbol(name: str) -> str:
    parts = name.split("_")
    greek = {"lambda", "mu", "delta", "rho", "pi", "sigma", "phi", "theta", "chi", "psi", "tau"}
    words = [("\\" + p if p in greek else p) for p in parts]
    if len(words) == 1:
        return words[0] if words[0].startswith("\\") or len(words[0]) == 1 else rf"\mathit{{{words[0]}}}"
    head = words[0] if len(parts[0]) == 1 or words[0].startswith("\\") else rf"\mathit{{{words[0]}}}"
    return head + "_{" + r"\,".join(words[1:]) + "}"


def _tt(value: Any) -> str:
    return r"\text{" + re.sub(r"[\\{}$&#^_%~]", " ", str(value))[:80] + "}"


def _matrix(rows: list) -> str:
    body = r" \\ ".join(" & ".join(_num(float(v)) for v in row) for row in rows if isinstance(row, list))
    return r"\begin{pmatrix} " + body + r" \end{pmatrix}"


def _vector(values: list) -> str:
    return "(" + ", ".join(_num(float(v)) for v in values) + r")^\top"


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _join(rows: list[tuple[str, str]]) -> str:
    """The one-line form: the instance's matrices and points, then the sides (functions are too long)."""
    kept = [r for label, r in rows if r and not label.startswith("function")] or [r for _, r in rows[:1]]
    line = r",\quad ".join(kept).replace("+ -", "- ")
    return line.replace("pmatrix", "smallmatrix").replace(r"\begin{matrix}", r"\begin{smallmatrix}") \
        .replace(r"\end{matrix}", r"\end{smallmatrix}").replace(r"\frac", r"\tfrac")


def _short(value: Any, limit: int = 160) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
