"""The kernel's pool: re-checks run in long runs in few children (warm caches), and a job left idle takes over
the second half of the longest run still going, so one long run does not keep the other core waiting."""
from __future__ import annotations

import os
import time

import pytest

from certificates import judge, pool


def _sleep_pid(seconds: float) -> list:
    time.sleep(seconds)
    return [os.getpid(), seconds]


def _slow(seconds: float) -> list:
    time.sleep(seconds)
    return [True, "slow"]


@pytest.mark.timeout(60)
def test_an_idle_job_takes_over_the_second_half_of_a_long_run():
    tasks = [(("t", i), _sleep_pid, (0.1,)) for i in range(20)]
    done: list = []
    start = time.monotonic()
    answers = pool.run_bounded(tasks, jobs=2, seconds=10, batch=len(tasks), steal=True,
                               on_done=lambda key, answer: done.append(key))
    elapsed = time.monotonic() - start
    assert sorted(done) == sorted(key for key, _, _ in tasks)          # each answered once
    assert all(answers[key].kind == "done" and answers[key].value[1] == 0.1 for key, _, _ in tasks)
    pids = {answers[key].value[0] for key, _, _ in tasks}
    assert len(pids) >= 2                                               # the second job took part
    assert elapsed < 1.8                                                # not 20 x 0.1 s one after another


@pytest.mark.timeout(60)
def test_without_stealing_one_run_stays_in_one_child():
    tasks = [(("t", i), _sleep_pid, (0.01,)) for i in range(10)]
    answers = pool.run_bounded(tasks, jobs=2, seconds=10, batch=len(tasks))
    assert len({answers[key].value[0] for key, _, _ in tasks}) == 1


@pytest.mark.timeout(60)
def test_a_run_taken_over_keeps_each_deadline_and_answers_everything():
    tasks = [(("a", i), _sleep_pid, (0.05,)) for i in range(6)] + [(("slow",), _slow, (30,))]
    tasks += [(("b", i), _sleep_pid, (0.05,)) for i in range(6)]
    answers = pool.run_bounded(tasks, jobs=2, seconds=2, batch=len(tasks), steal=True)
    assert answers[("slow",)].kind == "timeout"
    assert all(answers[key].kind == "done" for key, _, _ in tasks if key != ("slow",))


@pytest.mark.timeout(120)
def test_the_judge_runs_its_rechecks_in_long_runs_that_jobs_share(monkeypatch):
    """judge hands run_bounded all its short re-checks as one run, with stealing."""
    seen: dict = {}

    def recording(tasks, **kw):
        seen.update(kw)
        return {}
    monkeypatch.setattr(judge, "run_bounded", recording)
    monkeypatch.setattr(judge, "executor_named", lambda spec: recording)
    nodes = [{"id": f"n{i}", "kind": "lemma", "deps": [], "obligations": [
        {"name": "o", "backend": "numeric", "verdict": "agrees", "message": "", "seconds": 0.0,
         "counterexample": None, "record": {"kind": "numeric", "residuals": [0.0], "tolerance": 1e-6,
                                            "resolutions": [], "expect": "agrees"}}]} for i in range(40)]
    judge.judge(nodes, jobs=2)
    assert seen.get("steal") is True and seen.get("batch", 0) >= 40
