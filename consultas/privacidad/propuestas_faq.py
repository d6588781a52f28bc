"""The consultation behind an FAQ proposal, for the FAQ app (registered in ``faq.origenes``):
only a consultation the user may see, answered and not anonymised."""

from consultas.models import Consulta


def origen_para(usuario, codigo):
    if not usuario.has_perm("consultas.view_consulta"):
        return None  # an Editor works on the FAQ, not on consultations
    consulta = (
        Consulta.objects.visibles_para(usuario)
        .filter(codigo=codigo, anonimizada=False)
        .exclude(respuesta="")
        .prefetch_related("temas")
        .first()
    )
    if consulta is None:
        return None
    tema = next(iter(consulta.temas.all()), None)
    return {
        "codigo": consulta.codigo,
        "resumen": consulta.resumen,
        "respuesta": consulta.respuesta,
        "tema": tema.codigo if tema else "otros",
        "perfil": consulta.tipo_migrante,
        "nombres": [consulta.nombre],
    }
