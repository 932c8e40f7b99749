"""The Development object every section module declares its nodes on."""
from proofs.development import Development

DEVELOPMENT = Development(
    "developments.paper",
    title="Inability of spatial transformations of CNN feature maps to support invariant recognition "
          "(Jansson, Maydanskiy, Finnveden, Lindeberg)",
)
