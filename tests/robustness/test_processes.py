"""No process of `check` or `verify` outlives it, whatever way it ends.

Every command runs in a process of its own whose environment carries a marker (PROOFS_PROCESS_MARK); every
process it starts inherits that environment, so scanning /proc for the marker finds them all, also those
adopted by PID 1 after their parent died. Each exit path is tested: a normal end, an obligation or a
re-check past its time limit, Ctrl-C (SIGINT), SIGTERM, a worker that crashes, and a SIGKILL of the
command itself. An obligation of the development forks a sleeping grandchild (as the cvc5 re-check
does), or starts a program by exec, so a whole process group must go, not only the worker.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from robust_helpers import ROOT, write_dev

MARK = "PROOFS_PROCESS_MARK"

DEV = """
import signal as _signal

mode = os.environ.get("PT_MODE", "")
z = sp.Symbol("z", real=True)

def _grandchild_then_sleep():
    if os.fork() == 0:                 # a grandchild, as the cvc5 re-check forks one
        time.sleep(600)
        os._exit(0)
    time.sleep(600)

def _exec_grandchild_then_sleep():
    import subprocess, sys
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])   # by exec: no Python fork hook
    time.sleep(600)

def _numeric(rng, profile):
    if mode == "hang":
        _grandchild_then_sleep()
    if mode == "hang-exec":
        _exec_grandchild_then_sleep()
    if mode == "crash":
        os.kill(os.getpid(), _signal.SIGKILL)
    return NumericResult((8, 16), (1e-3, 1e-4), 1e-2)

@DEVELOPMENT.lemma("lemma:positive", "Positive", "x > 1 => x > 0")
def _():
    yield Obligation("positive", Implication((Assume(x > 1),), x > 0))

@DEVELOPMENT.lemma("lemma:expand", "Expansion", "(x + y + z + 1)^N expanded")
def _():
    n = int(os.environ.get("PT_POWER", "4"))
    # divided by x^2 + 1, a rational function: the normal form cancels it, seconds for the larger n (a
    # polynomial identity would be multiplied out at once, and the kernel would be done before a signal lands)
    yield Obligation("expand", Identity(sp.expand((x + y + z + 1) ** n) / (x**2 + 1), (x + y + z + 1) ** n / (x**2 + 1)))

@DEVELOPMENT.lemma("lemma:sampled", "Sampled", "a numeric check")
def _():
    yield Obligation("sampled", Numeric(_numeric, "residuals that converge"))
"""


def marked(mark: str) -> list[tuple[int, str]]:
    """Live (not zombie) processes whose environment carries ``mark``: (pid, command line)."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            if needle not in environ.split(b"\0"):
                continue
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue                       # gone meanwhile, or not ours to read
        if state not in ("Z", "X"):
            found.append((int(entry), cmdline.strip()))
    return found


def assert_none_left(mark: str, grace: float = 15.0) -> None:
    """Nothing marked is running once ``grace`` seconds have passed (time for the kernel to reap)."""
    deadline = time.monotonic() + grace
    left = marked(mark)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = marked(mark)
    for pid, _ in left:                    # do not let a failure of this test load the machine
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert not left, f"processes left running: {left}"


def start(args: list[str], mark: str, **env: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", MARK: mark,
                   "PROOFS_KILL_GRACE": "0.5", **env}
    environment.pop("PROOFS_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "proofs", *args], cwd=ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")


def finish(proc: subprocess.Popen, timeout: float = 200) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"the command did not end within {timeout}s: {err[-2000:]}")
    return proc.returncode, out, err


def wait_for(condition, what: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the command ended ({proc.returncode}) before {what}: {err[-2000:]}")
        time.sleep(0.05)
    proc.kill()
    proc.communicate()
    pytest.fail(f"timed out waiting for {what}")


def children_running(mark: str, needle: str, at_least: int = 1):
    return lambda: sum(needle in cmd for _, cmd in marked(mark)) >= at_least


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Exception ignored" not in err, err[-3000:]


@pytest.fixture
def dev(tmp_path: Path) -> Path:
    return write_dev(tmp_path, DEV)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """A certificate directory of the development, with one re-check that takes seconds (the expansion)."""
    base = tmp_path_factory.mktemp("processes")
    path = write_dev(base, DEV)
    mark = uuid.uuid4().hex
    proc = start(["check", str(path), "--out", str(base / "out"), "--no-cache", "--jobs", "2", "--quiet",
                  "--timeout", "300"], mark, PT_POWER="18")
    code, _, err = finish(proc, timeout=400)
    assert code == 0, err[-3000:]
    assert_none_left(mark)
    return base / "out"


def copy_of(output: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(output, target, symlinks=True)
    return target


# ------------------------------------------------------------------------------------------------ check


@pytest.mark.timeout(300)
def test_check_normal_end_leaves_nothing(dev: Path, tmp_path: Path):
    mark = uuid.uuid4().hex
    code, _, err = finish(start(["check", str(dev), "--out", str(tmp_path / "o"), "--no-cache", "--jobs", "2",
                                 "--quiet"], mark))
    assert code == 0, err[-3000:]
    no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(300)
def test_check_obligation_time_out_kills_the_worker_and_its_grandchild(dev: Path, tmp_path: Path):
    mark = uuid.uuid4().hex
    code, _, err = finish(start(["check", str(dev), "--no-out", "--no-cache", "--jobs", "2", "--quiet",
                                 "--timeout", "1"], mark, PT_MODE="hang"))
    assert code == 3, err[-3000:]             # a time-out is incomplete, not wrong
    no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(300)
def test_check_worker_crash_leaves_nothing(dev: Path, tmp_path: Path):
    mark = uuid.uuid4().hex
    code, out, err = finish(start(["check", str(dev), "--no-out", "--no-cache", "--jobs", "2", "--quiet"],
                                  mark, PT_MODE="crash"))
    assert code == 1, err[-3000:]
    assert "worker died" in out + err
    no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143),
                                          (signal.SIGKILL, -signal.SIGKILL)])
def test_check_signalled_while_obligations_run(dev: Path, signum: int, code: int):
    """The workers are hanging (with grandchildren) when the signal comes."""
    mark = uuid.uuid4().hex
    proc = start(["check", str(dev), "--no-out", "--no-cache", "--jobs", "2", "--timeout", "300"], mark,
                 PT_MODE="hang")
    wait_for(children_running(mark, "-m proofs", at_least=3), "the worker and its grandchild run", proc)
    proc.send_signal(signum)
    returned, _, err = finish(proc)
    assert returned == code, err[-3000:]
    if signum != signal.SIGKILL:
        no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("signum, code", [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 143)])
def test_check_signalled_while_a_worker_runs_a_program(dev: Path, signum: int, code: int):
    """A grandchild started by exec (subprocess) gets no parent-death signal from Python's fork hook: the
    pool's reaper kills the worker's whole group when `check` ends, even by SIGKILL."""
    mark = uuid.uuid4().hex
    proc = start(["check", str(dev), "--no-out", "--no-cache", "--jobs", "2", "--timeout", "300"], mark,
                 PT_MODE="hang-exec")
    wait_for(children_running(mark, "time.sleep(600)"), "the worker's program runs", proc)
    proc.send_signal(signum)
    returned, _, err = finish(proc)
    assert returned == code, err[-3000:]
    assert_none_left(mark)


def judge_with_worker(mark: str):
    """The kernel's interpreter has been re-checking for a while (its quick re-checks are done: it writes
    nothing until the long one ends, so a closed pipe would not stop it)."""
    since: list[float] = []

    def ready() -> bool:
        running = marked(mark)
        judges = {pid for pid, cmd in running if "certificates.judge" in cmd}
        if not any(_parent(pid) in judges for pid, _ in running):
            return False
        since.append(since[0] if since else time.monotonic())
        return time.monotonic() - since[0] > 2.0
    return ready


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


@pytest.mark.timeout(400)
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143),
                                          (signal.SIGKILL, -signal.SIGKILL)])
def test_check_signalled_while_the_kernel_judges(dev: Path, signum: int, code: int):
    """The kernel runs in an interpreter of its own (its own session, so no signal of the terminal reaches
    it): it and its workers must go too, even when `check` is killed outright. The expansion takes the
    kernel longer to re-check than the grace allowed here."""
    mark = uuid.uuid4().hex
    proc = start(["check", str(dev), "--no-out", "--no-cache", "--jobs", "2", "--timeout", "300"], mark,
                 PT_POWER="22")
    wait_for(judge_with_worker(mark), "the kernel re-checks", proc, timeout=300)
    proc.send_signal(signum)
    returned, _, err = finish(proc)
    assert returned == code, err[-3000:]
    if signum != signal.SIGKILL:
        no_traceback(err)
    assert_none_left(mark, grace=4.0)


# ------------------------------------------------------------------------------------------------ verify


@pytest.mark.timeout(600)
def test_verify_normal_end_leaves_nothing(output: Path, tmp_path: Path):
    mark = uuid.uuid4().hex
    code, out, err = finish(start(["verify", str(copy_of(output, tmp_path)), "--jobs", "2", "--timeout", "300"],
                                  mark))
    assert code == 0, out + err[-3000:]
    no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("limit", ["0.001"])
def test_verify_time_outs_are_incomplete_and_leave_nothing(output: Path, tmp_path: Path, limit: str):
    """Nothing can be re-checked in 1 ms (not even a child started): OPEN lines, exit 3, never FAIL. (A
    limit of seconds would make the outcome depend on the machine's speed.)"""
    mark = uuid.uuid4().hex
    code, out, err = finish(start(["verify", str(copy_of(output, tmp_path)), "--jobs", "2", "--timeout", limit],
                                  mark))
    assert code == 3, out + err[-3000:]
    assert "OPEN  lemma:expand" in out and "FAIL" not in out, out
    no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143),
                                          (signal.SIGKILL, -signal.SIGKILL)])
def test_verify_signalled_while_it_rechecks(output: Path, tmp_path: Path, signum: int, code: int):
    mark = uuid.uuid4().hex
    proc = start(["verify", str(copy_of(output, tmp_path)), "--jobs", "2", "--timeout", "300"], mark)
    wait_for(children_running(mark, "-m proofs", at_least=2), "a re-check runs", proc)
    time.sleep(0.3)
    proc.send_signal(signum)
    returned, out, err = finish(proc)
    assert returned == code, out + err[-3000:]
    if signum != signal.SIGKILL:
        no_traceback(err)
    assert_none_left(mark)


@pytest.mark.timeout(600)
def test_verify_with_workers_that_cannot_start_leaves_nothing(output: Path, tmp_path: Path):
    """An address-space limit too small for any re-check: every worker dies; a clear verdict, no traceback."""
    mark = uuid.uuid4().hex
    code, out, err = finish(start(["verify", str(copy_of(output, tmp_path)), "--jobs", "2", "--memory", "1"],
                                  mark))
    assert code in (1, 3), out + err[-3000:]
    assert "FAIL" in out or "OPEN" in out, out
    no_traceback(err)
    assert_none_left(mark)
