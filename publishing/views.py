"""Who sees what on the public detail pages: staff preview, per-language
publication, and old slugs.

- Signed-in, active staff who may change an item's model (Editors, Translators,
  superusers) preview every item (drafts, future dates, languages it is not
  published in) with a banner saying why readers do not see it. Responses to
  signed-in staff are marked `private, no-store`, so no cache (ours in
  newsroom/cache.py or a proxy) ever keeps a preview for a reader.
- A reader who asks for an item in a language it is not published in gets a
  notice in that language, with links to the languages it is published in:
  HTTP 404 (the page does not exist in this language; search engines do not
  index it), `noindex`, and no hreflang alternates.
- A slug that was changed answers 301 to the item's current URL, in the
  language of the request (SlugRedirect rows are written when a slug changes,
  see publishing.models.record_slug_change).

`public_page` marks the views whose anonymous responses the site's page cache
(newsroom/cache.py) may keep; `crumbs` builds a page's breadcrumb trail.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from .models import PublishStatus, SlugRedirect


def public_page(view):
    """Mark a view whose anonymous GET responses may be cached (newsroom/cache.py). A public page
    is read only: GET and HEAD; any other method (OPTIONS, TRACE, POST ...) gets 405."""

    @wraps(view)
    @require_safe
    def wrapper(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapper.public_page_cache = True
    return wrapper


def crumbs(*items):
    """The breadcrumb trail: Home, then (label, url) pairs; the last one is the current page."""
    trail = [{"label": gettext_lazy("Home"), "url": reverse("newsroom:home")}]
    trail += [{"label": label, "url": url} for label, url in items]
    trail[-1]["url"] = None
    return trail


def may_preview(request, model):
    """Whether this request may see unpublished items of `model`: signed-in, active staff who may
    change it (Editors, Translators, superusers), not Registrars or staff without a role."""
    user = getattr(request, "user", None)
    if user is None or not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")


def preview_reason(item, language=None):
    """Why readers of `language` do not see `item`, or None when they do."""
    if item.status != PublishStatus.PUBLISHED:
        return _("Draft: readers do not see this page.")
    if item.published_at > timezone.now():
        when = date_format(timezone.localtime(item.published_at), "DATETIME_FORMAT")
        return _("Scheduled: readers see this page from %(date)s.") % {"date": when}
    if not item.is_published_in(language):
        return _("Not published in this language: readers of this language do not see this page.")
    return None


def private_for_staff(request, response):
    """Never let a cache keep what signed-in staff were shown."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        patch_cache_control(response, private=True, no_store=True)
    return response


def detail_page(request, model, slug, page, template, breadcrumbs):
    """A public detail page of `model`: `page(slug, preview=...)` reads it (raising Http404 when no
    visible item has `slug`, answered by `unavailable`), `breadcrumbs(context)` gives its trail, and
    the response carries the preview banner or language switch and stays private for staff."""
    preview = may_preview(request, model)
    try:
        context = page(slug, preview=preview)
    except Http404:
        return unavailable(request, model, slug, preview)
    context["breadcrumbs"] = breadcrumbs(context)
    item = context[model._meta.model_name]
    if preview:
        context["preview_notice"] = preview_reason(item)
    else:
        context["page_languages"] = item.published_languages()
    return private_for_staff(request, render(request, template, context))


def unavailable(request, model, slug, preview=False):
    """The answer when no visible `model` has `slug`: the language notice, a 301 from an old slug, or 404."""
    current = translation.get_language()
    elsewhere = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        item = model.objects.published(code).filter(slug=slug).first()
        if item is not None:
            with translation.override(code):
                elsewhere.append(
                    {
                        "code": code,
                        "name_local": translation.get_language_info(code)["name_local"],
                        "title": str(item),
                        "url": item.get_absolute_url(),
                    }
                )
    if elsewhere:
        context = {
            "alternatives": elsewhere,
            "is_error_page": True,
            "page_languages": [alt["code"] for alt in elsewhere],
            "breadcrumbs": None,
        }
        return render(request, "publishing/not_in_language.html", context, status=404)
    redirect = SlugRedirect.objects.filter(
        content_type=ContentType.objects.get_for_model(model), old_slug=slug
    ).first()
    if redirect is not None:
        target = model.objects.filter(pk=redirect.object_id).first()
        if target is not None and (preview or target.published_languages()):
            return HttpResponsePermanentRedirect(target.get_absolute_url())
    raise Http404
