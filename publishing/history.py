"""What a version changed, in words an editor recognizes.

A content item's version (django-reversion) is saved together with the versions
of the rows it follows (a briefing's results and sections, a symposium's
participants): a change to a result is a change to the briefing. So the fields
changed and the comparison cover the item's own fields and those rows: added,
removed and changed ones, each named by what it says ("Result «(2) …»").

Values are shown as a reader knows them: a section by its title, a tick as
"yes"/"no", a choice by its label, a date in the staff language's format,
formatted text as its words.
"""

import datetime
import difflib
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from reversion.models import Version

from .text import plain_text

# Words, runs of white space, and single Chinese characters (Chinese has no spaces).
TOKENS = re.compile(r"\s+|[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+")
INITIAL_COMMENT = _("Initial version")


def _compared(model, field_dict):
    """The fields worth comparing: not the untranslated originals that mirror the
    English column (modeltranslation), nor the last-changed stamp."""
    skip = {"updated_at"}
    if model in translator.get_registered_models():
        skip |= set(translator.get_options_for_model(model).fields)
    return {name: value for name, value in field_dict.items() if name not in skip}


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        # field_dict names a foreign key by its column (section_id).
        for field in model._meta.concrete_fields:
            if field.attname == name:
                return field
    return None


def field_label(model, name):
    field = _field(model, name)
    return str(field.verbose_name) if field is not None else name


def display_value(model, name, value):
    """`value` of field `name` as a reader would recognize it."""
    field = _field(model, name)
    if value is None or value == "" or field is None:
        return "" if value is None else str(value)
    if isinstance(field, models.BooleanField):
        return gettext("yes") if value else gettext("no")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ManyToManyField):
        names = {str(obj.pk): str(obj) for obj in field.related_model._default_manager.filter(pk__in=value)}
        return ", ".join(names.get(str(pk), f"#{pk}") for pk in value)
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(field, models.TextField):
        return plain_text(value)
    return str(value)


def _diff(old, new):
    """Word-level (character-level for Chinese) difference: (kind, text) pieces, kind being
    "same", "removed" or "added"; the comparison's template marks them up."""
    old = TOKENS.findall(old)
    new = TOKENS.findall(new)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    pieces = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(old[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(("removed", "".join(old[a1:a2])))
        if b2 > b1:
            pieces.append(("added", "".join(new[b1:b2])))
    return pieces


def _rows(version):
    """The other versions saved in `version`'s revision (the rows it follows), by object.
    Reads the revision's versions as versions_of(..., with_rows=True) prefetched them."""
    if version is None:
        return {}
    others = version.revision.version_set.all()
    return {(other.content_type_id, other.object_id): other for other in others if other.pk != version.pk}


def _row_model(other):
    # ContentType's own cache: no query per row, whether or not the versions were prefetched.
    return ContentType.objects.get_for_id(other.content_type_id).model_class()


def _row_name(other):
    return f"{str(_row_model(other)._meta.verbose_name).capitalize()} «{other.object_repr}»"


def _row_event(name, kind, words):
    return {"name": kind, "label": name, "kind": kind, "old": "", "new": words, "diff": []}


def _field_changes(model, old_dict, new_dict, prefix="", first=False, values=True):
    old, new = _compared(model, old_dict or {}), _compared(model, new_dict)
    changes = []
    for name, value in new.items():
        before = old.get(name)
        if not first and before == value:
            continue
        label = field_label(model, name)
        change = {"name": name, "label": f"{prefix}: {label}" if prefix else label, "kind": "field"}
        if values:
            before_text = display_value(model, name, before)
            after_text = display_value(model, name, value)
            change.update(old=before_text, new=after_text, diff=_diff(before_text, after_text))
        changes.append(change)
    return changes


def comparison_rows(model, previous, version, values=True):
    """One row per changed field of the item and of each row it follows (added, removed or
    changed): label, the old value, the new value, and the difference. The first version
    lists every field as it was first saved. Without `values`, a changed field's row has
    only its label (no related rows read, no difference computed)."""
    first = previous is None
    rows = _field_changes(
        model, previous.field_dict if previous else {}, version.field_dict, first=first, values=values
    )
    if first:
        return rows
    old_rows, new_rows = _rows(previous), _rows(version)
    for key, other in new_rows.items():
        row_model = _row_model(other)
        before = old_rows.get(key)
        name = _row_name(other)
        if before is None:
            rows.append(_row_event(name, "added", gettext("added")))
            continue
        rows.extend(
            _field_changes(row_model, before.field_dict, other.field_dict, prefix=name, values=values)
        )
    for key, other in old_rows.items():
        if key not in new_rows:
            rows.append(_row_event(_row_name(other), "removed", gettext("removed")))
    return rows


def changed_fields(model, previous, version):
    """The labels of what `version` changed against `previous`: the item's fields and its rows'."""
    if previous is None:
        return []
    return [
        row["label"] if row["kind"] == "field" else f"{row['label']} ({row['new']})"
        for row in comparison_rows(model, previous, version, values=False)
    ]


def versions_of(model, object_id, with_rows=False):
    """The versions of one object, oldest first; `with_rows`: with the versions of the rows
    saved with each (one query for all, as the history list compares every version)."""
    versions = (
        Version.objects.get_for_object_reference(model, object_id)
        .select_related("revision", "revision__user")
        .order_by("revision__date_created", "pk")
    )
    if with_rows:
        versions = versions.prefetch_related("revision__version_set")
    return list(versions)


def create_initial_versions(models_in_order, using="default", verbosity=0):
    """A starting version for every object of these models that has none yet (seed content,
    content from before history existed, imported content), so that the first edit can be
    compared with it and undone. Parents come first, so their rows join their revision."""
    labels = [model._meta.label for model in models_in_order]
    call_command(
        "createinitialrevisions",
        *labels,
        comment=str(INITIAL_COMMENT),
        using=using,
        model_db=using,
        verbosity=verbosity,
    )
