"""``{% compartido "nombre" %}…{% endcompartido %}``: a piece of the public pages that is the
same on every page in one language (the menu links, the footer with the offices).

Drawn once per content generation and language and kept with the page cache
(``contenidos.cache.almacen``): a content or office edit moves the generation and the piece is
drawn again. Only where the request carries the generation (anonymous public requests): for
staff and private pages it is drawn every time. What goes inside may depend on nothing but the
language, the settings and content that moves the generation.
"""

from django import template
from django.utils.translation import get_language

from contenidos.cache import almacen

register = template.Library()


class CompartidoNode(template.Node):
    def __init__(self, nombre, nodelist):
        self.nombre = nombre
        self.nodelist = nodelist

    def render(self, context):
        generacion = getattr(context.get("request"), "version_portal", None)
        if generacion is None:
            return self.nodelist.render(context)
        return almacen.fragmento(
            ("compartido", self.nombre, get_language()),
            generacion,
            lambda: self.nodelist.render(context),
        )


@register.tag
def compartido(parser, token):
    partes = token.split_contents()
    if len(partes) != 2 or partes[1][0] not in "\"'" or partes[1][0] != partes[1][-1]:
        raise template.TemplateSyntaxError('Uso: {% compartido "nombre" %}…{% endcompartido %}')
    nodelist = parser.parse(("endcompartido",))
    parser.delete_first_token()
    return CompartidoNode(partes[1][1:-1], nodelist)
