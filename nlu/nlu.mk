# The Rasa NLU project: its own Python 3.10 venv, training, the held-out test and the quality gate.
# Included by the top-level Makefile (`include nlu/nlu.mk`); every target also works on its own:
#   make nlu-venv    build .venv-rasa (once; stamp file) — prints one line and succeeds without python3.10
#   make nlu         train nlu/models/nlu.tar.gz when config, domain or data changed (hash stamp)
#   make nlu-validate  rasa data validate
#   make nlu-test    rasa test nlu on nlu/tests/ (never seen in training) -> nlu/results/
#   make nlu-check   nlu-validate + nlu-test + nlu/check_quality.py (exit 1 below the bar)
#   make nlu-serve   the HTTP server the bot calls (POST /model/parse), in the foreground

RASA_VERSION ?= 3.6.21
RASA_VENV ?= .venv-rasa
PY ?= .venv/bin/python
NLU_DIR ?= nlu
NLU_MODEL ?= $(NLU_DIR)/models/nlu.tar.gz
NLU_RESULTS ?= $(NLU_DIR)/results
NLU_PORT ?= 5005
NLU_HOST ?= 127.0.0.1

# A Python 3.10 that really runs (a pyenv shim named python3.10 may exist without being active).
PYTHON310 ?= $(firstword $(foreach p,python3.10 $(sort $(wildcard $(HOME)/.pyenv/versions/3.10*/bin/python3.10)),\
  $(shell $(p) -c 'import sys; print(sys.executable if sys.version_info[:2] == (3, 10) else "")' 2>/dev/null)))

RASA := $(RASA_VENV)/bin/rasa
RASA_STAMP := $(RASA_VENV)/.installed-rasa-$(RASA_VERSION)
NLU_HASH := $(NLU_DIR)/models/.inputs.sha256
NLU_INPUTS = $(sort domain.yml $(NLU_DIR)/config.yml $(wildcard $(NLU_DIR)/data/*.yml $(NLU_DIR)/data/*/*.yml))

# No telemetry, no downloads, no update checks: the NLU never reaches the internet.
RASA_ENV := RASA_TELEMETRY_ENABLED=false HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
  TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore \
  RASA_CACHE_DIRECTORY=$(CURDIR)/$(NLU_DIR)/models/.cache MPLCONFIGDIR=$(CURDIR)/$(NLU_DIR)/models/.mpl

.PHONY: nlu-venv nlu nlu-validate nlu-test nlu-check nlu-serve nlu-have-python

# Exit status 0 when a Python 3.10 for the Rasa venv exists (for scripts: `make -s nlu-have-python`).
nlu-have-python:
	@test -n "$(PYTHON310)"

nlu-venv:
	@if [ -f $(RASA_STAMP) ]; then exit 0; fi; \
	if [ -z "$(PYTHON310)" ]; then echo "NLU: python3.10 not found; no Rasa venv, the bot runs without NLU (buttons and keyword rules)"; exit 0; fi; \
	$(MAKE) --no-print-directory $(RASA_STAMP)

$(RASA_STAMP):
	@echo "NLU: building $(RASA_VENV) with $(PYTHON310) and rasa==$(RASA_VERSION) (about 2 minutes, 2.7 GB)"
	@start=$$(date +%s); \
	rm -rf $(RASA_VENV) && $(PYTHON310) -m venv $(RASA_VENV) && \
	$(RASA_VENV)/bin/pip install --quiet --upgrade pip wheel && \
	$(RASA_VENV)/bin/pip install --quiet "rasa==$(RASA_VERSION)" && \
	$(RASA_ENV) $(RASA) telemetry disable >/dev/null 2>&1; \
	$(RASA_VENV)/bin/python -c 'import rasa' || exit 1; \
	echo "NLU: $(RASA_VENV) built in $$(( $$(date +%s) - start )) s"
	@touch $@

# Trains only when the inputs' hash differs from the one the model was trained on. Rasa's own output
# (a line per component, ~200 epoch lines) goes to $(NLU_TRAIN_LOG); the terminal shows one progress
# line (updated in place on a terminal), and the log's end if training fails.
NLU_TRAIN_LOG ?= var/nlu-train.log
nlu: nlu-venv
	@if [ ! -f $(RASA_STAMP) ]; then echo "NLU: no Rasa venv, not training"; exit 0; fi; \
	hash=$$(for f in $(NLU_INPUTS); do echo "== $$f"; cat $$f; done | sha256sum | cut -c1-64); \
	if [ -f $(NLU_MODEL) ] && [ "$$(cat $(NLU_HASH) 2>/dev/null)" = "$$hash" ]; then \
	  echo "NLU: $(NLU_MODEL) is up to date"; exit 0; fi; \
	echo "NLU: training $(NLU_MODEL) (about a minute or two; log: $(NLU_TRAIN_LOG))"; start=$$(date +%s); \
	mkdir -p $(dir $(NLU_MODEL)) $(dir $(NLU_TRAIN_LOG)) && rm -f $(NLU_HASH) || exit 1; \
	$(RASA_ENV) $(RASA) train nlu --config $(NLU_DIR)/config.yml --nlu $(NLU_DIR)/data --domain domain.yml \
	  --out $(dir $(NLU_MODEL)) --fixed-model-name $(basename $(basename $(notdir $(NLU_MODEL)))) \
	  >$(NLU_TRAIN_LOG) 2>&1 & train=$$!; \
	trap 'kill $$train 2>/dev/null' EXIT INT TERM; \
	if [ -t 1 ]; then \
	  while kill -0 $$train 2>/dev/null; do \
	    step=$$(grep -ao "Starting to train component '[A-Za-z]*'\|Epochs: *[0-9]*%" $(NLU_TRAIN_LOG) 2>/dev/null | tail -n 1 \
	      | sed "s/Starting to train component '\(.*\)'/\1/; s/Epochs: */DIETClassifier epochs /"); \
	    printf '\r\033[KNLU: training… %s s %s' "$$(( $$(date +%s) - start ))" "$$step"; sleep 1; \
	  done; printf '\r\033[K'; \
	fi; \
	wait $$train; status=$$?; trap - EXIT INT TERM; \
	if [ $$status -ne 0 ]; then \
	  echo "NLU: training failed (exit status $$status); the end of $(NLU_TRAIN_LOG):"; \
	  tail -n 30 $(NLU_TRAIN_LOG) | tr '\r' '\n' | tail -n 30; exit 1; fi; \
	echo "$$hash" > $(NLU_HASH); \
	echo "NLU: trained in $$(( $$(date +%s) - start )) s"

nlu-validate: nlu-venv
	@test -f $(RASA_STAMP) || { echo "NLU: no Rasa venv (python3.10 missing?); cannot validate"; exit 2; }
	$(RASA_ENV) $(RASA) data validate --domain domain.yml --data $(NLU_DIR)/data --config $(NLU_DIR)/config.yml --fail-on-warnings

nlu-test: nlu
	@test -f $(NLU_MODEL) || { echo "NLU: no model at $(NLU_MODEL) (python3.10 missing?); cannot test"; exit 2; }
	@rm -rf $(NLU_RESULTS)
	$(RASA_ENV) $(RASA) test nlu --nlu $(NLU_DIR)/tests/ --model $(NLU_MODEL) --out $(NLU_RESULTS) --successes
	@$(PY) $(NLU_DIR)/check_quality.py --results $(NLU_RESULTS) --report-only

nlu-check: nlu-validate
	@$(MAKE) --no-print-directory nlu-test >$(NLU_DIR)/.nlu-test.log 2>&1 || { cat $(NLU_DIR)/.nlu-test.log; exit 1; }
	@grep -E '^NLU: (trained|training|building)' $(NLU_DIR)/.nlu-test.log || true
	@rm -f $(NLU_DIR)/.nlu-test.log
	$(PY) $(NLU_DIR)/check_quality.py --results $(NLU_RESULTS)

# The API takes a token (`--auth-token`; the bot sends it as ?token=): NLU_TOKEN from the
# environment or .env, else one generated once into $(NLU_TOKEN_FILE) (mode 600), which the bot
# reads when NLU_TOKEN is unset. Without a token anyone who reaches the port could replace the model.
NLU_TOKEN_FILE ?= var/nlu-token
nlu-serve: nlu
	@test -f $(NLU_MODEL) || { echo "NLU: no model at $(NLU_MODEL); run make nlu"; exit 2; }
	@token="$${NLU_TOKEN:-$$(sed -n 's/^NLU_TOKEN=//p' .env 2>/dev/null | tail -n 1 | tr -d "\"' ")}"; \
	if [ -z "$$token" ]; then \
	  if [ ! -s $(NLU_TOKEN_FILE) ]; then \
	    mkdir -p $(dir $(NLU_TOKEN_FILE)) && tmp=$$(mktemp $(NLU_TOKEN_FILE).XXXXXX) && chmod 600 $$tmp && \
	    $(PY) -c 'import secrets; print(secrets.token_hex(32))' > $$tmp && \
	    { ln $$tmp $(NLU_TOKEN_FILE) 2>/dev/null || true; } && rm -f $$tmp; \
	  fi; \
	  token=$$(cat $(NLU_TOKEN_FILE)); \
	fi; \
	echo "NLU: serving on $(NLU_HOST):$(NLU_PORT), API token required"; \
	exec env $(RASA_ENV) $(RASA) run --enable-api --auth-token "$$token" -p $(NLU_PORT) -i $(NLU_HOST) --model $(NLU_MODEL)
