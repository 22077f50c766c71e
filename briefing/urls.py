from django.urls import path

from publishing.views import public_page

from . import views

app_name = "briefing"

# public_page: anonymous readers get these from the page cache (newsroom/cache.py).
urlpatterns = [
    path("briefings/", public_page(views.briefing_archive), name="briefing_archive"),
    path("sections/<slug:slug>/", public_page(views.section_detail), name="section_detail"),
    path("agreements/", public_page(views.agreement_list), name="agreement_list"),
    path("briefings/<slug:slug>/", public_page(views.briefing_detail), name="briefing_detail"),
    path("agreements/<slug:slug>/", public_page(views.agreement_detail), name="agreement_detail"),
    path("priorities/", public_page(views.priority_list), name="priorities"),
]
