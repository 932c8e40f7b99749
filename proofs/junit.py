"""JUnit XML from a run summary (``check --junit FILE``), so CI systems show one test per node.

Written from the summary dict of :mod:`proofs.summary` (what ``run.json`` holds), not from the live
run, so the XML and run.json cannot tell different stories. The outcome of a node is the one the run's
acceptance gives it, and is shared with the pytest plugin: proved or corroborated pass; assumed is
skipped (nothing was checked); a refutation the development expects (``expect="refuted"``, or a printed
statement whose ``.corrected`` node is proved) is an expected failure, reported as skipped; everything
else fails with the node's reason.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import ProofsError

PASSED, SKIPPED, XFAIL, FAILED = "passed", "skipped", "xfail", "failed"
DETAIL_CHARS = 4000      # a counterexample can be large; CI pages show the start


def node_outcome(node: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> tuple[str, str]:
    """(``passed`` | ``skipped`` | ``xfail`` | ``failed``, message) for one node of a run summary."""
    status, reason = node.get("status"), node.get("reason", "")
    if node.get("expect") == "refuted":
        if status == "refuted":
            outcome = XFAIL, f"refuted, as expected: {reason}"
        else:
            outcome = FAILED, f"expected to be refuted with a counterexample, but {status}: {reason}"
    elif status in ("proved", "corroborated"):
        outcome = PASSED, f"{status}: {reason}"
    elif status == "assumed":
        outcome = SKIPPED, f"assumed: {reason}"
    elif status == "refuted" and node.get("printed", True) and _corrected_proved(node, by_id):
        outcome = XFAIL, f"the printed statement is refuted and its correction is proved: {reason}"
    else:
        outcome = FAILED, f"{status}: {reason}"
    if outcome[0] != FAILED and node.get("accepted") is False:    # the run's own word, when it gives one
        outcome = FAILED, f"{status}, not accepted by the run: {reason}"
    return outcome


def _corrected_proved(node: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> bool:
    """A node correcting this one (``corrects=`` it, or named ``<id>.corrected``) is proved."""
    fixes = [n for n in by_id.values()
             if n.get("corrects") == node["id"] or n["id"] == f"{node['id']}.corrected"]
    return any(n.get("status") == "proved" for n in fixes)


def details(node: Mapping[str, Any]) -> str:
    """One line per obligation that was not proved or did not agree, with its counterexample."""
    lines = []
    for ob in node.get("obligations", ()):
        if ob.get("verdict") in ("proved", "agrees"):
            continue
        lines.append(f"{ob.get('name')} ({ob.get('backend')}): {ob.get('verdict')}: {ob.get('message', '')}")
        if ob.get("counterexample"):
            lines.append("  counterexample: " + json.dumps(readable(ob["counterexample"]), sort_keys=True,
                                                           ensure_ascii=False, default=str))
    text = "\n".join(lines)
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS] + " ..."


_TREE_KEYS = {"op", "sym", "int", "rat", "const", "matrix", "list", "func", "float"}


def readable(value: Any) -> Any:
    """The counterexample with its serialised SymPy trees shown as formulas (through the kernel's
    whitelisting decoder: nothing is evaluated); anything it cannot decode stays as recorded."""
    if isinstance(value, dict):
        keys = set(value)
        if keys & _TREE_KEYS and keys <= _TREE_KEYS | {"args", "vars", "assume", "name"}:
            try:
                from certificates.serialize import decode
                return str(decode(value))
            except Exception:   # noqa: BLE001 - unreadable stays raw
                return value
        return {k: readable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [readable(v) for v in value]
    return value


def with_expectations(summary: Mapping[str, Any], expect: Mapping[str, str | None] | None) -> list[dict]:
    """The summary's nodes, each with its ``expect`` (from the development, where the summary lacks it)."""
    nodes = [dict(n) for n in summary.get("nodes", ())]
    for node in nodes:
        if expect and node.get("expect") is None and expect.get(node["id"]):
            node["expect"] = expect[node["id"]]
    return nodes


def junit_tree(summary: Mapping[str, Any], expect: Mapping[str, str | None] | None = None) -> ET.ElementTree:
    """One <testsuite> for the development, one <testcase> per node in checking order; ``expect``: node
    id -> expected verdict, for summaries that do not record it."""
    nodes = with_expectations(summary, expect)
    by_id = {n["id"]: n for n in nodes}
    name = str(summary.get("development", "proofs"))
    root = ET.Element("testsuites", name="proofs")
    suite = ET.SubElement(root, "testsuite", name=name)
    props = ET.SubElement(suite, "properties")
    for key in ("title", "seed", "profile", "timeout", "exit_code"):
        if key in summary:
            ET.SubElement(props, "property", name=key, value=str(summary[key]))
    for backend, version in sorted((summary.get("backends") or {}).items()):
        ET.SubElement(props, "property", name=f"backend.{backend}", value=str(version))
    counts = {PASSED: 0, SKIPPED: 0, XFAIL: 0, FAILED: 0}
    for node in nodes:
        outcome, message = node_outcome(node, by_id)
        counts[outcome] += 1
        case = ET.SubElement(suite, "testcase", classname=name, name=str(node["id"]),
                             time=f"{float(node.get('seconds') or 0):.4f}")
        if outcome == FAILED:
            failure = ET.SubElement(case, "failure", message=message, type=str(node.get("status")))
            failure.text = details(node) or message
        elif outcome == SKIPPED:
            ET.SubElement(case, "skipped", message=message)
        elif outcome == XFAIL:
            skipped = ET.SubElement(case, "skipped", message=message, type="xfail")
            skipped.text = details(node) or None
    total = sum(counts.values())
    attributes = {"tests": total, "failures": counts[FAILED], "errors": 0,
                  "skipped": counts[SKIPPED] + counts[XFAIL],
                  "time": f"{float(summary.get('seconds') or 0):.3f}"}
    for element in (root, suite):
        for key, value in attributes.items():
            element.set(key, str(value))
    ET.indent(root)
    return ET.ElementTree(root)


def write_junit(summary: Mapping[str, Any], target: str | Path,
                expect: Mapping[str, str | None] | None = None) -> None:
    """Write the XML to the file ``target``, replacing it in one step."""
    tree = junit_tree(summary, expect)
    path = Path(target)
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tree.write(tmp, encoding="utf-8", xml_declaration=True)
        tmp.replace(path)
    except OSError as exc:
        raise ProofsError(f"cannot write the JUnit XML to {path}: {exc.strerror or exc}",
                          hint="pass --junit a path in a writable directory") from None
