"""``{{ texto|telefonos }}``: plain text (titles, sources, summaries) with its phone numbers as
tappable ``tel:`` links, like the Markdown content."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from infomigra.texto import enlazar_telefonos

register = template.Library()


@register.filter(needs_autoescape=True)
def telefonos(valor, autoescape=True):
    texto = conditional_escape(valor) if autoescape else str(valor)
    return mark_safe(enlazar_telefonos(str(texto)))  # noqa: S308 (escaped above)
