# UngtLøft Map -- the two commands of the README, plus helpers.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip

.PHONY: run test bench lint demo installer clean

$(VENV)/.app-installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed pyproject.toml
	$(PIP) install -q -e ".[test]"
	touch $@

## make run: set up and open the app on the demo data
run: $(VENV)/.app-installed
	$(VENV)/bin/ungtloft-map

## make test: set up and run lint, import contracts and the whole suite headless
test: $(VENV)/.test-installed
	$(VENV)/bin/ruff check ungtloft_map tests benchmarks
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

## make bench: run the benchmarks and print a table
bench: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

## make demo: regenerate the fictional demo municipality into geodata/demo
demo: $(VENV)/.app-installed
	$(PY) -m ungtloft_map.demo --out geodata/demo

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check ungtloft_map tests benchmarks
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info
