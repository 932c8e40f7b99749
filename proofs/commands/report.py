"""Write the reports of a checked run: report.md, a self-contained report.html, a LaTeX appendix.

Reads DIR/run.json (written by `check --out DIR`) and the certificates in
DIR/certificates/ when present; writes into DIR. Exit 0 when written, 2 when DIR
holds no readable run.
"""
from __future__ import annotations

import argparse

FORMAT_CHOICES = ("md", "html", "tex", "all")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", nargs="?", default=".", metavar="DIR",
                   help="run directory written by `check --out DIR` (default: current directory)")
    p.add_argument("--format", choices=FORMAT_CHOICES, action="append", dest="formats",
                   help="report to write; repeatable (default: md and html; all = md, html and tex)")


def run(args: argparse.Namespace) -> int:
    from proofs.report import DEFAULT_FORMATS, FORMATS, write_reports

    chosen = args.formats or list(DEFAULT_FORMATS)
    formats = FORMATS if "all" in chosen else tuple(dict.fromkeys(chosen))
    for path in write_reports(args.directory, formats):
        if path.name.startswith("report."):
            print(f"wrote {path}")
    return 0
