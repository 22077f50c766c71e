"""Public pages of the symposium series: the list and one symposium (counts only, never people)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from briefing import publishing
from briefing.views import crumbs

from . import selectors
from .models import Symposium


@require_safe
def symposium_list(request):
    context = {
        "symposia": selectors.symposium_list(),
        "breadcrumbs": crumbs((_("Symposia"), None)),
    }
    return render(request, "symposia/symposium_list.html", context)


@require_safe
def symposium_detail(request, slug):
    try:
        context = selectors.symposium_page(slug, preview=publishing.staff_preview(request))
    except Http404:
        return publishing.unavailable(request, Symposium, slug)
    context["breadcrumbs"] = crumbs(
        (_("Symposia"), reverse("symposia:symposium_list")),
        (context["symposium"].title, None),
    )
    context.update(publishing.page_context(request, context["symposium"]))
    return publishing.private_for_staff(request, render(request, "symposia/symposium_detail.html", context))
