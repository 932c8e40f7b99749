"""Synthetic developments written by the certificate tests, and helpers to check, write, forge and verify them.

A module of its own (not conftest.py): test files import it by a name no other test folder uses."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli_runner import run_in_process

REPO = Path(__file__).resolve().parents[2]

# A development exercising every kind of record: true/false identities, chains with a
# change of variables, valid/invalid/vacuous Z3 implications, a numeric check, blocking.
FULL_DEV = r'''
import os, time
import sympy as sp
from proofs.development import Development
from proofs.model import Assume, Chain, Identity, Implication, Numeric, NumericResult, Obligation, Step

VARIANT = "@VARIANT@"
DEVELOPMENT = Development("synthetic", "A synthetic development " + VARIANT)
x, y, u, v = sp.symbols("x y u v", real=True)
n = sp.Symbol("n", integer=True)
f = sp.Function("f")
DEVELOPMENT.definition("def:sq", "Square", r"$x^2 = x \cdot x$ " + VARIANT)
DEVELOPMENT.cited("thm:cov", "Change of variables", r"$\int f = |\det A| \int f \circ A$",
                  "Rudin, Real and Complex Analysis, 7.26", hypotheses=["f integrable"])


@DEVELOPMENT.lemma("lem:true", "Binomial", r"$(x+y)^2 = x^2+2xy+y^2$", deps=["def:sq"])
def _():
    yield Obligation("expand", Identity((x + y) ** 2, x**2 + 2*x*y + y**2), claim="binomial", dims=(1,))


@DEVELOPMENT.lemma("lem:false", "Printed binomial", r"$(x+y)^2 = x^2+y^2$", deps=["def:sq"])
def _():
    yield Obligation("expand", Identity((x + y) ** 2, x**2 + y**2))


@DEVELOPMENT.lemma("lem:false.corrected", "Binomial, corrected", r"$(x+y)^2 = x^2+2xy+y^2$",
                   deps=["def:sq"], corrects="lem:false", printed=False)
def _():
    yield Obligation("expand", Identity((x + y) ** 2, x**2 + 2*x*y + y**2))


@DEVELOPMENT.lemma("lem:chain", "Scaling and shifting", r"$\int f(2x+3)\,dx = \tfrac12 \int f$",
                   deps=["thm:cov", "lem:true"])
def _():
    start = sp.Integral(f(2 * x + 3), (x, -sp.oo, sp.oo))
    step = Step(sp.Integral(f(u) / 2, (u, -sp.oo, sp.oo)), rule="change_of_variables", by="thm:cov",
                params={"old": [x], "new": [u], "A": [[sp.Rational(1, 2)]], "c": [sp.Rational(-3, 2)]})
    yield Obligation("scale", Chain(start, (step,)), dims=(1,))
    start2 = sp.Integral(f(x + y, y), (x, -sp.oo, sp.oo), (y, -sp.oo, sp.oo))
    step2 = Step(sp.Integral(f(u, v), (u, -sp.oo, sp.oo), (v, -sp.oo, sp.oo)),
                 rule="change_of_variables", by="thm:cov",
                 params={"old": [x, y], "new": [u, v], "A": [[1, -1], [0, 1]]})
    yield Obligation("shear", Chain(start2, (step2,)), dims=(2,))


@DEVELOPMENT.lemma("lem:badchain", "A false step", r"$(x+1)^2 = x^2+1$", deps=["def:sq"])
def _():
    yield Obligation("steps", Chain((x + 1) ** 2, (Step(x**2 + 2*x + 1), Step(x**2 + 1, note="wrong"))))


@DEVELOPMENT.lemma("lem:assume", "Cancelling", r"$y \neq 0 \Rightarrow xy/y = x$")
def _():
    yield Obligation("cancel", Identity(x * y / y, x, assumptions=(Assume(sp.Ne(y, 0)),)))


@DEVELOPMENT.lemma("lem:vacuous", "Contradictory assumptions", r"$x>1, x<0 \Rightarrow x = x$")
def _():
    yield Obligation("vac", Identity(x, x, assumptions=(Assume(x > 1), Assume(x < 0))))


@DEVELOPMENT.proposition("prop:z3", "Positivity", r"$x>0, y>0 \Rightarrow xy>0$", deps=["lem:true"])
def _():
    yield Obligation("pos", Implication((Assume(x > 0), Assume(y > 0)), x * y > 0))
    yield Obligation("int", Implication((Assume(n > 2),), n**2 >= 9, integer_symbols=(n,)))


@DEVELOPMENT.proposition("prop:z3false", "Printed positivity", r"$x>0 \Rightarrow xy>0$")
def _():
    yield Obligation("pos", Implication((Assume(x > 0),), x * y > 0))


@DEVELOPMENT.proposition("prop:vacuous", "Vacuous", r"$x>1, x<0 \Rightarrow x = 5$")
def _():
    yield Obligation("vac", Implication((Assume(x > 1), Assume(x < 0)), sp.Eq(x, 5)))


def _numeric(rng, profile):
    counter = os.environ.get("PROOFS_TEST_COUNTER")
    if counter:
        with open(counter, "a") as fh:
            fh.write("run\n")
    time.sleep(float(os.environ.get("PROOFS_TEST_SLEEP", "0")))
    noise = float(rng.uniform(0, 1e-4))
    return NumericResult(resolutions=(8, 16), residuals=(1e-3 + noise, 1e-4 + noise), tolerance=1e-2)


@DEVELOPMENT.remark("rem:num", "Numeric", "agrees numerically", deps=["prop:z3"])
def _():
    yield Obligation("num", Numeric(_numeric, "toy residuals"))


@DEVELOPMENT.theorem("thm:main", "Main", "everything", deps=["lem:chain", "prop:z3", "lem:false.corrected"])
def _():
    yield Obligation("main", Implication((Assume(x >= 0),), x + 1 > 0))


@DEVELOPMENT.theorem("thm:blocked", "Uses the printed lemma", "blocked", deps=["lem:false"])
def _():
    yield Obligation("main", Identity(x, x))
'''

# Three nodes, fast to check and verify many times.
TINY_DEV = r'''
import sympy as sp
from proofs.development import Development
from proofs.model import Identity, Implication, Obligation

VARIANT = "@VARIANT@"
DEVELOPMENT = Development("tiny", "Tiny " + VARIANT)
x, y = sp.symbols("x y", real=True)
DEVELOPMENT.definition("def:a", "A", "a definition " + VARIANT)


@DEVELOPMENT.lemma("lem:id", "Identity", r"$(x+1)^2 = x^2+2x+1$", deps=["def:a"])
def _():
    yield Obligation("id", Identity((x + 1) ** 2, x**2 + 2*x + 1))


@DEVELOPMENT.theorem("thm:z3", "Implication", r"$x>0 \Rightarrow x+y^2>0$", deps=["lem:id"])
def _():
    yield Obligation("imp", Implication((x > 0,), x + y**2 > 0))
'''


def write_dev(directory: Path, source: str, variant: str = "A", name: str = "dev") -> Path:
    path = directory / f"{name}_{variant}.py"
    path.write_text(source.replace("@VARIANT@", variant))
    return path


def check_dev(path: Path, **kwargs):
    from proofs.checker import check
    from proofs.development import load_development

    return check(load_development(str(path)), **kwargs)


def verify_dir(directory: Path, **kwargs):
    from certificates.verify import verify

    kwargs.setdefault("use_cvc5", False)
    kwargs.setdefault("timeout", 60)
    return verify(directory, **kwargs)


def failed_nodes(result) -> set[str]:
    return {node for node, _ in result.failures}


def env(**extra: str) -> dict[str, str]:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(REPO) + os.pathsep + out.get("PYTHONPATH", "")
    out.update(extra)
    return out


def cli(*args: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
    """``python -m ARGS`` (e.g. ``proofs verify DIR``) in a process of its own: for the tests about the entry
    points, a process killed while it writes, or settings read when the interpreter starts."""
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env(**extra_env),
                          capture_output=True, text=True, check=False, timeout=600)


def call_cli(*args: str, cwd: Path, **extra_env: str) -> subprocess.CompletedProcess:
    """``proofs ARGS`` run in the test process (``cli_runner``), with ``extra_env`` set for the call."""
    return run_in_process(*args, cwd=cwd, env=extra_env)


def copy_out(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def cert_path(directory: Path, node: str) -> Path:
    manifest = json.loads((directory / "manifest.json").read_text())
    entry = next(e for e in manifest["certificates"] if e["node"] == node)
    return directory / entry["file"]


def load_cert(directory: Path, node: str) -> dict:
    return json.loads(cert_path(directory, node).read_text())


def save_cert(directory: Path, node: str, cert: dict) -> None:
    cert_path(directory, node).write_text(json.dumps(cert, indent=2, sort_keys=True))


def reseal(directory: Path) -> None:
    """Recompute every hash, as a forger would, so only the re-checks can catch a forgery."""
    from certificates.canonical import digest

    manifest_path = directory / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    hashes: dict[str, str] = {}
    for entry in manifest["certificates"]:
        path = directory / entry["file"]
        cert = json.loads(path.read_text())
        for dep in cert["dependencies"]:
            dep["hash"] = hashes.get(dep["id"], dep["hash"])
        content = {k: v for k, v in cert.items() if k not in ("hash", "run")}
        cert["hash"] = entry["hash"] = hashes[entry["node"]] = digest(content)
        data = json.dumps(cert, indent=2, sort_keys=True).encode()
        path.write_bytes(data)
        manifest["files"][entry["file"]] = hashlib.sha256(data).hexdigest()
    manifest["hash"] = digest({k: v for k, v in manifest.items() if k not in ("hash", "files", "run")})
    manifest_path.write_text(json.dumps(manifest, indent=2))
