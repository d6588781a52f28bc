from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from consultas.models import PerfilUsuario, Sede
from infomigra.vocabulario import ROL_EDITOR, ROL_RESPONSABLE, ROLES, Canal

ROL_CHOICES = [(rol, rol) for rol in ROLES]


class SedeForm(forms.ModelForm):
    class Meta:
        model = Sede
        fields = ["codigo", "nombre", "direccion", "horario", "activa"]
        help_texts = {"codigo": _("Código corto en mayúsculas, por ejemplo CUSCO.")}

    def clean_codigo(self):
        return self.cleaned_data["codigo"].upper()


class UsuarioForm(forms.Form):
    """Create or edit a staff member: account, role, office and usual channel."""

    username = forms.RegexField(
        label=_("Usuario"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use solo letras, números y . @ + - _")},
    )
    first_name = forms.CharField(label=_("Nombres"), max_length=150)
    last_name = forms.CharField(label=_("Apellidos"), max_length=150)
    email = forms.EmailField(label=_("Correo electrónico"))
    rol = forms.ChoiceField(label=_("Rol"), choices=ROL_CHOICES)
    sede = forms.ModelChoiceField(label=_("Sede"), queryset=Sede.objects.filter(activa=True))
    canal = forms.ChoiceField(label=_("Canal habitual"), choices=Canal.choices)
    activo = forms.BooleanField(label=_("Cuenta activa"), required=False, initial=True)
    password1 = forms.CharField(
        label=_("Contraseña"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
    )
    password2 = forms.CharField(
        label=_("Repita la contraseña"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
    )

    def __init__(self, *args, usuario=None, **kwargs):
        self.usuario = usuario
        if usuario is not None:
            perfil = getattr(usuario, "perfil", None)
            rol = usuario.groups.filter(name__in=ROLES).values_list("name", flat=True).first()
            kwargs.setdefault("initial", {}).update(
                username=usuario.username,
                first_name=usuario.first_name,
                last_name=usuario.last_name,
                email=usuario.email,
                rol=rol,
                sede=perfil.sede_id if perfil else None,
                canal=perfil.canal if perfil else Canal.PRESENCIAL,
                activo=usuario.is_active,
            )
        super().__init__(*args, **kwargs)
        if usuario is None:
            self.fields["password1"].required = True
            self.fields["password2"].required = True
        else:
            self.fields["password1"].help_text = _("Déjela en blanco para no cambiarla.")

    def clean_username(self):
        username = self.cleaned_data["username"]
        existentes = get_user_model().objects.filter(username__iexact=username)
        if self.usuario is not None:
            existentes = existentes.exclude(pk=self.usuario.pk)
        if existentes.exists():
            raise forms.ValidationError(_("Ya existe un usuario con ese nombre."))
        return username

    def clean(self):
        datos = super().clean()
        p1, p2 = datos.get("password1"), datos.get("password2")
        if p1 or p2:
            if p1 != p2:
                self.add_error("password2", _("Las contraseñas no coinciden."))
            else:
                try:
                    password_validation.validate_password(p1, self.usuario)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return datos

    @transaction.atomic
    def save(self):
        datos = self.cleaned_data
        usuario = self.usuario or get_user_model()()
        usuario.username = datos["username"]
        usuario.first_name = datos["first_name"]
        usuario.last_name = datos["last_name"]
        usuario.email = datos["email"]
        usuario.is_active = datos["activo"] if self.usuario is not None else True
        usuario.is_staff = datos["rol"] in (ROL_EDITOR, ROL_RESPONSABLE)
        if datos.get("password1"):
            usuario.set_password(datos["password1"])
        usuario.save()
        otros = usuario.groups.exclude(name__in=ROLES)
        usuario.groups.set([*otros, Group.objects.get(name=datos["rol"])])
        PerfilUsuario.objects.update_or_create(
            usuario=usuario, defaults={"sede": datos["sede"], "canal": datos["canal"]}
        )
        return usuario
