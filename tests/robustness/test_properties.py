"""Property-based tests: the expression serialisation round trip, hostile decoder input, graph validation."""
from __future__ import annotations

import json

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates.serialize import SerializationError, decode, encode
from proofs import Development, Identity, Obligation
from proofs.alarm import TimeLimitExceeded, time_limit
from proofs.errors import ValidationError
from proofs.graph import validate

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- expressions

_ASSUME = st.sampled_from([{}, {"real": True}, {"positive": True}, {"integer": True}, {"nonzero": True},
                           {"negative": True}, {"nonnegative": True}])
symbols = st.builds(lambda name, a: sp.Symbol(name, **a), st.sampled_from(["x", "y", "z", "t_00", "w'"]), _ASSUME)
integers = st.integers(min_value=-10 ** 20, max_value=10 ** 20).map(sp.Integer)
rationals = st.fractions(max_denominator=10 ** 6).map(lambda q: sp.Rational(q.numerator, q.denominator))
floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(sp.Float)  # huge ones: test_bounded_inputs
constants = st.sampled_from([sp.pi, sp.E, sp.I, sp.oo, -sp.oo, sp.zoo, sp.nan])
atoms = st.one_of(symbols, integers, rationals, floats, constants)
F, G = sp.Function("f"), sp.Function("g")


def _safe(build):
    """SymPy refuses some combinations (Max of a non-real) or cannot finish them (comparing exp(10**20)
    with a number computes e to 10**20 digits); those are not expressions to test."""
    def make(args):
        try:
            with time_limit(2.0):
                return build(*args)
        except (TypeError, ValueError, OverflowError, MemoryError, TimeLimitExceeded):
            return None
    return make


def _combine(children):
    pair = st.tuples(children, children)
    one = children.map(lambda a: (a,))
    return st.one_of(
        pair.map(_safe(sp.Add)), pair.map(_safe(sp.Mul)),
        st.tuples(children, st.integers(-3, 3)).map(_safe(sp.Pow)),
        one.map(_safe(sp.Abs)), one.map(_safe(sp.exp)), one.map(_safe(sp.sin)), one.map(_safe(F)),
        pair.map(_safe(G)), pair.map(_safe(sp.Max)),
    ).filter(lambda e: e is not None)


expressions = st.recursive(atoms, _combine, max_leaves=12)


relations = st.tuples(st.tuples(expressions, expressions),
                      st.sampled_from([sp.Eq, sp.Ne, sp.Lt, sp.Le, sp.Gt, sp.Ge])).map(
    lambda t: _safe(t[1])(t[0]))


def _roundtrip(expr):
    text = json.dumps(encode(expr))          # through real JSON text, as a certificate is
    return decode(json.loads(text))


@SETTINGS
@given(expressions)
def test_expression_round_trip(expr):
    """Encoding refuses cleanly (e.g. cosh from sin of an imaginary argument, a Float beyond a double),
    or the round trip gives back the very same tree."""
    _assert_round_trip(expr)


def _assert_round_trip(expr):
    try:
        back = _roundtrip(expr)
    except SerializationError as exc:
        assert "cannot encode" in str(exc) or "not exactly a double" in str(exc)
        return
    if sp.srepr(back) == sp.srepr(expr):             # same tree, same symbol assumptions
        return
    # SymPy re-evaluates on construction, so an unevaluated input (Abs(Abs(x))) comes back evaluated:
    # then the decoded tree must be a fixed point and mean the same thing
    assert sp.srepr(_roundtrip(back)) == sp.srepr(back), (sp.srepr(expr), sp.srepr(back))
    if isinstance(expr, sp.Expr) and isinstance(back, sp.Expr):
        assert sp.simplify(back - expr) == 0, (sp.srepr(expr), sp.srepr(back))
    elif isinstance(expr, sp.MatrixBase) and isinstance(back, sp.MatrixBase):   # entry by entry, as above
        assert back.shape == expr.shape and sp.simplify(back - expr).is_zero_matrix, (sp.srepr(expr), sp.srepr(back))
    else:
        assert back == expr, (sp.srepr(expr), sp.srepr(back))


@SETTINGS
@given(st.lists(relations.filter(lambda r: isinstance(r, sp.Basic)), max_size=3))
def test_relations_and_lists_round_trip(rels):
    _assert_round_trip(rels)
    _assert_round_trip(sp.And(*[r for r in rels if isinstance(r, sp.Rel)]))


@SETTINGS
@given(st.lists(st.lists(expressions, min_size=2, max_size=2), min_size=2, max_size=2))
def test_matrix_round_trip(rows):
    _assert_round_trip(sp.Matrix(rows))


@SETTINGS
@given(expressions, st.sampled_from(["x", "u"]))
def test_integrals_and_lambdas_round_trip(body, var):
    v = sp.Symbol(var, real=True)
    for expr in (sp.Integral(body * F(v), (v, -sp.oo, sp.oo)), sp.Lambda((v,), body + v)):
        _assert_round_trip(expr)


# --------------------------------------------------------------------------- hostile decoder input

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(["op", "args", "int", "rat", "sym", "fn", "const",
                                                                "list", "matrix", "float", "limits", "vars",
                                                                "pieces", "assume", "x"]), children, max_size=3)),
    max_leaves=20)
ops = st.sampled_from(["Add", "Mul", "Pow", "Abs", "Eq", "And", "Not", "Integral", "Lambda", "Piecewise",
                       "exp", "atan2", "Max", "Heaviside", "__import__", "eval", "Symbol"])


def _node(children):
    return st.one_of(
        st.builds(lambda op, args: {"op": op, "args": args}, ops, st.lists(children, max_size=3)),
        st.builds(lambda fn, args: {"fn": fn, "args": args}, st.text(max_size=8), st.lists(children, max_size=2)),
        st.builds(lambda op, lim, args: {"op": op, "limits": lim, "args": args}, st.just("Integral"),
                  st.lists(st.lists(children, max_size=3), max_size=2), st.lists(children, max_size=2)),
        st.builds(lambda v, args: {"op": "Lambda", "vars": v, "args": args}, st.lists(children, max_size=2),
                  st.lists(children, max_size=2)),
        st.builds(lambda p: {"op": "Piecewise", "pieces": p}, st.lists(st.lists(children, max_size=3), max_size=2)),
        st.builds(lambda m: {"matrix": m}, st.lists(st.lists(children, max_size=2), max_size=2)),
    )


leaves = st.one_of(
    st.builds(lambda t: {"int": t}, st.one_of(st.text(max_size=6), st.integers().map(str))),
    st.builds(lambda a, b: {"rat": [a, b]}, st.integers().map(str), st.integers().map(str)),
    st.builds(lambda t: {"float": t}, st.one_of(st.text(max_size=8), st.floats().map(repr))),
    st.builds(lambda n, a: {"sym": n, "assume": a}, st.text(max_size=6), st.lists(st.text(max_size=8), max_size=2)),
    st.builds(lambda c: {"const": c}, st.one_of(st.sampled_from(["pi", "oo", "zoo", "nan", "I"]), st.text(max_size=4))),
    json_values,
)
hostile_trees = st.recursive(leaves, _node, max_leaves=15)


@settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_trees)
def test_decode_accepts_or_refuses_cleanly(tree):
    try:
        out = decode(tree)
    except SerializationError:
        return
    assert isinstance(out, (sp.Basic, list, sp.MatrixBase)), type(out)


CODE = ["__import__('os').system('touch /tmp/proofs_pwned')", "exec('import os')", "lambda: 1",
        "os.system('id')", "().__class__.__mro__[1].__subclasses__()", "1; import os", "x.__class__"]


@pytest.mark.parametrize("code", CODE)
def test_text_crafted_to_execute_code_is_refused(code, tmp_path, monkeypatch):
    import builtins
    calls = []
    monkeypatch.setattr(builtins, "eval", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(builtins, "exec", lambda *a, **k: calls.append(a))
    for tree in ({"sym": code}, {"fn": code, "args": []}, {"int": code}, {"rat": [code, "1"]},
                 {"float": code}, {"const": code}, {"op": code, "args": []}, {"sym": "x", "assume": [code]}):
        with pytest.raises(SerializationError):
            decode(tree)
    assert not calls
    assert not (tmp_path / "proofs_pwned").exists()


def test_bounded_inputs():
    big = "9" * 399
    cases = [
        {"int": "9" * 5000},                                                           # huge literal
        {"op": "Pow", "args": [{"int": "10"}, {"int": "9" * 300}]},                     # huge power
        {"op": "Pow", "args": [{"op": "Pow", "args": [{"int": "10"}, {"int": "9999"}]}, {"int": "9999"}]},
        {"op": "Pow", "args": [{"int": "2"}, {"rat": [big, "3"]}]},
        {"op": "Mul", "args": [{"int": big}] * 5000},                                    # product of many
        {"op": "Mul", "args": [{"op": "Pow", "args": [{"int": "10"}, {"int": "9999"}]}] * 1000},
        {"list": [{"int": "1"}] * 200_001},                                              # too many nodes
    ]
    nested: dict = {"sym": "x"}
    for _ in range(5000):                                                               # too deep
        nested = {"op": "Abs", "args": [nested]}
    cases.append(nested)
    for tree in cases:
        with pytest.raises(SerializationError):
            decode(tree)


def test_truncated_certificate_text_is_refused_by_json_then_decode():
    text = json.dumps(encode(sp.Integral(F(sp.Symbol("x")) * sp.Symbol("y") ** 2, (sp.Symbol("x"), -sp.oo, sp.oo))))
    for cut in range(1, len(text) - 1, 7):
        try:
            tree = json.loads(text[:cut])
        except json.JSONDecodeError:
            continue
        with pytest.raises(SerializationError):
            decode(tree)


# --------------------------------------------------------------------------- graph validation

GRAPH_SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def dags(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    edges = {i: sorted(draw(st.sets(st.integers(0, i - 1), max_size=min(i, 3)))) if i else [] for i in range(n)}
    return n, edges


def _dev(n: int, edges: dict[int, list[int]], extra: dict | None = None) -> Development:
    dev = Development("random")
    for i in range(n):
        deps = [f"lemma:{j}" for j in edges[i]] + list((extra or {}).get(i, []))

        def build(i=i):
            yield Obligation("o", Identity(sp.Symbol(f"x{i}"), sp.Symbol(f"x{i}")))
        dev.lemma(f"lemma:{i}", f"L{i}", "s", deps=deps)(build)
    return dev


@GRAPH_SETTINGS
@given(dags())
def test_random_dags_are_accepted(dag):
    n, edges = dag
    graph = validate(_dev(n, edges), ["sympy"])
    assert graph.number_of_nodes() == n
    assert graph.number_of_edges() == sum(len(v) for v in edges.values())


@GRAPH_SETTINGS
@given(dags(), st.data())
def test_an_injected_cycle_is_rejected_naming_its_nodes(dag, data):
    n, edges = dag
    pairs = [(i, j) for i in range(n) for j in edges[i]]   # i depends on j, j < i
    if not pairs:
        edges = {**edges, 0: [0]} if n == 1 else {**edges, 1: [0]}
        pairs = [(1, 0)] if n > 1 else [(0, 0)]
    i, j = data.draw(st.sampled_from(pairs))
    dev = _dev(n, edges, extra={j: [f"lemma:{i}"]})       # close the loop j -> i -> ... -> j
    with pytest.raises(ValidationError) as err:
        validate(dev, ["sympy"])
    text = str(err.value)
    assert ("dependency cycle" in text or "depends on itself" in text) and f"lemma:{i}" in text


@GRAPH_SETTINGS
@given(dags(), st.data())
def test_unknown_dependency_is_rejected_naming_the_node(dag, data):
    n, edges = dag
    k = data.draw(st.integers(0, n - 1))
    dev = _dev(n, edges, extra={k: ["lemma:missing"]})
    with pytest.raises(ValidationError) as err:
        validate(dev, ["sympy"])
    assert f"node lemma:{k}: depends on unknown id 'lemma:missing'" in str(err.value)


@GRAPH_SETTINGS
@given(dags(), st.data())
def test_duplicate_id_is_rejected_naming_the_node(dag, data):
    n, edges = dag
    k = data.draw(st.integers(0, n - 1))
    dev = _dev(n, edges)
    dev.lemma(f"lemma:{k}", "again", "s")(lambda: iter([Obligation("o", Identity(1, 1))]))
    with pytest.raises(ValidationError) as err:
        validate(dev, ["sympy"])
    assert f"node lemma:{k}: duplicate id" in str(err.value)
