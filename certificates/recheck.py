"""The re-checks of the kernel: what each recorded verdict must show to count.

``proved`` SymPy identities and chains are re-proved with :mod:`certificates.normal_form`; Z3 answers are
re-solved from the SMT-LIB text after :func:`certificates.smt.same_formulas` has shown that the text says
what the record says; counterexamples and satisfiability witnesses are re-evaluated on their recorded
instance; numeric residuals are re-judged by :func:`certificates.rules.judge_residuals` (the checks
themselves are development code and are not re-run). Certificate text is data: decoded by the whitelist
decoder, never evaluated. Each function returns ``(ok, detail)``; ``ok`` None means "no answer" (cvc5).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
import z3
from sympy.core.function import AppliedUndef

from . import cvc5_check, smt
from .normal_form import (
    DERIVED,
    change_of_variables,
    equal,
    gaussian_integral,
    generalization,
    identity_statement,
    induction_parts,
    induction_problem,
    induction_statement,
    instantiate,
    schema_covers,
    schema_form,
    schema_instance,
    schema_problem,
    sign_conditions,
    stated_constants,
    substitution_problem,
    value_problem,
)
from .rules import BUILTIN_BACKENDS, judge_residuals
from .smt import decode_relation as _decode

Check = tuple[str, Callable[..., tuple[bool | None, str]], tuple]


def obligation_checks(ob: dict, deps: list[str], cvc5: bool, cvc5_seconds: float | None = None,
                      used: list | None = None) -> list[Check] | None:
    """The re-checks an obligation's verdict calls for, or None when the verdict claims nothing; a cvc5 query
    gets ``cvc5_seconds`` (default :data:`CVC5_SECONDS`); ``used``: the dependencies' obligations its record
    uses, in the order of ``record["uses"]`` (None for a missing one)."""
    verdict, record = ob["verdict"], ob["record"]
    checks = obligation_checks_of_verdict(ob, deps, cvc5, cvc5_seconds)
    derived = isinstance(record, dict) and any(isinstance(j, dict) and j.get("kind") in DERIVED
                                               for j in record.get("justification") or [])
    if isinstance(record, dict) and (record.get("uses") or derived) and verdict == "proved":
        if record.get("kind") == "induction":   # the uses' side conditions are proved in the base
            base = record.get("base")
            record = {"uses": record.get("uses"), "hypotheses": record.get("hypotheses"),
                      "justification": record.get("justification"),
                      "conclusion": base.get("conclusion") if isinstance(base, dict) else None,
                      "integer_symbols": record.get("integer_symbols"), "schemas": record.get("schemas", [])}
        checks = (checks or []) + [("uses", check_uses, (record, deps, list(used or [])))]
    return checks


def obligation_checks_of_verdict(ob: dict, deps: list[str], cvc5: bool,
                                 cvc5_seconds: float | None = None) -> list[Check] | None:
    backend, verdict, record, cex = ob["backend"], ob["verdict"], ob["record"], ob["counterexample"]
    if verdict in ("unknown", "failed", "unavailable", "assumed") or (backend, verdict) == ("sympy", "vacuous"):
        return None     # claim nothing ("assumed": node_status; a vacuous SymPy proof fails its node either way)
    if backend == "numeric":
        return [("residuals", check_numeric, (record, verdict))]
    if backend == "sympy" and verdict == "proved":
        return [("re-proof", check_sympy_proof, (record, deps)),
                ("assumptions", check_assumption_witness, (record,))]
    if backend == "sympy" and verdict == "refuted":
        return [("counterexample", check_sympy_counterexample, (record, cex))]
    if backend == "z3" and verdict in ("proved", "refuted", "vacuous"):
        if isinstance(record, dict) and record.get("kind") == "induction":
            checks: list[Check] = [("induction", check_induction, (record, verdict, cex))]
            parts = ("base", "step") if verdict == "proved" else ("base",)     # cvc5: the base, and a proof's step
            queries = [(f"cvc5 {part}", record.get(part)) for part in parts]
        else:
            checks, queries = [("z3", smt.check_z3, (record, verdict, cex))], [("cvc5", record)]
        return checks + ([(name, cvc5_check.check_cvc5, (query, verdict, cvc5_seconds)) for name, query in queries]
                         if cvc5 else [])
    if backend not in BUILTIN_BACKENDS:
        return None                       # a development's own backend: trusted, and reported as such
    return [("verdict", _cannot, (backend, verdict))]


def _cannot(backend: str, verdict: str) -> tuple[bool, str]:
    return False, f"backend {backend!r} cannot answer {verdict!r}"


def check_numeric(record: dict, verdict: str) -> tuple[bool, str]:
    """The numeric checks are not re-run (they are the development's code); their residuals are re-judged."""
    if record.get("kind") != "numeric":
        return False, "no numeric record"
    try:
        residuals = [float(r) for r in record["residuals"]]
        tolerance = float(record["tolerance"])
    except (TypeError, ValueError, KeyError):
        return False, "the numeric record has no residuals or tolerance"
    judged, why = judge_residuals(residuals, record.get("resolutions", []), tolerance,
                                  str(record.get("expect")))
    if judged != verdict:
        return False, f"residuals {residuals} with tolerance {tolerance:g} give {judged!r} ({why}), not {verdict!r}"
    return True, f"residuals {residuals} support {verdict!r} (seed {record.get('seed')}; not re-run)"


def _expression(tree: Any, what: str) -> Any:
    value = _decode(tree, what)
    if isinstance(value, list):
        raise ValueError(f"{what} must be an expression or a matrix, not a list")
    if not isinstance(value, (sp.Basic, sp.MatrixBase)):
        raise ValueError(f"{what} is not an expression")
    return value


def _change_of_variables(expr: Any, params: Any, assumptions: list) -> Any:
    """The recorded parameters of a change-of-variables step, decoded, applied by the kernel's rule."""
    if not isinstance(params, dict) or not {"old", "new", "A"} <= set(params):
        raise ValueError("a change-of-variables step needs the parameters old, new and A")
    decoded = {k: _decode(params[k], k) for k in ("old", "new", "A", "c") if k in params}
    return change_of_variables(expr, decoded["old"], decoded["new"], decoded["A"], decoded.get("c"),
                               assumptions=assumptions)


def check_sympy_proof(record: dict, deps: list[str]) -> tuple[bool, str]:
    if record.get("kind") == "identity":
        lhs, rhs = _expression(record["lhs"], "lhs"), _expression(record["rhs"], "rhs")
        return (True, "both sides agree after normalisation") if equal(lhs, rhs) else (
            False, "the two sides could not be shown equal")
    if record.get("kind") != "chain":
        return False, "no identity or chain record"
    prev = _expression(record["start"], "start")
    for index, step in enumerate(record["steps"], 1):
        expr = _expression(step["expr"], f"step {index}")
        if step["by"] is not None and step["by"] not in deps:
            return False, f"step {index} is justified by {step['by']!r}, which is not a dependency"
        if step["rule"] in ("algebra", "definition", "cites"):
            expected = prev
        elif step["rule"] == "change_of_variables":
            expected = _change_of_variables(prev, step.get("params", {}), _assumptions(record))
        else:
            return False, f"step {index}: unknown rule {step['rule']!r}"
        if not equal(expected, expr):
            return False, f"step {index} ({step['rule']}) could not be shown"
        prev = expr
    return True, f"all {len(record['steps'])} step(s) re-checked"


def _instance(symbols: Any, functions: Any, what: str, functionals: Any = None) -> Callable[[Any], Any]:
    """Substitution of recorded closed values for symbols, lambda terms for undefined functions, and point
    evaluations for undefined functionals: ``functionals[mu] = {"point": [p1, ...]}`` makes
    ``mu(Lambda((z1, ...), body))`` the value ``body`` at ``z = p`` (one concrete functional among all)."""
    functionals = functionals or {}
    if not isinstance(symbols, dict) or not isinstance(functions, dict) or not isinstance(functionals, dict):
        raise ValueError(f"the {what} needs 'symbols' and 'functions' objects")
    points = {}
    for name, spec in functionals.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("point"), list):
            raise ValueError(f"the {what} gives the functional {name!r} no point to evaluate at")
        points[name] = [_expression(p, f"{what} point of {name}") for p in spec["point"]]
        if any(p.free_symbols for p in points[name]):
            raise ValueError(f"the {what} point of {name!r} must be closed")
    values = {name: _expression(v, f"{what} value of {name}") for name, v in symbols.items()}
    lambdas = {name: _decode(tree, f"{what} function {name}") for name, tree in functions.items()}
    if not all(isinstance(lam, sp.Lambda) for lam in lambdas.values()):
        raise ValueError(f"the {what} gives a function that is not a lambda term")
    if any(v.free_symbols for v in values.values()) or any(f.free_symbols for f in lambdas.values()):
        raise ValueError(f"the {what} values must be closed terms")

    def evaluate(e: Any) -> Any:
        lam, point = e.args[0], points[e.func.__name__]
        if len(e.args) != 1 or not isinstance(lam, sp.Lambda) or len(lam.variables) != len(point):
            raise ValueError(f"the {what} evaluates {e.func.__name__} at a point of the wrong dimension")
        return lam.expr.xreplace(dict(zip(lam.variables, point)))

    def instance(expr: Any) -> Any:
        subs = {s: values[s.name] for s in expr.free_symbols if s.name in values}
        for symbol, value in subs.items():       # an instance of what SymPy built knowing each symbol's domain
            problem = value_problem(symbol, value)
            if problem:
                raise ValueError(f"the {what} {problem}")
        out = expr.xreplace(subs)
        if points:
            out = out.replace(lambda e: isinstance(e, AppliedUndef) and e.func.__name__ in points, evaluate)
        out = out.replace(
            lambda e: isinstance(e, AppliedUndef) and e.func.__name__ in lambdas,
            lambda e: lambdas[e.func.__name__](*e.args))
        if out.atoms(sp.Integral):
            out = out.replace(lambda e: isinstance(e, sp.Integral), gaussian_integral)
        if out.atoms(sp.Integral):
            out = out.doit()            # closed form where SymPy finds one,
        if out.atoms(sp.Integral):
            out = out.evalf(30)         # numerical quadrature otherwise
        if not isinstance(out, sp.logic.boolalg.BooleanAtom) and isinstance(out, sp.logic.boolalg.Boolean):
            out = sp.simplify(out)
        return out
    return instance


def _assumptions(record: dict) -> list:
    decoded = _decode(record["assumptions"], "assumptions")
    return decoded if isinstance(decoded, list) else [decoded]


def check_assumption_witness(record: dict) -> tuple[bool, str]:
    """A proof under assumptions needs them satisfiable: re-evaluate the recorded witness."""
    assumptions = _assumptions(record)
    if not assumptions:
        return True, "no assumptions"
    witness = record.get("assumption_witness")
    if not isinstance(witness, dict) or witness.get("status") != "satisfiable":
        return False, "the assumptions were not shown satisfiable: the proof could be vacuous"
    if witness.get("method") == "trivial":
        ok = all(a is sp.true for a in assumptions)
        return ok, "every assumption is literally true" if ok else "the assumptions are not trivially true"
    w = witness.get("witness") or {}
    if witness.get("method") == "z3":
        return _z3_witness(assumptions, w.get("model"))
    instance = _instance(w.get("symbols"), w.get("functions") or {}, "assumption witness")
    for assumption in assumptions:
        if instance(assumption) is not sp.true:
            return False, f"the recorded witness does not satisfy the assumption {assumption}"
    return True, "the recorded witness satisfies every assumption"


def check_sympy_counterexample(record: dict, cex: dict | None) -> tuple[bool, str]:
    if not isinstance(cex, dict) or not isinstance(cex.get("symbols"), dict):
        return False, "a refutation without a counterexample"
    if record.get("kind") == "identity":
        lhs, rhs = _expression(record["lhs"], "lhs"), _expression(record["rhs"], "rhs")
    elif record.get("kind") == "chain":
        step = cex.get("step")
        if not isinstance(step, int) or not 1 <= step <= len(record["steps"]):
            return False, "the counterexample names no step of the chain"
        before = record["start"] if step == 1 else record["steps"][step - 2]["expr"]
        lhs, rhs = _expression(before, "step side"), _expression(record["steps"][step - 1]["expr"], "step")
    else:
        return False, "no identity or chain record"
    if "entry" in cex:                      # matrices: the recorded entry is the one that differs
        entry = cex["entry"]
        if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase) and lhs.shape == rhs.shape
                and isinstance(entry, list) and len(entry) == 2 and all(type(k) is int for k in entry)
                and 0 <= entry[0] < lhs.rows and 0 <= entry[1] < lhs.cols):
            return False, f"the counterexample names entry {entry!r}, which the two sides do not both have"
        lhs, rhs = lhs[entry[0], entry[1]], rhs[entry[0], entry[1]]
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return False, "a counterexample to a matrix identity must name the entry that differs"
    instance = _instance(cex["symbols"], cex.get("functions") or {}, "counterexample", cex.get("functionals"))
    for assumption in _assumptions(record):
        if instance(assumption) is not sp.true:
            return False, f"the counterexample violates the assumption {assumption}"
    left, right = instance(lhs), instance(rhs)
    if left.free_symbols or right.free_symbols:
        return False, f"the counterexample leaves {sorted(map(str, left.free_symbols | right.free_symbols))} free"
    # exact values: SymPy's evalf tracks cancellation, so 50 digits decide; quadrature: a loose margin
    exact = not any(isinstance(a, sp.Float) for side in (left, right) for a in sp.preorder_traversal(side))
    gap = abs(complex(sp.N(left - right, 50)))
    scale = max(1.0, abs(complex(sp.N(left, 50))), abs(complex(sp.N(right, 50))))
    if not gap > (1e-40 if exact else 1e-9) * scale:
        return False, "on the recorded instance the two sides agree"
    how = "exactly" if exact else "by quadrature"
    return True, f"the sides differ on the recorded instance, evaluated {how} (gap {gap:.3g})"


def _z3_witness(assumptions: list, model: Any) -> tuple[bool, str]:
    """Re-derive satisfiability of the assumptions: translated afresh (undefined functions uninterpreted),
    with the recorded rational values of the symbols fixed, and re-solved by Z3."""
    translate = smt.Translator(functions=True)
    formulas = [translate.witness(a) for a in assumptions]      # roots in them: defined at the model
    symbols = {s.name: s for a in assumptions for s in a.free_symbols}
    for name, var in translate.vars.items():
        formulas.extend(smt.symbol_constraints(symbols.get(name), var))
    fixed = 0
    for name, text in (model if isinstance(model, dict) else {}).items():
        if name in translate.vars and isinstance(text, str) and smt.is_rational_text(text):
            formulas.append(translate.vars[name] == smt.rational_value(text, translate.vars[name]))
            fixed += 1
    answer, _, _ = smt.solve(formulas, smt.EQUIVALENCE_SECONDS)
    if answer != z3.sat:
        return False, f"the assumptions with the recorded model are {answer}, not satisfiable"
    return True, f"the assumptions are satisfiable (re-solved by z3, {fixed} recorded value(s) fixed)"


# ----------------------------------------------------------------------------- uses of dependencies


def _schemas(record: dict) -> list[tuple[Any, int, Any]]:
    """The record's hypothesis schemas ``(variable, start, formula)``, decoded and checked by the kernel's
    rule (:func:`certificates.normal_form.schema_problem`); ValueError for one that is none."""
    listed = record.get("schemas", [])
    if not isinstance(listed, list) or not all(isinstance(x, dict) for x in listed):
        raise ValueError("the record's schemas are not a list")
    out = []
    for x in listed:
        k, start, h = _decode(x.get("variable"), "schema variable"), x.get("start"), _decode(x.get("formula"), "schema")
        k = tuple(k) if isinstance(k, list) else k
        problem = schema_problem(k, start, h)
        if problem:
            raise ValueError(problem)
        out.append((k, start, h))
    return out


def _generalized(record: dict) -> set:
    """The indices of the record's schemas that generalised uses prove (not hypotheses of its statement)."""
    return {u.get("schema") for u in record.get("uses") or [] if isinstance(u, dict) and "schema" in u}


def _stated(record: dict, proved: bool = True) -> tuple[list, Any, list]:
    """``(hypotheses, conclusion, schemas)`` a dependency's record states (the rule of ``proofs.uses``,
    restated): its hypotheses but those that are uses, which are theorems already (instances of proved
    results, their own hypotheses proved as side conditions), so a user of the result does not restate them;
    and its schemas, which a user must have among its own, but those the uses of a ``proved`` record
    generalise (theorems, as its used hypotheses are). The marks of a record not ``proved`` (a formula a cited
    result or a definition states, whose marks no re-check derives) are ignored: each hypothesis is its own."""
    kind = record.get("kind")
    theorems = _generalized(record) if proved else set()
    schemas = [schema for j, schema in enumerate(_schemas(record)) if j not in theorems]
    marks = (record.get("justification") or []) if proved else []    # a stated formula uses nothing: all its own
    if kind == "implication":
        uses = {k for k, j in enumerate(marks) if j.get("kind") in DERIVED}
        return ([_decode(h, "used hypothesis") for k, h in enumerate(record["hypotheses"]) if k not in uses],
                _decode(record["conclusion"], "used conclusion"), schemas)
    if kind == "induction":
        variable, start, formula, hypotheses = _induction_claim(record)
        uses = {k for k, j in enumerate(marks) if j.get("kind") == "use"}
        own = [h for k, h in enumerate(hypotheses) if k not in uses]
        return (*induction_statement(variable, formula, own, start), schemas)
    if kind in ("identity", "chain"):
        lhs = _expression(record["lhs"] if kind == "identity" else record["start"], "used lhs")
        rhs = _expression(record["rhs"] if kind == "identity" else record["steps"][-1]["expr"], "used rhs")
        return (*identity_statement(lhs, rhs, _assumptions(record)), [])
    raise ValueError(f"a {kind!r} record states no formula that can be used")


def constants_of_stated(record: dict) -> set[str]:
    """The constants of a formula a cited result or a definition states (its record): what no result proved
    from it may have replaced (:func:`certificates.normal_form.stated_constants`)."""
    hypotheses, conclusion, schemas = _stated(record, proved=False)
    forms = [schema_form(*schema)[1] for schema in schemas]
    parameters = [_decode(p, "parameter") for p in record.get("parameters") or []]
    return stated_constants([*hypotheses, conclusion, *forms], parameters)


def check_uses(record: dict, deps: list[str], used: list) -> tuple[bool, str]:
    """Every use re-derived: the recorded hypothesis is the instance, under the recorded substitution, of
    what the dependency's record states, and the instance's hypotheses are among the conclusion's conjuncts
    (side conditions proved with it). ``used``: per use, the dependency's obligation (or None)."""
    uses = record.get("uses") or []
    hypotheses = record.get("hypotheses") or []
    own_schemas = _schemas(record)
    produced = _generalized(record)
    plain = [_decode(hypotheses[j], "hypothesis") for j, mark in enumerate(record.get("justification") or [])
             if isinstance(mark, dict) and mark.get("kind") in ("assume", "definition") and j < len(hypotheses)]
    for k, use in enumerate(uses):
        label = f"use {k + 1} ({use.get('node')}/{use.get('obligation')})"
        if use.get("node") not in deps:
            return False, f"{label}: not a dependency of the node"
        if k >= len(used) or used[k] is None:
            return False, f"{label}: the dependency has no such obligation"
        if used[k].get("verdict") not in ("proved", "assumed") or not isinstance(used[k].get("record"), dict):
            return False, f"{label}: the used obligation is {used[k].get('verdict')}, not proved: nothing to use"
        general = "schema" in use
        index = use.get("schema") if general else use.get("hypothesis")
        if not isinstance(index, int) or not 0 <= index < len(own_schemas if general else hypotheses):
            return False, f"{label}: names no {'schema' if general else 'hypothesis'} of the obligation"
        listed = [(_decode(a, "substituted symbol"), _decode(b, "substituted value")) for a, b in use["substitution"]]
        stated_h, stated_c, stated_s = _stated(used[k]["record"], used[k].get("verdict") == "proved")
        parameters = None
        if used[k].get("verdict") == "assumed":     # a stated formula: only its parameters are substituted
            parameters = [_decode(p, "parameter") for p in used[k]["record"].get("parameters") or []]
        forms = [schema_form(*schema) for schema in stated_s]
        constants = used[k].get("constants") or ()    # derived by the kernel (certificates.decide), transitively
        problem = substitution_problem(listed, [*stated_h, stated_c, *(h for _, h in forms)],
                                       used[k]["record"].get("integer_symbols", ()), parameters,
                                       record.get("integer_symbols") or (), constants)
        if problem:
            return False, f"{label}: {problem}"
        own = [schema_form(*schema) for j, schema in enumerate(own_schemas)     # a generalisation rests on the
               if not general or j not in produced or j < index]                 # schemas before it only
        needs = [schema_form(v, s, h, listed) for v, s, h in stated_s]
        if not all(schema_covers(own, form) for form in needs):
            return False, f"{label}: a schema the used result is stated under is not among the obligation's own"
        inst_h = [*sign_conditions(listed), *(instantiate(h, listed) for h in stated_h)]
        inst_c = instantiate(stated_c, listed)
        if general:         # universal generalisation over symbols no value and no used schema mentions
            every = _decode(use.get("every"), "generalised symbols")
            every = tuple(every) if isinstance(every, list) else ()
            derived = generalization(every, inst_h, inst_c, listed, needs, plain,
                                     used[k]["record"].get("integer_symbols", ()), parameters, constants)
            if isinstance(derived, str):
                return False, f"{label}: no generalisation over {list(every)}: it {derived}"
            inst_h, formula = derived
            if schema_form(every, None, formula) != schema_form(*own_schemas[index]):
                return False, f"{label}: schema {index + 1} is not the generalisation of what the dependency states"
        elif (sp.Implies(sp.And(*inst_h), inst_c) if inst_h else inst_c) != _decode(hypotheses[index], "hypothesis"):
            return False, f"{label}: hypothesis {index + 1} is not the instance of what the dependency states"
        listed_cases = use.get("assuming", [])                            # a proof by cases: left as antecedents
        cases = [_decode(c, "assumed hypothesis") for c in listed_cases] if isinstance(listed_cases, list) else [None]
        if (cases and general) or any(c not in inst_h for c in cases):
            return False, f"{label}: it assumes what is not a hypothesis of the instance"
        conjuncts = set(sp.And.make_args(_decode(record["conclusion"], "conclusion")))
        if not all(_conjoined(h, conjuncts) for h in inst_h if h not in cases):
            return False, f"{label}: the used result's hypotheses are not all proved as side conditions"
    problem = _derived_hypotheses(record, uses, hypotheses, own_schemas)
    if problem:
        return False, problem
    return True, f"{len(uses)} use(s) re-derived from the dependencies' records"


def _conjoined(condition: Any, conjuncts: set) -> bool:
    """Whether a side condition is among the conclusion's conjuncts (a conjunction: each of its own, as the
    conclusion flattens it); True needs no proof."""
    return all(c is sp.true or c in conjuncts for c in sp.And.make_args(condition))


def _derived_hypotheses(record: dict, uses: list, hypotheses: list, schemas: list) -> str | None:
    """Why the hypotheses the record marks as theorems are not, or None: each marked a use is the one its use
    names (and each use's hypothesis is marked so), each marked an instance is its schema (a point schema of
    the record) read at the recorded values, with the values' sign conditions proved as side conditions.
    What is marked so leaves the statement others use, so a mark the kernel did not re-derive would let a
    forged record state more than it proved."""
    justification = record.get("justification") or []
    conjuncts = set(sp.And.make_args(_decode(record["conclusion"], "conclusion"))) if justification else set()
    pointed = {u.get("hypothesis") for u in uses if "schema" not in u}
    for k, j in enumerate(justification):
        if not isinstance(j, dict):
            return f"justification {k + 1} is not an object"
        if j.get("kind") == "use":
            use = j.get("use")
            if not isinstance(use, int) or not 0 <= use < len(uses) or uses[use].get("hypothesis") != k \
                    or "schema" in uses[use]:
                return f"hypothesis {k + 1} is marked a use that does not name it"
            pointed.discard(k)
        elif j.get("kind") == "instance":
            index = j.get("schema")
            if not isinstance(index, int) or not 0 <= index < len(schemas) or schemas[index][1] is not None:
                return f"hypothesis {k + 1} reads no point schema of the obligation"
            values = _decode(j.get("values"), "instance values")
            read = schema_instance(schemas[index][0], schemas[index][2], values if isinstance(values, list) else [])
            if isinstance(read, str):
                return f"hypothesis {k + 1}: the instance {read}"
            if k >= len(hypotheses) or read[0] != _decode(hypotheses[k], "hypothesis"):
                return f"hypothesis {k + 1} is not its schema read at the recorded values"
            if not all(_conjoined(c, conjuncts) for c in read[1]):
                return f"hypothesis {k + 1}: the sign conditions of its values are not proved as side conditions"
    if pointed:
        return f"a use names hypothesis {min(pointed) + 1}, which is not marked a use"
    return None


# ----------------------------------------------------------------------------- induction


def _induction_claim(record: dict) -> tuple[Any, int, Any, list]:
    """``(variable, start, formula, hypotheses)`` of an induction record, decoded and checked by the kernel's
    rule (:func:`certificates.normal_form.induction_problem`); ValueError for one that is no induction."""
    variable = _decode(record.get("variable"), "induction variable")
    start = record.get("start")
    formula = _decode(record.get("formula"), "induction formula")
    hypotheses = record.get("hypotheses")
    if not isinstance(hypotheses, list):
        raise ValueError("the induction record has no list of hypotheses")
    hypotheses = [_decode(h, "induction hypothesis") for h in hypotheses]
    problem = induction_problem(variable, formula, hypotheses, start)
    if problem or not isinstance(start, int):
        raise ValueError(f"not an induction: {problem}")
    return variable, start, formula, hypotheses


def _same(recorded: Any, derived: Any, what: str) -> None:
    if not isinstance(recorded, list) or len(recorded) != len(derived):
        raise ValueError(f"the {what} are not the ones the induction's formula gives")
    for k, (tree, expected) in enumerate(zip(recorded, derived), 1):
        if _decode(tree, what) != expected:
            raise ValueError(f"the {what} ({k}) is not the one the induction's formula gives")


def check_induction(record: dict, verdict: str, cex: dict | None) -> tuple[bool, str]:
    """An induction's verdict: the base and the step re-derived from the recorded variable n, start s, formula
    P, hypotheses H and schemas by :func:`certificates.normal_form.induction_parts` and compared structurally
    with the recorded implications (any difference rejects the record), then each re-checked by
    :func:`smt.check_z3`, the step with the power rule of n (:meth:`smt.Translator.induction_power`).
    ``proved`` needs both proved; ``refuted`` a refutation of the base (its model is a counterexample to
    P(s)); ``vacuous`` contradictory hypotheses. A step that fails is never a refutation of the induction."""
    if record.get("kind") != "induction":
        return False, "no induction record"
    variable, start, formula, hypotheses = _induction_claim(record)
    side = record.get("side_conditions", [])
    if not isinstance(side, list):
        raise ValueError("the induction's side conditions are not a list")
    side = [_decode(h, "side condition") for h in side]
    integers = record.get("integer_symbols")
    if not isinstance(integers, list) or not all(isinstance(i, str) for i in integers):
        raise ValueError("the induction's integer symbols are not a list of names")
    opaque = record.get("opaque")
    if not isinstance(opaque, bool):
        raise ValueError("the induction record does not say whether it is opaque")
    schemas = _schemas(record)
    problem = induction_problem(variable, formula, hypotheses, start, schemas)
    if problem:
        raise ValueError(f"not an induction: {problem}")
    (base_h, base_c), (step_h, step_c) = induction_parts(variable, formula, hypotheses, start, side, schemas)
    parts = [("base", base_h, base_c, integers)]
    if verdict == "proved":
        parts.append(("step", step_h, step_c, [*integers, str(variable)]))
    for part, hyps, conclusion, names in parts:
        sub = record.get(part)
        if not isinstance(sub, dict) or sub.get("kind") != "implication":
            return False, f"the induction records no {part} implication"
        _same(sub.get("hypotheses"), hyps, f"{part} hypotheses")
        if _decode(sub.get("conclusion"), f"{part} conclusion") != conclusion:
            return False, f"the {part}'s conclusion is not the one the induction's formula gives"
        if sub.get("integer_symbols") != names:
            return False, f"the {part}'s integer symbols are not the induction's"
        if bool(sub.get("opaque")) != opaque:
            return False, f"the {part} is {'not ' if opaque else ''}opaque, unlike the induction"
    ok, detail = smt.check_z3(record["base"], verdict, cex)
    if not ok or verdict != "proved":
        return ok, f"base ({variable} = {start}): {detail}"
    ok, step = smt.check_z3(record["step"], "proved", None, powers_of=variable)
    if not ok:
        return False, f"step ({variable} -> {variable} + 1): {step}"
    return True, f"base ({variable} = {start}) and step ({variable} -> {variable} + 1) re-derived and re-proved"
