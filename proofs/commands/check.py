"""Check a development: discharge every obligation in topological order.

Prints a progress display while it runs and a table of nodes at the end;
``--json`` writes the machine-readable run summary. Exit 0 when every node is
proved, assumed or corroborated (a refuted printed node only when its
``.corrected`` node is proved); 1 when something is wrong (a refutation or
failure, a record the kernel rejects); 3 when the run is incomplete (unknown
answers, time-outs, unjustified hypotheses, an open correction; nothing wrong
found); 2 for input errors.
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from certificates.arguments import job_count, positive_seconds

from ..checker import DEFAULT_SEED, DEFAULT_TIMEOUT, check
from ..development import DEFAULT_HELP, load_development
from ..display import ProgressDisplay, print_table
from ..errors import ProofsError
from ..summary import json_target, run_summary, write_json


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("development", nargs="?", default=None, help=DEFAULT_HELP)
    p.add_argument("--out", metavar="DIR", default=os.environ.get("PROOFS_OUT") or None,
                   help="write certificates, manifest, run.json and reports into DIR (default: $PROOFS_OUT; "
                        "else proofs-out for the registered development, and NAME.proofs-out beside a "
                        "development given as a file or directory)")
    p.add_argument("--no-out", dest="out", action="store_const", const="",
                   help="write no certificates or reports")
    p.add_argument("--json", metavar="FILE", type=json_target,
                   help="write the run summary as JSON to FILE (- for stdout)")
    p.add_argument("--junit", metavar="FILE", help="write JUnit XML (one testcase per node) to FILE")
    p.add_argument("--only", metavar="ID", help="check this node and what it depends on")
    p.add_argument("--timeout", type=positive_seconds, default=DEFAULT_TIMEOUT, metavar="S",
                   help=f"time limit per obligation in seconds (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="base seed of every random choice")
    p.add_argument("--profile", choices=("quick", "thorough"), default="quick",
                   help="numeric grids and sample counts (default quick)")
    p.add_argument("--jobs", type=job_count, default=None, metavar="N",
                   help="obligations run at once (default: number of CPUs; 0 = in-process, no time limit)")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    p.add_argument("--no-cache", action="store_true", help="recompute every obligation")
    p.add_argument("--cache", metavar="DIR", default=None,
                   help="where finished results are kept (default: $PROOFS_CACHE, else $XDG_CACHE_HOME/proofs, "
                        "else ~/.cache/proofs); shared safely by runs at once, re-checked by the kernel on use")
    p.add_argument("--executor", default="local", metavar="E",
                   help="where obligations and re-checks run: local (default), dask (a local Dask cluster) "
                        "or dask://HOST:PORT (an existing scheduler; needs pip install '.[dask]')")


def default_out(development: str | None) -> str:
    """proofs-out for the registered development; ``NAME.proofs-out`` beside one given as a path, so checking
    your own development never replaces the paper's results."""
    if development and (development.endswith(".py") or Path(development).is_dir()):
        path = Path(development).resolve()
        return str(path.parent / f"{path.stem if path.suffix == '.py' else path.name}.proofs-out")
    return "proofs-out"


def run(args: argparse.Namespace) -> int:
    dev = load_development(args.development)
    if args.out is None:
        args.out = default_out(args.development)
    display = ProgressDisplay(quiet=args.quiet or args.json == "-")
    cache = None
    if not args.no_cache:
        from proofs.cache import ObligationCache, default_cache_dir
        cache = ObligationCache(Path(args.cache) if args.cache else default_cache_dir())
    try:
        result = check(dev, only=args.only, timeout=args.timeout, seed=args.seed, profile=args.profile,
                       jobs=args.jobs, progress=display, cache=cache, executor=args.executor)
    finally:
        display.close()
    certificates: dict[str, str] = {}
    if args.out:
        certificates = write_outputs(result, args.out)
    if args.json:
        write_json(run_summary(result, certificates), args.json)
    if args.junit:
        from ..junit import write_junit
        write_junit(run_summary(result, certificates), args.junit, expect={n.id: n.expect for n in dev})
    if args.json != "-":
        print_table(result)
        if args.out:
            print(f"{len(certificates)} certificates, manifest.json, run.json and reports in {args.out}/\n"
                  f"  open {Path(args.out) / 'report.html'}\n"
                  f"  re-check: python -m proofs verify {args.out}")
    return result.exit_code


def write_outputs(result, out: str) -> dict[str, str]:
    """Certificates and reports for ``--out``; returns node id -> certificate path."""
    try:
        from proofs.writer import write_certificates
    except ImportError as exc:  # pragma: no cover - shipped with the package
        raise ProofsError(f"certificate writer unavailable: {exc}") from None
    paths = write_certificates(result, out)
    from proofs.report import write_reports
    write_reports(out)
    return paths
