"""The HTML report in a real headless browser (Debian's chromium): no JS errors, graph visible,
node details open from the URL hash and from a click on the graph."""
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
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                "(`apt-get install chromium`; .ci/run installs it): no headless browser to test in")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--virtual-time-budget=3000"]


def _browse(page: Path, tmp_path: Path, *extra: str, fragment: str = "") -> str:
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri() + fragment],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _attr(dom: str, tag: str, name: str) -> str | None:
    m = re.search(rf"<{tag}\b[^>]*\b{name}=\"([^\"]*)\"", dom)
    return m.group(1) if m else None


@pytest.fixture
def report_page(run_dir) -> Path:
    write_reports(run_dir, ("html",))
    return run_dir / "report.html"


def test_page_loads_without_errors_and_graph_is_visible(report_page, tmp_path):
    dom = _browse(report_page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-ready") == "1"          # the report's script ran to its end
    width, height = map(int, _attr(dom, "body", "data-graph-size").split("x"))
    assert width > 100 and height > 100                     # laid out by the browser, not just present
    assert '<ul id="js-errors"></ul>' in dom
    assert not re.search(r'<details class="node[^"]*"[^>]*\bopen\b', dom)   # closed until asked


def test_hash_opens_the_node_details(report_page, tmp_path):
    dom = _browse(report_page, tmp_path, "--dump-dom", fragment="#node-lemma:2.2")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-opened") == "lemma:2.2"
    opened = re.findall(r'<details class="node[^"]*" id="([^"]+)"[^>]*\bopen\b', dom)
    assert opened == ["node-lemma:2.2"]
    assert re.search(r'<a href="#node-lemma:2.2" class="graph-node selected"', dom)


def test_clicking_a_graph_node_opens_its_details(report_page, tmp_path):
    click = ('<script>document.querySelector(\'.graph-node[data-node="theorem:3.1"]\').dispatchEvent('
             'new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));</script></body>')
    page = report_page.with_name("click.html")
    page.write_text(report_page.read_text().replace("</body>", click))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "0"
    assert _attr(dom, "body", "data-opened") == "theorem:3.1"
    assert re.findall(r'<details class="node[^"]*" id="([^"]+)"[^>]*\bopen\b', dom) == ["node-theorem:3.1"]


def test_error_collector_reports_script_errors(report_page, tmp_path):
    """Control: the zero error count above is measured, not assumed."""
    page = report_page.with_name("broken.html")
    page.write_text(report_page.read_text().replace("</body>", "<script>noSuchFunction();</script></body>"))
    dom = _browse(page, tmp_path, "--dump-dom")
    assert _attr(dom, "html", "data-js-errors") == "1"
    assert "noSuchFunction is not defined" in dom


def test_screenshot_shows_the_coloured_graph(report_page, tmp_path):
    from PIL import Image

    from proofs.report.data import STATUS_COLOURS

    shot = tmp_path / "shot.png"
    page = report_page.with_name("graph-only.html")   # hide all but the graph: colours must come from it
    page.write_text(report_page.read_text().replace(
        "</head>", "<style>body > *:not(#graph), #graph > p { display: none !important; }</style></head>"))
    _browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,1400")
    image = Image.open(shot).convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    for status in ("proved", "assumed", "refuted"):   # node fills of the graph, as painted
        assert rgb(STATUS_COLOURS[status]) in colours, status
