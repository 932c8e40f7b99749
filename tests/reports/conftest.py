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


@pytest.fixture(scope="session")
def paper_statements_run(tmp_path_factory):
    """run.json with every statement of the paper's development (not checked; see paper_statements.py)."""
    from paper_statements import write_statement_run

    return write_statement_run(tmp_path_factory.mktemp("paper-statements"))


SCREENSHOTS: list[Path] = []


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory):
    """Where the browser tests leave screenshots for a person to look at ($PROOFS_SCREENSHOTS to choose).

    Not pytest's rotating temporary directory: the pictures should outlive a few later test runs.
    """
    import os
    import tempfile

    chosen = os.environ.get("PROOFS_SCREENSHOTS")
    directory = Path(chosen) if chosen else Path(tempfile.gettempdir()) / "proofs-report-screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    SCREENSHOTS.append(directory)
    return directory


def pytest_terminal_summary(terminalreporter):
    for directory in SCREENSHOTS:
        shots = sorted(p.name for p in directory.glob("*.png"))
        if shots:
            terminalreporter.write_line(f"report screenshots in {directory}: {', '.join(shots)}")


@pytest.fixture
def run_dir(checked_run, tmp_path):
    """A private copy, so a test may add or break files."""
    target = tmp_path / "run"
    shutil.copytree(checked_run, target)
    return target
