"""Public pages of the newsroom: the root redirect, home, briefings, agreements, priorities, errors."""

from django.conf import settings
from django.http import HttpResponseNotFound, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import publishing, selectors
from .models import Agreement, Briefing
from .templatetags.newsroom import bcp47
from .urlcache import cached_reverse


def crumbs(*items):
    """The breadcrumb trail: Home, then (label, url) pairs; the last one is the current page."""
    trail = [{"label": _("Home"), "url": cached_reverse("briefing:home")}]
    trail += [{"label": label, "url": url} for label, url in items]
    trail[-1]["url"] = None
    return trail


@require_safe
def language_redirect(request):
    """`/`: send the reader to their language (Accept-Language, or the language cookie); English otherwise."""
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        target = reverse("briefing:home")
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
def home(request):
    context = selectors.home_page()
    context["breadcrumbs"] = crumbs()
    return render(request, "briefing/home.html", context)


@require_safe
def briefing_detail(request, slug):
    def breadcrumbs(context):
        trail = [(section.title, None) for section in context["ancestry"]]
        return crumbs(*trail, (context["briefing"].title, None))

    return publishing.detail_page(
        request, Briefing, slug, selectors.briefing_page, "briefing/briefing_detail.html", breadcrumbs
    )


@require_safe
def agreement_detail(request, slug):
    return publishing.detail_page(
        request,
        Agreement,
        slug,
        selectors.agreement_page,
        "briefing/agreement_detail.html",
        lambda context: crumbs((context["agreement"].short_title, None)),
    )


@require_safe
def priority_list(request):
    priorities = list(selectors.priorities())
    instruments = {}
    for priority in priorities:
        for instrument in priority.instrument_list:
            instruments.setdefault(instrument.pk, instrument)
    context = {
        "priorities": priorities,
        "instruments": sorted(instruments.values(), key=lambda i: (i.order, i.pk)),
        "breadcrumbs": crumbs((_("Priorities of customs cooperation"), None)),
    }
    return render(request, "briefing/priority_list.html", context)


def page_not_found(request, exception=None):
    """404 in the reader's language (LocaleMiddleware has activated it from the URL prefix)."""
    context = {"breadcrumbs": crumbs((_("Page not found"), None)), "is_error_page": True}
    body = loader.render_to_string("404.html", context, request=request)
    return HttpResponseNotFound(body)


def server_error(request):
    """500 without the database: a static template, no context processors, language from the URL."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"html_lang": bcp47(language), "home_url": reverse("briefing:home")}
        body = loader.get_template("500.html").render(context)
    return HttpResponseServerError(body)
