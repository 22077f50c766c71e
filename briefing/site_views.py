"""The newsroom's site-wide public pages: search, the human site map, feedback, robots.txt, and
the constant view the benchmark compares against (mounted only with NEWSROOM_BENCH=1)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import search as site_search
from . import sitemaps
from .cache import public_page
from .feedback import RateLimited, submit_feedback
from .forms import FeedbackForm
from .views import crumbs

RESULTS_PER_PAGE = 10


@public_page
@require_safe
def search(request):
    query = site_search.Query.parse(request.GET.get("q", ""))
    results = site_search.search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for result in page.object_list:
        result.title_html = site_search.highlight(result.title, query.terms)
        result.snippet_html = site_search.highlight(
            result.snippet_source, query.terms, limit=site_search.SNIPPET_CHARS
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
        "breadcrumbs": crumbs((_("Search"), None)),
    }
    return render(request, "briefing/search.html", context)


@public_page
@require_safe
def site_map(request):
    context = sitemaps.site_map_page()
    context["breadcrumbs"] = crumbs((_("Site map"), None))
    return render(request, "briefing/site_map.html", context)


@never_cache
def feedback(request):
    form = FeedbackForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        try:
            submit_feedback(form=form, request=request)
        except RateLimited:
            limited = True
        else:
            return HttpResponseRedirect(reverse("briefing:feedback_thanks"))
    context = {
        "form": form,
        "rate_limited": limited,
        "breadcrumbs": crumbs((_("Leave a message"), None)),
    }
    return render(request, "briefing/feedback.html", context, status=429 if limited else 200)


@public_page
@require_safe
def feedback_thanks(request):
    context = {
        "breadcrumbs": crumbs((_("Leave a message"), reverse("briefing:feedback")), (_("Thank you"), None))
    }
    return render(request, "briefing/feedback_thanks.html", context)


@public_page
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_xml'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def bench_constant(request):
    """The benchmark's baseline: Django's full middleware stack and nothing else (no template, no query)."""
    return HttpResponse(b"ok", content_type="text/plain")


def bench_enabled():
    return getattr(settings, "NEWSROOM_BENCH", False)
