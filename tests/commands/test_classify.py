"""`proofs classify MATRIX`: the paper's case of a linear map and what invariance it allows.

Every answer is checked against the mathematics independently of the classifier: powers of T_h
for finite orders, T_h^T Q T_h = Q with Q positive definite for the invariant ellipses, growth of
T_h^k or T_h^-k for maps not conjugate to an orthogonal one, |det T_h| for scalings.
"""
from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp
from cli_runner import ROOT, run_in_process

from proofs.development import load_development


def cli(*args: str, env: dict | None = None):
    """``proofs ARGS`` run in the test process."""
    return run_in_process(*args, env=env, cwd=ROOT)

pytestmark = pytest.mark.timeout(300)


def literal(m: sp.Matrix) -> str:
    return "[" + ", ".join("[" + ", ".join(str(v) for v in m.row(i)) + "]" for i in range(m.rows)) + "]"


def rotation(theta) -> sp.Matrix:
    return sp.Matrix([[sp.cos(theta), -sp.sin(theta)], [sp.sin(theta), sp.cos(theta)]])


B = sp.Matrix([[2, 1], [1, 1]])           # a non-orthonormal basis
B3 = sp.Matrix([[1, 1, 0], [0, 1, 1], [1, 0, 1]])

# matrix, kind, order (None: infinite or not defined), conjugate to orthogonal, case key of the paper's guide
CASES = [
    ("[[1, 0], [0, 1]]", "identity", 1, True, "identity"),
    ("[[-1, 0], [0, -1]]", "finite-order", 2, True, "involution"),
    ("[[0, -1], [1, 0]]", "finite-order", 4, True, "finite-order"),
    ("[[cos(1), -sin(1)], [sin(1), cos(1)]]", "elliptic", None, True, "elliptic"),
    (literal(B * rotation(2 * sp.pi / 5) * B.inv()), "finite-order", 5, True, "finite-order"),
    ("[[sqrt(2)/2, -sqrt(2)/2], [sqrt(2)/2, sqrt(2)/2]]", "finite-order", 8, True, "finite-order"),
    ("[[0.6, -0.8], [0.8, 0.6]]", "elliptic", None, True, "elliptic"),       # cos = 3/5: not a root of unity
    (literal(B * rotation(1) * B.inv()), "elliptic", None, True, "elliptic"),
    ("[[1, 0], [0, -1]]", "reflection-like", 2, True, "reflection-like"),
    ("[[1, 1], [0, -1]]", "reflection-like", 2, True, "reflection-like"),    # oblique: fixes y = 0
    ("[[1, 1], [0, 1]]", "shear", None, False, "shear"),
    ("[[-1, 1], [0, -1]]", "parabolic", None, False, "parabolic"),
    ("[[2, 1], [1, 0]]", "hyperbolic", None, False, "hyperbolic"),           # det -1, tr 2
    ("[[1, 1], [1, 0]]", "hyperbolic", None, False, "hyperbolic"),           # det -1, tr 1
    ("[[2, 0], [0, 0.5]]", "hyperbolic", None, False, "hyperbolic"),         # det 1
    ("[[2, 0], [0, 2]]", "scaling", None, False, "scaling"),
    ("[[2, 0], [0, 1]]", "scaling", None, False, "scaling"),
    ("[[2, 1], [0, 2]]", "general", None, False, "general"),
    ("[[0, -1, 0], [1, 0, 0], [0, 0, 1]]", "finite-order", 4, True, "finite-order"),
    ("[[0, 0, 1], [1, 0, 0], [0, 1, 0]]", "finite-order", 3, True, "finite-order"),
    (literal(B3 * sp.diag(rotation(sp.pi / 3), 1) * B3.inv()), "finite-order", 6, True, "finite-order"),
    ("[[cos(1), -sin(1), 0], [sin(1), cos(1), 0], [0, 0, -1]]", "elliptic", None, True, "elliptic"),
    (literal(B3 * sp.diag(rotation(1), 1) * B3.inv()), "elliptic", None, True, "elliptic"),
    ("[[1, 0, 0], [0, 1, 0], [0, 0, -1]]", "reflection-like", 2, True, "reflection-like"),
    ("[[-1, 0, 0], [0, -1, 0], [0, 0, -1]]", "reflection-like", 2, True, "reflection-like"),
    ("[[1, 0, 0], [0, -1, 0], [0, 0, -1]]", "finite-order", 2, True, "involution"),
    ("[[1, 1, 0], [0, 1, 0], [0, 0, 1]]", "shear", None, False, "shear"),
    ("[[1, 1, 0], [0, 1, 1], [0, 0, 1]]", "shear", None, False, "shear"),
    ("[[-1, 1, 0], [0, -1, 0], [0, 0, 1]]", "parabolic", None, False, "parabolic"),
    ("[[2, 0, 0], [0, 1/2, 0], [0, 0, 1]]", "hyperbolic", None, False, "hyperbolic"),
    ("[[2, 0, 0], [0, 1, 0], [0, 0, 1]]", "scaling", None, False, "scaling"),
    ("[[2, 1, 0], [0, 2, 0], [0, 0, 1]]", "general", None, False, "general"),
    ("[[2, 1, 0], [0, 2, 0], [0, 0, 1/4]]", "hyperbolic", None, False, "hyperbolic"),   # det 1, Jordan block
]


def classify_json(matrix: str, *args: str) -> dict:
    proc = cli("classify", matrix, "--json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def numeric(m: sp.Matrix) -> np.ndarray:
    return np.array(m.evalf(30).tolist(), dtype=float)


def is_identity(a: np.ndarray) -> bool:
    return np.allclose(a, np.eye(len(a)), atol=1e-9)


@pytest.fixture(scope="module")
def development():
    return load_development()


@pytest.mark.parametrize(("matrix", "kind", "order", "orthogonal", "case"), CASES, ids=[c[0] for c in CASES])
def test_classification_against_the_mathematics(matrix, kind, order, orthogonal, case, development):
    data = classify_json(matrix)
    assert (data["kind"], data["order"], data["conjugate_to_orthogonal"]) == (kind, order, orthogonal)
    t = sp.Matrix(sp.sympify(matrix))
    a = numeric(t)
    n = a.shape[0]
    if order is not None:                  # T^order = Id, and no smaller power is
        powers = [np.linalg.matrix_power(a, k) for k in range(1, order + 1)]
        assert is_identity(powers[-1]) and not any(is_identity(p) for p in powers[:-1])
    if orthogonal:                         # the ellipses x^T Q x = c are invariant
        q = sp.Matrix(sp.sympify(data["invariant_form"]))
        residual = (t.T * q * t - q).evalf(60)
        assert max(abs(v) for v in residual) < 1e-50          # zero to 50 digits
        assert min(np.linalg.eigvalsh(numeric(q))) > 0
        assert data["filter"]["possible"] is True and data["feature"]["possible"] is True
    else:                                  # |det| != 1, or powers of T or of T^-1 grow without bound
        grows = max(np.abs(np.linalg.matrix_power(a, k)).max() for k in (60, -60)) > 10
        assert abs(abs(np.linalg.det(a)) - 1) > 1e-9 or grows
        assert data["filter"]["possible"] is False and data["feature"]["possible"] is False
        assert data["invariant_form"] is None
    if kind == "elliptic":                 # infinite order: no power up to 500 is the identity
        assert not any(is_identity(np.linalg.matrix_power(a, k)) for k in range(1, 501))
    assert data["orientation"] == ("reversing" if np.linalg.det(a) < 0 else "preserving")
    guide = development.metadata["classify"]["cases"][str(n)][case]
    assert data["case"] == guide["case"]
    for part in ("filter", "feature"):
        cited = [e["node"] for e in data[part]["justified_by"]]
        assert cited and all(node in development for node in cited)


@pytest.mark.parametrize(("matrix", "angle_over_pi"), [
    ("[[0, -1], [1, 0]]", "1/2"), ("[[-1, 0], [0, -1]]", "1"),
    ("[[cos(pi/5), -sin(pi/5)], [sin(pi/5), cos(pi/5)]]", "1/5"),
    ("[[cos(1), -sin(1)], [sin(1), cos(1)]]", "1/pi")])
def test_rotation_angle(matrix, angle_over_pi):
    data = classify_json(matrix)
    assert sp.simplify(sp.sympify(data["angle_over_pi"]) - sp.sympify(angle_over_pi)) == 0


def test_identity_every_filter_and_minus_identity_order_two():
    ident = classify_json("[[1, 0], [0, 1]]")
    assert ident["filter"]["shape"] == "every filter is invariant"
    minus = classify_json("[[-1, 0], [0, -1]]")
    assert minus["order"] == 2 and "{Id, T_h}" in minus["filter"]["shape"]


def test_justifying_nodes_per_case():
    def nodes(matrix, part):
        return {e["node"] for e in classify_json(matrix)[part]["justified_by"]}

    assert {"prop:4.5", "prop:4.6"} <= nodes("[[2, 0], [0, 2]]", "filter")
    assert "prop:5.12.corrected" in nodes("[[2, 0], [0, 1]]", "feature")
    assert "prop:4.7.step-shear-escape" in nodes("[[1, 1], [0, 1]]", "filter")
    assert "prop:5.13.corrected" in nodes("[[-1, 1], [0, -1]]", "feature")
    assert "prop:4.7.step-hyperbolic-escape" in nodes("[[2, 1], [1, 0]]", "filter")
    assert "prop:4.7.step-constant-on-ellipses" in nodes("[[cos(1), -sin(1)], [sin(1), cos(1)]]", "filter")
    assert "remark:5.14" in nodes("[[1, 1, 0], [0, 1, 0], [0, 0, 1]]", "feature")


def test_statuses_come_from_the_run(tmp_path, write_run):
    run = write_run(tmp_path / "run", [
        {"node": "prop:4.7.step-shear-escape", "kind": "step", "status": "proved", "dependencies": []},
        {"node": "prop:5.13.corrected", "kind": "proposition", "status": "unknown", "dependencies": []}])
    data = classify_json("[[1, 1], [0, 1]]", "--out", str(run))
    statuses = {e["node"]: e["status"] for part in ("filter", "feature") for e in data[part]["justified_by"]}
    assert statuses["prop:4.7.step-shear-escape"] == "proved"
    assert statuses["prop:5.13.corrected"] == "unknown"
    assert statuses["prop:4.7.corrected"] == "not checked"
    assert data["run"]["available"] is True
    text = cli("classify", "[[1, 1], [0, 1]]", "--out", str(run)).stdout
    assert "statuses from the run in" in text and "unknown" in text


def test_no_run_is_said(tmp_path):
    proc = cli("classify", "[[1, 1], [0, 1]]", "--out", str(tmp_path / "none"))
    assert proc.returncode == 0
    assert "no run in" in " ".join(proc.stdout.split())
    assert json.loads(cli("classify", "[[1, 1], [0, 1]]", "--json", "--out", str(tmp_path))
                      .stdout)["run"]["available"] is False


@pytest.mark.parametrize("matrix", ["[[0, -1], [1, 0]]", "[[1, 1], [0, 1]]", "[[2, 0], [0, 1]]",
                                    "[[cos(1), -sin(1), 0], [sin(1), cos(1), 0], [0, 0, 1]]"])
def test_terminal_output_fits_80_columns(matrix):
    proc = cli("classify", matrix)
    assert proc.returncode == 0, proc.stderr
    assert max(len(line) for line in proc.stdout.splitlines()) <= 80, proc.stdout
    assert "invariant filter" in proc.stdout and "invariant feature" in proc.stdout


@pytest.mark.parametrize("matrix", ["[[1, 2], [2, 4]]", "[[0, 0], [0, 0]]",
                                    "[[1, 0, 0], [0, 1, 0], [0, 0, 0]]", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"])
def test_singular_matrix_is_rejected(matrix):
    proc = cli("classify", matrix)
    assert proc.returncode == 2
    assert "singular" in proc.stderr and "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("matrix", [
    "__import__('os').system('echo hi')", "[[1, 2], [3]]", "[[1]]", "[[1, 0], [0, x]]",
    "[[" + "1" * 60 + ", 0], [0, 1]]",
    "[[9**9**9, 0], [0, 1]]", "[[sqrt(-1), 0], [0, 1]]", "[[(1).real, 0], [0, 1]]", "lambda: 0",
    "[[acos(2), 0], [0, 1]]", "[[1/0, 0], [0, 1]]", "[[log(0), 0], [0, 1]]", "[[1, 2, 3, 4]] * 4", "",
    "[[1, 0], [0, 1]" + "]" * 3, "[" * 500, "[[" + "-" * 900 + "1, 0], [0, 1]]",
    "[[(((10**64)**64)**64)**2, 0], [0, 1]]", "[[" + "*".join(["10**40"] * 30) + ", 0], [0, 1]]"])
def test_malformed_or_hostile_input_is_rejected(matrix):
    proc = cli("classify", matrix)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stderr.startswith("error: MATRIX") and "Traceback" not in proc.stderr
    assert "hi" not in proc.stdout


def test_a_question_sympy_cannot_settle_in_time_is_undetermined():
    proc = cli("classify", "[[cos(1), -sin(1)], [sin(1), cos(1)]]", "--timeout", "0.001")
    assert proc.returncode == 1 and "undetermined" in proc.stdout
