"""The development of Jansson, Maydanskiy, Finnveden & Lindeberg, *Inability of spatial
transformations of CNN feature maps to support invariant recognition*.

One module per section, ``references`` for the results the proofs cite, and
``numerics`` / ``numerics_steps`` for the numeric cross-validation attached to the nodes.
"""
# the order declares the nodes: sections first, then the checks that attach to them
# isort: off
from ._dev import DEVELOPMENT
from . import references, section2, section4, section5, section5_12, section5_13, appendix, conclusions  # noqa: F401  (declare nodes)
from . import numerics, numerics_steps  # noqa: E402,F401  (register the numeric checks)
from . import guide  # noqa: F401  (DEVELOPMENT.metadata["classify"]: which nodes justify each case)

# isort: on

numerics.attach(DEVELOPMENT)          # after every section and check module: attaches to declared nodes only

__all__ = ["DEVELOPMENT"]
