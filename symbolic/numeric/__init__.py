"""Numeric counterparts of the paper's objects, for cross-validating its claims.

Sampled linear maps of every class (:mod:`.transforms`), closed-form images and
filters (:mod:`.functions`), batched quadrature and FFT feature maps
(:mod:`.quadrature`), continuous and discrete CNNs (:mod:`.cnn`), and the generic
two-sided comparison that yields a :class:`proofs.model.NumericResult` (:mod:`.check`).
"""
from __future__ import annotations

from .check import Case, cross_check, sequence_result
from .functions import Bump, Function, Gaussian, sample_any, sample_compact, sample_function
from .profiles import PROFILES, Profile
from .profiles import get as profile
from .quadrature import convolve_at, fft_feature_map, grid
from .transforms import CLASSES, Transform, sample, sample_classes

__all__ = [
    "Case", "cross_check", "sequence_result", "Bump", "Function", "Gaussian", "sample_any",
    "sample_compact", "sample_function", "PROFILES", "Profile", "profile", "convolve_at",
    "fft_feature_map", "grid", "CLASSES", "Transform", "sample", "sample_classes",
]
