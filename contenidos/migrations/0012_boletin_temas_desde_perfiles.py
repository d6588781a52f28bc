"""Boletín editions and subscribers get topics from the profiles they had.

Each profile maps to the topics its guide covers. "Público en general" (or no profile) maps to
no topic, which means "everything": an edition for the general public goes to everyone and a
subscriber interested in the general public gets every edition. Any two that shared a profile
share a topic afterwards, so no subscriber stops receiving an edition they would have received.
The profile data stays where it was.
"""

from django.db import migrations

TEMAS_DE_PERFIL = {
    "potencial": ["empleo-exterior", "tramites-visas", "estafas-trata", "estudios-certificacion"],
    "emigrante": ["derechos-laborales", "convenios-seguridad-social", "remesas", "tramites-visas"],
    "retornado": ["retorno", "convenios-seguridad-social", "estudios-certificacion"],
    "extranjero": ["trabajo-en-peru", "tramites-visas"],
    "andino": ["trabajo-en-peru", "tramites-visas"],
}


def temas_de(perfiles, temas_por_codigo) -> list:
    if not perfiles or "publico" in perfiles:
        return []
    codigos = {c for p in perfiles for c in TEMAS_DE_PERFIL.get(p, [])}
    return [temas_por_codigo[c] for c in sorted(codigos) if c in temas_por_codigo]


def perfiles_a_temas(apps, schema_editor):
    Tema = apps.get_model("contenidos", "Tema")
    temas_por_codigo = {t.codigo: t.pk for t in Tema.objects.all()}
    for nombre in ("Boletin", "Suscriptor"):
        modelo = apps.get_model("contenidos", nombre)
        for fila in modelo.objects.exclude(perfiles="").only("pk", "perfiles").iterator():
            temas = temas_de(list(fila.perfiles or []), temas_por_codigo)
            if temas:
                fila.temas.set(temas)


class Migration(migrations.Migration):
    dependencies = [("contenidos", "0011_boletin_por_temas")]

    operations = [migrations.RunPython(perfiles_a_temas, migrations.RunPython.noop)]
