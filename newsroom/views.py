"""The newsroom's site-wide public pages: the root redirect, home, search, the human site map,
feedback, robots.txt, the error pages, and the constant view the benchmark compares against
(mounted only with NEWSROOM_BENCH=1)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import (
    HttpResponse,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from publishing.views import crumbs, public_page

from . import search as site_search
from . import selectors
from .feedback import RateLimited, submit_feedback
from .forms import FeedbackForm


@require_safe
def language_redirect(request):
    """`/`: send the reader to their language (Accept-Language, or the language cookie); English otherwise."""
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        target = reverse("newsroom:home")
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@public_page
def home(request):
    context = selectors.home_page()
    context["breadcrumbs"] = crumbs()
    return render(request, "newsroom/home.html", context)


RESULTS_PER_PAGE = 10


@public_page
def search(request):
    query = site_search.Query.parse(request.GET.get("q", ""))
    results = site_search.search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for result in page.object_list:
        result.title_pieces = site_search.highlight(result.title, query.terms)
        result.snippet_pieces = site_search.highlight(
            result.snippet_source(query.terms), query.terms, limit=site_search.SNIPPET_CHARS
        )
    context = {
        "query": query,
        "page": page,
        "result_count": len(results),
        "previous_url": site_search.search_url(query.text, page.previous_page_number())
        if page.has_previous()
        else None,
        "next_url": site_search.search_url(query.text, page.next_page_number()) if page.has_next() else None,
        "max_length": site_search.MAX_QUERY_LENGTH,
        # Nothing here, but the same words find something in the other language: say so and link there.
        "elsewhere": site_search.in_other_languages(query) if not results else [],
        "breadcrumbs": crumbs((_("Search"), None)),
    }
    return render(request, "newsroom/search.html", context)


@public_page
def site_map(request):
    context = selectors.site_map_page()
    context["breadcrumbs"] = crumbs((_("Site map"), None))
    return render(request, "newsroom/site_map.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request):
    form = FeedbackForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        try:
            submit_feedback(form=form, request=request)
        except RateLimited:
            limited = True
        else:
            return HttpResponseRedirect(reverse("newsroom:feedback_thanks"))
    context = {
        "form": form,
        "rate_limited": limited,
        "breadcrumbs": crumbs((_("Leave a message"), None)),
    }
    return render(request, "newsroom/feedback.html", context, status=429 if limited else 200)


@public_page
def feedback_thanks(request):
    context = {
        "breadcrumbs": crumbs((_("Leave a message"), reverse("newsroom:feedback")), (_("Thank you"), None))
    }
    return render(request, "newsroom/feedback_thanks.html", context)


@public_page
def robots_txt(request):
    context = {"sitemap_url": settings.SITE_URL + reverse("sitemap_xml")}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page names: the emblem."""
    return HttpResponsePermanentRedirect(static("img/emblem.svg"))


def page_not_found(request, exception=None):
    """404 in the reader's language (LocaleMiddleware has activated it from the URL prefix)."""
    context = {"breadcrumbs": crumbs((_("Page not found"), None)), "is_error_page": True}
    body = loader.render_to_string("404.html", context, request=request)
    return HttpResponseNotFound(body)


def server_error(request):
    """500 without the database: a static template, no context processors, language from the URL."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"language": language, "home_url": reverse("newsroom:home")}
        body = loader.get_template("500.html").render(context)
    return HttpResponseServerError(body)


def bench_constant(request):
    """The benchmark's baseline: Django's full middleware stack and nothing else (no template, no query)."""
    return HttpResponse(b"ok", content_type="text/plain")


def bench_enabled():
    return getattr(settings, "NEWSROOM_BENCH", False)
