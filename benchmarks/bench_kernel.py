"""Benchmark: what the kernel's judgement adds to a cold ``check`` of the paper, measured in one run.

A cold ``python -m proofs check --out DIR --no-cache`` reports in its run.json the whole run's seconds and
the kernel's (``kernel_seconds``: writing the records, starting ``python -m certificates.judge`` in a fresh
interpreter, every re-check in parallel, the statuses; twice when proposals were discharged again). Since
Z3 only proposes in ``check`` (the kernel's re-check solves its queries), the kernel's time is no longer what
it adds: that is the cold check's time minus a kernel-free run of the same engine (a fresh interpreter that
loads, builds and discharges every obligation for real with the same jobs, as ``check`` did before its
backends proposed, and judges nothing). The target: the kernel adds at most 25 %. ``verify --no-cvc5`` on the
same output is timed too (after the kernel-free run, which follows the check so that the two see the closest
load): it re-checks the same records from the files. Beside the wall times: the CPU time of the check's and the
kernel-free run's whole process trees (``getrusage(RUSAGE_CHILDREN)``), which another job's load changes less,
the load average before and after each command, and the statuses of the check.

    python benchmarks/bench_kernel.py [--jobs N] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kernel_free(jobs: int | None) -> float:
    """In this process: load, validate, build and discharge the paper's obligations for real, no kernel."""
    sys.path.insert(0, str(ROOT))
    from proofs import backends
    from proofs.checker import DEFAULT_SEED, DEFAULT_TIMEOUT, obligation_seed
    from proofs.development import load_development
    from proofs.graph import build_obligations, check_order, validate
    from proofs.runner import run_obligations
    from proofs.uses import resolve

    started = time.perf_counter()
    dev = load_development()
    order = check_order(validate(dev, backends.names()))
    build_obligations(dev, order, backends.names())
    resolve(dev, order)
    tasks = [(n, ob, obligation_seed(DEFAULT_SEED, n, ob.name)) for n in order
             if dev[n].kind.is_claim and dev[n].build_error is None for ob in dev[n].obligations()]
    run_obligations(tasks, timeout=DEFAULT_TIMEOUT, profile="quick", jobs=jobs or os.cpu_count() or 1,
                    hook=lambda event, data: None)
    return time.perf_counter() - started


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _cpu() -> float:
    """User and system seconds of the children this process has waited for (and of theirs)."""
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _statuses(run: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in run["nodes"]:
        counts[node["status"]] = counts.get(node["status"], 0) + 1
    return dict(sorted(counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--kernel-free", action="store_true", help=argparse.SUPPRESS)   # the child's part
    args = parser.parse_args()
    if args.kernel_free:
        print(json.dumps({"seconds": kernel_free(args.jobs)}))
        return
    jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    loads = [_load()]
    with tempfile.TemporaryDirectory(prefix="bench-kernel-") as tmp:
        out = Path(tmp) / "out"
        started, cpu = time.perf_counter(), _cpu()
        subprocess.run([sys.executable, "-m", "proofs", "check", "--out", str(out), "--no-cache", "--quiet",
                        *jobs], cwd=ROOT, check=False, capture_output=True)
        wall, check_cpu = time.perf_counter() - started, _cpu() - cpu
        run = json.loads((out / "run.json").read_text())
        loads.append(_load())
        cpu = _cpu()                        # right after the check, at the load closest to its own
        free = subprocess.run([sys.executable, __file__, "--kernel-free", *jobs], cwd=ROOT, check=True,
                              capture_output=True, text=True)
        free_cpu = _cpu() - cpu
        loads.append(_load())
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "proofs", "verify", str(out), "--no-cvc5", *jobs], cwd=ROOT,
                       check=False, capture_output=True)
        verify = time.perf_counter() - started
    loads.append(_load())
    engine = json.loads(free.stdout.strip().splitlines()[-1])["seconds"]
    kernel, total = run["kernel_seconds"], run["seconds"]
    rows = {"check_wall_s": round(wall, 2), "check_run_s": total, "kernel_s": kernel,
            "kernel_free_run_s": round(engine, 2), "added_over_kernel_free": round((total - engine) / engine, 3),
            "check_cpu_s": round(check_cpu, 2), "kernel_free_cpu_s": round(free_cpu, 2),
            "kernel_over_rest": round(kernel / max(total - kernel, 1e-9), 3),
            "discharged_again": run.get("discharged_again"), "verify_no_cvc5_s": round(verify, 2),
            "load": "-".join(str(x) for x in loads), "nodes": len(run["nodes"]),
            "obligations": sum(len(n["obligations"]) for n in run["nodes"]), "statuses": _statuses(run)}
    for key, value in rows.items():
        print(f"{key:22s} {value}")
    print(f"the kernel adds {100 * rows['added_over_kernel_free']:.0f} % to a kernel-free run of the engine "
          "(target <= 25 %)")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
