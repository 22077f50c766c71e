from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from briefing import views as briefing_views
from briefing.workflow_admin import translation_status_view
from config.health import healthz

urlpatterns = [
    path("", briefing_views.language_redirect, name="root"),
    path("healthz", healthz, name="healthz"),
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

handler404 = "briefing.views.page_not_found"
handler500 = "briefing.views.server_error"
