from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from briefing import site_views
from briefing import views as briefing_views
from briefing.cache import public_page
from briefing.sitemaps import SITEMAPS
from briefing.workflow_admin import translation_status_view
from config.health import healthz

urlpatterns = [
    path("", briefing_views.language_redirect, name="root"),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "admin/translation-status/",
        admin.site.admin_view(translation_status_view),
        name="translation_status",
    ),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("briefing.urls")),
    path("symposia/", include("symposia.urls")),
    prefix_default_language=True,
)

if settings.NEWSROOM_BENCH:  # bench/pages.py: the bare-Django baseline on the same server
    urlpatterns.append(path("bench/constant", site_views.bench_constant, name="bench_constant"))

handler404 = "briefing.views.page_not_found"
handler500 = "briefing.views.server_error"
