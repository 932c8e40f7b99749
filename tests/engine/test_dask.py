"""The Dask executor gives what the local pool gives: statuses, verdicts, certificates, time limits.

One small development (a definition, a SymPy identity, a Z3 implication, a numeric check, a refuted
statement and an obligation that hangs) is checked once with ``--executor local`` and once with
``--executor dask`` (a LocalCluster of 2 workers on loopback); the tests compare the two runs. Every run
is a process of its own: a cluster's threads and processes must not live in the test process.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
HANG_SECONDS = 3

DEVELOPMENT = '''
import time

import sympy as sp

from proofs import Assume, Development, Identity, Implication, Numeric, NumericResult, Obligation, Use

DEVELOPMENT = Development("dasktest")
x, y = sp.symbols("x y", real=True)
t = sp.Symbol("t")

DEVELOPMENT.definition("def:square", "Square", r"x^2 := x x")


@DEVELOPMENT.lemma("lemma:binomial", "Binomial", r"(x+y)^2 = x^2 + 2xy + y^2", deps=["def:square"])
def binomial():
    yield Obligation("expand", Identity((x + y) ** 2, x**2 + 2 * x * y + y**2), dims=(1,))


def _samples(rng, profile):
    a, b = rng.normal(size=(2, 1000))
    return NumericResult(resolutions=(1000,), residuals=(float(max(0.0, -(a * a + b * b - 2 * a * b).min())),),
                         tolerance=1e-9)


@DEVELOPMENT.lemma("lemma:amgm", "AM-GM", r"x^2 + y^2 \\ge 2xy", deps=["lemma:binomial"])
def amgm():
    yield Obligation("z3", Implication((), x**2 + y**2 >= 2 * x * y), dims=(1,))
    yield Obligation("samples", Numeric(_samples, "x^2 + y^2 - 2xy >= 0 at sampled pairs"), dims=(1,))


@DEVELOPMENT.lemma("lemma:square-exceeds", "False", r"x^2 \\ge x", deps=["def:square"], expect="refuted")
def square_exceeds():
    yield Obligation("z3", Implication((), x**2 >= x), dims=(1,))


@DEVELOPMENT.lemma("lemma:shift-positive", "Positive after a shift", r"t \\ge 0 \\Rightarrow t + 1 > 0",
                   deps=["def:square"])
def shift_positive():
    yield Obligation("z3", Implication((Assume(t >= 0),), t + 1 > 0), dims=())


# the instance of the used result has the hypothesis x^2 >= 0, which SymPy would evaluate to True if the
# obligation were rebuilt on a worker: the kernel must find the instance it re-derives on either executor
@DEVELOPMENT.lemma("lemma:square-plus-one", "Square plus one", r"x^2 + 1 > 0", deps=["lemma:shift-positive"])
def square_plus_one():
    yield Obligation("z3", Implication((Use("lemma:shift-positive", "z3", {t: x**2}),), x**2 + 1 > 0), dims=())


def _hang(rng, profile):
    time.sleep(600)


@DEVELOPMENT.lemma("lemma:hangs", "Never answers", r"x = x", deps=["def:square"])
def hangs():
    yield Obligation("sleeps", Numeric(_hang, "never returns"), dims=(1,))
'''


def proofs(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PROOFS_KILL_GRACE="0", COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "proofs", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict:
    """The development checked with each executor: exit code, run.json and the manifest."""
    base = tmp_path_factory.mktemp("dask")
    dev = base / "dasktest.py"
    dev.write_text(DEVELOPMENT)
    out = {}
    for executor in ("local", "dask"):
        where = base / executor
        proc = proofs("check", str(dev), "--out", str(where), "--no-cache", "--jobs", "2", "--quiet",
                      "--timeout", str(HANG_SECONDS), "--executor", executor)
        assert "Traceback" not in proc.stderr, proc.stderr
        out[executor] = {"code": proc.returncode, "dir": where, "stderr": proc.stderr,
                         "run": json.loads((where / "run.json").read_text()),
                         "manifest": json.loads((where / "manifest.json").read_text())}
    return out


def _statuses(run: dict) -> dict:
    return {n["id"]: n["status"] for n in run["nodes"]}


def _verdicts(run: dict) -> dict:
    return {(n["id"], o["name"]): (o["verdict"], o.get("kernel")) for n in run["nodes"] for o in n["obligations"]}


@pytest.mark.timeout(240)
def test_same_statuses_verdicts_and_certificates(runs):
    local, dask = runs["local"], runs["dask"]
    assert _statuses(local["run"]) == {"def:square": "assumed", "lemma:binomial": "proved", "lemma:amgm": "proved",
                                       "lemma:square-exceeds": "refuted", "lemma:hangs": "unknown",
                                       "lemma:shift-positive": "proved", "lemma:square-plus-one": "proved"}
    assert _statuses(dask["run"]) == _statuses(local["run"])
    assert _verdicts(dask["run"]) == _verdicts(local["run"])
    assert dask["code"] == local["code"] == 3           # incomplete: only the hanging obligation is open
    hashes = {executor: {c["node"]: c["hash"] for c in r["manifest"]["certificates"]} for executor, r in runs.items()}
    assert hashes["dask"] == hashes["local"]
    assert dask["manifest"]["hash"] == local["manifest"]["hash"]


@pytest.mark.timeout(240)
def test_a_hanging_task_times_out_on_dask_as_locally(runs):
    for executor, r in runs.items():
        node = next(n for n in r["run"]["nodes"] if n["id"] == "lemma:hangs")
        (ob,) = node["obligations"]
        assert ob["verdict"] == "unknown", executor
        assert f"timed out after {HANG_SECONDS}s" in ob["message"], (executor, ob["message"])
        assert HANG_SECONDS - 0.5 <= ob["seconds"] < HANG_SECONDS + 20, (executor, ob["seconds"])


@pytest.mark.timeout(240)
def test_verify_on_dask_agrees_with_local(runs):
    where = str(runs["dask"]["dir"])
    local = proofs("verify", where, "--jobs", "2", "--no-cvc5")
    dask = proofs("verify", where, "--jobs", "2", "--no-cvc5", "--executor", "dask")
    assert "Traceback" not in dask.stderr, dask.stderr
    assert dask.returncode == local.returncode
    assert dask.stdout == local.stdout
    assert runs["dask"]["manifest"]["hash"] in dask.stdout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]      # nothing listens once the socket is closed


@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", ["check", "verify", "mutate"])
def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, command):
    address = f"dask://127.0.0.1:{_closed_port()}"
    (tmp_path / "dasktest.py").write_text(DEVELOPMENT)
    target = str(tmp_path) if command == "verify" else str(tmp_path / "dasktest.py")
    proc = proofs(command, target, "--executor", address, *(["--no-out"] if command == "check" else []))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"tcp://127.0.0.1:{address.rsplit(':', 1)[1]}" in proc.stderr
    assert "dask scheduler" in proc.stderr


def test_a_term_crosses_to_a_worker_as_it_was_stated():
    """SymPy's own pickle rebuilds ``x**2 >= 0`` (real x) as ``True``; the task pickler keeps the relation."""
    import pickle

    import cloudpickle
    import sympy as sp

    from certificates.dask_pool import _TaskPickler
    from certificates.pickling import dumps

    x = sp.Symbol("x", real=True)
    stated = sp.Implies(sp.And(sp.Ge(x**2, 0, evaluate=False), sp.Max(x, x**2, evaluate=False) > 1), x > 0)
    assert pickle.loads(cloudpickle.dumps(stated)) != stated          # the hazard this guards against
    for pickler in (_TaskPickler, None):
        back = pickle.loads(dumps(stated, pickler) if pickler else dumps(stated))
        assert back == stated and sp.srepr(back) == sp.srepr(stated)
