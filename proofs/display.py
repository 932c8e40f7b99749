"""What a person sees: progress while checking, then a table of nodes (rich)."""
from __future__ import annotations

import sys
from typing import Any, cast

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from .checker import RunResult
from .model import Status
from .runner import is_proposal

STYLE = {
    Status.PROVED: "green", Status.ASSUMED: "cyan", Status.CORROBORATED: "yellow",
    Status.REFUTED: "bold red", Status.UNKNOWN: "magenta", Status.FAILED: "red",
    Status.BLOCKED: "dim",
}


class ProgressDisplay:
    """A live bar on a terminal; one line per finished obligation otherwise."""

    def __init__(self, quiet: bool = False, label: str = "checking") -> None:
        self.console = Console(stderr=True)
        self.label = label
        self.quiet = quiet
        self.live = self.console.is_terminal and not quiet
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.done = 0
        self.total = 0

    def __call__(self, event: str, data: object) -> None:
        if self.quiet:
            return
        if event == "again":               # proposals the kernel did not accept, discharged for real
            self.done, self.total = 0, int(data)  # type: ignore[call-overload]
            if self.progress is not None and self.task is not None:
                self.progress.reset(self.task, total=self.total, description="discharging again")
            else:
                print(f"discharging again {self.total} the kernel did not accept", file=sys.stderr, flush=True)
        elif event == "start":
            self.total = int(data)  # type: ignore[call-overload]
            if self.live:
                self.progress = Progress(TextColumn(f"[bold]{self.label}"), BarColumn(), MofNCompleteColumn(),
                                         TimeElapsedColumn(), TextColumn("{task.description}"),
                                         console=self.console, transient=True)
                self.progress.start()
                self.task = self.progress.add_task("", total=self.total)
            else:
                print(f"{self.label} {self.total} obligation{'' if self.total == 1 else 's'}",
                      file=sys.stderr, flush=True)
        elif event == "obligation":
            node_id, ob, outcome = cast("tuple[str, Any, Any]", data)
            self.done += 1
            if self.progress is not None and self.task is not None:
                self.progress.update(self.task, advance=1, description=f"{node_id} {ob.name}")
            else:
                verdict = "proposed (the kernel decides)" if is_proposal(outcome) else outcome.verdict.value
                print(f"[{self.done}/{self.total}] {node_id} {ob.name} ({ob.backend}): "
                      f"{verdict} in {outcome.seconds:.2f}s", file=sys.stderr, flush=True)
        elif event == "kernel":            # the kernel re-checks what the backends proposed
            done, total = cast("tuple[int, int]", data)
            if self.progress is not None and self.task is not None:
                self.progress.update(self.task, description=f"kernel: re-checked {done}/{total}")
            elif total and (done == total or done * 10 // total != (done - 1) * 10 // total):
                print(f"kernel: re-checked {done}/{total}", file=sys.stderr, flush=True)
        elif event == "done" and self.progress is not None:
            self.progress.stop()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def print_table(run: RunResult, console: Console | None = None) -> None:
    """The end-of-run table: legible at 80 columns and when piped (the status is never cut short).

    Reasons go below the table, one line each, for nodes that are not proved or assumed: a wide
    "why" column is what made the table wrap into hundreds of lines on a narrow terminal.
    """
    console = console or Console()
    table = Table(title=f"{run.development.title}", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1),
                  title_justify="left")
    table.add_column("node", overflow="fold", ratio=1, min_width=16)
    table.add_column("kind", no_wrap=True, overflow="ellipsis", max_width=11)
    table.add_column("status", no_wrap=True, min_width=len("corroborated"))
    table.add_column("N", justify="right", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    notes: list[tuple[str, Status, str]] = []
    for node_id in run.order:
        r = run.results[node_id]
        dims = ",".join(str(d) for d in sorted({d for o in r.obligations for d in o.dims}))
        dims = dims or ("any" if r.obligations else "")      # every obligation dimension-free
        table.add_row(node_id, r.node.kind.value, f"[{STYLE[r.status]}]{r.status.value}[/]", dims, _time(r))
        if r.status not in (Status.PROVED, Status.ASSUMED) and r.reason:
            notes.append((node_id, r.status, r.reason))
    console.print(table)
    if any(o.cached for r in run.results.values() for o in r.obligations):
        console.print("[dim]time*: every obligation of the node came from the cache, time+: some did; "
                      "times are those of the original computation.[/]")
    for node_id, status, reason in notes:
        console.print(f"[{STYLE[status]}]{status.value}[/] {node_id}: {reason}", highlight=False)
    counts = ", ".join(f"{n} {s}" for s, n in run.summary().items() if n)
    verdict = "[green]accepted[/]" if run.exit_code == 0 else "[red]not accepted[/]"
    refuted = [r for r in run.results.values() if r.status is Status.REFUTED and r.node.printed]
    if refuted:
        corrected = {r.node.corrects for r in run.results.values()
                     if r.node.corrects and r.status is Status.PROVED}
        fixed = sum(r.node.id in corrected for r in refuted)
        verdict += (f" ({len(refuted)} printed statement{'s' if len(refuted) > 1 else ''} refuted, "
                    f"{'each' if fixed == len(refuted) else f'{fixed}'} with a proved correction)")
    console.print(f"{len(run.order)} nodes: {counts}; {_header_time(run)} — {verdict}", highlight=False)


def _time(r) -> str:
    if not r.obligations:
        return ""
    cached = sum(bool(getattr(o, "cached", False)) for o in r.obligations)
    mark = "" if not cached else "*" if cached == len(r.obligations) else "+"
    return f"{r.seconds:.2f}s{mark}"


def _header_time(run: RunResult) -> str:
    """This run's time; on a warm run also what the cached results took when they were computed."""
    obligations = [o for r in run.results.values() for o in r.obligations]
    cached = [o for o in obligations if getattr(o, "cached", False)]
    text = f"checked in {run.seconds:.1f}s"
    if cached:
        original = sum(o.outcome.seconds for o in cached)
        text += (f" ({len(cached)} of {len(obligations)} obligations from the cache; "
                 f"they originally took {original:.1f}s)")
    return text
