"""Broken and hostile developments, run through the CLI as a user would.

Each case must give a clear message naming the node and/or the file, the right
status and exit code (2 for input errors, 1 when a node is not accepted), and
never a traceback. The CLI runs in the test process (`call_cli`), except where
the case is about the process: a hang or a time limit, a module hidden before
start-up, a worker that dies, a backend registered into the process's registry
(`run_cli`, a fresh `python -m proofs`).
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from robust_helpers import assert_clean, call_cli, run_cli, write_dev

GOOD = """
@DEVELOPMENT.lemma("lemma:good", "Good", "x(x+1) = x^2 + x")
def good():
    yield Obligation("expand", Identity(x * (x + 1), x ** 2 + x))
"""

# --------------------------------------------------------------------------- input errors: exit 2

INPUT_ERRORS = {
    "syntax-error": ("def broken(:\n    pass\n", ["syntax error", "dev.py:"]),
    "import-error": ("import no_such_module_for_proofs_tests\n",
                     ["no_such_module_for_proofs_tests", "install the missing module"]),
    "module-raises": ("raise RuntimeError('boom at import')\n", ["boom at import", "RuntimeError"]),
    "module-exits-0": ("sys.exit(0)\n", ["exit"]),
    "module-exits-1": ("raise SystemExit(1)\n", ["exit"]),
    "no-development": ("DEVELOPMENT = None\n", ["defines no DEVELOPMENT"]),
    "development-wrong-type": ("DEVELOPMENT = 42\n", ["defines no DEVELOPMENT"]),
    "cycle": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a", deps=["lemma:b"])
        def a():
            yield Obligation("i", Identity(x, x))
        @DEVELOPMENT.lemma("lemma:b", "B", "b", deps=["lemma:a"])
        def b():
            yield Obligation("i", Identity(x, x))
        """, ["dependency cycle", "lemma:a", "lemma:b", "dev.py:"]),
    "self-dependency": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a", deps=["lemma:a"])
        def a():
            yield Obligation("i", Identity(x, x))
        """, ["depends on itself", "lemma:a"]),
    "duplicate-id": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            yield Obligation("i", Identity(x, x))
        @DEVELOPMENT.lemma("lemma:a", "A again", "a")
        def a2():
            yield Obligation("i", Identity(x, x))
        """, ["duplicate id", "lemma:a", "dev.py:"]),
    "unknown-dependency": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a", deps=["lemma:nowhere"])
        def a():
            yield Obligation("i", Identity(x, x))
        """, ["unknown id 'lemma:nowhere'", "node lemma:a", "dev.py:"]),
    "unknown-backend": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            yield Obligation("i", Identity(x, x), backend="mathematica")
        """, ["backend 'mathematica'", "lemma:a"]),
    "payload-wrong-type": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            yield Obligation("i", "x == x")
        """, ["lemma:a", "does not exist"]),
    "claim-without-obligation": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            return iter(())
        """, ["no obligation", "lemma:a"]),
    "two-obligations-same-name": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            yield Obligation("i", Identity(x, x))
            yield Obligation("i", Identity(y, y))
        """, ["two obligations named 'i'", "lemma:a"]),
    "step-by-undeclared-dependency": ("""
        DEVELOPMENT.definition("def:d", "D", "d")
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            yield Obligation("c", Chain(x, (Step(x, rule="definition", by="def:d"),)))
        """, ["'def:d'", "not among the node's dependencies", "lemma:a"]),
    "contribution-to-unknown-id": ("""
        @DEVELOPMENT.also("lemma:ghost")
        def more():
            yield Obligation("i", Identity(x, x))
        """, ["unknown id 'lemma:ghost'", "dev.py:"]),
    "builder-exits-0": ("""
        @DEVELOPMENT.lemma("lemma:a", "A", "a")
        def a():
            sys.exit(0)
            yield
        """, ["lemma:a"]),
}


@pytest.mark.parametrize("case", sorted(INPUT_ERRORS))
def test_input_errors_exit_2_with_a_clear_message(case, dev_dir):
    body, expected = INPUT_ERRORS[case]
    standalone = case in ("syntax-error", "no-development", "development-wrong-type")
    path = write_dev(dev_dir, textwrap.dedent(body) + ("" if standalone else GOOD))
    proc = call_cli("check", str(path), "--quiet", "--no-out", "--jobs", "1")
    assert_clean(proc)
    if case == "builder-exits-0":  # a builder is part of a node: the node fails, nothing exits 0
        assert proc.returncode == 1, proc.stderr + proc.stdout
        assert "lemma:a" in proc.stdout and "failed" in proc.stdout
        return
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert proc.stderr.startswith("error:"), proc.stderr
    for text in expected:
        assert text in proc.stderr, (text, proc.stderr)


def test_missing_paths_and_unknown_modules(dev_dir):
    for spec in (str(dev_dir / "nothing.py"), "no_such_development_module", str(dev_dir)):
        proc = call_cli("check", spec, "--quiet", "--no-out")
        assert_clean(proc)
        assert proc.returncode == 2 and proc.stderr.startswith("error:"), proc.stderr


def test_only_unknown_node(dev_dir):
    proc = call_cli("check", str(write_dev(dev_dir, GOOD)), "--only", "lemma:nope", "--quiet", "--no-out")
    assert_clean(proc)
    assert proc.returncode == 2 and "lemma:nope" in proc.stderr


def test_usage_errors(dev_dir):
    for args in (["check", "--timeout", "-1"], ["check", "--jobs", "many"], ["nonsense"], []):
        proc = call_cli(*args)
        assert_clean(proc)
        assert proc.returncode == 2, args


# --------------------------------------------------------------------------- run-time problems: exit 1

RUNTIME = {
    "builder-raises": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            raise ValueError("the encoding is broken here")
            yield
        """, "failed", ["the encoding is broken here", "ValueError"]),
    "builder-yields-wrong-type": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield 42
        """, "failed", ["expected Obligation", "int"]),
    "numeric-nan": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: NumericResult((8, 16), (float("nan"), 0.0), 1e-6)))
        """, "failed", ["NaN/inf"]),
    "numeric-inf": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: NumericResult((8, 16), (1.0, float("inf")), 1e-6)))
        """, "failed", ["NaN/inf"]),
    "numeric-infinite-tolerance": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: NumericResult((8, 16), (5.0, 5.0), float("inf"))))
        """, "failed", ["tolerance"]),
    "numeric-nan-tolerance": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: NumericResult((8, 16), (5.0, 5.0), float("nan"))))
        """, "failed", ["tolerance"]),
    "numeric-negative-residual": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: NumericResult((8, 16), (-1.0, -5.0), 1e-6)))
        """, "failed", ["negative"]),
    "numeric-wrong-return": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: {"residual": 0.0}))
        """, "failed", ["expected NumericResult"]),
    "numeric-raises": ("""
        def explode(rng, profile):
            return 1 / 0
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(explode))
        """, "failed", ["ZeroDivisionError"]),
    "numeric-string-residuals": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(lambda rng, profile: NumericResult((8,), ("zero",), 1e-6)))
        """, "failed", ["ValueError"]),
    "worker-os-exit": ("""
        def die(rng, profile):
            os._exit(7)
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(die))
        """, "failed", ["worker died", "exit code 7"]),
    "worker-sigkill": ("""
        import signal
        def die(rng, profile):
            os.kill(os.getpid(), signal.SIGKILL)
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(die))
        """, "failed", ["worker died"]),
    "worker-sys-exit-0": ("""
        def leave(rng, profile):
            sys.exit(0)
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(leave))
        """, "failed", ["SystemExit", "dev.py:"]),
    "unpicklable-result": ("""
        def odd(rng, profile):
            return NumericResult((8,), (0.0,), 1e-6, details={"f": lambda: 1})
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("n", Numeric(odd))
        """, "failed", ["could not be returned"]),
    "z3-untranslatable": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("z", Implication((x > 0,), sp.sin(x) < 2))
        """, "failed", ["cannot translate sin"]),
    "identity-false": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("i", Identity(f(2 * x), 2 * f(x)))
        """, "refuted", ["differ"]),
    "sympy-backend-on-implication": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("z", Implication((x > 0,), x > -1), backend="sympy")
        """, "failed", ["sympy cannot discharge Implication"]),
    "chain-unknown-rule": ("""
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("c", Chain(x, (Step(x, rule="magic"),)))
        """, "failed", ["unknown rule 'magic'"]),
    "backend-not-installed": ("""
        from proofs import backends, Outcome, Verdict
        class Missing:
            name = "missing-solver"
            def version(self):
                return None
            def discharge(self, obligation, *, timeout, seed, profile):
                raise AssertionError("never called")
        backends.register(Missing())
        @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
        def bad():
            yield Obligation("m", Identity(x, x), backend="missing-solver")
        """, "unknown", ["unavailable", "not installed"]),
}


# cases about a process of their own: the worker dies, or the development registers a backend (it would
# stay in the registry of the process that loads it)
IN_A_PROCESS = {"worker-os-exit", "worker-sigkill", "backend-not-installed"}


def _run_json(dev_dir: Path, body: str, *args: str, process: bool = False, **kw):
    """`check --json` on ``body`` + GOOD; ``process``: in a fresh `python -m proofs` (``kw``: run_cli's)."""
    path = write_dev(dev_dir, textwrap.dedent(body) + GOOD)
    out = dev_dir / "run.json"
    run = run_cli if process else call_cli
    proc = run("check", str(path), "--quiet", "--no-out", "--json", str(out), *args, **kw)
    assert_clean(proc)
    summary = json.loads(out.read_text()) if out.exists() else None
    return proc, summary


@pytest.mark.parametrize("case", sorted(RUNTIME))
def test_runtime_problems_fail_their_node_and_the_run_goes_on(case, dev_dir):
    body, status, expected = RUNTIME[case]
    proc, summary = _run_json(dev_dir, body, "--timeout", "20", process=case in IN_A_PROCESS)
    # unknown (an unavailable backend): incomplete, 3; anything else wrong: 1
    assert proc.returncode == (3 if status == "unknown" else 1), (proc.returncode, proc.stdout, proc.stderr)
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert nodes["lemma:good"]["status"] == "proved"          # the rest of the run completed
    bad = nodes["lemma:bad"]
    assert bad["status"] == status, bad
    text = bad["reason"] + " ".join(o["message"] + o["verdict"] for o in bad["obligations"])
    for snippet in expected:
        assert snippet in text, (snippet, text)
    assert "lemma:bad" in proc.stdout                         # the table names the node


NEVER_RETURNS = {
    "sleeps": """
    @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
    def bad():
        while True:
            time.sleep(0.05)
        yield
    """,
    "swallows-exceptions": """
    @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
    def bad():
        while True:
            try:
                time.sleep(0.05)
            except Exception:
                pass
        yield
    """,
}


@pytest.mark.parametrize("case", sorted(NEVER_RETURNS))
def test_a_builder_that_never_returns_fails_its_node_within_the_build_limit(dev_dir, case):
    proc, summary = _run_json(dev_dir, NEVER_RETURNS[case], process=True, env={"PROOFS_BUILD_TIMEOUT": "2"})
    assert proc.returncode == 1, proc.stdout + proc.stderr
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert nodes["lemma:good"]["status"] == "proved"
    assert nodes["lemma:bad"]["status"] == "failed"
    assert "took longer than 2s" in nodes["lemma:bad"]["reason"], nodes["lemma:bad"]


def test_in_process_mode_survives_sys_exit(dev_dir):
    body, _, _ = RUNTIME["worker-sys-exit-0"]
    proc, summary = _run_json(dev_dir, body, "--jobs", "0")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert {n["id"]: n["status"] for n in summary["nodes"]}["lemma:bad"] == "failed"


def test_garbage_on_stdout_and_stderr_does_not_corrupt_json(dev_dir):
    body = """
    print("GARBAGE at import {]")
    def noisy(rng, profile):
        print("GARBAGE from the worker {]" * 1000)
        sys.stdout.flush()
        os.write(1, b"RAW GARBAGE \\xff\\xfe{\\n")
        os.write(2, b"RAW STDERR GARBAGE \\xff\\n")
        return NumericResult((8, 16), (1e-3, 1e-9), 1e-6)
    @DEVELOPMENT.lemma("lemma:noisy", "Noisy", "n")
    def noisy_node():
        print("GARBAGE from the builder {]")
        yield Obligation("n", Numeric(noisy))
    """
    path = write_dev(dev_dir, textwrap.dedent(body) + GOOD)
    proc = call_cli("check", str(path), "--no-out", "--json", "-")
    assert_clean(proc)
    data = json.loads(proc.stdout)          # stdout is exactly the JSON summary
    statuses = {n["id"]: n["status"] for n in data["nodes"]}
    assert statuses == {"lemma:noisy": "corroborated", "lemma:good": "proved"}
    assert proc.returncode == 0


def test_hanging_obligation_times_out_as_unknown(dev_dir):
    body = """
    def hang(rng, profile):
        while True:
            time.sleep(0.1)
    @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
    def bad():
        yield Obligation("n", Numeric(hang))
    """
    proc, summary = _run_json(dev_dir, body, "--timeout", "1", process=True, env={"PROOFS_KILL_GRACE": "0.5"})
    assert proc.returncode == 3      # incomplete: no answer is neither success nor wrong
    bad = {n["id"]: n for n in summary["nodes"]}["lemma:bad"]
    assert bad["status"] == "unknown" and "timed out" in bad["reason"]


def test_hanging_sympy_is_unknown_and_dependants_blocked(dev_dir):
    body = """
    def spin(*args, **kw):
        while True:
            pass
    import proofs.backends.sympy_backend as sb
    @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
    def bad():
        sb.proves_equal = spin   # only the forked worker ever calls it
        yield Obligation("i", Identity(x, x))
    @DEVELOPMENT.lemma("lemma:after", "After", "a", deps=["lemma:bad"])
    def after():
        yield Obligation("i", Identity(y, y))
    """
    proc, summary = _run_json(dev_dir, body, "--timeout", "1", process=True, env={"PROOFS_KILL_GRACE": "0.5"})
    statuses = {n["id"]: n["status"] for n in summary["nodes"]}
    assert statuses["lemma:bad"] == "unknown" and statuses["lemma:after"] == "blocked"
    assert proc.returncode == 3      # incomplete: no answer is neither success nor wrong


def test_z3_answering_unknown_is_not_success(dev_dir):
    # Fermat for cubes over the integers: nonlinear integer arithmetic, z3 gives up or times out
    body = """
    a, b, c = sp.symbols("a b c", integer=True)
    @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
    def bad():
        yield Obligation("z", Implication((a > 0, b > 0, c > 0), sp.Ne(a**3 + b**3, c**3),
                                          integer_symbols=(a, b, c)))
    """
    proc, summary = _run_json(dev_dir, body, "--timeout", "2", process=True)
    bad = {n["id"]: n for n in summary["nodes"]}["lemma:bad"]
    assert bad["status"] == "unknown", bad
    assert proc.returncode == 3      # incomplete: no answer is neither success nor wrong


def test_z3_not_installed_is_reported_unavailable(dev_dir):
    body = """
    @DEVELOPMENT.lemma("lemma:bad", "Bad", "b")
    def bad():
        yield Obligation("z", Implication((x > 0,), x > -1))
    """
    proc, summary = _run_json(dev_dir, body, process=True, prelude="import sys; sys.modules['z3'] = None")
    nodes = {n["id"]: n for n in summary["nodes"]}
    assert nodes["lemma:good"]["status"] == "proved"
    bad = nodes["lemma:bad"]
    assert bad["status"] == "unknown" and bad["obligations"][0]["verdict"] == "unavailable"
    assert "not installed" in bad["reason"]
    assert proc.returncode == 3      # incomplete: no answer is neither success nor wrong


def test_a_missing_dependency_of_the_tool_is_named_with_the_fix():
    proc = run_cli("check", "--no-out", prelude="import sys; sys.modules['rich'] = None")
    assert_clean(proc)
    assert proc.returncode == 2
    assert "needs the package 'rich'" in proc.stderr and "pip install" in proc.stderr


def test_registering_a_backend_keeps_the_builtin_ones(dev_dir):
    body = RUNTIME["backend-not-installed"][0]
    _, summary = _run_json(dev_dir, body, process=True)        # builtins load after the registration
    assert {n["id"]: n["status"] for n in summary["nodes"]}["lemma:good"] == "proved"
