"""Numeric cross-validation of the paper's claims on sampled instances.

Every obligation evaluates both sides of a statement (or of a proof step)
independently, on transformations drawn from each class the statement covers,
closed-form images and filters, and grids at several resolutions; the numeric
backend then judges the residuals. Obligations are attached only to node ids the
development declares, so importing this module after the section modules never
breaks loading. Printed statements are checked as printed: where the paper's
text is false (``det`` where the change of variables gives ``|det|``, the
direction of the iteration in Proposition 5.12), the check disagrees and says so.
"""
from __future__ import annotations

from typing import Callable, Iterable

import numpy as np

from proofs.model import Numeric, NumericResult, Obligation
from symbolic.numeric import profile as get_profile
from symbolic.numeric.check import Case, cross_check, pointwise, sequence_result
from symbolic.numeric.cnn import random_cnn
from symbolic.numeric.functions import (
    Bump,
    Function,
    Symmetrised,
    linear,
    rotation_group,
    sample_any,
    sample_compact,
)
from symbolic.numeric.quadrature import convolve_at
from symbolic.numeric.transforms import CLASSES, Transform, fixed, sample_classes

Run = Callable[[np.random.Generator, str], NumericResult]
REGISTRY: dict[str, list[Obligation]] = {}
TOL_QUAD = 1e-3        # quadrature identities: finest-grid relative residual
TOL_EXACT = 1e-10      # identities whose sides share their quadrature nodes (or need none)
TOL_DIFFER = 0.05      # alignment experiments: excess over the interpolation control that counts as misaligned
TOL_DIFFER_QUAD = 10 * TOL_QUAD  # quadrature: a difference 10x above the equality tolerance counts as real
POINT_LEVELS = (16, 64)  # closed-form checks: number of sample points used at each level


def numeric(node_ids: str | Iterable[str], name: str, claim: str, dims: tuple[int, ...], description: str):
    """Register ``run`` as a numeric obligation of each node in ``node_ids``."""
    ids = (node_ids,) if isinstance(node_ids, str) else tuple(node_ids)

    def register(run: Run) -> Run:
        ob = Obligation(name=name, payload=Numeric(run=run, description=description), claim=claim, dims=dims)
        for node_id in ids:
            REGISTRY.setdefault(node_id, []).append(ob)
        return run
    return register


def _maps(rng: np.random.Generator, prof, dims: tuple[int, ...], classes=CLASSES) -> list[Transform]:
    return sample_classes(rng, dims, prof.per_class, classes)


def _points(rng: np.random.Generator, count: int, dim: int, spread: float = 0.6) -> np.ndarray:
    return rng.normal(size=(count, dim)) * spread


def _desc(t: Transform | None = None, **functions) -> dict:
    out = {"transform": t.describe()} if t is not None else {}
    for key, val in functions.items():
        out[key] = val.describe() if isinstance(val, Function) else val
    return out


# ============================================================== Lemma 2.6 / Proposition A.1


def _translation_cases(rng, prof, dims, pair: str) -> list[Case]:
    cases = []
    for dim in dims:
        for _ in range(2 * prof.per_class + 1):
            f, lam = sample_any(rng, dim), sample_compact(rng, dim, 0.8)
            delta = rng.normal(size=dim) * 0.5
            sides = {
                "D_delta Lambda f": lambda x, n, f=f, lam=lam, d=delta: convolve_at(f, lam, x - d, n),
                "Lambda D_delta f": lambda x, n, f=f, lam=lam, d=delta: convolve_at(f.shifted(d), lam, x, n),
                "Lambda_{D_delta lambda} f": lambda x, n, f=f, lam=lam, d=delta: convolve_at(f, lam.shifted(d), x, n),
            }
            a, b = pair.split(" = ")
            cases.append(Case(_desc(None, f=f, filter=lam, delta=np.round(delta, 10).tolist()),
                              _points(rng, prof.points, dim), sides[a], sides[b], prof.res(dim)))
    return cases


for _ids, _tag in ((("lemma:2.6",), "(13)"), (("prop:A.1",), "(45)")):
    for _pair in ("D_delta Lambda f = Lambda D_delta f", "Lambda D_delta f = Lambda_{D_delta lambda} f"):
        def _run(rng, profile, pair=_pair) -> NumericResult:
            prof = get_profile(profile)
            return cross_check(_translation_cases(rng, prof, (2, 3), pair), prof.res2, TOL_QUAD)
        numeric(_ids, f"numeric {_tag}: {_pair}", f"{_pair} at sampled points", (2, 3),
                "convolution with compact filters commutes with translation; quadrature on each side's own support "
                "box")(_run)


# ============================================================== Lemma 2.8


def _commutation_cases(rng, prof, form: str) -> list[Case]:
    cases = []
    for t in _maps(rng, prof, (2, 3)):
        dim = t.dim
        f = sample_any(rng, dim)
        delta = rng.normal(size=dim) * 0.7
        tm = t.matrix
        if form == "14":
            lhs = pointwise(f.shifted(delta).transformed(tm))                  # T_h D_δ f
            rhs = pointwise(f.transformed(tm).shifted(tm @ delta))             # D_{T_h δ} T_h f
        else:
            lhs = pointwise(f.transformed(tm).shifted(delta))                  # D_δ T_h f
            rhs = pointwise(f.shifted(np.linalg.solve(tm, delta)).transformed(tm))
        cases.append(Case(_desc(t, f=f, delta=np.round(delta, 10).tolist()), _points(rng, POINT_LEVELS[-1], dim, 1.0),
                          lhs, rhs, POINT_LEVELS))
    return cases


for _form, _text in (("14", "T_h D_delta = D_{T_h delta} T_h"), ("15", "D_delta T_h = T_h D_{T_h^-1 delta}")):
    def _run(rng, profile, form=_form) -> NumericResult:
        prof = get_profile(profile)
        return cross_check(_commutation_cases(rng, prof, form), POINT_LEVELS, TOL_EXACT,
                           details={"resolution_meaning": "number of sample points (closed forms, no quadrature)"})
    numeric("lemma:2.8", f"numeric ({_form}): {_text}", f"{_text} on sampled images, all classes", (2, 3),
            "pointwise evaluation of closed-form transformed images")(_run)


# ============================================================== Lemma 4.1 (printed det vs |det|)


def _lemma41_cases(rng, prof, factor: str) -> list[Case]:
    cases = []
    for t in _maps(rng, prof, (2, 3)):
        dim, tm = t.dim, t.matrix
        f, lam = sample_any(rng, dim), sample_compact(rng, dim, 0.8)
        c = t.det if factor == "det" else abs(t.det)
        # (T_h^{-1} Λ_λ T_h f)(x) = (Λ_λ T_h f)(T_h x)
        lhs = lambda x, n, f=f, lam=lam, tm=tm: convolve_at(f.transformed(tm), lam, x @ tm.T, n)
        # Λ_{c T_h^{-1} λ} f, with (T_h^{-1} λ)(x) = λ(T_h x)
        rhs = lambda x, n, f=f, lam=lam, tm=tm, c=c: convolve_at(f, lam.precompose(tm, c), x, n)
        cases.append(Case(_desc(t, f=f, filter=lam, factor=f"{factor}(T_h) = {c:.6g}"),
                          _points(rng, prof.points, dim), lhs, rhs, prof.res(dim)))
    return cases


@numeric("lemma:4.1", "numeric (24) as printed: factor det T_h",
         "T_h^-1 Lambda_lambda T_h f = Lambda_{(det T_h) T_h^-1 lambda} f for every invertible T_h", (2, 3),
         "both sides by quadrature on their own filter supports, all transformation classes")
def _lemma41_printed(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_lemma41_cases(rng, prof, "det"), prof.res2, TOL_QUAD)


@numeric("lemma:4.1.corrected", "numeric (24) corrected: factor |det T_h|",
         "T_h^-1 Lambda_lambda T_h f = Lambda_{|det T_h| T_h^-1 lambda} f for every invertible T_h", (2, 3),
         "both sides by quadrature on their own filter supports, all transformation classes")
def _lemma41_corrected(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_lemma41_cases(rng, prof, "abs"), prof.res2, TOL_QUAD)


# ============================================================== Lemma 4.2 (chosen p, disjoint balls)


def _escape_point(tm: np.ndarray, radius: float) -> np.ndarray:
    """A point p with |T^{-1}p - p| > radius: along the top singular vector of T^{-1} - I."""
    m = np.linalg.inv(tm) - np.eye(tm.shape[0])
    _, s, vt = np.linalg.svd(m)
    return vt[0] * (radius * 1.01 / s[0])


def _lemma42_instances(rng, prof):
    out = []
    for t in _maps(rng, prof, (2, 3)):
        dim = t.dim
        lam1, lam2 = sample_compact(rng, dim, 0.6), sample_compact(rng, dim, 0.6)
        f = lam1.precompose(-np.eye(dim))              # f(y) = λ1(-y): (Λ_{λ1} f)(0) = ∫ λ1² > 0
        radius = f.radius + lam2.radius + 1.0
        p = _escape_point(t.matrix, radius)
        out.append((t, f, lam1, lam2, p, radius))
    return out


@numeric(("lemma:4.2", "lemma:4.2.step-choose-p"), "numeric step: chosen p has |T_h^-1 p - p| > r(f) + r(lambda_2) + 1",
         "for T_h != Id a point p with |T_h^-1 p - p| > r(f) + r(lambda_2) + 1 exists (explicit witness)", (2, 3),
         "witness p along the top singular vector of T_h^-1 - Id; residual = shortfall of the margin")
def _lemma42_point(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, f, lam1, lam2, p, radius in _lemma42_instances(rng, prof):
        gap = float(np.linalg.norm(np.linalg.solve(t.matrix, p) - p))
        cases.append(Case(_desc(t, p=np.round(p, 10).tolist(), required=radius, achieved=gap), np.zeros((1, t.dim)),
                          lambda x, n, g=gap, r=radius: np.array([max(0.0, r - g)]),
                          lambda x, n: np.zeros(1), (1,), relative=False))
    return cross_check(cases, (1,), TOL_EXACT)


@numeric(("lemma:4.2", "lemma:4.2.step-disjoint-supports", "lemma:4.2.step-eq27"),
         "numeric step (27): the shifted image misses the filter, so the value is 0",
         "(D_p T_h Lambda_lambda2 D_-p f)(0) = 0 because the support balls are disjoint", (2, 3),
         "quadrature of (Λ_λ2 D_{T^-1 p - p} f)(0), relative to (Λ_λ1 f)(0)")
def _lemma42_zero(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, f, lam1, lam2, p, radius in _lemma42_instances(rng, prof):
        dim, tm = t.dim, t.matrix
        ref = float(convolve_at(f, lam1, np.zeros((1, dim)), prof.res(dim)[-1])[0])
        fhat = f.shifted(-p)                                  # D_{-p} f
        # (D_p T_h Λ_λ2 f̂)(0) = (Λ_λ2 f̂)(T_h^{-1}(0 - p))
        lhs = lambda x, n, fh=fhat, l2=lam2, tm=tm, p=p, ref=ref: convolve_at(
            fh, l2, np.linalg.solve(tm, -p)[None], n) / ref
        cases.append(Case(_desc(t, f=f, filter2=lam2, p=np.round(p, 10).tolist()), np.zeros((1, dim)), lhs,
                          lambda x, n: np.zeros(1), prof.res(dim), relative=False))
    return cross_check(cases, prof.res2, TOL_EXACT)


@numeric("lemma:4.2", "numeric: Lambda_lambda1 differs from T_h Lambda_lambda2 at x = -p",
         "for T_h != Id and non-zero compact filters, Lambda_lambda1 != T_h Lambda_lambda2", (2, 3),
         "(Λ_λ1 D_{-p} f)(-p) = ∫λ1² versus (T_h Λ_λ2 D_{-p} f)(-p) = 0; expects a difference")
def _lemma42_differ(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, f, lam1, lam2, p, radius in _lemma42_instances(rng, prof):
        dim, tm = t.dim, t.matrix
        fhat = f.shifted(-p)
        x0 = -p[None]
        lhs = lambda x, n, fh=fhat, l1=lam1, x0=x0: convolve_at(fh, l1, x0, n)
        rhs = lambda x, n, fh=fhat, l2=lam2, tm=tm, x0=x0: convolve_at(fh, l2, x0 @ np.linalg.inv(tm).T, n)
        cases.append(Case(_desc(t, f=f, filter1=lam1, filter2=lam2, p=np.round(p, 10).tolist()),
                          np.zeros((1, dim)), lhs, rhs, prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_DIFFER, expect="disagree")


# ============================================================== Lemma 4.3 (mollifiers recover the filter)


@numeric(("lemma:4.3", "lemma:4.3.step-mollifier-form"),
         "numeric step: Lambda_lambda f_n -> lambda in L1 for mollifiers f_n",
         "||Lambda_lambda phi_eps - lambda||_1 / ||lambda||_1 -> 0 as eps -> 0", (2,),
         "FFT convolution with C^inf mollifiers of radius eps = r(lambda)/n; levels are n")
def _lemma43(rng, profile) -> NumericResult:
    from symbolic.numeric.quadrature import fft_feature_map, sample_on_grid
    prof = get_profile(profile)
    levels = (4, 8, 16, 32) if prof.name == "quick" else (4, 8, 16, 32, 64)
    worst = np.zeros(len(levels))
    insts = []
    for _ in range(2 * prof.per_class + 1):
        lam = sample_compact(rng, 2, 0.8)
        row = []
        for k, lv in enumerate(levels):
            eps = lam.radius / lv
            bump = Bump(np.zeros(2), np.eye(2) / eps)
            mass = float(np.sum(sample_on_grid(bump, eps, 64, 2)[0]) * (2 * eps / 64) ** 2)
            moll = bump.scaled(1.0 / mass)
            box = lam.radius + eps
            n = int(np.ceil(2 * box / (eps / 8)))
            feat = fft_feature_map(lam, moll, box, n)
            ref, h = sample_on_grid(lam, box, n, 2)
            err = float(np.sum(np.abs(feat - ref)) / np.sum(np.abs(ref)))
            row.append(err)
            worst[k] = max(worst[k], err)
        insts.append({"filter": lam.describe(), "residuals": row})
    return NumericResult(levels, tuple(worst), 5e-3, tuple(insts),
                         counterexample=None if worst[-1] <= 5e-3 else insts[int(np.argmax([i["residuals"][-1]
                                                                                              for i in insts]))],
                         details={"resolution_meaning": "mollifier radius = r(lambda)/level"})


# ============================================================== Proposition 4.4 ((28) and the conclusion)


def _prop44_identity_cases(rng, prof, factor: str) -> list[Case]:
    cases = []
    maps_h = _maps(rng, prof, (2, 3))
    maps_big_h = _maps(rng, prof, (2, 3))
    for t, big in zip(maps_h, maps_big_h):
        dim, th, tH = t.dim, t.matrix, big.matrix
        tg = tH @ np.linalg.inv(th)                          # T_g = T_H T_h^{-1}
        f, lam = sample_any(rng, dim), sample_compact(rng, dim, 0.8)
        c = t.det if factor == "det" else abs(t.det)
        # (T_g Λ_λ T_h f)(x) = (Λ_λ T_h f)(T_g^{-1} x)
        lhs = lambda x, n, f=f, lam=lam, th=th, tg=tg: convolve_at(f.transformed(th), lam, x @ np.linalg.inv(tg).T, n)
        # (T_H Λ_{λ_h} f)(x) = (Λ_{λ_h} f)(T_H^{-1} x), λ_h = c·λ(T_h ·)
        rhs = lambda x, n, f=f, lam=lam, th=th, tH=tH, c=c: convolve_at(
            f, lam.precompose(th, c), x @ np.linalg.inv(tH).T, n)
        cases.append(Case(_desc(t, T_H=big.describe(), f=f, filter=lam), _points(rng, prof.points, dim),
                          lhs, rhs, prof.res(dim)))
    return cases


for _node, _factor, _word in ((("prop:4.4", "prop:4.4.step-eq28"), "det", "printed"),
                              (("prop:4.4.corrected", "prop:4.4.step-eq28.corrected"), "abs", "corrected")):
    def _run(rng, profile, factor=_factor) -> NumericResult:
        prof = get_profile(profile)
        return cross_check(_prop44_identity_cases(rng, prof, factor), prof.res2, TOL_QUAD)
    _sym = "det T_h" if _factor == "det" else "|det T_h|"
    numeric(_node, f"numeric (28) {_word}: T_g Lambda T_h = T_H Lambda_(lambda_h), lambda_h = {_sym} T_h^-1 lambda",
            f"T_H T_h^-1 Lambda_lambda T_h = T_H Lambda_(lambda_h) with lambda_h = ({_sym}) T_h^-1 lambda", (2, 3),
            "quadrature on both sides, T_h and T_H drawn from all classes")(_run)


def invariant_instances(rng: np.random.Generator) -> list[tuple[Transform, Function]]:
    """Pairs (T_h, λ) with Λ_λ invariant: 𝒯_h^{-1} Λ_λ 𝒯_h = Λ_λ (rotation, reflection, elliptic)."""
    out = []
    base = sample_compact(rng, 2, 0.7)
    out.append((fixed("rotation90", "rotation", [[0, -1], [1, 0]]), Symmetrised(base, rotation_group(4))))
    refl = np.array([[0.0, 1.0], [1.0, 0.0]])
    out.append((fixed("reflection_diag", "reflection", refl), Symmetrised(sample_compact(rng, 2, 0.7),
                                                                          (np.eye(2), refl))))
    b = np.array([[1.4, 0.3], [0.0, 0.7]])
    ang = np.sqrt(2.0)                                     # an irrational multiple of π
    rot = np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
    ell = Bump(np.zeros(2), np.linalg.inv(b) / 0.7)       # constant on the ellipses |B^{-1} x| = const
    out.append((fixed("elliptic_irrational", "elliptic", b @ rot @ np.linalg.inv(b)), ell))
    ref3 = np.diag([1.0, 1.0, -1.0])
    out.append((fixed("reflection3d", "reflection", ref3), Bump(np.zeros(3), np.diag([1.2, 0.8, 1.0]))))
    return out


@numeric("prop:4.4.corrected", "numeric: the invariance hypothesis holds on the instances",
         "T_h^-1 Lambda_lambda T_h f = Lambda_lambda f for the sampled invariant (T_h, lambda)", (2, 3),
         "rotation by 90°, reflections and an irrational elliptic map with invariant filters; quadrature both sides")
def _invariant_hypothesis(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, lam in invariant_instances(rng):
        dim, tm = t.dim, t.matrix
        f = sample_any(rng, dim)
        lhs = lambda x, n, f=f, lam=lam, tm=tm: convolve_at(f.transformed(tm), lam, x @ tm.T, n)
        rhs = lambda x, n, f=f, lam=lam: convolve_at(f, lam, x, n)
        cases.append(Case(_desc(t, f=f, filter=lam), _points(rng, prof.points, dim), lhs, rhs, prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_QUAD)


for _node, _factor, _word in (("prop:4.4", "det", "printed"), ("prop:4.4.corrected", "abs", "corrected")):
    def _run(rng, profile, factor=_factor) -> NumericResult:
        cases = []
        for t, lam in invariant_instances(rng):
            c = t.det if factor == "det" else abs(t.det)
            pts = _points(rng, POINT_LEVELS[-1], t.dim, 0.4)
            cases.append(Case(_desc(t, filter=lam), pts, pointwise(lam), pointwise(lam.precompose(t.matrix, c)),
                              POINT_LEVELS))
        return cross_check(cases, POINT_LEVELS, TOL_EXACT,
                           details={"resolution_meaning": "number of sample points (closed forms)"})
    _sym = "det T_h" if _factor == "det" else "|det T_h|"
    numeric(_node, f"numeric (29) {_word}: lambda = ({_sym}) T_h^-1 lambda when the hypothesis holds",
            f"on instances with T_h^-1 Lambda_lambda T_h = Lambda_lambda, lambda(x) = ({_sym}) lambda(T_h x)", (2, 3),
            "pointwise evaluation of the filter on the invariant instances")(_run)


# ============================================================== Propositions 4.5 (sup norms), 4.6 (support measures)

UNIT_DET = ("rotation", "reflection", "shear", "hyperbolic")
NON_UNIT_DET = ("uniform_scaling", "nonuniform_scaling", "affine_pos", "affine_neg")
TOL_MEASURE = 0.03     # support measure by cell counting: relative error at the finest grid
TOL_SHRINK = 0.1       # "arbitrarily small measure": fraction of |B| left at the largest iteration


def _count_res(dim: int, prof) -> tuple[int, ...]:
    return tuple(int(2.5 * r) for r in prof.res2) if dim == 2 else tuple(int(1.2 * r) for r in prof.res3)


def _measure_cases(rng, prof, exponent: float, classes=CLASSES) -> list[Case]:
    from symbolic.numeric.experiments import support_measure
    cases = []
    for t in _maps(rng, prof, (2, 3), classes):
        dim, tm = t.dim, t.matrix
        lam = sample_compact(rng, dim, 0.8)
        box = lam.radius * np.linalg.norm(np.linalg.inv(tm), 2)
        lhs = lambda x, n, lam=lam, tm=tm, box=box, d=dim: np.array([support_measure(lam, tm, box, n, d)])
        rhs = lambda x, n, lam=lam, c=abs(t.det) ** exponent, d=dim: np.array(
            [c * support_measure(lam, None, lam.radius, n, d)])
        cases.append(Case(_desc(t, filter=lam), np.zeros((1, dim)), lhs, rhs, _count_res(dim, prof)))
    return cases


def _two_sign_filter(dim: int) -> Function:
    """A compact filter with sup λ = 1 and inf λ = -3 (disjoint bumps), so |inf λ| != |sup λ|."""
    shape = np.eye(dim) / 0.25
    return Bump(np.r_[0.35, np.zeros(dim - 1)], shape, 1.0) + Bump(np.r_[-0.35, np.zeros(dim - 1)], shape, -3.0)


def _sup_cases(rng, prof, signed: bool, classes=CLASSES) -> list[Case]:
    from symbolic.numeric.quadrature import grid
    cases = []
    for t in _maps(rng, prof, (2, 3), classes):
        dim, tm, det = t.dim, t.matrix, t.det
        lam = _two_sign_filter(dim)
        box = 0.6 * max(1.0, np.linalg.norm(np.linalg.inv(tm), 2))

        def lhs(x, n, lam=lam, tm=tm, det=det, box=box, d=dim):
            z, _ = grid(box, n, d)
            v = det * lam(linear(z, tm))
            return np.array([abs(v.max()) if signed else np.abs(v).max()])

        def rhs(x, n, lam=lam, det=det, d=dim):
            z, _ = grid(0.6, n, d)
            v = lam(z)
            return np.array([abs(det) * (abs(v.max()) if signed else np.abs(v).max())])
        cases.append(Case(_desc(t, filter="bumps +1 at 0.35 e1, -3 at -0.35 e1"), np.zeros((1, dim)), lhs, rhs,
                          prof.res(dim)))
    return cases


@numeric("prop:4.5.step-sup", "numeric proof step as printed: |sup (det T_h) T_h^-1 lambda| = |det T_h| |sup lambda|",
         "the signed supremum of (det T_h) λ(T_h x) against |det T_h| |sup λ|, for a filter with sup 1 and inf -3",
         (2, 3), "maxima on grids over each side's support box, all classes (det T_h < 0 among them)")
def _prop45_step_printed(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_sup_cases(rng, prof, True), prof.res2, TOL_MEASURE)


@numeric("prop:4.5.step-sup.corrected", "numeric step: sup|(det T_h) T_h^-1 lambda| = |det T_h| sup|lambda|",
         "the sup norm of (det T_h) λ(T_h x) equals |det T_h| times the sup norm of λ", (2, 3),
         "maxima of |·| on grids over each side's support box, all classes")
def _prop45_step_corrected(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_sup_cases(rng, prof, False), prof.res2, TOL_MEASURE)


@numeric(("prop:4.6", "prop:4.6.step-support-measure"), "numeric step: |supp T_h^-1 lambda| = |det T_h|^-1 |supp lambda|",
         "the measure of supp of lambda(T_h x) equals |det T_h^-1| times the measure of supp lambda", (2, 3),
         "support measures by counting grid cells, all classes")
def _prop46_step(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_measure_cases(rng, prof, -1.0), _count_res(2, prof), TOL_MEASURE)


def _no_rescaled_invariance(rng, prof, best_c: bool) -> list[Case]:
    from symbolic.numeric.quadrature import grid
    cases = []
    for t in _maps(rng, prof, (2, 3), NON_UNIT_DET):
        dim, tm = t.dim, t.matrix
        lam = sample_compact(rng, dim, 0.8)
        box = lam.radius * max(1.0, np.linalg.norm(np.linalg.inv(tm), 2))

        memo: dict = {}                                       # both sides of a case come from one evaluation

        def sides(n, lam=lam, tm=tm, box=box, det=t.det, d=dim, memo=memo):
            if n not in memo:
                z, _ = grid(box, n, d)
                a, b = lam(z), lam(linear(z, tm))
                c = float(a @ b / (b @ b)) if best_c else det
                memo[n] = (a, c * b)
            return memo[n]
        cases.append(Case(_desc(t, filter=lam, C="least squares" if best_c else "det T_h"), np.zeros((1, dim)),
                          lambda x, n, s=sides: s(n)[0], lambda x, n, s=sides: s(n)[1], prof.res(dim)))
    return cases


@numeric("prop:4.5", "numeric: lambda != (det T_h) T_h^-1 lambda when |det T_h| != 1",
         "(29) fails for bounded non-zero compact lambda when |det T_h| != 1", (2, 3),
         "filter versus its rescaled transform on a grid over both supports; expects a difference")
def _prop45_statement(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_no_rescaled_invariance(rng, prof, False), prof.res2, TOL_DIFFER, expect="disagree")


@numeric("prop:4.6", "numeric: no constant C gives lambda = C T_h^-1 lambda when |det T_h| != 1",
         "(30) fails for compact lambda when |det T_h| != 1, even for the best C", (2, 3),
         "least-squares C on a grid over both supports; expects a difference")
def _prop46_statement(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return cross_check(_no_rescaled_invariance(rng, prof, True), prof.res2, TOL_DIFFER, expect="disagree")


# ============================================================== Proposition 4.7, 5.12, 5.13, Remark 5.14 (iteration)


def _jordan_maps(rng, dim: int = 2) -> list[Transform]:
    """Maps conjugate to the Jordan blocks [[1,1],[0,1]] and [[-1,1],[0,-1]] in random bases."""
    out = []
    for sign in (1.0, -1.0):
        b = rng.normal(size=(dim, dim)) + 2 * np.eye(dim)
        j = sign * np.eye(dim)
        j[0, 1] = 1.0
        out.append(fixed(f"jordan{'+' if sign > 0 else '-'}1", "shear", b @ j @ np.linalg.inv(b)))
    return out


def _shrink_result(maps: list[Transform], levels, res2: int, res3: int, power_sign, label: str) -> NumericResult:
    """Worst (largest) fraction ``|B ∩ T^{±n} B| / |B|`` over ``maps`` at each n in ``levels``."""
    from symbolic.numeric.experiments import ball_fraction_kept
    table, insts = [], []
    for t in maps:
        row = []
        for n in levels:
            vals = [ball_fraction_kept(np.linalg.matrix_power(t.matrix, s) if s != 1 else t.matrix, n,
                                       res2 if t.dim == 2 else res3) for s in power_sign(t)]
            row.append(min(vals))
        table.append(row)
        insts.append({"transform": t.describe(), "residuals": row})
    table = np.array(table)
    worst = table.max(axis=0)
    culprit = int(np.argmax(table[:, -1]))
    return sequence_result(levels, worst, TOL_SHRINK, instance=insts[culprit],
                           details={"resolution_meaning": f"iteration count n; residual = |B ∩ {label} B| / |B|",
                                    "instances": insts})


def _expanding_maps(rng, prof, dims) -> list[Transform]:
    """Maps with an eigenvalue of modulus >= 1.3 (the case Proposition 5.12 treats), including diag(2, 1)."""
    out = [fixed("diag(2,1)", "nonuniform_scaling", np.diag([2.0, 1.0])),
           fixed("diag(2,1,1)", "nonuniform_scaling", np.diag([2.0, 1.0, 1.0]))]
    for t in _maps(rng, prof, dims, ("uniform_scaling", "nonuniform_scaling", "hyperbolic", "affine_pos", "affine_neg")):
        m = t.matrix
        if np.max(np.abs(np.linalg.eigvals(m))) < 1.0:
            m = np.linalg.inv(m)
        if np.max(np.abs(np.linalg.eigvals(m))) >= 1.3:
            out.append(Transform(t.name, t.cls, m))
    return out


@numeric("prop:5.12", "numeric proof step as printed: supp chi T_h^n(chi f) shrinks to measure 0",
         "for T_h with an eigenvalue of modulus > 1, |supp chi T_h^n(chi f)| = |B ∩ T_h^n B| -> 0", (2, 3),
         "cell counting of B ∩ T_h^n(B) (the support of 𝒯_h^n χ is T_h^n(B)); diag(2,1) is among the maps")
def _prop512_printed(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return _shrink_result(_expanding_maps(rng, prof, (2, 3)), (2, 4, 8), 2 * prof.res2[-1], prof.res3[-1] + 8,
                          lambda t: (1,), "T_h^n")


@numeric("prop:5.12.corrected", "numeric step: supp chi T_h^-n(chi f) shrinks to measure 0",
         "for T_h with an eigenvalue of modulus > 1, |B ∩ T_h^-n B| -> 0", (2, 3),
         "cell counting of B ∩ T_h^-n(B); the same maps as for the printed step")
def _prop512_corrected(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return _shrink_result(_expanding_maps(rng, prof, (2, 3)), (2, 4, 8, 16), 2 * prof.res2[-1],
                          prof.res3[-1] + 8, lambda t: (-1,), "T_h^-n")


@numeric(("prop:4.7", "prop:4.7.corrected", "prop:4.7.step-shear-escape", "prop:5.13.corrected",
          "prop:5.13.step-shear-shrink"),
         "numeric step: for shears B ∩ T_h^n B shrinks (both directions of n)",
         "for T_h conjugate to [[±1,1],[0,±1]], |B ∩ T_h^n B| -> 0 and |B ∩ T_h^-n B| -> 0", (2,),
         "cell counting; Jordan blocks in random bases and sampled shears")
def _shear_shrink(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    maps = _jordan_maps(rng) + _maps(rng, prof, (2,), ("shear",))
    return _shrink_result(maps, (4, 16, 64), 3 * prof.res2[-1], 0, lambda t: (1, -1), "T_h^{±n}")


@numeric(("prop:4.7", "prop:4.7.corrected", "prop:4.7.step-hyperbolic-escape"), "numeric step: for hyperbolic maps B ∩ T_h^n B shrinks",
         "for |det T_h| = 1 with real eigenvalues |d1| > 1 > |d2|, |B ∩ T_h^n B| -> 0", (2,),
         "cell counting on sampled hyperbolic maps")
def _hyperbolic_shrink(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    return _shrink_result(_maps(rng, prof, (2,), ("hyperbolic",)), (2, 8, 32), 2 * prof.res2[-1], 0,
                          lambda t: (1,), "T_h^n")


@numeric(("prop:4.7", "prop:4.7.corrected", "remark:5.14"), "numeric: invariant filters exist for maps conjugate to orthogonal ones",
         "lambda(T_h x) = lambda(x) for finite-order rotations/reflections with symmetrised lambda and for "
         "elliptic maps with lambda constant on the invariant ellipses", (2, 3),
         "pointwise evaluation; includes an irrational elliptic map and a 3D map B Q B^-1")
def _orthogonal_invariant(rng, profile) -> NumericResult:
    cases = []
    inst = invariant_instances(rng)
    b3 = np.array([[1.2, 0.3, 0.0], [0.0, 0.9, 0.4], [0.2, 0.0, 1.1]])
    q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    inst.append((fixed("conjugate_orthogonal3d", "elliptic", b3 @ q @ np.linalg.inv(b3)),
                 Bump(np.zeros(3), np.linalg.inv(b3) / 0.7)))
    for t, lam in inst:
        pts = _points(rng, POINT_LEVELS[-1], t.dim, 0.4)
        cases.append(Case(_desc(t, filter=lam), pts, pointwise(lam), pointwise(lam.precompose(t.matrix)),
                          POINT_LEVELS))
    return cross_check(cases, POINT_LEVELS, TOL_EXACT,
                       details={"resolution_meaning": "number of sample points (closed forms)"})


@numeric(("remark:5.14", "remark:5.14.step-shrink"), "numeric: in 3D, maps not conjugate to orthogonal ones shrink B under T^n or T^-n",
         "for non-orthogonal-conjugate T_h in 3D, min(|B ∩ T_h^n B|, |B ∩ T_h^-n B|) -> 0", (3,),
         "cell counting in 3D on scalings, shears, hyperbolic and general maps")
def _remark514(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    maps = _jordan_maps(rng, 3)[:1] + _maps(rng, prof, (3,), ("uniform_scaling", "nonuniform_scaling", "shear",
                                                                "hyperbolic", "affine_pos"))
    return _shrink_result(maps, (4, 16, 64), 0, prof.res3[-1] + 8, lambda t: (1, -1), "T_h^{±n}")

def _power_check(rng, matrix: np.ndarray, formula, label: str) -> NumericResult:
    """numpy's matrix_power against a closed form for n = 1, 2, 3 and five sampled n up to 40 (gap relative
    to the largest entry); the same gap at both 'resolutions', so a wrong closed form is a stable
    disagreement."""
    ns = sorted({1, 2, 3, *(int(k) for k in rng.integers(4, 41, size=5))})
    cases = []
    for n in ns:
        closed = formula(n)                         # relative to the entries' size: d^40 is large
        gap = float(np.max(np.abs(np.linalg.matrix_power(matrix, n) - closed)) / max(1.0, np.max(np.abs(closed))))
        cases.append(Case({"matrix": matrix.tolist(), "n": n, "closed_form": label, "gap": gap},
                          np.zeros((1, matrix.shape[0])), lambda x, res, g=gap: np.array([g]),
                          lambda x, res: np.zeros(1), (1, 2), relative=False))
    return cross_check(cases, (1, 2), TOL_EXACT)


_J_PLUS, _J_MINUS = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[-1.0, 1.0], [0.0, -1.0]])


def _j_plus(n: int) -> np.ndarray:
    return np.array([[1.0, n], [0.0, 1.0]])


@numeric(("prop:4.7.step-jordan-powers", "prop:4.7.step-jordan-powers.corrected", "prop:5.13.step-jordan-powers"),
         "numeric: [[1,1],[0,1]]^n = [[1,n],[0,1]]", "the powers of the Jordan block with eigenvalue 1", (2,),
         "numpy matrix_power against the closed form, n = 1, 2, 3 and five sampled n <= 40")
def _jordan_plus_powers(rng, profile) -> NumericResult:
    return _power_check(rng, _J_PLUS, _j_plus, "[[1, n], [0, 1]]")


@numeric("prop:4.7.step-jordan-powers", "numeric as printed: [[-1,1],[0,-1]]^n = [[(-1)^n, n],[0,(-1)^n]]",
         "the powers of the Jordan block with eigenvalue -1, as printed", (2,),
         "numpy matrix_power against the printed closed form, n = 1, 2, 3 and five sampled n <= 40")
def _jordan_minus_printed(rng, profile) -> NumericResult:
    return _power_check(rng, _J_MINUS, lambda n: np.array([[(-1.0) ** n, n], [0.0, (-1.0) ** n]]),
                        "[[(-1)^n, n], [0, (-1)^n]]")


@numeric(("prop:4.7.step-jordan-powers.corrected", "prop:5.13.step-jordan-powers"),
         "numeric: [[-1,1],[0,-1]]^n = (-1)^n [[1,-n],[0,1]]", "the powers of the Jordan block with eigenvalue -1",
         (2,), "numpy matrix_power against the corrected closed form, n = 1, 2, 3 and five sampled n <= 40")
def _jordan_minus_corrected(rng, profile) -> NumericResult:
    return _power_check(rng, _J_MINUS, lambda n: (-1.0) ** n * np.array([[1.0, -n], [0.0, 1.0]]),
                        "(-1)^n [[1, -n], [0, 1]]")


@numeric("prop:4.7.step-hyperbolic-powers", "numeric: diag(d1, d2)^n = diag(d1^n, d2^n)",
         "powers of a diagonal map with sampled non-zero d1, d2", (2,),
         "numpy matrix_power against the closed form for d1, d2 in [-2, 2] away from 0")
def _diagonal_powers(rng, profile) -> NumericResult:
    d = rng.uniform(0.3, 2.0, size=2) * rng.choice([-1.0, 1.0], size=2)
    return _power_check(rng, np.diag(d), lambda n: np.diag(d ** n), f"diag({d[0]:.4g}^n, {d[1]:.4g}^n)")


# ============================================================== continuous CNNs (Section 5, Appendix A.2)

CNN_CHANNELS = (2, 2)
CNN_SIGMAS = ("relu", "tanh")


def _net(rng, group=None):
    return random_cnn(rng, 2, CNN_CHANNELS, 0.35, CNN_SIGMAS, group=group)


def _image(rng) -> Function:
    from symbolic.numeric.cnn import random_image
    return random_image(rng, 0.5)


def _cnn_identity(rng, prof, classes, sides) -> NumericResult:
    """Cases over sampled maps of ``classes``: ``sides(net, f, t, rng) -> (lhs, rhs, extra)`` evaluators."""
    cases = []
    for t in _maps(rng, prof, (2,), classes):
        net, f = _net(rng), _image(rng)
        lhs, rhs, extra = sides(net, f, t, rng)
        cases.append(Case(_desc(t, f=f, network=net.describe(), **extra), _points(rng, prof.points, 2, 0.4),
                          lhs, rhs, prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT,
                       details={"resolution_meaning": "quadrature nodes per axis in every layer"})


def _flat(v: np.ndarray) -> np.ndarray:
    return np.asarray(v).reshape(-1)


@numeric("lemma:5.1", "numeric (31): D_x T_h^-1 Lambda T_h = T_h^-1 Lambda T_h D_x for a two-layer CNN",
         "the conjugated CNN T_h^-1 Lambda T_h is translation covariant", (2,),
         "nested quadrature of a random CNN (ReLU, tanh, biases), all transformation classes")
def _lemma51(rng, profile) -> NumericResult:
    def sides(net, f, t, rng):
        tm, d = t.matrix, rng.normal(size=2) * 0.3
        lhs = lambda x, n: _flat(net.evaluate(f.transformed(tm), (x - d) @ tm.T, n))
        rhs = lambda x, n: _flat(net.evaluate(f.shifted(d).transformed(tm), x @ tm.T, n))
        return lhs, rhs, {"delta": np.round(d, 10).tolist()}
    return _cnn_identity(rng, get_profile(profile), CLASSES, sides)


def _mu_h_operator(net, f, tm, y: np.ndarray, n: int) -> np.ndarray:
    """``(Λ_{μ_h} f)(y) = μ(𝒯_h D_{-y} f) = (Λ 𝒯_h D_{-y} f)(0)`` for each row of y; ``tm=None``: the operator
    ``Λ_μ`` generated by ``μ`` itself (34), ``μ(D_{-y} f)``."""
    zero = np.zeros((1, 2))
    shifted = (f.shifted(-yy) for yy in np.atleast_2d(y))
    return np.concatenate([net.evaluate(g if tm is None else g.transformed(tm), zero, n)[0] for g in shifted])


@numeric("lemma:5.2", "numeric (35): T_h^-1 Lambda T_h is generated by mu_h(f) = mu(T_h f)",
         "(T_h^-1 Lambda_mu T_h f)(x) = mu(T_h D_-x f) for a two-layer CNN", (2,),
         "left: (Λ T_h f)(T_h x); right: the generator μ_h applied to D_{-x} f; all classes")
def _lemma52(rng, profile) -> NumericResult:
    def sides(net, f, t, rng):
        tm = t.matrix
        return (lambda x, n: _flat(net.evaluate(f.transformed(tm), x @ tm.T, n)),
                lambda x, n: _mu_h_operator(net, f, tm, x, n), {})
    return _cnn_identity(rng, get_profile(profile), CLASSES, sides)


@numeric(("prop:5.11.corrected", "prop:5.11.step-40"), "numeric (40): T_g Lambda T_h = T_H Lambda_(mu_h) with T_g = T_H T_h^-1",
         "for a two-layer CNN, T_H T_h^-1 Lambda T_h f = T_H Lambda_(mu_h) f", (2,),
         "nested quadrature, T_h and T_H from all classes")
def _prop511(rng, profile) -> NumericResult:
    def sides(net, f, t, rng):
        th = t.matrix
        big = sample_classes(rng, (2,), 1, (CLASSES[rng.integers(len(CLASSES))],))[0]
        tH = big.matrix
        tg_inv = th @ np.linalg.inv(tH)                      # T_g^{-1} = T_h T_H^{-1}
        return (lambda x, n: _flat(net.evaluate(f.transformed(th), x @ tg_inv.T, n)),
                lambda x, n: _mu_h_operator(net, f, th, x @ np.linalg.inv(tH).T, n), {"T_H": big.describe()})
    return _cnn_identity(rng, get_profile(profile), CLASSES, sides)


@numeric(("prop:2.7", "prop:A.2", "prop:A.2.step-covariance"),
         "numeric (11): Lambda D_delta f = D_delta Lambda f for a continuous two-layer CNN",
         "a continuous CNN commutes with every real translation", (2,),
         "nested quadrature with non-integer shifts")
def _cnn_covariance_continuous(rng, profile) -> NumericResult:
    def sides(net, f, t, rng):
        d = rng.normal(size=2) * 0.3
        return (lambda x, n: _flat(net.evaluate(f.shifted(d), x, n)),
                lambda x, n: _flat(net.evaluate(f, x - d, n)), {"delta": np.round(d, 10).tolist()})
    return _cnn_identity(rng, get_profile(profile), ("rotation",), sides)


def _outside_bump(rng, center: np.ndarray, radius: float, direction: np.ndarray | None = None) -> Function:
    """A bump of radius 0.15 lying entirely outside B(center, radius), touching its 1.02 radius."""
    v = rng.normal(size=center.size) if direction is None else direction
    v = v / np.linalg.norm(v)
    return Bump(center + v * (1.02 * radius + 0.15), np.eye(center.size) / 0.15, float(rng.uniform(1, 3)))


def _in_ball(rng, count: int, radius: float, dim: int = 2) -> np.ndarray:
    """``count`` random points of the ball ``B(0̄, radius)`` (directions uniform, radii uniform in [0, radius])."""
    u = rng.normal(size=(count, dim))
    return radius * u / np.linalg.norm(u, axis=1, keepdims=True) * rng.uniform(0, 1, size=(count, 1))


@numeric(("lemma:5.4",), "numeric: f1 = f2 on B(p, r + r(Lambda)) gives Lambda f1 = Lambda f2 on B(p, r)",
         "semi-locality with radius (49) spreads to the ball of radius r", (2,),
         "a random CNN; f2 = f1 + a bump just outside B(p, r + r(Λ)); points filling B(p, r)")
def _lemma54(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f1 = _net(rng), _image(rng)
        p, r = rng.normal(size=2) * 0.2, 0.25
        g = _outside_bump(rng, p, r + net.radius())
        pts = p + _in_ball(rng, prof.points, r)
        cases.append(Case(_desc(None, f=f1, g=g, network=net.describe(), p=np.round(p, 10).tolist(), r=r), pts,
                          lambda x, n, net=net, f1=f1: _flat(net.evaluate(f1, x, n)),
                          lambda x, n, net=net, f2=f1 + g: _flat(net.evaluate(f2, x, n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


@numeric(("prop:5.7", "prop:A.2", "prop:A.2.step-radius-49"),
         "numeric: a continuous CNN is semi-local with the radius of (49)",
         "f1 = f2 on B(p, r(Lambda)) with r(Lambda) from (49) gives (Lambda f1)(p) = (Lambda f2)(p)", (2,),
         "random two-layer CNNs; the perturbation lies just outside the ball of radius (49)")
def _prop57_continuous(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for _ in range(2 * prof.per_class + 1):
        net, f1 = _net(rng), _image(rng)
        p = rng.normal(size=2) * 0.2
        g = _outside_bump(rng, p, net.radius())
        cases.append(Case(_desc(None, f=f1, g=g, network=net.describe(), p=np.round(p, 10).tolist()), p[None],
                          lambda x, n, net=net, f1=f1: _flat(net.evaluate(f1, x, n)),
                          lambda x, n, net=net, f2=f1 + g: _flat(net.evaluate(f2, x, n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


@numeric("lemma:5.5", "numeric: T_h^-1 Lambda T_h is semi-local with radius ||T_h^-1|| r(Lambda)",
         "f1 = f2 on B(p, ||T_h^-1|| r(Lambda)) gives (T_h^-1 Lambda T_h f1)(p) = (T_h^-1 Lambda T_h f2)(p)", (2,),
         "the perturbation sits just outside the ball, in the direction T_h^-1 stretches most; all classes")
def _lemma55(rng, profile) -> NumericResult:
    def sides(net, f, t, rng):
        tm = t.matrix
        u, s, _ = np.linalg.svd(np.linalg.inv(tm))
        p = rng.normal(size=2) * 0.2
        g = _outside_bump(rng, p, s[0] * net.radius(), u[:, 0])
        f2 = f + g
        lhs = lambda x, n: _flat(net.evaluate(f.transformed(tm), p[None] @ tm.T, n))
        rhs = lambda x, n: _flat(net.evaluate(f2.transformed(tm), p[None] @ tm.T, n))
        return lhs, rhs, {"g": g.describe(), "p": np.round(p, 10).tolist(), "radius": float(s[0] * net.radius())}
    return _cnn_identity(rng, get_profile(profile), CLASSES, sides)


@numeric("lemma:5.6", "numeric: Lambda_lambda is semi-local with radius r(lambda)",
         "f1 = f2 on B(p, r(lambda)) gives (Lambda_lambda f1)(p) = (Lambda_lambda f2)(p)", (2, 3),
         "single convolutions; the perturbation lies just outside B(p, r(λ))")
def _lemma56(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for dim in (2, 3):
        for _ in range(2 * prof.per_class + 1):
            lam, f1 = sample_compact(rng, dim, 0.6), sample_any(rng, dim)
            p = rng.normal(size=dim) * 0.3
            g = _outside_bump(rng, p, lam.radius)
            cases.append(Case(_desc(None, f=f1, g=g, filter=lam, p=np.round(p, 10).tolist()), p[None],
                              lambda x, n, lam=lam, f1=f1: convolve_at(f1, lam, x, n),
                              lambda x, n, lam=lam, f2=f1 + g: convolve_at(f2, lam, x, n), prof.res(dim)))
    return cross_check(cases, prof.res2, TOL_EXACT)


def _invariant_networks(rng):
    from symbolic.numeric.experiments import REFLECT_X, ROT90
    return [(fixed("rotation90", "rotation", ROT90), _net(rng, rotation_group(4))),
            (fixed("reflection_x", "reflection", REFLECT_X), _net(rng, (np.eye(2), REFLECT_X)))]


@numeric("lemma:5.8", "numeric: for CNNs with invariant filters, T_h^-1 Lambda T_h = Lambda and mu(T_h f) = mu(f)",
         "when (36) holds on the sampled instances, the generator is invariant: mu(T_h f) = mu(f)", (2,),
         "two-layer CNNs with filters symmetrised under 90° rotations or a reflection; both hypothesis and "
         "conclusion are evaluated by quadrature")
def _lemma58(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, net in _invariant_networks(rng):
        f, tm = _image(rng), t.matrix
        zero = np.zeros((1, 2))
        cases.append(Case(_desc(t, f=f, network=net.describe(), side="hypothesis (36)"),
                          _points(rng, prof.points, 2, 0.4),
                          lambda x, n, net=net, f=f, tm=tm: _flat(net.evaluate(f.transformed(tm), x @ tm.T, n)),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n)), prof.nested2))
        cases.append(Case(_desc(t, f=f, network=net.describe(), side="conclusion (37)"), zero,
                          lambda x, n, net=net, f=f, tm=tm: _flat(net.evaluate(f.transformed(tm), x, n)),
                          lambda x, n, net=net, f=f: _flat(net.evaluate(f, x, n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_QUAD)


def _lemma510_instances(rng, prof):
    out = []
    for t in _maps(rng, prof, (2,)):
        net = _net(rng)
        zero_out = net.evaluate(lambda x: np.zeros(x.shape[:-1]), np.zeros((1, 2)), prof.nested2[-1])[0]
        best = None
        for _ in range(3):                                     # an f with mu(f) != mu(0), as non-constancy gives
            f = _image(rng)
            gap = np.abs(net.evaluate(f, np.zeros((1, 2)), prof.nested2[-1])[0] - zero_out)
            if best is None or gap.max() > best[1]:
                best = (f, gap.max(), int(np.argmax(gap)))
        f, _, channel = best
        p = _escape_point(t.matrix, net.radius() + f.radius + 1.0)
        out.append((t, net, f, channel, p))
    return out


@numeric(("lemma:5.10", "lemma:5.10.step-disjoint"), "numeric (39): (D_p T_h Lambda D_-p f)(0) = mu(0) once |T_h^-1 p - p| > r(Lambda) + r(f) + 1",
         "with the chosen p the transformed side sees only the zero function: the value is (Lambda 0)(0)", (2,),
         "random two-layer CNNs; Λ0 evaluated on the zero image; all classes")
def _lemma510_value(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    zero_f = lambda x: np.zeros(x.shape[:-1])
    for t, net, f, c, p in _lemma510_instances(rng, prof):
        tm = t.matrix
        y = np.linalg.solve(tm, -p)[None]                   # (T_h G)(-p) = G(T_h^{-1}(-p))
        cases.append(Case(_desc(t, f=f, network=net.describe(), p=np.round(p, 10).tolist()), np.zeros((1, 2)),
                          lambda x, n, net=net, f=f, p=p, y=y: _flat(net.evaluate(f.shifted(-p), y, n)),
                          lambda x, n, net=net: _flat(net.evaluate(zero_f, np.zeros((1, 2)), n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_EXACT)


@numeric("lemma:5.10", "numeric (38) vs (39): Lambda differs from T_h Lambda at x = -p",
         "for T_h != Id and a non-constant CNN, Lambda != T_h Lambda (mu(f) versus mu(0))", (2,),
         "the channel where mu(f) differs most from mu(0); expects a difference")
def _lemma510_differ(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t, net, f, c, p in _lemma510_instances(rng, prof):
        tm = t.matrix
        y = np.linalg.solve(tm, -p)[None]
        zero_out = lambda n, net=net: net.evaluate(lambda x: np.zeros(x.shape[:-1]), np.zeros((1, 2)), n)[0]
        cases.append(Case(_desc(t, f=f, network=net.describe(), channel=c, p=np.round(p, 10).tolist()),
                          np.zeros((1, 2)),
                          lambda x, n, net=net, f=f, p=p, c=c, z=zero_out: np.array(
                              [net.evaluate(f.shifted(-p), -p[None], n)[0, c] - z(n)[c]]),
                          lambda x, n, net=net, f=f, p=p, y=y, c=c, z=zero_out: np.array(
                              [net.evaluate(f.shifted(-p), y, n)[0, c] - z(n)[c]]), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_DIFFER, expect="disagree")


@numeric(("lemma:5.10", "lemma:5.10.step-choose-p", "lemma:4.2"), "numeric step: the chosen p clears r(Lambda) + r(f) + 1",
         "|T_h^-1 p - p| > r(Lambda) + r(f) + 1 for the explicit witness p", (2,),
         "radius (49) of random CNNs; witness along the top singular vector of T_h^-1 - Id")
def _lemma510_point(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t in _maps(rng, prof, (2,)):
        net, f = _net(rng), _image(rng)
        need = net.radius() + f.radius + 1.0
        p = _escape_point(t.matrix, need)
        gap = float(np.linalg.norm(np.linalg.solve(t.matrix, p) - p))
        cases.append(Case(_desc(t, required=need, achieved=gap), np.zeros((1, 2)),
                          lambda x, n, g=gap, r=need: np.array([max(0.0, r - g)]), lambda x, n: np.zeros(1),
                          (1,), relative=False))
    return cross_check(cases, (1,), TOL_EXACT)


@numeric("prop:5.12.corrected", "numeric: a random CNN is not invariant under maps with an eigenvalue off the unit circle",
         "mu(T_h g) != mu(g) for some g, i.e. T_h^-1 Lambda T_h f != Lambda f, for non-trivial CNNs", (2,),
         "(Λ T_h f)(T_h x) versus (Λ f)(x) at sample points; expects a difference")
def _prop512_statement(rng, profile) -> NumericResult:
    prof = get_profile(profile)
    cases = []
    for t in _maps(rng, prof, (2,), ("uniform_scaling", "nonuniform_scaling", "hyperbolic", "affine_pos",
                                     "affine_neg")):
        net, f, tm = _net(rng), _image(rng), t.matrix
        base = lambda n, net=net: net.evaluate(lambda x: np.zeros(x.shape[:-1]), np.zeros((1, 2)), n)[0]
        cases.append(Case(_desc(t, f=f, network=net.describe()), _points(rng, prof.points, 2, 0.3),
                          lambda x, n, net=net, f=f, tm=tm, b=base: _flat(
                              net.evaluate(f.transformed(tm), x @ tm.T, n) - b(n)),
                          lambda x, n, net=net, f=f, b=base: _flat(net.evaluate(f, x, n) - b(n)), prof.nested2))
    return cross_check(cases, prof.nested2, TOL_DIFFER_QUAD, expect="disagree",
                       details={"note": "both sides are measured from the output on the zero image, Λ0"})

# ============================================================== discrete CNN experiments (Figures 2 and 3)

HALF_WIDTH = 1.5       # canvas [-1.5, 1.5]^2: room for images scaled by up to 2 (the control measures the rest)
DISCRETE_CHANNELS = (4, 4, 3)
DISCRETE_SIGMAS = ("relu", "tanh", "relu")
NON_ORTHOGONAL_CLASSES = ("uniform_scaling", "nonuniform_scaling", "shear", "hyperbolic", "affine_pos", "affine_neg")


def _discrete_setup(rng, n: int):
    from symbolic.numeric.cnn import canvas, random_image
    from symbolic.numeric.experiments import random_discrete_net
    coords, h = canvas(n, HALF_WIDTH)
    return coords, h, random_discrete_net(rng, h, DISCRETE_CHANNELS, DISCRETE_SIGMAS), random_image(rng, 0.4)


@numeric(("prop:2.7", "prop:A.2"), "numeric (11): a discrete multi-layer CNN commutes with lattice translations",
         "Lambda D_delta f = D_delta Lambda f for random 3-layer CNNs (ReLU, tanh, biases, 4 channels)", (2,),
         "periodic FFT convolution; integer shifts; levels are canvas sizes")
def _discrete_covariance(rng, profile) -> NumericResult:
    from symbolic.numeric.experiments import discrete_translation_residual
    prof = get_profile(profile)
    seed = int(rng.integers(2 ** 31))
    cases = []
    for trial in range(prof.cnn_trials):
        shift = tuple(int(v) for v in rng.integers(-9, 10, size=2))

        def side(x, n, trial=trial, shift=shift):
            coords, h, net, f = _discrete_setup(np.random.default_rng(seed + trial), n)
            return np.array([discrete_translation_residual(net, f(coords), shift)])
        cases.append(Case({"seed": seed + trial, "shift": list(shift)}, np.zeros((1, 2)), side,
                          lambda x, n: np.zeros(1), prof.canvases, relative=False))
    return cross_check(cases, prof.canvases, TOL_EXACT, details={"resolution_meaning": "canvas size (pixels)"})


@numeric(("prop:5.7", "prop:A.2"), "numeric (49): perturbations outside the radius of (49) leave a discrete CNN's "
         "output unchanged", "a random 3-layer CNN's output at p depends only on the input within radius (49)", (2,),
         "single-pixel perturbations just outside and anywhere inside the radius; residual = largest change "
         "from outside, relative")
def _discrete_semilocality(rng, profile) -> NumericResult:
    from symbolic.numeric.experiments import discrete_semilocality
    prof = get_profile(profile)
    seed = int(rng.integers(2 ** 31))
    found: dict = {}

    def side(x, n):
        coords, h, net, f = _discrete_setup(np.random.default_rng(seed), n)
        res = discrete_semilocality(net, f(coords), np.random.default_rng(seed + 1))
        found[n] = res
        return np.array([res["max_change_outside"] / res["output_scale"]])
    case = Case({"seed": seed}, np.zeros((1, 2)), side, lambda x, n: np.zeros(1), prof.canvases, relative=False)
    result = cross_check([case], prof.canvases, TOL_EXACT, details={"resolution_meaning": "canvas size (pixels)"})
    radii = {str(n): v for n, v in found.items()}
    return NumericResult(result.resolutions, result.residuals, result.tolerance, result.instances,
                         result.counterexample, result.expect, {**result.details, "semilocality_radii": radii})


def _alignment_table(rng, prof, depth_channels, sigmas) -> tuple[list[dict], dict]:
    """Alignment residual per transformation at each canvas size, with the interpolation control."""
    from symbolic.numeric.cnn import canvas, random_image
    from symbolic.numeric.experiments import (
        SYMMETRIC_CASES,
        alignment_residuals,
        interpolation_floor,
        pointwise_net,
        random_discrete_net,
    )
    from symbolic.numeric.transforms import sample as sample_map
    seed = int(rng.integers(2 ** 31))
    maps = [sample_map(np.random.default_rng(seed + 100 * k + i), cls, 2, i)
            for k, cls in enumerate(NON_ORTHOGONAL_CLASSES) for i in range(prof.per_class)]
    rows: dict = {}
    for n in prof.canvases:
        local = np.random.default_rng(seed)
        _, h = canvas(n, HALF_WIDTH)
        f = random_image(local, 0.4)
        net = random_discrete_net(local, h, depth_channels, sigmas)
        pw = pointwise_net(local, depth_channels, sigmas)
        for t in maps:
            r = alignment_residuals(net, f, t.matrix, n, HALF_WIDTH)
            floor = interpolation_floor(pw, f, t.matrix, n, HALF_WIDTH)
            rows.setdefault((t.name, t.cls, "random filters"), []).append({**r, "floor": floor})
        for name, (tm, group) in SYMMETRIC_CASES.items():
            inv = random_discrete_net(np.random.default_rng(seed + 7), h, depth_channels, sigmas, group=group)
            rows.setdefault((name, name, "invariant filters"), []).append(alignment_residuals(inv, f, tm, n, HALF_WIDTH))
            rows.setdefault((name, name, "random filters"), []).append(alignment_residuals(net, f, tm, n, HALF_WIDTH))
    table = []
    for (name, cls, filters), per_n in rows.items():
        table.append({"transform": name, "class": cls, "filters": filters, "residual": per_n[-1]["residual"],
                      "residual_per_canvas": [v["residual"] for v in per_n],
                      "excess_over_interpolation": [v["residual"] - v.get("floor", 0.0) for v in per_n],
                      "interpolation_floor": [v.get("floor", 0.0) for v in per_n],
                      "best_candidate": per_n[-1]["best_candidate"],
                      "residual_at_T_h_inverse": per_n[-1]["residual_at_T_h_inverse"]})
    return table, {"seed": seed, "canvases": list(prof.canvases), "candidates": "T_H T_h^-1 for T_H in "
                   "{Id, scalings 0.6-1.6, diag(0.8,1.25), rotations ±10°/±20°, shears ±0.3} and the identity"}


def _alignment_runs(depth_channels, sigmas, label):
    def no_alignment(rng, profile) -> NumericResult:
        prof = get_profile(profile)
        table, info = _alignment_table(rng, prof, depth_channels, sigmas)
        rows = [r for r in table if r["class"] in NON_ORTHOGONAL_CLASSES]
        excess = np.array([r["excess_over_interpolation"] for r in rows])
        worst = excess.min(axis=0)
        culprit = rows[int(np.argmin(excess[:, -1]))]
        return NumericResult(tuple(prof.canvases), tuple(float(v) for v in worst), TOL_DIFFER,
                             tuple(rows), counterexample=culprit if worst.min() <= TOL_DIFFER else None,
                             expect="disagree", details={**info, "alignment": table, "network": label,
                                                         "resolution_meaning": "canvas size (pixels); residual = "
                                                         "best alignment residual minus the interpolation control"})

    def alignment_possible(rng, profile) -> NumericResult:
        prof = get_profile(profile)
        table, info = _alignment_table(rng, prof, depth_channels, sigmas)
        rows = [r for r in table if r["filters"] == "invariant filters"]
        res = np.array([r["residual_per_canvas"] for r in rows]).max(axis=0)
        culprit = rows[int(np.argmax([r["residual"] for r in rows]))]
        return NumericResult(tuple(prof.canvases), tuple(float(v) for v in res), TOL_EXACT, tuple(rows),
                             counterexample=culprit if res[-1] > TOL_EXACT else None,
                             details={**info, "alignment": table, "network": label,
                                      "resolution_meaning": "canvas size (pixels)"})
    return no_alignment, alignment_possible


def _alignment_obligations(depth_channels, sigmas, label) -> list[Obligation]:
    no_alignment, possible = _alignment_runs(depth_channels, sigmas, label)
    return [
        Obligation(f"numeric: no spatial transform aligns {label} feature maps for scalings, shears, affine maps",
                   Numeric(no_alignment, "search over candidate transforms T_g; residual minus interpolation control"),
                   claim="for non-orthogonal T_h, no T_g in the family makes T_g Lambda T_h f = Lambda f", dims=(2,)),
        Obligation(f"numeric: 90° rotations and reflections align {label} feature maps with invariant filters",
                   Numeric(possible, "exact lattice action of T_h^-1 on the feature maps"),
                   claim="T_h^-1 Lambda T_h f = Lambda f for lattice rotations/reflections and invariant filters",
                   dims=(2,)),
    ]


ALIGNMENT_OBLIGATIONS = _alignment_obligations(DISCRETE_CHANNELS, DISCRETE_SIGMAS, "3-layer CNN")
SINGLE_LAYER_ALIGNMENT = _alignment_obligations((3,), ("identity",), "single-layer")
FINAL_THEOREM_IDS = ("thm:5.6-conclusion", "thm:6", "thm:5.6", "theorem:6")
FINAL_FALLBACK_IDS = ("prop:5.11", "prop:5.13")
SINGLE_LAYER_IDS = ("thm:4.4-conclusion", "thm:4.4")
SINGLE_LAYER_FALLBACK_IDS = ("prop:4.7.corrected",)


def attach(dev) -> list[str]:
    """Contribute the registered obligations to every node ``dev`` declares; return the ids used."""
    done = getattr(dev, "_numeric_attached", None)
    if done is not None:
        return done
    used = []
    for node_id, obligations in REGISTRY.items():
        if node_id in dev:
            dev.also(node_id)(lambda obs=tuple(obligations): obs)
            used.append(node_id)
    for ids, fallback, obs in ((FINAL_THEOREM_IDS, FINAL_FALLBACK_IDS, ALIGNMENT_OBLIGATIONS),
                               (SINGLE_LAYER_IDS, SINGLE_LAYER_FALLBACK_IDS, SINGLE_LAYER_ALIGNMENT)):
        for node_id in [i for i in ids if i in dev] or [i for i in fallback if i in dev]:
            dev.also(node_id)(lambda obs=tuple(obs): obs)
            used.append(node_id)
    dev._numeric_attached = used
    return used

