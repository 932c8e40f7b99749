"""The CLI run in the test process, a small checked development, and a hand-written run directory."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from cli_runner import ROOT, run_in_process

SMALL_DEV = '''
import sympy as sp
from proofs import Development, Identity, Implication, Obligation, Use
DEVELOPMENT = Development("small", title="A small development")
x, y = sp.symbols("x y", real=True)

DEVELOPMENT.definition("def:square", "Square", "x^2 = x x")
DEVELOPMENT.cited("cite:amgm", "AM-GM", "x^2 + y^2 >= 2 x y", reference="[1] A textbook, Theorem 1")

@DEVELOPMENT.lemma("lemma:binomial", "Binomial square", "(x+y)^2 = x^2 + 2xy + y^2", deps=["def:square"])
def _():
    yield Obligation("square", Identity((x + y) ** 2, x**2 + 2*x*y + y**2))

@DEVELOPMENT.lemma("lemma:positive", "A sum of squares", "(x + 2y)^2 - 4xy >= 0",
                   deps=["lemma:binomial", "cite:amgm"])
def _():
    yield Obligation("nonnegative", Implication((Use("lemma:binomial", "square", {y: 2 * y}),),
                                                (x + 2 * y)**2 - 4*x*y >= 0))

@DEVELOPMENT.lemma("lemma:wrong", "Freshman's dream", "(x+y)^2 = x^2 + y^2", deps=["def:square"])
def _():
    yield Obligation("dream", Identity((x + y) ** 2, x**2 + y**2))
'''


def run_cli(*args: str, env: dict | None = None):
    """``proofs ARGS`` in this process: what it prints and returns."""
    return run_in_process(*args, env=env, cwd=ROOT)


@pytest.fixture(scope="session")
def checked_run(tmp_path_factory) -> Path:
    """The output directory of a real `check` of SMALL_DEV."""
    base = tmp_path_factory.mktemp("small-run")
    dev = base / "small_dev.py"
    dev.write_text(textwrap.dedent(SMALL_DEV))
    out = base / "out"
    proc = run_cli("check", str(dev), "--out", str(out), "--quiet")
    assert proc.returncode in (0, 1), proc.stderr
    assert (out / "manifest.json").is_file(), proc.stderr
    return out


def _certificate(node: str, kind: str, status: str, deps=(), obligations=(), **extra) -> dict:
    return {"format": "proofs-certificate/1", "node": node, "kind": kind, "title": f"Title of {node}",
            "statement": f"statement of {node}", "status": status, "reason": f"reason for {node}",
            "reference": extra.pop("reference", ""), "note": "", "hypotheses": [],
            "cited_hypotheses": extra.pop("cited_hypotheses", {}), "corrects": None, "printed": True,
            "dependencies": [{"id": d, "hash": "0" * 64} for d in deps], "obligations": list(obligations),
            **extra}


@pytest.fixture
def write_run():
    """``write_run(directory, certificates, ...)``: a run directory written by hand."""
    return _write_run


def _write_run(directory: Path, certificates: list[dict], development: str = "developments.paper",
               run_nodes: list[dict] | None = None) -> Path:
    """A run directory as `check` writes one: manifest.json, certificates/*.json and run.json."""
    (directory / "certificates").mkdir(parents=True, exist_ok=True)
    entries, edges = [], []
    for cert in certificates:
        name = f"certificates/{cert['node'].replace(':', '_')}.json"
        (directory / name).write_text(json.dumps(cert))
        entries.append({"node": cert["node"], "file": name, "hash": "0" * 64})
        edges += [[d["id"], cert["node"]] for d in cert["dependencies"]]
    (directory / "manifest.json").write_text(json.dumps(
        {"format": "proofs-manifest/1", "development": development, "certificates": entries, "edges": edges}))
    if run_nodes is not None:
        (directory / "run.json").write_text(json.dumps({"development": development, "nodes": run_nodes}))
    return directory


@pytest.fixture
def fake_run(tmp_path) -> Path:
    """A hand-written run with a chain, uses, clauses and times, in the format `check` writes."""
    chain = {"name": "chain", "backend": "sympy", "backend_version": "1.14.0", "verdict": "proved",
             "message": "every step holds", "claim": "(25) by a change of variables", "clause": "main",
             "counterexample": None, "uses": [{"node": "lemma:base", "obligation": "core", "substitution":
                                                {"x": "T_h u"}}],
             "record": {"steps": [{"rule": "change_of_variables", "by": "cite:cov", "note": "u = T_h^-1 y",
                                   "expr": {}},
                                  {"rule": "definition", "by": "def:a", "note": "unfold"}]}}
    refuted = {"name": "printed", "backend": "z3", "backend_version": "4.13", "verdict": "refuted",
               "kernel": "counterexample re-checked",
               "message": "negation is sat: counterexample found", "claim": "as printed",
               "counterexample": {"model": {"a": "2"}, "symbols": {"T_11": {"rat": ["-1", "2"]}}},
               "record": {}}
    certs = [
        _certificate("def:a", "definition", "assumed"),
        _certificate("cite:cov", "cited", "assumed", reference="[12] Stein & Shakarchi, Ch. 2"),
        _certificate("lemma:base", "lemma", "proved", deps=["def:a"]),
        _certificate("lemma:top", "lemma", "refuted", deps=["lemma:base", "cite:cov"],
                     obligations=[chain, refuted],
                     clauses=[{"id": "main", "text": "the main clause", "status": "proved",
                               "obligations": ["chain"]}, "a clause given as text"],
                     cited_hypotheses={"cite:cov": {"A invertible": "discharged: det T_h != 0"}},
                     expect="refuted",
                     run={"obligations": [{"name": "chain", "seconds": 1.25}], "seconds": 2.0}),
        _certificate("lemma:top.corrected", "lemma", "proved", deps=["lemma:top"]),
    ]
    nodes = [{"id": c["node"], "kind": c["kind"], "title": c["title"], "status": c["status"],
              "reason": c["reason"], "deps": [d["id"] for d in c["dependencies"]],
              "reference": c["reference"],
              "obligations": [{"name": "printed", "seconds": 0.5}] if c["node"] == "lemma:top" else []}
             for c in certs]
    return _write_run(tmp_path / "run", certs, run_nodes=nodes)
