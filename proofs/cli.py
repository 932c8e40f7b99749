"""Command line: ``python -m proofs <command>`` (also installed as ``proofs``).

Exit codes (the kernel's, see certificates/rules.py): 0 accepted, 1 something is wrong (a refutation
or failure the run does not accept, a rejected or forged record), 2 usage or input error, 3 incomplete
(only unknown answers or time-outs; nothing wrong found); 130 interrupted (Ctrl-C), 143 terminated
(SIGTERM, unwound as Ctrl-C is), 70 a bug of proofs itself. No traceback reaches the user.
"""
from __future__ import annotations

import argparse
import importlib
import json
import signal
import sys
from typing import Any, Callable, NoReturn

from .errors import ProofsError

# command name -> module that provides ``add_arguments(parser)`` and ``run(args) -> int``
COMMANDS: dict[str, str] = {
    "check": "proofs.commands.check",
    "graph": "proofs.commands.graph",
    "verify": "proofs.commands.verify",
    "report": "proofs.commands.report",
    "audit": "proofs.commands.audit",
    "mutate": "proofs.commands.mutate",
    "new": "proofs.commands.new",
    "explain": "proofs.commands.explain",
    "classify": "proofs.commands.classify",
}


EXIT_INTERNAL = 70   # a bug of ours (sysexits' EX_SOFTWARE): apart from 0/1/2/3, which say what the run found


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with a hint, no traceback
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}\n  hint: run `{self.prog} --help`", file=sys.stderr)
        raise SystemExit(2)


class _Version(argparse.Action):
    """``--version``: read from package metadata, so that no backend is imported to answer it."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def version_text() -> str:
    """proofs' version and those of its backends' packages, as installed."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(distribution: str) -> str:
        try:
            return version(distribution)
        except PackageNotFoundError:
            return "not installed"

    return (f"proofs {installed('proofs')} (sympy {installed('sympy')}, z3 {installed('z3-solver')}, "
            f"numpy {installed('numpy')})")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="proofs", description="Machine-check a mathematical development.")
    parser.add_argument("--version", action=_Version, help="print the versions of proofs and its backends")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=module.__doc__.strip().splitlines()[0] if module.__doc__ else "",
                           description=module.__doc__)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        parser = build_parser()
    except ModuleNotFoundError as exc:      # run from a checkout without its dependencies installed
        print(f"error: proofs needs the package {(exc.name or '?').split('.')[0]!r}, which is not installed\n"
              "  hint: install proofs with its dependencies, from its checkout: pip install .",
              file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args._run
    previous = _unwind_on_sigterm()
    try:
        return run(args)
    except Terminated:
        print("terminated", file=sys.stderr)
        return 143
    except ProofsError as exc:
        print(f"error: {exc.render()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug of ours: say so plainly, without a traceback
        print(f"internal error: {type(exc).__name__}: {exc}\n"
              "  this is a bug in proofs; rerun with PROOFS_DEBUG=1 for the traceback",
              file=sys.stderr)
        import os
        if os.environ.get("PROOFS_DEBUG"):
            raise
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it unwinds as Ctrl-C does: every pool reaps its
    workers, the kernel's interpreter is stopped, partial results are kept; the exit status is 143."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _unwind_on_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` for the run (main thread only); returns the handler to restore."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminate)


def dump_json(data: object) -> str:
    return json.dumps(data, indent=2, default=str)
