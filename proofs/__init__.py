"""proofs: machine-check a mathematical development, node by node.

A development declares nodes (definitions, lemmas, ...) whose claims carry
obligations for formal backends (SymPy, Z3) and numeric cross-validation.
"""
from .development import Development, load_development
from .model import (
    Assume,
    ByDefinition,
    Chain,
    Clause,
    Every,
    Identity,
    Implication,
    Induction,
    Instance,
    Kind,
    Node,
    Numeric,
    NumericResult,
    Obligation,
    Outcome,
    Status,
    Step,
    Use,
    Verdict,
)

__all__ = ["Development", "load_development", "Assume", "ByDefinition", "Chain", "Clause", "Every", "Identity",
           "Implication", "Induction", "Instance", "Kind", "Node", "Numeric", "NumericResult", "Obligation", "Outcome",
           "Status", "Step", "Use", "Verdict"]
