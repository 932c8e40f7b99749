"""The Development object every module of this example declares its nodes on."""
from proofs import Development

DEVELOPMENT = Development(
    "examples.p4",
    title="Rotation equivariance of convolutions for the group p4 (the four 90° rotations of the plane)",
)
