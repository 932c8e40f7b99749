"""What every report shows, read from a run directory (``run.json`` and ``certificates/``).

The renderers (Markdown, HTML, LaTeX) all draw from one :class:`Report`, so the
three formats cannot drift apart. Nothing here imports the engine: a report can be
made from any run directory, and nothing read from it is evaluated as code.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from proofs.errors import CertificateError

from .schemas import Schema, SchemaGroup, grouped, link_uses, read_schemas

STATUSES = ("proved", "assumed", "corroborated", "refuted", "unknown", "failed", "blocked")
# colours of the statuses in the graph (Lean-blueprint-like: green proved, blue assumed, ...)
STATUS_COLOURS = {
    "proved": "#9be59b", "assumed": "#a8c8f0", "corroborated": "#f3e28a", "refuted": "#f08a8a",
    "unknown": "#e0b0f0", "failed": "#f0b070", "blocked": "#d8d8d8",
}
NUMERIC_FIELDS = ("resolutions", "residuals", "tolerance")
READABLE_SECONDS = 10.0   # at most this long to make one counterexample readable


@dataclass
class ObligationView:
    name: str
    backend: str
    claim: str
    verdict: str
    seconds: float
    message: str
    seed: int | None
    dims: list[int]
    counterexample: Any = None
    resolutions: list[float] = field(default_factory=list)
    residuals: list[float] = field(default_factory=list)
    tolerance: float | None = None
    alignment: list[dict[str, Any]] = field(default_factory=list)
    cached: bool = False                   # the engine took the verdict from its cache (when it says so)
    uses: list[Any] = field(default_factory=list)
    kernel: str = ""                       # the kernel's verdict, when recorded
    dims_from: str = ""                    # objects, declared or dimension-free (proofs.dims)
    schemas: list[Schema] = field(default_factory=list)   # its hypothesis schemas (the node's own), recorded

    @property
    def dims_text(self) -> str:
        """``2`` (from its objects), ``2 (declared)``, or ``any`` for a dimension-free obligation."""
        if self.dims_from == "dimension-free" or (not self.dims and self.dims_from):
            return "any"
        text = ",".join(str(d) for d in self.dims)
        return f"{text} (declared)" if self.dims_from == "declared" and text else text

    @property
    def readable(self) -> Any:
        """The counterexample as rows of mathematics (see :mod:`.counterexample`)."""
        from proofs.alarm import TimeLimitExceeded, time_limit

        from .counterexample import Readable, readable

        if not hasattr(self, "_readable"):
            try:      # SymPy simplifies the recorded values: a hostile record must not hold the report up
                with time_limit(READABLE_SECONDS):
                    self._readable = readable(self.counterexample)
            except TimeLimitExceeded:
                too_big = "too large to show here: see the certificate"
                self._readable = Readable(text=[("counterexample", too_big)])
        return self._readable

    @property
    def used_nodes(self) -> list[str]:
        """The dependencies this obligation uses by reference (from its recorded uses)."""
        out = []
        for u in self.uses:
            name = u.get("node") if isinstance(u, dict) else u if isinstance(u, str) else None
            if isinstance(name, str) and name not in out:
                out.append(name)
        return out

    @property
    def has_residuals(self) -> bool:
        return bool(self.resolutions) and len(self.resolutions) == len(self.residuals)


@dataclass
class NodeView:
    id: str
    kind: str
    title: str
    statement: str
    status: str
    reason: str
    deps: list[str]
    dependants: list[str] = field(default_factory=list)
    printed: bool = True
    corrects: str | None = None
    corrected_by: list[str] = field(default_factory=list)
    dims: list[int] = field(default_factory=list)
    seconds: float = 0.0
    disagreement: bool = False
    obligations: list[ObligationView] = field(default_factory=list)
    certificate: str | None = None
    certificate_hash: str | None = None
    reference: str = ""                               # for cited results: where in the literature
    plots: list[Any] = field(default_factory=list)   # plots.Plot, attached by the renderers' driver
    note: str = ""                                     # the development's one-line note (certificate)
    finding_kind: str = ""                             # as recorded, when the development says it
    clauses: list[dict[str, str]] = field(default_factory=list)   # {id, text, status}, when recorded
    section: str = ""
    trusted_backends: list[str] = field(default_factory=list)   # the development's own backends it rests on
    unlinked_hypotheses: int = 0      # hypotheses neither its own, a use of a dependency nor a definition
    unjustified: list[dict[str, str]] = field(default_factory=list)   # {obligation, hypothesis}: those, in text

    @property
    def schemas(self) -> list[SchemaGroup]:
        """The hypothesis schemas its obligations assume, each once, with the uses that need them."""
        return grouped((o.name, o.schemas) for o in self.obligations)

    @property
    def dims_text(self) -> str:
        """The N its obligations cover together; ``any`` when every one is dimension-free."""
        return ",".join(str(d) for d in self.dims) or ("any" if self.obligations else "")

    @property
    def anchor(self) -> str:
        return "node-" + self.id

    @property
    def formal_counterexample(self) -> ObligationView | None:
        """The counterexample a finding leads with: a formal one (SymPy, Z3) before a numeric one."""
        found = self.counterexamples
        return next((o for o in found if o.backend != "numeric"), found[0] if found else None)

    @property
    def counterexamples(self) -> list[ObligationView]:
        return [o for o in self.obligations if o.counterexample not in (None, {}, [])]


FINDING_KINDS = ("error in a statement", "missing hypothesis", "slip in a proof")


@dataclass
class Finding:
    """A printed statement that was refuted, with its counterexample and its correction."""

    node: NodeView
    corrections: list[NodeView]

    @property
    def kind(self) -> str:
        """Recorded by the development when it says so; otherwise derived (see :attr:`kind_derived`)."""
        recorded = self.node.finding_kind.strip().lower()
        if recorded:
            return recorded
        text = f"{self.node.note} {self.node.reason}".lower()
        if self.node.kind == "step" or " proof" in f" {self.node.statement.lower()}":
            return "slip in a proof"
        if "hypothes" in text or "without" in text:
            return "missing hypothesis"
        return "error in a statement"

    @property
    def kind_derived(self) -> bool:
        return not self.node.finding_kind.strip()

    @property
    def proved_corrections(self) -> list[NodeView]:
        return [c for c in self.corrections if c.status == "proved"]


@dataclass
class Report:
    directory: Path
    development: str
    title: str
    backends: dict[str, Any]
    seed: Any
    profile: str
    seconds: float | None
    exit_code: int | None
    summary: dict[str, int]
    nodes: list[NodeView]
    manifest_hash: str | None = None

    def __post_init__(self) -> None:
        self.by_id = {n.id: n for n in self.nodes}

    @property
    def findings(self) -> list[Finding]:
        return [Finding(n, [self.by_id[c] for c in n.corrected_by])
                for n in self.nodes if n.printed and n.status == "refuted"]

    @property
    def accepted(self) -> bool | None:
        return None if self.exit_code is None else self.exit_code == 0

    @property
    def backend_seconds(self) -> float:
        """What the results shown took to obtain (a cached result keeps its time): content, unlike the
        wall time of the run that last wrote run.json, which is a fact of that run (see run.json)."""
        return sum(o.seconds for n in self.nodes for o in n.obligations)

    @property
    def headline(self) -> str:
        """What the run found, in words (a mathematician reads this first)."""
        findings = self.findings
        n = len(findings)
        if n == 0:
            first = "No printed statement was refuted"
        else:
            first = f"{n} printed statement{' is' if n == 1 else 's are'} false"
            corrected = sum(bool(f.proved_corrections) for f in findings)
            if corrected == n:
                first += "; each has a proved correction" if n > 1 else "; it has a proved correction"
            elif corrected:
                first += f"; {corrected} of them have a proved correction"
            else:
                first += "; none has a proved correction"
        open_ = sum(n.status in ("unknown", "failed", "blocked") for n in self.nodes)
        if open_:
            first += f"; {open_} node{' is' if open_ == 1 else 's are'} unknown, failed or blocked"
            unlinked = sum(n.status == "unknown" and "not justified" in n.reason for n in self.nodes)
            if unlinked:
                first += (f" ({unlinked} unknown only because a hypothesis is not justified by the node's "
                          "statement, a dependency or a definition)")
        if self.accepted is True:
            rest = ("the corrected development is accepted" if n else "the development is accepted")
        elif self.accepted is False:
            rest = "the run is not accepted"
        else:
            rest = "the run's verdict was not recorded"
        return f"{first}; {rest}."


# --------------------------------------------------------------------------- loading


def load_report(directory: str | Path) -> Report:
    """Read ``DIR/run.json`` and whatever certificates ``DIR/certificates/`` holds."""
    directory = Path(directory)
    run_file = directory / "run.json"
    if not run_file.is_file():
        raise CertificateError(f"no run summary at {run_file}",
                               hint="run `python -m proofs check --out DIR` first, then report on DIR")
    data = _read_json(run_file)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise CertificateError("run.json has no list of nodes", where=str(run_file),
                               hint="regenerate it with `python -m proofs check --out DIR`")
    nodes: list[NodeView] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["nodes"]):
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"]:
            raise CertificateError(f"node entry #{i} has no id", where=str(run_file))
        if raw["id"] in seen:
            raise CertificateError(f"node {raw['id']!r} appears twice", where=str(run_file))
        seen.add(raw["id"])
        nodes.append(_node(raw, _certificate(directory, raw)))
    _link(nodes)
    summary = data.get("summary") if isinstance(data.get("summary"), dict) else {}
    if not summary:
        summary = {s: sum(n.status == s for n in nodes) for s in STATUSES}
    return Report(
        directory=directory,
        development=str(data.get("development", "")),
        title=str(data.get("title") or data.get("development") or "proof report"),
        backends=_dict(data.get("backends")),
        seed=data.get("seed"),
        profile=str(data.get("profile", "")),
        seconds=_float(data.get("seconds")),
        exit_code=data.get("exit_code") if isinstance(data.get("exit_code"), int) else None,
        summary={str(k): int(v) for k, v in summary.items() if isinstance(v, (int, float))},
        nodes=nodes,
        manifest_hash=_manifest_hash(directory),
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CertificateError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise CertificateError(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}",
                               hint="regenerate it with `python -m proofs check --out DIR`") from None


def certificate_path(directory: Path, node: dict) -> Path:
    """Where a node's certificate lives: the path run.json names, else the agreed file name."""
    named = node.get("certificate")
    if isinstance(named, str) and named:
        p = Path(named)
        for candidate in (p, directory / p, directory / "certificates" / p.name):
            if candidate.is_file():
                return candidate
    return directory / "certificates" / (str(node["id"]).replace(":", "_") + ".json")


def _certificate(directory: Path, node: dict) -> dict:
    path = certificate_path(directory, node)
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}   # the verifier judges certificates; the report shows what it can
    return {"_path": str(path.relative_to(directory)) if path.is_relative_to(directory) else str(path),
            **data} if isinstance(data, dict) else {}


def _node(raw: dict, cert: dict) -> NodeView:
    cert_obs = {o.get("name"): o for o in cert.get("obligations", []) if isinstance(o, dict)} \
        if isinstance(cert.get("obligations"), list) else {}
    obligations = [_obligation(o, cert_obs.get(o.get("name"), {}))
                   for o in raw.get("obligations", []) if isinstance(o, dict)]
    statement = raw.get("statement") or cert.get("statement") or ""
    return NodeView(
        id=raw["id"], kind=str(raw.get("kind", "")), title=str(raw.get("title", "")),
        statement=str(statement), status=str(raw.get("status", "unknown")),
        reason=str(raw.get("reason", "")), deps=[str(d) for d in raw.get("deps", [])],
        printed=bool(raw.get("printed", True)), corrects=raw.get("corrects") or None,
        dims=[int(d) for d in raw.get("dims", []) if isinstance(d, (int, float))],
        seconds=_float(raw.get("seconds")) or sum(o.seconds for o in obligations),
        disagreement=bool(raw.get("disagreement", False)), obligations=obligations,
        certificate=cert.get("_path") or (raw.get("certificate") if isinstance(raw.get("certificate"), str)
                                          else None),
        certificate_hash=_first_str(cert, ("hash", "sha256", "digest")),
        reference=str(raw.get("reference") or cert.get("reference") or ""),
        note=str(raw.get("note") or cert.get("note") or ""),
        finding_kind=str(raw.get("finding") or cert.get("finding") or raw.get("finding_kind")
                         or cert.get("finding_kind") or ""),
        clauses=_clauses(raw.get("clauses", cert.get("clauses")), str(statement)),
        section=str(raw.get("section") or cert.get("section") or section_of(raw["id"])),
        trusted_backends=[str(b) for b in _list(raw.get("trusted_backends", cert.get("trusted_backends")))],
        unlinked_hypotheses=int(raw.get("unlinked_hypotheses") or 0),
        unjustified=[u for u in _list(raw.get("unjustified")) if isinstance(u, dict)],
    )


def _clauses(value: Any, statement: str = "") -> list[dict[str, str]]:
    """Clauses ``{id, text, status}`` from whichever form the run records; none when the only clause
    is the statement itself (nothing to add to it)."""
    if not isinstance(value, list):
        return []
    out = []
    for i, c in enumerate(value):
        c = {"text": c} if isinstance(c, str) else c if isinstance(c, dict) else {}
        text = next((c[k] for k in ("text", "statement", "claim") if isinstance(c.get(k), str)), "")
        if text:
            out.append({"id": str(c.get("id") or i + 1), "text": text, "status": str(c.get("status") or "")})
    if len(out) == 1 and out[0]["text"].strip() == statement.strip():
        return []
    return out


def section_of(node_id: str) -> str:
    """``lemma:4.1.step-x`` -> ``4``, ``prop:A.2`` -> ``A``; ``cite:…`` -> cited; else ''."""
    kind, _, rest = node_id.partition(":")
    if kind in ("cite", "cited"):
        return "cited"
    if kind == "eq":       # an unnumbered equation: its section is its users' (unknown here)
        return ""
    head = rest.split(".")[0].split("-")[0]
    return head if head.isdigit() or (len(head) == 1 and head.isupper()) else ""


def _obligation(raw: dict, cert: dict) -> ObligationView:
    record = _dict(cert.get("record"))
    numeric = {k: raw.get(k, cert.get(k, record.get(k))) for k in NUMERIC_FIELDS}
    details = _dict(record.get("details"))
    alignment = raw.get("alignment", details.get("alignment", []))
    seed = raw.get("seed", cert.get("seed"))
    return ObligationView(
        name=str(raw.get("name", "")), backend=str(raw.get("backend", "")),
        claim=str(raw.get("claim", "")), verdict=str(raw.get("verdict", "unknown")),
        seconds=_float(raw.get("seconds")) or 0.0, message=str(raw.get("message", "")),
        seed=seed if isinstance(seed, int) else None,
        dims=[int(d) for d in raw.get("dims", []) if isinstance(d, (int, float))],
        counterexample=raw.get("counterexample", cert.get("counterexample")),
        resolutions=_floats(numeric["resolutions"]), residuals=_floats(numeric["residuals"]),
        tolerance=_float(numeric["tolerance"]),
        alignment=[a for a in alignment if isinstance(a, dict) and _float(a.get("residual")) is not None]
        if isinstance(alignment, list) else [],
        cached=bool(raw.get("cached", cert.get("cached", False))),
        uses=_list(raw.get("uses", cert.get("uses", record.get("uses")))),
        kernel=str(raw.get("kernel") or cert.get("kernel") or ""),
        dims_from=str(raw.get("dims_from") or cert.get("dims_from") or ""),
        schemas=read_schemas(record),
    )


def _link(nodes: list[NodeView]) -> None:
    by_id = {n.id: n for n in nodes}

    def stated(node: str, obligation: str) -> list[Schema]:
        used = by_id.get(node)
        return next((o.schemas for o in used.obligations if o.name == obligation), []) if used else []
    for n in nodes:   # a use of a result stated under a schema needs it among the user's own
        for o in n.obligations:
            link_uses(o.uses, o.schemas, stated, n.id)
    for n in nodes:
        for d in n.deps:
            if d in by_id:
                by_id[d].dependants.append(n.id)
        if n.corrects and n.corrects in by_id:
            by_id[n.corrects].corrected_by.append(n.id)
    order = {n.section: i for i, n in reversed(list(enumerate(nodes))) if n.section}
    for n in nodes:   # an unnumbered definition or equation sits with the earliest section that uses it
        if not n.section:
            sections = {by_id[d].section for d in n.dependants if by_id[d].section}
            used_in = sorted(sections, key=lambda s: order.get(s, 0))
            n.section = used_in[0] if used_in else ""
    for n in nodes:   # a `.corrected` node is a correction even when `corrects` was left unset
        base = n.id.removesuffix(".corrected")
        if base != n.id and base in by_id and n.id not in by_id[base].corrected_by:
            by_id[base].corrected_by.append(n.id)


def _manifest_hash(directory: Path) -> str | None:
    path = directory / "manifest.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _first_str(data, ("root", "root_hash", "hash", "digest")) if isinstance(data, dict) else None


def _first_str(data: dict, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if isinstance(data.get(k), str):
            return data[k]
    return None


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _float(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _floats(values: Any) -> list[float]:
    if not isinstance(values, list):
        return []
    out = [_float(v) for v in values]
    return [v for v in out if v is not None] if all(v is not None for v in out) else []
