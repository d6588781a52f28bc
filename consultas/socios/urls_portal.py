from django.urls import path

from consultas.socios import views

app_name = "portal_socios"

# Inside i18n_patterns: /insignia.svg (Spanish, the address partners already use) and
# /en/insignia.svg.
urlpatterns = [
    path("insignia.svg", views.insignia, name="insignia"),
]
