"""The engine's side of the kernel: hand it the run's records, take back its statuses.

The kernel (:mod:`certificates.judge`) runs in a fresh interpreter that loads only the kernel, never a
development, and reads exactly the JSON the certificates will hold. Its statuses, acceptance and exit code
are the run's; the engine keeps none of its own.
"""
from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from certificates.canonical import jsonable

from .errors import ProofsError
from .model import Node, Obligation, Outcome, Status

KERNEL_ROOT = Path(__file__).resolve().parent.parent   # the directory that holds the certificates package


@dataclass
class Judgement:
    nodes: dict[str, dict]
    exit_code: int
    seconds: float
    rechecks: int
    remembered: int = 0       # re-checks the kernel's memo answered (identical input, authenticated)

    def obligation(self, node_id: str, name: str) -> dict:
        return next(o for o in self.nodes[node_id]["obligations"] if o["name"] == name)

    def node_result(self, node: Node, obs: list) -> Any:
        from .checker import NodeResult

        kernel = self.nodes[node.id]
        for o in obs:
            o.kernel = self.obligation(node.id, o.name)["kernel"]
        reason = kernel["reason"]
        if node.build_error is not None:
            reason = f"building its obligations raised {node.build_error}"
        return NodeResult(node, Status(kernel["status"]), reason, obs, sum(o.outcome.seconds for o in obs),
                          kernel["disagreement"], kernel["accepted"], tuple(kernel["trusted_backends"]),
                          clauses=kernel["clauses"], unlinked=kernel["unlinked"])


def judge_input(dev: Any, order: list[str], tasks: list[tuple[str, Obligation, int]],
                outcomes: dict[tuple[str, str], Outcome], known: dict | None = None) -> list[dict]:
    """The nodes as the kernel reads them, in checking order: the same fields a certificate records.
    ``known``: what an earlier call made of each outcome, reused while the outcome is the same object (the
    paper's records are 7 MB of JSON; judging again after a second pass converts only what it redid)."""
    by_node: dict[str, list[dict]] = {n: [] for n in order}
    known = {} if known is None else known
    for node_id, ob, _ in tasks:
        outcome = outcomes[(node_id, ob.name)]
        earlier = known.get((node_id, ob.name))
        if earlier is None or earlier[0] is not outcome:
            head = jsonable({"name": ob.name, "backend": ob.backend, "verdict": outcome.verdict.value,
                             "clause": ob.clause})
            known[(node_id, ob.name)] = earlier = (outcome, {
                **head, "message": json_data(outcome.message), "record": json_data(outcome.record),
                "counterexample": json_data(outcome.counterexample), "seconds": jsonable(outcome.seconds)})
        by_node[node_id].append(earlier[1])
    return [{"id": n, "kind": dev[n].kind.value, "deps": list(dev[n].deps), "printed": dev[n].printed,
             "corrects": dev[n].corrects, "expect": dev[n].expect, "built": dev[n].build_error is None,
             "clauses": [{"id": c.id, "text": c.text} for c in dev[n].clauses],
             "obligations": by_node[n]} for n in order]


def json_data(value: Any) -> Any:
    """``jsonable(value)``, which a record already is when it was read from JSON (a cache entry, every record
    of a warm re-check): plain data is recognised by a walk that builds nothing (a tenth of what converting
    the paper's 7 MB of records again took) and returned as it is; anything else is converted."""
    return value if _is_json(value) else jsonable(value)


def _is_json(value: Any) -> bool:
    """Whether ``jsonable`` would return ``value`` unchanged: only dicts with str keys, lists, str, int, bool,
    None and finite floats (exact types: a tuple, a subclass or a NumPy scalar is converted)."""
    stack = [value]
    pop, extend, finite = stack.pop, stack.extend, math.isfinite
    while stack:
        v = pop()
        kind = type(v)
        if kind is dict:
            if not all(type(k) is str for k in v):
                return False
            extend(v.values())
        elif kind is list:
            extend(v)
        elif kind is float:
            if not finite(v):
                return False
        elif not (kind is str or kind is int or kind is bool or v is None):
            return False
    return True


def judge_run(dev: Any, order: list[str], tasks: list, outcomes: dict, *, timeout: float, jobs: int,
              hook: Callable[[str, object], None], executor: str | None = None,
              memo: str | None = None, known: dict | None = None,
              early: tuple[Path, Path] | None = None) -> Judgement:
    """The kernel's judgement of the run, from a fresh interpreter (``python -m certificates.judge``);
    ``known``: see :func:`judge_input`; ``early``: the files of an interpreter :func:`started_early`."""
    started = time.perf_counter()
    nodes = judge_input(dev, order, tasks, outcomes, known)
    with contextlib.ExitStack() as stack:
        if early is None:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="proofs-kernel-"))
            early = Path(tmp) / "in.json", Path(tmp) / "out.json"
        request, answer = early
        request.write_text(json.dumps({"nodes": nodes, "jobs": max(1, jobs), "timeout": timeout,
                                       "executor": executor, "memo": memo, "texts": True}))
        stderr = _run_judge(request, answer, hook)
        if not answer.exists():
            raise ProofsError(f"internal error: the kernel could not judge the run ({stderr.strip()[-500:]})")
        result = json.loads(answer.read_text())
    put_texts(outcomes, result.get("texts") or {})
    return Judgement(result["nodes"], result["exit_code"], time.perf_counter() - started, result["rechecks"],
                     result.get("remembered", 0))


def put_texts(outcomes: dict, made: dict) -> None:
    """The SMT-LIB texts the kernel made for Z3 proposals (which record none: the kernel translates them
    once, and solves those texts) put in the proposals' records, for the certificates: each in the
    implication it was made for (the record itself, or an induction's base or step), never over a text the
    record has. The record is replaced by a copy, not changed: what the kernel read of this outcome (kept by
    :func:`judge_input` for a second judgement) stays what it judged, and its memory answers that again."""
    if not made:
        return                               # nothing proposed (nor imported: Z3 may be missing here)
    from certificates.canonical import jsonable
    from certificates.smt import statement_key

    for node_id, by_name in made.items():
        for name, texts in by_name.items():
            outcome = outcomes.get((node_id, name))
            if outcome is None or not isinstance(outcome.record, dict) or outcome.record.get("proposed") is not True:
                continue
            record = dict(outcome.record)
            parts = [record] if record.get("kind") == "implication" else []
            for part in ("base", "step"):
                if record.get("kind") == "induction" and isinstance(record.get(part), dict):
                    record[part] = dict(record[part])
                    parts.append(record[part])
            keys = {statement_key(jsonable(p)): p for p in parts}
            for text in texts:
                target = keys.get(str(text.get("for"))) if isinstance(text, dict) else None
                if target is None or "smtlib_hypotheses" in target or "smtlib" in target:
                    continue
                if isinstance(text.get("smtlib_hypotheses"), str) and isinstance(text.get("smtlib"), str):
                    target["smtlib_hypotheses"], target["smtlib"] = text["smtlib_hypotheses"], text["smtlib"]
            outcome.record = record


# kernel interpreters started before their input was written, by the request file they will read
_WAITING: dict[str, subprocess.Popen] = {}


@contextlib.contextmanager
def started_early() -> Iterator[tuple[Path, Path]]:
    """A kernel interpreter started now, which loads its modules (SymPy, Z3, the kernel: half a second) while
    the engine builds the obligations, and waits for its input: the files ``(request, answer)`` to pass to
    :func:`judge_run`. It is the same ``python -m certificates.judge`` on the same file, only told to begin
    when the file is written. Not used by the end of the block (an error, an interruption): it is told to
    stop, and reaped."""
    tmp = Path(tempfile.mkdtemp(prefix="proofs-kernel-"))
    request, answer = tmp / "in.json", tmp / "out.json"
    try:
        try:
            _WAITING[str(request)] = _start_judge(["--when-ready", str(request), str(answer)], subprocess.PIPE)
        except OSError:
            pass                               # judge_run starts one when it is needed, as it always did
        yield request, answer
    finally:
        proc = _WAITING.pop(str(request), None)
        if proc is not None:
            _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


def _stop(proc: subprocess.Popen) -> None:
    """End the kernel's interpreter and reap it: SIGTERM, which it unwinds, reaping its own workers (one never
    told to begin has none; its input's end would end it too, but forked pool children hold a copy of the pipe),
    then SIGKILL after 5 s. An interpreter that has ended is only reaped."""
    with contextlib.suppress(OSError, ValueError):
        if proc.stdin is not None:
            proc.stdin.close()
    with contextlib.suppress(OSError):
        if proc.poll() is None:
            proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stderr is not None:
        proc.stderr.close()


def _stop_with(parent: int) -> Callable[[], None] | None:
    """In the kernel's interpreter before it starts: SIGTERM (which it unwinds, reaping its workers) when
    this process dies, even by SIGKILL (Linux PR_SET_PDEATHSIG); it has a session of its own, so nothing
    else would reach it."""
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl     # looked up here: nothing is imported after fork
    except (OSError, AttributeError):
        return None

    def arrange() -> None:
        prctl(1, signal.SIGTERM)            # PR_SET_PDEATHSIG
        if os.getppid() != parent:          # this process died before the request took effect
            os._exit(1)
    return arrange


def _start_judge(arguments: list[str], stdin: int) -> subprocess.Popen:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(KERNEL_ROOT)] + [p for p in [env.get("PYTHONPATH")] if p])
    return subprocess.Popen([sys.executable, "-m", "certificates.judge", *arguments],
                            stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=str(KERNEL_ROOT), start_new_session=True,
                            preexec_fn=_stop_with(os.getpid()))


def _run_judge(request: Path, answer: Path, hook: Callable[[str, object], None]) -> str:
    proc = _WAITING.pop(str(request), None)
    if proc is not None:
        try:
            if proc.poll() is not None or proc.stdin is None:
                raise OSError("the kernel's interpreter started early has ended")
            proc.stdin.write("ready\n")          # its input is written: begin
            proc.stdin.close()
        except (OSError, ValueError):
            _stop(proc)
            proc = None
    if proc is None:
        proc = _start_judge([str(request), str(answer)], subprocess.DEVNULL)
    other: list[str] = []
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            parts = line.split()
            if len(parts) == 3 and parts[0] == "progress" and parts[1].isdigit() and parts[2].isdigit():
                hook("kernel", (int(parts[1]), int(parts[2])))
            else:
                other.append(line)
        proc.wait()
    finally:
        _stop(proc)                   # ended already, or interrupted: let it reap its own workers, then make sure
    return "".join(other)
