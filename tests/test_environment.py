"""Set-up contracts: pyproject and environment.yml agree; CI runs the README's test command."""
from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT


def _norm(req: str) -> str:
    name, _, rest = req.partition("==")
    return re.sub(r"[-_.]+", "-", name.strip().lower()) + "==" + rest.strip()


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = set(project["dependencies"])
    for extra in ("test", "dask", "train"):
        wanted |= set(project["optional-dependencies"][extra])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert {_norm(r) for r in pip} == {_norm(r) for r in wanted}
    assert "python=3.11" in env["dependencies"]


def test_every_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = project["dependencies"] + [r for v in project["optional-dependencies"].values() for r in v]
    assert all("==" in r for r in reqs), [r for r in reqs if "==" not in r]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make report" in readme and "make test" in readme
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert "make test" in commands


def test_seeds_are_unchanged_copies():
    import csv
    import hashlib

    rows = list(csv.DictReader((ROOT / "seeds" / "articles.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["000", "001", "002"]
    for r in rows:
        data = (ROOT / "seeds" / r["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == r["sha256"]
        shared = ROOT.parent / "shared" / "seeds" / r["file"]
        if shared.exists():
            assert shared.read_bytes() == data


def test_manifest_documents_each_attribution():
    import csv

    rows = {r["id"]: r for r in csv.DictReader((ROOT / "seeds" / "articles.csv").open(encoding="utf-8"))}
    for col in ("outlet", "outlet_inferred", "outlet_evidence", "date", "date_inferred", "date_evidence",
                "event", "headline_source"):
        assert all(r[col] for r in rows.values()), col
    assert "the Standard" in rows["000"]["outlet_evidence"]
    assert "(pictured)" in rows["001"]["outlet_evidence"]
    assert "(Yui Mok/PA)" in rows["002"]["outlet_evidence"]
    assert rows["002"]["headline"] and not rows["000"]["headline"] and not rows["001"]["headline"]
    assert {r["outlet_inferred"] for r in rows.values()} == {"yes"}


def test_python_sources_compile_without_warnings():
    """An invalid escape in a plain string is a warning today and an error in a later Python."""
    import warnings

    bad = []
    for path in sorted([*(ROOT / "analysis").rglob("*.py"), *(ROOT / "bench").glob("*.py")]):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                compile(path.read_text(encoding="utf-8"), str(path), "exec")
            except (SyntaxError, SyntaxWarning, DeprecationWarning) as e:
                bad.append(f"{path.relative_to(ROOT)}: {e}")
    assert not bad, bad
