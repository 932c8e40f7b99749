"""What check spends besides the backends' own work, and Z3 through check against z3 on the exported files.

    python benchmarks/bench_overhead.py [DEV] [--jobs 2] [--from DIR | --keep DIR] [--json overhead.json]

1. A cold ``check DEV --out OUT --no-cache --jobs J`` (or, with ``--from DIR``, the run already in DIR): the
   wall time and the CPU time of the whole process tree (``getrusage(RUSAGE_CHILDREN)`` of a wrapper around
   that one run), against the sum of the raw backend times run.json records per obligation (each measured
   inside its worker, around the backend's own work). The overhead is ``(CPU - sum) / sum``: everything the
   checker does besides the backends (loading and building the development, forks, the kernel's re-checks,
   certificates, reports, plots), as a fraction of what the backends did.
2. Every Z3 obligation's two exported SMT-LIB texts (its hypotheses, for the vacuity check, and its negated
   claim) are written to files and run by the ``z3`` binary, one process per file, one after another. The
   sum of those times is set against the sum of the same obligations' backend times in check (translation,
   Z3's staged strategies, the vacuity query and reading the model included), and z3's answers against the
   recorded verdicts.

Both figures come from one run of this script; the load average is printed beside them.
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

WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": proc.returncode, "wall": wall, "cpu": use.ru_utime + use.ru_stime,
                  "stderr": proc.stderr[-2000:]}))
"""

Z3_SECONDS = 120          # per file; the check's own limit for an obligation is 120 s too


def load() -> str:
    return "-".join(f"{x:.2f}" for x in os.getloadavg()[:1])


def cold_check(dev: list[str], out: Path, jobs: int) -> dict:
    command = [sys.executable, "-m", "proofs", "check", *dev, "--out", str(out), "--no-cache", "--jobs", str(jobs),
               "--quiet"]
    proc = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    measured = json.loads(proc.stdout)
    if measured["code"] not in (0, 1, 3):
        raise SystemExit(f"check failed (exit {measured['code']}):\n{measured['stderr']}")
    return measured


def backend_seconds(run: dict) -> dict[str, float]:
    sums: dict[str, float] = {}
    for node in run["nodes"]:
        for ob in node["obligations"]:
            if not ob.get("cached"):
                sums[ob["backend"]] = sums.get(ob["backend"], 0.0) + float(ob.get("seconds") or 0)
    return sums


def z3_on_files(out: Path, z3: str, work: Path) -> dict:
    """Each recorded Z3 query run by the z3 binary: total wall time, its seconds per obligation, agreement."""
    total, in_check, files, agree, differ = 0.0, 0.0, 0, 0, []
    seconds = {(n["id"], o["name"]): float(o.get("seconds") or 0) for n in json.loads(
        (out / "run.json").read_text())["nodes"] for o in n["obligations"]}
    for path in sorted((out / "certificates").glob("*.json")):
        cert = json.loads(path.read_text())
        for ob in cert["obligations"]:
            record = ob.get("record") or {}
            if ob["backend"] != "z3" or not isinstance(record.get("smtlib"), str):
                continue
            in_check += seconds.get((cert["node"], ob["name"]), 0.0)
            expected = {"proved": "unsat", "refuted": "sat", "vacuous": None}.get(ob["verdict"])
            for part in ("smtlib_hypotheses", "smtlib"):
                text = record.get(part)
                if not isinstance(text, str):
                    continue
                file = work / f"q{files}.smt2"
                file.write_text(text)
                files += 1
                started = time.perf_counter()
                answer = subprocess.run([z3, f"-T:{Z3_SECONDS}", str(file)], capture_output=True,
                                        text=True).stdout.strip().splitlines()
                total += time.perf_counter() - started
                got = answer[-1] if answer else "no answer"
                want = "sat" if part == "smtlib_hypotheses" and ob["verdict"] != "vacuous" else expected
                if want is None or got == want:
                    agree += 1
                else:
                    differ.append(f"{cert['node']}/{ob['name']} {part}: z3 says {got}, the record {want}")
    return {"files": files, "z3_binary_s": round(total, 2), "z3_in_check_s": round(in_check, 2),
            "agree": agree, "differ": differ}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", help="development (default: the paper)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--from", dest="source", help="a check --out directory to read instead of a new run")
    parser.add_argument("--json", default="overhead.json")
    parser.add_argument("--keep", metavar="DIR", help="keep the cold run's output in DIR (for verify, say)")
    args = parser.parse_args()
    z3 = shutil.which("z3") or str(Path(sys.executable).with_name("z3"))
    with tempfile.TemporaryDirectory(prefix="proofs-overhead-") as tmp:
        work = Path(tmp)
        rows: dict = {"load_before": load()}
        if args.source:
            out = Path(args.source)
        else:
            out = Path(args.keep) if args.keep else work / "out"
            measured = cold_check([args.dev] if args.dev else [], out, args.jobs)
            rows.update(check_wall_s=round(measured["wall"], 2), check_cpu_s=round(measured["cpu"], 2))
        run = json.loads((out / "run.json").read_text())
        sums = backend_seconds(run)
        backends = sum(sums.values())
        rows.update(backend_s={k: round(v, 2) for k, v in sorted(sums.items())}, backends_total_s=round(backends, 2),
                    kernel_wall_s=run.get("kernel_seconds"), jobs=args.jobs)
        if "check_cpu_s" in rows:
            rows["overhead_cpu_fraction"] = round((rows["check_cpu_s"] - backends) / backends, 3)
            rows["overhead_wall_fraction"] = round((rows["check_wall_s"] - backends / args.jobs)
                                                   / (backends / args.jobs), 3)
        rows["load_after_check"] = load()
        rows["z3"] = z3_on_files(out, z3, work)
        rows["load_after"] = load()
    for key, value in rows.items():
        print(f"{key:24s} {value}")
    z = rows["z3"]
    if z["z3_binary_s"]:
        print(f"Z3 queries: {z['z3_in_check_s']} s through check, {z['z3_binary_s']} s by the z3 binary on the "
              f"{z['files']} exported files ({z['z3_in_check_s'] / z['z3_binary_s']:.2f}x); {z['agree']} answers "
              f"agree with the records, {len(z['differ'])} differ")
    Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
