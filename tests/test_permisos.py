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
    # Without a just-sent consultation in the session it says where the code is.
    "portal_consulta:enviada": ("/consulta/enviada/", "get", PUBLICO),
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
    "gestion:socio_volante_en": ("/gestion/socios/{socio}/en/volante.pdf", "get", DE_SEDE_A),
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
