"""Screening of SMT-LIB text before any solver reads it (no solver is imported here)."""
from __future__ import annotations

import re

SMT_COMMANDS = ("set-info", "set-logic", "declare-fun", "declare-const", "assert", "check-sat")
_SMT_TOKEN = re.compile(r'\s+|;[^\n]*|\|[^|]*\||"|\(|\)|[^\s();|"]+')


def screen_smtlib(text: str) -> None:
    """Allow only declarations, assertions and check-sat: no include, no options, no output files."""
    depth, pos, expect_command = 0, 0, False
    while pos < len(text):
        match = _SMT_TOKEN.match(text, pos)
        if match is None or match.group() == '"':
            raise ValueError(f"SMT-LIB text has a string literal or stray character at offset {pos}")
        token, pos = match.group(), match.end()
        if token.isspace() or token.startswith(";"):
            continue
        if expect_command and token not in SMT_COMMANDS:
            raise ValueError(f"SMT-LIB command {token[:40]!r} is not allowed in a certificate")
        expect_command = token == "(" and depth == 0
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth < 0:
            raise ValueError("SMT-LIB text has unbalanced parentheses")
    if depth:
        raise ValueError("SMT-LIB text has unbalanced parentheses")
