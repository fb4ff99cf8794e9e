# The two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast venv migrate shell lint bench clean mutation

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required: set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

migrate: $(STAMP)
	$(PY) -m bot migrate

# With BOT_TOKEN: the real bot against Telegram. Without: a local chat in this terminal.
# The Rasa server (when its venv and model can be built) runs beside the bot in its own process
# group and stops with it (/quit, Ctrl-D or one Ctrl-C; `make run` returns once it has stopped, at
# most 10 s later). The terminal chat waits for it to load its model (about 20 s, one progress
# line) before the first prompt. NLU_SERVER: the command that serves the NLU (tests use a stand-in).
NLU_SERVER ?= $(MAKE) --no-print-directory nlu-serve
run: $(STAMP) migrate nlu-if-possible
	@set -m; rasa_pid=""; mkdir -p var; \
	if [ -x $(RASA_VENV)/bin/rasa ] && ls $(NLU_MODEL) >/dev/null 2>&1; then \
	  $(NLU_SERVER) >var/rasa.log 2>&1 & rasa_pid=$$!; disown $$rasa_pid; \
	  echo "NLU: Rasa server starting on $${NLU_URL:-http://127.0.0.1:5005} (log: var/rasa.log)"; \
	else echo "NLU: no Rasa model, the bot runs with buttons and keyword rules"; fi; \
	stop_rasa() { [ -n "$$rasa_pid" ] || return 0; kill -- -$$rasa_pid 2>/dev/null; \
	  for i in $$(seq 100); do kill -0 -- -$$rasa_pid 2>/dev/null || break; \
	    [ $$i = 3 ] && echo "NLU: stopping the Rasa server…"; sleep 0.1; done; rasa_pid=""; }; \
	trap stop_rasa EXIT INT TERM; \
	if [ -n "$$BOT_TOKEN" ] || grep -qs '^BOT_TOKEN=.\+' .env; then $(PY) -m bot run; \
	else $(PY) -m bot shell $${rasa_pid:+--wait-nlu $$rasa_pid}; fi

shell: $(STAMP) migrate
	$(PY) -m bot shell

test: $(STAMP)
	$(PY) -m pytest -rs -q

# The quick tier (under 30 s): pure and in-process tests, on SQLite, without the bot against the
# local Bot API, PostgreSQL, Redis, subprocesses or Hypothesis runs (the `slow` marker, tests/conftest.py).
test-fast: $(STAMP)
	env -u TEST_DATABASE_URL -u TEST_REDIS_URL -u CI $(PY) -m pytest -q -m "not slow" -p no:cacheprovider

# Static checks: ruff's lint rules and formatting (pyproject.toml [tool.ruff]), and mypy --strict
# on the consent core (bot/consent; [tool.mypy]). All three run; any failure fails the target.
lint: $(STAMP)
	@status=0; \
	$(PY) -m ruff check . || status=1; \
	$(PY) -m ruff format --check . || status=1; \
	$(PY) -m mypy || status=1; \
	exit $$status

# Mutation testing of the consent core with mutmut (not part of `make test`: it takes minutes).
# Prints the score and the surviving mutants and writes mutation/score.txt; fails under 90 %.
# SQLite only: the PostgreSQL and Redis variants are left out of these runs.
$(VENV)/.mutation-installed: $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,mutation]'
	@touch $@

mutation: $(VENV)/.mutation-installed
	env -u TEST_DATABASE_URL -u TEST_REDIS_URL -u CI $(PY) mutation/run.py

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) var nlu/models nlu/results .pytest_cache mutants

-include nlu/nlu.mk

# Fallbacks while the NLU fragment is absent.
RASA_VENV ?= .venv-rasa
NLU_MODEL ?= nlu/models/nlu.tar.gz
.PHONY: nlu-if-possible
nlu-if-possible:
	@if command -v python3.10 >/dev/null 2>&1 && [ -f nlu/nlu.mk ]; then $(MAKE) --no-print-directory nlu || echo "NLU training failed; the bot runs without NLU"; else echo "NLU: python3.10 not found, the bot runs without NLU (buttons and keyword rules)"; fi
