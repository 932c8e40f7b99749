"""Fixtures of the certificate tests: each synthetic development is checked and written once."""
from __future__ import annotations

from pathlib import Path

import pytest
from cert_helpers import FULL_DEV, TINY_DEV, check_dev, write_dev


@pytest.fixture(scope="session")
def full_out(tmp_path_factory) -> Path:
    """The full synthetic development, checked and written once per test session; tests only read it."""
    from proofs.writer import write_certificates

    base = tmp_path_factory.mktemp("full")
    run = check_dev(write_dev(base, FULL_DEV), timeout=60)
    write_certificates(run, base / "out")
    return base / "out"


@pytest.fixture(scope="session")
def tiny_out(tmp_path_factory) -> Path:
    from proofs.writer import write_certificates

    base = tmp_path_factory.mktemp("tiny")
    run = check_dev(write_dev(base, TINY_DEV, name="tiny"), timeout=60)
    write_certificates(run, base / "out")
    return base / "out"
