"""Demo offices and one user per role, created idempotently."""

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

# username, full name, role, office, usual channel, password
USUARIOS_DEMO = [
    ("asesora", "Ana Quispe", ROL_ASESOR, "LIMA", Canal.PRESENCIAL, "Asesora.Demo.2026"),
    (
        "asesor.digemin",
        "Luis Mamani",
        ROL_ASESOR,
        "MIGRACIONES",
        Canal.DIGEMIN,
        "Digemin.Demo.2026",
    ),
    (
        "asesor.arequipa",
        "Rosa Huamán",
        ROL_ASESOR,
        "AREQUIPA",
        Canal.PRESENCIAL,
        "Arequipa.Demo.2026",
    ),
    (
        "responsable",
        "Carlos Rojas",
        ROL_RESPONSABLE,
        "LIMA",
        Canal.PRESENCIAL,
        "Responsable.Demo.2026",
    ),
    ("editora", "María Torres", ROL_EDITOR, "LIMA", Canal.WEB, "Editora.Demo.2026"),
]


@transaction.atomic
def crear_usuarios_demo():
    """Create the demo offices and users; returns (username, role, password) rows."""
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
    for username, nombre, rol, sede, canal, clave in USUARIOS_DEMO:
        nombres, apellido = nombre.split(" ", 1)
        usuario, _ = User.objects.get_or_create(username=username)
        usuario.first_name, usuario.last_name = nombres, apellido
        usuario.email = f"{username}@infomigra.example"
        usuario.is_staff = rol in (ROL_EDITOR, ROL_RESPONSABLE)
        usuario.set_password(clave)
        usuario.save()
        usuario.groups.set([Group.objects.get(name=rol)])
        PerfilUsuario.objects.update_or_create(
            usuario=usuario, defaults={"sede": Sede.objects.get(codigo=sede), "canal": canal}
        )
        filas.append((username, rol, sede, clave))
    return filas
