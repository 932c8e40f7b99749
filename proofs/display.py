"""What a person sees: progress while checking, then a table of nodes (rich)."""
from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .checker import RunResult
from .model import Status

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
        self.task = None
        self.done = 0
        self.total = 0

    def __call__(self, event: str, data: object) -> None:
        if self.quiet:
            return
        if event == "start":
            self.total = int(data)  # type: ignore[arg-type]
            if self.live:
                self.progress = Progress(TextColumn(f"[bold]{self.label}"), BarColumn(), MofNCompleteColumn(),
                                         TimeElapsedColumn(), TextColumn("{task.description}"),
                                         console=self.console, transient=True)
                self.progress.start()
                self.task = self.progress.add_task("", total=self.total)
            else:
                print(f"{self.label} {self.total} obligation{'' if self.total == 1 else 's'}", file=sys.stderr,
                      flush=True)
        elif event == "obligation":
            node_id, ob, outcome = data  # type: ignore[misc]
            self.done += 1
            if self.progress is not None:
                self.progress.update(self.task, advance=1, description=f"{node_id} {ob.name}")
            else:
                print(f"[{self.done}/{self.total}] {node_id} {ob.name} ({ob.backend}): "
                      f"{outcome.verdict.value} in {outcome.seconds:.2f}s", file=sys.stderr, flush=True)
        elif event == "done" and self.progress is not None:
            self.progress.stop()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def print_table(run: RunResult, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title=f"{run.development.title}", show_lines=False)
    table.add_column("node", no_wrap=True)
    table.add_column("kind")
    table.add_column("status")
    table.add_column("N", justify="right")
    table.add_column("time", justify="right")
    table.add_column("why")
    for node_id in run.order:
        r = run.results[node_id]
        dims = ",".join(str(d) for d in sorted({d for o in r.obligations for d in o.dims}))
        table.add_row(node_id, r.node.kind.value, f"[{STYLE[r.status]}]{r.status.value}[/]", dims,
                      f"{r.seconds:.2f}s" if r.obligations else "", r.reason)
    console.print(table)
    counts = ", ".join(f"{n} {s}" for s, n in run.summary().items() if n)
    verdict = "[green]accepted[/]" if run.exit_code == 0 else "[red]not accepted[/]"
    console.print(f"{len(run.order)} nodes: {counts} in {run.seconds:.1f}s — {verdict}")
