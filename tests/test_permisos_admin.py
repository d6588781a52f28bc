"""Permission matrix of the Django admin: every admin URL × five roles, and the escalation
attempts a Responsable might make (superuser flag, other accounts, TOTP secrets)."""

import pytest
from django.urls import URLPattern, URLResolver

pytestmark = pytest.mark.django_db

ANON, A, RESP, EDIT = "anonimo", "asesor_a", "responsable", "editor"


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
