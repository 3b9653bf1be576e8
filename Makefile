# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test coverage lint lock format system-deps browser-deps caddy-deps bench-deps serve screenshots bench clean

# Every package, direct or indirect, comes from a lock file at a pinned version with its
# hashes; pyproject.toml names only the direct dependencies. pip itself is pinned first
# (requirements-pip.lock), so whatever pip the machine's Python ships never resolves the lock.
# The locks keep their extras (`fonttools[woff]`, `coverage[toml]`): a lock stripped of them
# lets an older pip reach past the pins. After changing pyproject.toml, `make lock`.
$(BIN)/.installed: requirements-pip.lock requirements-dev.lock | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-pip.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
	--no-emit-index-url --no-emit-find-links

# requirements.lock: what production installs; requirements-dev.lock: that plus the tools.
# Keeps every existing pin; `make lock UPGRADE=1` moves everything to the newest versions.
# requirements-pip.lock: the pip the dev lock pins (pip-tools needs it), on its own.
lock: $(BIN)/.installed
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) --extra dev -o requirements-dev.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	echo "pip==$$($(BIN)/pip --version | cut -d' ' -f2)" | $(PIP_COMPILE) -o requirements-pip.lock -

# Graphviz draws the workflow diagrams; Pango and the DejaVu fonts typeset the invoice PDFs
# (WeasyPrint); libpq-dev lets psycopg2 build against the system's libpq (patched by the
# system's security updates, unlike the copy psycopg2-binary bundles); Debian's chromium
# runs the browser tests.
system-deps:
	@{ command -v pg_config && command -v cc; } >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libpq-dev gcc; }
	@command -v dot >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q graphviz; }
	@{ /sbin/ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -qi DejaVuSans; } || \
		{ $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig; }

browser-deps: system-deps
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

# Debian's caddy, for the test that serves the app through it over https (tests/test_caddy.py).
caddy-deps:
	@command -v caddy >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q caddy; }

instance/config.py:
	mkdir -p instance
	cp instance/config.example.py $@
	echo "SECRET_KEY = \"$$($(PYTHON) -c 'import secrets; print(secrets.token_hex(32))')\"" >> $@

run: $(BIN)/.installed system-deps instance/config.py
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	$(FLASK) workflows tick
	$(FLASK) demo-logins
	$(FLASK) run --host 127.0.0.1 --port 5000

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Everything: lint, the whole suite on SQLite (browser and once-only tests included), then
# the suite again on PostgreSQL (CI sets REQUIRE_POSTGRES=1, so there it must answer); each on
# two pytest-xdist workers, with the time of each part at the end (tests/run.sh).
test: $(BIN)/.installed browser-deps caddy-deps
	@bash tests/run.sh

# Line coverage of intranet/ on SQLite (the whole suite; about twice as slow as without).
coverage: $(BIN)/.installed browser-deps caddy-deps
	$(BIN)/pytest -n 2 --dist loadscope --cov=intranet --cov-report=term:skip-covered

screenshots: $(BIN)/.installed browser-deps
	$(BIN)/python -m tests.support.screenshots docs/screenshots

# Debian's wrk drives the load benchmark (bench/load.py); not part of `make test`.
bench-deps:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q wrk; }

bench: $(BIN)/.installed system-deps bench-deps
	$(BIN)/python bench/transitions.py
	$(BIN)/python bench/load.py
	@if $(BIN)/python -m tests.support.pg_available "$(PG_URL)"; then \
		$(BIN)/python bench/transitions.py --postgres "$(PG_URL)" && \
		$(BIN)/python bench/load.py --postgres "$(PG_URL)"; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
