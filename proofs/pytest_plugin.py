"""pytest plugin: ``pytest --proofs DEVELOPMENT`` makes each node of a development a test item.

Registered under the ``pytest11`` entry point, so every pytest run in an environment with proofs
installed loads it; without ``--proofs`` it only adds its options (no import of the engine, no change
to collection). With ``--proofs`` the development is loaded at collection (a load error is a
collection error) and checked once, when its first item runs; each item's outcome is its node's:
proved, corroborated pass; assumed is skipped; an expected refutation (``expect="refuted"``, or a
printed statement whose ``.corrected`` node is proved) is an xfail; anything else fails with the
node's reason. The rule is :func:`proofs.junit.node_outcome`, shared with ``check --junit``.

Given only ``--proofs`` (no paths), pytest collects nothing else, so ``pytest --proofs examples/p4``
runs just the development; name paths too (``pytest --proofs examples/p4 tests/``) to run both.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

_RUNS = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("proofs", "machine-checked developments (proofs)")
    group.addoption("--proofs", action="append", metavar="DEVELOPMENT", default=None,
                    help="check DEVELOPMENT (module, .py file or package directory) and make each of its "
                         "nodes a test item; may be repeated")
    group.addoption("--proofs-timeout", type=float, default=None, metavar="S",
                    help="time limit per obligation in seconds (default: as `proofs check`)")
    group.addoption("--proofs-jobs", type=int, default=None, metavar="N",
                    help="obligations run at once (default: number of CPUs)")


def _specs(config: pytest.Config) -> list[str]:
    return list(config.getoption("proofs", None) or ())


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """``--proofs`` without paths: collect no test files (the default paths would add the whole suite)."""
    if _specs(config) and config.args_source != pytest.Config.ArgsSource.ARGS:
        return True
    return None


@pytest.hookimpl(tryfirst=True)       # before -k/-m deselect, so they apply to the nodes too
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    specs = _specs(config)
    if not specs:
        return
    from _pytest.runner import collect_one_node  # reports the collection like pytest's own collectors

    for spec in specs:
        path = Path(spec).resolve()
        collector = DevelopmentCollector.from_parent(
            session, name=spec, path=path if path.exists() else config.rootpath, nodeid=_nodeid(spec, config))
        report = collect_one_node(collector)
        collector.ihook.pytest_collectreport(report=report)      # counted, and a load error is reported
        if report.passed:
            items.extend(report.result)


def _nodeid(spec: str, config: pytest.Config) -> str:
    """``examples/p4``: a development under the rootdir is named by its relative path, as test files are."""
    path = Path(spec).resolve()
    if path.exists() and path.is_relative_to(config.rootpath):
        return path.relative_to(config.rootpath).as_posix()
    return spec


class ProofsLoadError(Exception):
    """The development could not be loaded or checked; the message says why and what to do."""


class DevelopmentCollector(pytest.Collector):
    """One development: loads it, yields an item per node, and checks it once on demand."""

    def collect(self):
        from .development import load_development
        from .errors import ProofsError

        try:
            self.development = load_development(self.name)
        except ProofsError as exc:
            raise ProofsLoadError(exc.render()) from None
        for node_id in _order(self.development):
            yield NodeItem.from_parent(self, name=node_id)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ProofsLoadError):
            return f"proofs: cannot load development {self.name!r}: {excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def summary(self) -> dict[str, dict[str, Any]]:
        """Node id -> the node's entry of the run summary (``run.json``); the check runs at the first call."""
        runs = self.config.stash.setdefault(_RUNS, {})
        if self.name not in runs:
            runs[self.name] = self._check()
        found = runs[self.name]
        if isinstance(found, ProofsLoadError):
            raise found
        return found

    def _check(self) -> dict | ProofsLoadError:
        from .checker import DEFAULT_TIMEOUT, check
        from .errors import ProofsError
        from .summary import run_summary

        timeout = self.config.getoption("proofs_timeout") or DEFAULT_TIMEOUT
        try:
            result = check(self.development, timeout=timeout, jobs=self.config.getoption("proofs_jobs"))
        except ProofsError as exc:
            return ProofsLoadError(exc.render())
        from .junit import with_expectations

        nodes = with_expectations(run_summary(result), {n.id: n.expect for n in self.development})
        return {node["id"]: node for node in nodes}


def _order(dev) -> list[str]:
    """Checking order (dependencies first); declaration order when the graph is malformed (the check
    will say how)."""
    from .graph import build_graph, check_order

    try:
        return check_order(build_graph(dev))
    except Exception:   # noqa: BLE001 - a cycle: reported by the check itself
        return list(dev.nodes)


class NodeFailed(Exception):
    """A node the run does not accept."""


class NodeItem(pytest.Item):
    """One node; its outcome is the node's status in the development's run."""

    def runtest(self) -> None:
        from .junit import FAILED, SKIPPED, XFAIL, details, node_outcome

        parent = self.parent
        assert isinstance(parent, DevelopmentCollector), "a node item lives in its development's collector"
        by_id = parent.summary()
        node = by_id.get(self.name)
        if node is None:
            raise NodeFailed("not checked: the run has no result for this node")
        outcome, message = node_outcome(node, by_id)
        if outcome == SKIPPED:
            pytest.skip(message)
        if outcome == XFAIL:
            pytest.xfail(message)
        if outcome == FAILED:
            raise NodeFailed("\n".join(part for part in (message, details(node)) if part))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (NodeFailed, ProofsLoadError)):
            return f"{self.name}: {excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"node {self.name}"    # not a dotted name: pytest would split it at '.'
