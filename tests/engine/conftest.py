"""Small synthetic developments written to a temporary directory, and a CLI runner."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

HEADER = """
import sympy as sp
from proofs import Development, Identity, Implication, Obligation, Chain, Step
DEVELOPMENT = Development("synthetic")
x, y = sp.symbols("x y", real=True)
f = sp.Function("f")
"""


@pytest.fixture
def write_dev(tmp_path):
    def write(body: str, name: str = "dev.py") -> Path:
        path = tmp_path / name
        path.write_text(HEADER + textwrap.dedent(body))
        return path
    return write


