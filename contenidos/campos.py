"""A list of short codes (profiles, ISO countries) stored as ``;a;b;`` so it filters anywhere."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class CodigosField(models.CharField):
    """Python value: a list of codes. Database value: ``;code1;code2;`` (empty list: ``""``).

    Filter with ``Model.objects.filter(campo__contains=CodigosField.patron("andino"))``.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    @staticmethod
    def patron(codigo: str) -> str:
        return f";{codigo};"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 200:
            del kwargs["max_length"]
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v) for v in value if v]
        if not value:
            return []
        return [parte for parte in str(value).split(";") if parte]

    def get_prep_value(self, value):
        if isinstance(value, str):
            return value
        codigos = [str(v) for v in (value or []) if v]
        return f";{';'.join(codigos)};" if codigos else ""

    def validate(self, value, model_instance):
        if self.choices and value:
            validos = {str(c) for c, _ in self.flatchoices}
            invalidos = [v for v in value if v not in validos]
            if invalidos:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": ", ".join(invalidos)},
                )
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        if self.choices:
            return forms.TypedMultipleChoiceField(
                choices=[(c, label) for c, label in self.flatchoices if c],
                required=not self.blank,
                label=self.verbose_name,
                help_text=self.help_text,
                widget=forms.CheckboxSelectMultiple,
            )
        return CodigosFormField(
            required=not self.blank, label=self.verbose_name, help_text=self.help_text
        )


class CodigosFormField(forms.CharField):
    """Free codes typed as ``ES;PE`` (upper-cased), cleaned to a list."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ";".join(value)
        return value

    def to_python(self, value):
        texto = super().to_python(value)
        return [p.strip().upper() for p in texto.replace(",", ";").split(";") if p.strip()]
