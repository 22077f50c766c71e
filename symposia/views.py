"""Public pages of the symposium series: the list and one symposium (counts only, never people)."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from publishing.views import crumbs, detail_page

from . import selectors
from .models import Symposium


def symposium_list(request):
    context = {
        "symposia": selectors.symposium_list(),
        "breadcrumbs": crumbs((_("Symposia"), None)),
    }
    return render(request, "symposia/symposium_list.html", context)


def symposium_detail(request, slug):
    return detail_page(
        request,
        Symposium,
        slug,
        selectors.symposium_page,
        "symposia/symposium_detail.html",
        lambda context: crumbs(
            (_("Symposia"), reverse("symposia:symposium_list")),
            (context["symposium"].title, None),
        ),
    )
