"""Numeric cross-validation of the proof steps and remarks that ``numerics`` leaves out.

Same conventions as :mod:`developments.paper.numerics`: each check evaluates both sides
of the node's printed statement on sampled instances, independently of the
symbolic encoding. Printed statements are checked as printed, so a false one
disagrees (the Jordan-block classification is computed from the matrix alone,
never read off the way an instance was built).
"""
from __future__ import annotations

import numpy as np

from developments.paper.numerics import (
    POINT_LEVELS,
    TOL_DIFFER,
    TOL_EXACT,
    TOL_QUAD,
    _desc,
    _flat,
    _image,
    _in_ball,
    _lemma42_instances,
    _maps,
    _mu_h_operator,
    _net,
    _outside_bump,
    _points,
    _power_check,
    invariant_instances,
    numeric,
)
from proofs.model import NumericResult
from symbolic.numeric import profile as get_profile
from symbolic.numeric.check import Case, cross_check, pointwise, sequence_result
from symbolic.numeric.cnn import SIGMAS, ContinuousCNN, random_filter
from symbolic.numeric.functions import Bump, Function, Sum, Windowed, linear, pairwise, sample_any, sample_compact
from symbolic.numeric.quadrature import box_grid, convolve_at, grid
from symbolic.numeric.transforms import Transform, fixed, random_basis

CLASSIFY_TOL = 1e-9    # relative slack when deciding T² = Id, det T = 1, (T - d Id)² = 0 in floating point
WITNESS_TOL = 1e-8     # a computed conjugating matrix must give the normal form to this relative accuracy


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


@numeric("lemma:4.2.step-nonzero-value", "numeric: f = sign(lambda1(-.)) has (Lambda_lambda1 f)(0) = ||lambda1||_1",
         "(Λ_λ1 f)(0̄) = ∫ |λ1(u)| du for f(y) = sign(λ1(-y))", (2, 3),
         "a filter of two bumps with random signs; both sides by the midpoint rule on the nodes of the filter's "
         "support box (the convolution evaluates f at -z where λ1 is sampled at z)")
def _sign_witness_value(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for dim in (2, 3):
        for _ in range(2 * prof.per_class + 1):
            lam = Sum((sample_compact(rng, dim, 0.6), sample_compact(rng, dim, 0.6)))

            def witness(y, lam=lam):
                return np.sign(lam(-np.atleast_2d(y)))

            def norm1(x, n, lam=lam):
                z, w = box_grid(*lam.bounding_box(), n)
                return np.full(len(np.atleast_2d(x)), np.abs(lam(z)).sum() * w)
            cases.append(Case({"filter": lam.describe(), "f": "sign(lambda1(-y))"}, np.zeros((1, dim)),
                              lambda x, n, lam=lam, f=witness: convolve_at(f, lam, x, n), norm1, prof.res(dim)))
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
            # where the feature maps live: around the centre of supp f plus that of supp λ1
            pts = f.bounding_box()[0] + l1.bounding_box()[0] + _points(rng, prof.points, dim, 0.3)
            cases.append(Case(_desc(None, f=f, filter1=l1, filter2=l2), pts,
                              lambda x, n, f=f, l1=l1, l2=l2: convolve_at(f, l1, x, n) - convolve_at(f, l2, x, n),
                              lambda x, n, f=f, d=l1 + l2.scaled(-1.0): convolve_at(f, d, x, n), prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_QUAD)


def _peak(f: Function, n: int) -> float:
    """``max |f|`` over the midpoint nodes (n per axis) of the bounding box of its support."""
    from symbolic.numeric.quadrature import box_grid
    return float(np.max(np.abs(f(box_grid(*f.bounding_box(), n)[0]))))


@numeric("prop:4.4.step-filter-nonzero", "numeric: lambda != 0 gives lambda_h = |det T_h| T_h^-1 lambda != 0",
         "the transformed filter does not vanish: max |λ_h| over its support box, relative to max |λ|", (2, 3),
         "λ_h(x) = |det T_h| λ(T_h x) on grid nodes over the bounding box of T_h^-1 supp λ; all classes; expects a "
         "difference from 0 (the ratio is |det T_h| up to the grid)")
def _filter_nonzero(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t in _maps(rng, prof, (2, 3)):
        lam = sample_compact(rng, t.dim, 0.8)
        lam_h = lam.precompose(t.matrix, abs(t.det))
        cases.append(Case(_desc(t, filter=lam), np.zeros((1, t.dim)),
                          lambda x, n, lh=lam_h, lam=lam: np.array([_peak(lh, n) / _peak(lam, n)]),
                          lambda x, n: np.zeros(1), prof.res(t.dim), relative=False))
    return cross_check(cases, prof.res2, TOL_DIFFER, expect="disagree",
                       details={"resolution_meaning": "grid nodes per axis over the support box"})


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


def classify_2d(tm: np.ndarray) -> dict:
    """Which case of step-case-split / step-cases ``T`` is in, with a conjugating witness computed from ``T``
    alone and the residual of the normal form it gives (relative to the size of ``T``).

    A Jordan block is recognised by Cayley-Hamilton: ``(T - d Id)² = (d² - det T) Id`` with ``d = tr T / 2``,
    so ``T ~ [[d, 1], [0, d]]`` when that vanishes relative to ``|T - d Id|²`` (a rotation by nearly π has
    trace nearly -2 but ratio 1/2)."""
    tr, det = float(np.trace(tm)), float(np.linalg.det(tm))
    scale = max(1.0, float(np.max(np.abs(tm))))
    eye = np.eye(2)
    if np.max(np.abs(tm @ tm - eye)) <= CLASSIFY_TOL * scale ** 2:
        if det > 0:
            sign = np.sign(tr)
            return {"case": "T^2 = Id, det 1", "normal": f"{sign:+.0f} Id",
                    "residual": float(np.max(np.abs(tm - sign * eye))) / scale}
        vals, vecs = np.linalg.eig(tm)
        p = vecs[:, np.argsort(-vals.real)].real
        return {"case": "T^2 = Id, det -1", "normal": "diag(1, -1)", "witness": p.tolist(),
                "residual": _normal_form_gap(tm, p, np.diag([1.0, -1.0]))}
    d = tr / 2
    nil = tm - d * eye
    if abs(det - 1) <= CLASSIFY_TOL * scale and abs(d * d - det) <= CLASSIFY_TOL * float(np.sum(nil * nil)):
        w = eye[int(np.argmax(np.linalg.norm(nil, axis=0)))]     # outside ker(T - d Id)
        p = np.column_stack([nil @ w, w])                        # T (N w) = d N w, T w = N w + d w
        sign = float(np.sign(d))
        return {"case": "Jordan", "normal": f"[[{sign:+.0f}, 1], [0, {sign:+.0f}]]", "witness": p.tolist(),
                "residual": _normal_form_gap(tm, p, np.array([[sign, 1.0], [0.0, sign]]))}
    if tr * tr - 4 * det > 0:
        d1, d2 = sorted(np.abs(np.linalg.eigvals(tm).real), reverse=True)
        return {"case": "real eigenvalues, |d1| > 1 > |d2|", "moduli": [float(d1), float(d2)],
                "residual": 0.0 if d1 > 1 > d2 else 1.0}
    if abs(det - 1) <= CLASSIFY_TOL * scale and abs(tr) < 2:
        vals, vecs = np.linalg.eig(tm)
        k = int(np.argmin(vals.imag))                            # e^{-iθ}, θ > 0: T [Re v, Im v] = P R_θ
        p, theta = np.column_stack([vecs[:, k].real, vecs[:, k].imag]), float(-np.angle(vals[k]))
        return {"case": "elliptic", "theta": theta, "witness": p.tolist(),
                "residual": max(_normal_form_gap(tm, p, _rotation(theta)), abs(np.cos(theta) - tr / 2))}
    return {"case": "none", "trace": tr, "det": det, "residual": 1.0}


def _normal_form_gap(tm: np.ndarray, p: np.ndarray, normal: np.ndarray) -> float:
    """``max |P^{-1} T P - M|`` relative to ``|M|``; 1 when the witness ``P`` is (numerically) singular."""
    if np.linalg.cond(p) > 1e8:
        return 1.0
    return float(np.max(np.abs(np.linalg.solve(p, tm @ p) - normal)) / max(1.0, np.max(np.abs(normal))))


def _conjugate(rng, m: np.ndarray) -> np.ndarray:
    """``B M B^{-1}`` in a random well-conditioned basis B."""
    b = random_basis(rng, m.shape[0])
    return b @ m @ np.linalg.inv(b)


def _unit_modulus_maps(rng, prof) -> list[Transform]:
    """Maps whose eigenvalues all have modulus 1: rotations, reflections, shears, Jordan blocks with
    eigenvalue ±1 and involutions in random bases, ±Id, elliptic maps (including angles near 0 and π)."""
    out = _maps(rng, prof, (2,), ("rotation", "reflection", "shear"))
    for sign in (1.0, -1.0):
        out.append(fixed(f"jordan{sign:+.0f} in a random basis", "shear",
                         _conjugate(rng, np.array([[sign, 1.0], [0.0, sign]]))))
        out.append(fixed(f"{sign:+.0f} Id", "rotation", sign * np.eye(2)))
    out.append(fixed("diag(1, -1)", "reflection", np.diag([1.0, -1.0])))
    out.append(fixed("diag(1, -1) in a random basis", "reflection", _conjugate(rng, np.diag([1.0, -1.0]))))
    for theta in (1.1, np.pi - 1e-3, 1e-3):
        out.append(fixed(f"elliptic R({theta:.6g}) in a random basis", "rotation", _conjugate(rng, _rotation(theta))))
    return out


def _unit_det_maps(rng, prof) -> list[Transform]:
    """|det T| = 1 maps: those with unit-modulus eigenvalues, hyperbolic maps, and random matrices rescaled to
    |det| = 1 in both orientations."""
    out = _unit_modulus_maps(rng, prof) + _maps(rng, prof, (2,), ("hyperbolic",))
    for k in range(4):
        m = rng.normal(size=(2, 2))
        if (np.linalg.det(m) > 0) != (k % 2 == 0):          # alternate the orientation
            m[:, 0] = -m[:, 0]
        m = m / np.sqrt(abs(np.linalg.det(m)))
        out.append(fixed(f"random |det| = 1 #{k}", "affine_pos" if np.linalg.det(m) > 0 else "affine_neg", m))
    return out


def _classification_result(maps: list[Transform], case_of, allowed: tuple[str, ...] | None = None) -> NumericResult:
    """One case per map: the residual of its witness, or 1 when its case is not one the node lists."""
    cases = []
    for t in maps:
        info = case_of(t.matrix)
        residual = info["residual"] if allowed is None or info["case"] in allowed else 1.0
        cases.append(Case({**_desc(t), **{k: v for k, v in info.items() if k != "residual"}},
                          np.zeros((1, 2)), lambda x, n, r=residual: np.array([r]),
                          lambda x, n: np.zeros(1), (1, 2), relative=False))
    return cross_check(cases, (1, 2), WITNESS_TOL, details={
        "resolution_meaning": "none (a witness check; both levels repeat it)",
        "residual_meaning": "max entry of P^-1 T P minus the normal form (relative); 1 when the map is in no "
                            "case the node lists"})


@numeric("prop:4.7.step-case-split", "numeric: every sampled |det T_h| = 1 map is in one of the four cases, "
         "with a computed conjugating witness",
         "|det T_h| = 1 ⇒ T_h² = Id, or T_h ~ [[±1,1],[0,±1]], or real |d1| > 1 > |d2|, or det 1 and |tr| < 2", (2,),
         "classification from trace, determinant and T² alone; witnesses P from eigenvectors / (T - d Id) w, "
         "checked by P^-1 T P")
def _case_split(rng, profile) -> NumericResult:
    return _classification_result(_unit_det_maps(rng, get_profile(profile)), classify_2d)


@numeric("prop:4.7.step-elliptic-conjugate", "numeric: det T_h = 1, |tr T_h| < 2 gives T_h P = P R_theta with "
         "cos theta = tr T_h / 2", "the conjugating matrix of an elliptic map, from its complex eigenvector", (2,),
         "P = [Re v, Im v] for the eigenvalue e^{-iθ}; residual |P^-1 T P - R_θ|, |cos θ - tr/2| (1 if P is singular "
         "or the map is not classified elliptic)")
def _elliptic_conjugate(rng, profile) -> NumericResult:
    maps = [fixed(f"elliptic R({theta:.6g}) in a random basis", "rotation", _conjugate(rng, _rotation(theta)))
            for theta in (*rng.uniform(0.05, np.pi - 0.05, size=4), 1e-3, np.pi - 1e-3)]
    maps += [t for t in _maps(rng, get_profile(profile), (2,), ("rotation",)) if abs(np.trace(t.matrix)) < 2]
    return _classification_result(maps, classify_2d, ("elliptic",))


@numeric("prop:4.7.step-finite-order-conjugate", "numeric: T_h^2 = Id gives +-Id (det 1) or a conjugate of "
         "diag(1, -1) (det -1)", "involutions in random bases: the classification and its eigenvector witness", (2,),
         "T = B D B^-1 for the four sign patterns D and sampled reflections; the witness comes from T alone")
def _finite_order(rng, profile) -> NumericResult:
    maps = list(_maps(rng, get_profile(profile), (2,), ("reflection",)))
    for signs in ((1, 1), (-1, -1), (1, -1), (-1, 1)):
        maps.append(fixed(f"B diag{signs} B^-1", "reflection", _conjugate(rng, np.diag(signs).astype(float))))
    return _classification_result(maps, classify_2d, ("T^2 = Id, det 1", "T^2 = Id, det -1"))


@numeric("prop:4.7.step-ellipses", "numeric: |P^-1 T_h x| = |P^-1 x|, R_theta^n = R_(n theta), T_h^q = Id for "
         "theta = 2 pi p / q", "the invariant ellipses of T_h = P R_θ P^-1 and the finite order at rational angles",
         (2,), "random well-conditioned P, rational and irrational θ; pointwise norms and matrix powers")
def _ellipses(rng, profile) -> NumericResult:
    cases = []
    for theta, q in ((2 * np.pi * 3 / 7, 7), (2 * np.pi / 5, 5), (np.sqrt(2.0), None), (1.0, None)):
        p = random_basis(rng, 2)
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


ORBIT_LENGTHS = (10, 100, 1000, 10000)


def _orbit_gaps(tm: np.ndarray, x0: np.ndarray) -> list[float]:
    """For each orbit length n: the largest gap between the angles of ``P^{-1} T^k x0``, ``k < n``, on the
    circle ``P^{-1} E`` (P the elliptic witness computed from T): 0 in the limit iff the orbit is dense in E."""
    p = np.array(classify_2d(tm)["witness"])
    orbit = [np.linalg.solve(p, x0)]
    rot = np.linalg.solve(p, tm @ p)
    for _ in range(ORBIT_LENGTHS[-1] - 1):
        orbit.append(rot @ orbit[-1])
    ang = np.arctan2(*np.array(orbit).T[::-1])
    gaps = []
    for n in ORBIT_LENGTHS:
        a = np.sort(ang[:n])
        gaps.append(float(np.max(np.diff(np.concatenate([a, [a[0] + 2 * np.pi]])))))
    return gaps


def _orbit_result(rng, thetas: dict[str, float], expect: str) -> NumericResult:
    maps = [fixed(f"R({name}) in a random basis", "rotation", _conjugate(rng, _rotation(theta)))
            for name, theta in thetas.items()]
    if expect == "agree":                                  # the paper's irrational instance is not a control
        maps += [t for t, _ in invariant_instances(rng) if t.name == "elliptic_irrational"]
    rows = [_orbit_gaps(t.matrix, rng.normal(size=2) * 0.3) for t in maps]
    table = np.array(rows)
    worst = table.max(axis=0) if expect == "agree" else table.min(axis=0)
    pick = int(np.argmax(table[:, -1]) if expect == "agree" else np.argmin(table[:, -1]))
    return sequence_result(ORBIT_LENGTHS, worst, TOL_DIFFER, expect=expect,
                           instance={**_desc(maps[pick]), "gaps": rows[pick]},
                           details={"resolution_meaning": "orbit length n; residual = largest angular gap of the "
                                                          "orbit on its ellipse",
                                    "instances": [{**_desc(t), "gaps": r} for t, r in zip(maps, rows)]})


@numeric("prop:4.7.step-constant-on-ellipses", "numeric: for theta/pi irrational the orbit of a point is dense "
         "on its ellipse", "the largest angular gap of {T_h^n x} on its ellipse tends to 0, so a continuous λ with "
         "λ = C T_h^-1 λ takes one value k_E on E", (2,),
         "elliptic maps R(√2), R(1), R(π(√5 - 1)) in random bases and the paper's irrational instance; the orbit "
         "is iterated with T_h and read through the computed witness P")
def _constant_on_ellipses(rng, profile) -> NumericResult:
    return _orbit_result(rng, {"sqrt(2)": np.sqrt(2.0), "1": 1.0, "pi (sqrt(5) - 1)": np.pi * (np.sqrt(5.0) - 1)},
                         "agree")


@numeric("prop:4.7.step-constant-on-ellipses", "numeric control: for theta = 2 pi p / q the orbit stays finite",
         "the largest angular gap of {T_h^n x} stays at 2π/q (the rational case is the finite-order one of "
         "step-ellipses)", (2,), "R(2π·3/7) and R(2π·9/40) in random bases; expects the gap to stay above the "
         "tolerance")
def _rational_orbits(rng, profile) -> NumericResult:
    return _orbit_result(rng, {"2 pi 3/7": 2 * np.pi * 3 / 7, "2 pi 9/40": 2 * np.pi * 9 / 40}, "disagree")


@numeric(("prop:5.13.step-cases",), "numeric: maps with all eigenvalues of modulus 1 are elliptic, +-Id, "
         "(tr, det) = (0, -1), or conjugate to a Jordan block",
         "all |λ_i| = 1 ⇒ det 1 and |tr| < 2, or (tr, det) ∈ {(±2, 1), (0, -1)}; (±2, 1) with T ≠ ±Id is "
         "conjugate to [[±1,1],[0,±1]]", (2,),
         "rotations (also by nearly 0 and π), reflections, shears, Jordan blocks, involutions and elliptic maps "
         "in random bases; (tr, det) and the witness from T alone")
def _unit_modulus_cases(rng, profile) -> NumericResult:
    def case_of(tm):
        info = classify_2d(tm)
        tr, det = float(np.trace(tm)), float(np.linalg.det(tm))
        near = lambda a, b: abs(a - b) <= CLASSIFY_TOL * max(1.0, float(np.max(np.abs(tm))))
        listed = (near(det, 1) and abs(tr) < 2) or any(near(tr, a) and near(det, b)
                                                       for a, b in ((2, 1), (-2, 1), (0, -1)))
        return {**info, "trace": tr, "det": det, "residual": info["residual"] if listed else 1.0}
    return _classification_result(_unit_modulus_maps(rng, get_profile(profile)), case_of)


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
         "random well-conditioned P; moduli of numpy eigenvalues of T against the parameters (a J_3 block moves "
         "computed eigenvalues by about (eps cond P)^(1/3) ~ 1e-5, hence the tolerance 1e-4)")
def _types_3d_check(rng, profile) -> NumericResult:
    cases = []
    for name, m, moduli in _types_3d(rng):
        tm = _conjugate(rng, m)
        got = np.sort(np.abs(np.linalg.eigvals(tm)))
        cases.append(Case({"type": name, "normal_form": m.tolist(), "matrix": np.round(tm, 12).tolist()},
                          np.zeros((1, 3)), lambda x, n, g=got: g, lambda x, n, w=np.sort(moduli): w, (1, 2)))
    return cross_check(cases, (1, 2), 1e-4)


# ============================================================== Section 5: generators, (40), (43)


@numeric(("eq:32-34.generator", "eq:32-34.inverse", "remark:5.9.nonconstant.corrected"),
         "numeric (33): (Lambda f)(x) = mu(D_-x f) for a two-layer CNN",
         "a translation-covariant Λ is generated by μ(f) = (Λ f)(0̄), i.e. Λ_{μ_Λ} = Λ", (2,),
         "nested quadrature of random CNNs: (Λ f)(x) against μ evaluated on the shifted image")
def _generator_33(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f = _net(rng), _image(rng)
        cases.append(Case(_desc(None, f=f, network=net.describe()), _points(rng, prof.points, 2, 0.4),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n)),
                          lambda x, n, net=net, f=f: _mu_h_operator(net, f, None, x, n), prof.nested2))
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
                          lambda x, n, net=net, f=f, d=d: _mu_h_operator(net, f.shifted(d), None, x, n),
                          lambda x, n, net=net, f=f, d=d: _mu_h_operator(net, f, None, x - d, n), prof.nested2))
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
                          lambda x, n, net=net, g=g: _mu_h_operator(net, g, None, x, n),
                          lambda x, n, net=net, g=g: _flat(net.evaluate(g, np.zeros((1, 2)), n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


def _zero_image(y: np.ndarray) -> np.ndarray:
    return np.zeros(y.shape[:-1])


def _far_instances(rng, prof):
    """(CNN, f, channel, x, premise gap) with ``f = D_x f0``, ``|x| > (r(Λ) + r(f0)) / 2`` (so ``D_x f = D_{2x} f0``
    vanishes on ``B(0̄, r(Λ))``) and the premise ``(Λ f)(x) != (Λ 0)(x)`` holding with a relative gap of at least
    ``2 TOL_DIFFER`` at every quadrature level (images are redrawn until it does)."""
    out = []
    origin = np.zeros((1, 2))
    while len(out) < 2 * prof.per_class + 1:
        net = _net(rng)
        zero = {n: net.evaluate(_zero_image, origin, n)[0] for n in prof.nested2}
        for _ in range(8):
            f0 = _image(rng)
            vals = {n: net.evaluate(f0, origin, n)[0] for n in prof.nested2}       # (Λ f)(x) = (Λ f0)(0̄)
            rel = np.min([np.abs(vals[n] - zero[n]) / np.maximum(np.maximum(np.abs(vals[n]), np.abs(zero[n])),
                                                                  1e-12) for n in prof.nested2], axis=0)
            c = int(np.argmax(rel))
            if rel[c] >= 2 * TOL_DIFFER:
                u = rng.normal(size=2)
                x = u / np.linalg.norm(u) * (0.6 * (net.radius() + f0.radius) + 0.1)
                out.append((net, f0.shifted(x), c, x, float(rel[c])))
                break
    return out


def _nonconstant_cases(rng, prof, shift_sign: float) -> list[Case]:
    """μ(D_{±x} f) against μ(0) in the premise's channel."""
    cases = []
    for net, f, c, x, gap in _far_instances(rng, prof):
        g = f.shifted(shift_sign * x)
        cases.append(Case(_desc(None, f=f, network=net.describe(), channel=c, x=np.round(x, 10).tolist(),
                                premise_gap=gap), np.zeros((1, 2)),
                          lambda y, n, net=net, g=g, c=c: net.evaluate(g, y, n)[:, c],
                          lambda y, n, net=net, c=c: net.evaluate(_zero_image, y, n)[:, c], prof.nested2))
    return cases


PREMISE_NOTE = {"premise": "(Λ f)(x) != (Λ 0)(x) on every instance: relative gap premise_gap >= 2 x 0.05 at every "
                           "quadrature level"}


@numeric("remark:5.9.nonconstant", "numeric as printed: (Lambda f)(x) != (Lambda 0)(x) gives mu(D_x f) != mu(0)",
         "the printed proof's shift D_x, on CNN instances where the premise holds", (2,),
         "random CNNs, f = D_x f0 with |x| beyond half the radius sum, so D_x f vanishes on B(0̄, r(Λ)); expects a "
         "difference")
def _nonconstant_printed(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_nonconstant_cases(rng, prof, +1.0), prof.nested2, TOL_DIFFER, expect="disagree",
                       details=PREMISE_NOTE)


@numeric("remark:5.9.nonconstant.corrected", "numeric: (Lambda f)(x) != (Lambda 0)(x) gives mu(D_-x f) != mu(0)",
         "the corrected shift D_{-x}, on the instances of the printed check", (2,),
         "random CNNs, f = D_x f0 where the premise holds; expects a difference")
def _nonconstant_corrected(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_nonconstant_cases(rng, prof, -1.0), prof.nested2, TOL_DIFFER, expect="disagree",
                       details=PREMISE_NOTE)


def _constant_net(rng) -> ContinuousCNN:
    """A CNN whose last layer has zero filters: Λ f = σ(b) for every f (a constant generator)."""
    net = _net(rng)
    last = [[lam.scaled(0.0) for lam in row] for row in net.filters[-1]]
    return ContinuousCNN(net.filters[:-1] + [last], net.biases, net.sigmas)


def _constant_cnn_conclusion(rng, prof, maps: list[Transform], points: int, conclusion: str, gap) -> NumericResult:
    """The printed conclusion's gap ``gap(T_h)`` on instances where a constant CNN satisfies the premise
    ``T_g Λ T_h f = Λ f`` with ``T_g = Id`` (at ``points`` sample points; at 0̄ alone, that is (42)).

    The premise is evaluated with the network for each ``(T_h, f)``; where it fails (relative residual
    above TOL_EXACT at some level) the case's value is NaN, so the check fails instead of refuting."""
    cases = []
    for t in maps:
        net, f, tm = _constant_net(rng), _image(rng), t.matrix
        x = _points(rng, points, 2, 0.4) if points > 1 else np.zeros((1, 2))
        premise = []
        for n in prof.nested2:
            lhs, rhs = _flat(net.evaluate(f.transformed(tm), x, n)), _flat(net.evaluate(f, x, n))
            premise.append(float(np.max(np.abs(lhs - rhs)) / max(np.max(np.abs(lhs)), np.max(np.abs(rhs)), 1e-12)))
        value = gap(t) if max(premise) <= TOL_EXACT else float("nan")
        cases.append(Case({**_desc(t, f=f), "network": "two-layer CNN with zero last-layer filters", "T_g": "Id",
                           "premise_residuals": premise, "conclusion": conclusion, "gap": value},
                          np.zeros((1, 2)), lambda y, n, v=value: np.array([v]), lambda y, n: np.zeros(1), (1, 2),
                          relative=False))
    return cross_check(cases, (1, 2), TOL_EXACT, details={
        "resolution_meaning": "none (a closed-form gap; the premise is checked at every quadrature level first)"})


@numeric("prop:5.11", "numeric as printed: a constant CNN is aligned by T_g = Id, yet T_g != T_h^-1",
         "on instances where T_g Λ T_h f = Λ f holds with T_g = Id (evaluated), T_g T_h = Id", (2,),
         "a two-layer CNN with zero last-layer filters; sampled scalings, shears, affine T_h; residual "
         "max |T_g T_h - Id|")
def _prop511_printed(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    maps = _maps(rng, prof, (2,), ("uniform_scaling", "nonuniform_scaling", "shear", "affine_pos"))
    return _constant_cnn_conclusion(rng, prof, maps, prof.points, "T_g = T_h^-1 with T_g = Id",
                                    lambda t: float(np.max(np.abs(t.matrix - np.eye(2)))))


@numeric("prop:5.13", "numeric as printed: a constant CNN has (42) for T_h = diag(2, 1) and other non-orthogonal maps",
         "on instances where μ(T_h f) = μ(f) holds (evaluated), |det T_h| = 1, as a conjugate of a rotation or "
         "reflection needs", (2,),
         "a two-layer CNN with zero last-layer filters; diag(2, 1), sampled scalings and affine maps; residual "
         "||det T_h| - 1|")
def _prop513_printed(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    maps = [fixed("diag(2,1)", "nonuniform_scaling", np.diag([2.0, 1.0]))]
    maps += _maps(rng, prof, (2,), ("uniform_scaling", "nonuniform_scaling", "affine_pos"))
    return _constant_cnn_conclusion(rng, prof, maps, 1, "|det T_h| = 1", lambda t: abs(abs(t.det) - 1.0))


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
            g = _outside_bump(rng, p, net.radius(), u)                                    # f1 = f2 on B(p, r(Λ))
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


numeric("prop:A.2.step-lemma-5.4-ball", "numeric as printed: Lambda^(i-1) f1 = Lambda^(i-1) f2 on B(p, r(lambda^(i-1)))",
        "layer-1 outputs agree on the ball of the first layer's filter radius when f1 = f2 on B(p, r(Λ^(2)))", (2,),
        "a two-layer CNN whose first filters are wider than its second; points up to 0.99 of the printed radius "
        "towards the perturbation")(_ball_run(printed=True))
numeric("prop:A.2.step-lemma-5.4-ball.corrected",
        "numeric: Lambda^(i-1) f1 = Lambda^(i-1) f2 on B(p, r(lambda^(i)))",
        "layer-1 outputs agree on the ball of the second layer's filter radius when f1 = f2 on B(p, r(Λ^(2)))", (2,),
        "the same networks and perturbations as the printed check")(_ball_run(printed=False))


def _layer_integral(net: ContinuousCNN, m: int, c: int) -> ContinuousCNN:
    """The network whose output channel c is the last layer's integral ``∫ (Λ^(i-1) f)_m(p - y) λ_{m,c}(y) dy``
    alone: every other last-layer filter zeroed, no bias, σ = identity."""
    last = [[lam if (cc, mm) == (c, m) else lam.scaled(0.0) for mm, lam in enumerate(row)]
            for cc, row in enumerate(net.filters[-1])]
    return ContinuousCNN(net.filters[:-1] + [last], [*net.biases[:-1], np.zeros_like(net.biases[-1])],
                         [*net.sigmas[:-1], "identity"])


@numeric("prop:A.2.step-nonlinearity", "numeric: equal layer integrals give equal outputs through b and sigma",
         "when f1 = f2 on B(p, r(Λ)) the last layer's integrals at p agree for every (m, c), and so do its outputs",
         (2,), "random two-layer CNNs: each integral ∫(Λ^(1) f)_m(p - y) λ^(2)_{m,c}(y) dy separately, then the "
         "outputs σ(Σ_m ... + b_c)")
def _a2_nonlinearity(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f1 = _net(rng), _image(rng)
        parts = [(m, c, _layer_integral(net, m, c)) for c in range(net.channels)
                 for m in range(len(net.filters[-1][0]))]
        p = rng.normal(size=2) * 0.2
        g = _outside_bump(rng, p, net.radius())
        values = lambda x, n, f, net=net, parts=parts: np.concatenate(
            [part.evaluate(f, x, n)[:, c] for m, c, part in parts] + [_flat(net.evaluate(f, x, n))])
        cases.append(Case(_desc(None, f=f1, g=g, network=net.describe(), p=np.round(p, 10).tolist(),
                                order=[f"integral (m={m}, c={c})" for m, c, _ in parts] + ["outputs"]), p[None],
                          lambda x, n, v=values, f1=f1: v(x, n, f1), lambda x, n, v=values, f2=f1 + g: v(x, n, f2),
                          prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


# ============================================================== Section 5.6: continuity of the generator


def _disk_indicator_mu(kernel, rho: float, n: int) -> float:
    """``∫ f_ρ(-y) λ(y) dy`` for ``f_ρ = (πρ)^{-1} χ_{B(0̄, ρ)}`` (the image of the formal obligations of
    thm:5.6-conclusion.step-cnn-included, ‖f_ρ‖_{L^1} = ρ): midpoint nodes of the disk of radius ρ."""
    z, w = grid(rho, n, 2)
    inside = np.einsum("ij,ij->i", z, z) <= rho * rho
    return float(np.sum(kernel(z[inside])) * w / (np.pi * rho))


RHO_LEVELS = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6)


@numeric("thm:5.6-conclusion.step-cnn-included",
         "numeric as printed: an L^1_comp filter gives a generator continuous on L^1_loc",
         "|μ(f_ρ) - μ(0)| -> 0 as ‖f_ρ‖_{L^1} = ρ -> 0, for λ(y) = |y|^-1 on B(0̄, 1), σ = id", (2,),
         "f_ρ = (πρ)^-1 χ_{B(0̄, ρ)}, the formal obligations' image (mass-of-f-rho: ‖f_ρ‖ = ρ; mu-of-f-rho: "
         "μ(f_ρ) = 2 for 0 < ρ <= 1); μ(f_ρ) by the midpoint rule on the disk (the integrand is singular at 0̄, "
         "never at a node); levels are ρ")
def _cnn_included_printed(rng, profile) -> NumericResult:
    kernel = lambda y: 1.0 / np.linalg.norm(y, axis=-1)
    vals = [abs(_disk_indicator_mu(kernel, rho, 400)) for rho in RHO_LEVELS]
    return sequence_result(RHO_LEVELS, vals, TOL_QUAD, instance={
        "filter": "|y|^-1 on B(0, 1) (in L^1, unbounded)", "image": "(pi rho)^-1 indicator of B(0, rho)",
        "mu_of_zero": 0.0, "mu_of_f_rho": vals, "exact_mu_of_f_rho": 2.0},
        details={"resolution_meaning": "ρ; residual = |μ(f_ρ) - μ(0)|"})


class _InverseNorm(Function):
    """``a |y|^{-1}`` on ``B(0̄, R)``: in L^1 (mass 2π a R in 2D) but unbounded."""

    def __init__(self, radius: float, amplitude: float) -> None:
        self.dim, self.radius, self.amplitude = 2, float(radius), float(amplitude)

    def __call__(self, y: np.ndarray) -> np.ndarray:
        return self._profile(np.linalg.norm(y, axis=-1))

    def pairwise(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        r = np.subtract.outer(a[:, 0], b[:, 0])
        r *= r
        d = np.subtract.outer(a[:, 1], b[:, 1])
        d *= d
        r += d
        return self._profile(np.sqrt(r, out=r))

    def _profile(self, r: np.ndarray) -> np.ndarray:
        return np.where((r > 0) & (r <= self.radius), self.amplitude / np.where(r > 0, r, 1.0), 0.0)

    def describe(self) -> dict:
        return {"kind": "inverse_norm", "radius": self.radius, "amplitude": self.amplitude}


def _singular_first_layer_net(rng) -> ContinuousCNN:
    """A random two-layer CNN whose first-layer filters are |y|^{-1} on a ball (L^1, unbounded): the corrected
    statement asks only the last layer's filters to be bounded. tanh in both layers: a ReLU with a negative
    bias would map small changes to exactly 0."""
    net = _net(rng)
    first = [[_InverseNorm(0.3, float(a))] for a in rng.uniform(0.2, 0.6, size=len(net.filters[0]))]
    return ContinuousCNN([first, *net.filters[1:]], net.biases, ["tanh", "tanh"])


@numeric("thm:5.6-conclusion.step-cnn-included.corrected",
         "numeric: a CNN with bounded last-layer filters has a generator continuous on L^1_loc",
         "|μ(f_ρ) - μ(0)| -> 0 as ‖f_ρ‖_{L^1} = πρ -> 0 for random two-layer CNNs (tanh, ReLU, biases)", (2,),
         "one network with unbounded |y|^-1 first-layer filters, the others with bump filters; layer 1 at each node "
         "of layer 2's quadrature by the midpoint rule on the disk of radius ρ; levels are ρ")
def _cnn_included_corrected(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    n = prof.nested2[-1]
    table, insts = [], []
    for k in range(2 * prof.per_class + 1):
        net = _singular_first_layer_net(rng) if k == 0 else _net(rng)
        mu0 = _two_layer_mu(net, 0.0, n)
        row = [float(np.max(np.abs(_two_layer_mu(net, rho, n) - mu0))) for rho in RHO_LEVELS]
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
        conv = np.stack([pairwise(row[0], -z, y).sum(axis=1) * wy / rho for row in first], axis=-1)
    else:
        conv = np.zeros((len(z), len(first)))
    act = SIGMAS[net.sigmas[0]](conv + b1)
    lz = np.stack([np.stack([lam(z) for lam in row], axis=-1) for row in second], axis=-1)   # (G, m, c)
    return SIGMAS[net.sigmas[1]](np.einsum("gm,gmc->c", act, lz) * w + b2)



# ============================================================== Proposition 4.7, clause (i): C = -1 is allowed


def _finite_order_instances(rng) -> list[tuple[str, np.ndarray, Function, float]]:
    """``(name, T_h, λ, C)`` with T_h of finite order and λ(x) = C λ(T_h x): symmetric (C = 1) and odd (C = -1)."""
    refl = np.array([[1.0, 0.0], [0.0, -1.0]])
    basis = np.array([[1.0, 0.4], [-0.3, 1.2]])
    refl_b = basis @ refl @ np.linalg.inv(basis)
    minus = -np.eye(2)
    out = [("reflection_axis, odd filter", refl, _antisymmetric(sample_compact(rng, 2, 0.7), refl), -1.0),
           ("reflection in a basis, odd filter", refl_b, _antisymmetric(sample_compact(rng, 2, 0.7), refl_b), -1.0),
           ("rotation by pi (-Id), odd filter", minus, _antisymmetric(sample_compact(rng, 2, 0.7), minus), -1.0)]
    for t, lam in invariant_instances(rng)[:2]:
        out.append((f"{t.name}, symmetric filter", t.matrix, lam, 1.0))
    return out


@numeric("prop:4.7", "numeric as printed: clause (i), lambda is symmetric under T_h when T_h^n = Id and (30) holds",
         "λ(T_h x) = λ(x) on instances where λ = C T_h^-1 λ holds with T_h of finite order", (2,),
         "odd filters (g - g∘T)/2 under reflections and -Id (C = -1) and symmetrised filters (C = 1); (30) is checked "
         "first, a case where it fails is NaN")
def _prop47_printed_symmetry(rng, profile) -> NumericResult:
    cases = []
    for name, tm, lam, c in _finite_order_instances(rng):
        pts = _points(rng, POINT_LEVELS[-1], 2, 0.4)
        premise = float(np.max(np.abs(lam(pts) - c * lam(pts @ tm.T))))
        rhs = pointwise(lam) if premise <= TOL_EXACT else (lambda x, n: np.full(len(np.atleast_2d(x)[:n]), np.nan))
        cases.append(Case({"transform": name, "T_h": np.round(tm, 10).tolist(), "C": c, "premise_30": premise},
                          pts, pointwise(lam.precompose(tm)), rhs, POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_EXACT, details={"resolution_meaning": "number of sample points"})


@numeric("prop:4.7.corrected", "numeric: clause (i), lambda(T_h x) = C lambda(x) with C = +-1 when T_h^n = Id",
         "λ∘T_h = Cλ, C = ±1, on the same instances (symmetric for C = 1, antisymmetric for C = -1)", (2,),
         "pointwise evaluation of closed-form filters")
def _prop47_corrected_symmetry(rng, profile) -> NumericResult:
    cases = []
    for name, tm, lam, c in _finite_order_instances(rng):
        pts = _points(rng, POINT_LEVELS[-1], 2, 0.4)
        cases.append(Case({"transform": name, "T_h": np.round(tm, 10).tolist(), "C": c}, pts,
                          pointwise(lam.precompose(tm)), pointwise(lam.scaled(c)), POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_EXACT, details={"resolution_meaning": "number of sample points"})


# ============================================================== Lemma 4.2: a non-zero filter has a non-zero response


@numeric("lemma:4.2.step-nonzero-response", "numeric: lambda != 0 gives Lambda_lambda f != 0 (a mollifier)",
         "(Λ_λ f_n)(x) at the point x where |λ| is largest stays away from 0 for mollifiers f_n", (2, 3),
         "f_n a normalised bump of radius 0.05; quadrature; expects a difference from the zero operator")
def _nonzero_response(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for dim in (2, 3):
        for _ in range(2 * prof.per_class + 1):
            lam = sample_compact(rng, dim, 0.6)
            z, _ = grid(lam.radius, 40 if dim == 2 else 16, dim)
            peak = z[int(np.argmax(np.abs(lam(z))))][None, :]
            mol = Bump(np.zeros(dim), np.eye(dim) / 0.05, 1.0)
            zz, ww = grid(0.05, 40 if dim == 2 else 16, dim)
            mol = mol.scaled(1.0 / float(np.sum(mol(zz)) * ww))
            cases.append(Case(_desc(None, filter=lam, point=np.round(peak[0], 10).tolist()), peak,
                              lambda x, n, lam=lam, mol=mol: convolve_at(mol, lam, x, n),
                              lambda x, n: np.zeros(len(np.atleast_2d(x))), prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_DIFFER, expect="disagree")


# ============================================================== Section 5.6: domination by an L^1_comp kernel


def _inverse_norm_one_layer_mu(g, n: int) -> float:
    """μ(g) = ∫ g(-y) |y|^-1 dy over B(0̄, 1) (one layer, σ = id): midpoint rule (never a node at 0̄)."""
    z, w = grid(1.0, n, 2)
    r = np.linalg.norm(z, axis=-1)
    inside = r <= 1.0
    return float(np.sum(g(-z[inside]) / r[inside]) * w)


@numeric("thm:5.6-conclusion.step-cnn-included.corrected",
         "numeric: |mu(f) - mu(g)| <= int |f - g|(-y) K(y) dy for one- and two-layer CNNs (singular filters included)",
         "the domination of the generator: per network and image pair, the excess of |μ(f) - μ(g)| over the bound "
         "is <= 0", (2,),
         "one layer with λ = |y|^-1 on B(0̄, 1); random two-layer CNNs (one with |y|^-1 first-layer filters), the bound "
         "L2 Σ_m ∫|λ2|(z) L1 ∫|f - g|(-z-y)|λ1_m(y)| dy dz by nested quadrature (= ∫|f - g| K by Tonelli); residual "
         "= max(0, |Δμ| - bound) relative to |Δμ|")
def _domination(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    levels = prof.nested2
    rows = []
    for k in range(2 * prof.per_class + 2):
        f, g = _image(rng), _image(rng)
        excess = []
        for n in levels:
            if k == 0:
                dmu = abs(_inverse_norm_one_layer_mu(f, 8 * n) - _inverse_norm_one_layer_mu(g, 8 * n))
                bound = _inverse_norm_one_layer_mu(lambda y, f=f, g=g: np.abs(f(y) - g(y)), 8 * n)
            else:
                net = _singular_first_layer_net(rng) if k == 1 else _net(rng)
                dmu = float(np.max(np.abs(net.evaluate(f, np.zeros((1, 2)), n) - net.evaluate(g, np.zeros((1, 2)), n))))
                bound = _two_layer_bound(net, f, g, n)
            excess.append(max(0.0, dmu - bound) / max(dmu, 1e-12))
        rows.append(excess)
    worst = np.max(np.array(rows), axis=0)
    return sequence_result(levels, worst, TOL_EXACT, instance={"rows": rows},
                           details={"resolution_meaning": "quadrature nodes per axis; residual = relative excess of "
                                                          "|μ(f) - μ(g)| over the domination bound"})


def _two_layer_bound(net: ContinuousCNN, f, g, n: int) -> float:
    """max_c L2 Σ_m ∫ |λ2_{c,m}(z)| L1 ∫ |f - g|(-z - y) |λ1_m(y)| dy dz (L = 1 for ReLU, tanh, identity)."""
    (first, second) = net.filters
    r2 = max(lam.radius for row in second for lam in row)
    r1 = max(row[0].radius for row in first)
    z, wz = grid(r2, n, 2)
    y, wy = grid(r1, n, 2)
    diff = np.abs(pairwise(f, -z, y) - pairwise(g, -z, y))                                     # (Z, Y)
    inner = np.stack([(diff * np.abs(row[0](y))[None, :]).sum(axis=1) * wy for row in first], axis=-1)   # (Z, m)
    return float(max(np.sum(np.abs(np.stack([lam(z) for lam in row], axis=-1)) * inner) * wz for row in second))


SLAB_LEVELS = (2, 6, 10, 14, 18, 22)


def _slab_mu(width: float) -> float:
    """μ(f_n) for f_n = indicator of B(0̄, 1) ∩ {|y_1| < w}, λ = |y|^-1 (σ = id): ∫ over |y_2| <= 1 of the exact inner
    integral 2 asinh(min(w, sqrt(1 - y_2^2)) / |y_2|) dy_2 (scipy quad)."""
    from scipy.integrate import quad
    inner = lambda t: 2.0 * np.arcsinh(min(width, np.sqrt(max(1.0 - t * t, 0.0))) / t)
    return 2.0 * quad(inner, 0.0, 1.0, limit=200, points=[min(width, 0.5)])[0]


@numeric(("prop:5.12.step-dominated-limits", "prop:5.12.dominated"),
         "numeric (L1): bounded images with shrinking support have mu(f_n) -> mu(0) for the unbounded kernel |y|^-1",
         "f_n = χ T_h^{-n}(χ 1) for T_h = diag(2, 1) (the slab |y_1| < 2^-n in B(0̄, 1), bounded by 1): μ(f_n) -> 0 = μ(0) "
         "although μ is not continuous on L^1_loc (thm:5.6-conclusion.step-cnn-included)", (2,),
         "levels are n; the inner integral over y_1 in closed form, the outer by adaptive quadrature")
def _dominated_l1(rng, profile) -> NumericResult:
    vals = [_slab_mu(2.0 ** -n) for n in SLAB_LEVELS]
    return sequence_result(SLAB_LEVELS, vals, TOL_QUAD, instance={
        "kernel": "|y|^-1 on B(0, 1)", "image": "indicator of B(0, 1) ∩ {|y1| < 2^-n}", "mu_of_f_n": vals,
        "mu_of_0": 0.0}, details={"resolution_meaning": "n; residual = |μ(f_n) - μ(0)|"})


TRUNCATION_LEVELS = (10, 100, 1000, 10000, 100000)


@numeric(("prop:5.12.step-dominated-limits", "prop:5.12.dominated"),
         "numeric (L2): truncations g_i of an unbounded f with int |f| k < oo have mu(g_i) -> mu(f)",
         "f = |y|^-1/2, k = |y|^-1 on B(0̄, 1): ∫|f| k = 4π < ∞, g_i = min(f, i): |μ(g_i) - μ(f)| -> 0", (2,),
         "radial integrals by adaptive quadrature, μ(f) = 4π in closed form; levels are i")
def _dominated_l2(rng, profile) -> NumericResult:
    from scipy.integrate import quad
    exact = 4.0 * np.pi
    vals = []
    for i in TRUNCATION_LEVELS:
        cut = float(i) ** -2                                        # |y|^-1/2 >= i exactly on |y| <= i^-2
        val = 2.0 * np.pi * (float(i) * cut + quad(lambda r: r ** -0.5, cut, 1.0)[0])
        vals.append(abs(val - exact) / exact)
    return sequence_result(TRUNCATION_LEVELS, vals, TOL_QUAD, instance={
        "f": "|y|^-1/2", "kernel": "|y|^-1 on B(0, 1)", "mu_of_f": exact, "relative_gaps": vals},
        details={"resolution_meaning": "truncation level i; residual = |μ(g_i) - μ(f)|/μ(f)"})


# ============================================================== Prop 5.12: the ellipsoid-average counterexample


def _sector_indicator(axis: float, half_angle: float):
    """Indicator of the double sector of half-angle α around the direction ``axis`` (0-homogeneous)."""
    ca, sa, bound = np.cos(axis), np.sin(axis), np.sin(half_angle)

    def f(y):
        # |sin(arg y - axis)| < sin α, as |y| |sin(arg y - axis)| = |y_2 cos(axis) - y_1 sin(axis)| (no arctan)
        y1, y2 = y[..., 0], y[..., 1]
        cross = y2 * ca
        cross -= y1 * sa
        np.abs(cross, out=cross)
        norm = y1 * y1
        norm += y2 * y2
        np.sqrt(norm, out=norm)
        norm *= bound
        return (cross < norm).astype(float)
    return f


ELLIPSE_BLOCK = 24   # orientations evaluated together


def _best_ellipse_average(f, ecc: float, orientations: int = 360, nodes: int = 2048,
                          memo: dict | None = None) -> float:
    """sup over centred ellipses of eccentricity <= ecc of the average of a 0-homogeneous f: the average over
    A B is (2π)^-1 ∫ f(A(cos φ, sin φ)) dφ; ellipses of eccentricity 1, sqrt(ecc), ecc in every orientation.

    The orientations of one eccentricity are evaluated together, a block at a time; ``memo`` (one per ``f``)
    keeps the best average per eccentricity, which several bounds ``ecc`` share."""
    phi = (np.arange(nodes) + 0.5) * 2 * np.pi / nodes
    circle = np.stack([np.cos(phi), np.sin(phi)], axis=-1)
    best = -np.inf
    for e in sorted({1.0, float(np.sqrt(ecc)), float(ecc)}):
        key = (e, orientations, nodes)
        if memo is None or key not in memo:
            th = np.arange(orientations) * np.pi / orientations
            c, s = np.cos(th), np.sin(th)
            rot = np.stack([np.stack([c, -s], axis=-1), np.stack([s, c], axis=-1)], axis=-2)   # (O, 2, 2)
            a = rot @ np.diag([1.0, 1.0 / e])
            value = -np.inf
            for lo in range(0, orientations, ELLIPSE_BLOCK):                    # blocks small enough for the cache
                blk = a[lo:lo + ELLIPSE_BLOCK]
                pts = np.empty((2, len(blk), nodes))             # A (cos φ, sin φ), stored axis-first
                for i in range(2):
                    pts[i] = np.multiply.outer(blk[:, i, 0], circle[:, 0])
                    pts[i] += np.multiply.outer(blk[:, i, 1], circle[:, 1])
                value = max(value, float(np.max(np.mean(f(np.moveaxis(pts, 0, -1)), axis=-1))))
            if memo is None:
                best = max(best, value)
                continue
            memo[key] = value
        best = max(best, memo[key])
    return best


ECC_LEVELS = (4, 16, 64, 256)


@numeric("prop:5.12", "numeric: the ellipsoid-average generator mu_E is invariant under every T_h (and the ball "
         "average is not)",
         "|S_K(𝒯_h f) - S_K(f)| -> 0 as the eccentricity bound K grows, S_K the sup of averages over centred ellipses of "
         "eccentricity <= K, for sector indicators f (0-homogeneous, so the limit ε -> 0 is exact) and T_h of every class",
         (2,), "φ-quadrature on the unit circle (2048 nodes), 360 orientations; levels are K; details record the ball "
         "averages (K = 1) for diag(2, 1), which differ")
def _ellipsoid_invariance(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    maps = _maps(rng, prof, (2,)) + [fixed("diag(2,1)", "nonuniform_scaling", np.diag([2.0, 1.0]))]
    table, insts = [], []
    for t in maps:
        f = _sector_indicator(float(rng.uniform(0, np.pi)), float(rng.uniform(0.35, 0.7)))
        tinv = np.linalg.inv(t.matrix)
        tf = lambda y, f=f, tinv=tinv: f(linear(y, tinv))
        memo_tf, memo_f = {}, {}
        row = [abs(_best_ellipse_average(tf, k, memo=memo_tf) - _best_ellipse_average(f, k, memo=memo_f))
               for k in ECC_LEVELS]
        table.append(row)
        insts.append({**_desc(t), "residuals": row})
    worst = np.max(np.array(table), axis=0)
    f0 = _sector_indicator(0.0, np.pi / 4)
    ball = {"f": _best_ellipse_average(f0, 1.0, 1), "T_h f": _best_ellipse_average(
        lambda y: f0(y @ np.diag([0.5, 1.0]).T), 1.0, 1)}
    return sequence_result(ECC_LEVELS, worst, 0.02, instance=insts[int(np.argmax(np.array(table)[:, -1]))],
                           details={"resolution_meaning": "eccentricity bound K; residual = |S_K(T_h f) - S_K(f)|",
                                    "instances": insts, "ball_averages_diag21_double_sector_pi4": ball})


# ============================================================== Section 6: T_h = Id is aligned (invariance is to a group)


@numeric("thm:6", "numeric: for T_h = Id (in the affine, scale and shear groups) T_g = Id aligns the feature maps",
         "the alignment residual of T_g = Id for T_h = Id is 0 for random two-layer CNNs: the summary speaks of "
         "invariance to a group, not of each element", (2,), "nested quadrature")
def _thm6_identity(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f = _net(rng), _image(rng)
        cases.append(Case({"T_h": "Id", "T_g": "Id", "network": net.describe(), "f": f.describe()},
                          _points(rng, prof.points, 2, 0.4),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f.transformed(np.eye(2)), x, n)),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT,
                       details={"resolution_meaning": "quadrature nodes per axis in every layer"})


# ============================================================== the remark after Lemma 5.8


def _stripe_image(rng) -> Function:
    """f(y) = g(y_2): a sum of bumps in y_2 alone (constant along e_1)."""
    c = rng.uniform(-0.4, 0.4, size=2)
    amps = rng.uniform(0.5, 1.5, size=2)
    return lambda y: sum(a * np.exp(-((y[..., 1] - ci) / 0.3) ** 2) for a, ci in zip(amps, c))


def _invariant_image_cases(rng, prof, printed: bool) -> list[Case]:
    tm = np.diag([2.0, 1.0])
    tinv = np.linalg.inv(tm)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        f = _stripe_image(rng)
        x0 = rng.normal(size=2) * 0.5
        pts = _points(rng, POINT_LEVELS[-1], 2, 0.6)
        if printed:                                    # 'f is constant': f(y) = f(0)
            lhs, rhs = pointwise(f), pointwise(lambda y, f=f: np.full(len(y), f(np.zeros(2))))
        else:                                          # invariance around x0: f(x0 + T^-1 z) = f(x0 + z)
            lhs = pointwise(lambda z, f=f, x0=x0: f(x0 + z @ tinv.T))
            rhs = pointwise(lambda z, f=f, x0=x0: f(x0 + z))
        cases.append(Case({"T_h": "diag(2, 1)", "f": "g(y_2)", "x0": np.round(x0, 10).tolist()}, pts, lhs, rhs,
                          POINT_LEVELS))
    return cases


@numeric("remark:5.8.invariant-image", "numeric as printed: an image invariant to T_h around every point is constant",
         "f(y) = f(0̄) for f(y) = g(y_2), which is invariant to diag(2, 1) around every point", (2,),
         "pointwise evaluation of closed forms")
def _invariant_image_printed(rng, profile) -> NumericResult:
    return cross_check(_invariant_image_cases(rng, get_profile(profile), True), POINT_LEVELS, TOL_EXACT)


@numeric(("remark:5.8.invariant-image", "remark:5.8.invariant-image.corrected"),
         "numeric: f(y) = g(y_2) is invariant to diag(2, 1) around every point",
         "f(x0 + T_h^-1 z) = f(x0 + z) at sampled x0, z", (2,), "pointwise evaluation of closed forms")
def _invariant_image(rng, profile) -> NumericResult:
    return cross_check(_invariant_image_cases(rng, get_profile(profile), False), POINT_LEVELS, TOL_EXACT)


@numeric("remark:5.3.constant-output", "numeric: a CNN maps the zero image to a constant feature map",
         "(Λ 0)(x) = (Λ 0)(0̄) at sampled x for random two-layer CNNs with biases", (2,), "nested quadrature")
def _constant_output(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    zero = _zero_image
    for _ in range(2 * prof.per_class + 1):
        net = _net(rng)
        cases.append(Case({"network": net.describe()}, _points(rng, prof.points, 2, 0.6),
                          lambda x, n, net=net, zero=zero: _flat(net.evaluate(zero, x, n)),
                          lambda x, n, net=net, zero=zero: _flat(np.repeat(net.evaluate(zero, np.zeros((1, 2)), n),
                                                                len(np.atleast_2d(x)), axis=0)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT, details={"resolution_meaning": "quadrature nodes per axis"})


def _shear_set_mu(n: int) -> float:
    """μ(f_n) = ∫ |y|^-1 over B ∩ J^-n B for J = [[1, 1], [0, 1]] (f_n the indicator, bounded by 1): for y_2 = t the
    y_1-interval is [-s, s] ∩ [-nt - s, -nt + s], s = sqrt(1 - t²), and ∫ dy_1/|y| = asinh(y_1/|t|) in closed form."""
    from scipy.integrate import quad

    def inner(t: float) -> float:
        s = np.sqrt(max(1.0 - t * t, 0.0))
        lo, hi = max(-s, -n * t - s), min(s, -n * t + s)
        return float(np.arcsinh(hi / abs(t)) - np.arcsinh(lo / abs(t))) if hi > lo else 0.0
    edge = 2.0 / n                                            # the set lies in |y_2| <= 2/n (step-shear-shrink)
    return quad(inner, -edge, 0.0, limit=200)[0] + quad(inner, 0.0, edge, limit=200)[0]


SHEAR_LEVELS = (10, 100, 1000, 10000, 100000, 1000000)


@numeric("prop:5.13.dominated", "numeric: for the shear, bounded images on B ∩ J^-n B have mu(f_n) -> mu(0) for the "
         "unbounded kernel |y|^-1", "μ(f_n) = ∫_{B ∩ J^{-n} B} |y|^-1 dy -> 0 = μ(0) as n grows (J = [[1, 1], [0, 1]])", (2,),
         "inner integral over y_1 in closed form, outer adaptive quadrature over |y_2| <= 2/n; levels are n")
def _dominated_shear(rng, profile) -> NumericResult:
    vals = [_shear_set_mu(n) for n in SHEAR_LEVELS]
    return sequence_result(SHEAR_LEVELS, vals, TOL_QUAD, instance={
        "kernel": "|y|^-1 on B(0, 1)", "image": "indicator of B ∩ J^-n B", "mu_of_f_n": vals, "mu_of_0": 0.0},
        details={"resolution_meaning": "n; residual = |μ(f_n) - μ(0)|"})
