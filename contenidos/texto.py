"""Source lists of portal content (Markdown and folding are ``infomigra.texto``)."""

import re


def enlazar_linea_gratuita(html: str) -> str:
    """Make the free anti-trafficking line (setting SERVICIO_LINEA_TRATA) tappable wherever
    the text names it outside a link: "Línea 1818" → "Línea <a href="tel:1818">1818</a>"."""
    from django.conf import settings

    linea = settings.SERVICIO_LINEA_TRATA
    if not linea or not linea.isdigit():
        return html
    numero = re.compile(rf"(?<![\d/.:-]){re.escape(linea)}(?![\d/.-])")
    partes = re.split(r"(<[^>]+>)", html)
    dentro_de_enlace = 0
    for i, parte in enumerate(partes):
        if parte.startswith("<"):
            if re.match(r"<a\b", parte):
                dentro_de_enlace += 1
            elif parte.startswith("</a"):
                dentro_de_enlace = max(0, dentro_de_enlace - 1)
        elif not dentro_de_enlace:
            partes[i] = numero.sub(f'<a href="tel:{linea}">{linea}</a>', parte)
    return "".join(partes)


_URL = re.compile(r"\(?(https?://[^\s)]+)\)?")


def partir_fuentes(fuente: str) -> list[dict]:
    """Split ``a (https://x) | b`` into ``[{"texto": "a", "url": "https://x"}, {"texto": "b"}]``."""
    fuentes = []
    for parte in (fuente or "").split(" | "):
        parte = parte.strip()
        if not parte:
            continue
        coincidencia = _URL.search(parte)
        url = coincidencia.group(1) if coincidencia else ""
        texto = _URL.sub("", parte).strip(" ,;") if url else parte
        fuentes.append({"texto": texto or url, "url": url})
    return fuentes
