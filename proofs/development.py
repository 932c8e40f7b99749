"""Declaring a development and loading one from a module, a file or a package.

A development is any module that exposes ``DEVELOPMENT``, a :class:`Development`.
Nodes are declared with the kind-named decorators; the decorated function yields
the node's obligations and is only run when the node is checked, so a broken
obligation fails its node instead of the whole import.
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import DevelopmentLoadError, ProofsError, ValidationError
from .model import Kind, Node, Obligation

ENTRY_POINT_GROUP = "proofs.developments"
DEFAULT_HELP = (f"a registered development's name, a module name, a .py file or a package directory "
                f"(default: the one development registered under the entry point group {ENTRY_POINT_GROUP!r})")

Builder = Callable[[], Iterable[Obligation]]


def _caller_location(depth: int = 2) -> str:
    """``file:line`` of the caller ``depth`` frames up (a frame walk: ``inspect.stack`` reads every
    frame's source and cost seconds per development)."""
    frame = sys._getframe(depth)
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"


class Development:
    """An ordered collection of nodes; the engine knows nothing else of a paper."""

    def __init__(self, name: str, title: str = "", source: str = "") -> None:
        self.name = name
        self.title = title or name
        self.source = source
        self.nodes: dict[str, Node] = {}
        self.duplicates: list[tuple[Node, Node]] = []
        self.contributions: list[tuple[str, Builder, str]] = []
        # free-form data a development offers to commands (e.g. "classify": which nodes justify each case)
        self.metadata: dict[str, object] = {}

    # ------------------------------------------------------------------ declaring
    def add(self, node: Node) -> Node:
        if not node.source:
            node.source = _caller_location()
        if node.id in self.nodes:
            self.duplicates.append((self.nodes[node.id], node))
        else:
            self.nodes[node.id] = node
        return node

    def _declare(self, kind: Kind, node_id: str, title: str, statement: str,
                 deps: Iterable[str], location: str, **extra) -> Callable[[Builder], Builder]:
        def register(build: Builder) -> Builder:
            self.add(Node(id=node_id, kind=kind, title=title, statement=statement,
                          deps=tuple(deps), build=build, source=location, **extra))
            return build
        return register

    def claim(self, kind: Kind | str, node_id: str, title: str, statement: str,
              deps: Iterable[str] = (), **extra) -> Callable[[Builder], Builder]:
        """Decorator: the function yields the obligations of a claim node."""
        return self._declare(Kind(kind), node_id, title, statement, deps,
                             _caller_location(), **extra)

    def lemma(self, node_id, title, statement, deps=(), **extra):
        return self._declare(Kind.LEMMA, node_id, title, statement, deps, _caller_location(), **extra)

    def proposition(self, node_id, title, statement, deps=(), **extra):
        return self._declare(Kind.PROPOSITION, node_id, title, statement, deps,
                             _caller_location(), **extra)

    def theorem(self, node_id, title, statement, deps=(), **extra):
        return self._declare(Kind.THEOREM, node_id, title, statement, deps, _caller_location(), **extra)

    def remark(self, node_id, title, statement, deps=(), **extra):
        return self._declare(Kind.REMARK, node_id, title, statement, deps, _caller_location(), **extra)

    def corollary(self, node_id, title, statement, deps=(), **extra):
        return self._declare(Kind.COROLLARY, node_id, title, statement, deps,
                             _caller_location(), **extra)

    def step(self, node_id, title, statement, deps=(), **extra):
        return self._declare(Kind.STEP, node_id, title, statement, deps, _caller_location(), **extra)

    def also(self, node_id: str) -> Callable[[Builder], Builder]:
        """Decorator: contribute more obligations to a node declared elsewhere.

        Lets e.g. numeric cross-validation live in its own module beside the
        formal encoding. Contributing to an undeclared id is a validation error.
        """
        location = _caller_location()

        def register(build: Builder) -> Builder:
            self.contributions.append((node_id, build, location))
            return build
        return register

    def definition(self, node_id: str, title: str, statement: str, deps: Iterable[str] = (),
                   states: Iterable[Obligation] = (), **extra) -> Node:
        """A definition: assumed, carries no obligation. ``states``: the formulas it states (Implications),
        which obligations may use by reference."""
        return self.add(Node(id=node_id, kind=Kind.DEFINITION, title=title, statement=statement,
                             deps=tuple(deps), states=tuple(states), source=_caller_location(), **extra))

    def cited(self, node_id: str, title: str, statement: str, reference: str,
              hypotheses: Iterable[str] = (), deps: Iterable[str] = (), states: Iterable[Obligation] = (),
              **extra) -> Node:
        """A result taken from the literature: assumed, part of the trusted base. ``states``: its formal
        content (Implications with the theorem's hypotheses), which obligations may use by reference."""
        return self.add(Node(id=node_id, kind=Kind.CITED, title=title, statement=statement,
                             deps=tuple(deps), reference=reference, hypotheses=tuple(hypotheses),
                             states=tuple(states), source=_caller_location(), **extra))

    # ------------------------------------------------------------------ reading
    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())

    def __len__(self) -> int:
        return len(self.nodes)

    def __getitem__(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self.nodes


def _format_exception(exc: BaseException, limit: int = 3) -> str:
    tb = traceback.extract_tb(exc.__traceback__)[-limit:]
    where = "; ".join(f"{Path(f.filename).name}:{f.lineno}" for f in tb)
    return f"{type(exc).__name__}: {exc}" + (f" (at {where})" if where else "")


def registered_developments() -> dict[str, str]:
    """Name -> ``module:attribute`` of every development installed under :data:`ENTRY_POINT_GROUP`."""
    from importlib.metadata import entry_points

    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def default_development() -> str:
    """The module of the development to check when none is named: the only registered one."""
    registered = registered_developments()
    if len(registered) == 1:
        return next(iter(registered.values())).split(":")[0]
    if not registered:
        raise DevelopmentLoadError(
            f"no development named and none registered under the entry point group {ENTRY_POINT_GROUP!r}",
            hint="name one (a module, a .py file or a package directory), or install one: pip install .")
    raise DevelopmentLoadError(
        f"no development named and {len(registered)} are registered ({', '.join(sorted(registered))})",
        hint="name the one to use")


def load_development(spec: str | None = None) -> Development:
    """Load a development from a registered name, a module name, a ``.py`` file, or a package directory."""
    if spec is None:
        spec = default_development()
    registered = registered_developments()
    if spec in registered:
        spec = registered[spec].split(":")[0]
    path = Path(spec)
    try:
        with contextlib.redirect_stdout(sys.stderr):  # stdout belongs to the CLI (e.g. --json -)
            if path.suffix == ".py" or path.is_dir():
                module = _import_path(path)
            else:
                module = importlib.import_module(spec)
    except ProofsError:
        raise
    except SyntaxError as exc:
        raise DevelopmentLoadError(
            f"syntax error: {exc.msg}", where=f"{exc.filename}:{exc.lineno}",
            hint="fix the development's source and run again") from None
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == spec or spec.startswith(exc.name + ".") or exc.name == spec.split(".")[0]):
            raise DevelopmentLoadError(
                f"no development named {spec!r}: no such module, .py file or package directory",
                hint="pass a module name (e.g. developments.paper), a path to a .py file, or a package directory"
            ) from None
        raise DevelopmentLoadError(f"importing {spec!r} failed: {_format_exception(exc)}",
                                   hint="install the missing module or fix the import") from None
    except Exception as exc:  # the development's own code raised while importing
        raise DevelopmentLoadError(f"importing {spec!r} failed: {_format_exception(exc)}",
                                   hint="fix the development's module-level code") from None
    except SystemExit as exc:  # exit() at import must not end the run with the development's exit code
        raise DevelopmentLoadError(f"importing {spec!r} called exit({exc.code!r})",
                                   hint="a development declares nodes; it must not exit") from None
    dev = getattr(module, "DEVELOPMENT", None)
    if not isinstance(dev, Development):
        raise DevelopmentLoadError(
            f"{spec!r} defines no DEVELOPMENT (a proofs.Development)",
            where=getattr(module, "__file__", None),
            hint="create `DEVELOPMENT = Development(...)` at module level and declare nodes on it")
    if not dev.source:
        dev.source = spec
    return dev


def _import_path(path: Path):
    path = path.resolve()
    if not path.exists():
        raise DevelopmentLoadError(f"no such file or directory: {path}",
                                   hint="check the path to the development")
    if path.is_dir():
        init = path / "__init__.py"
        if not init.exists():
            raise DevelopmentLoadError(f"{path} is a directory without __init__.py",
                                       hint="a development directory must be a Python package")
        name, location, search = path.name, init, [str(path)]
    else:
        name, location, search = path.stem, path, None
    unique = f"_proofs_dev_{name}_{abs(hash(str(path)))}"
    spec = importlib.util.spec_from_file_location(unique, location,
                                                  submodule_search_locations=search)
    if spec is None or spec.loader is None:
        raise DevelopmentLoadError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[unique] = module
    parent = str(path.parent)
    added = parent not in sys.path
    if added:
        sys.path.insert(0, parent)
    # no bytecode cache for a user's development: Python trusts a .pyc whose source has the same size and
    # modification second, so an edit within the second of the last check would run the old code
    writes, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    importlib.invalidate_caches()
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(unique, None)
        raise
    finally:
        sys.dont_write_bytecode = writes
        if added:
            sys.path.remove(parent)
    return module


__all__ = ["Development", "load_development", "registered_developments", "ValidationError"]
