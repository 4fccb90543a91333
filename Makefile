# Two commands do all set-up and work:   make report   and   make test
# Both create the virtual environment (.venv, Python 3.11 + pip) and install the pinned
# dependencies from pyproject.toml the first time, and again whenever pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: report test bench report-bench bench-quotes bench-parts adversarial polnear basil frames-bench sources-bench sources-ablation stance-bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dask]"
	touch $(STAMP)

## Analyse the corpus once, execute every notebook on the results and render the site in site/
## (STUDY=dir for another study, CORPUS=path for a corpus without one; both write under OUT=dir)
report: $(STAMP)
	$(PY) -m analysis report $(if $(STUDY),--study "$(STUDY)") $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(OUT),--out "$(OUT)")

## Run the whole test suite (unit, golden, property and notebook tests) on two worker
## processes (pytest-xdist): the CI machine has two cores.  A single file: .venv/bin/python -m pytest FILE
test: $(STAMP)
	$(PY) -m pytest -n 2

## Benchmarks (speed and memory targets are checked here, never in the tests)
bench: $(STAMP)
	$(PY) bench/scale.py

## The report (notebooks + site) built from a synthetic results folder of 100,000 articles
report-bench: $(STAMP)
	$(PY) bench/report_scale.py

bench-quotes: $(STAMP)
	$(PY) bench/throughput.py

polnear: $(STAMP)
	$(PY) bench/polnear.py

## Milliseconds per article of each part of the analysis (PolNeAR dev articles)
bench-parts: $(STAMP)
	$(PY) bench/parts.py --study studies/met-police-2024

## Linear time on adversarial inputs (doubling the input at most about doubles the time)
adversarial: $(STAMP)
	$(PY) bench/adversarial.py

## External benchmarks (development splits read from ../shared/benchmarks)
basil: $(STAMP)
	$(PY) bench/basil.py

frames-bench: $(STAMP)
	$(PY) bench/frames.py

sources-bench: $(STAMP)
	$(PY) bench/sources.py

## What the article-context rules of the sources measure cost and buy (an ablation)
sources-ablation: $(STAMP)
	$(PY) bench/sources_ablation.py

## Stance toward a named target: NewsMTSC dev (rw, mt) and the seed study's hand coding
stance-bench: $(STAMP)
	$(PY) bench/newsmtsc.py ../shared/benchmarks/newsmtsc_dev_rw.jsonl --out bench/out/newsmtsc_rw.jsonl
	$(PY) bench/newsmtsc.py ../shared/benchmarks/newsmtsc_dev_mt.jsonl --out bench/out/newsmtsc_mt.jsonl
	$(PY) bench/seed_stance.py --study-cues
	$(PY) bench/seed_stance.py
	$(PY) bench/seed_stance.py --cue-list

clean:
	rm -rf $(VENV) site .pytest_cache .hypothesis
