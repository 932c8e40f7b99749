"""Faults around `verify`: killed or terminated at random (seeded) moments, certificate files corrupted or
cut short, the directory replaced while it is read. Each ends with a clear message and the exit code that
says what happened (0 accepted, 1 something wrong, 2 unreadable input, 3 incomplete, 143 terminated), no
traceback, nothing left running, and the directory as it was (verify only reads)."""
from __future__ import annotations

import hashlib
import json
import random
import shutil
import signal
import time
import uuid
from pathlib import Path

import pytest
from robust_helpers import assert_clean, call_cli, write_dev
from test_processes import DEV, assert_none_left, finish, no_traceback, start

SEED = 20261201


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("verify-faults")
    path = write_dev(base, DEV)
    mark = uuid.uuid4().hex
    code, _, err = finish(start(["check", str(path), "--out", str(base / "out"), "--no-cache", "--jobs", "2",
                                 "--quiet", "--timeout", "300"], mark, PT_POWER="12"), timeout=400)
    assert code == 0, err[-3000:]
    return base / "out"


def copy_of(output: Path, tmp_path: Path, name: str = "out") -> Path:
    target = tmp_path / name
    shutil.copytree(output, target, symlinks=True)
    return target


def tree_digest(root: Path) -> str:
    """Every file's path and bytes and every link's target under ``root``."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode())
        if path.is_symlink():
            h.update(str(path.readlink()).encode())
        elif path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def certificate_files(out: Path) -> list[Path]:
    return sorted((out / "current" / "certificates").iterdir())


def verify(out: Path, *args: str):
    proc = call_cli("verify", str(out), "--jobs", "2", "--timeout", "300", *args)
    assert_clean(proc)
    return proc


# ------------------------------------------------------------------------------------- kills and signals


@pytest.mark.timeout(900)
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_verify_killed_at_random_moments(output: Path, tmp_path: Path, signum: int):
    """Six seeded moments from start-up to the end (of a run timed first, in a fresh process as the signalled
    ones are, so that the moments fall inside it on a fast machine and a loaded one alike: timed in this
    process, without the interpreter's start-up, every moment fell in the start-up under load); a signal that
    comes after the end changes nothing."""
    out = copy_of(output, tmp_path)
    before = tree_digest(out)
    rng = random.Random(SEED + signum)
    started = time.monotonic()
    code, stdout, err = finish(start(["verify", str(out), "--jobs", "2", "--timeout", "300"], uuid.uuid4().hex))
    assert code == 0, stdout + err[-2000:]
    duration = time.monotonic() - started
    outcomes = []
    for delay in sorted(rng.uniform(0.05, max(0.1, 0.9 * duration)) for _ in range(6)):
        mark = uuid.uuid4().hex
        proc = start(["verify", str(out), "--jobs", "2", "--timeout", "300"], mark)
        time.sleep(delay)
        ended_first = proc.poll() is not None
        if not ended_first:
            proc.send_signal(signum)
        code, stdout, err = finish(proc)
        if ended_first:
            assert code == 0, stdout + err[-2000:]
        elif signum == signal.SIGTERM:
            # 0: it was printing its verdict already; -15: still starting Python (no handler, nothing forked)
            assert code in (143, 0, -signal.SIGTERM), stdout + err[-2000:]
            if code == 143:
                assert "terminated" in err
            no_traceback(err)
        else:
            assert code in (-signal.SIGKILL, 0), stdout + err[-2000:]
        outcomes.append(code)
        assert_none_left(mark)
        assert tree_digest(out) == before, "verify changed the directory it read"
    landed = 143 if signum == signal.SIGTERM else -signal.SIGKILL
    assert landed in outcomes, f"no signal landed while verify ran: {outcomes}"
    assert verify(out).returncode == 0          # and it still verifies afterwards


# ------------------------------------------------------------------------------ corrupted and truncated


@pytest.mark.timeout(900)
def test_corrupted_and_truncated_certificates_fail_clearly(output: Path, tmp_path: Path):
    """Seeded corruptions of certificate files: a flipped byte, a file cut short, an empty file, binary
    noise, a missing file. Each is exit 1 with a FAIL line naming the node; never 0, never a traceback."""
    rng = random.Random(SEED)
    pristine = copy_of(output, tmp_path, "pristine")
    cases = []
    for i, kind in enumerate(["flip", "flip", "flip", "truncate", "truncate", "empty", "noise", "missing"]):
        out = copy_of(pristine, tmp_path, f"case{i}")
        victim = rng.choice(certificate_files(out))
        data = victim.read_bytes()
        if kind == "flip":
            at = rng.randrange(len(data))
            victim.write_bytes(data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:])
        elif kind == "truncate":
            victim.write_bytes(data[: rng.randrange(1, len(data))])
        elif kind == "empty":
            victim.write_bytes(b"")
        elif kind == "noise":
            victim.write_bytes(rng.randbytes(200))
        else:
            victim.unlink()
        proc = verify(out)
        node = json.loads(data)["node"]
        cases.append((kind, victim.name, proc.returncode))
        assert proc.returncode == 1, (kind, victim.name, proc.stdout)
        assert f"FAIL  {node}" in proc.stdout, (kind, proc.stdout)
        if kind == "missing":
            assert "is missing" in proc.stdout
        if kind in ("empty", "noise"):
            assert "not valid JSON" in proc.stdout, proc.stdout
    assert len(cases) == 8


@pytest.mark.timeout(600)
@pytest.mark.parametrize("damage, code, words", [
    ("truncate", 2, "cannot read"), ("empty", 2, "cannot read"), ("flip-hash", 1, "hash"),
    ("not-object", 2, "not a JSON object")])
def test_a_damaged_manifest_is_a_clear_error(output: Path, tmp_path: Path, damage: str, code: int, words: str):
    out = copy_of(output, tmp_path)
    manifest = out / "current" / "manifest.json"
    data = manifest.read_bytes()
    if damage == "truncate":
        manifest.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        manifest.write_bytes(b"")
    elif damage == "flip-hash":
        m = json.loads(data)
        m["hash"] = ("0" if m["hash"][0] != "0" else "1") + m["hash"][1:]
        manifest.write_text(json.dumps(m))
    else:
        manifest.write_text("[1, 2, 3]")
    proc = verify(out)
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert words in proc.stdout + proc.stderr


# ------------------------------------------------------------------------------- replaced while read


@pytest.mark.timeout(600)
@pytest.mark.parametrize("how", ["new-generation", "deleted", "other-run"])
def test_the_directory_replaced_while_it_is_read(output: Path, tmp_path: Path, monkeypatch, how: str):
    """After the third certificate is read the directory changes under verify: a writer swaps in a new
    generation (verify keeps reading the one it started with: accepted), the directory is deleted (the
    rest is missing: exit 1), or another run's directory takes its place (exit 1: what is read after the
    swap is checked against the manifest read before it)."""
    from certificates import verify as verifier

    out = copy_of(output, tmp_path)
    other = copy_of(output, tmp_path, "other")
    real = verifier.read_json
    calls = [0]
    changed: list[str] = []

    def replace_then_read(path: Path):
        calls[0] += 1
        if calls[0] == 4:                              # the manifest and three certificates are read
            if how == "new-generation":
                fresh = out / ".gen-new"
                shutil.copytree(out / "current", fresh)
                (out / "current.tmp").symlink_to(".gen-new")
                (out / "current.tmp").replace(out / "current")
            elif how == "deleted":
                shutil.rmtree(out)
            else:
                shutil.rmtree(out)
                other.rename(out)
                m = json.loads(Path(path).read_text())     # the next file verify reads is another run's
                m["status"] = "proved" if m["status"] != "proved" else "refuted"
                Path(path).write_text(json.dumps(m))
                changed.append(m["node"])
        return real(path)

    monkeypatch.setattr(verifier, "read_json", replace_then_read)
    proc = verify(out)
    assert calls[0] >= 4
    if how == "new-generation":
        assert proc.returncode == 0, proc.stdout
    elif how == "deleted":
        assert proc.returncode == 1 and "is missing" in proc.stdout, proc.stdout
    else:
        assert proc.returncode == 1, proc.stdout
        assert f"FAIL  {changed[0]}: " in proc.stdout and "differs from the file the manifest recorded" in proc.stdout


# ---------------------------------------------------------------------- time-outs are incomplete, not wrong

CHAINED = DEV + """

@DEVELOPMENT.lemma("lemma:after", "After the expansion", "sampled", deps=["lemma:expand"])
def _():     # numeric: its re-check (the residual rule) has no time limit, so only the dependency is open
    yield Obligation("after", Numeric(lambda rng, profile: NumericResult((8, 16), (1e-3, 1e-4), 1e-2), "x"))
"""


@pytest.mark.timeout(600)
def test_a_time_out_upstream_leaves_its_users_open_not_failed(tmp_path: Path):
    path = write_dev(tmp_path, CHAINED)
    mark = uuid.uuid4().hex
    code, _, err = finish(start(["check", str(path), "--out", str(tmp_path / "out"), "--no-cache", "--jobs", "2",
                                 "--quiet", "--timeout", "300"], mark, PT_POWER="16"), timeout=400)
    assert code == 0, err[-3000:]
    proc = call_cli("verify", str(tmp_path / "out"), "--jobs", "2", "--timeout", "0.5", "--no-cvc5")
    assert_clean(proc)
    assert "OPEN  lemma:expand" in proc.stdout, proc.stdout      # its own re-check timed out
    assert "FAIL" not in proc.stdout and proc.returncode == 3, proc.stdout
    assert "OPEN  lemma:after" in proc.stdout
