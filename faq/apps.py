from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Preguntas frecuentes")

    def ready(self):
        from contenidos import extensiones
        from faq.integracion import buscar_preguntas, preguntas_de_guia, textos_publicados

        extensiones.registrar_busqueda(_("Preguntas frecuentes"), buscar_preguntas)
        extensiones.registrar_relacionados(preguntas_de_guia)
        extensiones.registrar_textos(textos_publicados)

        # Cached portal pages list FAQ entries: publishing or editing one redraws them.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from contenidos.senales import invalidar
        from faq.models import Pregunta

        post_save.connect(invalidar, sender=Pregunta, dispatch_uid="faq-invalidar")
        post_delete.connect(invalidar, sender=Pregunta, dispatch_uid="faq-borrar")
        m2m_changed.connect(
            invalidar, sender=Pregunta.perfiles.through, dispatch_uid="faq-perfiles"
        )
