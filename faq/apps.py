from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Preguntas frecuentes")

    def ready(self):
        from contenidos import extensiones
        from faq import views_sitio
        from faq.integracion import preguntas_de_guia, textos_publicados

        extensiones.registrar_vista_busqueda(views_sitio.buscar)
        extensiones.registrar_relacionados(preguntas_de_guia)
        extensiones.registrar_textos(textos_publicados)

        from contenidos import editorial
        from faq.models import Pregunta

        editorial.registrar(
            editorial.TipoEditable(
                "preguntas",
                Pregunta,
                _("Preguntas frecuentes"),
                ["pregunta", "tema", "respuesta", "fuente"],
                orden=30,
                campo_titulo="pregunta",
                campo_markdown="respuesta",
                campo_publicado="publicada",
                nivel_titulos=3,
            )
        )

        from django.db.models.signals import post_migrate

        from faq.motor.indice_sqlite import asegurar_indice

        post_migrate.connect(asegurar_indice, sender=self, dispatch_uid="faq-indice-sqlite")

        # Cached portal pages list FAQ entries: publishing or editing one redraws them.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from contenidos.senales import invalidar

        post_save.connect(invalidar, sender=Pregunta, dispatch_uid="faq-invalidar")
        # Synonyms change what every search answers: cached search pages are redrawn.
        from faq.models import Sinonimo

        post_save.connect(invalidar, sender=Sinonimo, dispatch_uid="faq-sinonimo")
        post_delete.connect(invalidar, sender=Sinonimo, dispatch_uid="faq-sinonimo-borrado")
        post_delete.connect(invalidar, sender=Pregunta, dispatch_uid="faq-borrar")
        m2m_changed.connect(
            invalidar, sender=Pregunta.perfiles.through, dispatch_uid="faq-perfiles"
        )
