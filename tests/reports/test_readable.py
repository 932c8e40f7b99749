"""Counterexamples, statements and findings as a person reads them (no browser needed)."""
from __future__ import annotations

import json

import sympy as sp

from certificates.serialize import encode
from proofs.report import load_report, write_reports
from proofs.report.counterexample import readable
from proofs.report.data import Finding, NodeView
from proofs.report.mathtext import md_math, prose_pieces, segments, to_md, to_tex


def test_sympy_instance_becomes_matrix_point_functions_and_sides():
    a0, a1 = sp.symbols("a0 a1", real=True)
    gaussian = sp.Lambda((a0, a1), sp.Rational(5, 2) * sp.exp(-2 * (a0 - sp.Rational(1, 2)) ** 2 - a1 ** 2))
    ce = {"symbols": {"T_11": encode(sp.Rational(-1, 2)), "T_12": encode(3), "T_21": encode(7),
                      "T_22": encode(2), "x_1": encode(sp.Rational(7, 3)), "x_2": encode(-2)},
          "functions": {"f": encode(gaussian)},
          "lhs_value": "1275*sqrt(10006)*pi*exp(-265031/240144)/20012",
          "rhs_value": "-1275*sqrt(10006)*pi*exp(-265031/240144)/20012", "method": "closed form", "step": 1}
    r = readable(ce)
    rows = dict(r.rows)
    assert rows["matrix"] == r"T_h = \left(\begin{matrix}- \frac{1}{2} & 3\\7 & 2\end{matrix}\right)"
    assert rows["point"].startswith(r"x = \left(\begin{matrix}\frac{7}{3} & -2\end{matrix}\right)")
    assert rows["function f"] == r"f(y_{1}, y_{2}) = \frac{5}{2}\, e^{- y_{2}^{2} - 2 \left(y_{1} - \frac{1}{2}\right)^{2}}"
    assert rows["left side"].endswith(r"\approx 6.64045") and rows["right side"].endswith(r"\approx -6.64045")
    assert rows["difference"].endswith(r"\approx 13.2809")
    assert "LHS} \\approx 6.64045" in r.summary and "smallmatrix" in r.summary and "function" not in r.summary
    assert "{" not in json.dumps(r.text).replace("{}", "")


def test_side_values_are_parsed_not_evaluated():
    ce = {"symbols": {}, "lhs_value": "__import__('os').system('false')", "rhs_value": "1"}
    r = readable(ce)
    assert "left side" not in dict(r.rows)          # refused by the value check, shown nowhere as code


def test_huge_powers_in_side_values_are_not_evaluated():
    r = readable({"symbols": {}, "lhs_value": "10**10**10", "rhs_value": "2**(10**9)"})
    assert "left side" not in dict(r.rows)
    ok = readable({"symbols": {}, "lhs_value": "3*pi**(3/2)/4", "rhs_value": "-2**3"})
    assert dict(ok.rows)["right side"] == "-8"


def test_z3_model_shows_only_the_users_symbols():
    r = readable({"model": {"/0": "[(1, 1/2) -> 2, else -> 0]", "c": "-1/2", "m_T": "2", "k!3": "1",
                            "G_11": "0", "G_12": "-1", "G_21": "-1", "G_22": "0"}})
    text = json.dumps(r.rows)
    assert "/0" not in text and "->" not in text and "k!3" not in text
    rows = dict(r.rows)
    assert rows["matrix"].startswith("T_g = ")
    assert rows["values"] == r"c = - \frac{1}{2},\quad m_{T} = 2"


def test_numeric_instance_shows_transform_point_functions_and_sides():
    ce = {"transform": {"class": "reflection", "det": -1.0, "matrix": [[0.0, 1.0], [1.0, 0.0]]},
          "point": [0.5, 0.25], "lhs": 0.3, "rhs": -0.3, "residuals": [2.0, 2.0], "resolutions": [16, 32],
          "tolerance": 1e-3,
          "f": {"kind": "gaussian", "amplitude": 1.5, "center": [0.0, 0.1], "shape": [[2.0, 0.0], [0.0, 2.0]]}}
    r = readable(ce)
    rows = dict(r.rows)
    assert rows["reflection (det -1)"] == r"T_h = \begin{pmatrix} 0 & 1 \\ 1 & 0 \end{pmatrix}"
    assert rows["point"] == r"x = (0.5, 0.25)^\top"
    assert rows["function f"].startswith(r"f(y) = 1.5\, e^{-|M(y - c)|^2/2}")
    assert rows["difference"] == "0.6"
    assert dict(r.text)["residuals"] == "2, 2 at resolutions 16, 32; tolerance 0.001"


def test_unknown_shapes_are_shown_briefly():
    assert readable([1, 2, 3]).text == [("value", "[1, 2, 3]")]
    assert readable({"weird": {"nested": 1}}).rows == [] or readable({"weird": 1})


def test_statements_split_into_prose_and_mathematics():
    assert segments(r"If $x > 0$ then $x$.") == [("text", "If "), ("math", "x > 0"), ("text", " then "),
                                                  ("math", "x"), ("text", ".")]
    assert segments(r"\mathcal{T}_h f") == [("math", r"\mathcal{T}_h f")]
    assert segments("(25): (Λ_λ 𝒯_h f)(x)") == [("text", "(25): (Λ_λ 𝒯_h f)(x)")]
    pieces = prose_pieces(r"\text{If } \phi/\pi \notin \mathbb{Q},\ \lambda = \begin{pmatrix}a,\ b\end{pmatrix}")
    assert pieces == [("text", "If "), ("math", r"\phi/\pi \notin \mathbb{Q}"), ("text", ", "),
                      ("math", r"\lambda = \begin{pmatrix}a,\ b\end{pmatrix}")]
    assert prose_pieces(r"x^\text{no split}") == [("math", r"x^\text{no split}")]
    assert prose_pieces(r"\text{has modulus} \neq 1") == [("text", "has modulus"), ("math", r"{}\neq 1")]


def test_markdown_math_survives_tables_and_latex_escapes_prose():
    assert to_md(r"|\det T_h| \ne 0", in_table=True) == r"$\vert \det T_h\vert  \ne 0$"
    assert md_math(r"\|f\|", in_table=True) == r"$\Vert f\Vert $"
    assert md_math(r"\ x = 1,\ y\ ") == r"$x = 1,\ y$"          # GitHub needs no space inside the dollars
    assert "|" not in to_md(r"a | b $|x|$", in_table=True).replace(r"\|", "")
    assert to_tex(r"\text{(λ symmetric)}") == r"$\text{(\text{$\lambda$} symmetric)}$"
    assert to_tex("50% of λ & 𝒯_h") == r"50\% of \ensuremath{\lambda} \& \ensuremath{\mathcal{T}}\_h"


def _node(**kw) -> NodeView:
    base = {"id": "lemma:1", "kind": "lemma", "title": "", "statement": "", "status": "refuted", "reason": "", "deps": []}
    return NodeView(**{**base, **kw})


def test_finding_kinds_recorded_or_derived():
    assert Finding(_node(finding_kind="Missing hypothesis"), []).kind == "missing hypothesis"
    assert not Finding(_node(finding_kind="missing hypothesis"), []).kind_derived
    assert Finding(_node(kind="step"), []).kind == "slip in a proof"
    assert Finding(_node(note="Printed without λ ≠ 0."), []).kind == "missing hypothesis"
    assert Finding(_node(note="No non-constancy hypothesis is printed."), []).kind == "missing hypothesis"
    assert Finding(_node(note="det where |det| holds"), []).kind == "error in a statement"


def test_headline_says_what_the_run_found(run_dir):
    report = load_report(run_dir)
    assert report.headline == ("1 printed statement is false; it has a proved correction; "
                               "the corrected development is accepted.")
    data = json.loads((run_dir / "run.json").read_text())
    data["exit_code"] = 1
    next(n for n in data["nodes"] if n["id"] == "lemma:2.2.corrected")["status"] = "unknown"
    (run_dir / "run.json").write_text(json.dumps(data))
    assert load_report(run_dir).headline == ("1 printed statement is false; none has a proved correction; "
                                             "1 node is unknown, failed or blocked; the run is not accepted.")


def test_clauses_cached_marks_and_uses_are_shown(run_dir):
    data = json.loads((run_dir / "run.json").read_text())
    node = next(n for n in data["nodes"] if n["id"] == "theorem:3.1")
    node["clauses"] = [{"id": "c1", "text": r"\Lambda \ne 0", "status": "proved"},
                       {"id": "c2", "text": r"\mathcal{T}_h = \mathcal{T}_h", "status": "proved"}]
    node["obligations"][0].update(cached=True, uses=[{"node": "lemma:2.1", "clause": "statement"}])
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("html", "md"))
    page = (run_dir / "report.html").read_text()
    assert '<li data-clause="c1"><span class="math" data-tex="\\Lambda \\ne 0">' in page
    assert 'uses <a href="#node-lemma:2.1">lemma:2.1</a>' in page
    assert "(cached)" not in page                # a fact of one run (run.json says it), not of the results
    md = (run_dir / "report.md").read_text()
    assert "1. $\\Lambda \\ne 0$ (**proved**)" in md and "| proved |" in md


def test_reports_are_rewritten_only_when_what_they_show_changes(run_dir):
    assert write_reports(run_dir, ("html", "md"))                    # first time: written
    assert write_reports(run_dir, ("html", "md")) == []              # same content: nothing rendered
    data = json.loads((run_dir / "run.json").read_text())
    data["seconds"], data["kernel_seconds"] = 1234.5, 99.0           # a warm run: other times, same results
    for node in data["nodes"]:
        for ob in node["obligations"]:
            ob["cached"] = True
    (run_dir / "run.json").write_text(json.dumps(data))
    assert write_reports(run_dir, ("html", "md")) == []
    assert write_reports(run_dir, ("md",))                           # other formats: another key
    node = next(n for n in data["nodes"] if n["id"] == "theorem:3.1")
    node["title"] = "A new title"
    (run_dir / "run.json").write_text(json.dumps(data))
    assert run_dir / "report.html" in write_reports(run_dir, ("html", "md"))
    assert "A new title" in (run_dir / "report.html").read_text()
    (run_dir / "report.html").unlink()                               # a report lost: rendered again
    assert run_dir / "report.html" in write_reports(run_dir, ("html", "md"))


def test_markdown_tables_keep_their_columns_with_pipes_in_names_and_text(run_dir):
    import re

    data = json.loads((run_dir / "run.json").read_text())
    node = next(n for n in data["nodes"] if n["id"] == "theorem:3.1")
    node["title"] = "with |det T_h| in the title"
    node["obligations"][0].update(name="step: |T_h^-1 p - p| > r", claim="|det T_h| = 1", message="a | b")
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("md",))
    cols = None
    for line in (run_dir / "report.md").read_text().splitlines():
        if not line.startswith("|"):
            cols = None
            continue
        n = len(re.findall(r"(?<!\\)\|", line))
        cols = cols or n
        assert n == cols, line


def test_a_plot_is_redrawn_only_when_its_data_changed(run_dir):
    write_reports(run_dir, ("html",))
    plots = sorted((run_dir / "plots").glob("*.svg"))
    assert len(plots) >= 2
    before = {p.name: p.stat().st_mtime_ns for p in plots}
    data = json.loads((run_dir / "run.json").read_text())
    changed = next(n for n in data["nodes"] if any(o.get("residuals") for o in n["obligations"]))
    ob = next(o for o in changed["obligations"] if o.get("residuals"))
    ob["residuals"] = [r / 2 for r in ob["residuals"]]
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("html",))
    after = {p.name: p.stat().st_mtime_ns for p in sorted((run_dir / "plots").glob("*.svg"))}
    redrawn = {name for name in before if after[name] != before[name]}
    assert redrawn == {f"{changed['id'].replace(':', '_')}-residuals.svg"}, redrawn
