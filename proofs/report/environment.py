"""Jinja2 environments and filters shared by the renderers (templates in proofs/report/templates/)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import latex, mathtext
from .data import STATUS_COLOURS

TEMPLATES = Path(__file__).resolve().parent / "templates"


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, default=str, ensure_ascii=False)


def seconds(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _common(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(json=pretty_json, seconds=seconds, latex_text=latex.to_text)
    env.globals.update(colours=STATUS_COLOURS)
    return env


def html_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["latex_html"] = lambda s: Markup(latex.to_html(s))
    env.filters["math_html"] = lambda s: Markup(mathtext.to_html(s))        # text with math pieces
    env.filters["math_span"] = lambda s: Markup(mathtext.math_html(s)) if s else ""   # LaTeX math
    return _common(env)


def text_env() -> jinja2.Environment:
    """Markdown: no HTML escaping (the Markdown renderer escapes table cells itself)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    return _common(env)


def tex_env() -> jinja2.Environment:
    """LaTeX: ``<< var >>`` and ``<% block %>`` so TeX braces need no escaping in templates."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True,
                             block_start_string="<%", block_end_string="%>",
                             variable_start_string="<<", variable_end_string=">>",
                             comment_start_string="<#", comment_end_string="#>")
    return _common(env)
