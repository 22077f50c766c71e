"""ORM querysets compiled to SQL once per process, run with fresh parameter values on every call.

Why: on the public pages, building and compiling a queryset (filters, Meta.ordering,
modeltranslation's rewriting) costs ten times more than running its SQL, and turning
rows into model instances through `Model.__init__` (with modeltranslation's descriptors)
costs as much again. A `PreparedQuery` is written as an ordinary queryset, so the
visibility rules stay in one place (`PublishableQuerySet.published()`), and:

- it is compiled the first time it runs for a (database alias, vendor, active language):
  modeltranslation makes the SQL language-dependent (`publish_zh_hans`, `name_zh_hans`
  in ORDER BY), so a language never gets another language's SQL;
- the values that change between calls (a slug, a pk, the time that `published()`
  compares with) are declared as parameters. The builder is called once with unique
  sentinel values, and their positions in the compiled parameter list are found and
  remembered (a datetime is found in the form the backend adapts it to: a string on
  SQLite, the datetime itself on PostgreSQL). Compiling fails loudly when a declared
  parameter is missing from the parameters or spelled out in the SQL, and when a
  datetime is left in the parameters that is not a declared one (a `timezone.now()`
  frozen into the SQL would hide new items forever);
- every call runs the SQL against the database: results are never kept, so what staff
  change shows at once;
- rows become model instances (the same classes, the same attributes and methods) by
  filling their `__dict__`, as `Model.__init__` would, with the backend's converters
  applied, and `select_related()` joins are mapped with the compiler's own column map.
  A model whose construction does more than that (its own `__init__`, `pre_init` or
  `post_init` receivers other than modeltranslation's) goes through `Model.from_db`.

Staff previews and rarely used paths keep using the ORM directly.
"""

import datetime
import re
import weakref
from types import SimpleNamespace

from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesListIterable
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.http import Http404
from django.utils import timezone, translation
from modeltranslation.fields import TranslationFieldDescriptor

_ALL = weakref.WeakSet()

# A datetime that is not a declared parameter, in any form a backend gives it.
_DATETIME_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")


class PreparedQueryError(Exception):
    """A queryset that cannot be prepared safely (see the module's docstring)."""


def _sentinel(kind, index):
    """A value for parameter number `index` that no real query contains."""
    if kind is str:
        return f"prepared-sentinel-{index}-7c1f9d3e"
    if kind is int:
        return 2_000_000_000 + 7919 * (index + 1)
    if kind is datetime.datetime:
        return datetime.datetime(1901, 2, 3, 4, 5, 6, 100_000 + 7 * index, tzinfo=datetime.UTC)
    raise PreparedQueryError(f"parameter kind {kind!r} is not supported (str, int, datetime.datetime)")


def _identity(value, connection):
    return value


def _adapt_datetime(value, connection):
    return connection.ops.adapt_datetimefield_value(value)


def _forms(kind, sentinel, connection):
    """(value as it appears in compiled params, how to turn a run-time value into that form)."""
    forms = [(sentinel, _identity)]
    if kind is datetime.datetime:
        adapted = connection.ops.adapt_datetimefield_value(sentinel)
        if adapted != sentinel:
            forms.append((adapted, _adapt_datetime))
    return forms


def _plain_construction(model):
    """Whether filling `__dict__` builds the same instance as `Model.from_db` for `model`."""
    for klass in model.__mro__:
        if klass is Model:
            break
        init = klass.__dict__.get("__init__")
        if init is not None and getattr(init, "__module__", "") != "modeltranslation.translator":
            return False
        if "from_db" in klass.__dict__:
            return False
    if pre_init.has_listeners(model):
        return False
    try:
        sync_receivers, async_receivers = post_init._live_receivers(model)
    except Exception:  # noqa: BLE001 - a Django without this private API: take the safe path
        return False
    for receiver in list(sync_receivers) + list(async_receivers):
        # modeltranslation's only removes the `_mt_init` flag its __init__ sets (we never set it).
        if getattr(receiver, "__module__", "") != "modeltranslation.translator":
            return False
    return True


def _class_attribute(model, name):
    for klass in model.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return None


class _ModelPlan:
    """How to build one model's instances from row slices (and those of its select_related joins)."""

    def __init__(self, klass_info, select, annotation_col_map=None):
        self.model = model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        if list(fields) != list(range(self.start, self.end)):
            raise PreparedQueryError(f"{model.__name__}: its columns are not contiguous")
        self.attnames = [select[i][0].target.attname for i in fields]
        self.pk_index = self.attnames.index(model._meta.pk.attname)
        self.annotations = sorted((annotation_col_map or {}).items(), key=lambda pair: pair[1])
        self.fast = _plain_construction(model)
        self.direct, self.through_setattr = [], []
        for position, attname in enumerate(self.attnames):
            attribute = _class_attribute(model, attname)
            if attribute is None or isinstance(attribute, DeferredAttribute | TranslationFieldDescriptor):
                if isinstance(attribute, TranslationFieldDescriptor) and attribute.field.is_relation:
                    self.fast = False
                self.direct.append(attname)
            else:
                self.through_setattr.append((position, attname))
        self.related = []
        for info in klass_info.get("related_klass_infos", []):
            self.related.append((_ModelPlan(info, select), info["local_setter"], info["remote_setter"]))

    def build(self, row, alias):
        values = row[self.start : self.end]
        if self.fast:
            obj = self.model.__new__(self.model)
            obj.__dict__.update(zip(self.attnames, values, strict=True))
            for position, attname in self.through_setattr:
                setattr(obj, attname, values[position])
            state = obj._state = ModelState()
            state.adding = False
            state.db = alias
        else:
            obj = self.model.from_db(alias, self.attnames, values)
        for name, index in self.annotations:
            setattr(obj, name, row[index])
        for plan, local_setter, remote_setter in self.related:
            related = plan.build(row, alias)
            if related.pk is None:
                related = None
            local_setter(obj, related)
            if related is not None:
                remote_setter(related, obj)
        return obj


class _Compiled:
    def __init__(self, sql, params, substitutions, converters, plan, flat):
        self.sql = sql
        self.params = params
        self.substitutions = substitutions
        self.converters = converters
        self.plan = plan
        self.flat = flat


class PreparedQuery:
    """A queryset built by `build(p)` (`p` has one attribute per declared parameter), compiled once
    per (alias, vendor, language) and run with the values given to `all()` / `first()`.

        PUBLISHED_BY_SLUG = PreparedQuery(
            "briefing-by-slug",
            lambda p: Briefing.objects.published(now=p.now).filter(slug=p.slug),
            slug=str,
            now=datetime.datetime,
        )
        PUBLISHED_BY_SLUG.first(slug="...")  # `now` defaults to timezone.now()

    A query of model instances gives instances (with annotations and select_related objects);
    a `values_list()` query gives tuples (or values, with flat=True).
    """

    def __init__(self, name, build, **parameters):
        self.name = name
        self.build = build
        self.parameters = parameters
        self._compiled = {}
        _ALL.add(self)

    def __repr__(self):
        return f"<PreparedQuery {self.name}>"

    def clear(self):
        self._compiled = {}

    def compiled(self, using=DEFAULT_DB_ALIAS):
        connection = connections[using]
        key = (using, connection.vendor, translation.get_language())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(connection, using)
        return compiled

    def _compile(self, connection, using):
        sentinels = {name: _sentinel(kind, i) for i, (name, kind) in enumerate(self.parameters.items())}
        queryset = self.build(SimpleNamespace(**sentinels))
        iterable = queryset._iterable_class
        if iterable not in (ModelIterable, ValuesListIterable, FlatValuesListIterable):
            # e.g. modeltranslation's fallback values: its rows are not plain columns.
            raise PreparedQueryError(f"{self.name}: {iterable.__name__} is not supported")
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        params = list(params)
        substitutions = []
        for name, kind in self.parameters.items():
            found = False
            for form, adapt in _forms(kind, sentinels[name], connection):
                if isinstance(form, str) and form in sql:
                    raise PreparedQueryError(f"{self.name}: parameter {name!r} is written into the SQL")
                for index, value in enumerate(params):
                    if type(value) is type(form) and value == form:
                        substitutions.append((index, name, adapt))
                        found = True
            if not found:
                raise PreparedQueryError(f"{self.name}: parameter {name!r} is not among the SQL's parameters")
        replaced = {index for index, _name, _adapt in substitutions}
        for index, value in enumerate(params):
            if index in replaced:
                continue
            if isinstance(value, datetime.date) or (isinstance(value, str) and _DATETIME_TEXT.match(value)):
                raise PreparedQueryError(
                    f"{self.name}: the date or time {value!r} would be frozen into the SQL: "
                    "make it a declared parameter"
                )
        converters = [
            (index, functions, expression)
            for index, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _alias in compiler.select]
            ).items()
        ]
        plan = None
        if iterable is ModelIterable:
            plan = _ModelPlan(compiler.klass_info, compiler.select, compiler.annotation_col_map)
        return _Compiled(sql, params, substitutions, converters, plan, iterable is FlatValuesListIterable)

    def rows(self, using=DEFAULT_DB_ALIAS, **values):
        """The converted rows (lists), straight from the database."""
        compiled = self.compiled(using)
        connection = connections[using]
        if "now" in self.parameters and values.get("now") is None:
            values["now"] = timezone.now()
        params = list(compiled.params)
        for index, name, adapt in compiled.substitutions:
            params[index] = adapt(values[name], connection)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        if compiled.converters:
            converted = []
            for row in rows:
                row = list(row)
                for index, functions, expression in compiled.converters:
                    value = row[index]
                    for function in functions:
                        value = function(value, expression, connection)
                    row[index] = value
                converted.append(row)
            rows = converted
        return rows

    def all(self, using=DEFAULT_DB_ALIAS, **values):
        """A list of model instances (or tuples / values for a values_list query)."""
        compiled = self.compiled(using)
        rows = self.rows(using, **values)
        if compiled.plan is not None:
            build = compiled.plan.build
            return [build(row, using) for row in rows]
        if compiled.flat:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def first(self, using=DEFAULT_DB_ALIAS, **values):
        """The first result, or None. The query should select one row at most (a slug, a pk)."""
        results = self.all(using, **values)
        return results[0] if results else None

    def get_or_404(self, using=DEFAULT_DB_ALIAS, **values):
        """The first result; Http404 when there is none."""
        result = self.first(using, **values)
        if result is None:
            raise Http404(f"{self.name}: no result.")
        return result


def clear_all():
    """Forget every compiled query (the next call compiles again)."""
    for query in list(_ALL):
        query.clear()


def _settings_changed(setting, **kwargs):
    # Tests override settings (languages, time zone, databases): the SQL may differ afterwards.
    clear_all()


setting_changed.connect(_settings_changed, dispatch_uid="briefing-prepared-queries")
