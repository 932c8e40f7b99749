"""The LaTeX appendix: the same content as the HTML report, for a paper's authors to ``\\input``."""
from __future__ import annotations

import re

from .data import Report
from .environment import tex_env

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}"}
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def escape(text: object) -> str:
    """Plain text as LaTeX source."""
    return "".join(_SPECIAL.get(c, c) for c in str(text))


def tex_statement(statement: str) -> str:
    """Statements are LaTeX already; only Markdown bold from the paper's text is translated."""
    return _MD_BOLD.sub(r"\\textbf{\1}", statement) if statement else r"\emph{(no statement recorded)}"


def verbatim(text: str) -> str:
    """Text that cannot end a verbatim environment early."""
    return text.replace("\\end{verbatim}", "\\end {verbatim}")


def label(node_id: str) -> str:
    return "proofs-node:" + "".join(c if c.isalnum() or c in ":.-" else "-" for c in node_id)


def render_tex(report: Report) -> str:
    from .graph_svg import to_tikz

    env = tex_env()
    env.globals.update(esc=escape, tex_statement=tex_statement, verbatim=verbatim, label=label)
    return env.get_template("report.tex.j2").render(report=report, findings=report.findings,
                                                    tikz=to_tikz(report.nodes))
