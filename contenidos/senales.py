"""Saving or deleting portal content moves the cache generation, so cached pages are redrawn."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from contenidos import models

MODELOS_CACHEADOS = (
    models.Guia,
    models.PaisGuia,
    models.Video,
    models.Boletin,
    models.Institucion,
    models.Convenio,
    models.Pagina,
    models.Alerta,
    models.Tema,
)


def invalidar(sender=None, **kwargs):
    from contenidos.cache import almacen

    models.VersionPortal.avanzar()
    almacen.olvidar()  # this process sees its own edit at once; the others within a second


def conectar():
    for modelo in MODELOS_CACHEADOS:
        post_save.connect(invalidar, sender=modelo, dispatch_uid=f"invalidar-{modelo.__name__}")
        post_delete.connect(invalidar, sender=modelo, dispatch_uid=f"borrar-{modelo.__name__}")
    m2m_changed.connect(invalidar, sender=models.Guia.temas.through, dispatch_uid="guia-temas")
    m2m_changed.connect(
        invalidar, sender=models.Boletin.temas.through, dispatch_uid="boletin-temas"
    )
