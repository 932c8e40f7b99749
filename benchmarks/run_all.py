"""Every benchmark in one run: one table of the figures the targets are about, and the JSON behind it.

    pip install '.[test]'                        # dask and cvc5 are among the test extras
    python benchmarks/run_all.py [--out DIR] [--sizes 1000 10000]

Runs one after another, each in processes of its own (about 25 minutes on 2 cores):

1. ``bench_edit_loop.py`` on the paper: local ``--jobs 2`` cold, warm and incremental; local ``--jobs 1``
   cold; Dask (a local cluster) ``--jobs 2`` cold;
2. ``bench_kernel.py --jobs 2``: what the kernel's judgement adds to a cold check, against a kernel-free
   run of the engine (the backends discharging for real, nothing judged);
3. ``bench_overhead.py``: a cold check of its own (its output kept), the checker's overhead against the raw
   backend times, and the Z3 queries through check against the z3 binary on the exported files;
4. ``verify`` of that output, with cvc5 and without;
5. ``bench_lemma41.py``: the numeric backend against a SciPy baseline at equal accuracy;
6. ``bench_scale.py --sizes ...``: synthetic developments (time and peak memory per node).

Writes DIR/edit_loop.json, kernel.json, overhead.json, lemma41.json, scale.json and summary.json (default
``benchmarks-out``). Every ratio is of two figures measured in this run; the load average is recorded beside
each, and figures taken at different loads do not compare.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def load() -> float:
    return round(os.getloadavg()[0], 2)


def step(title: str, command: list[str]) -> None:
    print(f"== {title}: {' '.join(command)}", flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def timed(command: list[str]) -> dict:
    before, began = load(), time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return {"seconds": round(time.perf_counter() - began, 2), "exit_code": proc.returncode,
            "load": f"{before}-{load()}", "last_line": (proc.stdout.strip().splitlines() or [""])[-1][:200]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="benchmarks-out", help="where the JSON goes (default benchmarks-out)")
    parser.add_argument("--sizes", nargs="+", default=["1000", "10000"], help="synthetic sizes (bench_scale)")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    step("edit loop", [py, str(HERE / "bench_edit_loop.py"), "--json", str(out / "edit_loop.json"), "--configs",
                       "local:2:cold,warm,incremental", "local:1:cold", "dask:2:cold"])
    step("kernel", [py, str(HERE / "bench_kernel.py"), "--jobs", "2", "--json", str(out / "kernel.json")])
    kept = out / "paper-run"
    step("overhead", [py, str(HERE / "bench_overhead.py"), "--keep", str(kept), "--json", str(out / "overhead.json")])
    verify = {"cvc5": timed([py, "-m", "proofs", "verify", str(kept)]),
              "no_cvc5": timed([py, "-m", "proofs", "verify", str(kept), "--no-cvc5"])}
    step("numeric backend", [py, str(HERE / "bench_lemma41.py"), "--json", str(out / "lemma41.json")])
    step("scale", [py, str(HERE / "bench_scale.py"), "--sizes", *args.sizes, "--fork-cost", "0",
                   "--json", str(out / "scale.json")])
    summary = summarise(out, verify)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print()
    print(f"| what | measured | target | load avg |   ({os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')})")
    print("|---|---|---|---|")
    for row in summary["rows"]:
        print(f"| {row['what']} | {row['measured']} | {row['target']} | {row['load']} |")
    print(f"JSON: {out / 'summary.json'}")


def summarise(out: Path, verify: dict) -> dict:
    edit = json.loads((out / "edit_loop.json").read_text())["runs"]
    runs = {(r["executor"], r["jobs"], r["stage"]): r for r in edit}
    overhead = json.loads((out / "overhead.json").read_text())
    kernel = json.loads((out / "kernel.json").read_text())
    lemma = json.loads((out / "lemma41.json").read_text())
    scale = json.loads((out / "scale.json").read_text())["sizes"]
    cold, warm = runs[("local", 2, "cold")], runs[("local", 2, "warm")]
    incremental, one = runs[("local", 2, "incremental")], runs[("local", 1, "cold")]
    dask = runs[("dask", 2, "cold")]
    z3 = overhead["z3"]
    rows = [
        {"what": "cold check of the paper (local, --jobs 2)", "measured": f"{cold['wall_s']} s", "target": "<= 20 s",
         "load": f"{cold['load_before']}-{cold['load_after']}"},
        {"what": "warm re-check (nothing changed)",
         "measured": f"{warm['wall_s']} s = {100 * warm['wall_s'] / cold['wall_s']:.1f} % of cold, "
                     f"{warm['discharged']} discharged", "target": "<= 5 %",
         "load": f"{warm['load_before']}-{warm['load_after']}"},
        {"what": "incremental (one obligation added to lemma:4.1)",
         "measured": f"{incremental['wall_s']} s, {incremental['discharged']} discharged, "
                     f"{incremental['kernel_rechecks']} re-checked", "target": "only the edited cone",
         "load": f"{incremental['load_before']}-{incremental['load_after']}"},
        {"what": "--jobs 2 against --jobs 1 (cold)", "measured": f"{one['wall_s'] / cold['wall_s']:.2f}x faster",
         "target": ">= 1.7x", "load": f"{one['load_before']}-{one['load_after']}"},
        {"what": "Dask local cluster against the local pool (cold)",
         "measured": f"{dask['wall_s'] / cold['wall_s']:.2f}x the time; statuses "
                     f"{'the same' if dask['statuses'] == cold['statuses'] else 'DIFFER'}", "target": "same statuses",
         "load": f"{dask['load_before']}-{dask['load_after']}"},
        {"what": "what the kernel adds to a cold check (against a kernel-free run of the engine)",
         "measured": f"{100 * kernel['added_over_kernel_free']:.0f} % (check {kernel['check_run_s']} s, kernel "
                     f"{kernel['kernel_s']} s, kernel-free {kernel['kernel_free_run_s']} s)",
         "target": "<= 25 %", "load": kernel.get("load", "-")},
        {"what": "verify of a cold run's output, with cvc5", "measured": f"{verify['cvc5']['seconds']} s "
         f"(exit {verify['cvc5']['exit_code']}); without cvc5 {verify['no_cvc5']['seconds']} s",
         "target": "<= 30 s", "load": verify["cvc5"]["load"]},
        {"what": "CPU besides the backends' own, over the backends' (cold check)",
         "measured": f"{overhead.get('overhead_cpu_fraction')} (backends {overhead['backends_total_s']} s, "
                     f"check CPU {overhead.get('check_cpu_s')} s)", "target": "-",
         "load": overhead["load_before"]},
        {"what": "Z3 queries: through check against the z3 binary on the exported files",
         "measured": f"{z3['z3_in_check_s']} s vs {z3['z3_binary_s']} s ({z3['files']} files, "
                     f"{len(z3['differ'])} answers differ)", "target": "-", "load": overhead["load_after_check"]},
        {"what": "numeric backend against the SciPy baseline (Lemma 4.1, equal accuracy)",
         "measured": f"{lemma['speed_ratio']:.0f}x faster", "target": "-", "load": "-"},
    ]
    for a, b in zip(scale, scale[1:]):
        rows.append({"what": f"synthetic {a['nodes']} -> {b['nodes']} nodes (cold, --no-out)",
                     "measured": f"{b['wall_s'] / a['wall_s']:.2f}x the time, {a['ms_per_node']} -> "
                                 f"{b['ms_per_node']} ms per node, peak {a['peak_rss_mb']} -> {b['peak_rss_mb']} MB",
                     "target": "<= 12x for 10x",
                     "load": f"{a['load_before']}-{a['load_after']} / {b['load_before']}-{b['load_after']}"})
    return {"rows": rows, "verify": verify}


if __name__ == "__main__":
    main()
