"""Public pages of the briefing: briefings, agreements, priorities."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from publishing.views import crumbs, detail_page

from . import selectors
from .models import Agreement, Briefing


def briefing_detail(request, slug):
    def breadcrumbs(context):
        trail = [(section.title, section.get_absolute_url()) for section in context["ancestry"]]
        return crumbs(*trail, (context["briefing"].title, None))

    return detail_page(
        request, Briefing, slug, selectors.briefing_page, "briefing/briefing_detail.html", breadcrumbs
    )


def agreement_detail(request, slug):
    return detail_page(
        request,
        Agreement,
        slug,
        selectors.agreement_page,
        "briefing/agreement_detail.html",
        lambda context: crumbs((context["agreement"].short_title, None)),
    )


def priority_list(request):
    context = selectors.priorities_page()
    context["breadcrumbs"] = crumbs((_("Priorities of customs cooperation"), None))
    return render(request, "briefing/priority_list.html", context)


def briefing_archive(request):
    context = {
        "page": selectors.archive_page(request.GET.get("page")),
        "breadcrumbs": crumbs((_("Briefings"), None)),
    }
    return render(request, "briefing/briefing_archive.html", context)


def section_detail(request, slug):
    context = selectors.section_page(slug, request.GET.get("page"))
    trail = [(section.title, section.get_absolute_url()) for section in context["ancestry"]]
    context["breadcrumbs"] = crumbs(*trail)
    return render(request, "briefing/section_detail.html", context)


def agreement_list(request):
    context = {
        "agreements": selectors.agreement_list(),
        "breadcrumbs": crumbs((_("Agreements"), None)),
    }
    return render(request, "briefing/agreement_list.html", context)
