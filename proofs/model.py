"""Plain data of a development: nodes, obligations, statuses and verdicts.

Obligation payloads are data (SymPy expressions, relations), not code, so the
same object can be discharged, serialised into a certificate and mutated.
Only numeric checks carry a callable: they evaluate sampled instances.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping


class Kind(str, enum.Enum):
    DEFINITION = "definition"
    LEMMA = "lemma"
    PROPOSITION = "proposition"
    REMARK = "remark"
    COROLLARY = "corollary"
    THEOREM = "theorem"
    CITED = "cited"
    STEP = "step"

    @property
    def is_claim(self) -> bool:
        """Definitions and cited results are assumed; everything else must be shown."""
        return self not in (Kind.DEFINITION, Kind.CITED)


class Status(str, enum.Enum):
    PROVED = "proved"
    ASSUMED = "assumed"
    CORROBORATED = "corroborated"
    REFUTED = "refuted"
    UNKNOWN = "unknown"
    FAILED = "failed"
    BLOCKED = "blocked"

    @property
    def is_established(self) -> bool:
        """Statuses a dependant may rely on."""
        return self in (Status.PROVED, Status.ASSUMED)


class Verdict(str, enum.Enum):
    """What one backend said about one obligation."""

    PROVED = "proved"            # formal backend: the claim holds
    AGREES = "agrees"            # numeric backend: every sampled instance agrees
    REFUTED = "refuted"          # a counterexample was found and re-checked
    UNKNOWN = "unknown"          # solver said unknown, gave up, or timed out
    FAILED = "failed"            # the backend or the obligation raised
    UNAVAILABLE = "unavailable"  # backend not installed
    VACUOUS = "vacuous"          # hypotheses are unsatisfiable
    ASSUMED = "assumed"          # a formula a cited result or a definition states: never discharged, trusted


# --------------------------------------------------------------------------- payloads


@dataclass(frozen=True)
class Identity:
    """``lhs == rhs`` for all values of the free symbols and undefined functions.

    ``assumptions`` are SymPy relations/booleans under which the identity is
    claimed (e.g. ``det(T) != 0``); they are recorded and checked for satisfiability.
    """

    lhs: Any
    rhs: Any
    assumptions: tuple = ()


@dataclass(frozen=True)
class Step:
    """One link of a :class:`Chain`: ``previous == expr`` by ``rule``.

    ``rule`` is ``"algebra"`` (equal after normalisation), ``"change_of_variables"``
    (``params``: ``old`` symbols, ``new`` symbols, matrix ``A`` and vector ``c`` with
    ``old = A*new + c``), or ``"definition"``/``"cites"`` which are algebra steps whose
    justification is the node named in ``by``.
    """

    expr: Any
    rule: str = "algebra"
    by: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Chain:
    """``start = s1.expr = s2.expr = ...``, each step checked on its own."""

    start: Any
    steps: tuple[Step, ...]
    assumptions: tuple = ()

    @property
    def lhs(self) -> Any:
        return self.start

    @property
    def rhs(self) -> Any:
        return self.steps[-1].expr if self.steps else self.start


@dataclass(frozen=True)
class Implication:
    """``And(*hypotheses) => conclusion`` over the reals, for all free symbols.

    Proved by ``unsat`` of ``hypotheses ∧ ¬conclusion``; ``sat`` gives a counterexample.
    Existential claims are stated with explicit witnesses substituted in. Each hypothesis is justified:
    :class:`Assume` (the node's own statement), :class:`Use` (what a dependency proved) or
    :class:`ByDefinition`; a plain relation is unjustified and keeps the node from being proved.
    ``opaque``: applications of undefined functions and integrals are abstracted as real constants (one per
    term, up to the kernel's normal form), so facts about them (e.g. a used identity) can be combined; a
    ``sat`` answer then proves nothing (the abstraction forgets what the terms mean) and is ``unknown``.
    """

    hypotheses: tuple
    conclusion: Any
    integer_symbols: tuple = ()
    opaque: bool = False
    schemas: tuple = ()     # the node's own hypothesis schemas (Assume(Every(...)) among the hypotheses)


@dataclass(frozen=True)
class Induction:
    """For every integer ``variable`` >= ``start``: ``hypotheses`` => ``formula``, proved by induction.

    ``formula`` is P(n), a relation (or a boolean combination of relations) in the integer symbol ``variable``
    (declared ``integer=True``); ``hypotheses`` are justified like an :class:`Implication`'s (:class:`Assume`,
    :class:`ByDefinition`, :class:`Use`) and must not mention the variable (the step reads them at n to
    conclude at n + 1). The Z3 backend proves two implications, built by the kernel's rule
    (``certificates.normal_form.induction_parts``): the base H => P(start) and the step
    H ∧ n >= start ∧ P(n) => P(n + 1). ``start`` is a non-negative int.

    Powers of the variable: P may contain ``b**n``, and more generally ``b**(k*n + c)`` with b free of n and
    integers k >= 1, c >= 0 (``q**n``, ``(-1)**n``, ``C**(2*n + 1)``). In the base they are numbers' powers
    (n = start). In the step the translator writes ``b**(k*n + c)`` as a real constant ``[b**(k*n)]`` times
    ``b**c``, one constant per b and k (``certificates.smt.Translator.induction_power``): for n >= 0 both
    exponents are non-negative integers, so b**(k*n + c) = b**(k*n)·b**c holds for every real b, and the
    constant stands for the true value of b**(k*n). P(n)'s q**n and P(n + 1)'s q**(n + 1) = q·q**n are
    therefore linked exactly as they are in the reals, and a proof over every value of the constant is a
    proof for its true value; nothing else about the constant is known (a model of the negated step shows
    nothing, so a step that fails is ``unknown``, never a refutation). A use of the result (``Use(node,
    obligation, {n: m})``) states H ∧ m >= start => P(m), m an integer term; the user's implication reads
    ``q**m`` as an opaque real constant (an integer exponent: real wherever it is defined).

    Hypotheses that depend on the index are schemas, ``Assume(Every(k, s, H(k)))`` with s <= start: H at
    every integer k >= s (an equation along an orbit, (30) at T^k x). The base reads them at the start, the
    step at n: H, S(n), n >= start, P(n) => P(n + 1). The statement a user instantiates keeps them as
    schemas, which the user must have among its own (:class:`Every`).

    ``opaque``: as for an Implication (applications of undefined functions and integrals as real constants).
    ``side_conditions`` are set when uses are resolved: the used results' hypotheses, proved in the base
    (they do not mention the variable); ``schemas`` likewise, from the Assume(Every(...)) hypotheses."""

    variable: Any
    formula: Any
    hypotheses: tuple = ()
    start: int = 0
    integer_symbols: tuple = ()
    opaque: bool = False
    side_conditions: tuple = ()
    schemas: tuple = ()

    @property
    def assumptions(self) -> tuple:
        """The hypotheses, under the name the audit reads for payloads other than implications."""
        return self.hypotheses


# --------------------------------------------------------------------------- justified hypotheses


@dataclass(frozen=True)
class Assume:
    """A hypothesis of the node's own statement (listed with the node, for a reader to compare with the
    printed statement)."""

    relation: Any


@dataclass(frozen=True)
class Every:
    """A hypothesis schema: ``formula`` holds at every integer ``variable`` >= ``start``, or, with ``start``
    None (a point schema), at every value of ``variable`` (a real Symbol or a tuple of them: a point of R^N)
    in its declared domain.

    What a statement assumes at every point, read along a sequence: (30), λ = C 𝒯_h⁻¹λ, at the points
    T_hᵏx is ``Every(k, 0, Eq(L(k), C*L(k + 1)))`` with L(k) standing for λ(T_hᵏx). A premise over every
    point of a set, ``Every((y1, y2), None, Implies(member(S, y1, y2), ...))``, is what a result about the
    set (its measure, an inclusion) is stated under. A schema is a hypothesis of the node's own statement
    (``Assume(Every(...))``) or the generalisation of a proved result (``Use(..., every=(y1, y2))``) and never
    reaches a solver as it stands: an :class:`Induction` reads an integer schema at its start and at n, and
    a :class:`Use` of a result stated under a schema needs the same schema (up to its variables' names, after
    the substitution) among the user's own, which the kernel re-checks. An integer schema's ``variable`` is
    a Symbol declared ``integer=True``."""

    variable: Any
    start: int | None
    formula: Any

    def __str__(self) -> str:
        if self.start is None:
            names = ", ".join(str(v) for v in self.variable) if isinstance(self.variable, tuple) else self.variable
            return f"for every ({names}): {self.formula}"
        return f"for every integer {self.variable} >= {self.start}: {self.formula}"


@dataclass(frozen=True)
class ByDefinition:
    """A hypothesis that unfolds the definition ``node`` (which must be a dependency of kind definition)."""

    node: str
    relation: Any


@dataclass(frozen=True)
class Instance:
    """A point schema of the obligation read at a point: ``formula[variable := values]``, the way a proof
    applies "for every y" to one y. The schema must be among the obligation's own (``Assume(Every(...))``
    or a generalised :class:`Use`); a value put in a variable declared with a sign proves that sign as a side
    condition, as a use does. The kernel re-derives the instance from the recorded schema."""

    schema: Every
    values: tuple


@dataclass(frozen=True)
class Use:
    """What a dependency proved, used as a hypothesis, the way a proof applies a lemma.

    ``obligation`` (an Implication, Identity or Chain of ``node``) is instantiated by ``substitution``
    (pairs of a symbol and its replacement); for ``H ⇒ C`` the instance ``H' ⇒ C'`` becomes a hypothesis
    and each ``H'`` a side condition the using obligation must prove as well, with the sign of every term put
    in a symbol declared with one (``rho > 0`` for ``rho = Symbol("rho", positive=True)``: SymPy may have
    dropped it from the used formula). A result stated under schemas (:class:`Every`) needs each of them among
    the user's own. The certificate records the reference and the kernel re-derives the instance from the
    dependency's certificate.

    With ``every`` (symbols of the used formula, left free by the substitution), the use is its universal
    generalisation: no hypothesis but the point schema ``Every(every, None, H_x' => C')``, H_x' the
    instance's hypotheses that mention those symbols; the others are side conditions as above. The proved
    result holds at every value of its free symbols, so at every point: what a premise over every point of a
    set needs (:class:`Every`).

    With ``assuming`` (some of the instance's hypotheses, written as instantiated), those are not side
    conditions: the hypothesis ``H' ⇒ C'`` is a theorem whether or not they hold, so a proof by cases can use
    a result in each case (``p > 0`` in one, ``p < 0`` in the other) and conclude from a disjunction it
    proves. What the user then establishes does not include them."""

    node: str
    obligation: str
    substitution: tuple = ()
    every: tuple = ()
    assuming: tuple = ()


@dataclass(frozen=True)
class Clause:
    """One part of a statement a reader checks separately (a conclusion, an "only if", a case)."""

    id: str
    text: str


@dataclass(frozen=True)
class NumericResult:
    """What a numeric check measured: residual per grid resolution, per instance."""

    resolutions: tuple[int, ...]
    residuals: tuple[float, ...]          # worst residual over instances at each resolution
    tolerance: float
    instances: tuple[Mapping[str, Any], ...] = ()
    counterexample: Mapping[str, Any] | None = None
    expect: str = "agree"                  # "agree" or "disagree" (the check expects a difference)
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Numeric:
    """A sampled cross-validation: ``run(rng, profile) -> NumericResult``."""

    run: Callable[..., NumericResult]
    description: str = ""


Payload = Identity | Chain | Implication | Induction | Numeric


@dataclass
class Outcome:
    """A backend's answer for one obligation, as recorded in the certificate.

    ``record`` is the re-checkable form (serialised expressions, SMT-LIB text,
    numeric residuals); ``counterexample`` is set for a refutation.
    """

    verdict: Verdict
    seconds: float = 0.0
    message: str = ""
    backend_version: str | None = ""
    record: dict = field(default_factory=dict)
    counterexample: dict | None = None

BACKEND_OF_PAYLOAD: dict[type, str] = {
    Identity: "sympy",
    Chain: "sympy",
    Implication: "z3",
    Induction: "z3",
    Numeric: "numeric",
}


@dataclass(frozen=True)
class Obligation:
    """One thing a node must show, for one backend."""

    name: str
    payload: Payload
    claim: str = ""
    dims: tuple[int, ...] = ()      # as built: replaced by what its objects show (proofs.dims)
    backend: str = ""
    clause: str = ""                # the id of the node's clause this obligation establishes
    justification: tuple = ()       # set when uses are resolved: per hypothesis, how it is justified
    uses: tuple = ()                # set when uses are resolved: the dependencies' results it uses
    dims_from: str = ""             # set when built: "objects", "declared" or "dimension-free"
    # for a formula a cited result or a definition states: the symbols (and functions, given as an application
    # such as g(y)) a use may substitute; every other
    # symbol and every function is a constant of the cited theory (a stated formula is not proved, so it
    # holds only as read, not for every value of what it names)
    parameters: tuple = ()

    def __post_init__(self) -> None:
        if not self.backend:
            object.__setattr__(self, "backend", BACKEND_OF_PAYLOAD.get(type(self.payload), "?"))


@dataclass
class Node:
    """A numbered result (or a proof step) of a development."""

    id: str
    kind: Kind
    title: str
    statement: str
    deps: tuple[str, ...] = ()
    build: Callable[[], Iterable[Obligation]] | None = None
    extra_builds: list = field(default_factory=list, repr=False)  # contributed by other modules
    source: str = ""                  # "file:line" where the node is declared
    reference: str = ""               # for cited results: where in the literature
    hypotheses: tuple[str, ...] = ()  # for cited results: what the cited theorem needs
    # for each cited dependency: hypothesis -> "discharged: <why>" or "carried"
    cited_hypotheses: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    corrects: str | None = None       # id of the printed node this one corrects
    printed: bool = True              # False for nodes the development adds
    # "refuted": the node is expected to be false (strict, like pytest's xfail): the run is accepted when
    # it is refuted with a counterexample and fails when it is proved
    expect: str | None = None
    clauses: tuple[Clause, ...] = ()  # the parts of the statement; none declared: one clause, the statement
    # for cited results and definitions: the formulas they state (Implications), not proved but usable by
    # reference (Use), each use listed in the audit's trusted base
    states: tuple[Obligation, ...] = ()
    note: str = ""
    build_error: str | None = field(default=None, repr=False)
    _obligations: tuple[Obligation, ...] | None = field(default=None, repr=False)

    def obligations(self) -> tuple[Obligation, ...]:
        """Build (once) and return this node's obligations; may raise."""
        if self._obligations is None:
            builders = ([self.build] if self.build else []) + list(self.extra_builds)
            built = tuple(ob for build in builders for ob in build())
            for ob in built:
                if not isinstance(ob, Obligation):
                    raise TypeError(
                        f"node {self.id}: its builder yielded {type(ob).__name__}, expected Obligation"
                    )
            self._obligations = built
        return self._obligations
