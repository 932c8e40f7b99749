"""How check's time and memory grow with the size of a development (synthetic, benchmarks/synthetic.py).

    python benchmarks/bench_scale.py [--sizes 1000 10000] [--jobs 2] [--json scale.json]

For each size N, a synthetic development of N nodes is written and checked cold in a process of its own
(``python -m proofs check FILE --no-out --no-cache --jobs J --quiet --json -``): wall time, time per node,
the kernel's share (run.json ``kernel_seconds``), and the peak resident memory of the largest process of
the run (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper around that one run: the engine, the
kernel's interpreter or a pool child, whichever was largest).

``--fork-cost N`` (default 300; 0 to skip) measures, on one synthetic development of N nodes, what one
forked child per task costs: the kernel's re-checks of that run judged by the pool (``jobs`` children at
once, one per re-check, as check does) and one after another in a single process. The ratio is what
batching cheap tasks into one child could win at most.

Every figure is measured in this run, one after another, with the load average printed beside it: compare
within one run only.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": proc.returncode, "wall": wall, "peak_kb": peak, "stdout": proc.stdout,
                  "stderr": proc.stderr[-2000:]}))
"""

SPY = """
import json, shutil, sys, time
import proofs.kernel as kernel
from proofs.cache import ObligationCache
from proofs.checker import check
from proofs.development import load_development
seen = {}
original = kernel._run_judge
def spy(request, answer, hook):
    shutil.copy(request, sys.argv[2])
    return original(request, answer, hook)
kernel._run_judge = spy
check(load_development(sys.argv[1]), jobs=int(sys.argv[3]), cache=None)
"""

JUDGE = """
import json, sys, time
import certificates.judge as judge
import certificates.pool as pool
request = json.load(open(sys.argv[1]))
def one_process(tasks, *, jobs, seconds, memory_mb=None, codec=None, on_start=None, on_done=None,
                stdout_to_stderr=False):
    out = {}
    for key, fn, args in tasks:
        began = time.perf_counter()
        out[key] = pool.Answer("done", value=json.loads(json.dumps(fn(*args))), seconds=time.perf_counter() - began)
    return out
if sys.argv[2] == "one-process":
    judge.executor_named = lambda spec: one_process
began = time.perf_counter()
result = judge.judge(request["nodes"], jobs=int(sys.argv[3]), timeout=120)
statuses = {n: v["status"] for n, v in result["nodes"].items()}
print(json.dumps({"seconds": time.perf_counter() - began, "rechecks": result["rechecks"], "statuses": statuses}))
"""


def load() -> float:
    return os.getloadavg()[0]


def check_once(path: Path, jobs: int, cache: Path) -> dict:
    env = dict(os.environ, PROOFS_CACHE=str(cache))
    command = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "proofs", "check", str(path), "--no-out",
               "--no-cache", "--jobs", str(jobs), "--quiet", "--json", "-"]
    before = load()
    done = json.loads(subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env,
                                     check=True).stdout)
    run = json.loads(done["stdout"]) if done["stdout"].strip() else {}
    if not run:
        raise SystemExit(f"check of {path} failed (exit {done['code']}): {done['stderr']}")
    statuses: dict[str, int] = {}
    for node in run["nodes"]:
        statuses[node["status"]] = statuses.get(node["status"], 0) + 1
    return {"wall_s": round(done["wall"], 2), "exit_code": done["code"], "kernel_s": run.get("kernel_seconds"),
            "rechecks": run.get("kernel_rechecks"), "peak_rss_mb": round(done["peak_kb"] / 1024, 1),
            "statuses": statuses, "load_before": round(before, 2), "load_after": round(load(), 2)}


def fork_cost(n: int, jobs: int, work: Path) -> dict:
    path = synthetic.write(n, work / f"synthetic_fork_{n}.py")
    request = work / f"judge_{n}.json"
    subprocess.run([sys.executable, "-c", SPY, str(path), str(request), str(jobs)], cwd=ROOT, check=True,
                   capture_output=True, env=dict(os.environ, PROOFS_CACHE=str(work / "cache-fork")))
    out = {"nodes": n, "load_before": round(load(), 2)}
    for mode in ("pool", "one-process"):
        proc = subprocess.run([sys.executable, "-c", JUDGE, str(request), mode, str(jobs)], cwd=ROOT, check=True,
                              capture_output=True, text=True)
        out[mode] = json.loads(proc.stdout)
    out["same_statuses"] = out["pool"].pop("statuses") == out["one-process"].pop("statuses")
    out["ratio"] = round(out["pool"]["seconds"] / out["one-process"]["seconds"], 1)
    out["load_after"] = round(load(), 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--fork-cost", type=int, default=300, metavar="N")
    parser.add_argument("--json", default="scale.json", help="where the figures go (default scale.json)")
    args = parser.parse_args()
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "jobs": args.jobs,
                     "sizes": []}
    with tempfile.TemporaryDirectory(prefix="proofs-scale-") as tmp:
        work = Path(tmp)
        for n in args.sizes:
            began = time.perf_counter()
            path = synthetic.write(n, work / f"synthetic_{n}.py")
            row = {"nodes": n, "generate_s": round(time.perf_counter() - began, 2)}
            row.update(check_once(path, args.jobs, work / f"cache-{n}"))
            row["ms_per_node"] = round(1000 * row["wall_s"] / n, 1)
            results["sizes"].append(row)
            print(f"{n} nodes: {row['wall_s']} s ({row['ms_per_node']} ms/node), kernel {row['kernel_s']} s, "
                  f"peak {row['peak_rss_mb']} MB, load {row['load_before']}-{row['load_after']}", flush=True)
        if args.fork_cost:
            results["fork_cost"] = fork_cost(args.fork_cost, args.jobs, work)
    Path(args.json).write_text(json.dumps(results, indent=2))
    print()
    print("| nodes | wall s | ms/node | kernel s | re-checks | peak RSS MB | load avg | statuses |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results["sizes"]:
        print(f"| {r['nodes']} | {r['wall_s']} | {r['ms_per_node']} | {r['kernel_s']} | {r['rechecks']} | "
              f"{r['peak_rss_mb']} | {r['load_before']}-{r['load_after']} | {r['statuses']} |")
    rows = results["sizes"]
    for a, b in zip(rows, rows[1:]):
        print(f"{b['nodes'] / a['nodes']:g}x the nodes: {b['wall_s'] / a['wall_s']:.2f}x the time, "
              f"{b['peak_rss_mb'] / a['peak_rss_mb']:.2f}x the peak memory")
    if "fork_cost" in results:
        f = results["fork_cost"]
        print(f"kernel re-checks of {f['nodes']} synthetic nodes ({f['pool']['rechecks']}): pool of forked children "
              f"{f['pool']['seconds']:.1f} s, one process {f['one-process']['seconds']:.1f} s: {f['ratio']}x "
              f"(same statuses: {f['same_statuses']}; load {f['load_before']}-{f['load_after']})")
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
