# UngtLøft Map -- the two commands of the README, plus helpers.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip

.PHONY: run test test-fast fuzz bench lint demo installer wheel clean translations translations-update

TS := resources/translations/ungtloft_map_en.ts
QM := $(TS:.ts=.qm)

$(VENV)/.app-installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "needs $(PYTHON)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.app-installed pyproject.toml
	$(PIP) install -q -e ".[test]"
	touch $@

## make translations: compile the .ts sources to the .qm files the app loads (pyside6-lrelease)
translations: $(QM)

$(QM): $(TS) $(VENV)/.app-installed
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

## make translations-update: collect new strings from the code into the .ts (then translate them)
translations-update: $(VENV)/.app-installed
	$(VENV)/bin/pyside6-lupdate -no-obsolete -source-language nb_NO -target-language en_GB \
		ungtloft_map/_qt/*.py ungtloft_map/_qt/*/*.py -ts $(TS)

## make run: set up and open the app on the demo data
run: $(VENV)/.app-installed translations
	$(VENV)/bin/ungtloft-map

## make test: set up and run lint, import contracts and the whole suite headless
test: $(VENV)/.test-installed translations
	$(VENV)/bin/ruff check ungtloft_map tests benchmarks
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider --durations=30
	UNGTLOFT_CACHE_DIR=off QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider \
		--doctest-modules ungtloft_map/core ungtloft_map/maps

## make fuzz: the property and fuzz tests with fresh random examples (not derandomized as in make test)
fuzz: $(VENV)/.test-installed
	UNGTLOFT_HYPOTHESIS=fuzz QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider \
		tests/robustness tests/core/io/test_plangml.py tests/core/io/test_sosi.py \
		tests/core/analysis/test_privacy.py tests/core/analysis/test_index.py \
		tests/core/analysis/transit/test_transit_properties.py

## make test-fast: the suite without the slow and realdata tests (for the edit-test loop)
test-fast: $(VENV)/.test-installed translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider -m "not slow and not realdata"

## make bench: run the benchmarks and print a table
bench: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

## make demo: regenerate the fictional demo municipality into geodata/demo
demo: $(VENV)/.app-installed
	$(PY) -m ungtloft_map.demo --out geodata/demo

## make installer: build the desktop app dist/UngtLoftMap (PyInstaller) and smoke-test it offline
installer: $(VENV)/.app-installed translations
	VENV=$(VENV) bash installer/build.sh

## make wheel: the sdist and the wheel in dist/ (demo data, resources and .qm inside the package);
## tests/installer/test_wheel.py installs it into a scratch venv and runs every command
wheel: $(VENV)/.test-installed
	$(PY) -m build --outdir dist .

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check ungtloft_map tests benchmarks
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info
