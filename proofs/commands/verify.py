"""Re-check a certificate directory independently of the engine and the development.

Checks the schema, the hashes and the graph shape, re-runs every Z3 obligation
from its SMT-LIB text (and with cvc5 when installed), re-proves every SymPy
identity and chain step from its serialisation, and re-evaluates every recorded
counterexample. Exit 0 when everything re-checks, 1 when a certificate fails
(its node and the reason are printed), 2 when DIR cannot be read.
"""
from __future__ import annotations

import argparse

from certificates import verify as verifier


def add_arguments(p: argparse.ArgumentParser) -> None:
    verifier.add_arguments(p)


def run(args: argparse.Namespace) -> int:
    return verifier.run(args)
