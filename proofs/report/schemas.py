"""Hypothesis schemas as a reader sees them: "for every integer k ≥ s: H(k)" or "for every (y1, y2): H(y)",
read from an obligation's record (a schema its generalised use proves says which result it generalises).

A record holds its schemas as ``"schemas": [{"variable", "start", "formula"}]`` (encoded SymPy, decoded by the
kernel's whitelist decoder, never evaluated). The reports (:mod:`.data`) and ``explain`` both read them here:
the LaTeX each report format renders, a plain text for the terminal, and which uses of a dependency need a
schema (the used result is stated under it: the kernel's rule, :func:`certificates.normal_form.schema_form`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

READABLE_SECONDS = 10.0     # at most this long to write one record's schemas (SymPy prints the recorded terms)
TOO_LARGE = "a schema too large to show here: see the certificate"


@dataclass
class Schema:
    """One recorded schema: H at every integer ``variable >= start``, or at every point (start None)."""

    variable: str = ""            # the variable's name (a point's: "y1, y2")
    start: Any = None             # an int in a record the kernel accepts
    formula_text: str = ""        # H(k), plain (``L(k) = C*L(k + 1)``)
    formula_tex: str = ""         # H(k), LaTeX; empty when the record could not be read
    recorded: str = ""            # the record as it stands, when it could not be read
    needed_by: list[str] = field(default_factory=list)   # dependencies whose use needs it (stated under it)
    needed_by_own: list[str] = field(default_factory=list)   # the node's own earlier obligations, likewise
    variable_tex: str = ""
    key: Any = field(default=None, repr=False, compare=False)    # schema_form: equal for the same hypothesis
    decoded: tuple[Any, Any, Any] | None = field(default=None, repr=False, compare=False)   # SymPy
    proved_by: str = ""           # "node/obligation" when a generalised use proves it (not a hypothesis)

    @property
    def how(self) -> str:
        """How the obligations listed with it have it: assumed, or proved by generalising a result."""
        return f"proved by generalising {self.proved_by} in" if self.proved_by else "assumed by"

    @property
    def text(self) -> str:
        """``for every integer k >= 0: L(k) = C*L(k + 1)``: the terminal's words."""
        if not self.formula_tex and self.recorded:
            return self.recorded if self.recorded == TOO_LARGE else f"a schema as recorded: {self.recorded}"
        if self.start is None:
            return f"for every ({self.variable}): {self.formula_text}"
        return f"for every integer {self.variable} >= {self.start}: {self.formula_text}"

    @property
    def statement(self) -> str:
        """``for every integer $k \\geq 0$: $…$``: prose with math pieces, as every report renders a statement."""
        if not self.formula_tex:
            return self.text.replace("$", "").replace("\\", "/")    # as text in every format
        if self.start is None:
            return f"for every $({self.variable_tex})$: ${self.formula_tex}$"
        return f"for every integer ${self.variable_tex} \\geq {self.start}$: ${self.formula_tex}$"


@dataclass
class SchemaGroup:
    """A schema a node's obligations assume, once however many of them do (compared as the kernel does)."""

    schema: Schema
    obligations: list[str] = field(default_factory=list)
    needed_by: list[str] = field(default_factory=list)
    needed_by_own: list[str] = field(default_factory=list)     # the node's own obligations whose use needs it


def read_schemas(record: Any) -> list[Schema]:
    """The schemas of an obligation's record (none when it records none); a part that cannot be read is
    shown as recorded, and terms too large to print in :data:`READABLE_SECONDS` say so."""
    listed = record.get("schemas") if isinstance(record, dict) else None
    if not isinstance(listed, list) or not listed:
        return []
    from proofs.alarm import TimeLimitExceeded, time_limit

    out = []
    for raw in listed:
        try:
            with time_limit(READABLE_SECONDS):
                out.append(_schema(raw))
        except TimeLimitExceeded:
            out.append(Schema(recorded=TOO_LARGE))
    for use in record.get("uses") or []:
        index = use.get("schema") if isinstance(use, dict) else None
        if isinstance(index, int) and 0 <= index < len(out):
            out[index].proved_by = f"{use.get('node')}/{use.get('obligation')}"
    return out


def _schema(raw: Any) -> Schema:
    import sympy as sp

    from certificates.normal_form import schema_form
    from certificates.serialize import decode

    if not isinstance(raw, dict):
        return Schema(recorded=_short(raw))
    try:
        variable, formula, start = decode(raw.get("variable")), decode(raw.get("formula")), raw.get("start")
        key, decoded = None, None
        point = start is None and isinstance(variable, list) and all(isinstance(v, sp.Symbol) for v in variable)
        if point or (isinstance(variable, sp.Symbol) and isinstance(start, int) and not isinstance(start, bool)):
            variable = tuple(variable) if point else variable
            key, decoded = schema_form(variable, start, formula), (variable, start, formula)
        names = ", ".join(map(str, variable)) if point else str(variable)
        names_tex = ", ".join(map(sp.latex, variable)) if point else sp.latex(variable)
        return Schema(variable=names, start=start, formula_text=plain(formula),
                      formula_tex=sp.latex(formula), variable_tex=names_tex, key=key, decoded=decoded)
    except Exception:  # noqa: BLE001 - a record the kernel would reject is shown as it stands
        return Schema(recorded=_short(raw))


def link_uses(uses: Iterable[Any], own: list[Schema], used: Callable[[str, str], list[Schema]],
              node: str | None = None) -> None:
    """Mark in ``own`` (the schemas of an obligation of ``node``) those a use needs: the used obligation
    (``used(node, name)``) is stated under a schema whose instance by the use's substitution is one of the
    obligation's own (:attr:`Schema.needed_by`; a use of an earlier obligation of ``node`` itself goes to
    :attr:`Schema.needed_by_own`)."""
    if not own:
        return
    from certificates.normal_form import schema_covers, schema_form
    from certificates.serialize import decode

    for use in uses:
        if not isinstance(use, dict) or not isinstance(use.get("node"), str):
            continue
        stated = [s.decoded for s in used(use["node"], str(use.get("obligation", "")))
                  if s.decoded is not None and not s.proved_by]       # what a generalisation proves is no hypothesis
        if not stated:
            continue
        try:
            pairs = [(decode(a), decode(b)) for a, b in use.get("substitution") or []]
            needs = [schema_form(variable, start, formula, pairs) for variable, start, formula in stated]
        except Exception:  # noqa: BLE001 - a use the kernel would reject needs nothing shown here
            continue
        for schema in own:
            if schema.key is None or not any(schema_covers([schema.key], need) for need in needs):
                continue
            into, name = ((schema.needed_by_own, str(use.get("obligation", ""))) if use["node"] == node
                          else (schema.needed_by, use["node"]))
            if name not in into:
                into.append(name)


def grouped(obligations: Iterable[tuple[str, list[Schema]]]) -> list[SchemaGroup]:
    """A node's schemas, each once, with the obligations that assume it and the uses that need it."""
    groups: list[SchemaGroup] = []
    for name, schemas in obligations:
        for schema in schemas:
            group = next((g for g in groups if (g.schema.key is not None and g.schema.key == schema.key)
                          or (g.schema.key is None and g.schema.text == schema.text)), None)
            if group is None:
                group = SchemaGroup(schema)
                groups.append(group)
            if name not in group.obligations:
                group.obligations.append(name)
            group.needed_by += [n for n in schema.needed_by if n not in group.needed_by]
            group.needed_by_own += [n for n in schema.needed_by_own if n not in group.needed_by_own]
    return groups


def plain(expr: Any) -> str:
    """A formula as terminal text: SymPy's, with relations written infix (``a = b``, not ``Eq(a, b)``)."""
    return str(_printer().doprint(expr))


@functools.cache
def _printer() -> Any:
    from sympy.core.relational import Relational
    from sympy.printing.str import StrPrinter

    class Printer(StrPrinter):
        """Relations infix, connectives in words; a part that is not a relation is parenthesised."""

        def _relation(self, expr: Any, symbol: str) -> str:
            return f"{self._print(expr.lhs)} {symbol} {self._print(expr.rhs)}"

        def _print_Equality(self, expr: Any) -> str:
            return self._relation(expr, "=")

        def _print_Unequality(self, expr: Any) -> str:
            return self._relation(expr, "!=")

        def _part(self, expr: Any) -> str:
            text = self._print(expr)
            return text if isinstance(expr, Relational) or expr.is_Atom else f"({text})"

        def _joined(self, expr: Any, word: str) -> str:
            return f" {word} ".join(self._part(a) for a in expr.args)

        def _print_And(self, expr: Any) -> str:
            return self._joined(expr, "and")

        def _print_Or(self, expr: Any) -> str:
            return self._joined(expr, "or")

        def _print_Not(self, expr: Any) -> str:
            return f"not {self._part(expr.args[0])}"

        def _print_Implies(self, expr: Any) -> str:
            return self._joined(expr, "=>")

        def _print_Equivalent(self, expr: Any) -> str:
            return self._joined(expr, "<=>")

    return Printer()


def _short(value: Any, limit: int = 300) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."
