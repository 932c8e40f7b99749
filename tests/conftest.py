"""Session-wide test settings: `check` run by a test writes into a temporary directory."""
import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _proofs_out(tmp_path_factory):
    previous = os.environ.get("PROOFS_OUT")
    os.environ["PROOFS_OUT"] = str(tmp_path_factory.mktemp("proofs-out"))
    yield
    if previous is None:
        os.environ.pop("PROOFS_OUT", None)
    else:
        os.environ["PROOFS_OUT"] = previous
