# The two commands of the README's quick start are `make demo` and `make test`.
# Each sets up .venv (Python >= 3.12) on its own first.
PY := .venv/bin/python
DEMO_DIR ?= $(CURDIR)/.demo-vault

.PHONY: demo test bench setup lint clean

setup:
	@scripts/bootstrap.sh

## Opens the app on a ready demo vault (created on first run; passphrase "demo").
demo: setup
	@$(PY) -m commandcenter --data-dir "$(DEMO_DIR)" demo --if-missing
	@$(PY) -m commandcenter --data-dir "$(DEMO_DIR)" gui

## Runs the whole test suite, headless (Qt offscreen is set in pyproject's pytest config).
test: setup
	@$(PY) -m pytest $(PYTEST_ARGS)

## Prints the benchmark figures (not part of the test run).
bench: setup
	@$(PY) benchmarks/run_all.py

clean:
	rm -rf .venv .demo-vault build dist
