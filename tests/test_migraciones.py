from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    salida = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=salida, stderr=salida)
    except SystemExit as exc:  # raised when a migration is missing
        pytest.fail(f"Faltan migraciones:\n{salida.getvalue()}\n(código {exc.code})")
