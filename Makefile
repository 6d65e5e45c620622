# make report  - set up .venv if needed, run every notebook in order, write tables, figures, HTML
# make test    - set up .venv if needed, run the unit tests and nbval over every notebook
# make html    - build the report as a Jupyter Book (book/) into build/html (offline, notebooks not rerun)
# make build   - rebuild the processed tables without notebooks (python -m partnership build)
# make bench   - time the build on synthetic corpora of 100, 1,000 and 10,000 articles, on the process pool and
#                a Dask LocalCluster (not part of test); BENCH_ARGS="--large 100000" adds the 100,000-article memory run
# make clean   - remove the virtual environment, caches and build/ (never data/)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

# Fixed for every run so outputs do not depend on the machine or the hour.
export PYTHONHASHSEED := 0
export TZ := UTC
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: report test html build bench clean setup

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

report: $(STAMP)
	@$(BIN)/python -m partnership check  # a broken article stops here, with one line naming it
	@# all or nothing: a failing cell leaves tables, figures and notebooks as they were
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m partnership report
	$(MAKE) --no-print-directory html

html: $(STAMP)
	$(BIN)/python -m partnership site

build: $(STAMP)
	$(BIN)/python -m partnership build

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build .pytest_cache *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name .ipynb_checkpoints -type d -prune -exec rm -rf {} +
