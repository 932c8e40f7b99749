"""Developments shipped with proofs: each subpackage is one paper, found by the engine through the
``proofs.developments`` entry point group (see pyproject.toml), never by name."""
