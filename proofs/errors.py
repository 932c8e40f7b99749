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


def did_you_mean(name: str, candidates) -> str:
    """``"did you mean 'prop:4.7'?"`` for the candidates closest to a mistyped ``name``, else ``""``.

    Ids are matched whole and also by the part after their prefix (``4.7`` finds ``prop:4.7``), since
    people type the number they read in the paper.
    """
    import difflib

    pool = sorted({str(c) for c in candidates})
    folded = name.strip().lower()
    exact = [c for c in pool if c.lower() == folded]
    tails = [c for c in pool if c.split(":", 1)[-1].lower() == folded]
    close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    tail = {c: c.split(":", 1)[-1].lower() for c in pool}
    close_tails = difflib.get_close_matches(folded, list(tail.values()), n=3, cutoff=0.75)
    by_tail = [c for t in close_tails for c in pool if tail[c] == t]
    found = list(dict.fromkeys(exact + tails + close + by_tail))[:3]
    if not found:
        return ""
    quoted = [f"'{c}'" for c in found]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"
