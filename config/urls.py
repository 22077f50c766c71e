from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from config.health import healthz
from newsroom import views as newsroom_views
from newsroom.sitemaps import SITEMAPS
from publishing.admin import translation_status_view
from publishing.views import public_page


def serve_media(request, path):
    # MEDIA_ROOT read per request, not frozen in the URLconf: tests give each test its own folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("", newsroom_views.language_redirect, name="root"),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("robots.txt", newsroom_views.robots_txt, name="robots_txt"),
    path("favicon.ico", newsroom_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("library/", include("library.urls")),
    path(
        "admin/translation-status/",
        admin.site.admin_view(translation_status_view),
        name="translation_status",
    ),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("newsroom.urls")),
    path("", include("briefing.urls")),
    path("symposia/", include("symposia.urls")),
    prefix_default_language=True,
)

if settings.SERVE_MEDIA:  # make run and the tests; a deployment's proxy or object storage serves media
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve_media))

if settings.NEWSROOM_BENCH:  # bench/pages.py: the bare-Django baseline on the same server
    urlpatterns.append(path("bench/constant", newsroom_views.bench_constant, name="bench_constant"))

handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"
