"""Statements as mathematics in each format: KaTeX spans (HTML), ``$…$`` (Markdown), valid LaTeX.

A development writes a statement either as LaTeX math without delimiters (the paper does:
``\\mathcal{T}_h^{-1}\\Lambda_\\lambda…`` with prose in ``\\text{}``) or as prose with ``$…$``
pieces. :func:`segments` splits both into text and math, so each renderer only decides how
to show one kind of piece. Claims written in Unicode (``Λ_λ 𝒯_h``) stay text.
"""
from __future__ import annotations

import html
import re

from . import latex

_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)
_COMMAND = re.compile(r"\\[A-Za-z]+")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")

# Unicode that may appear in prose (claims, reasons, notes) -> LaTeX math, for pdflatex
_UNICODE_MATH = {v: "\\" + k for k, v in latex.SYMBOLS.items()
                 if len(v) == 1 and not v.isascii() and k.isalpha()}
_UNICODE_MATH.update({v: f"\\mathcal{{{k}}}" for k, v in latex.CALLIGRAPHIC.items()})
_UNICODE_MATH.update({v: f"\\mathbb{{{k}}}" for k, v in latex.BLACKBOARD.items() if k.isalpha()})
_UNICODE_MATH.update({"‖": r"\|", "ε": r"\varepsilon", "φ": r"\varphi", "−": "-", "·": r"\cdot",
                      "≠": r"\neq", "≤": r"\leq", "≥": r"\geq", "→": r"\to", "⁻": "^{-}", "ᵀ": "^{T}",
                      "∘": r"\circ", "√": r"\surd", "…": r"\dots", "∈": r"\in", "∞": r"\infty",
                      "χ": r"\chi", "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow", "¬": r"\neg",
                      "°": r"^{\circ}", "×": r"\times", "±": r"\pm", "∅": r"\emptyset", "∩": r"\cap",
                      "∪": r"\cup", "⊆": r"\subseteq", "∀": r"\forall", "∃": r"\exists", "≈": r"\approx",
                      "λ": r"\lambda", "μ": r"\mu", "0̄": r"\bar 0"})
_UNICODE_MATH.update({v: f"^{{{k}}}" for k, v in latex.SUPERSCRIPT.items() if not v.isascii()})
_UNICODE_MATH.update({v: f"_{{{k}}}" for k, v in latex.SUBSCRIPT.items() if not v.isascii()})
_UNICODE_TEXT = {"—": "---", "–": "--", "’": "'", "‘": "`", "“": "``", "”": "''", "\u00a0": "~",
                 "é": r"\'e", "è": r"\`e", "ö": r"\"o", "ü": r"\"u", "ä": r"\"a", "\u0302": "", "\u0304": ""}
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
                "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}", "<": r"\textless{}",
                ">": r"\textgreater{}", "|": r"\textbar{}"}


def is_latex(text: str) -> bool:
    """Text written as LaTeX math without delimiters (it uses at least one command)."""
    return bool(_COMMAND.search(text)) and "$" not in text


def segments(text: str) -> list[tuple[str, str]]:
    """``[("text", …), ("math", …)]``: ``$…$`` pieces are math; undelimited LaTeX is math as a whole."""
    text = str(text or "")
    if is_latex(text):
        return [("math", text)]
    out, pos = [], 0
    for m in _MATH.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()]))
        out.append(("math", next(g for g in m.groups() if g is not None)))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


def has_math(text: str) -> bool:
    return any(kind == "math" for kind, _ in segments(text))


# ----------------------------------------------------------------------------- HTML


def math_html(tex: str, display: bool = False) -> str:
    """A span KaTeX renders in the browser; until then (or without script) a Unicode reading of it."""
    cls = "math display" if display else "math"
    return (f'<span class="{cls}" data-tex="{html.escape(tex, quote=True)}">'
            f"{latex.to_html('$' + tex + '$')}</span>")


def to_html(text: str) -> str:
    """Statements as KaTeX spans; a claim written in Unicode with ``_``/``^`` gets sub- and superscripts."""
    if "$" not in text and not is_latex(text) and re.search(r"[_^]\{|\^|_[^\W_](?!\w)", text) \
            and not re.search(r"[A-Za-z]{2,}_[A-Za-z]{2,}", text):
        return f'<span class="uni-math">{latex.to_html("$" + text + "$")}</span>'
    out = []
    for kind, piece in segments(text):
        if kind == "math":
            out.append(_joined(prose_pieces(piece)))
        else:
            out.append(_MD_BOLD.sub(r"<b>\1</b>", html.escape(piece)))
    return "".join(out)


def _joined(pieces: list[tuple[str, str]]) -> str:
    """Pieces as HTML, with the space LaTeX would put between a word and a formula."""
    out, previous = [], None
    for kind, piece in pieces:
        if previous is not None and kind != previous[0]:
            left = previous[1] if previous[0] == "text" else ""
            right = piece if kind == "text" else ""
            if not left.endswith((" ", "(")) and not right.startswith((" ", ",", ";", ".", ":", ")")):
                out.append(" ")
        out.append(math_html(piece) if kind == "math" else html.escape(piece))
        previous = (kind, piece)
    return "".join(out)


_EDGE_SPACE_START = re.compile(r"^(\\[ ,;:!]|\\quad|\\qquad|\s)+")
_EDGE_SPACE_END = re.compile(r"(\\[ ,;:!]|\\quad|\\qquad|\s)+$")
_SEPARATORS = ((r",\ ", ", "), (r";\ ", "; "), (r",\quad", ", "), (r";\quad", "; "), (r",\qquad", ", "),
               (r";\qquad", "; "), (r"\qquad", "  "), (r"\quad", "  "))


def prose_pieces(tex: str) -> list[tuple[str, str]]:
    """Split math at its top level into prose (``\text{…}``, ``,\\ ``) and math, so a browser can wrap it.

    KaTeX does not break lines inside ``\text{}``; a statement that is mostly words would run off
    the page. Only top-level pieces are split (outside braces, ``\\left…\right`` and environments),
    and never next to a ``^`` or ``_``; anything else is kept whole.
    """
    pieces: list[tuple[str, str]] = []
    buf: list[str] = []
    depth = 0
    i = 0

    def flush() -> None:
        chunk = _EDGE_SPACE_END.sub("", _EDGE_SPACE_START.sub("", "".join(buf)))
        if chunk:
            pieces.append(("math", chunk))
        buf.clear()
    while i < len(tex):
        ch = tex[i]
        if depth == 0 and tex.startswith("\\text{", i) and not "".join(buf).rstrip().endswith(("^", "_")):
            end = _closing(tex, i + 5)
            if end is None:
                return [("math", tex)]
            inner = tex[i + 6:end]
            if "$" in inner or "{" in inner:
                buf.append(tex[i:end + 1])
            else:
                flush()
                pieces.append(("text", inner))
            i = end + 1
            continue
        sep = next(((pat, rep) for pat, rep in _SEPARATORS if depth == 0 and tex.startswith(pat, i)), None)
        if sep and not tex[i + len(sep[0]):i + len(sep[0]) + 1].isalpha():
            flush()
            pieces.append(("text", sep[1]))
            i += len(sep[0])
            continue
        if ch == "\\":
            word = _COMMAND.match(tex, i)
            name = word.group(0) if word else tex[i:i + 2]
            if name in ("\\begin", "\\left"):
                depth += 1
            elif name in ("\\end", "\\right"):
                depth -= 1
            buf.append(name)
            i += len(name)
            continue
        depth += ch == "{"
        depth -= ch == "}"
        buf.append(ch)
        i += 1
    flush()
    if depth != 0 or any(p.startswith(("^", "_")) for k, p in pieces if k == "math"):
        return [("math", tex)]
    return [(k, _spaced(p) if k == "math" else p) for k, p in pieces]


_RELATION = re.compile(r"^(=|<|>|\\(neq|ne|le|leq|ge|geq|in|notin|Rightarrow|Leftrightarrow|iff|to|subseteq|"
                       r"subset|approx|sim|equiv|implies|mapsto)(?![A-Za-z]))")


def _spaced(piece: str) -> str:
    """A relation that starts or ends a piece keeps its spacing (``{}\\neq 1``), as in the whole formula."""
    if _RELATION.match(piece):
        piece = "{}" + piece
    if re.search(r"(=|<|>|\\(neq|ne|le|leq|ge|geq|in|Rightarrow|iff|to|subseteq|approx|sim))$", piece):
        piece += "{}"
    return piece


def _closing(tex: str, start: int) -> int | None:
    """Index of the brace closing the one at ``start``."""
    depth = 0
    for j in range(start, len(tex)):
        if tex[j] == "{" and (j == 0 or tex[j - 1] != "\\"):
            depth += 1
        elif tex[j] == "}" and tex[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j
    return None


# ----------------------------------------------------------------------------- Markdown


def md_math(tex: str, in_table: bool = False) -> str:
    """``$…$`` as GitHub renders it: no newline inside, no ``|`` that would end a table cell."""
    tex = " ".join(_EDGE_SPACE_END.sub("", _EDGE_SPACE_START.sub("", tex)).split())   # `$\ x\ $` breaks
    if in_table:
        tex = tex.replace(r"\|", r"\Vert ").replace("|", r"\vert ")
    return f"${tex}$"


def to_md(text: str, in_table: bool = False) -> str:
    out = []
    for kind, piece in segments(text):
        if kind == "math":
            out.append(md_math(piece, in_table))
        else:
            piece = re.sub(r"\s+", " ", piece) if in_table else piece
            out.append(piece.replace("|", r"\|") if in_table else piece)
    return "".join(out)


# ----------------------------------------------------------------------------- LaTeX


def tex_math_source(tex: str) -> str:
    """Math source safe for pdflatex: Unicode symbols in it become commands."""
    out = []
    for ch in tex:
        if ch.isascii():
            out.append(ch)
        elif ch in _UNICODE_MATH:
            out.append(r"\text{$" + _UNICODE_MATH[ch] + "$}")
        else:
            out.append(_UNICODE_TEXT.get(ch, "?"))
    return "".join(out)


def tex_text(text: str) -> str:
    """Prose as LaTeX: specials escaped, Unicode mathematics as ``\\ensuremath``."""
    out = []
    for ch in str(text):
        if ch in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[ch])
        elif ch.isascii():
            out.append(ch)
        elif ch in _UNICODE_MATH:
            out.append(r"\ensuremath{" + _UNICODE_MATH[ch] + "}")
        else:
            out.append(_UNICODE_TEXT.get(ch, "?"))
    return "".join(out)


def to_tex(text: str) -> str:
    out = []
    for kind, piece in segments(text):
        if kind == "math":
            out.append("$" + tex_math_source(piece) + "$")
        else:
            bolds = _MD_BOLD.split(piece)
            out.append("".join(tex_text(p) if i % 2 == 0 else r"\textbf{" + tex_text(p) + "}"
                               for i, p in enumerate(bolds)))
    return "".join(out)
