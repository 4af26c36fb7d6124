# policyarchive: `make run` (or `make run PORT=8001`) to look around, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)
DEV := DJANGO_DEBUG=1
CHROMIUM := /usr/bin/chromium
PORT ?= 8000

.PHONY: venv run test test-postgres test-sqlite bench bench-import bench-pages bench-search bench-hostile bench-fidelity chromium clean serve loadtest faulttest wrk redis

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

run: venv
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py import_seeds
	@echo ""
	@echo "  The archive:  http://127.0.0.1:$(PORT)/"
	@echo "  The admin:    http://127.0.0.1:$(PORT)/admin/"
	@echo "  An editor account:  $(DEV) $(BIN)/python manage.py create_editor NAME"
	@echo "  (a superuser:       $(DEV) $(BIN)/python manage.py createsuperuser)"
	@echo ""
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium, with a Chinese font so that the screenshots show the
# Chinese texts; install them once when they are missing.
CJK_FONT = /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
chromium:
	@if [ ! -x $(CHROMIUM) ] || [ ! -e $(CJK_FONT) ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; fi; \
	fi

# The whole suite on PostgreSQL (browser tests included), then again on the embedded SQLite
# default, but for the browser tests and the production settings, which require PostgreSQL.
# pytest's exit status 5 (nothing collected) fails the target like any other non-zero status.
# Each pass runs on every core, up to 4 workers (pytest-xdist; each worker has its own test
# database and live server); WORKERS=0 runs it in one process.
WORKERS ?= auto
XDIST = -n $(WORKERS) --maxprocesses=4

test: test-postgres test-sqlite

test-postgres: venv chromium
	.ci/with-postgres $(BIN)/python -m pytest $(XDIST)

test-sqlite: venv
	@mkdir -p artifacts && rm -f artifacts/test-sqlite.sqlite3*
	DATABASE_URL=sqlite:///$(CURDIR)/artifacts/test-sqlite.sqlite3 $(BIN)/python -m pytest $(XDIST) -m "not browser" --ignore=tests/production

# Each benchmark prints ours against a baseline measured in the same run (ratios), see README.
bench: bench-import bench-pages bench-search bench-hostile bench-fidelity

bench-import: venv
	.ci/with-postgres $(BIN)/python bench/import_bench.py

bench-pages: venv
	.ci/with-postgres $(BIN)/python bench/pages_bench.py

bench-search: venv
	.ci/with-postgres $(BIN)/python bench/search_bench.py

# Every import stage on hostile inputs at n and 10n characters: each ratio must stay under 15.
bench-hostile: venv
	.ci/with-postgres $(BIN)/python bench/hostile_bench.py

# The importer against a cataloguer's labels on tests/fixtures/realworld/, beside a naive importer.
bench-fidelity: venv
	$(BIN)/python bench/fidelity.py

# Production serving: gunicorn (policyarchive/gunicorn.py: 2 workers per core + 1, 127.0.0.1:$$PORT,
# JSON logs) with the production settings; DJANGO_SECRET_KEY, DATABASE_URL and DJANGO_ALLOWED_HOSTS
# come from the environment (REDIS_URL too, optionally). MIGRATE=0 on all hosts but one.
PROD := DJANGO_SETTINGS_MODULE=policyarchive.settings.production
MIGRATE ?= 1

serve: venv
	$(PROD) $(BIN)/python manage.py check --deploy --fail-level WARNING
	@if [ "$(MIGRATE)" = 1 ]; then $(PROD) $(BIN)/python manage.py migrate --noinput; fi
	$(PROD) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(PROD) exec $(BIN)/gunicorn -c python:policyarchive.gunicorn policyarchive.wsgi:application

# The load generator (wrk) and the cache server the tests start privately (redis-server) are
# Debian's; each is installed once when it is missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
wrk:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

redis:
	@command -v redis-server >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }

# 10,000 documents, mixed reads: page cache off, then on, each quiet and with an import (4 × 20 s).
loadtest: venv wrk redis
	.ci/with-postgres $(BIN)/python bench/loadtest.py

# PostgreSQL restarted, an import killed, Redis killed: each on a throwaway cluster, each bounded.
faulttest: venv redis
	$(BIN)/python bench/faults.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles artifacts .pytest_cache
