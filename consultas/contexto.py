CLAVE_SEDES = "sedes_publicas:2"


def sedes_publicas():
    """Active offices (name, address, hours, phone) for the portal's "where we attend"; cached."""
    from django.core.cache import cache

    from consultas.models import Sede

    def leer():
        filas = list(
            Sede.objects.filter(activa=True).values("nombre", "direccion", "horario", "telefono")
        )
        for fila in filas:
            fila["tel"] = enlace_tel(fila["telefono"])
        return filas

    return cache.get_or_set(CLAVE_SEDES, leer, 300)


def enlace_tel(numero: str) -> str:
    """A tel: URI from a number as people write it ("(01) 630-6000" → "tel:016306000")."""
    digitos = "".join(c for c in numero if c.isdigit())
    if not digitos:
        return ""
    return "tel:" + ("+" if numero.strip().startswith("+") else "") + digitos


def sedes(request):
    return {"sedes_publicas": sedes_publicas}
