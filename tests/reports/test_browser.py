"""The HTML report in a real headless browser (Debian's chromium): no script errors, mathematics
typeset (no raw LaTeX command in the visible text outside ``.tex-source``), the graph visible and
zoomable, node details opening from the URL hash and from a click on the graph. The run leaves
screenshots of the findings, the graph and one node for a person to look at (the directory is
printed at the end of the test session)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from proofs.report import write_reports

CHROMIUM = os.environ.get("PROOFS_CHROMIUM") or next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                 "(`apt-get install chromium`; .ci/run installs it): no headless browser to test in"),
              pytest.mark.timeout(180)]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--virtual-time-budget=5000"]

# Counts, in the rendered page, visible text that is raw LaTeX (a backslash command) or a serialised
# expression tree, outside .tex-source and KaTeX's hidden MathML; written to <body data-…> for the test.
PROBE = """<script>
window.addEventListener("load", function () {
  var raw = 0, trees = 0, samples = [];
  var walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (var t = walk.nextNode(); t; t = walk.nextNode()) {
    var el = t.parentElement;
    if (!el || el.closest(".tex-source, .katex-mathml, script, style, #js-errors")) { continue; }
    if (!el.getClientRects().length) { continue; }             /* not rendered (closed details, hidden) */
    var found = t.nodeValue.match(/\\\\[A-Za-z]+/g) || [];
    raw += found.length;
    if (found.length && samples.length < 5) { samples.push(found[0]); }
    trees += (t.nodeValue.match(/"(op|args|rat|sym)"\\s*:/g) || []).length;
  }
  document.body.setAttribute("data-raw-latex", String(raw));
  document.body.setAttribute("data-raw-samples", samples.join(" "));
  document.body.setAttribute("data-raw-trees", String(trees));
});
</script></body>"""
OPEN_ALL = '<script>document.querySelectorAll("details").forEach(function (d) { d.open = true; });</script>'


def _browse(page: Path, tmp_path: Path, *extra: str, fragment: str = "") -> str:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri() + fragment],
                          capture_output=True, text=True, timeout=150, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _variant(page: Path, name: str, *, head: str = "", body: str = "") -> Path:
    """A copy of the report with extra CSS in <head> and extra script before </body>."""
    text = page.read_text()
    out = page.with_name(name)
    out.write_text(text.replace("</head>", head + "</head>").replace("</body>", body + "</body>"))
    return out


def _attr(dom: str, tag: str, name: str) -> str | None:
    m = re.search(rf"<{tag}\b[^>]*\b{name}=\"([^\"]*)\"", dom)
    return m.group(1) if m else None


def _click(selector: str) -> str:
    return (f"<script>document.querySelector('{selector}').dispatchEvent("
            "new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));</script>")


@pytest.fixture
def report_page(run_dir) -> Path:
    write_reports(run_dir, ("html",))
    return run_dir / "report.html"


@pytest.fixture(scope="module")
def paper_page(paper_statements_run) -> Path:
    write_reports(paper_statements_run, ("html",))
    return paper_statements_run / "report.html"


def test_page_loads_without_errors_and_graph_is_visible(report_page, tmp_path):
    dom = _browse(report_page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-ready") == "1"          # the report's script ran to its end
    width, height = map(int, _attr(dom, "body", "data-graph-size").split("x"))
    assert width > 100 and height > 100                     # laid out by the browser, not just present
    assert '<ul id="js-errors"></ul>' in dom
    assert not re.search(r'<details class="node[^"]*"[^>]*\bopen\b', dom)   # closed until asked


def test_mathematics_is_typeset_and_no_raw_latex_is_visible(report_page, tmp_path):
    page = _variant(report_page, "probe.html", body=OPEN_ALL + PROBE.removesuffix("</body>"))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert int(_attr(dom, "body", "data-math-count")) > 10 and _attr(dom, "body", "data-math-errors") == "0"
    assert dom.count('class="katex"') >= int(_attr(dom, "body", "data-math-count"))
    assert _attr(dom, "body", "data-raw-latex") == "0", _attr(dom, "body", "data-raw-samples")
    assert _attr(dom, "body", "data-raw-trees") == "0"


def test_probe_sees_raw_latex_when_it_is_there(report_page, tmp_path):
    """Control: a statement left as text is counted, so the zero above is measured."""
    page = _variant(report_page, "raw.html", body='<p>shown raw: \\mathcal{T}_h \\Lambda</p>'
                    + PROBE.removesuffix("</body>"))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "body", "data-raw-latex") == "2"


def test_every_statement_of_the_paper_is_typeset(paper_page, tmp_path, screenshot_dir):
    page = _variant(paper_page, "probe.html", body=OPEN_ALL + PROBE.removesuffix("</body>"))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert int(_attr(dom, "body", "data-math-count")) > 100
    assert _attr(dom, "body", "data-math-errors") == "0"
    assert _attr(dom, "body", "data-raw-latex") == "0", _attr(dom, "body", "data-raw-samples")
    findings = _variant(paper_page, "findings-only.html",
                        head="<style>body > *:not(header):not(#findings) { display: none !important; }</style>")
    _browse(findings, tmp_path, f"--screenshot={screenshot_dir / 'findings.png'}", "--window-size=1400,1600")
    assert (screenshot_dir / "findings.png").stat().st_size > 10_000


def test_graph_zooms_and_a_click_opens_the_node(paper_page, tmp_path, screenshot_dir):
    only_graph = "<style>body > *:not(#graph) { display: none !important; }</style>"
    record = "<script>document.body.setAttribute('data-scale-before', document.body.getAttribute('data-graph-scale'));</script>"
    zoom = record + _click("#zoom-out") + _click("#zoom-out")
    page = _variant(paper_page, "zoom.html", head=only_graph, body=zoom)
    dom = _browse(page, tmp_path, "--dump-dom")
    before, after = float(_attr(dom, "body", "data-scale-before")), float(_attr(dom, "body", "data-graph-scale"))
    assert before == pytest.approx(1.0) and after == pytest.approx(1 / 1.4 ** 2, rel=1e-2)
    sections = _variant(paper_page, "sections.html", head=only_graph,
                        body=_click('#graph-sections button:last-child'))
    dom = _browse(sections, tmp_path, "--dump-dom")
    assert dom.count('<g class="cluster"') >= 4 and '<div class="graph-tools">' in dom
    view = re.search(r'<svg id="graph-svg"[^>]*viewBox="([^"]+)"', dom).group(1).split()
    assert float(view[1]) > 500                                # moved down to the last section's box
    _browse(_variant(paper_page, "graph.html", head=only_graph), tmp_path,
            f"--screenshot={screenshot_dir / 'graph.png'}", "--window-size=1400,1000")
    node = "lemma:4.1"
    page = _variant(paper_page, "click-node.html", head=only_graph,
                    body=_click(f'.graph-node[data-node="{node}"]'))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-opened") == node
    assert re.search(rf'<aside id="node-panel" data-node="{re.escape(node)}"', dom)   # shown, not hidden
    assert 'class="katex"' in dom[dom.index('id="node-panel"'):]
    _browse(page, tmp_path, f"--screenshot={screenshot_dir / 'node.png'}", "--window-size=1400,1000")
    assert (screenshot_dir / "node.png").stat().st_size > 10_000


def test_hash_opens_the_node_details(report_page, tmp_path):
    dom = _browse(report_page, tmp_path, "--dump-dom", fragment="#node-lemma:2.2")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-opened") == "lemma:2.2"
    opened = re.findall(r'<details class="node[^"]*" id="([^"]+)"[^>]*\bopen\b', dom)
    assert opened == ["node-lemma:2.2"]
    assert re.search(r'<a href="#node-lemma:2.2" class="graph-node selected"', dom)


def test_clicking_a_graph_node_opens_its_details(report_page, tmp_path):
    page = _variant(report_page, "click.html", body=_click('.graph-node[data-node="theorem:3.1"]'))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-opened") == "theorem:3.1"
    assert re.findall(r'<details class="node[^"]*" id="([^"]+)"[^>]*\bopen\b', dom) == ["node-theorem:3.1"]


def test_error_collector_reports_script_errors(report_page, tmp_path):
    """Control: the zero error count above is measured, not assumed."""
    page = _variant(report_page, "broken.html", body="<script>noSuchFunction();</script>")
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "1"
    assert "noSuchFunction is not defined" in dom


def test_screenshot_shows_the_coloured_graph(report_page, tmp_path):
    from PIL import Image

    from proofs.report.data import STATUS_COLOURS

    shot = tmp_path / "shot.png"
    page = _variant(report_page, "graph-only.html",   # hide all but the graph: colours must come from it
                    head="<style>body > *:not(#graph), #graph > p { display: none !important; }</style>")
    _browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,1400")
    image = Image.open(shot).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    for status in ("proved", "assumed", "refuted"):   # node fills of the graph, as painted
        assert rgb(STATUS_COLOURS[status]) in colours, status
