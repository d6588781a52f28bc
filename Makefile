# INFOMIGRA — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
HOST ?= 127.0.0.1
PORT ?= 8000

# Local demo run: production path (gunicorn + whitenoise, DEBUG off) over plain HTTP on loopback.
# Mail goes to files in correo-demo/ (a local sink: nothing leaves the machine) unless
# EMAIL_BACKEND is set; the demo service mailbox is a reserved .invalid address.
RUN_ENV = SECRET_KEY="$$(cat .secret_key)" ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SITE_URL="http://$(HOST):$(PORT)" HTTPS="$${HTTPS:-0}" \
	EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}" \
	EMAIL_FILE_PATH="$${EMAIL_FILE_PATH:-$(CURDIR)/correo-demo}" \
	SERVICIO_CORREO="$${SERVICIO_CORREO:-infomigra@demo.invalid}"

.PHONY: run test test-rapido lint format messages venv clean

venv: $(STAMP)

# The hashed lock (requirements-test.txt, from pyproject.toml with pip-tools), then the project.
$(STAMP): pyproject.toml requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

.secret_key:
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

run: $(STAMP) .secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Portal: http://$(HOST):$(PORT)/   Gestión: http://$(HOST):$(PORT)/gestion/"
	@echo "(Otra dirección o puerto: make run HOST=0.0.0.0 PORT=8080)"
	$(RUN_ENV) $(BIN)/python manage.py cargar_demo --demo
	$(RUN_ENV) $(BIN)/gunicorn infomigra.wsgi --bind $(HOST):$(PORT) --workers 2 --log-level warning

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY="$${SECRET_KEY:-clave-solo-para-pruebas}" DATABASE_POOL="$${DATABASE_POOL:-0}" \
		$(BIN)/pytest $(PYTEST_ARGS)

# The inner loop: lint, then every test that starts no process or server (about a minute).
test-rapido: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY="$${SECRET_KEY:-clave-solo-para-pruebas}" DATABASE_POOL="$${DATABASE_POOL:-0}" \
		$(BIN)/pytest -m "not sistema and not browser" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=staticfiles
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles

# Backups: `make backup` writes respaldos/infomigra-<date>.{dump,sqlite3};
# `make restore ARCHIVO=respaldos/…` restores one into DATABASE_URL (asks for confirmation).
BACKUP_ENV = SECRET_KEY="$${SECRET_KEY:-solo-para-respaldos}"

.PHONY: backup restore

backup:
	$(BACKUP_ENV) $(BIN)/python manage.py respaldo

restore:
	@test -n "$(ARCHIVO)" || { echo "Uso: make restore ARCHIVO=respaldos/archivo"; exit 2; }
	$(BACKUP_ENV) $(BIN)/python manage.py restaurar "$(ARCHIVO)"
