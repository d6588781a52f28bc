from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CuentasConfig(AppConfig):
    """Staff accounts: roles (groups with permissions), two-factor authentication, sessions and
    backups. Has no models of its own."""

    name = "infomigra.cuentas"
    label = "cuentas"
    verbose_name = _("Cuentas")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from infomigra.cuentas import comprobaciones  # noqa: F401 (registers the checks)
        from infomigra.cuentas.roles import sincronizar_roles
        from infomigra.seguridad import marcar_inicio_de_sesion

        post_migrate.connect(sincronizar_roles, dispatch_uid="cuentas.sincronizar_roles")
        user_logged_in.connect(marcar_inicio_de_sesion, dispatch_uid="infomigra.inicio_de_sesion")
