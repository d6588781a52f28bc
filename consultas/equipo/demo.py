"""Demo offices and one user per role, created idempotently.

Passwords are random, made when an account is created and shown once; an existing account is
never changed (a demo load on a real database must not reset anyone's password).
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from consultas.models import PerfilUsuario, Sede
from infomigra.vocabulario import ROL_ASESOR, ROL_EDITOR, ROL_RESPONSABLE, Canal

# code, name, address, hours, phone (shown on the portal: "where we attend"). Demo values.
SEDES_DEMO = [
    (
        "LIMA",
        "Sede central — Lima",
        "Av. Salaverry 655, Jesús María, Lima",
        "Lunes a viernes, de 8:30 a 16:30",
        "(01) 630-6000",
    ),
    (
        "MIGRACIONES",
        "Mesa de orientación en Migraciones (DIGEMIN)",
        "Av. España 734, Breña, Lima",
        "Lunes a viernes, de 8:00 a 13:00",
        "(01) 200-1000",
    ),
    (
        "AREQUIPA",
        "Dirección Regional de Trabajo — Arequipa",
        "Calle Jerusalén 400, Arequipa",
        "Lunes a viernes, de 8:00 a 15:30",
        "(054) 20-0000",
    ),
]

# username, full name, role, office, usual channel
USUARIOS_DEMO = [
    ("asesora", "Ana Quispe", ROL_ASESOR, "LIMA", Canal.PRESENCIAL),
    ("asesor.digemin", "Luis Mamani", ROL_ASESOR, "MIGRACIONES", Canal.DIGEMIN),
    ("asesor.arequipa", "Rosa Huamán", ROL_ASESOR, "AREQUIPA", Canal.PRESENCIAL),
    ("responsable", "Carlos Rojas", ROL_RESPONSABLE, "LIMA", Canal.PRESENCIAL),
    ("editora", "María Torres", ROL_EDITOR, "LIMA", Canal.WEB),
]


def clave_aleatoria() -> str:
    """About 100 bits, readable to copy from a terminal."""
    return secrets.token_urlsafe(16)


@transaction.atomic
def crear_usuarios_demo():
    """Create the demo offices and the demo users that do not exist yet.

    Returns (username, role, office, password) rows; password is None for an account that
    already existed (left untouched).
    """
    User = get_user_model()
    for codigo, nombre, direccion, horario, telefono in SEDES_DEMO:
        Sede.objects.update_or_create(
            codigo=codigo,
            defaults={
                "nombre": nombre,
                "direccion": direccion,
                "horario": horario,
                "telefono": telefono,
            },
        )
    filas = []
    for username, nombre, rol, sede, canal in USUARIOS_DEMO:
        if User.objects.filter(username__iexact=username).exists():
            filas.append((username, rol, sede, None))
            continue
        clave = clave_aleatoria()
        nombres, apellido = nombre.split(" ", 1)
        usuario = User(username=username)
        usuario.first_name, usuario.last_name = nombres, apellido
        usuario.email = f"{username}@infomigra.example"
        usuario.is_staff = rol in (ROL_EDITOR, ROL_RESPONSABLE)
        usuario.set_password(clave)
        usuario.save()
        usuario.groups.set([Group.objects.get(name=rol)])
        PerfilUsuario.objects.create(
            usuario=usuario, sede=Sede.objects.get(codigo=sede), canal=canal
        )
        filas.append((username, rol, sede, clave))
    return filas
