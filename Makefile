# Every target uses the project's own virtual environment in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Tests run on PostgreSQL, as production does; override to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
# The suite runs in two processes (pytest-xdist), each with its own test databases.
TEST_WORKERS ?= 2
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-dev run serve demo test test-browser lint format check deploy-check ci bench bench-stack clean

# Running the site needs only the runtime dependencies; tests, lint and benchmarks add the
# dev extras (Playwright, schemathesis, moto, …), which would slow a first `make run`.
$(BIN)/django-admin: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(BIN)/django-admin pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/django-admin

install-dev: $(VENV)/.dev-installed

## Install, migrate, load the demo desk and serve it at http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set)
run: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py load_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo

## The production stack in the foreground on http://$(HOST):$(PORT): nginx → Varnish → gunicorn (Ctrl-C stops all)
# Debian packages: nginx varnish varnish-modules (libnginx-mod-http-brotli-filter optional).
# Secure cookies are off unless set: a local trial signs in over plain HTTP on loopback.
serve: export DJANGO_DEBUG = false
serve: install
	$(BIN)/python manage.py collectstatic --no-input -v 0
	$(BIN)/python manage.py migrate --no-input
	CACHE_URL=$${CACHE_URL:-redis://127.0.0.1:6379/1} \
	DJANGO_SECURE_COOKIES=$${DJANGO_SECURE_COOKIES:-false} \
	STACK_HOST=$${STACK_HOST:-$(HOST)} STACK_HTTP_PORT=$${STACK_HTTP_PORT:-$(PORT)} \
		$(BIN)/python deploy/stack.py serve

## The whole test suite, browser tests included
test: install-dev
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m pytest -n $(TEST_WORKERS) $(ARGS)

test-browser: install-dev
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(BIN)/python -m pytest -m browser $(ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	git ls-files 'templates/*.html' | xargs $(BIN)/djhtml --check
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files 'templates/*.html' | xargs $(BIN)/djhtml

check: install-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## Django's deployment checklist with production-like values
deploy-check: install-dev
	DJANGO_DEBUG=false DJANGO_SECRET_KEY=$$(openssl rand -hex 40) DJANGO_ALLOWED_HOSTS=news.example.org DJANGO_SECURE_SSL_REDIRECT=true \
		SITE_URL=https://news.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

ci: lint check deploy-check test

## Queries and speed ratios of the public pages on a large desk (by hand, not in CI)
bench: install-dev
	$(BIN)/python benchmarks/pages.py $(ARGS)

## Cached, uncached and purge-to-fresh speed through the real stack (by hand, not in CI)
bench-stack: install-dev
	$(BIN)/python benchmarks/stack.py $(ARGS)

clean:
	rm -rf $(VENV) staticfiles build .pytest_cache .ruff_cache
