"""The LaTeX appendix: the same content as the HTML report, for a paper's authors to ``\\input``."""
from __future__ import annotations

from . import mathtext
from .data import Report
from .environment import tex_env


def escape(text: object) -> str:
    """Plain text as LaTeX source that pdflatex accepts: specials escaped, Unicode mathematics as commands."""
    return mathtext.tex_text(str(text))


def tex_statement(statement: str) -> str:
    """A statement's mathematics in ``$…$`` (it is written without delimiters), its prose escaped."""
    return mathtext.to_tex(statement) if statement else r"\emph{(no statement recorded)}"


def tex_math(tex: str) -> str:
    """A LaTeX formula from the report (a counterexample row) as inline math."""
    return "$" + mathtext.tex_math_source(tex) + "$" if tex else ""


def verbatim(text: str) -> str:
    """Text that cannot end a verbatim environment early."""
    return text.replace("\\end{verbatim}", "\\end {verbatim}")


def label(node_id: str) -> str:
    return "proofs-node:" + "".join(c if c.isalnum() or c in ":.-" else "-" for c in node_id)


def render_tex(report: Report, figures: list | None = None) -> str:
    from .graph_svg import to_tikz

    env = tex_env()
    env.globals.update(esc=escape, tex_statement=tex_statement, verbatim=verbatim, label=label,
                       tex_math=tex_math)
    return env.get_template("report.tex.j2").render(report=report, findings=report.findings,
                                                    tikz=to_tikz(report.nodes), figures=figures or [])
