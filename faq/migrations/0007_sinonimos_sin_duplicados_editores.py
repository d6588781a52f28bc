"""Merge synonym entries whose terms are the same words for the search («mamá» and «mama»).

The engine is accent- and case-blind, so such entries only repeat each other; the back-office
form now refuses a new one. The entry created first keeps the union of the equivalents."""

from django.db import migrations

from faq.motor.texto import palabras


def fusionar(apps, schema_editor):
    Sinonimo = apps.get_model("faq", "Sinonimo")
    primeros = {}
    for sinonimo in Sinonimo.objects.order_by("pk"):
        forma = tuple(palabras(sinonimo.termino))
        primero = primeros.setdefault(forma, sinonimo)
        if primero is sinonimo:
            continue
        equivalentes = [e.strip() for e in primero.equivalentes.split(",") if e.strip()]
        vistas = {tuple(palabras(e)) for e in equivalentes}
        for parte in sinonimo.equivalentes.split(","):
            if parte.strip() and tuple(palabras(parte)) not in vistas | {forma}:
                equivalentes.append(parte.strip())
                vistas.add(tuple(palabras(parte)))
        unidos = ", ".join(equivalentes)
        if len(unidos) <= 300:
            primero.equivalentes = unidos
            primero.activo = primero.activo or sinonimo.activo
            primero.save(update_fields=["equivalentes", "activo"])
            sinonimo.delete()


class Migration(migrations.Migration):
    dependencies = [("faq", "0006_sembrar_sinonimos_reindexar")]

    operations = [migrations.RunPython(fusionar, migrations.RunPython.noop)]
