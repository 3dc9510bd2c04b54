# The two commands of the README's quick start are `make demo` and `make test`.
# Each sets up .venv (Python >= 3.12) on its own first.
PY := .venv/bin/python
DEMO_DIR ?= $(CURDIR)/.demo-vault

.PHONY: demo test bench setup lint clean package test-packaging bench-frozen soak

setup:
	@scripts/bootstrap.sh

## Opens the app on a ready demo vault (created on first run; passphrase "demo").
demo: setup
	@$(PY) -m commandcenter --data-dir "$(DEMO_DIR)" demo --if-missing
	@$(PY) -m commandcenter --data-dir "$(DEMO_DIR)" gui

## Runs the whole test suite, headless (Qt offscreen is set in pyproject's pytest config).
test: setup
	@$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

## Repeats the fault tests (kill -9, full disk, second instance, clock jumps) SOAK_RUNS times
## as often as the suite does, then prints per scenario: runs, faults injected, failures, data lost.
SOAK_RUNS ?= 20
soak: setup
	@$(PY) scripts/soak.py --runs $(SOAK_RUNS) $(PYTEST_ARGS)

## Prints the benchmark figures (not part of the test run).
bench: setup
	@$(PY) benchmarks/run_all.py

## Builds the Linux installers into dist/: the .tar.gz, the .deb and SHA256SUMS
## (installs the packaging extra first; docs/PACKAGING.md has the other platforms).
package: setup
	@$(PY) packaging/build.py

## Only the packaging tests (also part of `make test`); builds in a scratch folder.
test-packaging: setup
	@$(PY) -m pytest tests/packaging $(PYTEST_ARGS)

## Frozen app's first paint against the same app run from source (needs `make package`).
bench-frozen: setup
	@$(PY) benchmarks/bench_frozen_startup.py

clean:
	rm -rf .venv .demo-vault build dist
