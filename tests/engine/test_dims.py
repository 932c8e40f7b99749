"""Dimensions are derived from an obligation's objects, not taken from its declaration."""
from __future__ import annotations

from engine_helpers import call_cli, run_json

DEV = """
from proofs import Assume
from symbolic.spaces import matrix, norm2, vector

@DEVELOPMENT.lemma("lemma:dims", "Dimensions", "norms and scalars")
def _():
    v = vector("v", 3)
    yield Obligation("norm", Identity(norm2(2 * v), 4 * norm2(v)){declared})
    yield Obligation("scalar", Implication((Assume(x > 0),), x + 1 > 0), dims=(2, 3))
    yield Obligation("entry", Identity(x * y, y * x), dims=(2,))
    M = matrix("M", 2)
    yield Obligation("det", Identity((M * M).det(), M.det() ** 2))
"""


def _obligations(summary):
    node = summary["nodes"][0]
    return node, {o["name"]: (o["dims"], o["dims_from"]) for o in node["obligations"]}


def test_dims_come_from_the_objects(write_dev):
    code, summary = run_json("check", str(write_dev(DEV.replace("{declared}", ""))), "--no-out")
    node, obs = _obligations(summary)
    assert code == 0, summary
    assert obs == {"norm": ([3], "objects"), "scalar": ([], "dimension-free"), "entry": ([2], "declared"),
                   "det": ([2], "objects")}
    assert node["dims"] == [2, 3]


def test_a_declaration_the_objects_contradict_is_an_error(write_dev):
    proc = call_cli("check", str(write_dev(DEV.replace("{declared}", ", dims=(2,)"))), "--no-out")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "lemma:dims" in proc.stderr and "objects are in N = 3" in proc.stderr, proc.stderr
