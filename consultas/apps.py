from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultasConfig(AppConfig):
    name = "consultas"
    verbose_name = _("Consultas")

    def ready(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
            pre_save,
        )

        from consultas.estadisticas import resumen
        from consultas.models import Consulta
        from contenidos.models import Tema

        pre_save.connect(resumen.antes_de_guardar, sender=Consulta, dispatch_uid="resumen-g0")
        post_save.connect(resumen.al_guardar, sender=Consulta, dispatch_uid="resumen-g1")
        post_delete.connect(resumen.al_borrar_consulta, sender=Consulta, dispatch_uid="resumen-c")
        m2m_changed.connect(
            resumen.al_cambiar_temas, sender=Consulta.temas.through, dispatch_uid="resumen-temas"
        )
        pre_delete.connect(resumen.antes_de_borrar_tema, sender=Tema, dispatch_uid="resumen-t0")
        post_delete.connect(resumen.al_borrar_tema, sender=Tema, dispatch_uid="resumen-t1")

        # Offices appear on portal pages (cached): a change redraws them.
        from consultas.models import Sede

        post_save.connect(_sedes_cambiaron, sender=Sede, dispatch_uid="sedes-cambiaron")
        post_delete.connect(_sedes_cambiaron, sender=Sede, dispatch_uid="sedes-borradas")


def _sedes_cambiaron(sender=None, **kwargs):
    from django.core.cache import cache

    from consultas.contexto import CLAVE_SEDES
    from contenidos.senales import invalidar

    cache.delete(CLAVE_SEDES)
    invalidar()
