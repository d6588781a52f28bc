"""The yardstick for bench/portal.py: a bare Django app with no middleware and one view that
returns the bytes of a file (the portal's home page, saved by the bench).

    BENCH_CUERPO=/tmp/inicio.html gunicorn --chdir bench app_minima:application
"""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="solo-para-el-banco-de-pruebas",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

with open(os.environ["BENCH_CUERPO"], "rb") as archivo:
    CUERPO = archivo.read()


def pagina(request):
    return HttpResponse(CUERPO, content_type="text/html; charset=utf-8")


urlpatterns = [path("", pagina)]
application = get_wsgi_application()
