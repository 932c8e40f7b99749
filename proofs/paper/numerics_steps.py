"""Numeric cross-validation of the proof steps and remarks that ``numerics`` leaves out.

Same conventions as :mod:`proofs.paper.numerics`: each check evaluates both sides
of the node's printed statement on sampled instances, independently of the
symbolic encoding. Printed statements are checked as printed, so a false one
disagrees (the Jordan-block classification is computed from the matrix alone,
never read off the way an instance was built).
"""
from __future__ import annotations

import numpy as np

from proofs.model import NumericResult
from proofs.paper.numerics import (POINT_LEVELS, TOL_DIFFER, TOL_EXACT, TOL_QUAD, _desc, _flat,
                                   _image, _lemma42_instances, _maps, _net, _points, _power_check,
                                   invariant_instances, numeric)
from symbolic.numeric import profile as get_profile
from symbolic.numeric.check import Case, cross_check, pointwise, sequence_result
from symbolic.numeric.cnn import SIGMAS, ContinuousCNN, random_filter
from symbolic.numeric.functions import Bump, Function, Windowed, sample_any, sample_compact
from symbolic.numeric.quadrature import convolve_at, grid
from symbolic.numeric.transforms import Transform, fixed

CLASSIFY_TOL = 1e-9    # |tr| = 2, T^2 = Id, ... decided on floating-point invariants with this slack


# ============================================================== Lemma 4.2 (26) and the value at x0


@numeric("lemma:4.2.step-nonzero-value", "numeric: (Lambda D_-x0 f)(0) = (Lambda f)(x0) and a cutoff psi = 1 on "
         "B(0, r(lambda)) does not change (Lambda f)(0)",
         "(Λ_λ1 D_{-x0} f)(0̄) = (Λ_λ1 f)(x0); (Λ_λ1 (ψ f))(0̄) = (Λ_λ1 f)(0̄) for ψ = 1 on B(0̄, r(λ1))", (2, 3),
         "quadrature of both sides on the filter's support box; ψ a C^∞ cutoff equal to 1 on B(0̄, r(λ1)), 0 beyond "
         "1.5 r(λ1)")
def _lemma42_value(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for dim in (2, 3):
        for _ in range(2 * prof.per_class + 1):
            f, lam = sample_any(rng, dim), sample_compact(rng, dim, 0.6)
            x0 = rng.normal(size=dim) * 0.6
            cases.append(Case(_desc(None, f=f, filter=lam, x0=np.round(x0, 10).tolist(), part="shift"),
                              np.zeros((1, dim)),
                              lambda x, n, f=f, lam=lam, x0=x0: convolve_at(f.shifted(-x0), lam, x, n),
                              lambda x, n, f=f, lam=lam, x0=x0: convolve_at(f, lam, x + x0, n), prof.res(dim)))
            psi_f = Windowed(f, np.zeros(dim), lam.radius, 1.5 * lam.radius)
            cases.append(Case(_desc(None, f=f, filter=lam, part="cutoff psi"), np.zeros((1, dim)),
                              lambda x, n, g=psi_f, lam=lam: convolve_at(g, lam, x, n),
                              lambda x, n, f=f, lam=lam: convolve_at(f, lam, x, n), prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_EXACT)


@numeric("lemma:4.2.step-eq26", "numeric (26): (D_p Lambda f^)(0) = (Lambda D_p f^)(0) = (Lambda f)(0), f^ = D_-p f",
         "the shifted image's feature map at 0̄ is the original's, for the chosen p", (2, 3),
         "quadrature; p is the witness of step-choose-p for maps of every class")
def _lemma42_eq26(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, f, lam1, lam2, p, radius in _lemma42_instances(rng, prof):
        dim = t.dim
        fhat = f.shifted(-p)
        desc = _desc(t, f=f, filter1=lam1, p=np.round(p, 10).tolist())
        cases.append(Case({**desc, "equation": "(D_p Λ f^)(0) = (Λ D_p f^)(0)"}, np.zeros((1, dim)),
                          lambda x, n, fh=fhat, l1=lam1, p=p: convolve_at(fh, l1, x - p, n),
                          lambda x, n, fh=fhat, l1=lam1, p=p: convolve_at(fh.shifted(p), l1, x, n), prof.res(dim)))
        cases.append(Case({**desc, "equation": "(Λ D_p f^)(0) = (Λ f)(0)"}, np.zeros((1, dim)),
                          lambda x, n, fh=fhat, l1=lam1, p=p: convolve_at(fh.shifted(p), l1, x, n),
                          lambda x, n, f=f, l1=lam1: convolve_at(f, l1, x, n), prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_EXACT)


# ============================================================== Lemma 4.3, Propositions 4.4 and 4.5 steps


@numeric("lemma:4.3.step-difference", "numeric: Lambda_lambda1 f - Lambda_lambda2 f = Lambda_(lambda1 - lambda2) f",
         "convolution is linear in the filter", (2, 3),
         "the left side by two quadratures on each filter's own support, the right by one on the difference's")
def _lemma43_difference(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for dim in (2, 3):
        for _ in range(2 * prof.per_class + 1):
            f, l1, l2 = sample_any(rng, dim), sample_compact(rng, dim, 0.6), sample_compact(rng, dim, 0.6)
            cases.append(Case(_desc(None, f=f, filter1=l1, filter2=l2), _points(rng, prof.points, dim),
                              lambda x, n, f=f, l1=l1, l2=l2: convolve_at(f, l1, x, n) - convolve_at(f, l2, x, n),
                              lambda x, n, f=f, d=l1 + l2.scaled(-1.0): convolve_at(f, d, x, n), prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_QUAD)


@numeric("prop:4.4.step-filter-nonzero", "numeric: lambda != 0 gives lambda_h = |det T_h| T_h^-1 lambda != 0",
         "the transformed filter is non-zero where T_h^-1 maps a point of supp λ", (2, 3),
         "λ_h at the points T_h^{-1} z for z near the centre of supp λ; all classes; expects a difference from 0")
def _filter_nonzero(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t in _maps(rng, prof, (2, 3)):
        lam, tm = sample_compact(rng, t.dim, 0.8), t.matrix
        centre = lam.bounding_box()[0]
        z = centre + rng.normal(size=(POINT_LEVELS[-1], t.dim)) * 0.05
        pts = np.linalg.solve(tm, z.T).T                  # λ_h(T_h^{-1} z) = |det T_h| λ(z)
        cases.append(Case(_desc(t, filter=lam), pts, pointwise(lam.precompose(tm, abs(t.det))),
                          lambda x, n: np.zeros(min(n, len(x))), POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_DIFFER, expect="disagree",
                       details={"resolution_meaning": "number of sample points (closed forms)"})


@numeric("prop:4.5.step-same-values", "numeric: (T_h^-1 lambda)(T_h^-1 x) = lambda(x) and (T_h^-1 lambda)(x) = "
         "lambda(T_h x)", "T_h^{-1} λ takes the values of λ, moved by T_h^{-1}", (2, 3),
         "pointwise evaluation of the closed-form transformed filter (Def 2.1), all classes")
def _same_values(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t in _maps(rng, prof, (2, 3)):
        lam, tm = sample_compact(rng, t.dim, 0.8), t.matrix
        moved = lam.transformed(np.linalg.inv(tm))        # (T_h^{-1} λ)(x) = λ(T_h x)
        pts = _points(rng, POINT_LEVELS[-1], t.dim, 0.5)
        cases.append(Case(_desc(t, filter=lam, part="values at T_h^-1 x"), pts,
                          pointwise(lambda x, g=moved, tm=tm: g(np.linalg.solve(tm, x.T).T)), pointwise(lam),
                          POINT_LEVELS))
        cases.append(Case(_desc(t, filter=lam, part="value at x"), pts, pointwise(moved),
                          pointwise(lambda x, lam=lam, tm=tm: lam(x @ tm.T)), POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_EXACT,
                       details={"resolution_meaning": "number of sample points (closed forms)"})


# ============================================================== Proposition 4.7: iteration and classification


def _antisymmetric(g: Function, refl: np.ndarray) -> Function:
    """``(g(x) - g(R x)) / 2``: ``λ(R x) = -λ(x)``, so ``λ = C T^{-1} λ`` with ``C = -1``."""
    return (g + g.precompose(refl, -1.0)).scaled(0.5)


def _iteration_instances(rng) -> list[tuple[Transform, object, float]]:
    """``(T, λ, C)`` with ``λ(x) = C λ(T x)`` for all x (the hypothesis of (30))."""
    out = [(t, lam, 1.0) for t, lam in invariant_instances(rng)]
    refl = np.array([[1.0, 0.0], [0.0, -1.0]])
    out.append((fixed("reflection_axis", "reflection", refl), _antisymmetric(sample_compact(rng, 2, 0.7), refl), -1.0))
    s = float(rng.uniform(1.2, 1.8))
    out.append((fixed(f"scaling {s:.4g}", "uniform_scaling", s * np.eye(2)),
                lambda x: np.einsum("...i,...i->...", x, x), s ** -2))            # |x|² is 2-homogeneous
    a, b = rng.uniform(0.5, 1.6, size=2)
    out.append((fixed("diag(a, b)", "nonuniform_scaling", np.diag([a, b])), lambda x: x[..., 0] * x[..., 1],
                1.0 / (a * b)))                                                    # x1 x2 picks up a b
    return out


@numeric("prop:4.7.step-iterate-30", "numeric: lambda = C T_h^-1 lambda gives lambda(x) = C^n lambda(T_h^n x)",
         "iterating (30): on instances where λ(x) = C λ(T_h x) holds, λ(x) = C^n λ(T_h^n x) for n = 1..8", (2, 3),
         "invariant filters (C = 1), an odd filter under a reflection (C = -1), homogeneous polynomials under "
         "scalings (C = s^-2, 1/(ab)); the hypothesis itself is the n = 1 case")
def _iterate_30(rng, profile) -> NumericResult:
    cases = []
    for t, lam, c in _iteration_instances(rng):
        pts = _points(rng, POINT_LEVELS[-1], t.dim, 0.4)
        for k in (1, 2, 3, 5, 8):
            tk = np.linalg.matrix_power(t.matrix, k)
            cases.append(Case({**_desc(t, filter=lam if isinstance(lam, Function) else "polynomial"), "C": c,
                               "n": k}, pts, pointwise(lam),
                              pointwise(lambda x, lam=lam, tk=tk, c=c, k=k: c ** k * lam(x @ tk.T)), POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_EXACT,
                       details={"resolution_meaning": "number of sample points (closed forms)"})


def _rotation(theta: float) -> np.ndarray:
    return np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])


def _elliptic_witness(tm: np.ndarray) -> tuple[np.ndarray, float]:
    """``P`` and ``θ`` with ``T P = P R_θ``, from the eigenvector of ``e^{-iθ}`` (θ > 0): ``P = [Re v, Im v]``."""
    vals, vecs = np.linalg.eig(tm)
    k = int(np.argmin(vals.imag))
    v = vecs[:, k]
    return np.column_stack([v.real, v.imag]), float(-np.angle(vals[k]))


def _jordan_witness(tm: np.ndarray) -> tuple[np.ndarray, float]:
    """``P`` with ``P^{-1} T P = [[d, 1], [0, d]]`` for ``tr T = 2d``, ``det T = 1``, ``T != d Id``: a vector w
    outside ``ker(T - d Id)`` and ``v = (T - d Id) w``."""
    d = float(np.trace(tm)) / 2
    n = tm - d * np.eye(2)
    w = np.eye(2)[int(np.argmax(np.linalg.norm(n, axis=0)))]
    return np.column_stack([n @ w, w]), d


def classify_2d(tm: np.ndarray) -> dict:
    """Which case of step-case-split / step-cases ``T`` is in, with a conjugating witness computed from ``T``
    alone and the residual of the normal form it gives."""
    tr, det = float(np.trace(tm)), float(np.linalg.det(tm))
    scale = max(1.0, float(np.max(np.abs(tm))))
    if np.max(np.abs(tm @ tm - np.eye(2))) <= CLASSIFY_TOL * scale ** 2:
        if det > 0:
            sign = np.sign(tr)
            return {"case": "T^2 = Id, det 1", "normal": f"{sign:+.0f} Id",
                    "residual": float(np.max(np.abs(tm - sign * np.eye(2))))}
        vals, vecs = np.linalg.eig(tm)
        order = np.argsort(-vals.real)
        p = vecs[:, order].real
        return {"case": "T^2 = Id, det -1", "normal": "diag(1, -1)",
                "residual": float(np.max(np.abs(np.linalg.solve(p, tm @ p) - np.diag([1.0, -1.0]))))}
    if abs(det - 1) <= CLASSIFY_TOL * scale and abs(abs(tr) - 2) <= 1e-6:
        p, d = _jordan_witness(tm)
        sign = np.sign(d)
        return {"case": "Jordan", "normal": f"[[{sign:+.0f}, 1], [0, {sign:+.0f}]]", "witness": p.tolist(),
                "residual": float(np.max(np.abs(np.linalg.solve(p, tm @ p) - np.array([[sign, 1.0], [0.0, sign]]))))}
    disc = tr * tr - 4 * det
    if disc > 0:
        d1, d2 = sorted(np.abs(np.linalg.eigvals(tm).real), reverse=True)
        return {"case": "real eigenvalues, |d1| > 1 > |d2|", "moduli": [float(d1), float(d2)],
                "residual": 0.0 if d1 > 1 > d2 else 1.0}
    if abs(det - 1) <= CLASSIFY_TOL * scale and abs(tr) < 2:
        p, theta = _elliptic_witness(tm)
        return {"case": "elliptic", "theta": theta, "witness": p.tolist(),
                "residual": float(max(np.max(np.abs(tm @ p - p @ _rotation(theta))) / scale,
                                      abs(np.cos(theta) - tr / 2),
                                      0.0 if abs(np.linalg.det(p)) > 1e-8 * np.linalg.norm(p) ** 2 else 1.0))}
    return {"case": "none", "trace": tr, "det": det, "residual": 1.0}


def _unit_det_maps(rng, prof) -> list[Transform]:
    """|det T| = 1 maps: the unit-determinant classes, Jordan blocks in random bases, involutions, ±Id, and
    random matrices rescaled to |det| = 1 (in both orientations)."""
    out = _maps(rng, prof, (2,), ("rotation", "reflection", "shear", "hyperbolic"))
    for sign in (1.0, -1.0):
        b = rng.normal(size=(2, 2)) + 2 * np.eye(2)
        out.append(fixed(f"jordan{sign:+.0f} in a random basis", "shear",
                         b @ np.array([[sign, 1.0], [0.0, sign]]) @ np.linalg.inv(b)))
        out.append(fixed(f"{sign:+.0f} Id", "rotation", sign * np.eye(2)))
        out.append(fixed(f"involution{sign:+.0f}", "reflection",
                         b @ np.diag([1.0, -1.0]) @ np.linalg.inv(b) if sign > 0 else np.diag([1.0, -1.0])))
    for k in range(4):
        m = rng.normal(size=(2, 2))
        if (np.linalg.det(m) > 0) != (k % 2 == 0):          # alternate the orientation
            m[:, 0] = -m[:, 0]
        m = m / np.sqrt(abs(np.linalg.det(m)))
        out.append(fixed(f"random |det| = 1 #{k}", "affine_pos" if np.linalg.det(m) > 0 else "affine_neg", m))
    b = rng.normal(size=(2, 2)) + 2 * np.eye(2)
    out.append(fixed("elliptic in a random basis", "rotation", b @ _rotation(1.1) @ np.linalg.inv(b)))
    return out


def _classification_result(maps: list[Transform], case_of) -> NumericResult:
    cases = []
    for t in maps:
        info = case_of(t.matrix)
        cases.append(Case({**_desc(t), **{k: v for k, v in info.items() if k != "residual"}},
                          np.zeros((1, 2)), lambda x, n, r=info["residual"]: np.array([r]),
                          lambda x, n: np.zeros(1), (1, 2), relative=False))
    return cross_check(cases, (1, 2), 1e-8, details={
        "resolution_meaning": "none (a witness check; both levels repeat it)",
        "residual_meaning": "max entry of P^-1 T P minus the normal form; 1 when no listed case applies"})


@numeric("prop:4.7.step-case-split", "numeric: every sampled |det T_h| = 1 map is in one of the four cases, "
         "with a computed conjugating witness",
         "|det T_h| = 1 ⇒ T_h² = Id, or T_h ~ [[±1,1],[0,±1]], or real |d1| > 1 > |d2|, or det 1 and |tr| < 2", (2,),
         "classification from trace, determinant and T² alone; witnesses P from eigenvectors / (T - d Id) w, "
         "checked by P^-1 T P")
def _case_split(rng, profile) -> NumericResult:
    return _classification_result(_unit_det_maps(rng, get_profile(profile)), classify_2d)


@numeric("prop:4.7.step-elliptic-conjugate", "numeric: det T_h = 1, |tr T_h| < 2 gives T_h P = P R_theta with "
         "cos theta = tr T_h / 2", "the conjugating matrix of an elliptic map, from its complex eigenvector", (2,),
         "P = [Re v, Im v] for the eigenvalue e^{-iθ}; residual |T P - P R_θ|, |cos θ - tr/2|, det P != 0")
def _elliptic_conjugate(rng, profile) -> NumericResult:
    maps = []
    for k in range(4):
        b = rng.normal(size=(2, 2)) + 1.5 * np.eye(2)
        maps.append(fixed(f"elliptic #{k}", "rotation", b @ _rotation(float(rng.uniform(0.2, 3.0))) @ np.linalg.inv(b)))
    maps += [t for t in _maps(rng, get_profile(profile), (2,), ("rotation",)) if abs(np.trace(t.matrix)) < 2]
    return _classification_result(maps, classify_2d)


@numeric("prop:4.7.step-finite-order-conjugate", "numeric: T_h^2 = Id gives +-Id (det 1) or a conjugate of "
         "diag(1, -1) (det -1)", "involutions in random bases: the classification and its eigenvector witness", (2,),
         "T = B D B^-1 for the four sign patterns D and sampled reflections; the witness comes from T alone")
def _finite_order(rng, profile) -> NumericResult:
    maps = list(_maps(rng, get_profile(profile), (2,), ("reflection",)))
    for signs in ((1, 1), (-1, -1), (1, -1), (-1, 1)):
        b = rng.normal(size=(2, 2)) + 2 * np.eye(2)
        maps.append(fixed(f"B diag{signs} B^-1", "reflection", b @ np.diag(signs).astype(float) @ np.linalg.inv(b)))
    return _classification_result(maps, classify_2d)


@numeric("prop:4.7.step-ellipses", "numeric: |P^-1 T_h x| = |P^-1 x|, R_theta^n = R_(n theta), T_h^q = Id for "
         "theta = 2 pi p / q", "the invariant ellipses of T_h = P R_θ P^-1 and the finite order at rational angles",
         (2,), "random P, rational and irrational θ; pointwise norms and matrix powers")
def _ellipses(rng, profile) -> NumericResult:
    cases = []
    for theta, q in ((2 * np.pi * 3 / 7, 7), (2 * np.pi / 5, 5), (np.sqrt(2.0), None), (1.0, None)):
        p = rng.normal(size=(2, 2)) + 1.5 * np.eye(2)
        tm = p @ _rotation(theta) @ np.linalg.inv(p)
        desc = _desc(fixed(f"P R({theta:.6g}) P^-1", "rotation", tm), P=np.round(p, 10).tolist())
        pts = _points(rng, POINT_LEVELS[-1], 2, 1.0)
        norm = lambda x, p=p: np.linalg.norm(np.linalg.solve(p, x.T), axis=0)
        cases.append(Case({**desc, "part": "|P^-1 T x| = |P^-1 x|"}, pts,
                          pointwise(lambda x, tm=tm, nm=norm: nm(x @ tm.T)), pointwise(norm), POINT_LEVELS))
        for n in (2, 3, 11, 40):
            cases.append(Case({**desc, "part": f"R^{n} = R_({n} theta)"}, np.zeros((1, 2)),
                              lambda x, k, n=n, th=theta: np.linalg.matrix_power(_rotation(th), n).ravel(),
                              lambda x, k, n=n, th=theta: _rotation(n * th).ravel(), POINT_LEVELS))
        if q is not None:
            cases.append(Case({**desc, "part": f"T^{q} = Id"}, np.zeros((1, 2)),
                              lambda x, k, tm=tm, q=q: np.linalg.matrix_power(tm, q).ravel(),
                              lambda x, k: np.eye(2).ravel(), POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_EXACT,
                       details={"resolution_meaning": "number of sample points (closed forms)"})


def _orbit_gap(theta: float, count: int) -> float:
    """The largest gap between the angles ``n θ mod 2π``, ``0 <= n < count``: 0 in the limit iff dense."""
    ang = np.sort(np.mod(theta * np.arange(count), 2 * np.pi))
    return float(np.max(np.diff(np.concatenate([ang, [ang[0] + 2 * np.pi]]))))


@numeric("prop:4.7.step-constant-on-ellipses", "numeric: for theta/pi irrational the orbit of a point is dense "
         "on its ellipse, and an invariant filter is constant there",
         "largest angular gap of {T_h^n x} on E tends to 0; λ(T_h^n x) = λ(x) along the orbit (C = 1)", (2,),
         "orbit angles of R_θ for θ = √2, 1, π(√5 - 1); levels are orbit lengths; residual = largest gap "
         "plus the spread of λ over the orbit")
def _constant_on_ellipses(rng, profile) -> NumericResult:
    levels = (10, 100, 1000, 10000)
    t, lam = next((t, lam) for t, lam in invariant_instances(rng) if t.name == "elliptic_irrational")
    x0 = rng.normal(size=2) * 0.3
    rows = []
    for theta in (np.sqrt(2.0), 1.0, np.pi * (np.sqrt(5.0) - 1)):
        rows.append([_orbit_gap(theta, n) for n in levels])
    orbit = [x0]
    for _ in range(levels[-1] - 1):
        orbit.append(t.matrix @ orbit[-1])
    vals = lam(np.array(orbit))
    spread = [float(np.max(vals[:n]) - np.min(vals[:n])) for n in levels]
    worst = np.max(np.array(rows), axis=0) + np.array(spread)
    return sequence_result(levels, worst, TOL_DIFFER, instance={"thetas": ["sqrt(2)", "1", "pi (sqrt(5) - 1)"],
                                                                  "gaps": rows, "filter_spread_on_orbit": spread,
                                                                  **_desc(t, filter=lam)},
                           details={"resolution_meaning": "orbit length n; residual = largest angular gap + "
                                                          "spread of λ on the orbit"})


@numeric(("prop:5.13.step-cases",), "numeric: maps with all eigenvalues of modulus 1 are elliptic, +-Id, "
         "(tr, det) = (0, -1), or conjugate to a Jordan block",
         "all |λ_i| = 1 ⇒ det 1 and |tr| < 2, or (tr, det) ∈ {(±2, 1), (0, -1)}; (±2, 1) with T ≠ ±Id is "
         "conjugate to [[±1,1],[0,±1]]", (2,),
         "rotations, reflections, Jordan blocks and elliptic maps in random bases; classification from T alone")
def _unit_modulus_cases(rng, profile) -> NumericResult:
    maps = [t for t in _unit_det_maps(rng, get_profile(profile))
            if np.allclose(np.abs(np.linalg.eigvals(t.matrix)), 1.0, atol=1e-6)]

    def case_of(tm):
        info = classify_2d(tm)
        tr, det = float(np.trace(tm)), float(np.linalg.det(tm))
        listed = (abs(det - 1) < 1e-9 and abs(tr) < 2) or any(
            abs(tr - a) < 1e-6 and abs(det - b) < 1e-9 for a, b in ((2, 1), (-2, 1), (0, -1)))
        return {**info, "trace": tr, "det": det, "residual": info["residual"] if listed else 1.0}
    return _classification_result(maps, case_of)


# ============================================================== Remark 5.14: three dimensions


def _j3(s: float) -> np.ndarray:
    return np.array([[s, 1.0, 0.0], [0.0, s, 1.0], [0.0, 0.0, s]])


@numeric("remark:5.14.step-jordan-powers", "numeric: J_3(s)^n and diag(J_2(s), t)^n for s, t = +-1",
         "J_3(σ)^n = σ^n (I + σ n N + C(n,2) N²) and diag(J_2(σ), τ)^n = diag(σ^n [[1, σn],[0, 1]], τ^n)", (3,),
         "numpy matrix_power against the closed forms, n = 1, 2, 3 and five sampled n <= 40, σ, τ = ±1")
def _jordan3_powers(rng, profile) -> NumericResult:
    nil = np.diag([1.0, 1.0], 1)
    results = []
    for s in (1.0, -1.0):
        results.append(_power_check(rng, _j3(s), lambda n, s=s: s ** n * (np.eye(3) + s * n * nil
                                                                       + n * (n - 1) / 2 * nil @ nil),
                                    f"J_3({s:+.0f})^n"))
        for tau in (1.0, -1.0):
            m = np.array([[s, 1.0, 0.0], [0.0, s, 0.0], [0.0, 0.0, tau]])
            results.append(_power_check(rng, m, lambda n, s=s, tau=tau: np.array(
                [[s ** n, s ** (n + 1) * n, 0.0], [0.0, s ** n, 0.0], [0.0, 0.0, tau ** n]]),
                f"diag(J_2({s:+.0f}), {tau:+.0f})^n"))
    worst = max(results, key=lambda r: r.residuals[-1])
    return NumericResult(worst.resolutions, worst.residuals, worst.tolerance,
                         tuple(i for r in results for i in r.instances), worst.counterexample,
                         details={"checked": [r.instances[0]["closed_form"] for r in results]})


@numeric("remark:5.14.step-orthogonal", "numeric: the modulus-1 normal forms are orthogonal, so T_h = P M P^-1 "
         "with M in O(3)", "diag(±1, ±1, ±1) and diag(C_1(a, b), ±1) with a² + b² = 1 satisfy MᵀM = I", (3,),
         "sampled signs and angles; residual max |MᵀM - I|")
def _orthogonal_forms(rng, profile) -> NumericResult:
    cases = []
    for k in range(6):
        signs = rng.choice([-1.0, 1.0], size=3)
        theta = float(rng.uniform(0, 2 * np.pi))
        c1 = np.zeros((3, 3))
        c1[:2, :2], c1[2, 2] = _rotation(theta), signs[2]
        for name, m in ((f"diag{tuple(signs)}", np.diag(signs)), (f"diag(C_1({theta:.4g}), {signs[2]:+.0f})", c1)):
            cases.append(Case({"normal_form": name, "matrix": m.tolist()}, np.zeros((1, 3)),
                              lambda x, n, m=m: (m.T @ m).ravel(), lambda x, n: np.eye(3).ravel(), (1, 2)))
    return cross_check(cases, (1, 2), TOL_EXACT)


def _types_3d(rng) -> list[tuple[str, np.ndarray, list[float]]]:
    """(type, normal form M, moduli of M's parameters) for the four real Jordan types of Remark 5.14, with
    parameters on the unit circle and off it."""
    out = []
    for on_circle in (True, False):
        pick = (lambda: float(rng.choice([-1.0, 1.0]))) if on_circle else (
            lambda: float(rng.choice([-1.0, 1.0]) * rng.uniform(0.4, 2.5)))
        d = [pick() for _ in range(3)]
        out.append(("diag(d1, d2, d3)", np.diag(d), [abs(v) for v in d]))
        s, t = pick(), pick()
        out.append(("diag(J_2(d), d3)", np.array([[s, 1.0, 0.0], [0.0, s, 0.0], [0.0, 0.0, t]]), [abs(s), abs(s), abs(t)]))
        out.append(("J_3(d)", _j3(s), [abs(s)] * 3))
        theta, rad = float(rng.uniform(0.3, 2.8)), 1.0 if on_circle else float(rng.uniform(0.4, 2.5))
        m = np.zeros((3, 3))
        m[:2, :2], m[2, 2] = rad * _rotation(theta), t
        out.append(("diag(C_1(a, b), d3)", m, [rad, rad, abs(t)]))
    return out


@numeric("remark:5.14.step-types", "numeric: the eigenvalue moduli of T_h = P M P^-1 are the normal form's "
         "parameters |d_i|, sqrt(a² + b²)", "so all moduli are 1 exactly when d_i = ±1 (real blocks) and "
         "a² + b² = 1 (rotation block), for each of the four 3D types", (3,),
         "random P; moduli of numpy eigenvalues of T against the parameters (Jordan blocks perturb eigenvalues by "
         "about eps^(1/3), hence the tolerance 1e-4)")
def _types_3d_check(rng, profile) -> NumericResult:
    cases = []
    for name, m, moduli in _types_3d(rng):
        p = rng.normal(size=(3, 3)) + 2 * np.eye(3)
        tm = p @ m @ np.linalg.inv(p)
        got = np.sort(np.abs(np.linalg.eigvals(tm)))
        cases.append(Case({"type": name, "normal_form": m.tolist(), "matrix": np.round(tm, 12).tolist()},
                          np.zeros((1, 3)), lambda x, n, g=got: g, lambda x, n, w=np.sort(moduli): w, (1, 2)))
    return cross_check(cases, (1, 2), 1e-4)


# ============================================================== Section 5: generators, (40), (43)


def _generated(net: ContinuousCNN, f, x: np.ndarray, n: int) -> np.ndarray:
    """``(Λ_μ f)(x) = μ(D_{-x} f)`` with ``μ(g) = (Λ g)(0̄)`` (34): one generator evaluation per row of x."""
    zero = np.zeros((1, x.shape[-1]))
    return np.concatenate([net.evaluate(f.shifted(-xx), zero, n)[0] for xx in np.atleast_2d(x)])


@numeric(("eq:32-34.generator", "eq:32-34.inverse"), "numeric (33): (Lambda f)(x) = mu(D_-x f) for a two-layer CNN",
         "a translation-covariant Λ is generated by μ(f) = (Λ f)(0̄), i.e. Λ_{μ_Λ} = Λ", (2,),
         "nested quadrature of random CNNs: (Λ f)(x) against μ evaluated on the shifted image")
def _generator_33(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f = _net(rng), _image(rng)
        cases.append(Case(_desc(None, f=f, network=net.describe()), _points(rng, prof.points, 2, 0.4),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n)),
                          lambda x, n, net=net, f=f: _generated(net, f, x, n), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


@numeric("eq:32-34.generator", "numeric (34): Lambda_mu is translation covariant",
         "(Λ_μ D_δ f)(x) = (Λ_μ f)(x - δ) for μ the generator of a random CNN", (2,),
         "Λ_μ evaluated through μ only (one generator value per point), non-integer shifts δ")
def _generated_covariant(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f, d = _net(rng), _image(rng), rng.normal(size=2) * 0.3
        cases.append(Case(_desc(None, f=f, network=net.describe(), delta=np.round(d, 10).tolist()),
                          _points(rng, prof.points, 2, 0.4),
                          lambda x, n, net=net, f=f, d=d: _generated(net, f.shifted(d), x, n),
                          lambda x, n, net=net, f=f, d=d: _generated(net, f, x - d, n), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


@numeric("eq:32-34.inverse", "numeric: mu_(Lambda_mu) = mu for the generator of a CNN",
         "(Λ_μ g)(0̄) = μ(g) on sampled images g", (2,),
         "μ(g) = (Λ g)(0̄) for a random CNN; Λ_μ g evaluated at 0̄ through μ(D_0 g)")
def _generator_inverse(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, g = _net(rng), _image(rng)
        cases.append(Case(_desc(None, g=g, network=net.describe()), np.zeros((1, 2)),
                          lambda x, n, net=net, g=g: _generated(net, g, x, n),
                          lambda x, n, net=net, g=g: _flat(net.evaluate(g, np.zeros((1, 2)), n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


def _far_instances(rng, prof):
    """(CNN, image f0, channel, x) with (Λ f)(x) != (Λ 0)(x) for f = D_x f0 and |x| > (r(Λ) + r(f0)) / 2, so
    that D_x f = D_{2x} f0 is zero on B(0̄, r(Λ))."""
    out = []
    for _ in range(2 * prof.per_class + 1):
        net = _net(rng)
        n = prof.nested2[-1]
        zero_out = net.evaluate(lambda x: np.zeros(x.shape[:-1]), np.zeros((1, 2)), n)[0]
        f0 = max((_image(rng) for _ in range(3)),
                 key=lambda g: float(np.max(np.abs(net.evaluate(g, np.zeros((1, 2)), n)[0] - zero_out))))
        gap = np.abs(net.evaluate(f0, np.zeros((1, 2)), n)[0] - zero_out)
        u = rng.normal(size=2)
        x = u / np.linalg.norm(u) * (0.6 * (net.radius() + f0.radius) + 0.1)
        out.append((net, f0, int(np.argmax(gap)), x))
    return out


def _nonconstant_run(shift_sign: float):
    def run(rng, profile) -> NumericResult:
        prof = get_profile(profile)
        cases = []
        zero_f = lambda y: np.zeros(y.shape[:-1])
        for net, f0, c, x in _far_instances(rng, prof):
            f = f0.shifted(x)                                   # (Λ f)(x) = (Λ f0)(0̄) != (Λ 0)(x)
            g = f.shifted(shift_sign * x)                       # D_{±x} f
            origin = np.zeros((1, 2))
            cases.append(Case(_desc(None, f=f, network=net.describe(), channel=c, x=np.round(x, 10).tolist(),
                                    premise_gap=float(abs(net.evaluate(f, x[None], prof.nested2[-1])[0, c]
                                                          - net.evaluate(zero_f, x[None], prof.nested2[-1])[0, c]))),
                              origin, lambda y, n, net=net, g=g, c=c: net.evaluate(g, y, n)[:, c],
                              lambda y, n, net=net, c=c: net.evaluate(zero_f, y, n)[:, c], prof.nested2))
        return cross_check(cases, prof.nested2, TOL_DIFFER, expect="disagree",
                           details={"premise": "(Λ f)(x) != (Λ 0)(x) on every instance (premise_gap)"})
    return run


numeric("remark:5.9.nonconstant", "numeric as printed: (Lambda f)(x) != (Lambda 0)(x) gives mu(D_x f) != mu(0)",
        "the printed proof's shift D_x, on CNN instances with f supported near x", (2,),
        "random CNNs, f = D_x f0 with |x| beyond half the radius sum: D_x f lies outside B(0̄, r(Λ)); expects a "
        "difference")(_nonconstant_run(+1.0))
numeric("remark:5.9.nonconstant.corrected", "numeric: (Lambda f)(x) != (Lambda 0)(x) gives mu(D_-x f) != mu(0)",
        "the corrected shift D_{-x}, on the same CNN instances", (2,),
        "random CNNs, f = D_x f0: μ(D_{-x} f) = (Λ f)(x); expects a difference")(_nonconstant_run(-1.0))


def _constant_net(rng) -> ContinuousCNN:
    """A CNN whose last layer has zero filters: Λ f = σ(b) for every f (a constant generator)."""
    net = _net(rng)
    last = [[lam.scaled(0.0) for lam in row] for row in net.filters[-1]]
    return ContinuousCNN(net.filters[:-1] + [last], net.biases, net.sigmas)


def _constant_premise(rng, prof, classes) -> list[Case]:
    cases = []
    for t in _maps(rng, prof, (2,), classes):
        net, f, tm = _constant_net(rng), _image(rng), t.matrix
        cases.append(Case(_desc(t, f=f, network="two-layer CNN with zero last-layer filters", T_g="Id"),
                          _points(rng, prof.points, 2, 0.4),
                          lambda x, n, net=net, f=f, tm=tm: _flat(net.evaluate(f.transformed(tm), x, n)),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n)), prof.nested2))
    return cases


@numeric(("prop:5.11", "prop:5.13"), "numeric: a constant CNN satisfies the premise for every T_h (T_g = Id)",
         "T_g Λ T_h f = Λ f with T_g = Id, i.e. μ(T_h f) = μ(f) (42), for a CNN with zero last-layer filters", (2,),
         "nested quadrature; the premise of the printed statements holds on these instances")
def _constant_premise_check(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_constant_premise(rng, prof, ("uniform_scaling", "nonuniform_scaling", "shear", "affine_pos")),
                       prof.nested2, TOL_EXACT)


def _gap_result(items: list[tuple[Transform, str, float]]) -> NumericResult:
    cases = [Case({**_desc(t), "conclusion": what, "gap": gap}, np.zeros((1, 2)),
                  lambda x, n, g=gap: np.array([g]), lambda x, n: np.zeros(1), (1, 2), relative=False)
             for t, what, gap in items]
    return cross_check(cases, (1, 2), TOL_EXACT, details={"resolution_meaning": "none (a closed-form gap)"})


@numeric("prop:5.11", "numeric as printed: T_g = T_h^-1 on the maps where the constant CNN is aligned",
         "T_g T_h = Id for the (T_g, T_h) = (Id, T_h) where the constant CNN satisfies the premise", (2,),
         "residual max |T_g T_h - Id| on the instances of the premise check")
def _prop511_printed(rng, profile) -> NumericResult:
    maps = _maps(rng, get_profile(profile), (2,), ("uniform_scaling", "nonuniform_scaling", "shear", "affine_pos"))
    return _gap_result([(t, "T_g = T_h^-1 with T_g = Id", float(np.max(np.abs(t.matrix - np.eye(2)))))
                        for t in maps])


@numeric("prop:5.13", "numeric as printed: (42) forces T_h conjugate to a rotation or reflection (constant CNN)",
         "|det T_h| = 1, necessary for a conjugate of an orthogonal map, on maps where the constant CNN has (42)",
         (2,), "residual ||det T_h| - 1| on the instances of the premise check, and diag(2, 1)")
def _prop513_printed(rng, profile) -> NumericResult:
    maps = [fixed("diag(2,1)", "nonuniform_scaling", np.diag([2.0, 1.0]))]
    maps += _maps(rng, get_profile(profile), (2,), ("uniform_scaling", "nonuniform_scaling", "affine_pos"))
    return _gap_result([(t, "|det T_h| = 1", abs(abs(t.det) - 1.0)) for t in maps])


@numeric("prop:5.12.step-43", "numeric (43): mu(g) = mu(chi g) with chi the indicator of B(0, r(Lambda))",
         "the generator of a CNN reads g only on the ball of the radius (49)", (2,),
         "random CNNs; g an image plus a bump straddling the sphere |y| = r(Λ); χ g has a jump there")
def _step_43(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f = _net(rng), _image(rng)
        u = rng.normal(size=2)
        g = f + Bump(u / np.linalg.norm(u) * net.radius(), np.eye(2) / 0.3, float(rng.uniform(1, 3)))
        chi_g = Windowed(g, np.zeros(2), net.radius() * (1 + 1e-12), net.radius() * (1 + 1e-12))
        cases.append(Case(_desc(None, g=g, network=net.describe(), radius_49=net.radius()), np.zeros((1, 2)),
                          lambda x, n, net=net, g=g: _flat(net.evaluate(g, x, n)),
                          lambda x, n, net=net, h=chi_g: _flat(net.evaluate(h, x, n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


# ============================================================== Appendix A.2 induction steps


@numeric("prop:A.2.step-base", "numeric: Lambda^(0) = Id is translation covariant and reads f only at p",
         "(Λ^(0) D_δ f)(x) = (Λ^(0) f)(x - δ); f1 = f2 at p gives (Λ^(0) f1)(p) = (Λ^(0) f2)(p)", (2,),
         "the CNN evaluated at depth 0; f2 = f1 + a bump vanishing at p")
def _a2_base(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f, d = _net(rng), _image(rng), rng.normal(size=2) * 0.3
        pts = _points(rng, prof.points, 2, 0.4)
        cases.append(Case(_desc(None, f=f, delta=np.round(d, 10).tolist(), part="covariance"), pts,
                          lambda x, n, net=net, f=f, d=d: _flat(net.evaluate(f.shifted(d), x, n, depth=0)),
                          lambda x, n, net=net, f=f, d=d: _flat(net.evaluate(f, x - d, n, depth=0)), prof.nested2))
        p = pts[:1]
        g = Bump(p[0] + 0.2, np.eye(2) / 0.15)                 # supported away from p
        cases.append(Case(_desc(None, f=f, g=g, p=np.round(p[0], 10).tolist(), part="radius 0"), p,
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n, depth=0)),
                          lambda x, n, net=net, f2=f + g: _flat(net.evaluate(f2, x, n, depth=0)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


def _wide_first_layer_net(rng) -> ContinuousCNN:
    """Two layers: centred bumps of radius 0.5 first (exact support B(0̄, 0.5)), random filters of radius about
    0.1 second, so r(λ^(1)) exceeds r(λ^(2)): the printed and the corrected ball differ."""
    first = [[Bump(np.zeros(2), np.eye(2) / 0.5, float(a))] for a in rng.uniform(0.5, 2.0, size=2)]
    second = [[random_filter(rng, 2, 0.1) for _ in range(2)] for _ in range(2)]
    return ContinuousCNN([first, second], [rng.normal(scale=0.3, size=2) for _ in range(2)], ["tanh", "relu"])


def _ball_run(printed: bool):
    def run(rng, profile) -> NumericResult:
        prof = get_profile(profile)
        cases = []
        for _ in range(2 * prof.per_class + 1):
            net, f1 = _wide_first_layer_net(rng), _image(rng)
            p = rng.normal(size=2) * 0.2
            u = rng.normal(size=2)
            u /= np.linalg.norm(u)
            g = Bump(p + u * (1.02 * net.radius() + 0.15), np.eye(2) / 0.15, float(rng.uniform(1, 3)))
            r_prev = np.array([row[0].radius for row in net.filters[0]])                    # r(λ^(1)_{1,m})
            r_now = np.array([max(net.filters[1][c][m].radius for c in range(2)) for m in range(2)])
            radius = r_prev if printed else r_now
            for m in range(2):
                pts = p + np.vstack([0.99 * radius[m] * u, _in_ball(rng, prof.points, radius[m])])
                cases.append(Case(_desc(None, f=f1, g=g, network=net.describe(), p=np.round(p, 10).tolist(),
                                        channel=m, ball_radius=float(radius[m]), radius_49=net.radius()), pts,
                                  lambda x, n, net=net, f1=f1, m=m: net.evaluate(f1, x, n, depth=1)[:, m],
                                  lambda x, n, net=net, f2=f1 + g, m=m: net.evaluate(f2, x, n, depth=1)[:, m],
                                  prof.nested2))
        return cross_check(cases, prof.nested2, TOL_EXACT, details={
            "premise": "f1 = f2 on B(p, r(Λ^(2))): the perturbation g lies just outside it"})
    return run


def _in_ball(rng, count: int, radius: float) -> np.ndarray:
    u = rng.normal(size=(count, 2))
    return radius * u / np.linalg.norm(u, axis=1, keepdims=True) * rng.uniform(0, 1, size=(count, 1))


numeric("prop:A.2.step-lemma-5.4-ball", "numeric as printed: Lambda^(i-1) f1 = Lambda^(i-1) f2 on B(p, r(lambda^(i-1)))",
        "layer-1 outputs agree on the ball of the first layer's filter radius when f1 = f2 on B(p, r(Λ^(2)))", (2,),
        "a two-layer CNN whose first filters are wider than its second; points up to 0.99 of the printed radius "
        "towards the perturbation")(_ball_run(printed=True))
numeric("prop:A.2.step-lemma-5.4-ball.corrected",
        "numeric: Lambda^(i-1) f1 = Lambda^(i-1) f2 on B(p, r(lambda^(i)))",
        "layer-1 outputs agree on the ball of the second layer's filter radius when f1 = f2 on B(p, r(Λ^(2)))", (2,),
        "the same networks and perturbations as the printed check")(_ball_run(printed=False))


@numeric("prop:A.2.step-nonlinearity", "numeric: equal layer integrals give equal outputs through b and sigma",
         "when f1 = f2 on B(p, r(Λ)) the last layer's integrals at p agree for every channel, and so do its outputs",
         (2,), "random two-layer CNNs: the pre-activation (σ replaced by the identity) and the output at p")
def _a2_nonlinearity(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f1 = _net(rng), _image(rng)
        pre = ContinuousCNN(net.filters, [*net.biases[:-1], np.zeros_like(net.biases[-1])],
                            [*net.sigmas[:-1], "identity"])
        p = rng.normal(size=2) * 0.2
        u = rng.normal(size=2)
        g = Bump(p + u / np.linalg.norm(u) * (1.02 * net.radius() + 0.15), np.eye(2) / 0.15, 2.0)
        both = lambda x, n, f, net=net, pre=pre: np.concatenate([_flat(pre.evaluate(f, x, n)),
                                                                  _flat(net.evaluate(f, x, n))])
        cases.append(Case(_desc(None, f=f1, g=g, network=net.describe(), p=np.round(p, 10).tolist()), p[None],
                          lambda x, n, b=both, f1=f1: b(x, n, f1), lambda x, n, b=both, f2=f1 + g: b(x, n, f2),
                          prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT, details={"values": "integrals per channel, then outputs"})


# ============================================================== Section 5.6: continuity of the generator


def _disk_indicator_mu(kernel, rho: float, n: int) -> float:
    """``∫ f_ρ(-y) λ(y) dy`` for ``f_ρ = ρ^{-1} χ_{B(0̄, ρ)}``: midpoint nodes of the disk of radius ρ."""
    z, w = grid(rho, n, 2)
    inside = np.einsum("ij,ij->i", z, z) <= rho * rho
    return float(np.sum(kernel(z[inside])) * w / rho)


RHO_LEVELS = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6)


@numeric("thm:5.6-conclusion.step-cnn-included",
         "numeric as printed: an L^1_comp filter gives a generator continuous on L^1_loc",
         "|μ(f_ρ) - μ(0)| -> 0 as ‖f_ρ‖_{L^1} = πρ -> 0, for λ(y) = |y|^-1 on B(0̄, 1), σ = id", (2,),
         "f_ρ = ρ^-1 χ_{B(0̄, ρ)}; μ(f_ρ) by the midpoint rule on the disk (the integrand is singular at 0̄, "
         "never at a node); levels are ρ")
def _cnn_included_printed(rng, profile) -> NumericResult:
    kernel = lambda y: 1.0 / np.linalg.norm(y, axis=-1)
    vals = [abs(_disk_indicator_mu(kernel, rho, 400)) for rho in RHO_LEVELS]
    return sequence_result(RHO_LEVELS, vals, TOL_QUAD, instance={
        "filter": "|y|^-1 on B(0, 1) (in L^1, unbounded)", "image": "rho^-1 indicator of B(0, rho)",
        "mu_of_zero": 0.0, "mu_of_f_rho": vals, "exact_mu_of_f_rho": 2 * np.pi},
        details={"resolution_meaning": "ρ; residual = |μ(f_ρ) - μ(0)|"})


@numeric("thm:5.6-conclusion.step-cnn-included.corrected",
         "numeric: a CNN with bounded filters has a generator continuous on L^1_loc",
         "|μ(f_ρ) - μ(0)| -> 0 as ‖f_ρ‖_{L^1} = πρ -> 0 for random two-layer CNNs (tanh, ReLU, biases)", (2,),
         "layer 1 at each node of layer 2's quadrature by the midpoint rule on the disk of radius ρ; levels are ρ")
def _cnn_included_corrected(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    table, insts = [], []
    for _ in range(2 * prof.per_class + 1):
        net = _net(rng)
        row = []
        for rho in RHO_LEVELS:
            row.append(float(np.max(np.abs(_two_layer_mu(net, rho, prof.nested2[-1])
                                           - _two_layer_mu(net, 0.0, prof.nested2[-1])))))
        table.append(row)
        insts.append({"network": net.describe(), "residuals": row})
    worst = np.max(np.array(table), axis=0)
    culprit = insts[int(np.argmax(np.array(table)[:, -1]))]
    return sequence_result(RHO_LEVELS, worst, TOL_QUAD, instance=culprit,
                           details={"resolution_meaning": "ρ; residual = max over channels |μ(f_ρ) - μ(0)|",
                                    "instances": insts})


def _two_layer_mu(net: ContinuousCNN, rho: float, n: int) -> np.ndarray:
    """``μ(f_ρ)`` of a two-layer CNN; ``ρ = 0`` gives ``μ(0)``. Layer 1 integrates over f_ρ's disk, where the
    image is, so tiny supports are resolved; layer 2 uses its filters' box as ``ContinuousCNN`` does."""
    (first, second), (b1, b2) = net.filters, net.biases
    rad = max(lam.radius for row in second for lam in row)
    z, w = grid(rad, n, 2)                                     # (Λ g)(0̄) = Σ_m ∫ λ2_{m,c}(z) a_m(-z) dz
    if rho > 0:
        y, wy = grid(rho, 64, 2)
        y = y[np.einsum("ij,ij->i", y, y) <= rho * rho]
        # a_m(-z) = σ1(∫ f_ρ(u) λ1_m(-z - u) du + b1_m)
        conv = np.stack([(row[0](-z[:, None, :] - y[None, :, :]).sum(axis=1)) * wy / rho for row in first], axis=-1)
    else:
        conv = np.zeros((len(z), len(first)))
    act = SIGMAS[net.sigmas[0]](conv + b1)
    lz = np.stack([np.stack([lam(z) for lam in row], axis=-1) for row in second], axis=-1)   # (G, m, c)
    return SIGMAS[net.sigmas[1]](np.einsum("gm,gmc->c", act, lz) * w + b2)

