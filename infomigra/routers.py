"""Send report reads to the read replica (when one is configured) inside ``lectura_replica()``."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_usar_replica: ContextVar[bool] = ContextVar("usar_replica", default=False)


@contextmanager
def lectura_replica():
    """Reads inside this block go to the replica, if configured; writes always go to default."""
    token = _usar_replica.set(True)
    try:
        yield
    finally:
        _usar_replica.reset(token)


class RouterReplica:
    def db_for_read(self, model, **hints):
        if _usar_replica.get() and "replica" in settings.DATABASES:
            return "replica"
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
