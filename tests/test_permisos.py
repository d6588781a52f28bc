"""Permission matrix: every URL pattern of the project, once, with the expected answer per role.

A new URL without an entry here fails ``test_every_url_pattern_has_an_entry``. Object URLs use a
consultation of office A, so the Asesor of office B must get 404 (not 403). Django admin is one
entry: its own views are gated by ``is_staff`` and model permissions.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

ANON, A, B, RESP, EDIT = "anonimo", "asesor_a", "asesor_b", "responsable", "editor"
LOGIN = "login"  # anonymous → redirect to /cuentas/login/


def esperado(anonimo, asesor_a, asesor_b, responsable, editor):
    return {ANON: anonimo, A: asesor_a, B: asesor_b, RESP: responsable, EDIT: editor}


SOLO_RESPONSABLE = esperado(LOGIN, 403, 403, 200, 403)
PERSONAL = esperado(LOGIN, 200, 200, 200, 200)
PUBLICO = esperado(200, 200, 200, 200, 200)
REPORTES = esperado(LOGIN, 200, 200, 200, 403)
CONSULTAS = esperado(LOGIN, 200, 200, 200, 403)
DE_SEDE_A = esperado(LOGIN, 200, 404, 200, 403)
SOLO_EDITOR = esperado(LOGIN, 403, 403, 403, 200)

# URL name → (path, method, expected answers). ``{consulta}`` is a consultation of office A,
# ``{usuario}`` the Asesor of office A.
MATRIZ = {
    "salud": ("/salud/", "get", PUBLICO),
    # Browsers post violation reports here; an empty body is refused.
    "csp_informe": ("/csp-informe/", "post", esperado(400, 400, 400, 400, 400)),
    "admin:index": ("/admin/", "get", esperado(302, 302, 302, 302, 200)),
    "login": ("/cuentas/login/", "get", PUBLICO),
    "logout": ("/cuentas/logout/", "post", esperado(302, 302, 302, 302, 302)),
    "set_language": ("/i18n/setlang/", "post", esperado(302, 302, 302, 302, 302)),
    "portal:inicio": ("/", "get", PUBLICO),
    "gestion:inicio": ("/gestion/", "get", PERSONAL),
    "gestion:reporte_mensual": ("/gestion/reportes/mensual/", "get", REPORTES),
    "gestion:reporte_csv": ("/gestion/reportes/mensual/reporte.csv", "get", REPORTES),
    "gestion:reporte_xlsx": ("/gestion/reportes/mensual/reporte.xlsx", "get", REPORTES),
    "gestion:reporte_diario": ("/gestion/reportes/diario/", "get", REPORTES),
    "gestion:reporte_dia": ("/gestion/reportes/diario/2026-11-02/", "get", REPORTES),
    "gestion:auditoria": ("/gestion/auditoria/", "get", SOLO_RESPONSABLE),
    "gestion:datos_personales": ("/gestion/datos-personales/", "get", SOLO_RESPONSABLE),
    "doble_factor_configurar": ("/cuentas/doble-factor/", "get", PERSONAL),
    # Every role has a confirmed device (2FA is required of all staff): the code form shows.
    "doble_factor_verificar": ("/cuentas/doble-factor/verificar/", "get", PERSONAL),
    "faq:lista": ("/preguntas-frecuentes/", "get", PUBLICO),
    "faq:detalle": ("/preguntas-frecuentes/{pregunta}/", "get", PUBLICO),
    "faq:votar": (
        "/preguntas-frecuentes/{pregunta}/votar/",
        "post",
        esperado(302, 302, 302, 302, 302),
    ),
    "faq_gestion:proponer": ("/gestion/faq/proponer/", "get", PERSONAL),
    "faq_gestion:cobertura": (
        "/gestion/faq/cobertura/",
        "get",
        esperado(LOGIN, 403, 403, 200, 200),
    ),
    "faq_gestion:usar": ("/gestion/faq/{pregunta_id}/usar/", "post", PERSONAL),
    "faq_gestion:busquedas": (
        "/gestion/faq/busquedas/",
        "get",
        esperado(LOGIN, 403, 403, 200, 200),
    ),
    # Search synonyms: Editors only (view, add, change, delete); ``{sinonimo}`` is one entry.
    "faq_gestion:sinonimos": ("/gestion/faq/sinonimos/", "get", SOLO_EDITOR),
    "faq_gestion:sinonimo_nuevo": ("/gestion/faq/sinonimos/nuevo/", "get", SOLO_EDITOR),
    "faq_gestion:sinonimo_editar": ("/gestion/faq/sinonimos/{sinonimo}/", "get", SOLO_EDITOR),
    "faq_gestion:sinonimo_borrar": (
        "/gestion/faq/sinonimos/{sinonimo}/borrar/",
        "get",
        SOLO_EDITOR,
    ),
    "faq:desde_busqueda": (
        "/preguntas-frecuentes/{pregunta}/desde-busqueda/?q=visa",
        "get",
        esperado(302, 302, 302, 302, 302),
    ),
    "contenidos_gestion:revision": (
        "/gestion/contenidos/revision/",
        "get",
        esperado(LOGIN, 403, 403, 200, 200),
    ),
    "portal:pagina": ("/paginas/base-legal/", "get", PUBLICO),
    "portal:guia_basica": ("/guia-basica/", "get", PUBLICO),
    "portal:guia_basica_pdf": ("/guia-basica.pdf", "get", PUBLICO),
    "portal:hoja": ("/perfil/retornado/hoja/", "get", PUBLICO),
    "portal:hoja_pdf": ("/perfil/retornado/hoja.pdf", "get", PUBLICO),
    "gestion:consultas": ("/gestion/consultas/", "get", esperado(LOGIN, 200, 200, 200, 403)),
    "gestion:consulta_nueva": (
        "/gestion/consultas/nueva/",
        "get",
        esperado(LOGIN, 200, 200, 200, 403),
    ),
    "gestion:consulta": (
        "/gestion/consultas/{consulta}/",
        "get",
        esperado(LOGIN, 200, 404, 200, 403),
    ),
    "gestion:consulta_editar": (
        "/gestion/consultas/{consulta}/editar/",
        "get",
        esperado(LOGIN, 200, 404, 200, 403),
    ),
    "gestion:consultas_importar": ("/gestion/consultas/importar/", "get", SOLO_RESPONSABLE),
    "gestion:consultas_csv": ("/gestion/consultas/exportar/", "get", SOLO_RESPONSABLE),
    "gestion:consultas_xlsx": ("/gestion/consultas/exportar.xlsx", "get", SOLO_RESPONSABLE),
    "portal:buscar": ("/buscar/?q=visa", "get", PUBLICO),
    "portal:perfil": ("/perfil/potencial/", "get", PUBLICO),
    "portal:paises": ("/paises/", "get", PUBLICO),
    "portal:pais": ("/paises/ES/", "get", PUBLICO),
    "portal:videos": ("/videos/", "get", PUBLICO),
    "portal:video": ("/videos/la-tarjeta-del-migrante-retornado/", "get", PUBLICO),
    "portal:boletines": ("/boletin/", "get", PUBLICO),
    "portal:boletin": ("/boletin/1/", "get", PUBLICO),
    "portal:boletin_suscribir": (
        "/boletin/suscribirse/",
        "post",
        esperado(400, 400, 400, 400, 400),
    ),
    "portal:boletin_revise_correo": ("/boletin/revise-su-correo/", "get", PUBLICO),
    # A forged token answers 400 with a Spanish explanation; an empty form 400 with field errors.
    "portal:boletin_confirmar": (
        "/boletin/confirmar/falso/",
        "get",
        esperado(400, 400, 400, 400, 400),
    ),
    "portal:boletin_baja": ("/boletin/baja/falso/", "get", esperado(404, 404, 404, 404, 404)),
    "portal:instituciones": ("/instituciones/", "get", PUBLICO),
    "portal:convenios": ("/instituciones/convenios/", "get", PUBLICO),
    "portal:acerca": ("/acerca/", "get", PUBLICO),
    "portal_consulta:formulario": ("/consulta/", "get", PUBLICO),
    # Without a just-sent consultation in the session it sends people back to the form.
    "portal_consulta:enviada": ("/consulta/enviada/", "get", esperado(302, 302, 302, 302, 302)),
    "portal_consulta:seguimiento": (
        "/consulta/seguimiento/falso/",
        "get",
        esperado(404, 404, 404, 404, 404),
    ),
    "portal:privacidad": ("/privacidad/", "get", PUBLICO),
    "gestion:bandeja": ("/gestion/bandeja/", "get", esperado(LOGIN, 200, 200, 200, 403)),
    "gestion:bandeja_hilo": (
        "/gestion/bandeja/{consulta}/",
        "get",
        esperado(LOGIN, 200, 404, 200, 403),
    ),
    "gestion:bandeja_asignarme": (
        "/gestion/bandeja/{consulta}/asignarme/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    # Without any code marked it answers with a message and back to the inbox.
    "gestion:bandeja_descartar": (
        "/gestion/bandeja/descartar/",
        "post",
        esperado(LOGIN, 302, 302, 302, 403),
    ),
    "gestion:bandeja_restaurar": (
        "/gestion/bandeja/{consulta}/restaurar/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    "doble_factor_respaldo": ("/cuentas/doble-factor/respaldo/", "get", PERSONAL),
    # The editor workspace: the Responsable reads the lists, only the Editor edits.
    "contenidos_gestion:inicio": (
        "/gestion/contenidos/",
        "get",
        esperado(LOGIN, 403, 403, 200, 200),
    ),
    "contenidos_gestion:lista": (
        "/gestion/contenidos/guias/",
        "get",
        esperado(LOGIN, 403, 403, 200, 200),
    ),
    "contenidos_gestion:editar": (
        "/gestion/contenidos/preguntas/{pregunta_id}/",
        "get",
        esperado(LOGIN, 403, 403, 403, 200),
    ),
    "gestion:equipo": ("/gestion/equipo/", "get", SOLO_RESPONSABLE),
    "gestion:sede_nueva": ("/gestion/equipo/sedes/nueva/", "get", SOLO_RESPONSABLE),
    "gestion:sede_editar": ("/gestion/equipo/sedes/LIMA/", "get", SOLO_RESPONSABLE),
    "gestion:usuario_nuevo": ("/gestion/equipo/usuarios/nuevo/", "get", SOLO_RESPONSABLE),
    "gestion:usuario_editar": ("/gestion/equipo/usuarios/{usuario}/", "get", SOLO_RESPONSABLE),
    "gestion:usuario_enlace_doble_factor": (
        "/gestion/equipo/usuarios/{usuario}/enlace-doble-factor/",
        "post",
        esperado(LOGIN, 403, 403, 302, 403),
    ),
    # Workshops: ``{taller}`` belongs to office A; ``{inscripcion}`` holds a seat in it.
    "portal_talleres:lista": ("/talleres/", "get", PUBLICO),
    "portal_talleres:detalle": ("/talleres/{taller}/", "get", PUBLICO),
    "portal_talleres:calendario": ("/talleres/{taller}/calendario.ics", "get", PUBLICO),
    "portal_talleres:revise_correo": ("/talleres/revise-su-correo/", "get", PUBLICO),
    "portal_talleres:inscripcion": (
        "/talleres/inscripcion/falso/",
        "get",
        esperado(404, 404, 404, 404, 404),
    ),
    "gestion:talleres": ("/gestion/talleres/", "get", CONSULTAS),
    "gestion:taller_nuevo": ("/gestion/talleres/nuevo/", "get", CONSULTAS),
    "gestion:talleres_estadisticas": ("/gestion/talleres/estadisticas/", "get", CONSULTAS),
    "gestion:talleres_estadisticas_csv": ("/gestion/talleres/estadisticas.csv", "get", CONSULTAS),
    "gestion:talleres_estadisticas_xlsx": (
        "/gestion/talleres/estadisticas.xlsx",
        "get",
        CONSULTAS,
    ),
    "gestion:taller": ("/gestion/talleres/{taller}/", "get", DE_SEDE_A),
    "gestion:taller_editar": ("/gestion/talleres/{taller}/editar/", "get", DE_SEDE_A),
    "gestion:taller_asistencia_csv": (
        "/gestion/talleres/{taller}/asistencia.csv",
        "get",
        DE_SEDE_A,
    ),
    "gestion:taller_asistencia": (
        "/gestion/talleres/{taller}/asistencia/{inscripcion}/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    # Partners: ``{socio}`` is attended by office A.
    "portal_socios:insignia": ("/insignia.svg", "get", PUBLICO),
    "gestion:socios": ("/gestion/socios/", "get", CONSULTAS),
    "gestion:socios_csv": ("/gestion/socios/ranking.csv", "get", CONSULTAS),
    "gestion:socios_xlsx": ("/gestion/socios/ranking.xlsx", "get", CONSULTAS),
    "gestion:socio_nuevo": ("/gestion/socios/nuevo/", "get", CONSULTAS),
    "gestion:socio": ("/gestion/socios/{socio}/", "get", DE_SEDE_A),
    "gestion:socio_editar": ("/gestion/socios/{socio}/editar/", "get", DE_SEDE_A),
    "gestion:socio_volante": ("/gestion/socios/{socio}/volante.pdf", "get", DE_SEDE_A),
    # Returnees: ``{retornado}`` belongs to office A; ``{consulta}`` is also of office A.
    "portal_retornados:control": (
        "/retorno/control/falso/",
        "get",
        esperado(404, 404, 404, 404, 404),
    ),
    "gestion:retornados": ("/gestion/retornados/", "get", CONSULTAS),
    "gestion:retornado_nuevo": ("/gestion/retornados/nuevo/", "get", CONSULTAS),
    "gestion:retornados_reporte": ("/gestion/retornados/reporte/", "get", CONSULTAS),
    "gestion:retornados_csv": ("/gestion/retornados/reporte.csv", "get", CONSULTAS),
    "gestion:retornados_xlsx": ("/gestion/retornados/reporte.xlsx", "get", CONSULTAS),
    "gestion:retornado_desde_consulta": (
        "/gestion/retornados/desde-consulta/{consulta}/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    "gestion:retornado": ("/gestion/retornados/{retornado}/", "get", DE_SEDE_A),
    "gestion:retornado_editar": ("/gestion/retornados/{retornado}/editar/", "get", DE_SEDE_A),
    "gestion:retornado_derivacion_nueva": (
        "/gestion/retornados/{retornado}/derivaciones/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    "gestion:retornado_derivacion_estado": (
        "/gestion/retornados/{retornado}/derivaciones/{derivacion}/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    "gestion:retornado_control": (
        "/gestion/retornados/{retornado}/controles/1/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
    "gestion:retornado_control_enviar": (
        "/gestion/retornados/{retornado}/controles/1/enviar/",
        "post",
        esperado(LOGIN, 302, 404, 302, 403),
    ),
}

# Patterns that are not views of ours (Django's own password-change/reset flows are covered by
# the auth app's tests and need no role): each listed with the reason.
EXCLUIDAS = {
    "password_change": "vista de Django: requiere sesión",
    "password_change_done": "vista de Django: requiere sesión",
    "password_reset": "vista de Django, pública por diseño",
    "password_reset_done": "vista de Django, pública por diseño",
    "password_reset_confirm": "vista de Django, exige token",
    "password_reset_complete": "vista de Django, pública por diseño",
    "doble_factor_alta": (
        "enlace de un solo uso ligado a un usuario: requiere sesión de ese usuario "
        "(tests/infomigra/cuentas/test_enlace_alta.py)"
    ),
}


def nombres_de_urls(resolver=None, prefijo=""):
    """Every named URL pattern as 'namespace:name'; the admin namespace counts once."""
    resolver = resolver or get_resolver()
    nombres = set()
    for patron in resolver.url_patterns:
        if isinstance(patron, URLResolver):
            espacio = patron.namespace
            if espacio == "admin":
                nombres.add("admin:index")
                continue
            nuevo = f"{prefijo}{espacio}:" if espacio else prefijo
            nombres |= nombres_de_urls(patron, nuevo)
        elif isinstance(patron, URLPattern):
            nombres.add(
                f"{prefijo}{patron.name}" if patron.name else f"{prefijo}<{patron.pattern}>"
            )
    return nombres


def test_every_url_pattern_has_an_entry():
    nombres = nombres_de_urls()
    sin_entrada = sorted(nombres - set(MATRIZ) - set(EXCLUIDAS))
    sobrantes = sorted(set(MATRIZ) - nombres)
    assert sin_entrada == [], f"URL sin entrada en la matriz de permisos: {sin_entrada}"
    assert sobrantes == [], f"Entradas de la matriz sin URL: {sobrantes}"


@pytest.fixture
def objetos(sede_a, asesor_a):
    import datetime as dt

    from django.utils import timezone

    from consultas.models import Consulta, Derivacion, Inscripcion, Retornado, Socio, Taller
    from contenidos.models import Tema
    from faq.models import Pregunta, Sinonimo

    consulta = Consulta.objects.create(
        canal="web", sede=sede_a, tipo_migrante="potencial", resumen="Consulta de prueba"
    )
    pregunta = Pregunta.objects.create(
        pregunta="¿Necesito visa para trabajar?",
        respuesta="Depende del país.",
        tema=Tema.objects.get(codigo="tramites-visas"),
        publicada=True,
    )
    taller = Taller.objects.create(
        titulo="Taller",
        descripcion="Charla",
        publico="jovenes",
        inicio=timezone.now() + dt.timedelta(days=3),
        sede=sede_a,
        region="lima-metropolitana",
        en_la_sede=True,
        capacidad=10,
    )
    inscripcion = Inscripcion.objects.create(
        taller=taller, nombre="Ana", email="ana@example.org", estado="confirmada"
    )
    socio = Socio.objects.create(codigo="CONS-MADRID", nombre="Consulado", tipo="consulado",
                                 sede=sede_a)  # fmt: skip
    retornado = Retornado.objects.create(sede=sede_a, nombre="Luis", email="luis@example.org")
    derivacion = Derivacion.objects.create(
        retornado=retornado, necesidad="empleo", otra_institucion="SNE"
    )
    return {
        "retornado": retornado.pk,
        "derivacion": derivacion.pk,
        "taller": taller.pk,
        "inscripcion": inscripcion.pk,
        "socio": socio.codigo,
        "consulta": consulta.codigo,
        "usuario": asesor_a.pk,
        "pregunta": pregunta.slug,
        "pregunta_id": pregunta.pk,
        "sinonimo": Sinonimo.objects.create(termino="chambita", equivalentes="trabajo").pk,
    }


# Pages that show seeded portal content.
CON_CONTENIDO = {
    "portal:perfil",
    "portal:pais",
    "portal:video",
    "portal:boletin",
    "portal:acerca",
    "portal:privacidad",
    "portal:pagina",
    "portal:guia_basica",
    "portal:guia_basica_pdf",
    "portal:hoja",
    "portal:hoja_pdf",
}


@pytest.mark.parametrize("nombre", sorted(MATRIZ))
@pytest.mark.parametrize("rol", [ANON, A, B, RESP, EDIT])
def test_permission_matrix(request, client, cliente_de, objetos, nombre, rol):
    ruta, metodo, respuestas = MATRIZ[nombre]
    ruta = ruta.format(**objetos)
    if nombre in CON_CONTENIDO:
        from contenidos.carga import cargar_todo

        cargar_todo()
    if rol != ANON:
        client = cliente_de(request.getfixturevalue(rol))
    respuesta = getattr(client, metodo)(ruta)
    esperada = respuestas[rol]
    if esperada == LOGIN:
        assert respuesta.status_code == 302, f"{rol} {ruta}: {respuesta.status_code}"
        assert respuesta["Location"].startswith("/cuentas/login/")
    else:
        assert respuesta.status_code == esperada, f"{rol} {ruta}: {respuesta.status_code}"


# ---------------------------------------------------------------------------------------------
# The Django admin: every admin URL × five roles (anonymous, Asesor, Editor, Responsable,
# superuser). The Responsable is staff, as the team form makes them. Object URLs use one row of
# each model; the user URLs use the Asesor of office A (``{usuario}``), and a superuser's own
# account is checked separately (nobody but a superuser edits it).
# ---------------------------------------------------------------------------------------------
SUPER = "superusuario"
ROLES_ADMIN = [ANON, A, EDIT, RESP, SUPER]
# app_label or model label → roles whose group permissions open its admin pages.
ACCESO_ADMIN = {
    "contenidos": {EDIT, SUPER},
    "faq": {EDIT, SUPER},
    "consultas": {RESP, SUPER},
    "auth.user": {RESP, SUPER},
    "auth.group": {SUPER},
    "axes": {SUPER},
}
# Views a role with access still may not use: (role or "*", URL name) → status.
EXCEPCIONES_ADMIN = {
    # A Responsable may add and change staff accounts, never delete them.
    (RESP, "admin:auth_user_delete"): 403,
    # django-axes records are written by the login throttle, not by hand.
    ("*", "admin:axes_accessattempt_add"): 403,
    ("*", "admin:axes_accesslog_add"): 403,
    ("*", "admin:axes_accessfailurelog_add"): 403,
    # What leer_correo did with each message is recorded by the program, never by hand.
    ("*", "admin:consultas_correoleido_add"): 403,
}
# Content a Responsable reads but does not edit (the editor workspace's lists): the admin shows
# it read-only to them.
LECTURA_RESPONSABLE = {
    "contenidos.guia",
    "contenidos.paisguia",
    "contenidos.video",
    "contenidos.alerta",
    "faq.pregunta",
}
# Site-wide admin pages: role → status.
SITIO_ADMIN = {
    "admin:index": {EDIT: 200, RESP: 200, SUPER: 200},
    "admin:login": {ANON: 200, A: 200, EDIT: 302, RESP: 302, SUPER: 302},
    "admin:password_change": {EDIT: 200, RESP: 200, SUPER: 200},
    "admin:password_change_done": {EDIT: 200, RESP: 200, SUPER: 200},
    "admin:jsi18n": {EDIT: 200, RESP: 200, SUPER: 200},
}


def _urls_admin():
    """Every named admin URL: (name, pattern's model label or None)."""
    from django.contrib import admin

    urls = []
    for patron in admin.site.get_urls():
        if isinstance(patron, URLPattern) and patron.name:
            urls.append((f"admin:{patron.name}", None))
        elif isinstance(patron, URLResolver):
            prefijos = {
                f"{m._meta.app_label}/{m._meta.model_name}/": m for m in admin.site._registry
            }
            modelo = prefijos[str(patron.pattern)]
            for hijo in patron.url_patterns:
                if hijo.name:
                    urls.append((f"admin:{hijo.name}", modelo))
    return urls


@pytest.fixture
def superusuario(db):
    from django.contrib.auth import get_user_model

    from tests.conftest import CLAVE, dar_doble_factor

    usuario = get_user_model().objects.create_superuser("superusuario", "su@example.org", CLAVE)
    dar_doble_factor(usuario)
    return usuario


@pytest.fixture
def objetos_admin(objetos, responsable, editor, asesor_a, superusuario):
    """One row of every model in the admin (created where the seeds have none)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib import admin

    from consultas.models import Consulta
    from contenidos.carga import cargar_todo
    from contenidos.models import Suscriptor

    cargar_todo()
    responsable.is_staff = True
    responsable.save(update_fields=["is_staff"])
    AccessAttempt.objects.create(username="x", ip_address="192.0.2.1", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="192.0.2.1")
    AccessFailureLog.objects.create(username="x", ip_address="192.0.2.1")
    Suscriptor.objects.create(email="lector@example.org")
    from consultas.models.remotas import CorreoLeido

    CorreoLeido.objects.create(carpeta="INBOX", uidvalidity=1, uid=1, resultado="apartado")
    consulta = Consulta.objects.get(codigo=objetos["consulta"])
    consulta.resumen = "Cambio"
    consulta.save()
    filas = {}
    for modelo in admin.site._registry:
        fila = asesor_a if modelo._meta.label == "auth.User" else modelo.objects.first()
        assert fila is not None, f"sin fila de {modelo._meta.label}"
        filas[modelo] = fila
    return filas


def _ruta_admin(nombre, modelo, filas):
    from django.contrib.contenttypes.models import ContentType
    from django.urls import reverse

    from consultas.models import Consulta

    corto = nombre.split(":", 1)[1]
    if corto == "app_list":
        return reverse(nombre, kwargs={"app_label": "consultas"})
    if corto == "view_on_site":
        consulta = filas[Consulta]
        tipo = ContentType.objects.get_for_model(Consulta)
        return reverse(nombre, args=[tipo.pk, consulta.pk])
    if corto == "autocomplete":
        return reverse(nombre) + "?app_label=consultas&model_name=consulta&field_name=asesor"
    if modelo is None:
        return reverse(nombre)
    fila = filas[modelo]
    if corto.endswith(("_changelist", "_add")):
        return reverse(nombre)
    if corto == "consultas_consulta_simple_history":
        return reverse(nombre, args=[fila.pk, fila.historia.first().history_id])
    return reverse(nombre, args=[fila.pk])


def _esperado_admin(rol, nombre, modelo):
    corto = nombre.split(":", 1)[1]
    if modelo is None and nombre in SITIO_ADMIN:
        return SITIO_ADMIN[nombre].get(rol, 302)
    if rol in (ANON, A):
        return 302  # to the admin login (or, for an Asesor without 2FA, to its set-up)
    if modelo is None:
        especiales = {
            # The consultas app page lists Responsable's models only.
            "app_list": {RESP: 200, SUPER: 200, EDIT: 404},
            # Jumps to the consultation's public URL (none: 404) for those who may view it.
            "view_on_site": {RESP: 404, SUPER: 404, EDIT: 404},
            # The advisor lookup of the consultation form: for who may change consultations.
            "autocomplete": {RESP: 200, SUPER: 200},
        }
        return especiales[corto].get(rol, 403)
    for clave in ((rol, nombre), ("*", nombre)):
        if clave in EXCEPCIONES_ADMIN:
            return EXCEPCIONES_ADMIN[clave]
    con_acceso = ACCESO_ADMIN.get(modelo._meta.label_lower) or ACCESO_ADMIN[modelo._meta.app_label]
    if rol == RESP and modelo._meta.label_lower in LECTURA_RESPONSABLE:
        return 200 if corto.endswith(("_changelist", "_change", "_history")) else 403
    return 200 if rol in con_acceso else 403


def test_every_admin_url_is_in_the_matrix():
    nombres = {nombre for nombre, _modelo in _urls_admin()}
    assert {"admin:index", "admin:auth_user_change", "admin:auth_user_password_change"} <= nombres
    # TOTP devices are not in the admin: their secrets would allow impersonation.
    assert not any("totpdevice" in nombre for nombre in nombres)


@pytest.mark.parametrize("rol", ROLES_ADMIN)
def test_admin_permission_matrix(request, client, cliente_de, objetos_admin, rol):
    if rol != ANON:
        client = cliente_de(request.getfixturevalue(rol))
    errores = []
    for nombre, modelo in _urls_admin():
        if nombre == "admin:logout":
            continue  # would end the session; POST-only, checked below
        ruta = _ruta_admin(nombre, modelo, objetos_admin)
        esperado = _esperado_admin(rol, nombre, modelo)
        obtenido = client.get(ruta).status_code
        if obtenido != esperado:
            errores.append(f"{ruta} ({nombre}): {obtenido}, se esperaba {esperado}")
    assert client.post("/admin/logout/").status_code in (200, 302)
    assert errores == [], "\n".join(errores)


def _formulario_usuario(usuario, **cambios):
    datos = {
        "username": usuario.username,
        "first_name": usuario.first_name,
        "last_name": usuario.last_name,
        "email": usuario.email,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "groups": [g.pk for g in usuario.groups.all()],
    }
    datos.update(cambios)
    return datos


def test_a_responsable_cannot_make_anyone_a_superuser(objetos_admin, responsable, asesor_a, client):
    from django.contrib.auth.models import Permission

    from tests.conftest import CLAVE

    todas = list(Permission.objects.values_list("pk", flat=True)[:5])
    client = _con_doble_factor(client, responsable)
    pagina = client.get(f"/admin/auth/user/{asesor_a.pk}/change/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'name="is_superuser"' not in html and 'name="is_staff"' not in html
    assert 'name="user_permissions"' not in html
    assert "Responsable" not in pagina.context["adminform"].form.fields[
        "groups"
    ].queryset.values_list("name", flat=True)
    respuesta = client.post(
        f"/admin/auth/user/{asesor_a.pk}/change/",
        _formulario_usuario(asesor_a, is_superuser="on", is_staff="on", user_permissions=todas),
    )
    assert respuesta.status_code == 302
    asesor_a.refresh_from_db()
    assert not asesor_a.is_superuser and not asesor_a.is_staff
    assert not asesor_a.user_permissions.exists()
    # Nor themselves.
    client.post(
        f"/admin/auth/user/{responsable.pk}/change/",
        _formulario_usuario(responsable, is_superuser="on"),
    )
    responsable.refresh_from_db()
    assert not responsable.is_superuser
    # A new account made in the admin is not privileged either.
    client.post(
        "/admin/auth/user/add/",
        {
            "username": "nuevo",
            "password1": CLAVE,
            "password2": CLAVE,
            "is_superuser": "on",
            "usable_password": "true",
        },
    )
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(is_superuser=True, username="nuevo").exists()


def _con_doble_factor(client, usuario):
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    client.force_login(usuario)
    sesion = client.session
    sesion[DEVICE_ID_SESSION_KEY] = next(iter(devices_for_user(usuario))).persistent_id
    sesion.save()
    return client


def test_only_a_superuser_edits_a_superuser_or_another_responsable(
    objetos_admin, responsable, superusuario, sede_a, client
):
    from infomigra.vocabulario import ROL_RESPONSABLE
    from tests.conftest import crear_usuario, dar_doble_factor

    otro = crear_usuario("otra_responsable", ROL_RESPONSABLE, sede_a)
    dar_doble_factor(otro)
    client = _con_doble_factor(client, responsable)
    for victima in (superusuario, otro):
        base = f"/admin/auth/user/{victima.pk}"
        assert client.get(f"{base}/password/").status_code == 403
        assert (
            client.post(
                f"{base}/password/",
                {"password1": "Otra.Clave.Larga.99", "password2": "Otra.Clave.Larga.99"},
            ).status_code
            == 403
        )
        assert client.post(f"{base}/change/", _formulario_usuario(victima)).status_code == 403
        assert client.get(f"/gestion/equipo/usuarios/{victima.pk}/").status_code == 403
        victima.refresh_from_db()
        assert victima.check_password("Clave.De.Prueba.2026")
    # A superuser may.
    client = _con_doble_factor(client, superusuario)
    assert client.get(f"/admin/auth/user/{otro.pk}/password/").status_code == 200


def test_totp_secrets_are_not_in_the_admin_and_a_reset_is_audited(
    objetos_admin, superusuario, responsable, asesor_a, client
):
    from django.contrib.admin.models import LogEntry
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import dar_doble_factor

    dispositivo = dar_doble_factor(asesor_a)
    client = _con_doble_factor(client, responsable)
    for ruta in (
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{dispositivo.pk}/change/",
        f"/admin/otp_totp/totpdevice/{dispositivo.pk}/config/",
    ):
        respuesta = client.get(ruta)
        assert respuesta.status_code == 404, ruta
        assert b"otpauth://" not in respuesta.content
    # Resetting another Responsable's device is refused; an Asesor's is done and logged.
    client.post(
        "/admin/auth/user/",
        {"action": "restablecer_doble_factor", "_selected_action": [superusuario.pk]},
    )
    assert TOTPDevice.objects.filter(user=superusuario).exists()
    respuesta = client.post(
        "/admin/auth/user/",
        {"action": "restablecer_doble_factor", "_selected_action": [asesor_a.pk]},
        follow=True,
    )
    assert "Se restableció la verificación en dos pasos" in respuesta.content.decode()
    assert not TOTPDevice.objects.filter(user=asesor_a).exists()
    entrada = LogEntry.objects.get(object_id=str(asesor_a.pk))
    assert entrada.user == responsable
    assert "dos pasos" in entrada.get_change_message()
