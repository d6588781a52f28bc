from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorreoConfig(AppConfig):
    """The one outgoing-mail queue of every app (see ``infomigra.correo.cola``)."""

    name = "infomigra.correo"
    label = "correo"
    verbose_name = _("Correo saliente")
