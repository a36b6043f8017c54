# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What serving needs (`pip install -e .`), and the test extras on top (pytest, playwright, ruff).
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DB_URL ?= sqlite:///claimdesk.db
PORT ?= 8501
# Loaded into an empty database only; `make run SAMPLE_DATA=` starts a desk without it.
SAMPLE_DATA ?= sample_data

.PHONY: run test test-postgres install lint bench eval clean

# No pip upgrade: the venv's own pip must be enough (pyproject declares what it needs).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(TEST_STAMP)

install: $(STAMP)

# Install, create/migrate the database, load the sample articles on the first
# run (into an empty database only), serve the UI on 127.0.0.1.
run: $(STAMP)
	CLAIMS_DATABASE_URL=$(DB_URL) $(BIN)/claims init --url http://127.0.0.1:$(PORT)
	if [ -n "$(SAMPLE_DATA)" ]; then CLAIMS_DATABASE_URL=$(DB_URL) $(BIN)/claims ingest $(SAMPLE_DATA) --quiet --if-empty --wait; fi
	CLAIMS_DATABASE_URL=$(DB_URL) $(BIN)/python -m streamlit run app.py \
		--server.address 127.0.0.1 --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

# The whole suite on SQLite; with CLAIMS_TEST_DATABASE_URL set, the database
# tests run a second time against that PostgreSQL server.
test: $(TEST_STAMP)
	$(BIN)/ruff check .
	env -u CLAIMS_TEST_DATABASE_URL $(BIN)/python -m pytest -q
	@if [ -n "$$CLAIMS_TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; fi

test-postgres: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m database

bench: $(TEST_STAMP)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_search.py --sizes 10000,100000

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache claimdesk.db claimdesk.db-wal claimdesk.db-shm
