"""bench/sources_ablation.py: its rule groups name real functions, and switching one off works."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from analysis.measures.sources import clear_caches, source_fields
from analysis.quotes.engine import extract_statements

ROOT = Path(__file__).resolve().parents[1]

TEXT = "Sen. Maria Lopez spoke at the rally on Monday.\n\"We will win this state,\" she said.\n"


@pytest.fixture
def ablation(monkeypatch):
    """bench/sources_ablation.py as a module (bench/ on the path, as when the script runs)."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_sources_ablation",
                                                  ROOT / "bench" / "sources_ablation.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _she_type() -> str:
    """The source type of the statement of TEXT, read cold."""
    clear_caches()
    (st,) = extract_statements(TEXT)
    return source_fields(st, TEXT)["source_type"]


def test_every_group_names_functions_of_the_package(ablation):
    for names in ablation.GROUPS.values():
        with ablation.switched_off(names):
            pass  # a name no module binds raises SystemExit


def test_an_unknown_name_is_a_clear_error(ablation):
    with pytest.raises(SystemExit, match="no function _no_such_rule"):
        with ablation.switched_off(("_no_such_rule",)):
            pass


def test_switching_off_pronoun_antecedents_changes_the_field_and_is_undone(ablation):
    assert _she_type() == "politician"  # "she" refers back to "Sen. Maria Lopez"
    with ablation.switched_off(ablation.GROUPS["pronoun antecedents"]):
        assert _she_type() == "unknown"
    assert _she_type() == "politician"
    with ablation.switched_off(ablation.GROUPS["all article context"]):
        assert _she_type() == "unknown"
    assert _she_type() == "politician"


def test_without_the_benchmark_it_says_so_and_stops(ablation, tmp_path, capsys):
    assert ablation.main([str(tmp_path / "absent.jsonl")]) == 0
    assert "not found" in capsys.readouterr().out
