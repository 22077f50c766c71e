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

## make serve: the production settings locally (gunicorn + WhiteNoise), SQLite or DATABASE_URL.
serve: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py bootstrap
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/gunicorn -c config/gunicorn.py config.wsgi

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
