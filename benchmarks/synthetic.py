"""Synthetic developments for scale: N nodes of cheap obligations with a realistic fan-in.

    python benchmarks/synthetic.py N [--out FILE] [--seed S]      # writes FILE (default synthetic_N.py)
    python -m proofs check FILE --no-out

Node 0 is a definition; every other node is a lemma with one obligation, alternately

- a small SymPy identity, ``(x + a)^2 - (x - b)^2 = 2(a + b)x + a^2 - b^2`` (integers a, b), and
- a linear-arithmetic Z3 fact, ``x >= a, y >= b, z <= c  =>  x + y - z >= a + b - c``,

and depends on 1 to 5 earlier nodes: mostly recent ones (a proof uses what was just shown), now and then
one of a few hubs (about 1 node in 200, the "main lemmas" many results cite), which therefore have a
fan-out in the hundreds at 10^4 nodes. The generated file holds one line of data per node
(``kind, a, b, c, deps``) and a loop that declares them, so a node's obligation is edited by changing one
line (see :func:`edit_node`, used by ``bench_edit_loop.py``).
"""
from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

HEADER = '''"""A synthetic development of {n} nodes (benchmarks/synthetic.py, seed {seed})."""
import sympy as sp

from proofs import Assume, Development, Identity, Implication, Obligation

DEVELOPMENT = Development("synthetic{n}", title="synthetic development of {n} nodes")
x, y, z = sp.symbols("x y z", real=True)

DEVELOPMENT.definition("n0", "Base", "x, y, z are reals")


def _builder(kind, a, b, c):
    if kind == "identity":
        def build():
            yield Obligation("expand", Identity((x + a) ** 2 - (x - b) ** 2, 2 * (a + b) * x + a**2 - b**2),
                             dims=(1,))
    else:
        def build():
            yield Obligation("linear", Implication((Assume(x >= a), Assume(y >= b), Assume(z <= c)),
                                                   x + y - z >= a + b - c), dims=(1,))
    return build


# kind, a, b, c, deps: one line per node (node i is NODES[i - 1])
NODES = [
'''

FOOTER = ''']

for _i, (_kind, _a, _b, _c, _deps) in enumerate(NODES, start=1):
    DEVELOPMENT.lemma(f"n{{_i}}", f"Fact {{_i}}", f"fact {{_i}} ({{_kind}})",
                      deps=[f"n{{d}}" for d in _deps])(_builder(_kind, _a, _b, _c))
'''


def nodes(n: int, seed: int = 0) -> list[tuple[str, int, int, int, list[int]]]:
    """The data of nodes 1 .. n-1 (node 0 is the definition)."""
    rng = random.Random(seed)
    hubs: list[int] = [0]
    out = []
    for i in range(1, n):
        fan_in = min(i, rng.choice((1, 1, 2, 2, 2, 3, 3, 4, 5)))
        deps: set[int] = set()
        while len(deps) < fan_in:
            if rng.random() < 0.25:
                deps.add(rng.choice(hubs))
            else:
                deps.add(max(0, i - 1 - int(rng.expovariate(1 / 8))))
        if rng.random() < 1 / 200:
            hubs.append(i)
        kind = "identity" if i % 2 else "linear"
        out.append((kind, rng.randint(1, 9), rng.randint(1, 9), rng.randint(1, 9), sorted(deps)))
    return out


def write(n: int, path: str | Path, seed: int = 0) -> Path:
    path = Path(path)
    lines = [HEADER.format(n=n, seed=seed)]
    for kind, a, b, c, deps in nodes(n, seed):
        lines.append(f"    ({kind!r}, {a}, {b}, {c}, {deps!r}),\n")
    lines.append(FOOTER.format())
    path.write_text("".join(lines))
    return path


def edit_node(path: str | Path, index: int) -> None:
    """Change node ``index``'s obligation (its constant ``a``), keeping it true: one cache key changes."""
    path = Path(path)
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("NODES = ["))
    line = lines[start + index]
    match = re.match(r"(\s*\('\w+', )(\d+)(, .*)", line)
    assert match, line
    lines[start + index] = f"{match.group(1)}{int(match.group(2)) + 10}{match.group(3)}\n"
    path.write_text("".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of nodes")
    parser.add_argument("--out", help="file to write (default synthetic_N.py)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write(args.n, args.out or f"synthetic_{args.n}.py", args.seed))


if __name__ == "__main__":
    main()
