"""Hypothesis schemas (``Assume(Every(k, s, H(k)))``) in the reports: every format shows, next to a node's
hypotheses, "for every integer k ≥ s: H(k)" as mathematics, and a user of a result stated under a schema shows
the schema among its own, with the use that needs it."""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from proofs.cli import main
from proofs.report import load_report, write_reports

pytestmark = pytest.mark.timeout(300)

ORBIT = '''
import sympy as sp
from proofs import Assume, Development, Every, Implication, Induction, Obligation, Use

DEVELOPMENT = Development("orbit", title="An equation iterated along an orbit")
n, k, j, m = sp.symbols("n k j m", integer=True)
C = sp.Symbol("C", real=True)
L = sp.Function("L", real=True)


@DEVELOPMENT.lemma("lemma:iterate", "Iterating", r"L(k) = C L(k + 1)\\ (k \\ge 0) \\Rightarrow L(0) = C^n L(n)")
def iterate():
    yield Obligation("iterate", Induction(n, sp.Eq(L(0), C**n * L(n)),
                                          (Assume(Every(n, 0, sp.Eq(L(n), C * L(n + 1)))),), opaque=True))


@DEVELOPMENT.lemma("lemma:vanish", "A zero on the orbit", r"L(m) = 0 \\Rightarrow L(0) = 0", deps=["lemma:iterate"])
def vanish():
    yield Obligation("vanish", Implication(
        (Assume(Every(j, 0, sp.Eq(L(j), C * L(j + 1)))), Assume(m >= 0), Assume(sp.Eq(L(m), 0)),
         Use("lemma:iterate", "iterate", {n: m})),
        sp.Eq(L(0), 0)))
    yield Obligation("vanish-again", Implication(
        (Assume(Every(k, 0, sp.Eq(L(k), C * L(k + 1)))), Assume(m >= 0), Assume(sp.Eq(L(m), 0)),
         Use("lemma:iterate", "iterate", {n: m})),
        sp.Eq(L(0), 0)))


@DEVELOPMENT.lemma("lemma:self", "Iterating, then using it", r"L(k) = C L(k + 1)\\ (k \\ge 0) \\Rightarrow L(0) = C L(1)")
def self_use():
    yield Obligation("first", Induction(n, sp.Eq(L(0), C**n * L(n)),
                                        (Assume(Every(k, 0, sp.Eq(L(k), C * L(k + 1)))),), opaque=True))
    yield Obligation("second", Implication(
        (Assume(Every(k, 0, sp.Eq(L(k), C * L(k + 1)))), Use("lemma:self", "first", {n: sp.Integer(1)})),
        sp.Eq(L(0), C * L(1))))


@DEVELOPMENT.lemma("lemma:plain", "No schema", r"m \\ge 1 \\Rightarrow m \\ge 0")
def plain():
    yield Obligation("plain", Implication((Assume(m >= 1),), m >= 0))
'''
SCHEMA_TEX = r"L{\left(k \right)} = C L{\left(k + 1 \right)}"   # SymPy's LaTeX of the schema's formula


@pytest.fixture(scope="module")
def orbit_run(tmp_path_factory) -> Path:
    """A checked run (certificates, run.json) of a development whose nodes are stated under a schema."""
    base = tmp_path_factory.mktemp("orbit")
    dev = base / "orbit.py"
    dev.write_text(textwrap.dedent(ORBIT))
    out = base / "out"
    assert main(["check", str(dev), "--out", str(out), "--quiet", "--jobs", "0"]) == 0
    write_reports(out, ("md", "html", "tex"))
    return out


def _node_section(text: str, start: str, next_start: str | None) -> str:
    begin = text.index(start)
    return text[begin:text.index(next_start, begin + len(start))] if next_start else text[begin:]


def test_the_run_data_has_each_obligations_schemas_and_the_uses_that_need_them(orbit_run):
    report = load_report(orbit_run)
    (ob,) = report.by_id["lemma:iterate"].obligations
    (schema,) = ob.schemas
    assert schema.variable == "n" and schema.start == 0
    assert schema.formula_tex == r"L{\left(n \right)} = C L{\left(n + 1 \right)}"
    assert schema.text == "for every integer n >= 0: L(n) = C*L(n + 1)"
    assert schema.statement == r"for every integer $n \geq 0$: $L{\left(n \right)} = C L{\left(n + 1 \right)}$"
    assert schema.needed_by == []                   # the node's own, used by nobody inside its obligation
    vanish = report.by_id["lemma:vanish"]
    for ob in vanish.obligations:
        (schema,) = ob.schemas
        assert schema.needed_by == ["lemma:iterate"], ob.name
    # the same schema in two obligations (named j and k there) is listed once for the node
    (group,) = vanish.schemas
    assert group.obligations == ["vanish", "vanish-again"] and group.needed_by == ["lemma:iterate"]
    (group,) = report.by_id["lemma:self"].schemas       # a use of the node's own earlier obligation
    assert group.obligations == ["first", "second"] and group.needed_by == [] and group.needed_by_own == ["first"]
    assert report.by_id["lemma:plain"].schemas == [] and report.by_id["lemma:plain"].obligations[0].schemas == []


def test_html_shows_the_schema_as_mathematics_next_to_the_hypotheses(orbit_run):
    page = (orbit_run / "report.html").read_text()
    iterate = _node_section(page, 'id="node-lemma:iterate"', '<details class="node"')
    assert "for every integer" in iterate
    assert 'data-tex="n \\geq 0"' in iterate
    assert 'data-tex="L{\\left(n \\right)} = C L{\\left(n + 1 \\right)}"' in iterate
    assert "<code>iterate</code>" in _node_section(iterate, 'class="schemas"', "</ul>")
    vanish = _node_section(page, 'id="node-lemma:vanish"', '<details class="node"')
    schemas = _node_section(vanish, 'class="schemas"', "</ul>")
    assert schemas.count("for every integer") == 1          # one schema, two obligations
    assert "<code>vanish</code>, <code>vanish-again</code>" in schemas
    assert re.search(r'needed by the use of <a href="#node-lemma:iterate">lemma:iterate</a>', schemas)
    assert vanish.count('uses <a href="#node-lemma:iterate">lemma:iterate</a>') == 2   # the records' uses
    own = _node_section(_node_section(page, 'id="node-lemma:self"', '<details class="node"'), 'class="schemas"', "</ul>")
    assert "needed by the use of its obligation <code>first</code>" in own
    plain = _node_section(page, 'id="node-lemma:plain"', "</details>\n")
    assert "for every integer" not in plain and 'class="schemas"' not in plain


def test_markdown_shows_the_schema(orbit_run):
    md = (orbit_run / "report.md").read_text()
    iterate = _node_section(md, "### `lemma:iterate`", "### `")
    assert ("for every integer $n \\geq 0$: $L{\\left(n \\right)} = C L{\\left(n + 1 \\right)}$"
            in " ".join(iterate.split()))
    assert "proved\n- Hypothesis schemas (" in _node_section(md, "### `lemma:vanish`", "### `")   # an item of its own
    vanish = " ".join(_node_section(md, "### `lemma:vanish`", "### `").split())
    assert vanish.count("for every integer") == 1
    assert f"for every integer $j \\geq 0$: ${SCHEMA_TEX.replace('k', 'j')}$" in vanish
    assert "needed by the use of [lemma:iterate](#node-lemma:iterate)" in vanish
    assert "for every integer" not in _node_section(md, "### `lemma:plain`", "Certificate")


def test_latex_shows_the_schema(orbit_run):
    tex = (orbit_run / "report.tex").read_text()
    iterate = " ".join(_node_section(tex, r"\paragraph{\texttt{lemma:iterate}", r"\paragraph").split())
    assert r"for every integer $n \geq 0$: $L{\left(n \right)} = C L{\left(n + 1 \right)}$" in iterate
    vanish = " ".join(_node_section(tex, r"\paragraph{\texttt{lemma:vanish}", r"\paragraph").split())
    assert vanish.count("for every integer") == 1
    assert r"needed by the use of \hyperref[proofs-node:lemma:iterate]{\texttt{lemma:iterate}}" in vanish


PDFLATEX = shutil.which("pdflatex")


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed: the appendix cannot be compiled here")
def test_latex_appendix_with_schemas_compiles(orbit_run, tmp_path):
    target = tmp_path / "run"
    shutil.copytree(orbit_run, target)
    (target / "main.tex").write_text(r"\documentclass{article}\usepackage{amsmath,amssymb,xcolor,tikz,graphicx,"
                                     "hyperref}\\begin{document}\\input{report.tex}\\end{document}\n")
    subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-no-shell-escape", "main.tex"], cwd=target,
                   capture_output=True, text=True, timeout=240, check=False)
    log = (target / "main.log").read_text(errors="replace")
    assert [line for line in log.splitlines() if line.startswith("!")] == []
    assert (target / "main.pdf").stat().st_size > 1000


def test_an_unreadable_schema_is_shown_as_recorded(orbit_run, tmp_path):
    """A record the decoder refuses does not stop the report: the schema is shown as recorded."""
    import json

    target = tmp_path / "run"
    shutil.copytree(orbit_run, target)
    path = target / "certificates" / "lemma_iterate.json"
    cert = json.loads(path.read_text())
    cert["obligations"][0]["record"]["schemas"][0]["formula"] = {"op": "NoSuchOp", "args": []}
    path.write_text(json.dumps(cert))
    (schema,) = load_report(target).by_id["lemma:iterate"].obligations[0].schemas
    assert schema.formula_tex == "" and "as recorded" in schema.text
    (target / ".report-key").unlink()                # the manifest does not know of the edit: render again
    write_reports(target, ("md", "html", "tex"))
    assert "a schema as recorded" in (target / "report.html").read_text()


def test_the_schema_is_typeset_in_a_browser(orbit_run, tmp_path, screenshot_dir):
    """KaTeX typesets the schema (no raw LaTeX visible); a screenshot of the node is left to look at."""
    from test_browser import CHROMIUM, OPEN_ALL, PROBE, _attr, _browse, _variant

    if CHROMIUM is None:
        pytest.skip("chromium is not installed: no headless browser to test in")
    only = ("<style>body > *:not(#nodes) { display: none !important; } "
            'details.node:not([data-node="lemma:vanish"]) { display: none !important; }</style>')
    page = _variant(orbit_run / "report.html", "schema-probe.html", head=only,
                    body=OPEN_ALL + PROBE.removesuffix("</body>"))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0" and _attr(dom, "body", "data-math-errors") == "0"
    assert _attr(dom, "body", "data-raw-latex") == "0", _attr(dom, "body", "data-raw-samples")
    schemas = dom[dom.index('id="node-lemma:vanish"'):]
    schemas = schemas[schemas.index('class="schemas"'):schemas.index("</ul>", schemas.index('class="schemas"'))]
    assert schemas.count('class="katex"') == 2              # k >= 0 and the formula, typeset
    shot = screenshot_dir / "schema-node.png"
    _browse(_variant(orbit_run / "report.html", "schema-shot.html", head=only, body=OPEN_ALL), tmp_path,
            f"--screenshot={shot}", "--window-size=1200,700")
    assert shot.stat().st_size > 10_000


def test_plain_text_of_a_schema_formula():
    """The terminal's words: relations infix, connectives spelled out, non-relations parenthesised."""
    import sympy as sp

    from proofs.report.schemas import plain

    k, c = sp.Symbol("k", integer=True), sp.Symbol("C", real=True)
    f = sp.Function("L")
    assert plain(sp.Eq(f(k), c * f(k + 1))) == "L(k) = C*L(k + 1)"
    assert plain(sp.Implies(sp.And(k > 1, sp.Ne(f(k), 0)), sp.Eq(f(k + 1), 2 * f(k)))) == \
        "(k > 1 and L(k) != 0) => L(k + 1) = 2*L(k)"
