"""A per-obligation result cache, so a re-run after a crash or an edit redoes only what changed.

An entry is keyed by a fingerprint of everything the answer depends on: the
backend's name, library version and the source of its module and of the engine
modules it relies on (model, vacuity guard, serialisation); the obligation's
payload (the sha256 of its pickle, which keeps every class, argument and assumption); the
seed, profile and time limit. A numeric payload is keyed by its description and
the source of its ``run`` function and of that function's file, its closure
values and defaults; anything not plainly representable makes it uncacheable.
Entries carry an HMAC under the kernel's secret key (``certificates.memo``): an
edited or foreign entry (a numeric check's residuals, which cannot be re-derived) is
never used. Only definite answers (proved, refuted, agrees, vacuous) are stored; an entry
whose stored fingerprint differs from the one asked for is never used, and one whose record does not
state its obligation is never stored; an entry is trusted for nothing: the
kernel re-checks its record as it re-checks a fresh one, and one it rejects is deleted.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import inspect
import json
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from certificates.canonical import digest, jsonable
from certificates.memo import authenticate

CACHE_FORMAT = "proofs-cache/1"
CACHEABLE = ("proved", "refuted", "agrees", "vacuous")


class Uncacheable(Exception):
    """The obligation's inputs cannot be fingerprinted faithfully."""


def default_cache_dir() -> Path:
    """$PROOFS_CACHE, else $XDG_CACHE_HOME/proofs, else ~/.cache/proofs: one cache for every development and
    every output directory (keys are fingerprints of content), so ``--no-out`` runs are warm too."""
    if os.environ.get("PROOFS_CACHE"):
        return Path(os.environ["PROOFS_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "proofs"


class ObligationCache:
    """Outcomes on disk, one JSON file per fingerprint, in ``DIR/obligations`` (``DIR/kernel`` holds the
    kernel's memory of its re-checks, :mod:`certificates.memo`).

    Safe to share by runs at once: an entry is written whole to a temporary file and renamed into place
    (never torn, even by a crash), under an exclusive ``flock`` of ``.lock``; readers take it shared, so a
    reader never meets an entry being replaced or forgotten."""

    def __init__(self, directory: str | os.PathLike) -> None:
        self.root = Path(directory)
        self.directory = self.root / "obligations"
        self.hits = 0
        self.stored = 0
        self._fingerprints: dict[tuple, tuple[Any, str | None]] = {}

    def _fingerprint(self, ob: Any, seed: int, timeout: float, profile: str) -> str | None:
        """An obligation's key, computed once per run: a missed entry is looked up, then stored, under it.
        Held with the obligation itself, so an id that a collected obligation left is never taken for it."""
        key = (id(ob), seed, timeout, profile)
        held = self._fingerprints.get(key)
        if held is not None and held[0] is ob:
            return held[1]
        fp = fingerprint(ob, seed, timeout, profile)
        self._fingerprints[key] = (ob, fp)
        return fp

    def _lock(self, exclusive: bool) -> Any:
        import contextlib
        import fcntl

        @contextlib.contextmanager
        def held() -> Any:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.directory / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:               # an unwritable cache: used without a lock, as it is read-only
                yield
                return
            try:
                fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
                yield
            finally:
                os.close(fd)
        return held()

    def get(self, ob: Any, seed: int, timeout: float, profile: str) -> Any | None:
        from proofs.model import Outcome, Verdict

        fp = self._fingerprint(ob, seed, timeout, profile)
        if fp is None:
            return None
        try:
            with self._lock(exclusive=False):
                entry = json.loads((self.directory / f"{fp}.json").read_text())
            if entry.get("format") != CACHE_FORMAT or entry.get("fingerprint") != fp:
                return None
            if not hmac.compare_digest(str(entry.get("mac")), authenticate(fp, entry["outcome"])):
                return None       # not written by this user's proofs (edited, or copied from elsewhere)
            o = entry["outcome"]
            if o["verdict"] not in CACHEABLE:
                return None
            outcome = Outcome(Verdict(o["verdict"]), seconds=float(o["seconds"]), message=o["message"],
                              backend_version=o["backend_version"], record=o["record"],
                              counterexample=o["counterexample"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        self.hits += 1
        return outcome

    def forget(self, ob: Any, seed: int, timeout: float, profile: str) -> None:
        """Drop an entry the kernel rejected: it is never used again."""
        fp = self._fingerprint(ob, seed, timeout, profile)
        if fp is not None:
            with self._lock(exclusive=True):
                (self.directory / f"{fp}.json").unlink(missing_ok=True)
            self.hits = max(0, self.hits - 1)

    def put(self, ob: Any, seed: int, timeout: float, profile: str, outcome: Any) -> None:
        """Store a definite outcome; failing to store only costs a recomputation later."""
        if outcome.verdict.value not in CACHEABLE or not _states(ob, outcome.record):
            return
        fp = self._fingerprint(ob, seed, timeout, profile)
        if fp is None:
            return
        stored = jsonable({
            "verdict": outcome.verdict.value, "seconds": outcome.seconds, "message": outcome.message,
            "backend_version": outcome.backend_version, "record": outcome.record,
            "counterexample": outcome.counterexample})
        entry = {"format": CACHE_FORMAT, "fingerprint": fp, "obligation": ob.name, "outcome": stored,
                 "mac": authenticate(fp, stored)}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = self.directory / f".{fp}.{os.getpid()}.tmp"
            with open(tmp, "w") as fh:
                json.dump(entry, fh, allow_nan=False)
                fh.flush()
                os.fsync(fh.fileno())
            with self._lock(exclusive=True):
                os.replace(tmp, self.directory / f"{fp}.json")
            self.stored += 1
        except (OSError, TypeError, ValueError):
            return


def _states(ob: Any, record: Any) -> bool:
    """A record is stored only when it states exactly this obligation (what it claims); whether it shows its
    verdict is the kernel's to re-check. Checked when the entry is written, not each time it is read (that
    took a warm run of the paper 5 s of encoding): the entry's fingerprint holds the payload's digest and the
    engine's source, and its MAC that this check passed, so an entry found under a fingerprint states the
    obligation that has it."""
    from proofs import backends

    state = getattr(backends.get(ob.backend), "statement", None)   # a development's backend may have none
    if state is None:
        return False
    statement = jsonable(state(ob.payload))
    if ob.justification:                 # how each hypothesis is justified, and what it uses, must match too
        statement["justification"] = jsonable([dict(j) for j in ob.justification])
        if ob.uses:
            statement["uses"] = jsonable([dict(u) for u in ob.uses])
    return isinstance(record, dict) and all(record.get(k) == v for k, v in statement.items())


def fingerprint(ob: Any, seed: int, timeout: float, profile: str) -> str | None:
    """The cache key of one obligation run, or None when it cannot be made faithfully."""
    from proofs import backends

    try:
        backend = backends.get(ob.backend)
        return digest({
            "format": CACHE_FORMAT,
            "backend": ob.backend,
            "version": backend.version(),
            "versions": backends.versions(),     # backends call on each other (the SymPy vacuity guard on Z3)
            "backend_source": _file_hash(inspect.getsourcefile(type(backend))),
            "engine_source": _engine_source_hash(),
            "payload": payload_key(ob.payload),
            "justification": jsonable([ob.justification, ob.uses]),
            "seed": seed, "profile": profile, "timeout": timeout,
        })
    except (Uncacheable, KeyError, OSError, TypeError, ValueError):
        return None


def payload_key(payload: Any) -> Any:
    """What a payload states, as data. A symbolic payload is the sha256 of its pickle: every class, argument
    and assumption (a real symbol, a dummy's index) is in it, so different payloads never share a key; the
    pickle keeps no memo, so whether SymPy's cache made two equal subterms one object does not change the
    key; and it costs a hundredth of ``srepr``, which a warm run would otherwise spend seconds on. A payload
    that does not pickle is keyed by its ``srepr``; a numeric one by its description and the source of its
    function."""
    from sympy import srepr

    from proofs.model import Chain, Identity, Implication, Induction, Numeric

    if isinstance(payload, Numeric):
        return ["numeric", payload.description, _callable_key(payload.run, 0)]
    try:
        return ["pickle", _pickle_digest(payload)]
    except Exception:  # noqa: BLE001 - any pickling failure: the slower key below
        pass
    if isinstance(payload, Identity):
        return ["identity", srepr(payload.lhs), srepr(payload.rhs), srepr(list(payload.assumptions))]
    if isinstance(payload, Chain):
        steps = [[s.rule, s.by, srepr(s.expr), s.note, sorted((k, srepr(v)) for k, v in s.params.items())]
                 for s in payload.steps]
        return ["chain", srepr(payload.start), steps, srepr(list(payload.assumptions))]
    if isinstance(payload, Implication):
        return ["implication", srepr(list(payload.hypotheses)), srepr(payload.conclusion),
                [str(s) for s in payload.integer_symbols], payload.opaque, _schemas_key(payload)]
    if isinstance(payload, Induction):
        return ["induction", srepr(payload.variable), srepr(payload.formula), srepr(list(payload.hypotheses)),
                payload.start, [str(s) for s in payload.integer_symbols], payload.opaque,
                srepr(list(payload.side_conditions)), _schemas_key(payload)]
    raise Uncacheable(type(payload).__name__)


def _schemas_key(payload: Any) -> list:
    from sympy import srepr

    return [[srepr(s.variable), s.start, srepr(s.formula)] for s in payload.schemas]


class _DataPickler(pickle.Pickler):
    """Pickles data only: a development's function would be pickled by its name, so an edit of its body
    would keep the key (a stale hit); refusing it sends the payload to the srepr key, which never hits for
    one. The functions the libraries' own objects reduce through (SymPy's, copyreg's, builtins) are data."""

    LIBRARIES = ("sympy.", "mpmath.", "copyreg", "builtins", "_operator", "operator")

    def reducer_override(self, obj: Any) -> Any:
        if inspect.isfunction(obj) or inspect.ismethod(obj) or inspect.isbuiltin(obj):
            module = getattr(obj, "__module__", None) or ""
            if not (module + ".").startswith(self.LIBRARIES):
                raise pickle.PicklingError(f"a function in a payload: {obj!r}")
        return NotImplemented


def _pickle_digest(payload: Any) -> str:
    import io

    buffer = io.BytesIO()
    pickler = _DataPickler(buffer, protocol=4)
    pickler.fast = True       # no memo: a subterm shared by SymPy's cache pickles as one written twice, so the
    pickler.dump(payload)     # key is the payload's value, not how it was built (a cycle raises: the srepr key)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def _callable_key(fn: Any, depth: int) -> Any:
    if depth > 4:
        raise Uncacheable("callables nested too deeply")
    if isinstance(fn, functools.partial):
        return ["partial", _callable_key(fn.func, depth + 1), _plain(fn.args, depth), _plain(fn.keywords, depth)]
    if not inspect.isfunction(fn):
        raise Uncacheable(f"{type(fn).__name__} is not a plain function")
    cells = [c.cell_contents for c in (fn.__closure__ or ())]
    return ["function", fn.__qualname__, inspect.getsource(fn), _file_hash(inspect.getsourcefile(fn)),
            _plain(cells, depth), _plain(fn.__defaults__ or (), depth), _plain(fn.__kwdefaults__ or {}, depth)]


def _plain(value: Any, depth: int) -> Any:
    """Closure values and defaults as data; refuse anything whose state could hide."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return [type(value).__name__, repr(value)]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_plain(v, depth) for v in value]]
    if isinstance(value, dict):
        return ["dict", sorted((repr(k), _plain(v, depth)) for k, v in value.items())]
    if inspect.isfunction(value) or isinstance(value, functools.partial):
        return _callable_key(value, depth + 1)
    if inspect.isclass(value):
        try:
            source = _file_hash(inspect.getsourcefile(value))
        except (TypeError, OSError, Uncacheable):
            source = ""   # a built-in or compiled class: its library version is the best we have
        return ["class", value.__module__, value.__qualname__, source]
    if inspect.ismodule(value):
        return ["module", value.__name__, _file_hash(getattr(value, "__file__", None))]
    if "sympy" in sys.modules and isinstance(value, sys.modules["sympy"].Basic):
        return ["sympy", sys.modules["sympy"].srepr(value)]
    raise Uncacheable(f"closure value of type {type(value).__name__}")


# what a backend's answer may depend on besides its own module: the payload types, the vacuity guard,
# the runner that completes its record, the serialisation of records, the sibling backends it may call and
# the kernel's rules it proposes with (normal form, translation, residual judge)
_ENGINE_SOURCES = ("proofs/model.py", "proofs/vacuity.py", "proofs/runner.py", "proofs/backends",
                   "certificates/serialize.py", "certificates/canonical.py", "certificates/normal_form.py",
                   "certificates/smt.py", "certificates/smtlib_text.py", "certificates/rules.py")


@functools.lru_cache(maxsize=1)
def _engine_source_hash() -> str:
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for name in _ENGINE_SOURCES:
        target = root / name
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _file_hash(path: str | None) -> str:
    if not path:
        raise Uncacheable("no source file")
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
