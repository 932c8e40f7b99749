"""Fixtures of the robustness tests."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def dev_dir(tmp_path: Path) -> Path:
    return tmp_path
