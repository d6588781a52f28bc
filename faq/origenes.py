"""Where FAQ proposals come from: the back office registers a provider (``consultas`` is a higher
layer, so ``faq`` cannot import it) that answers, for a user and a consultation code, the texts
that user may propose, or None when the consultation is not theirs to see or does not exist."""

_proveedor = None


def registrar(funcion):
    """``funcion(usuario, codigo) -> dict | None`` with codigo, resumen, respuesta, tema, perfil
    and nombres (the person's names, to redact)."""
    global _proveedor
    _proveedor = funcion


def origen(usuario, codigo):
    if _proveedor is None or not codigo:
        return None
    return _proveedor(usuario, codigo)
