from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from infomigra import idioma, views
from infomigra.cuentas import csp

urlpatterns = [
    path("salud/", views.salud, name="salud"),
    path("csp-informe/", csp.informe, name="csp_informe"),
    path("admin/", admin.site.urls),
    path("cuentas/", include("infomigra.cuentas.urls")),
    path("cuentas/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", idioma.cambiar_idioma, name="set_language"),
    path("gestion/", include("consultas.urls")),
    path("gestion/faq/", include("faq.urls_gestion")),
    path("gestion/contenidos/", include("contenidos.urls_gestion")),
]

urlpatterns += i18n_patterns(
    # The partners' badge: /insignia.svg stays where partners' pages point; /en/insignia.svg.
    path("", include("consultas.socios.urls_portal")),
    path("", include("consultas.remotas.urls_publicas")),
    path("", include("consultas.talleres.urls_portal")),
    path("", include("consultas.retornados.urls_portal")),
    path("", include("contenidos.urls")),
    path("preguntas-frecuentes/", include("faq.urls")),
    prefix_default_language=False,
)
handler500 = "infomigra.views.error_servidor"
