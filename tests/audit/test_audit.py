"""The static audit: trusted base, cited hypotheses, unused nodes, text citations, chains, cycles."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from proofs.audit import audit
from proofs.cli import main
from proofs.development import load_development
from proofs.errors import ValidationError

HEADER = """
import sympy as sp
from proofs.development import Development
from proofs.model import Identity, Obligation

DEVELOPMENT = Development("audited", title="An audited paper")
x = sp.Symbol("x")

def trivially():
    yield Obligation("id", Identity(x, x))

def never_run():
    raise RuntimeError("the audit must not build or discharge obligations")
    yield
"""

PAPER = HEADER + """
D = DEVELOPMENT
D.definition("definition:1.1", "Support", "the support of $f$")
D.definition("definition:1.2", "Unused definition", "never used")
D.cited("cited:fubini", "Fubini", "swap integrals", reference="Folland 2.37",
        hypotheses=("integrable", "sigma-finite"))
D.cited("cited:dominated", "Dominated convergence", "limits", reference="Folland 2.24",
        hypotheses=("dominated",))
D.lemma("lemma:2.1", "Swap", "By Definition 1.1 we swap.", deps=("definition:1.1", "cited:fubini"),
        cited_hypotheses={"cited:fubini": {"integrable": "discharged: compact support (Definition 1.1)",
                                           "sigma-finite": "carried"}})(never_run)
D.lemma("lemma:2.2", "Limit", "A limit exists.", deps=("cited:dominated",))(never_run)
D.lemma("lemma:2.3", "Orphan claim", "As Lemma 2.6 shows, and by Definitions 1.1 and 1.2, it holds.")(never_run)
D.lemma("lemma:2.4", "Printed", "printed, false")(never_run)
D.lemma("lemma:2.4.corrected", "Printed (corrected)", "true", deps=("lemma:2.1",), corrects="lemma:2.4",
        printed=False)(never_run)
D.remark("remark:2.5", "A remark", "nothing uses this", deps=("lemma:2.1",))(never_run)
D.theorem("theorem:3.1", "Main", "By Lemma 2.1 and Lemma 2.4.", deps=("lemma:2.4.corrected", "lemma:2.2"))(never_run)
"""


def _write(tmp_path: Path, source: str, name: str = "dev.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source))
    return path


@pytest.fixture
def paper(tmp_path):
    return _write(tmp_path, PAPER)


def test_trusted_base_is_the_assumed_part_of_each_cone(paper):
    report = audit(load_development(str(paper)))
    base = {tb.node: tb for tb in report.trusted_base}
    assert set(base) == {"lemma:2.1", "lemma:2.2", "lemma:2.3", "lemma:2.4", "lemma:2.4.corrected",
                         "theorem:3.1"}                     # theorems, propositions, lemmas; no remark
    main_theorem = base["theorem:3.1"]
    assert main_theorem.definitions == ["definition:1.1"]
    assert [c["id"] for c in main_theorem.cited] == ["cited:fubini", "cited:dominated"]
    assert main_theorem.cited[0]["reference"] == "Folland 2.37"
    assert base["lemma:2.3"].definitions == [] and base["lemma:2.3"].cited == []
    assert [c["id"] for c in base["lemma:2.2"].cited] == ["cited:dominated"]


def test_cited_hypotheses_are_discharged_carried_or_hidden(paper):
    report = audit(load_development(str(paper)))
    uses = {(c.id, u.by): u.hypotheses for c in report.cited for u in c.uses}
    assert uses[("cited:fubini", "lemma:2.1")] == {
        "integrable": "discharged: compact support (Definition 1.1)", "sigma-finite": "carried"}
    assert uses[("cited:dominated", "lemma:2.2")] == {"dominated": "hidden"}
    assert report.hidden_assumptions == [{"node": "lemma:2.2", "cited": "cited:dominated",
                                          "hypothesis": "dominated"}]
    base = {tb.node: tb for tb in report.trusted_base}
    # the carried hypothesis becomes an assumption of everything built on lemma:2.1
    carried = {"cited": "cited:fubini", "hypothesis": "sigma-finite", "by": "lemma:2.1"}
    assert base["lemma:2.1"].carried == [carried] and base["theorem:3.1"].carried == [carried]
    assert base["lemma:2.2"].carried == []
    assert base["theorem:3.1"].hidden == report.hidden_assumptions and base["lemma:2.1"].hidden == []
    assert not report.ok


def test_unused_nodes_exclude_final_theorems_and_superseded_printed_nodes(paper):
    report = audit(load_development(str(paper)))
    assert [u["id"] for u in report.unused] == ["definition:1.2", "lemma:2.3", "remark:2.5"]
    assert [u["id"] for u in report.superseded] == ["lemma:2.4"]


def test_text_that_cites_a_result_the_proof_does_not_use(paper):
    report = audit(load_development(str(paper)))
    found = {(c.node, c.cites): c for c in report.text_citations_without_edge}
    # lemma:2.3 has no dependencies yet names Lemma 2.6 (not in the development) and Definitions 1.1, 1.2
    assert set(found) == {("lemma:2.3", "lemma:2.6"), ("lemma:2.3", "definition:1.1"),
                          ("lemma:2.3", "definition:1.2")}
    assert not found[("lemma:2.3", "lemma:2.6")].exists and found[("lemma:2.3", "definition:1.1")].exists
    assert all(c.no_dependencies for c in found.values())
    # lemma:2.1 names Definition 1.1, a dependency; theorem:3.1 names Lemma 2.4 and uses its correction


def test_longest_chain_and_acyclicity(paper):
    report = audit(load_development(str(paper)))
    assert report.acyclic and report.cycle is None
    assert report.longest_chain == ["definition:1.1", "lemma:2.1", "lemma:2.4.corrected", "theorem:3.1"]


def test_a_cycle_is_reported_not_raised(tmp_path):
    dev = _write(tmp_path, HEADER + """
DEVELOPMENT.lemma("lemma:1", "A", "a", deps=("lemma:2",))(trivially)
DEVELOPMENT.lemma("lemma:2", "B", "b", deps=("lemma:3",))(trivially)
DEVELOPMENT.lemma("lemma:3", "C", "c", deps=("lemma:1",))(trivially)
DEVELOPMENT.theorem("theorem:4", "D", "d", deps=("lemma:1",))(trivially)
""")
    report = audit(load_development(str(dev)))
    assert not report.acyclic and not report.ok
    assert report.cycle[0] == report.cycle[-1] and set(report.cycle) == {"lemma:1", "lemma:2", "lemma:3"}
    assert report.longest_chain == []
    assert main(["audit", str(dev), "--json", str(tmp_path / "a.json")]) == 1
    assert json.loads((tmp_path / "a.json").read_text())["acyclic"] is False


def test_clean_development_passes(tmp_path):
    dev = _write(tmp_path, HEADER + """
DEVELOPMENT.definition("definition:1.1", "D", "d")
DEVELOPMENT.cited("cited:x", "X", "x", reference="R", hypotheses=("h",))
DEVELOPMENT.lemma("lemma:2.1", "L", "By Definition 1.1.", deps=("definition:1.1", "cited:x"),
                  cited_hypotheses={"cited:x": {"h": "discharged: shown in (3)"}})(trivially)
DEVELOPMENT.theorem("theorem:3.1", "T", "By Lemma 2.1.", deps=("lemma:2.1",))(trivially)
""")
    report = audit(load_development(str(dev)))
    assert report.ok and not report.unused and not report.hidden_assumptions
    assert main(["audit", str(dev)]) == 0


def test_json_output(paper, capsys):
    assert main(["audit", str(paper), "--json", "-"]) == 1      # a hidden assumption and unsupported citations
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["acyclic"] is True
    assert data["longest_chain"] == {"length": 3, "path": ["definition:1.1", "lemma:2.1",
                                                           "lemma:2.4.corrected", "theorem:3.1"]}
    assert data["hidden_assumptions"] == [{"node": "lemma:2.2", "cited": "cited:dominated",
                                           "hypothesis": "dominated"}]
    assert {c["cites"] for c in data["text_citations_without_edge"]} == {"lemma:2.6", "definition:1.1",
                                                                           "definition:1.2"}
    fubini = next(c for c in data["cited"] if c["id"] == "cited:fubini")
    assert fubini["hypotheses"] == ["integrable", "sigma-finite"]


def test_json_without_a_file_is_stdout_and_a_development_is_never_overwritten(paper, capsys):
    assert main(["audit", str(paper), "--json"]) == 1           # --json alone: the JSON on stdout, nothing else
    assert json.loads(capsys.readouterr().out)["acyclic"] is True
    before = paper.read_text()
    with pytest.raises(SystemExit) as stop:                     # `--json dev.py` would read dev.py as FILE
        main(["audit", "--json", str(paper)])
    assert stop.value.code == 2 and "name the file first" in capsys.readouterr().err
    assert paper.read_text() == before


def test_human_output_names_the_problems(paper, capsys):
    assert main(["audit", str(paper)]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "lemma:2.2 uses cited:dominated without discharging or carrying 'dominated'" in out
    assert "lemma:2.3: names Lemma 2.6 (lemma:2.6, not in the development)" in out
    assert "definition:1.1 → lemma:2.1 → lemma:2.4.corrected → theorem:3.1" in out
    assert "audit: problems found" in out


@pytest.mark.parametrize("extra, message", [
    ('D.lemma("lemma:9", "Bad", "b", deps=("lemma:404",))(never_run)', "depends on unknown id 'lemma:404'"),
    ('D.lemma("lemma:9", "Bad", "b", deps=("cited:fubini",),\n'
     '        cited_hypotheses={"cited:fubini": {"integrable": "ok", "sigma-finite": "carried"}})(never_run)',
     "write 'discharged: <why it holds here>' or 'carried[: <why>]'"),
    ('D.lemma("lemma:9", "Bad", "b", deps=("cited:fubini",),\n'
     '        cited_hypotheses={"cited:fubini": {"integrabel": "carried"}})(never_run)',
     "'integrabel', which is not a hypothesis of cited:fubini"),
    ('D.lemma("lemma:9", "Bad", "b", cited_hypotheses={"cited:fubini": {"integrable": "carried"}})(never_run)',
     "names 'cited:fubini', which is not a dependency"),
    ('D.lemma("lemma:2.1", "Again", "b")(never_run)', "duplicate id"),
])
def test_malformed_developments_exit_2(tmp_path, capsys, extra, message):
    dev = _write(tmp_path, PAPER + extra + "\n")
    with pytest.raises(ValidationError):
        audit(load_development(str(dev)))
    assert main(["audit", str(dev)]) == 2
    err = capsys.readouterr().err
    assert message in err and "node lemma:" in err and "Traceback" not in err


def test_unloadable_development_exits_2(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "missing.py")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.timeout(120)
def test_equalities_that_hold_as_built_are_listed_as_decided_by_construction(tmp_path, capsys):
    """An identity whose sides coincide once the development has built them (x*(x+1) and x**2 + x do not;
    expand(...) called by the development does) is proved by the construction, not by a backend: the audit says
    so, without calling it a problem."""
    dev = _write(tmp_path, HEADER + """
from proofs.model import Chain, Step
def built():
    yield Obligation("expanded", Identity(sp.expand(x * (x + 1)), x**2 + x))
    yield Obligation("shown", Identity(x * (x + 1), x**2 + x))
    yield Obligation("chain", Chain(x * (x + 1), (Step(sp.expand(x * (x + 1)), rule="definition", by="definition:1"),
                                                 Step(x**2 + x), Step(x * x + x))))
DEVELOPMENT.definition("definition:1", "D", "d")
DEVELOPMENT.theorem("theorem:1", "T", "t", deps=("definition:1",))(built)
""")
    report = audit(load_development(str(dev)))
    assert report.decided_by_construction == [
        {"node": "theorem:1", "obligation": "expanded", "where": "its two sides"},
        {"node": "theorem:1", "obligation": "chain", "where": "step 2 (algebra)"},
        {"node": "theorem:1", "obligation": "chain", "where": "step 3 (algebra)"}], report.decided_by_construction
    assert report.ok
    assert main(["audit", str(dev)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Equalities that hold as built (proved by the development's construction, not by a backend): 2" in out
    assert "theorem:1/expanded: its two sides" in out


@pytest.mark.timeout(120)
def test_definitions_unfolded_are_listed_with_their_formula(tmp_path, capsys):
    """ByDefinition is checked only for naming a definition among the dependencies: the audit lists each formula
    so that a reader can compare it with the definition."""
    dev = _write(tmp_path, HEADER + """
from proofs import ByDefinition
from proofs.model import Implication
y = sp.Symbol("y", real=True)
sq = sp.Function("sq", real=True)
def unfolds():
    yield Obligation("z", Implication((ByDefinition("definition:sq", sp.Eq(sq(y), y**2)),), sq(y) >= 0))
DEVELOPMENT.definition("definition:sq", "Square", "sq(y) = y^2")
DEVELOPMENT.theorem("theorem:1", "T", "t", deps=("definition:sq",))(unfolds)
""")
    report = audit(load_development(str(dev)))
    assert report.definitions_unfolded == [{"node": "theorem:1", "obligation": "z", "definition": "definition:sq",
                                            "hypothesis": "Eq(sq(y), y**2)"}], report.definitions_unfolded
    assert main(["audit", str(dev)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Definitions unfolded" in out and "definition:sq: 1 hypothesis" in out
