"""Both profiles are usable by every obligation shape (same number of levels in 2D and 3D)."""
from __future__ import annotations

import numpy as np

from developments.paper import numerics
from proofs.backends.numeric_backend import judge
from proofs.model import Verdict
from symbolic.numeric import PROFILES


def test_profiles_have_matching_levels():
    for prof in PROFILES.values():
        assert len(prof.res2) == len(prof.res3)


def test_thorough_profile_runs_a_mixed_dimension_obligation():
    ob = numerics.REGISTRY["lemma:5.6"][0]
    result = ob.payload.run(np.random.default_rng(5), "thorough")
    assert len(result.residuals) == len(PROFILES["thorough"].res2)
    assert judge(result)[0] == Verdict.AGREES
