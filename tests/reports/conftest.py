"""A checked run of the synthetic development, shared by the report tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from proofs.checker import check
from proofs.development import load_development
from proofs.summary import run_summary, write_json

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def checked_run(tmp_path_factory):
    """run.json of the synthetic development (checked in-process, seed fixed)."""
    dev = load_development(str(HERE / "synthetic_dev.py"))
    run = check(dev, jobs=0, seed=7)
    directory = tmp_path_factory.mktemp("run")
    write_json(run_summary(run), str(directory / "run.json"))
    return directory


@pytest.fixture
def run_dir(checked_run, tmp_path):
    """A private copy, so a test may add or break files."""
    target = tmp_path / "run"
    shutil.copytree(checked_run, target)
    return target
