from django.urls import path

from . import views

app_name = "briefing"

urlpatterns = [
    path("", views.home, name="home"),
    path("briefings/<slug:slug>/", views.briefing_detail, name="briefing_detail"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement_detail"),
    path("priorities/", views.priority_list, name="priorities"),
]
