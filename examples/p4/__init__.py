"""A second development, independent of the paper: rotation equivariance for the group p4.

p4 is the group of the four 90° rotations of the plane. Convolution with a p4-invariant filter
commutes with those rotations; with an arbitrary filter it does not (the statement that it
does is kept, refuted, beside its correction); lifting any filter to the group gives an
equivariant map, and so does every group convolution after it. Formal obligations are SymPy
chains and Z3 implications; numeric checks run on square grids, where np.rot90 is the rotation
exactly.

    python -m proofs check examples/p4
"""
from . import convolution, group, numerics  # noqa: F401  (declare the nodes, then attach the numeric checks)
from ._dev import DEVELOPMENT

__all__ = ["DEVELOPMENT"]
