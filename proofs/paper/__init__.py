"""The development of Jansson, Maydanskiy, Finnveden & Lindeberg, *Inability of spatial
transformations of CNN feature maps to support invariant recognition*.

One module per section, ``references`` for the results the proofs cite, and
``numerics`` for the numeric cross-validation attached to the nodes.
"""
from ._dev import DEVELOPMENT
from . import references, section2, section4, section5, appendix, conclusions  # noqa: F401  (declare nodes)
from . import numerics  # noqa: F401,E402  (attaches numeric checks to the declared nodes)

__all__ = ["DEVELOPMENT"]
