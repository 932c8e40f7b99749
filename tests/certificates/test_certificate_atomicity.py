"""Interrupted writes leave the previous or the new complete set; hashes are deterministic; the cache."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cert_helpers import (
    FULL_DEV,
    TINY_DEV,
    call_cli,
    check_dev,
    cli,
    env,
    failed_nodes,
    verify_dir,
    write_dev,
)

from proofs.writer import write_certificates

WATCHED = ("open", "write", "fsync", "replace", "symlink", "mkdir", "rmdir", "unlink", "chmod", "close")


def _manifest_hash(directory) -> str:
    return json.loads((directory / "manifest.json").read_text())["hash"]


def _write_killed_at(run, out, k: int) -> bool:
    """Write ``run`` in a forked child that SIGKILLs itself at its k-th file-system call; True if it died."""
    pid = os.fork()
    if pid == 0:
        calls = [0]

        def counted(name, real):
            def call(*args, **kwargs):
                calls[0] += 1
                if calls[0] == k:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)
            return call
        for name in WATCHED:
            setattr(os, name, counted(name, getattr(os, name)))
        code = 3
        try:
            write_certificates(run, out)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == 0, "the writer raised"
    return os.WIFSIGNALED(status)


def test_kill_at_every_file_operation_leaves_a_complete_set(tmp_path):
    old_run = check_dev(write_dev(tmp_path, TINY_DEV, "A", name="tiny"), timeout=60)
    new_run = check_dev(write_dev(tmp_path, TINY_DEV, "B", name="tiny"), timeout=60)
    out = tmp_path / "out"
    write_certificates(new_run, tmp_path / "reference")
    new_hash = _manifest_hash(tmp_path / "reference")
    seen = set()
    k = 1
    while True:
        write_certificates(old_run, out)             # the previous complete set
        old_hash = _manifest_hash(out)
        assert old_hash != new_hash
        died = _write_killed_at(new_run, out, k)
        result = verify_dir(out)
        assert result.failures == [], (k, result.failures)
        current = _manifest_hash(out)
        assert current in (old_hash, new_hash), k
        seen.add(current == new_hash)
        if not died:
            break
        k += 1
    assert k > 20                                     # the kill points covered the whole write
    assert seen == {False, True}                      # both outcomes occurred
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".gen-")]
    write_certificates(new_run, out)                  # the next writer cleans up after the dead ones
    assert len([p for p in out.iterdir() if p.name.startswith(".gen-")]) == 1, leftovers


def test_sigkill_of_a_running_check_leaves_a_verifiable_directory(tmp_path):
    dev_a = write_dev(tmp_path, FULL_DEV, "A")
    dev_b = write_dev(tmp_path, FULL_DEV, "B")
    out = tmp_path / "out"
    # every run here is a process of its own: the hashes of their sets are compared, and the SMT-LIB text
    # in a z3 record carries z3's term numbering, which depends on what the process did with z3 before
    done = cli("proofs", "check", str(dev_a), "--out", str(out), "--quiet", cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    old_hash = _manifest_hash(out)
    hashes = set()
    for delay in (0.5, 2.0, 4.0, 6.0):
        proc = subprocess.Popen([sys.executable, "-m", "proofs", "check", str(dev_b), "--out", str(out),
                                 "--quiet", "--no-cache"], cwd=tmp_path,
                                env=env(PROOFS_TEST_SLEEP="1"), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(delay)
        os.killpg(proc.pid, signal.SIGKILL)          # the check and its forked workers
        proc.wait()
        result = verify_dir(out)
        assert result.failures == [], (delay, result.failures)
        hashes.add(_manifest_hash(out))
    done = cli("proofs", "check", str(dev_b), "--out", str(out), "--quiet", cwd=tmp_path)
    new_hash = _manifest_hash(out)
    assert hashes <= {old_hash, new_hash}
    assert verify_dir(out).failures == []


def test_hashes_are_deterministic_across_runs_and_hash_seeds(tmp_path):
    dev = write_dev(tmp_path, FULL_DEV, "A")
    outs = []
    for i, hash_seed in enumerate(("1", "2")):
        out = tmp_path / f"out{i}"
        done = cli("proofs", "check", str(dev), "--out", str(out), "--quiet", "--no-cache", cwd=tmp_path,
                   PYTHONHASHSEED=hash_seed)       # read when the interpreter starts: a process each
        assert done.returncode in (0, 1), done.stderr
        outs.append(out)
    first, second = (json.loads((o / "manifest.json").read_text()) for o in outs)
    assert first["certificates"] == second["certificates"]
    assert first["hash"] == second["hash"]


def test_cache_reuses_definite_results_and_keeps_hashes(tmp_path):
    dev = write_dev(tmp_path, FULL_DEV, "A")
    counter = tmp_path / "counter"
    out = tmp_path / "out"

    def run(*extra):
        done = call_cli("check", str(dev), "--out", str(out), "--quiet", "--cache", str(tmp_path / "cache"),
                        *extra, cwd=tmp_path, PROOFS_TEST_COUNTER=str(counter))
        assert done.returncode in (0, 1), done.stderr
        return _manifest_hash(out), len(counter.read_text().splitlines())

    first_hash, runs = run()
    assert runs == 1
    cached_hash, runs = run()
    assert runs == 1 and cached_hash == first_hash          # taken from the cache, same certificates
    _, runs = run("--seed", "7")
    assert runs == 2                                        # another seed is another fingerprint
    _, runs = run("--no-cache")
    assert runs == 3
    assert verify_dir(out).failures == []


def test_a_run_fingerprints_each_obligation_once(tmp_path, monkeypatch):
    """A miss is looked up and then stored under one key; computing it twice cost a cold run of the paper
    seconds. The second, warm run finds every entry under the key the first stored."""
    import proofs.cache as cache_module
    from proofs.checker import check
    from proofs.development import load_development

    dev = load_development(write_dev(tmp_path, TINY_DEV, "A", name="tiny"))
    calls: list[str] = []
    real = cache_module.fingerprint

    def counted(ob, *rest):
        calls.append(ob.name)
        return real(ob, *rest)

    monkeypatch.setattr(cache_module, "fingerprint", counted)
    cache = cache_module.ObligationCache(tmp_path / "cache")
    check(dev, timeout=60, jobs=1, cache=cache)
    assert calls and len(calls) == len(set(calls)) and cache.stored == len(calls)
    warm = cache_module.ObligationCache(tmp_path / "cache")
    check(dev, timeout=60, jobs=1, cache=warm)
    assert warm.hits == cache.stored


def test_cache_ignores_entries_whose_fingerprint_differs(tmp_path):
    from proofs.cache import ObligationCache, fingerprint
    from proofs.development import load_development
    from proofs.model import Outcome, Verdict

    dev = load_development(str(write_dev(tmp_path, TINY_DEV, "A", name="tiny")))
    ob = dev["lem:id"].obligations()[0]
    from proofs.backends import get

    cache = ObligationCache(tmp_path / "cache")
    statement = get(ob.backend).statement(ob.payload)
    cache.put(ob, 1, 10.0, "quick", Outcome(Verdict.PROVED, message="ok", record={**statement, "a": (1, 2)}))
    cache.put(ob, 2, 10.0, "quick", Outcome(Verdict.UNKNOWN, message="timed out"))
    assert cache.get(ob, 1, 10.0, "quick").record["a"] == [1, 2]
    cache.put(ob, 3, 10.0, "quick", Outcome(Verdict.PROVED, message="ok", record={"kind": "identity"}))
    assert cache.get(ob, 3, 10.0, "quick") is None            # a record that does not state the obligation
    assert cache.get(ob, 2, 10.0, "quick") is None            # unknown is never stored
    assert cache.get(ob, 1, 20.0, "quick") is None            # another time limit
    assert cache.get(ob, 1, 10.0, "thorough") is None
    path = tmp_path / "cache" / "obligations" / f"{fingerprint(ob, 1, 10.0, 'quick')}.json"
    entry = json.loads(path.read_text())
    entry["fingerprint"] = "0" * 64
    path.write_text(json.dumps(entry))
    assert cache.get(ob, 1, 10.0, "quick") is None            # a mismatched entry is not trusted


def test_numeric_fingerprint_follows_the_run_function(tmp_path):
    from proofs.cache import fingerprint
    from proofs.model import Numeric, NumericResult, Obligation

    def make(scale):
        def run(rng, profile):
            return NumericResult((1,), (scale,), 1.0)
        return run

    a = fingerprint(Obligation("n", Numeric(make(1.0), "d")), 1, 10.0, "quick")
    b = fingerprint(Obligation("n", Numeric(make(2.0), "d")), 1, 10.0, "quick")
    c = fingerprint(Obligation("n", Numeric(make(1.0), "other")), 1, 10.0, "quick")
    assert a and b and c and len({a, b, c}) == 3
    assert fingerprint(Obligation("n", Numeric(lambda rng, p, obj=object(): obj, "d")),  # noqa: B008 - the point
                       1, 10.0, "q") is None


def test_a_symbolic_payload_is_keyed_by_everything_it_states():
    """The pickle key: assumptions and dummies count; the same payload built twice has one key; a payload
    holding a development's function is keyed by srepr (a function pickles by its name only)."""
    import sympy as sp

    from proofs.cache import fingerprint, payload_key
    from proofs.model import Identity, Obligation

    def key(payload):
        return fingerprint(Obligation("s", payload), 1, 10.0, "quick")

    x, xr = sp.Symbol("x"), sp.Symbol("x", real=True)
    f, fr = sp.Function("f"), sp.Function("f", real=True)
    keys = [key(Identity(f(x) + 1, 1 + f(x))), key(Identity(fr(x) + 1, 1 + fr(x))),
            key(Identity(f(xr) + 1, 1 + f(xr))), key(Identity(sp.Dummy("d"), 0)), key(Identity(sp.Dummy("d"), 0))]
    assert all(keys) and len(set(keys)) == 5
    assert key(Identity(f(x) + 1, 1 + f(x))) == keys[0]
    assert payload_key(Identity(f(x), f(x)))[0] == "pickle"

    def development_function():
        return 0

    holding = Identity(x, x)
    object.__setattr__(holding, "assumptions", (development_function,))
    assert payload_key(holding)[0] == "identity"


def test_a_payload_key_does_not_depend_on_how_its_terms_are_shared():
    """SymPy's cache decides whether two equal subterms are one object; a run that built the hypothesis and the
    conclusion at other times (another order of nodes, a cleared cache) must find the same key."""
    import sympy as sp
    from sympy.core.cache import clear_cache

    from proofs.cache import payload_key
    from proofs.model import Implication

    x = sp.Symbol("x", real=True)
    term = sp.sin(x) + sp.cos(x)
    shared = Implication((term > 0,), term >= 0)
    clear_cache()
    again = sp.sin(x) + sp.cos(x)
    apart = Implication((term > 0,), again >= 0)
    assert apart.conclusion.args[0] is not apart.hypotheses[0].args[0]
    assert shared.conclusion.args[0] is shared.hypotheses[0].args[0]
    assert payload_key(apart) == payload_key(shared)
    assert payload_key(apart)[0] == "pickle"
    assert payload_key(Implication((term > 0,), again > 0)) != payload_key(shared)


@pytest.mark.parametrize("node", ["lem:id"])
def test_written_set_is_readable_through_the_fixed_names(tmp_path, node):
    run = check_dev(write_dev(tmp_path, TINY_DEV, "A", name="tiny"), timeout=60)
    paths = write_certificates(run, tmp_path / "out")
    assert paths[node] == "certificates/lem_id.json"
    out = tmp_path / "out"
    assert os.path.islink(out / "current") and (out / paths[node]).is_file()
    assert not failed_nodes(verify_dir(out))


def test_fingerprint_follows_the_engine_modules_a_backend_relies_on(tmp_path, monkeypatch):
    """An edit of the vacuity guard (not the backend's own module) must not reuse old answers."""
    import proofs.cache as cache_module
    from proofs.development import load_development

    dev = load_development(str(write_dev(tmp_path, TINY_DEV, "A", name="tiny")))
    ob = dev["lem:id"].obligations()[0]
    before = cache_module.fingerprint(ob, 1, 10.0, "quick")
    copy = tmp_path / "engine"
    for name in cache_module._ENGINE_SOURCES:
        source = Path(cache_module.__file__).resolve().parents[1] / name
        target = copy / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    monkeypatch.setattr(cache_module, "__file__", str(copy / "proofs" / "cache.py"))
    cache_module._engine_source_hash.cache_clear()
    try:
        assert cache_module.fingerprint(ob, 1, 10.0, "quick") == before       # same sources, same key
        (copy / "proofs" / "vacuity.py").write_text((copy / "proofs" / "vacuity.py").read_text() + "\n# edited\n")
        cache_module._engine_source_hash.cache_clear()
        assert cache_module.fingerprint(ob, 1, 10.0, "quick") != before
    finally:
        cache_module._engine_source_hash.cache_clear()     # the next fingerprint hashes the real sources


def test_a_record_that_does_not_state_its_obligation_is_never_stored(tmp_path):
    """The statement is checked when an entry is written; a record of another claim never enters the cache."""
    import sympy as sp

    from certificates.canonical import jsonable
    from proofs.backends import get
    from proofs.cache import ObligationCache
    from proofs.model import Identity, Obligation, Outcome, Verdict

    x = sp.Symbol("x", real=True)
    ob, other = Obligation("s", Identity(x + x, 2 * x)), Obligation("s", Identity(x * x, x ** 2))
    cache, statement = ObligationCache(tmp_path), get("sympy").statement
    cache.put(ob, 1, 10.0, "quick", Outcome(Verdict.PROVED, record=jsonable(statement(other.payload))))
    assert cache.get(ob, 1, 10.0, "quick") is None and cache.stored == 0
    cache.put(ob, 1, 10.0, "quick", Outcome(Verdict.PROVED, record=jsonable(statement(ob.payload))))
    stored = cache.get(ob, 1, 10.0, "quick")
    assert stored is not None and stored.record == jsonable(statement(ob.payload)) and cache.stored == 1
