from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContenidosConfig(AppConfig):
    name = "contenidos"
    verbose_name = _("Contenidos del portal")

    def ready(self):
        from contenidos import senales

        senales.conectar()
