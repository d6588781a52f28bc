"""Language of the pages outside the portal's language prefixes (back office, login, admin).

With ``i18n_patterns(prefix_default_language=False)`` Django's LocaleMiddleware serves every
unprefixed path in LANGUAGE_CODE, so /gestion/ could never be shown in English. The back office
has no language prefix: there the language comes from the ``django_language`` cookie (set by the
language switcher) or the browser's Accept-Language header, as Django does without i18n_patterns.
"""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import LocalePrefixPattern, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


@cache
def prefijos_sin_idioma(urlconf) -> tuple[str, ...]:
    """Path prefixes of the root URLconf entries that are not under ``i18n_patterns``."""
    prefijos = []
    for patron in get_resolver(urlconf).url_patterns:
        if isinstance(patron.pattern, LocalePrefixPattern):
            continue
        if isinstance(patron.pattern, RoutePattern) and str(patron.pattern):
            prefijos.append("/" + str(patron.pattern))
    return tuple(prefijos)


class IdiomaDeGestionMiddleware:
    """Activate the cookie/Accept-Language language on unprefixed, non-portal paths.

    Goes right after LocaleMiddleware, which has already activated LANGUAGE_CODE there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if request.path_info.startswith(prefijos_sin_idioma(urlconf)):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


def idioma_de_ruta(ruta: str) -> str:
    """The language a portal path is in: its prefix (/en/…), else the default language."""
    return translation.get_language_from_path(urlsplit(ruta).path) or settings.LANGUAGE_CODE


@require_POST
def cambiar_idioma(request):
    """Django's set_language, translating ``next`` from the language *it* is in.

    set_language maps ``next`` to the new language by resolving it in the active language. On
    /i18n/ that is the browser's language, so from an English browser "/" did not resolve
    (English portal paths start with /en/), ``next`` stayed "/" and the person was sent back
    to the Spanish page.
    """
    siguiente = request.POST.get("next") or request.GET.get("next") or "/"
    with translation.override(idioma_de_ruta(siguiente)):
        return set_language(request)


def idioma_activo() -> str:
    """The active language when it is one the site offers, else the default language (what a
    person's mails are written in when they act on a portal page)."""
    actual = (translation.get_language() or "").split("-")[0]
    return actual if actual in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
