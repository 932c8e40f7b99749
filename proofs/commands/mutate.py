"""Mutation testing: perturb every obligation and check that the backends refute the mutants.

Mutants (a dropped or changed factor, a flipped sign, swapped arguments or
operands, a transposed or inverted matrix, a turned or tightened inequality, a
dropped hypothesis, a changed chain step or change of variables; for a numeric
check its expectation turned round, its tolerance tightened, an instance that
disagrees) run through the same backends with the same time limits as `check`.
Refuted (a counterexample) is the only kill; a mutant that is only unknown, timed
out or made a backend fail is "not decided", counted apart. A mutant still proved
is equivalent (a backend proves it equal), ill-defined (a dropped hypothesis kept
a denominator from vanishing), redundant (a dropped hypothesis not needed) or it
survived. Exit 0 when every mutant is refuted, equivalent, ill-defined or
redundant; 1 when one survived or an obligation could not be mutated; 3 when
nothing is wrong but some mutants were not decided; 2 for input errors.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import inspect
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import cast

from rich.console import Console
from rich.table import Table

from certificates.arguments import job_count, positive_seconds

from ..checker import DEFAULT_SEED
from ..development import DEFAULT_HELP, load_development
from ..display import ProgressDisplay
from ..mutate import (
    CANNOT_MUTATE,
    DEFAULT_MAX_PER_OBLIGATION,
    DEFAULT_MUTANT_TIMEOUT,
    EQUIVALENT,
    ILL_DEFINED,
    NOT_DECIDED,
    QUICK_MAX_PER_OBLIGATION,
    REDUNDANT,
    SURVIVED,
    exit_code,
    run_mutation,
    to_json,
)
from ..summary import json_target, write_json


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("development", nargs="?", default=None, help=DEFAULT_HELP)
    p.add_argument("--only", metavar="ID", help="mutate only this node's obligations")
    p.add_argument("--json", metavar="FILE", type=json_target,
                   help="write the mutation report as JSON to FILE (- for stdout)")
    p.add_argument("--max-per-obligation", type=int, default=None, metavar="K",
                   help=f"mutants per obligation, spread over operators (default {DEFAULT_MAX_PER_OBLIGATION}, "
                        f"--quick {QUICK_MAX_PER_OBLIGATION}; 0 = all)")
    p.add_argument("--quick", action="store_true", help="fewer mutants per obligation (CI)")
    p.add_argument("--timeout", type=positive_seconds, default=DEFAULT_MUTANT_TIMEOUT, metavar="S",
                   help=f"time limit per mutant in seconds (default {DEFAULT_MUTANT_TIMEOUT:g})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the sampling and of the backends")
    p.add_argument("--jobs", type=job_count, default=None, metavar="N",
                   help="mutants run at once (default: CPUs; 0 = in this process)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.add_argument("--executor", default="local", metavar="E",
                   help="where mutants run: local (default), dask (a local Dask cluster) or dask://HOST:PORT "
                        "(an existing scheduler; needs pip install '.[dask]')")


def run(args: argparse.Namespace) -> int:
    dev = load_development(args.development)
    limit = args.max_per_obligation
    if limit is None:
        limit = QUICK_MAX_PER_OBLIGATION if args.quick else DEFAULT_MAX_PER_OBLIGATION
    quiet = args.quiet or args.json == "-"

    display = ProgressDisplay(quiet=True)
    # every finished run is appended here at once, so an interrupted or killed run loses nothing
    journal = Path(args.json + ".partial.jsonl") if args.json and args.json != "-" else None
    stage_name = ""

    def progress(event: str, data: object) -> None:
        nonlocal display, stage_name
        if event == "stage":               # originals, then mutants, then equivalence checks: one bar each
            if journal is not None and not stage_name:
                _start_journal(journal)     # only now: an input error must not touch an earlier journal
            stage_name, count = cast(tuple, data)
            display.close()
            display = ProgressDisplay(quiet=quiet or not count, label=f"mutate: {stage_name}:")
            display("start", count)
            return
        display(event, data)
        if event == "obligation" and journal is not None:
            node_id, ob, outcome = cast(tuple, data)
            with journal.open("a") as out:
                out.write(json.dumps({"stage": stage_name, "node": node_id, "obligation": ob.name,
                                      "verdict": outcome.verdict.value, "seconds": round(outcome.seconds, 3),
                                      "message": outcome.message}) + "\n")

    try:
        with _on_executor(args.executor) as options:
            reports = run_mutation(dev, only=args.only, seed=args.seed, timeout=args.timeout,
                                   max_per_obligation=limit, jobs=args.jobs, progress=progress, **options)
    except KeyboardInterrupt:
        if journal is not None and journal.exists() and journal.stat().st_size:
            print(f"mutate: the verdicts of the runs finished so far are in {journal}", file=sys.stderr)
        raise
    finally:
        display.close()
    data = to_json(reports, development=dev.name, seed=args.seed, timeout=args.timeout,
                   max_per_obligation=limit)
    if args.json:
        write_json(data, args.json)
    if journal is not None:
        journal.unlink(missing_ok=True)         # the report holds all of it now
    if args.json != "-":
        print_report(data)
    return exit_code(data)


@contextlib.contextmanager
def _on_executor(spec: str) -> Iterator[dict]:
    """Mutants run where ``--executor`` says, through :func:`proofs.runner.run_obligations`: passed to
    ``run_mutation`` when it takes ``executor``, otherwise bound to the runner it calls for this run."""
    from certificates.pool import executor_named

    from .. import mutate
    from ..errors import ProofsError

    try:
        executor_named(spec)
    except ValueError as exc:
        raise ProofsError(str(exc)) from None
    if spec in (None, "", "local"):
        yield {}
    elif "executor" in inspect.signature(run_mutation).parameters:
        yield {"executor": spec}
    else:
        runner = mutate.run_obligations
        mutate.run_obligations = functools.partial(runner, executor=spec)   # type: ignore[assignment]
        try:
            yield {}
        finally:
            mutate.run_obligations = runner


def _start_journal(journal: Path) -> None:
    """An empty journal; a non-empty one from an earlier run is kept beside it as ``.1``."""
    journal.parent.mkdir(parents=True, exist_ok=True)
    if journal.exists() and journal.stat().st_size:
        kept = journal.with_name(journal.name + ".1")
        journal.replace(kept)
        print(f"mutate: the journal of an earlier run is now {kept}", file=sys.stderr)
    journal.write_text("")


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def print_report(data: dict, console: Console | None = None) -> None:
    console = console or Console(width=max(120, Console().width))
    table = Table(title=f"mutation testing of {data['development']} (seed {data['seed']})")
    for col in ("node", "mutants", "refuted", "not decided", "equiv.", "ill-def.", "redund.", "survived",
                "kill rate"):
        table.add_column(col, justify="left" if col == "node" else "right", no_wrap=True)
    for node in data["nodes"]:
        t = node["tally"]
        skipped = [o for o in node["obligations"] if o["skipped"]]
        label = node["id"] + (f" [dim]({len(skipped)} not mutated)[/]" if skipped else "")
        table.add_row(label, str(t["mutants"]), str(t["refuted"]), str(t[NOT_DECIDED]), str(t[EQUIVALENT]),
                      str(t[ILL_DEFINED]), str(t[REDUNDANT]),
                      f"[red]{t['survived']}[/]" if t["survived"] else "0", _rate(t["kill_rate"]))
    console.print(table)
    t = data["totals"]
    console.print(f"{t['mutants']} mutants: {t['refuted']} refuted, {t[NOT_DECIDED]} not decided (unknown, "
                  f"timeout or backend failure: not counted as killed), {t[EQUIVALENT]} equivalent, "
                  f"{t[ILL_DEFINED]} ill-defined without a dropped hypothesis, {t[REDUNDANT]} redundant "
                  f"hypothesis, {t[SURVIVED]} survived; refuted among the non-equivalent "
                  f"{_rate(t['kill_rate'])} (among the decided {_rate(t['decided_kill_rate'])}); "
                  f"{data['mutated']} of {data['obligations']} obligation(s) mutated "
                  f"({data['numeric_mutated']} numeric), {data['cannot_mutate']} could not be mutated, "
                  f"{data['original_open'] + data['original_false']} with an original not established")
    for node in data["nodes"]:
        for ob in node["obligations"]:
            if ob["skipped"]:
                style = "red" if ob["skip_kind"] == CANNOT_MUTATE else "dim"
                word = "could not mutate" if ob["skip_kind"] == CANNOT_MUTATE else "not mutated"
                console.print(f"[{style}]{word}: {node['id']} {ob['name']}: {ob['skipped']}[/]")
            for m in ob["mutants"]:
                if m["category"] == SURVIVED:
                    console.print(f"[red]survived[/] {node['id']} {m['id']}: {m['description']}")
                elif m["category"] in (EQUIVALENT, REDUNDANT, ILL_DEFINED, NOT_DECIDED):
                    console.print(f"[dim]{m['category']}[/] {node['id']} {m['id']}: {m['description']}"
                                  + (f" [dim]({m['reason']})[/]" if m["category"] != EQUIVALENT else ""))
