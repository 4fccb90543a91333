"""Shared fixtures: the repository root, the seed corpus and a helper to run the CLI."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds():
    """The three seed articles, read through the corpus reader with their manifest."""
    from analysis.corpus import read_corpus

    return {a.id: a for a in read_corpus(SEEDS)}


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m analysis`` with arguments and return the finished process."""
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, input=stdin, timeout=300)
