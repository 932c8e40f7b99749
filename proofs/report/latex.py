"""Show LaTeX statements readably without a math renderer (no MathJax, works offline).

A small converter, not a TeX engine: common symbols become Unicode, ``^``/``_``
become superscripts/subscripts (``<sup>``/``<sub>`` in HTML), ``\\frac`` becomes a
slash, and anything it does not know is shown as written. The LaTeX source is
always shown beside it, so nothing is lost when the conversion is imperfect.
"""
from __future__ import annotations

import html
import re

SYMBOLS = {
    # greek
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    # relations and operators
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "implies": "⇒", "iff": "⇔", "Leftrightarrow": "⇔", "mapsto": "↦", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "equiv": "≡", "sim": "∼",
    "cong": "≅", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
    "cup": "∪", "cap": "∩", "setminus": "∖", "emptyset": "∅", "varnothing": "∅", "forall": "∀",
    "exists": "∃", "neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨",
    "times": "×", "cdot": "·", "circ": "∘", "ast": "∗", "star": "⋆", "pm": "±", "mp": "∓",
    "infty": "∞", "partial": "∂", "nabla": "∇", "int": "∫", "iint": "∬", "oint": "∮",
    "sum": "∑", "prod": "∏", "sqrt": "√", "langle": "⟨", "rangle": "⟩", "|": "‖", "Vert": "‖",
    "vert": "|", "mid": "|", "perp": "⊥", "parallel": "∥", "ldots": "…", "dots": "…",
    "cdots": "⋯", "top": "⊤", "dagger": "†", "otimes": "⊗", "oplus": "⊕", "ell": "ℓ",
    "det": "det", "sup": "sup", "inf": "inf", "max": "max", "min": "min", "lim": "lim",
    "log": "log", "exp": "exp", "sin": "sin", "cos": "cos", "tr": "tr", "Id": "Id",
    "{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "#": "#", "_": "_",
    ",": " ", ";": " ", ":": " ", "!": "", "quad": "  ", "qquad": "    ", " ": " ",
    "left": "", "right": "", "big": "", "Big": "", "bigl": "", "bigr": "", "Bigl": "", "Bigr": "",
}
BLACKBOARD = dict(zip("RNZQCPEH1", "ℝℕℤℚℂℙ𝔼ℍ𝟙"))
CALLIGRAPHIC = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "𝒜ℬ𝒞𝒟ℰℱ𝒢ℋℐ𝒥𝒦ℒℳ𝒩𝒪𝒫𝒬ℛ𝒮𝒯𝒰𝒱𝒲𝒳𝒴𝒵"))
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303",
           "bar": "\u0304", "overline": "\u0305", "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7"}
PLAIN_ARG = {"text", "mathrm", "operatorname", "mathit", "mathsf", "mathtt", "textrm", "mbox", "boldsymbol"}
BOLD_ARG = {"mathbf", "textbf", "bm"}
EMPH_ARG = {"emph", "textit"}
SUPERSCRIPT = dict(zip("0123456789+-=()nijkTt*", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱʲᵏᵀᵗ*"))
SUBSCRIPT = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))

_TOKEN = re.compile(r"\\([A-Za-z]+|.)|([{}^_])|(\s+)|(.)", re.DOTALL)
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)
_TEXT_CMD = re.compile(r"\\(textbf|emph|textit|text)\{([^{}]*)\}")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def to_html(source: str) -> str:
    """Readable HTML for a statement: text escaped, math in ``<span class="math">``."""
    out, pos = [], 0
    for m in _MATH.finditer(source):
        out.append(_text_html(source[pos:m.start()]))
        body = next(g for g in m.groups() if g is not None)
        out.append(f'<span class="math">{_Math(body, html_mode=True).render()}</span>')
        pos = m.end()
    out.append(_text_html(source[pos:]))
    return "".join(out)


def to_text(source: str) -> str:
    """Readable plain Unicode for a statement (terminals, plain-text contexts)."""
    out, pos = [], 0
    for m in _MATH.finditer(source):
        out.append(_TEXT_CMD.sub(lambda t: t.group(2), source[pos:m.start()]))
        body = next(g for g in m.groups() if g is not None)
        out.append(_Math(body, html_mode=False).render())
        pos = m.end()
    out.append(_TEXT_CMD.sub(lambda t: t.group(2), source[pos:]))
    return "".join(out)


def _text_html(text: str) -> str:
    escaped = html.escape(text)
    escaped = _MD_BOLD.sub(r"<b>\1</b>", escaped)

    def command(m: re.Match) -> str:
        tag = {"textbf": "b", "emph": "em", "textit": "em"}.get(m.group(1))
        return f"<{tag}>{m.group(2)}</{tag}>" if tag else m.group(2)
    return _TEXT_CMD.sub(command, escaped)


class _Math:
    """Recursive descent over a math token stream; renders as it parses."""

    def __init__(self, source: str, html_mode: bool) -> None:
        self.tokens = [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in _TOKEN.finditer(source)]
        self.i = 0
        self.html = html_mode

    def render(self) -> str:
        return self._sequence(stop=None).strip()

    def _esc(self, s: str) -> str:
        return html.escape(s) if self.html else s

    def _sequence(self, stop: str | None) -> str:
        out: list[str] = []
        while self.i < len(self.tokens):
            _cmd, special, _space, _char = self.tokens[self.i]
            if special == "}" and stop == "}":
                self.i += 1
                return "".join(out)
            out.append(self._atom())
        return "".join(out)

    def _argument(self) -> str:
        """The next group or single token, rendered."""
        while self.i < len(self.tokens) and self.tokens[self.i][2]:
            self.i += 1
        if self.i >= len(self.tokens):
            return ""
        return self._atom()

    def _raw_argument(self) -> str:
        """The letters of the next group (for \\mathbb{R}-like font commands)."""
        start = self.i
        rendered = self._argument()
        letters = "".join(t[3] or "" for t in self.tokens[start:self.i])
        return letters if letters and len(letters) == len(rendered) else rendered

    def _atom(self) -> str:
        cmd, special, space, char = self.tokens[self.i]
        self.i += 1
        if space:
            return " "
        if char is not None:
            return self._esc(char)
        if special == "{":
            return self._sequence(stop="}")
        if special == "}":
            return ""
        if special in ("^", "_"):
            return self._script(special, self._argument())
        return self._command(cmd)

    def _script(self, kind: str, body: str) -> str:
        if self.html:
            tag = "sup" if kind == "^" else "sub"
            return f"<{tag}>{body}</{tag}>"
        table = SUPERSCRIPT if kind == "^" else SUBSCRIPT
        if body and all(c in table for c in body):
            return "".join(table[c] for c in body)
        return f"{kind}({body})" if len(body) > 1 else f"{kind}{body}"

    def _command(self, name: str) -> str:
        if name == "frac" or name == "dfrac" or name == "tfrac":
            num, den = self._argument(), self._argument()
            return f"{_paren(num)}/{_paren(den)}"
        if name == "sqrt":
            return "√" + _paren(self._argument(), always=True)
        if name == "mathbb":
            arg = self._raw_argument()
            return "".join(BLACKBOARD.get(c, c) for c in arg)
        if name in ("mathcal", "mathscr"):
            arg = self._raw_argument()
            return "".join(CALLIGRAPHIC.get(c, c) for c in arg)
        if name in ACCENTS:
            arg = self._argument()
            return arg + ACCENTS[name] if len(arg) == 1 else f"{arg}{ACCENTS[name]}"
        if name in PLAIN_ARG:
            return self._argument()
        if name in BOLD_ARG:
            arg = self._argument()
            return f"<b>{arg}</b>" if self.html else arg
        if name in EMPH_ARG:
            arg = self._argument()
            return f"<em>{arg}</em>" if self.html else arg
        if name in SYMBOLS:
            symbol = SYMBOLS[name]
            following = self.tokens[self.i][3] if self.i < len(self.tokens) else None
            spaced = symbol.isalpha() and len(symbol) > 1 and bool(following and following.isalnum())
            return self._esc(symbol) + (" " if spaced else "")
        return self._esc("\\" + name)


def _paren(text: str, always: bool = False) -> str:
    plain = re.sub(r"<[^>]+>", "", text)
    return f"({text})" if always or len(plain.strip()) > 1 else text
