"""The edit loop: cold, warm and incremental `check` runs, local and Dask, --jobs 1 and 2.

    python benchmarks/bench_edit_loop.py                      # the paper (a few minutes per cold run)
    python benchmarks/bench_edit_loop.py --synthetic 300      # a synthetic development of 300 nodes
    python benchmarks/bench_edit_loop.py --configs local:2:cold,warm,incremental dask:2:cold,warm

Each configuration ``EXECUTOR:JOBS:STAGES`` starts from an empty cache of its own and runs, one after
another, ``python -m proofs check DEV --out OUT --cache CACHE --jobs JOBS --executor EXECUTOR --json``:

- ``cold``: nothing cached;
- ``warm``: the same again, nothing changed;
- ``incremental``: one node's obligations edited in a copy of the development. For the paper, the copy is
  a file that loads the paper's development and adds one SymPy obligation to ``lemma:4.1`` (which other
  nodes depend on); for a synthetic development, node 1's obligation (an identity) gets another constant;
- ``only``: the loop of an author working on one node, ``--only NODE`` after a full run (``--only-node``,
  default ``lemma:5.10`` for the paper, the last node of a synthetic development): the node and what it
  depends on, all cached.

Reported per run: wall time (the whole process, reports included), the ratio to that configuration's cold
run, how many obligations were discharged, how many taken from the cache (run.json ``cached``) and how many
are formulas a cited node states (backend ``stated``: nothing runs), the
kernel's re-checks and the re-checks it remembered, and the load average before and after. Figures are
comparable within one run of this script only.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

PAPER = '''from developments.paper import DEVELOPMENT  # noqa: F401  (the paper's development, unchanged)
'''
PAPER_EDIT = PAPER + '''
import sympy as sp

from proofs import Identity, Obligation

_t = sp.Symbol("t", real=True)


@DEVELOPMENT.also("lemma:4.1")
def _edited():
    yield Obligation("edit-loop", Identity((_t + 1) ** 2, _t**2 + 2 * _t + 1), dims=(1,))
'''
DEFAULT_CONFIGS = ["local:2:cold,warm,incremental,only", "local:1:cold", "dask:2:cold,warm,incremental"]


def load() -> float:
    return round(os.getloadavg()[0], 2)


def check(dev: Path, out: Path, cache: Path, jobs: int, executor: str, summary: Path, *extra: str) -> dict:
    command = [sys.executable, "-m", "proofs", "check", str(dev), "--out", str(out), "--cache", str(cache),
               "--jobs", str(jobs), "--executor", executor, "--quiet", "--json", str(summary), *extra]
    before = load()
    began = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - began
    if not summary.exists():
        raise SystemExit(f"check failed (exit {proc.returncode}): {proc.stderr[-3000:]}")
    run = json.loads(summary.read_text())
    obligations = [o for n in run["nodes"] for o in n["obligations"]]
    stated = sum(1 for o in obligations if o.get("backend") == "stated")   # a cited formula: nothing to run
    cached = sum(1 for o in obligations if o.get("cached"))
    return {"wall_s": round(wall, 2), "exit_code": proc.returncode, "check_s": run.get("seconds"),
            "obligations": len(obligations), "discharged": len(obligations) - cached - stated, "cached": cached,
            "stated": stated,
            "kernel_s": run.get("kernel_seconds"), "kernel_rechecks": run.get("kernel_rechecks"),
            "kernel_remembered": run.get("kernel_remembered"), "load_before": before, "load_after": load(),
            "statuses": _tally(n["status"] for n in run["nodes"])}


def _statuses(tally: dict) -> str:
    """``58 proved, 38 assumed, ...`` in a fixed order, so that two runs compare at a glance."""
    order = ["proved", "assumed", "refuted", "unknown", "failed", "blocked"]
    return ", ".join(f"{tally[s]} {s}" for s in [*order, *sorted(set(tally) - set(order))] if tally.get(s))


def _tally(values) -> dict:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, metavar="N", help="a synthetic development of N nodes")
    parser.add_argument("--configs", nargs="+", default=DEFAULT_CONFIGS, metavar="E:J:STAGES")
    parser.add_argument("--json", default="edit_loop.json", help="where the figures go (default edit_loop.json)")
    parser.add_argument("--only-node", help="the node of the ``only`` stage (default: lemma:5.10, or the last "
                                            "node of a synthetic development)")
    args = parser.parse_args()
    results = {"development": f"synthetic {args.synthetic}" if args.synthetic else "paper",
               "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}, "runs": []}
    with tempfile.TemporaryDirectory(prefix="proofs-edit-loop-") as tmp:
        work = Path(tmp)
        for config in args.configs:
            executor, jobs, stages = config.split(":")
            where = work / config.replace(":", "-").replace(",", "+")
            where.mkdir()
            dev, edited = where / "dev.py", where / "edited" / "dev.py"
            edited.parent.mkdir()
            if args.synthetic:
                synthetic.write(args.synthetic, dev)
                shutil.copy(dev, edited)
                synthetic.edit_node(edited, 1)
            else:
                dev.write_text(PAPER)
                edited.write_text(PAPER_EDIT)
            cold = None
            for i, stage in enumerate(stages.split(",")):
                source = edited if stage == "incremental" else dev
                row = {"config": config, "executor": executor, "jobs": int(jobs), "stage": stage}
                only = ["--only", args.only_node or (f"n{args.synthetic - 1}" if args.synthetic else
                                                     "lemma:5.10")] if stage == "only" else []
                row.update(check(source, where / "out", where / "cache", int(jobs), executor,
                                 where / f"run-{i}.json", *only))
                if stage == "cold":
                    cold = row["wall_s"]
                row["of_cold"] = round(row["wall_s"] / cold, 3) if cold else None
                results["runs"].append(row)
                print(f"{executor} --jobs {jobs} {stage}: {row['wall_s']} s, {row['discharged']} discharged, "
                      f"{row['cached']} cached, load {row['load_before']}-{row['load_after']}", flush=True)
    Path(args.json).write_text(json.dumps(results, indent=2))
    runs = results["runs"]
    print()
    print(f"edit loop of the {results['development']} ({os.cpu_count()} CPUs)")
    print("| executor | jobs | run | wall s | of cold | discharged | cached | kernel re-checks (remembered) | "
          "statuses | load avg |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(f"| {r['executor']} | {r['jobs']} | {r['stage']} | {r['wall_s']} | {r['of_cold']} | "
              f"{r['discharged']} | {r['cached']} | {r['kernel_rechecks']} ({r['kernel_remembered']}) | "
              f"{_statuses(r['statuses'])} | {r['load_before']}-{r['load_after']} |")
    differ = sorted({_statuses(r["statuses"]) for r in runs if r["stage"] not in ("incremental", "only")})
    print("statuses: the same in every cold and warm run" if len(differ) <= 1
          else f"statuses DIFFER between runs: {', '.join(differ)}")
    cold = {(r["executor"], r["jobs"]): r["wall_s"] for r in runs if r["stage"] == "cold"}
    if ("local", 1) in cold and ("local", 2) in cold:
        print(f"--jobs 2 vs --jobs 1 (cold, local): {cold[('local', 1)] / cold[('local', 2)]:.2f}x faster")
    if ("local", 2) in cold and ("dask", 2) in cold:
        print(f"dask vs local (cold, --jobs 2): {cold[('dask', 2)] / cold[('local', 2)]:.2f}x the time")
    print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
