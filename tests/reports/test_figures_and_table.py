"""The paper's Figures 2 and 3 as measured, and the end-of-run table at 80 columns."""
from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from proofs.report.figures import figure_2, figure_3


def test_figure_2_channels_swap_and_no_spatial_alignment(tmp_path):
    fig = figure_2(tmp_path)
    n = fig.numbers
    assert n["peak_W_original"] > 1.5 * n["peak_M_original"]       # the W channel answers the W ...
    assert n["peak_M_rotated"] > 1.5 * n["peak_W_rotated"]         # ... and the M channel its rotation
    assert n["best_residual"] > 0.5                                # no candidate T_g aligns the maps
    assert (tmp_path / fig.png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_figure_3_rescaled_object_is_never_covered(tmp_path):
    fig = figure_3(tmp_path)
    assert fig.numbers["peak_rescaled"] < 0.5 * fig.numbers["peak_original"]
    assert (tmp_path / fig.png).is_file() and fig.data_uri.startswith("data:image/png;base64,")


def _table(run, width: int = 80) -> str:
    from proofs.display import print_table

    buf = io.StringIO()
    print_table(run, Console(file=buf, width=width, force_terminal=False, color_system=None))
    return buf.getvalue()


def _synthetic_run():
    from proofs.checker import check
    from proofs.development import load_development

    return check(load_development(str(Path(__file__).resolve().parent / "synthetic_dev.py")), jobs=0, seed=7)


def test_table_fits_80_columns_and_never_cuts_the_status():
    run = _synthetic_run()
    text = _table(run)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = {line.split()[0]: line for line in lines if line.strip().startswith(tuple(run.order))}
    for node_id in run.order:
        assert run.results[node_id].status.value in rows[node_id].split(), rows[node_id]
    assert len(lines) < 3 * len(run.order) + 10                  # one line per node, not a wrapped column
    assert "refuted lemma:2.2: positive (z3)" in text              # reasons below the table
    assert "1 printed statement refuted, each with a proved correction" in " ".join(text.split())


def test_warm_run_marks_cached_obligations_and_gives_both_times():
    run = _synthetic_run()
    for r in run.results.values():
        for o in r.obligations:
            o.cached = True
    table = _table(run)
    text = " ".join(table.split())
    assert "time*: every obligation of the node came from the cache" in text
    rows = [line for line in table.splitlines() if line.strip().startswith(tuple(run.order))]
    timed = [line for line in rows if re.search(r"\d\.\d\ds", line)]
    assert timed and all(line.rstrip().endswith("s*") for line in timed), rows
    ids = [line.split()[0] for line in rows]
    assert ids == [i for i in run.order if i in ids]            # an id is never folded over two lines
    total = sum(o.outcome.seconds for r in run.results.values() for o in r.obligations)
    assert f"checked in {run.seconds:.1f}s" in text
    assert f"obligations from the cache; they originally took {total:.1f}s" in text
