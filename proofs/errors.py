"""Errors a user can act on: what is wrong, where, and what to do."""
from __future__ import annotations


class ProofsError(Exception):
    """Base of user-facing errors; the CLI prints them without a traceback (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, *, node: str | None = None, where: str | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.node = node
        self.where = where
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        parts = []
        if self.where:
            parts.append(f"{self.where}: ")
        if self.node:
            parts.append(f"node {self.node}: ")
        parts.append(self.message)
        if self.hint:
            parts.append(f"\n  hint: {self.hint}")
        return "".join(parts)


class DevelopmentLoadError(ProofsError):
    """The development could not be imported."""


class ValidationError(ProofsError):
    """The development's graph is malformed; collects every problem found."""

    def __init__(self, problems: list[ProofsError]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


class CertificateError(ProofsError):
    """A certificate directory cannot be read."""
