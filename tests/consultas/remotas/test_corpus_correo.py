"""Every message of tests/correo/ (real shapes: Gmail, Outlook, Apple Mail, Thunderbird, Yahoo,
relayed forms, forwards, charsets, auto-replies, DSNs of several MTAs, hostile ones) goes end
to end through the real dovecot and ends as the expectations table says: nothing lost,
duplicated or mis-threaded.

Placeholders in the files: ``{{CODIGO}}``, ``{{CODIGO_MINUSCULAS}}``, ``{{ID_CONSULTA}}`` (Ana
Torres's first message), ``{{ID_RESPUESTA}}`` and ``{{ID_RESPUESTA_DESNUDO}}`` (our answer to
her, with and without angle brackets) — the consultation every follow-up and bounce refers to.
"""

from pathlib import Path

import pytest
from django.utils import timezone

from consultas.models import Consulta, Mensaje
from tests.consultas.remotas.correos import leer

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[2] / "correo"
ID_CONSULTA = "<consulta-ana@example.pe>"
ID_RESPUESTA = "<20261125100000.4242.infomigra@trabajo.example>"


def nueva(email=None, contiene=(), no_contiene=(), **campos):
    return {"resultado": "nueva", "email": email, "contiene": contiene,
            "no_contiene": no_contiene, **campos}  # fmt: skip


def seguimiento(*contiene, remitente="ana.torres@example.pe"):
    return {"resultado": "seguimiento", "contiene": contiene, "remitente": remitente}


def rebote(motivo):
    return {"resultado": "rebote", "motivo": motivo}


IGNORADO = {"resultado": "ignorado"}

ESPERADO = {
    # Gmail
    "gmail_texto_html.eml": nueva(
        "rocio.mamani.q@example.com",
        [
            "Buenos días,",
            "¿Tengo que firmar el contrato antes de viajar o puedo hacerlo allá?",
            "Gracias,\nRocío",
        ],
        nombre="Rocío Mamani",
    ),
    "gmail_solo_html.eml": nueva(
        "walter.ccori@example.com",
        [
            "Hola, trabajé 12 años en Argentina.",
            "¿Puedo sumar esos aportes a mi pensión en Perú?",
            "Saludos\nWalter",
        ],
        ["<p>", "<div", "=C3"],
    ),
    "gmail_texto_vacio_html.eml": nueva(
        "carolina.rojas@example.com",
        ["¿Dónde lo renuevo?", "Saludos cordiales,\nCarolina"],
        asunto="Renovación de pasaporte",
    ),
    "gmail_reenviado_en_linea.eml": nueva(
        "luz.mendoza@example.com",
        [
            "¿Me pueden explicar",
            "Forwarded message",
            "Falta el certificado de antecedentes penales.",
        ],
    ),
    "movil_android.eml": nueva(
        "juan.ttito@example.com",
        ["cuánto cuesta el pasaporte", "Enviado desde mi Huawei"],
        asunto="",
    ),
    # Outlook / Exchange
    "outlook_html_cp1252.eml": nueva(
        "jl.paredes@correo.example.org",
        [
            "Señores:",
            "“certificado de antecedentes” apostillado – ¿dónde lo tramito?",
            "Me cobran 40 €.",
        ],
        ["MsoNormal"],
        nombre="José Luis Paredes",
    ),
    "outlook_related_imagen.eml": nueva(
        "milagros.huanca@correo.example.org",
        ["Corea del Sur", "2 000 dólares por adelantado", "image001.png ("],
    ),
    "outlook_latin1_etiqueta_cp1252.eml": nueva(
        "edgar.pari@correo.example.org",
        ["me envía dinero desde Italia", "€15 de comisión – “gastos de envío”. ¿Es normal?"],
    ),
    # Apple Mail
    "apple_mail_texto.eml": nueva(
        "daniela.vargas@icloud.example.com",
        [
            "maestría en Lyon",
            "¿Qué documentos necesito para la visa de estudiante y cuánto demora?",
        ],
    ),
    "apple_mail_adjunto_pdf.eml": nueva(
        "ricardo.soto@icloud.example.com",
        ["condiciones son legales", "contrato_japon.pdf ("],
        ["JVBERi0"],
    ),
    # Thunderbird
    "thunderbird_texto.eml": nueva(
        "hugo.ramos@example.net", ["después de 15 años en Estados Unidos", "Ley de Retorno"]
    ),
    "thunderbird_reenviado.eml": nueva(
        "sonia.quispe@example.net",
        [
            "¿es confiable esta oferta?",
            "Mensaje reenviado",
            "rrhh@empleos-canada.example.com",
            "Deposite 500 dólares para el trámite de su visa.",
        ],
    ),
    # Yahoo
    "yahoo_html.eml": nueva(
        "mariaelena_castro@yahoo.example.com",
        ["Me corresponde pension aqui por el convenio?"],
    ),
    "yahoo_sin_charset_8bit.eml": nueva(
        "teo.lazo@yahoo.example.com",
        ["Señores, quisiera saber cómo hago el trámite para trabajar en Japón", "en español."],
    ),
    # Encodings and languages
    "base64_utf8.eml": nueva(
        "kevin.flores@example.com", ["Quiero viajar a México"], asunto="¿Por qué me piden visa?"
    ),
    "asunto_codificado_latin1.eml": nueva(
        "ines.yanez@example.org",
        ["Soy médica", "¿Cómo homologo mi título?"],
        nombre="Inés Yañez",
        asunto="Reconocimiento de título médico",
    ),
    "portugues_brasil.eml": nueva(
        "anapaula.souza@example.com.br", ["Olá, sou brasileira", "acordo do Mercosul?"]
    ),
    "ingles_extranjero.eml": nueva("oliver.bennett@example.co.uk", ["teaching job in Cusco"]),
    # Relayed form, no Message-ID, a person's subject that sounds like a bounce
    "formulario_reply_to.eml": nueva(
        "pedro.huaman@example.pe",
        ["¿qué agencias están autorizadas?"],
        nombre="Pedro Huamán",
    ),
    "sin_message_id.eml": nueva("rosa.chambi@example.org", ["¿cómo regulariza su situación?"]),
    "persona_asunto_no_entregado.eml": nueva("carmen.tello@example.org", ["¿A quién reclamo?"]),
    # Hostile
    "html_estilos_script.eml": nueva(
        "nilda.poma@example.org",
        ["no me paga horas extras.", "¿Dónde puedo denunciarlo?"],
        ["alert(", "color: red", "<", "pixel.gif"],
    ),
    "hostil_nul_qp.eml": nueva(
        "abel.cruz@example.org",
        ["Necesito ayuda con mi permiso de trabajo en Chile."],
        asunto="Ayuda urgente",
    ),
    "hostil_charset_desconocido.eml": nueva(
        "felix.mayta@example.org", ["está registrada en el Ministerio"]
    ),
    "hostil_control_ansi.eml": nueva(
        "beto.salas@example.org",
        ["Hola[2J, quiero informacion sobre visas de trabajo."],
        asunto="Consulta de visas",
    ),
    "hostil_cabeceras_rotas.eml": nueva(None, ["¿Cuánto cobran por enviar dinero desde Japón?"]),
    "hostil_multipart_sin_cierre.eml": nueva(
        "irma.vilca@example.org", ["no me pagaron la liquidación."]
    ),
    "hostil_asunto_largo.eml": nueva("omar.rivas@example.org", ["visa de turista"]),
    "hostil_utf8_invalido.eml": nueva(
        "lidia.condori@example.org",
        ["Buenos días, ¿cómo obtengo el certificado de movimiento migratorio", "España?"],
    ),
    # Follow-ups of Ana Torres's consultation
    "seguimiento_codigo_minusculas.eml": seguimiento("mi contrato es por un año."),
    "seguimiento_in_reply_to_sin_corchetes.eml": seguimiento("¿y cuánto demora el trámite?"),
    "seguimiento_gmail_citado.eml": seguimiento("Perfecto, ya conseguí la cita."),
    "seguimiento_otra_direccion.eml": seguimiento(
        "¿me pueden responder aquí?", remitente="atorres@empresa.example.com"
    ),
    # Automatic replies and lists: no consultation, no acknowledgement
    "vacaciones_es_solo_asunto.eml": IGNORADO,
    "vacaciones_en_outlook.eml": IGNORADO,
    "vacaciones_pt_solo_asunto.eml": IGNORADO,
    "vacaciones_gmail.eml": IGNORADO,
    "x_autoreply_yahoo.eml": IGNORADO,
    "boletin_lista.eml": IGNORADO,
    # Bounces of our answer to Ana Torres (several MTAs), a delay warning, a foreign bounce
    "dsn_postfix.eml": rebote("User unknown in virtual mailbox table"),
    "dsn_exim_texto.eml": rebote("Mailbox full: quota exceeded"),
    "dsn_exchange.eml": rebote("RecipientNotFound"),
    "dsn_gmail.eml": rebote("does not exist"),
    "dsn_qmail_texto.eml": rebote("no mailbox here by that name"),
    "dsn_demora_postfix.eml": IGNORADO,
    "dsn_mensaje_ajeno.eml": IGNORADO,
    # A bounce of a queue mail (boletín confirmation): no thread of Ana's is touched; with its
    # queue row it is recorded there (test_rebote_cola.py).
    "dsn_cola_boletin_exchange.eml": IGNORADO,
}


def test_corpus_is_large_and_fully_described():
    archivos = {p.name for p in CORPUS.glob("*.eml")}
    assert len(archivos) >= 40
    assert archivos == set(ESPERADO)


@pytest.fixture
def consulta_de_ana(sede_a):
    consulta = Consulta.objects.create(
        canal="correo", sede=sede_a, tipo_migrante="emigrante", estado="respondida",
        email="ana.torres@example.pe", nombre="Ana Torres", resumen="¿Qué visa necesito?",
        respondida=timezone.now(),
    )  # fmt: skip
    Mensaje.objects.create(
        consulta=consulta, direccion="entrada", tipo="consulta", cuerpo="¿Qué visa necesito?",
        remitente="ana.torres@example.pe", asunto="Visa de trabajo", message_id=ID_CONSULTA,
    )  # fmt: skip
    Mensaje.objects.create(
        consulta=consulta, direccion="salida", tipo="respuesta", estado_envio="enviado",
        cuerpo="Puede solicitar la visa en el consulado.", destinatario="ana.torres@example.pe",
        message_id=ID_RESPUESTA, enviado_el=timezone.now(), intentos=1,
    )  # fmt: skip
    return consulta


def _crudo(nombre: str, consulta) -> bytes:
    texto = (CORPUS / nombre).read_bytes()
    for marca, valor in {
        "{{CODIGO_MINUSCULAS}}": consulta.codigo.lower(),
        "{{CODIGO}}": consulta.codigo,
        "{{ID_CONSULTA}}": ID_CONSULTA,
        "{{ID_RESPUESTA_DESNUDO}}": ID_RESPUESTA.strip("<>"),
        "{{ID_RESPUESTA}}": ID_RESPUESTA,
    }.items():
        texto = texto.replace(marca.encode(), valor.encode())
    return texto.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _sin_controles(texto: str) -> bool:
    return not any(ord(c) < 32 and c not in "\n\t" for c in texto)


def _comprobar_nueva(esperado, ana, antes):
    nuevas = Consulta.objects.exclude(pk=ana.pk)
    assert nuevas.count() == 1, "one new consultation, no more, no less"
    consulta = nuevas.get()
    assert consulta.canal == "correo" and consulta.estado == "pendiente"
    if esperado["email"] is not None:
        assert consulta.email == esperado["email"]
    if "nombre" in esperado:
        assert consulta.nombre == esperado["nombre"]
    mensaje = consulta.mensajes.get(direccion="entrada")
    if "asunto" in esperado:
        assert mensaje.asunto == esperado["asunto"]
    assert len(mensaje.asunto) <= 255 and _sin_controles(mensaje.asunto)
    for fragmento in esperado["contiene"]:
        assert fragmento in mensaje.cuerpo
    for fragmento in esperado["no_contiene"]:
        assert fragmento not in mensaje.cuerpo
    assert _sin_controles(mensaje.cuerpo) and consulta.resumen == mensaje.cuerpo


def _comprobar(esperado, ana, antes):
    ana.refresh_from_db()
    respuesta = ana.mensajes.get(message_id=ID_RESPUESTA)
    resultado = esperado["resultado"]
    if resultado == "nueva":
        _comprobar_nueva(esperado, ana, antes)
        return
    assert Consulta.objects.count() == 1, "nothing but Ana's consultation"
    if resultado == "seguimiento":
        ultimo = ana.mensajes.filter(direccion="entrada").order_by("id").last()
        assert ultimo.tipo == "seguimiento" and ultimo.remitente == esperado["remitente"]
        for fragmento in esperado["contiene"]:
            assert fragmento in ultimo.cuerpo
        assert ana.estado == "pendiente"
        assert ana.mensajes.count() == antes + 1
    elif resultado == "rebote":
        assert respuesta.estado_envio == "rebotado"
        assert esperado["motivo"] in respuesta.ultimo_error
        assert ana.estado == "pendiente"  # back in the inbox, flagged
        assert ana.mensajes.count() == antes
    else:
        assert respuesta.estado_envio == "enviado" and ana.estado == "respondida"
        assert ana.mensajes.count() == antes


@pytest.mark.parametrize("nombre", sorted(ESPERADO))
def test_corpus_message_end_to_end(nombre, servidor_imap, consulta_de_ana, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    antes = consulta_de_ana.mensajes.count()
    servidor_imap.entregar(servidor_imap.usuario, _crudo(nombre, consulta_de_ana))
    assert leer()[0] == 0
    _comprobar(ESPERADO[nombre], consulta_de_ana, antes)
    # A second run changes nothing: no duplicate, no second acknowledgement.
    mensajes = Mensaje.objects.count()
    assert leer()[0] == 0
    assert Mensaje.objects.count() == mensajes
