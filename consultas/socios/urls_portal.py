from django.urls import path

from consultas.socios import views

app_name = "portal_socios"

# Outside i18n_patterns: a stable address for partners' pages.
urlpatterns = [
    path("insignia.svg", views.insignia, name="insignia"),
]
