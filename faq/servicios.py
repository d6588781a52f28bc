"""FAQ services: promotion from consultations, advisor uses, votes and the coverage report."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from contenidos.models import Tema
from faq.models import Perfil, Pregunta

LARGO_PREGUNTA = Pregunta._meta.get_field("pregunta").max_length


@transaction.atomic
def proponer_desde_consulta(codigo, resumen, respuesta, tema, perfil=None):
    """Create an unpublished draft from an answered consultation, for an Editor to review.

    ``tema`` is a ``Tema`` or its code; ``perfil`` a profile code, a list of codes or None.
    A consultation already proposed returns its existing entry instead of a duplicate.
    """
    existente = Pregunta.objects.filter(consulta_origen=codigo).first()
    if existente is not None:
        return existente
    if not isinstance(tema, Tema):
        tema = Tema.objects.get(codigo=tema)
    texto = " ".join((resumen or "").split())
    if len(texto) > LARGO_PREGUNTA:
        texto = texto[: LARGO_PREGUNTA - 1].rsplit(" ", 1)[0] + "…"
    pregunta = Pregunta.objects.create(
        pregunta=texto,
        respuesta=(respuesta or "").strip(),
        tema=tema,
        publicada=False,
        consulta_origen=codigo,
    )
    codigos = [perfil] if isinstance(perfil, str) else list(perfil or [])
    if codigos:
        pregunta.perfiles.set(Perfil.objects.filter(codigo__in=codigos))
    return pregunta


def registrar_uso(pregunta_id) -> bool:
    """Count one use of an entry by an advisor (atomic increment); False when it is unknown."""
    return bool(Pregunta.objects.filter(pk=pregunta_id).update(usos=F("usos") + 1))


def registrar_voto(pregunta_id, util: bool) -> None:
    campo = "votos_utiles" if util else "votos_no_utiles"
    Pregunta.objects.filter(pk=pregunta_id).update(**{campo: F(campo) + 1})


@dataclass
class FilaCobertura:
    tema: Tema
    consultas: int
    preguntas: int
    porcentaje_consultas: float
    porcentaje_preguntas: float
    # Share of consultations minus share of published entries, in percentage points.
    brecha: float

    @property
    def consultas_por_pregunta(self) -> float | None:
        return round(self.consultas / self.preguntas, 1) if self.preguntas else None

    @property
    def sin_preguntas(self) -> bool:
        return self.consultas > 0 and self.preguntas == 0


def _parte(cantidad, total) -> float:
    return 100 * cantidad / total if total else 0.0


def cobertura(dias=90, ahora=None) -> list[FilaCobertura]:
    """Active topics ranked by consultations received in the last ``dias`` days, against
    published FAQ entries. Counted through ``Tema`` (its reverse relations), two small queries
    instead of one double join that would multiply rows."""
    desde = (ahora or timezone.now()) - timedelta(days=dias)
    temas = list(Tema.objects.activos())
    consultas = dict(
        Tema.objects.activos()
        .annotate(n=Count("consultas", filter=Q(consultas__recibida__gte=desde)))
        .values_list("pk", "n")
    )
    preguntas = dict(
        Tema.objects.activos()
        .annotate(n=Count("preguntas", filter=Q(preguntas__publicada=True)))
        .values_list("pk", "n")
    )
    total_consultas = sum(consultas.values())
    total_preguntas = sum(preguntas.values())
    filas = []
    for tema in temas:
        n_consultas, n_preguntas = consultas.get(tema.pk, 0), preguntas.get(tema.pk, 0)
        parte_consultas = _parte(n_consultas, total_consultas)
        parte_preguntas = _parte(n_preguntas, total_preguntas)
        filas.append(
            FilaCobertura(
                tema=tema,
                consultas=n_consultas,
                preguntas=n_preguntas,
                porcentaje_consultas=round(parte_consultas, 1),
                porcentaje_preguntas=round(parte_preguntas, 1),
                brecha=round(parte_consultas - parte_preguntas, 1),
            )
        )
    filas.sort(key=lambda f: (-f.consultas, -f.brecha, f.tema.orden))
    return filas
