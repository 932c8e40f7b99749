"""Report content: Markdown, self-contained HTML, LaTeX appendix and plots of a checked run."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from proofs.cli import main
from proofs.report import load_report, write_reports
from proofs.report.latex import to_html, to_text
from proofs.report.plots import alignment_figure, residual_figure

NODES = ["definition:1.1", "cited:fubini", "lemma:2.1", "lemma:2.2", "lemma:2.2.corrected", "theorem:3.1"]


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


# ----------------------------------------------------------------------------- Markdown


def test_markdown_lists_every_node_with_status_dependencies_and_obligations(run_dir):
    assert main(["report", str(run_dir), "--format", "md"]) == 0
    md = (run_dir / "report.md").read_text()
    index = _section(md, "## Index", "## Nodes")
    statuses = {"definition:1.1": "assumed", "cited:fubini": "assumed", "lemma:2.1": "proved",
                "lemma:2.2": "refuted", "lemma:2.2.corrected": "proved", "theorem:3.1": "proved"}
    for node_id, status in statuses.items():
        assert re.search(rf"\[`{re.escape(node_id)}`\]\(#node-{re.escape(node_id)}\) \|[^\n]*\| {status} \|", index)
        assert f'<a id="node-{node_id}"></a>' in md
    lemma = _section(md, "### `lemma:2.1`", "### `lemma:2.2`")
    assert "- Depends on: [definition:1.1](#node-definition:1.1)." in lemma
    assert "- Used by: [lemma:2.2](#node-lemma:2.2), [lemma:2.2.corrected](#node-lemma:2.2.corrected)." in lemma
    assert re.search(r"\| `expand` \| sympy \| binomial \| 2 \(declared\) \| proved \| \d+ ms \| \d+ \|", lemma)
    assert "- Reference: Rudin 1987, Thm 8.8" in md
    assert "![dependency graph" in md and (run_dir / "plots" / "graph.svg").is_file()


def test_findings_show_refuted_printed_statement_counterexample_and_correction(run_dir):
    write_reports(run_dir, ("md",))
    md = (run_dir / "report.md").read_text()
    assert "**1 printed statement is false; it has a proved correction; the corrected development is accepted.**" in md
    findings = _section(md, "## Findings", "## Dependency graph")
    row = next(line for line in findings.splitlines() if line.startswith("| [lemma:2.2]"))
    cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
    assert cells[1].startswith("error in a statement")
    assert cells[2] == "If $x > 0$ then $x - 1 > 0$."
    assert cells[3] == "If $x > 1$ then $x - 1 > 0$. (**proved**)"
    value = re.fullmatch(r"\$x = (.+)\$ \(z3\)", cells[4]).group(1)
    assert 0 < float(sympy_value(value)) <= 1           # a true counterexample of x > 0 => x - 1 > 0
    assert "### lemma:2.2 — Printed positivity (refuted)" in findings
    assert "> If $x > 0$ then $x - 1 > 0$." in findings
    assert "What holds, [lemma:2.2.corrected](#node-lemma:2.2.corrected) (**proved**)" in findings
    assert "> If $x > 1$ then $x - 1 > 0$." in findings
    assert "```json" not in md and '"model"' not in md   # the machine-readable form stays in run.json
    assert "theorem:3.1" not in findings        # proved nodes are not findings


def sympy_value(text: str) -> float:
    """``\\frac{1}{2}`` or ``1`` as a number."""
    m = re.fullmatch(r"\\frac\{(-?\d+)\}\{(\d+)\}", text)
    return int(m.group(1)) / int(m.group(2)) if m else float(text)


def test_finding_without_correction_says_so(run_dir):
    data = json.loads((run_dir / "run.json").read_text())
    data["nodes"] = [n for n in data["nodes"] if n["id"] != "lemma:2.2.corrected"]
    for n in data["nodes"]:
        n["deps"] = [d for d in n["deps"] if d != "lemma:2.2.corrected"]
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("md",))
    findings = _section((run_dir / "report.md").read_text(), "## Findings", "## Dependency graph")
    assert "lemma:2.2" in findings and "states no corrected version" in findings


# ----------------------------------------------------------------------------- HTML


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_is_self_contained(run_dir):
    write_reports(run_dir, ("html",))
    page = (run_dir / "report.html").read_text()
    parser = _Collect()
    parser.feed(page)
    for tag, attrs in parser.tags:
        assert tag not in ("link", "iframe", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs, "scripts must be inline"
        for key in ("src", "href"):
            value = attrs.get(key, "")
            assert not re.match(r"(https?:)?//", value), f"external {key}: {value}"
    images = [a["src"] for t, a in parser.tags if t == "img"]
    assert len(images) == 4     # two plots (SVG) and the paper's Figures 2 and 3 (PNG), all inline
    assert sum(src.startswith("data:image/svg+xml;base64,") for src in images) == 2
    assert sum(src.startswith("data:image/png;base64,") for src in images) == 2
    assert "<style>" in page and "@import" not in page
    assert "katex" in page and not re.search(r"url\((?!data:|#)", page)   # KaTeX's fonts are inlined too


def test_html_graph_colours_each_node_by_status_and_links_details(run_dir):
    write_reports(run_dir, ("html",))
    page = (run_dir / "report.html").read_text()
    report = load_report(run_dir)
    svg = page[page.index('<svg id="graph-svg"'):page.index("</svg>", page.index('<svg id="graph-svg"'))]
    from proofs.report.data import STATUS_COLOURS
    for node in report.nodes:
        m = re.search(rf'<a href="#node-{re.escape(node.id)}" class="graph-node" data-node="{re.escape(node.id)}"'
                      rf' data-status="(\w+)">.*?fill="(#\w+)"', svg, re.DOTALL)
        assert m, node.id
        assert m.group(1) == node.status and m.group(2) == STATUS_COLOURS[node.status]
        assert f'<details class="node" id="node-{node.id}" data-node="{node.id}"' in page
    edges = re.findall(r'class="edge" data-from="([^"]+)" data-to="([^"]+)"', svg)
    # an arrow A -> B means that A uses B, as in `proofs graph --format dot` (`"user" -> "dep"`)
    assert sorted(edges) == sorted((n.id, d) for n in report.nodes for d in n.deps)


def test_html_node_details_content(run_dir):
    write_reports(run_dir, ("html",))
    page = (run_dir / "report.html").read_text()
    lemma = _section(page, 'id="node-lemma:2.2"', '<details class="node"')
    cex = _section(lemma, '<div class="counterexample"', "</table>")
    assert re.search(r'<th>value</th><td><span class="math" data-tex="x = [^"]+">', cex)
    assert "&#34;model&#34;" not in page and '"model"' not in page
    assert 'href="#node-lemma:2.2.corrected"' in lemma            # corrected by
    assert 'class="dep">lemma:2.1</a>' in lemma
    theorem = _section(page, 'id="node-theorem:3.1"', "</details>\n</section>")
    for name in ("identity", "quadrature", "alignment"):
        assert f"<code>{name}</code>" in theorem
    assert theorem.count('<figure class="plot"') == 2
    assert 'class="dependant">theorem:3.1</a>' in _section(page, 'id="node-cited:fubini"', '<details class="node"')
    # mathematics for KaTeX (with a Unicode reading until it runs); the LaTeX source kept in .tex-source
    assert 'data-tex="\\Lambda \\neq \\mathcal{T}_h"' in theorem and "Λ ≠ 𝒯<sub>h</sub>" in theorem
    assert (r'<details class="tex-source"><summary class="meta">LaTeX source</summary>'
            r"<pre>By Lemma 2.1 and Lemma 2.2, $\Lambda \neq \mathcal{T}_h$.</pre>") in theorem


def test_html_findings_table_and_headline(run_dir):
    data = json.loads((run_dir / "run.json").read_text())
    next(n for n in data["nodes"] if n["id"] == "lemma:2.2")["note"] = "Printed with x > 0 where x > 1 is needed."
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("html",))
    page = (run_dir / "report.html").read_text()
    assert ('<p class="headline" id="headline">1 printed statement is false; it has a proved correction; '
            "the corrected development is accepted.</p>") in page
    table = _section(page, '<table class="findings">', "</table>")
    assert table.count("<tr data-finding=") == 1 and 'href="#finding-lemma:2.2"' in table
    assert "error in a statement" in table
    details = _section(page, 'id="finding-lemma:2.2"', "</details>")
    assert '<p class="note"><b>Note:</b> Printed with x &gt; 0 where x &gt; 1 is needed.</p>' in details


def test_html_escapes_text_from_the_run(run_dir):
    data = json.loads((run_dir / "run.json").read_text())
    data["nodes"][2]["title"] = "<script>alert(1)</script>"
    data["nodes"][2]["statement"] = "$x < y$ <img src=x onerror=alert(2)>"
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("html", "md"))
    page = (run_dir / "report.html").read_text()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror" in page


# ----------------------------------------------------------------------------- LaTeX


def test_tex_appendix_has_every_node_with_resolvable_links(run_dir):
    assert main(["report", str(run_dir), "--format", "tex"]) == 0
    tex = (run_dir / "report.tex").read_text()
    labels = set(re.findall(r"\\label\{([^}]+)\}", tex))
    for node_id in NODES:
        assert f"proofs-node:{node_id}" in labels
    refs = set(re.findall(r"\\hyperref\[([^\]]+)\]", tex))
    assert refs and refs <= labels
    begins = re.findall(r"\\begin\{(\w+)\}", tex)
    ends = re.findall(r"\\end\{(\w+)\}", tex)
    assert sorted(begins) == sorted(ends)
    assert tex.count("{") == tex.count("}") + tex.count(r"\{") - tex.count(r"\}")
    for path in re.findall(r"\\includegraphics\[[^\]]*\]\{\\proofsreportdir ([^}]+)\}", tex):
        assert (run_dir / path).is_file()
    assert "\\begin{tikzpicture}" in tex and tex.count("\\node[") == len(NODES)
    findings = _section(tex, "\\subsection*{Findings}", "\\subsection*{Dependency graph}")
    assert "If $x > 0$ then $x - 1 > 0$." in findings and "If $x > 1$ then $x - 1 > 0$." in findings
    assert "\\textbf{1 printed statement is false; it has a proved correction" in tex
    assert "verbatim" not in tex


def test_tex_escapes_plain_text(run_dir):
    data = json.loads((run_dir / "run.json").read_text())
    data["nodes"][2]["title"] = "50% of a_b & c#"
    (run_dir / "run.json").write_text(json.dumps(data))
    write_reports(run_dir, ("tex",))
    tex = (run_dir / "report.tex").read_text()
    assert r"50\% of a\_b \& c\#" in tex and "50% of" not in tex


# ----------------------------------------------------------------------------- plots


def test_residual_plot_draws_the_recorded_residuals(run_dir):
    node = load_report(run_dir).by_id["theorem:3.1"]
    quadrature = next(o for o in node.obligations if o.name == "quadrature")
    assert quadrature.resolutions == [16, 32, 64] and quadrature.tolerance == 1e-3
    fig = residual_figure(node, [quadrature])
    line = fig.axes[0].lines[0]
    assert list(line.get_xdata()) == [16, 32, 64]
    assert list(line.get_ydata()) == pytest.approx([1 / 256, 1 / 1024, 1 / 4096])
    assert any(list(ln.get_ydata()) == [1e-3, 1e-3] for ln in fig.axes[0].lines[1:])  # tolerance line


def test_alignment_plot_has_one_bar_per_transformation(run_dir):
    node = load_report(run_dir).by_id["theorem:3.1"]
    aligned = [o for o in node.obligations if o.alignment]
    fig = alignment_figure(node, aligned)
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches if p.get_height() > 0]
    assert heights == pytest.approx([1e-9, 0.4, 0.3])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["rotation-90", "scaling-2", "shear"]
    legend = fig.legends[0]
    swatches = {t.get_text(): h.get_facecolor() for t, h in zip(legend.get_texts(), legend.legend_handles)}
    bars = {c: p.get_facecolor() for c, p in zip(("rotation", "scaling", "shear"), ax.patches)}
    assert set(swatches) == set(bars) and all(swatches[c] == bars[c] for c in bars)   # one colour per class
    assert len(set(swatches.values())) == 3
    assert any(t.get_text() == "tolerance 0.01" for t in ax.texts)


def test_alignment_plot_has_one_panel_per_obligation(run_dir):
    node = load_report(run_dir).by_id["theorem:3.1"]
    aligned = [o for o in node.obligations if o.alignment]
    assert len(alignment_figure(node, aligned * 2).axes) == 2


def test_readable_transform_names():
    from proofs.report.plots import readable_transform
    assert readable_transform("uniform_scaling2d#0") == "uniform scaling 1"
    assert readable_transform("rotation90") == "rotation90"


def test_plots_are_written_as_svg_and_png(run_dir):
    write_reports(run_dir, ("md", "tex"))
    svg = (run_dir / "plots" / "theorem_3.1-residuals.svg").read_text()
    assert "<svg" in svg and "residual versus resolution" in svg
    assert (run_dir / "plots" / "theorem_3.1-alignment.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "![theorem:3.1: residual versus grid resolution](plots/theorem_3.1-residuals.svg)" in \
        (run_dir / "report.md").read_text()


# ----------------------------------------------------------------------------- LaTeX statements, errors


@pytest.mark.parametrize("source, text", [
    (r"$\mathcal{T}_h^{-1}$", "𝒯ₕ⁻¹"),
    (r"$x \in \mathbb{R}^N$", "x ∈ ℝ^N"),
    (r"$\frac{a+b}{2} \leq \sqrt{x}$", "(a+b)/2 ≤ √(x)"),
    (r"$\hat{f}$ and $\lambda_1 \neq \lambda_2$", "f̂ and λ₁ ≠ λ₂"),
    (r"$\unknownmacro{x}$", r"\unknownmacrox"),
])
def test_latex_statements_become_readable_text(source, text):
    assert to_text(source) == text


def test_latex_html_escapes_and_uses_sup_sub():
    assert to_html(r"$a < b^{2}$ & <b>") == '<span class="math">a &lt; b<sup>2</sup></span> &amp; &lt;b&gt;'


def test_missing_run_json_is_an_input_error(tmp_path, capsys):
    assert main(["report", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no run summary" in err and "check --out" in err


def test_malformed_run_json_is_an_input_error(tmp_path, capsys):
    (tmp_path / "run.json").write_text("{not json")
    assert main(["report", str(tmp_path)]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_check_out_writes_certificates_and_reports(tmp_path):
    out = tmp_path / "out"
    dev = Path(__file__).resolve().parent / "synthetic_dev.py"
    code = main(["check", str(dev), "--out", str(out), "--quiet", "--jobs", "0"])
    assert code == 0
    run = json.loads((out / "run.json").read_text())
    assert {n["id"] for n in run["nodes"]} == set(NODES)
    md = (out / "report.md").read_text()
    assert "### lemma:2.2 — Printed positivity (refuted)" in md
    page = (out / "report.html").read_text()
    assert page.count('<details class="node"') == len(NODES)
    # statements reach the report (from run.json or the certificates)
    assert r"$(x+y)^2 = x^2 + 2xy + y^2$" in md
