from django.urls import path

from publishing.views import public_page

from . import views
from .statistics import statistics_view

app_name = "symposia"

urlpatterns = [
    path("", public_page(views.symposium_list), name="symposium_list"),
    path("statistics/", statistics_view, name="statistics"),
    path("<slug:slug>/", public_page(views.symposium_detail), name="symposium_detail"),
]
