"""Language of the pages outside the portal's language prefixes (back office, login, admin).

With ``i18n_patterns(prefix_default_language=False)`` Django's LocaleMiddleware serves every
unprefixed path in LANGUAGE_CODE, so /gestion/ could never be shown in English. The back office
has no language prefix: there the language comes from the ``django_language`` cookie (set by the
language switcher) or the browser's Accept-Language header, as Django does without i18n_patterns.
"""

from functools import cache

from django.conf import settings
from django.urls import LocalePrefixPattern, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import translation


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
