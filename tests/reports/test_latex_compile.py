"""report.tex compiles with pdflatex, with no error, inside the preamble the issue names:
``\\documentclass{article}\\usepackage{amsmath,amssymb,xcolor,tikz,graphicx,hyperref}``.

Both the synthetic run (every kind of outcome) and every statement of the paper's development
are compiled. Skipped, with the reason, where pdflatex is not installed (.ci/run installs Debian's
texlive packages where apt is available)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from proofs.report import write_reports

PDFLATEX = shutil.which("pdflatex")
pytestmark = [pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed (apt-get install "
                                 "texlive-latex-base texlive-latex-recommended texlive-latex-extra "
                                 "texlive-pictures; .ci/run installs them): the appendix cannot be compiled here"),
              pytest.mark.timeout(300)]
MAIN = (r"\documentclass{article}\usepackage{amsmath,amssymb,xcolor,tikz,graphicx,hyperref}"
        "\\begin{document}\\input{report.tex}\\end{document}\n")


def _compile(directory: Path) -> tuple[list[str], str]:
    (directory / "main.tex").write_text(MAIN)
    done = subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-no-shell-escape", "main.tex"], cwd=directory,
                          capture_output=True, text=True, timeout=240, check=False)
    log = (directory / "main.log").read_text(errors="replace") if (directory / "main.log").is_file() else ""
    errors = [line for line in log.splitlines() if line.startswith("!")]
    return errors, done.stdout[-3000:]


def test_synthetic_appendix_compiles_without_errors(run_dir):
    write_reports(run_dir, ("tex",))
    errors, out = _compile(run_dir)
    assert errors == [], out
    assert (run_dir / "main.pdf").stat().st_size > 1000


def test_every_paper_statement_compiles(paper_statements_run, tmp_path):
    target = tmp_path / "paper"
    shutil.copytree(paper_statements_run, target)
    write_reports(target, ("tex",))
    tex = (target / "report.tex").read_text()
    assert len(re.findall(r"\\paragraph\{\\texttt", tex)) > 90
    errors, out = _compile(target)
    assert errors == [], out
