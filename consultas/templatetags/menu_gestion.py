"""``{% grupos_del_menu movil %}``: the back-office menu's task groups.

They depend on nothing but the user's permissions and the language (the account group, with the
user's name and the logout form's token, is drawn by ``gestion/_menu.html`` itself), and drawing
them took a seventh of a list page's time. Kept per process for each set of permissions,
language and layout; a role edited in the admin changes the user's permissions, hence the key.
"""

from django import template
from django.contrib.auth.context_processors import PermWrapper
from django.template.loader import render_to_string
from django.utils.translation import get_language

register = template.Library()

_DIBUJADOS: dict[tuple, str] = {}
_MAXIMO = 200  # roles × languages × two layouts: a few dozen in practice


@register.simple_tag(takes_context=True)
def grupos_del_menu(context, movil):
    usuario = context["user"]
    clave = (get_language(), bool(movil), frozenset(usuario.get_all_permissions()))
    html = _DIBUJADOS.get(clave)
    if html is None:
        html = render_to_string(
            "gestion/_menu_grupos.html", {"perms": PermWrapper(usuario), "movil": movil}
        )
        if len(_DIBUJADOS) >= _MAXIMO:
            _DIBUJADOS.clear()
        _DIBUJADOS[clave] = html
    return html
