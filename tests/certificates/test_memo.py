"""The kernel's memo of its re-checks: used only when it authenticates, never by verify."""
from __future__ import annotations

import json

from certificates.memo import Memo


def test_an_entry_is_used_only_when_it_authenticates(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    memo = Memo(tmp_path / "memo")
    key = memo.key({"ob": "anything"})
    memo.put(key, [[True, "re-proved"]])
    assert memo.get(key) == [[True, "re-proved"]]
    path = tmp_path / "memo" / f"{key}.json"
    entry = json.loads(path.read_text())
    entry["answers"] = [[True, "forged"]]
    path.write_text(json.dumps(entry))
    assert memo.get(key) is None                          # edited answers do not authenticate
    memo.put(key, [[False, "rejected"]])
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other-config"))
    assert Memo(tmp_path / "memo").get(key) is None       # another kernel secret: not its memory
    assert memo.key({"ob": "anything"}) != memo.key({"ob": "anything else"})


def test_a_warm_check_is_answered_by_the_memo_and_agrees(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cert_helpers import call_cli, write_dev

    dev = write_dev(tmp_path, '''
import sympy as sp
from proofs import Development, Identity, Implication, Obligation
DEVELOPMENT = Development("memo")
x = sp.Symbol("x", real=True)
@DEVELOPMENT.lemma("lemma:a", "A", "x^2 >= 0")
def _():
    yield Obligation("z", Implication((), x**2 >= 0))
    yield Obligation("s", Identity((x + 1)**2, x**2 + 2*x + 1))
''', name="memo")
    runs = []
    for _ in range(2):
        out = tmp_path / "run.json"
        done = call_cli("check", str(dev), "--no-out", "--quiet", "--json", str(out),
                        "--cache", str(tmp_path / "cache"), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(out.read_text()))
    assert runs[0]["kernel_remembered"] == 0 and runs[0]["kernel_rechecks"] > 0
    assert runs[1]["kernel_remembered"] > 0 and runs[1]["kernel_rechecks"] == 0
    assert [n["status"] for n in runs[0]["nodes"]] == [n["status"] for n in runs[1]["nodes"]]
