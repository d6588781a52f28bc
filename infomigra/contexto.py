from django.conf import settings
from django.urls import translate_url
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django_countries import countries

from infomigra.idioma import prefijos_sin_idioma


def servicio(request):
    """The service's identity for every template (white label: all from settings)."""
    socios = [countries.name(codigo) for codigo in settings.SERVICIO_PAISES_SOCIOS]
    return {
        "SERVICIO_NOMBRE": settings.SERVICIO_NOMBRE,
        "SERVICIO_ENTIDAD": settings.SERVICIO_ENTIDAD,
        "SERVICIO_CORREO": settings.SERVICIO_CORREO,
        "SERVICIO_LOGO": settings.SERVICIO_LOGO,
        "SERVICIO_PAIS_NOMBRE": countries.name(settings.SERVICIO_PAIS),
        "SERVICIO_SOCIOS_NOMBRES": get_text_list(socios, _("o")),
        "SERVICIO_LINEA_TRATA": settings.SERVICIO_LINEA_TRATA,
        # Facts of the personal-data bank (Ley N° 29733, DS 016-2024-JUS), from settings.
        "PRIVACIDAD": {
            "banco": settings.PRIVACIDAD_BANCO_NOMBRE,
            "registro": settings.PRIVACIDAD_BANCO_REGISTRO,
            "direccion": settings.PRIVACIDAD_DIRECCION,
            "encargados": settings.PRIVACIDAD_ENCARGADOS,
            "oficial": settings.PRIVACIDAD_OFICIAL_CONTACTO,
        },
    }


def idiomas(request):
    """On portal pages (language in the URL) the switcher is plain links: no form, no cookie."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    if request.path_info.startswith(prefijos_sin_idioma(urlconf)):
        return {"enlaces_idioma": None}
    return {
        "enlaces_idioma": [
            (codigo, nombre, translate_url(request.path, codigo))
            for codigo, nombre in settings.LANGUAGES
        ]
    }
