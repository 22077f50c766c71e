"""The public feedback form (网站留言)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    # Our own wording: Django's Chinese catalog says "输入一个有效的 Email 地址。", which reads as a
    # translation, not as a Chinese newsroom would ask.
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        error_messages={"invalid": _("Please enter a valid e-mail address.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # The honeypot: hidden from people (CSS and the accessibility tree), filled in by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        for field in self.fields.values():
            field.error_messages["required"] = _("Please fill in this field.")

    @property
    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
