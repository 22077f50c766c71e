# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install install-dev lint messages serve screenshots clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make run: install, migrate the embedded SQLite database, load the seed, serve.
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bootstrap
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: install the test requirements and run the whole suite.
test: $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_ARGS)

## make serve: the production settings locally (gunicorn + WhiteNoise), SQLite or DATABASE_URL,
## over plain http://127.0.0.1:$(PORT): no TLS redirect, cookies without the Secure flag, and a
## secret key generated once into .venv/ unless DJANGO_SECRET_KEY is set. Behind TLS, use the
## Deploy section of the README instead.
SERVE_ENV = DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(VENV)/.serve-secret-key)}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_SITE_URL="$${DJANGO_SITE_URL:-http://127.0.0.1:$(PORT)}" \
	DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-False}" \
	DJANGO_SECURE_COOKIES="$${DJANGO_SECURE_COOKIES:-False}" \
	GUNICORN_WORKERS="$${GUNICORN_WORKERS:-3}"

$(VENV)/.serve-secret-key: | $(VENV)/bin/python
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: $(VENV)/.installed $(VENV)/.serve-secret-key
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(PY) manage.py migrate --noinput
	$(SERVE_ENV) $(PY) manage.py createcachetable
	$(SERVE_ENV) $(PY) manage.py bootstrap
	$(SERVE_ENV) $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

## make screenshots: refresh the README's pictures from the browser tests.
screenshots: $(VENV)/.installed-dev
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/e2e -q

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## make messages: refresh the Chinese interface strings and compile them.
messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages --locale zh_Hans --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
