# Raqib: two commands on a fresh machine.
#   make run   -> install into .venv, ingest the sample articles if the store is empty, open the dashboard
#   make test  -> install into .venv (and Debian's chromium when root), run the whole test suite
# Everything else: see README.md.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-requirements
PORT   ?= 8501

.PHONY: run test install browser ingest-seeds lint bench clean-cache

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@cp requirements.txt $(STAMP)

install: $(STAMP)

ingest-seeds: install
	$(PY) -m incidents seed-if-empty

run: ingest-seeds
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true

# Debian's chromium drives the real-browser test (never `playwright install`).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser test..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "NOTE: /usr/bin/chromium is missing: run 'sudo apt-get install chromium chromium-driver'" \
		     "(or set RAQIB_SKIP_BROWSER=1 to skip the browser test)."; \
	fi

test: install browser
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .

bench: install
	@for b in benchmarks/*_bench.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean-cache:
	rm -rf data/cache
