"""The paper's Figures 2 and 3, recomputed with the numeric CNN code of ``symbolic.numeric``.

Figure 2: a two-channel network whose channels detect "W" and "M"; a 180° rotation turns
the W into an M, so the response moves from one channel to the other and no spatial
transformation of the feature maps aligns them (the residual is measured over the same
candidate family the alignment obligations search). Figure 3: one template filter's field
of view on an object and on the object scaled by 2; the rescaled object is never covered
whole and the peak response drops. Both are deterministic (no randomness) and take well
under a second; they are written as PNG (raster images) and embedded in the reports.
"""
from __future__ import annotations

import base64
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .plots import _atomic_write, plt

N = 129                # canvas pixels per side (odd: the centre pixel is the origin)
HALF_WIDTH = 2.0


@dataclass
class PaperFigure:
    key: str
    title: str
    caption: str
    png_bytes: bytes
    png: str            # file name relative to the run directory
    numbers: dict       # what the caption states, for tests and readers

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png_bytes).decode()


def _letter_w(points: np.ndarray, width: float = 0.09) -> np.ndarray:
    """A "W" drawn as four strokes of Gaussian ink; rotating it by 180° gives an "M"."""
    corners = np.array([[-0.9, 0.7], [-0.45, -0.7], [0.0, 0.35], [0.45, -0.7], [0.9, 0.7]])
    out = np.zeros(points.shape[:-1])
    for a, b in itertools.pairwise(corners):
        d = b - a
        t = np.clip(((points - a) @ d) / (d @ d), 0.0, 1.0)
        dist2 = np.sum((points - (a + t[..., None] * d)) ** 2, axis=-1)
        out = np.maximum(out, np.exp(-dist2 / (2 * width ** 2)))
    return out


def figure_2(directory: Path) -> PaperFigure:
    from symbolic.numeric.cnn import DiscreteCNN, canvas
    from symbolic.numeric.experiments import alignment_residuals

    coords, h = canvas(N, HALF_WIDTH)
    axis = h * (np.arange(-24, 25))
    pts = np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1)
    template = _letter_w(pts / 0.75)                      # the W detector's template
    template = (template - template.mean()) / np.linalg.norm(template)
    # convolution flips its kernel: a matched filter for a template is the template rotated by 180°
    kernels = np.stack([np.rot90(template, 2), template])[:, None] * 1.0
    radius = np.full((2, 1), float(np.abs(axis).max() / h))
    net = DiscreteCNN([kernels], [np.array([-0.35, -0.35])], ["relu"], [radius])

    def image(x: np.ndarray) -> np.ndarray:
        return _letter_w(x / 0.75)
    rot180 = -np.eye(2)
    f = image(coords)
    moved = image(coords @ np.linalg.inv(rot180).T)
    ref, out = net(f), net(moved)
    aligned = out[:, ::-1, ::-1]                         # T_g = T_h^{-1}: a 180° rotation of each map
    best = alignment_residuals(net, image, rot180, N, HALF_WIDTH)
    fig, axes = plt.subplots(2, 4, figsize=(10.5, 5.6))
    extent = (-HALF_WIDTH, HALF_WIDTH, -HALF_WIDTH, HALF_WIDTH)
    vmax = float(max(ref.max(), out.max()))
    w_diff, m_diff = r"channel W: $\mathcal{T}_g\Lambda\mathcal{T}_h f - \Lambda f$", \
        r"channel M: $\mathcal{T}_g\Lambda\mathcal{T}_h f - \Lambda f$"
    panels = [[(f, r"image $f$", "gray_r", None),
               (ref[0], r"channel W of $\Lambda f$", "viridis", vmax),
               (ref[1], r"channel M of $\Lambda f$", "viridis", vmax),
               (aligned[0] - ref[0], w_diff, "RdBu_r", vmax)],
              [(moved, r"rotated image $\mathcal{T}_h f$ (180°)", "gray_r", None),
               (out[0], r"channel W of $\Lambda\mathcal{T}_h f$", "viridis", vmax),
               (out[1], r"channel M of $\Lambda\mathcal{T}_h f$", "viridis", vmax),
               (aligned[1] - ref[1], m_diff, "RdBu_r", vmax)]]
    for row, specs in zip(axes, panels):
        for ax, (data, title, cmap, top) in zip(row, specs):
            lo = -top if cmap == "RdBu_r" and top is not None else 0.0
            im = ax.imshow(data.T, origin="lower", extent=extent, cmap=cmap, vmin=lo, vmax=top)
            ax.set_title(title, fontsize=9)
            ax.set_xticks([])
            ax.set_yticks([])
            if top is not None:
                fig.colorbar(im, ax=ax, fraction=0.046, pad=0.03)
    fig.suptitle("Figure 2: under a 180° rotation the response moves from channel W to channel M; "
                 f"best spatial alignment leaves a relative residual of {best['residual']:.2f}", fontsize=10)
    fig.tight_layout(rect=(0, 0, 1, 0.94))
    caption = ("A two-channel network Λ (one layer, ReLU) whose channels are matched filters for a “W” "
               "and an “M”. Rotating the image by 180° (T_h) turns the W into an M, so the strong response "
               "moves from channel W to channel M. Rotating the feature maps back (T_g = T_h⁻¹) puts the "
               "response in the right place but in the wrong channel: the last column shows what remains. "
               "Over the whole candidate family of spatial transformations (scalings, rotations, shears of "
               "T_h⁻¹) the best relative residual |𝒯_g Λ 𝒯_h f − Λf| / |Λf − Λ0| is "
               f"{best['residual']:.3f} (candidate {best['best_candidate']}).")
    numbers = {"best_residual": float(best["residual"]), "peak_W_original": float(ref[0].max()),
               "peak_M_original": float(ref[1].max()), "peak_W_rotated": float(out[0].max()),
               "peak_M_rotated": float(out[1].max())}
    title = "Figure 2 (reproduced): channels swap under a 180° rotation"
    return _save(fig, "figure-2", title, caption, directory, numbers)


def _object(x: np.ndarray) -> np.ndarray:
    """An object with structure at one scale: four blobs on a circle of radius 0.45."""
    out = np.zeros(x.shape[:-1])
    for k in range(4):
        c = 0.45 * np.array([np.cos(k * np.pi / 2 + 0.4), np.sin(k * np.pi / 2 + 0.4)])
        out += np.exp(-np.sum((x - c) ** 2, axis=-1) / (2 * 0.12 ** 2))
    return out


def figure_3(directory: Path) -> PaperFigure:
    from symbolic.numeric.cnn import DiscreteCNN, canvas

    coords, h = canvas(N, HALF_WIDTH)
    radius = 0.7                                           # the filter's support (its field of view)
    m = int(np.ceil(radius / h))
    axis = h * np.arange(-m, m + 1)
    pts = np.stack(np.meshgrid(axis, axis, indexing="ij"), axis=-1)
    inside = np.sum(pts ** 2, axis=-1) <= radius ** 2
    template = np.where(inside, _object(pts), 0.0)
    template = np.where(inside, template - template[inside].mean(), 0.0)
    template /= np.linalg.norm(template)
    kernel = np.rot90(template, 2)[None, None]
    net = DiscreteCNN([kernel], [np.zeros(1)], ["identity"], [np.full((1, 1), float(m))])
    scale = 2.0
    f = _object(coords)
    scaled = _object(coords / scale)                      # (𝒯_h f)(x) = f(T_h^{-1} x), T_h = 2 I
    r0, r1 = net(f)[0], net(scaled)[0]
    fig, axes = plt.subplots(1, 4, figsize=(11.5, 3.4))
    extent = (-HALF_WIDTH, HALF_WIDTH, -HALF_WIDTH, HALF_WIDTH)
    vmax = float(max(abs(r0).max(), abs(r1).max()))
    for ax, img, title in ((axes[0], f, r"image $f$ and the filter's field of view"),
                           (axes[1], scaled, r"rescaled image $\mathcal{T}_h f$, $T_h = 2I$")):
        ax.imshow(img.T, origin="lower", extent=extent, cmap="gray_r")
        ax.add_patch(plt.Circle((0, 0), radius, fill=False, color="#d62728", linewidth=1.8))
        ax.set_title(title, fontsize=9)
    for ax, resp, title in ((axes[2], r0, rf"response $\Lambda f$ (peak {r0.max():.2f})"),
                            (axes[3], r1, rf"response $\Lambda\mathcal{{T}}_h f$ (peak {r1.max():.2f})")):
        im = ax.imshow(resp.T, origin="lower", extent=extent, cmap="RdBu_r", vmin=-vmax, vmax=vmax)
        ax.set_title(title, fontsize=9)
    fig.colorbar(im, ax=list(axes[2:]), fraction=0.03, pad=0.02)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("Figure 3: a filter matched to the object covers only part of the rescaled object",
                 fontsize=10)
    caption = ("A single linear filter (a template of the object, support radius 0.7, red circle) "
               "applied to the object and to the object scaled by 2. On the original the field of view holds "
               f"the whole object and the response peaks at {r0.max():.2f}; on the rescaled image no "
               f"position of the filter covers the whole object, and the peak falls to {r1.max():.2f}: the "
               "two response maps do not even take the same set of values, so no spatial transformation of "
               "the feature map can align them.")
    title = "Figure 3 (reproduced): the field of view under scaling"
    return _save(fig, "figure-3", title, caption, directory,
                 {"peak_original": float(r0.max()), "peak_rescaled": float(r1.max())})


def paper_figures(directory: Path) -> list[PaperFigure]:
    """Both figures, written into ``DIR/plots/``; an empty list when the numeric code is unavailable."""
    try:
        import symbolic.numeric.cnn  # noqa: F401
    except ImportError:
        return []
    return [figure_2(directory), figure_3(directory)]


def _save(fig, key: str, title: str, caption: str, directory: Path, numbers: dict) -> PaperFigure:
    out_dir = directory / "plots"
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    _atomic_write(out_dir / f"{key}.png", buf.getvalue())
    return PaperFigure(key, title, caption, buf.getvalue(), f"plots/{key}.png", numbers)
