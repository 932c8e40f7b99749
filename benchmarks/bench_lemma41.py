"""Benchmark: the numeric backend versus an interpolation baseline on the left side of Lemma 4.1.

Quantity: ``(T_h^{-1} Λ_λ T_h f)(x)`` on a 25×25 grid of points x, for maps from every class.
- backend: closed-form ``T_h f`` and batched midpoint quadrature at the points (``convolve_at``);
- baseline: sample f on a pixel grid, ``scipy.ndimage.affine_transform`` (cubic) for ``T_h f``,
  ``scipy.signal.convolve2d`` with the sampled filter, cubic interpolation of the map at ``T_h x``.
Both are compared with a reference (backend at 256 nodes per axis). The baseline grid is refined
until its error reaches the backend's (or the largest grid is hit), so the speed ratio is at equal
accuracy where the baseline can reach it. Ratios are measured in one run; run `python benchmarks/bench_lemma41.py`.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.ndimage import affine_transform, map_coordinates
from scipy.signal import convolve2d

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from symbolic.numeric import convolve_at, sample, sample_any, sample_compact  # noqa: E402

HALF = 3.0                       # baseline canvas [-3, 3]^2
BASELINE_GRIDS = (96, 192, 384, 768)
BACKEND_NODES = 48


def baseline(f, lam, tm: np.ndarray, pts: np.ndarray, n: int) -> np.ndarray:
    h = 2 * HALF / n
    axis = -HALF + h * (np.arange(n) + 0.5)
    xx = np.stack(np.meshgrid(axis, axis, indexing="ij"), -1)
    img = f(xx)
    # (T f)(y) = f(T^{-1} y): output index o -> input index  T^{-1}(o h + c0)/h - c0/h
    inv = np.linalg.inv(tm)
    c0 = -HALF + 0.5 * h
    offset = (inv @ np.full(2, c0) - np.full(2, c0)) / h
    tf = affine_transform(img, inv, offset=offset, order=3, mode="constant")
    m = int(np.ceil(lam.radius / h))
    k_axis = h * np.arange(-m, m + 1)
    kk = np.stack(np.meshgrid(k_axis, k_axis, indexing="ij"), -1)
    feat = convolve2d(tf, lam(kk), mode="same") * h * h
    src = ((pts @ tm.T) - c0) / h                          # evaluate the map at T_h x
    return map_coordinates(feat, src.T, order=3, mode="constant")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default="lemma41.json", help="where the figures go (default lemma41.json)")
    args = parser.parse_args()
    rng = np.random.default_rng(20201124)
    g = np.linspace(-0.8, 0.8, 25)
    pts = np.stack(np.meshgrid(g, g, indexing="ij"), -1).reshape(-1, 2)
    rows = []
    for cls in ("rotation", "reflection", "uniform_scaling", "nonuniform_scaling", "shear", "affine_neg"):
        t = sample(rng, cls, 2)
        f, lam = sample_any(rng, 2, 0.8), sample_compact(rng, 2, 0.6)
        tm = t.matrix
        ref = convolve_at(f.transformed(tm), lam, pts @ tm.T, 256)
        scale = np.max(np.abs(ref))
        t0 = time.perf_counter()
        ours = convolve_at(f.transformed(tm), lam, pts @ tm.T, BACKEND_NODES)
        t_ours = time.perf_counter() - t0
        e_ours = np.max(np.abs(ours - ref)) / scale
        same = None
        for n in BASELINE_GRIDS:
            t0 = time.perf_counter()
            base = baseline(f, lam, tm, pts, n)
            t_base = time.perf_counter() - t0
            e_base = np.max(np.abs(base - ref)) / scale
            same = (n, t_base, e_base)
            if e_base <= e_ours:
                break
        n, t_base, e_base = same
        rows.append((cls, t_ours, e_ours, n, t_base, e_base))
    print(f"{'class':20s} {'backend s':>10s} {'backend err':>12s} {'baseline px':>11s} {'baseline s':>10s} "
          f"{'baseline err':>12s} {'speed ratio':>11s} {'error ratio':>11s}")
    for cls, to, eo, n, tb, eb in rows:
        print(f"{cls:20s} {to:10.4f} {eo:12.2e} {n:11d} {tb:10.4f} {eb:12.2e} {tb / to:11.1f} "
              f"{eb / max(eo, 1e-300):11.2e}")
    to = sum(r[1] for r in rows)
    tb = sum(r[4] for r in rows)
    median = float(np.median([r[5] / max(r[2], 1e-300) for r in rows]))
    print(f"total: backend {to:.3f}s, baseline {tb:.3f}s, speed ratio {tb / to:.1f}; median error ratio {median:.2e}")
    Path(args.json).write_text(json.dumps({
        "classes": [{"class": c, "backend_s": o, "backend_err": eo, "baseline_px": n, "baseline_s": b,
                     "baseline_err": eb} for c, o, eo, n, b, eb in rows],
        "backend_s": to, "baseline_s": tb, "speed_ratio": tb / to, "median_error_ratio": median}, indent=2) + "\n")


if __name__ == "__main__":
    main()
