"""docs/authoring.md runs as written: every code block, in order, in one fresh directory.

A Python block that defines ``DEVELOPMENT`` is written to the file its ``<!-- file: NAME -->`` comment
names and checked with ``python -m proofs check``; its ``<!-- expect: id=status ...; exit: N -->``
comment gives the statuses and the exit code (0 when not given; ``nonzero`` for any failure). Other
Python blocks run as scripts, bash blocks with ``bash -e -o pipefail``; both must exit as their
``exit`` says (default 0).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_runner import run_in_process

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "authoring.md"
FENCE = re.compile(r"((?:<!--[^\n]*-->\n)*)```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)


@dataclass
class Block:
    index: int
    line: int
    language: str
    code: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.options.get("file", f"block_{self.index}.py")

    @property
    def is_development(self) -> bool:
        declares = re.search(r"^DEVELOPMENT = Development\(", self.code, re.MULTILINE)
        return self.language == "python" and declares is not None

    def expected_exit(self, code: int) -> bool:
        wanted = self.options.get("exit", "0")
        return code != 0 if wanted == "nonzero" else code == int(wanted)

    def statuses(self) -> dict[str, str]:
        return dict(pair.split("=", 1) for pair in self.options.get("expect", "").split())


def blocks() -> list[Block]:
    text = GUIDE.read_text()
    found = []
    for index, match in enumerate(FENCE.finditer(text)):
        options = {}
        for comment in re.findall(r"<!--(.*?)-->", match.group(1)):
            for part in comment.split(";"):
                key, _, value = part.partition(":")
                key, value = key.strip(), value.strip()
                options[key] = f"{options[key]} {value}" if key == "expect" and key in options else value
        line = text.count("\n", 0, match.start(2)) + 1
        found.append(Block(index, line, match.group(2), match.group(3), options))
    return found


BLOCKS = blocks()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """One directory for the whole guide, holding every named file before the first block runs."""
    directory = tmp_path_factory.mktemp("authoring")
    for block in BLOCKS:
        if block.language == "python":
            (directory / block.file).write_text(block.code)
    return directory


def test_the_guide_has_only_runnable_blocks():
    assert len(BLOCKS) >= 12
    assert {b.language for b in BLOCKS} <= {"python", "bash"}, "every block is run: python or bash"
    names = [b.file for b in BLOCKS if b.language == "python"]
    assert len(names) == len(set(names)), "two blocks would write the same file"
    for block in BLOCKS:
        if block.is_development:
            assert "exit" in block.options or block.statuses(), f"line {block.line}: say what the check gives"


@pytest.mark.timeout(600)
@pytest.mark.parametrize("block", BLOCKS, ids=[f"line{b.line}-{b.language}" for b in BLOCKS])
def test_block(block: Block, workdir: Path):
    if block.is_development:
        proc = run_in_process("check", block.file, "--no-out", "--quiet", "--json", "-", cwd=workdir)
        assert block.expected_exit(proc.returncode), (proc.returncode, proc.stderr)
        if proc.returncode != 2:
            summary = json.loads(proc.stdout)
            got = {n["id"]: n["status"] for n in summary["nodes"]}
            assert {k: got.get(k) for k in block.statuses()} == block.statuses(), proc.stderr
            assert set(got) <= set(block.statuses()) | {n for n in got if n.startswith(("def:", "cite:"))}, \
                f"line {block.line}: list every claim node's status in the expect comment"
        assert "Traceback" not in proc.stderr
        return
    if block.language == "python":
        command = [sys.executable, block.file]
    else:
        command = ["bash", "-e", "-o", "pipefail", "-c", block.code]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=540,
                          check=False)
    assert block.expected_exit(proc.returncode), f"line {block.line}:\n{proc.stdout}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
