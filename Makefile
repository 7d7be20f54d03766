# The commands of the README:
#   make report   set everything up and write the client report for a bundled sample
#   make test     set everything up and run the tests
#   make lab      set everything up and open JupyterLab on the notebooks (works as root too)
# Set-up: a virtual environment in .venv, the package with its test extras, and the
# system programs the kit needs (Graphviz `dot`, Chromium for PDF, Java for Spark), see scripts/setup.sh.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
SAMPLE ?= wholesale
LANG_REPORT ?= nl
OUT    ?= reports
LAB_IP   ?= localhost
LAB_PORT ?= 8888
LAB_ARGS ?=

.PHONY: setup report test lab bench bench-smoke samples clean

$(VENV)/.installed: pyproject.toml
	bash scripts/setup.sh "$(PYTHON)" "$(VENV)"
	touch $@

setup: $(VENV)/.installed

report: setup
	$(VENV)/bin/shadowing report --data data/samples/$(SAMPLE) --out $(OUT)/$(SAMPLE) --lang $(LANG_REPORT)

test: setup
	$(PY) -m pytest

# JupyterLab refuses to run as root without --allow-root (containers, fresh servers): added then.
lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ServerApp.ip=$(LAB_IP) \
		--ServerApp.port=$(LAB_PORT) $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

samples: setup
	$(PY) tools/samples/build.py

bench: setup
	$(PY) benchmarks/run.py

bench-smoke: setup
	$(PY) benchmarks/run.py --smoke

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
