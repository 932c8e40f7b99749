"""Sampling profiles: ``quick`` (default, CI) and ``thorough`` (finer grids, more samples)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    res2: tuple[int, ...]      # quadrature nodes per axis, 2D
    res3: tuple[int, ...]      # quadrature nodes per axis, 3D
    nested2: tuple[int, ...]   # per-layer nodes per axis for nested (two-layer) quadrature, 2D
    per_class: int             # sampled maps per transformation class
    points: int                # evaluation points per instance
    canvases: tuple[int, ...]  # discrete CNN canvas sizes
    cnn_trials: int            # random CNNs per experiment

    def __post_init__(self) -> None:
        if len(self.res2) != len(self.res3):
            raise ValueError(f"profile {self.name}: 2D and 3D grids need the same number of levels")

    def res(self, dim: int) -> tuple[int, ...]:
        return self.res2 if dim == 2 else self.res3


PROFILES = {
    "quick": Profile("quick", res2=(24, 48, 96), res3=(20, 36, 52), nested2=(10, 16, 24),
                     per_class=1, points=4, canvases=(81, 121), cnn_trials=1),
    "thorough": Profile("thorough", res2=(32, 64, 128, 192), res3=(20, 32, 48, 64), nested2=(12, 20, 32),
                        per_class=3, points=8, canvases=(81, 121, 161), cnn_trials=3),
}


def get(name: str) -> Profile:
    """The named profile; unknown names fall back to ``quick`` only when the name is ``None``/empty."""
    if not name:
        return PROFILES["quick"]
    if name not in PROFILES:
        raise ValueError(f"unknown numeric profile {name!r}; known: {', '.join(PROFILES)}")
    return PROFILES[name]
