"""Session-wide test settings: seeded property tests; `check` run by a test writes into a temporary directory."""
import os

import pytest
from hypothesis import settings

# property-based tests draw the same examples on every machine and in every run: a failure seen in CI
# is the failure seen at the desk, and no run depends on luck
settings.register_profile("seeded", derandomize=True, database=None)
settings.load_profile("seeded")


@pytest.fixture(autouse=True, scope="session")
def _proofs_out(tmp_path_factory):
    previous = os.environ.get("PROOFS_OUT")
    os.environ["PROOFS_OUT"] = str(tmp_path_factory.mktemp("proofs-out"))
    yield
    if previous is None:
        os.environ.pop("PROOFS_OUT", None)
    else:
        os.environ["PROOFS_OUT"] = previous
