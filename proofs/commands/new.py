"""Scaffold a development that checks as it stands, and its test: proofs new NAME [--dir D].

The package D/NAME/ holds a development that checks green as it stands (a definition, a SymPy identity, a
Z3 implication with a numeric check, and a false statement marked ``expect="refuted"``) and a pytest
test of it, to be edited into one's own. Existing files are never overwritten (exit 2).
"""
from __future__ import annotations

import argparse
import importlib.util
import keyword
import sys
from importlib.resources import files
from pathlib import Path

from ..errors import ProofsError

# template (in proofs/scaffold/) -> file in the new package; {{name}} is replaced by NAME
TEMPLATES = {"development.py.tmpl": "__init__.py", "test_development.py.tmpl": "test_{{name}}.py"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="the development's name: a Python package name such as my_lemmas")
    p.add_argument("--dir", metavar="D", default=".", help="create the package D/NAME (default: here)")


def run(args: argparse.Namespace) -> int:
    name = args.name
    if not name.isidentifier() or keyword.iskeyword(name) or not name.isascii():
        raise ProofsError(f"{name!r} is not a valid package name",
                          hint="use letters, digits and underscores, not starting with a digit "
                               "(e.g. my_lemmas)")
    package = Path(args.dir) / name
    targets = {package / out.replace("{{name}}", name): template for template, out in TEMPLATES.items()}
    existing = [str(path) for path in targets if path.exists()]
    if existing:
        raise ProofsError(f"refusing to overwrite {', '.join(existing)}",
                          hint="choose another NAME or --dir, or move the existing files away")
    if _shadows(name, package):
        raise ProofsError(f"{name!r} is the name of an installed module: a package of that name would "
                          "hide it (also from `python -m proofs` run beside it)",
                          hint="choose another NAME, e.g. my_" + name)
    if package.exists() and not package.is_dir():
        raise ProofsError(f"{package} exists and is not a directory", hint="choose another NAME or --dir")
    try:
        package.mkdir(parents=True, exist_ok=True)
        for path, template in targets.items():
            text = (files("proofs") / "scaffold" / template).read_text(encoding="utf-8")
            with open(path, "x", encoding="utf-8") as out:      # "x": never replace a file created meanwhile
                out.write(text.replace("{{name}}", name))
    except FileExistsError as exc:
        raise ProofsError(f"refusing to overwrite {exc.filename}",
                          hint="choose another NAME or --dir") from None
    except OSError as exc:
        raise ProofsError(f"cannot create {package}: {exc.strerror or exc}",
                          hint="pass --dir a writable directory") from None
    where = package.as_posix()
    print(f"created {where}/ ({', '.join(sorted(p.name for p in targets))})\n"
          f"  check it:  python -m proofs check {where}\n"
          f"  test it:   python -m pytest {where}\n"
          f"  then edit {where}/__init__.py (see docs/authoring.md)")
    return 0


def _shadows(name: str, package: Path) -> bool:
    """Whether ``name`` is a standard or installed module (``proofs``, ``sympy``, ``json``, ...)."""
    if name in sys.stdlib_module_names:
        return True
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None or spec.origin in (None, "namespace"):     # nothing, or a bare directory (maybe ours)
        return False
    return not Path(spec.origin).resolve().is_relative_to(package.resolve())
