from django import forms
from django.utils.translation import gettext_lazy as _

from symposia.models import Symposium


class AttendeeImportForm(forms.Form):
    symposium = forms.ModelChoiceField(label=_("Symposium"), queryset=Symposium.objects.order_by("ordinal"))
    # An empty file is refused by the import itself, which records the refusal.
    file = forms.FileField(
        allow_empty_file=True,
        label=_("File"),
        help_text=_("CSV, TSV, XLSX, ODS, flat ODS or JSON; headers in English or Chinese."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("auto", _("Recognise automatically")),
            ("csv", "CSV"),
            ("tsv", _("TSV (tab-separated, Excel “Unicode text”)")),
            ("xlsx", "XLSX (Excel)"),
            ("ods", "ODS (LibreOffice)"),
            ("fods", _("Flat ODS (LibreOffice .fods)")),
            ("json", "JSON"),
        ],
        initial="auto",
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_(
            "For XLSX and ODS: the sheet's name or number (1 for the first). "
            "Leave empty to read the first sheet that has a header row."
        ),
    )
    encoding = forms.ChoiceField(
        label=_("Text encoding"),
        help_text=_("For CSV, TSV and JSON only."),
        choices=[
            ("auto", _("Recognise automatically")),
            ("utf-8", "UTF-8"),
            ("gb18030", _("GB18030 / GBK (Chinese Excel)")),
            ("utf-16", _("UTF-16 (Excel “Unicode text”)")),
        ],
        initial="auto",
    )
    only_valid = forms.BooleanField(
        label=_("Import only the valid rows"),
        required=False,
        help_text=_("Otherwise one rejected row means nothing is written."),
    )
    create_organizations = forms.BooleanField(
        label=_("Create missing organizations"),
        required=False,
        help_text=_("Otherwise rows naming an unknown organization are rejected."),
    )
    accept_question_marks = forms.BooleanField(
        label=_("Accept names with “?” as written"),
        required=False,
        help_text=_(
            "A “?” inside a word of a name or organization usually means letters were lost when the file "
            "was saved, and such rows are rejected: save the list as UTF-8 CSV or XLSX instead. Tick this "
            "only when the “?” is really written in the name."
        ),
    )
