"""Benchmark: what the kernel's judgement adds to a cold ``check`` of the paper, measured in one run.

A cold ``python -m proofs check --out DIR --no-cache`` reports in its run.json the whole run's seconds and
the kernel's (``kernel_seconds``: writing the records, starting ``python -m certificates.judge`` in a fresh
interpreter, every re-check in parallel, the statuses). The ratio kernel / (run - kernel) is the cost of
deciding by the kernel; the target is at most 25 %. ``verify --no-cvc5`` on the same output is timed too:
it re-checks the same records from the files, so its time bounds the kernel's from above.

    python benchmarks/bench_kernel.py [--jobs N] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory(prefix="bench-kernel-") as tmp:
        out = Path(tmp) / "out"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "proofs", "check", "--out", str(out), "--no-cache", "--quiet",
                        *jobs], cwd=ROOT, check=False, capture_output=True)
        wall = time.perf_counter() - started
        run = json.loads((out / "run.json").read_text())
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "proofs", "verify", str(out), "--no-cvc5", *jobs], cwd=ROOT,
                       check=False, capture_output=True)
        verify = time.perf_counter() - started
    kernel, total = run["kernel_seconds"], run["seconds"]
    rows = {"check_wall_s": round(wall, 2), "check_run_s": total, "kernel_s": kernel,
            "kernel_over_rest": round(kernel / max(total - kernel, 1e-9), 3), "verify_no_cvc5_s": round(verify, 2),
            "nodes": len(run["nodes"]), "obligations": sum(len(n["obligations"]) for n in run["nodes"])}
    for key, value in rows.items():
        print(f"{key:18s} {value}")
    print(f"the kernel adds {100 * rows['kernel_over_rest']:.0f} % to the rest of a cold check (target <= 25 %)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
