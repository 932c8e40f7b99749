"""Audit a development's proof graph without running any backend.

For each theorem, proposition, lemma and corollary: the definitions and cited
results it rests on, and the cited hypotheses it carries as assumptions. For each
cited result: its hypotheses and, per use, whether each is discharged, carried or
hidden. Also nodes nothing uses, claims whose text cites a result their proof does
not use, the longest dependency chain and whether the graph is acyclic.
Exit 0 when there is no cycle, hidden assumption or unsupported citation; 1 otherwise;
2 when the development cannot be loaded or its graph is malformed.
"""
from __future__ import annotations

import argparse

from rich.console import Console
from rich.markup import escape as e
from rich.table import Table

from ..audit import AuditReport, audit
from ..development import DEFAULT_HELP, load_development
from ..summary import json_target, write_json


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("development", nargs="?", default=None, help=DEFAULT_HELP)
    p.add_argument("--json", metavar="FILE", type=json_target, nargs="?", const="-",
                   help="write the audit as JSON to FILE (no FILE, or -: to stdout only)")


def run(args: argparse.Namespace) -> int:
    report = audit(load_development(args.development))
    if args.json:
        write_json(report.to_json(), args.json)
    if args.json != "-":
        show(report, Console())
    return 0 if report.ok else 1


def show(report: AuditReport, console: Console) -> None:
    """The human-readable audit."""
    console.print(f"[bold]Audit of {e(report.title)}[/] ({e(report.development)}, {report.nodes} nodes)")
    if report.acyclic:
        console.print("[green]acyclic[/]: the dependency graph has no cycle")
        chain = report.longest_chain
        console.print(f"longest dependency chain ({max(0, len(chain) - 1)} steps): " + e(" → ".join(chain)))
    else:
        console.print("[bold red]cycle[/]: " + e(" → ".join(report.cycle or [])))

    table = Table(title="Trusted base (what each result rests on)", show_lines=True)
    for column in ("result", "definitions", "cited results", "carried assumptions", "hidden"):
        table.add_column(column)
    for tb in report.trusted_base:
        table.add_row(
            f"{e(tb.node)}\n[dim]{e(tb.kind)}[/]", ", ".join(map(e, tb.definitions)) or "[dim]none[/]",
            "\n".join(f"{e(c['id'])} [dim]{e(c['reference'])}[/]" for c in tb.cited) or "[dim]none[/]",
            "\n".join(f"{e(c['hypothesis'])} [dim](of {e(c['cited'])}, by {e(c['by'])})[/]"
                      for c in tb.carried) or "[dim]none[/]",
            "\n".join(f"[red]{e(h['hypothesis'])}[/] [dim](of {e(h['cited'])}, in {e(h['node'])})[/]"
                      for h in tb.hidden) or "[dim]none[/]")
    console.print(table)
    if report.trusted_backends:
        console.print("[bold yellow]trusted backends[/] (registered by the development; the kernel cannot "
                      "re-check their answers): " + e(", ".join(report.trusted_backends)))

    if report.cited:
        cited = Table(title="Cited results: hypotheses per use", show_lines=True)
        for column in ("cited result", "hypothesis", "used by", "how"):
            cited.add_column(column)
        for c in report.cited:
            if not c.uses or not c.hypotheses:
                cited.add_row(f"{e(c.id)}\n[dim]{e(c.reference)}[/]",
                              ", ".join(map(e, c.hypotheses)) or "[dim]none listed[/]",
                              "[dim]unused[/]" if not c.uses else e(", ".join(u.by for u in c.uses)), "")
            for u in c.uses:
                for h, how in u.hypotheses.items():
                    style = "red" if how == "hidden" else ("yellow" if how == "carried" else "green")
                    cited.add_row(f"{e(c.id)}\n[dim]{e(c.reference)}[/]", e(h), e(u.by),
                                  f"[{style}]{e(how)}[/]")
        console.print(cited)

    _list(console, "Hidden assumptions (a cited hypothesis neither discharged nor carried)",
          [f"{h['node']} uses {h['cited']} without discharging or carrying '{h['hypothesis']}'"
           for h in report.hidden_assumptions], bad=True)
    _list(console, "Text cites a result the proof does not use",
          [f"{c.node}: names {c.text} ({c.cites}{'' if c.exists else ', not in the development'})"
           + (" — its proof uses no dependency at all" if c.no_dependencies else "")
           for c in report.text_citations_without_edge], bad=True)
    unjustified = report.unjustified_hypotheses
    by_node: dict[str, int] = {}
    for entry in unjustified:
        by_node[entry["node"]] = by_node.get(entry["node"], 0) + 1
    _list(console, f"Unjustified hypotheses (neither the node's own, a Use nor a definition; "
                   f"{len(unjustified)} in all, per node)",
          [f"{node}: {n}" for node, n in by_node.items()], bad=True)
    _list(console, "Formulas of cited results and definitions the proofs use (the trusted base, exactly)",
          [f"{u['node']}/{u['formula']} used by {u['used_by']}/{u['obligation']}"
           for u in report.stated_formulas_used], bad=False)
    unfolded: dict[str, int] = {}
    for entry in report.definitions_unfolded:
        unfolded[entry["definition"]] = unfolded.get(entry["definition"], 0) + 1
    _list(console, "Definitions unfolded (ByDefinition: read each formula against the definition; --json lists "
                   "them)", [f"{d}: {n} hypothes{'is' if n == 1 else 'es'}" for d, n in unfolded.items()], bad=False)
    built: dict[str, list[str]] = {}
    for entry in report.decided_by_construction:
        built.setdefault(f"{entry['node']}/{entry['obligation']}", []).append(entry["where"])
    _list(console, "Equalities that hold as built (proved by the development's construction, not by a backend)",
          [f"{key}: {', '.join(where)}" for key, where in built.items()], bad=False)
    _list(console, "Unused nodes (nothing depends on them; final theorems excluded)",
          [f"{u['id']} ({u['kind']}) {u['title']}" for u in report.unused], bad=False)
    if report.superseded:
        _list(console, "Superseded printed nodes (kept for the record; a correction is used instead)",
              [f"{u['id']} ({u['kind']}) {u['title']}" for u in report.superseded], bad=False)
    verdict = "[green]no problems found[/]" if report.ok else "[red]problems found[/]"
    console.print(f"audit: {verdict}")


def _list(console: Console, title: str, items: list[str], bad: bool) -> None:
    style = "red" if bad and items else "bold"
    console.print(f"\n[{style}]{title}: {len(items)}[/]")
    for item in items:
        console.print(f"  - {item}", markup=False, highlight=False)
