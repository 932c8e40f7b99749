"""What a warm re-check skips: converting records that are JSON already, validating certificate texts the
schema has accepted, full collections in the serial phases. Each changes how long a run takes, never what
it writes or decides."""
from __future__ import annotations

import gc
import json
import math
from fractions import Fraction

import pytest

from certificates.canonical import jsonable
from proofs.checker import check, young_collections_only
from proofs.development import load_development
from proofs.kernel import _is_json, json_data
from proofs.writer import SCHEMA_CHECKED, schema_accepted, validate_schema, write_certificates

DEV = """
import sympy as sp
from proofs import Development, Identity, Implication, Obligation
DEVELOPMENT = Development("warm")
x, y = sp.symbols("x y", real=True)

@DEVELOPMENT.lemma("lemma:square", "Binomial square", "(x+y)^2")
def _():
    yield Obligation("square", Identity((x + y) ** 2, x**2 + 2*x*y + y**2))

@DEVELOPMENT.lemma("lemma:wrong", "Freshman's dream", "(x+y)^2 = x^2+y^2")
def _():
    yield Obligation("square", Identity((x + y) ** 2, x**2 + y**2))

@DEVELOPMENT.lemma("lemma:amgm", "AM-GM", "x^2+y^2 >= 2xy", deps=["lemma:square"])
def _():
    yield Obligation("amgm", Implication((), x**2 + y**2 >= 2*x*y))
"""


# ----------------------------------------------------------------------------- records that are JSON


PLAIN = [None, True, 0, -3, 2.5, "text", [], {}, {"a": [1, 2.0, {"b": None, "c": [True, "s"]}]}, [[[]], {"k": {}}]]
NOT_PLAIN = [(1, 2), {"a": (1,)}, {1: "int key"}, [math.nan], {"x": math.inf}, [-math.inf], {1, 2},
             Fraction(1, 3), {"a": [Fraction(1, 2)]}, b"bytes"]


@pytest.mark.parametrize("value", PLAIN)
def test_plain_json_is_recognised_and_kept(value):
    assert _is_json(value)
    assert json_data(value) is value
    assert json_data(value) == jsonable(value)


@pytest.mark.parametrize("value", NOT_PLAIN)
def test_anything_else_is_converted_as_before(value):
    assert not _is_json(value)
    assert json_data(value) == jsonable(value)


def test_numpy_values_are_converted():
    np = pytest.importorskip("numpy")
    for value in (np.float64(1.5), {"a": np.arange(3)}, [np.int64(2)], np.bool_(True)):
        assert not _is_json(value)
        assert json_data(value) == jsonable(value)


def test_a_subclass_is_not_plain():
    class Text(str):
        pass

    class Number(int):
        pass

    for value in (Text("a"), {"k": Number(3)}, [Text("b")]):
        assert not _is_json(value)
        assert json_data(value) == jsonable(value)


# ----------------------------------------------------------------------------- the collector


def test_young_collections_only_defers_full_collections_and_restores():
    saved = gc.get_threshold()
    with young_collections_only():
        inside = gc.get_threshold()
        assert inside[:2] == saved[:2] and inside[2] > saved[2]
        with young_collections_only():                 # nested: left as the outer one set it
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside
    assert gc.get_threshold() == saved


def test_young_collections_only_restores_after_an_error():
    saved = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with young_collections_only():
            raise RuntimeError("boom")
    assert gc.get_threshold() == saved


def test_young_collections_only_leaves_a_disabled_collector_alone():
    saved = gc.get_threshold()
    gc.disable()
    try:
        with young_collections_only():
            assert gc.get_threshold() == saved and not gc.isenabled()
    finally:
        gc.enable()
    assert gc.get_threshold() == saved


def test_the_judge_defers_the_same_way():
    from certificates.judge import young_collections_only as kernel_young

    saved = gc.get_threshold()
    with kernel_young():
        assert gc.get_threshold()[2] > saved[2]
    assert gc.get_threshold() == saved


# ----------------------------------------------------------------------------- certificates


def _spy_on_validation(monkeypatch) -> list[set]:
    """The sets of certificates the writer validates against the schema, one per call, as it writes."""
    import proofs.writer as writer

    validated: list[set] = []

    def spy(certs, manifest):
        validated.append(set(certs))
        return validate_schema(certs, manifest)

    monkeypatch.setattr(writer, "validate_schema", spy)
    return validated


@pytest.fixture
def dev_path(tmp_path):
    path = tmp_path / "warm_dev.py"
    path.write_text(DEV)
    return path


def _texts(out):
    return {p.name: p.read_bytes() for p in sorted((out / "certificates").glob("*.json"))}


def test_certificates_are_what_converting_everything_wrote(dev_path, tmp_path):
    """A certificate built from records kept as they are is the certificate of converting every member."""
    from proofs.writer import certificate

    run = check(load_development(str(dev_path)), jobs=1, timeout=60)
    hashes: dict[str, str] = {}
    for node_id in run.order:
        result = run.results[node_id]
        cert = certificate(result, hashes, dict(run.backend_versions))
        hashes[node_id] = cert["hash"]
        obligations = [jsonable({
            "name": o.name, "backend": o.backend,
            "backend_version": o.outcome.backend_version or run.backend_versions.get(o.backend),
            "claim": o.claim, "dims": list(o.dims), "dims_from": o.dims_from, "seed": o.seed,
            "verdict": o.outcome.verdict.value, "kernel": o.kernel or "accepted", "clause": o.clause,
            "message": o.outcome.message, "record": o.outcome.record,
            "counterexample": o.outcome.counterexample}) for o in result.obligations]
        assert cert["obligations"] == obligations
        assert json.dumps(cert, sort_keys=True) == json.dumps(jsonable(cert), sort_keys=True)


def test_a_warm_write_validates_nothing_again_and_writes_the_same(dev_path, tmp_path, monkeypatch):

    out = tmp_path / "out"
    run = check(load_development(str(dev_path)), jobs=1, timeout=60)
    write_certificates(run, out)
    first = _texts(out)
    kept = json.loads((out / SCHEMA_CHECKED).read_text())
    assert len(kept["certificates"]) == len(first)

    validated = _spy_on_validation(monkeypatch)
    write_certificates(run, out)
    assert validated == [set()]                     # the same texts: none validated again
    assert _texts(out) == first

    from certificates.verify import verify

    result = verify(out, use_cvc5=False, timeout=60)
    assert not result.failures and result.statuses == {n: r.status.value for n, r in run.results.items()}


def test_a_changed_certificate_is_validated(dev_path, tmp_path, monkeypatch):

    out = tmp_path / "out"
    run = check(load_development(str(dev_path)), jobs=1, timeout=60)
    write_certificates(run, out)
    run.results["lemma:square"].reason = "another reason"      # another text for one node (and its dependants)
    validated = _spy_on_validation(monkeypatch)
    write_certificates(run, out)
    assert validated and "lemma:square" in validated[0] and "lemma:amgm" in validated[0]
    assert "lemma:wrong" not in validated[0]


def _validated_on_rewrite(dev_path, tmp_path, monkeypatch, tamper) -> set:

    out = tmp_path / "out"
    run = check(load_development(str(dev_path)), jobs=1, timeout=60)
    write_certificates(run, out)
    tamper(out)
    validated = _spy_on_validation(monkeypatch)
    write_certificates(run, out)
    return validated[0]


def test_an_edited_record_of_accepted_texts_is_not_believed(dev_path, tmp_path, monkeypatch):
    """The list is authenticated: adding a text to it (or rewriting it) without the key validates everything."""
    def forge(out):
        kept = json.loads((out / SCHEMA_CHECKED).read_text())
        kept["certificates"].append("0" * 64)
        (out / SCHEMA_CHECKED).write_text(json.dumps(kept))

    assert len(_validated_on_rewrite(dev_path, tmp_path, monkeypatch, forge)) == 3


def test_another_schema_validates_everything(dev_path, tmp_path, monkeypatch):
    def other_schema(out):
        kept = json.loads((out / SCHEMA_CHECKED).read_text())
        assert schema_accepted(out, kept["schema"])
        assert schema_accepted(out, "f" * 64) == set()
        kept["schema"] = "f" * 64
        (out / SCHEMA_CHECKED).write_text(json.dumps(kept))

    assert len(_validated_on_rewrite(dev_path, tmp_path, monkeypatch, other_schema)) == 3


def test_an_unreadable_record_validates_everything(dev_path, tmp_path, monkeypatch):
    def garble(out):
        (out / SCHEMA_CHECKED).write_text("{not json")

    assert len(_validated_on_rewrite(dev_path, tmp_path, monkeypatch, garble)) == 3


def test_a_schema_violation_is_still_refused(dev_path, tmp_path):
    """A certificate the schema rejects is refused even when the directory already holds an accepted set."""
    from proofs.errors import ProofsError

    out = tmp_path / "out"
    run = check(load_development(str(dev_path)), jobs=1, timeout=60)
    write_certificates(run, out)
    run.results["lemma:square"].obligations[0].dims = ("two",)  # type: ignore[assignment]
    with pytest.raises(ProofsError, match="schema"):
        write_certificates(run, out)


# ----------------------------------------------------------------------------- the kernel started early


def test_a_kernel_started_early_and_never_used_is_reaped():
    import proofs.kernel as kernel

    with kernel.started_early() as (request, answer):
        proc = kernel._WAITING[str(request)]
        assert proc.poll() is None                   # loading its modules, or waiting for its input
    assert proc.poll() is not None and str(request) not in kernel._WAITING
    assert not request.parent.exists()


def test_a_check_that_fails_early_leaves_no_kernel(dev_path):
    import proofs.kernel as kernel
    from proofs.errors import ProofsError

    with pytest.raises(ProofsError):
        check(load_development(str(dev_path)), only="lemma:none", jobs=1)
    assert kernel._WAITING == {}


def test_the_kernel_started_early_judges_as_a_fresh_one(dev_path, monkeypatch):
    import contextlib

    import proofs.checker as checker
    import proofs.kernel as kernel

    early = check(load_development(str(dev_path)), jobs=1, timeout=60)      # the interpreter started early
    assert kernel._WAITING == {}
    monkeypatch.setattr(checker, "started_early", lambda: contextlib.nullcontext(None))
    fresh = check(load_development(str(dev_path)), jobs=1, timeout=60)      # one started when judging
    assert {n: (r.status, r.reason, [o.kernel for o in r.obligations]) for n, r in early.results.items()} == \
        {n: (r.status, r.reason, [o.kernel for o in r.obligations]) for n, r in fresh.results.items()}
    assert early.exit_code == fresh.exit_code and early.results["lemma:wrong"].status.value == "refuted"
