"""Source lists of portal content (Markdown and folding are ``infomigra.texto``)."""

import re

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
