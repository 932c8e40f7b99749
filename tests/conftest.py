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
    """Outputs and the result cache of the runs a test starts live in this session's temporary directory:
    never the checkout's proofs-out, never the user's cache."""
    previous = {name: os.environ.get(name) for name in ("PROOFS_OUT", "PROOFS_CACHE")}
    os.environ["PROOFS_OUT"] = str(tmp_path_factory.mktemp("proofs-out"))
    os.environ["PROOFS_CACHE"] = str(tmp_path_factory.mktemp("proofs-cache"))
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
