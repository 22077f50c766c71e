from django.urls import path

from . import views

app_name = "symposia"

urlpatterns = [
    path("", views.symposium_list, name="symposium_list"),
    path("<slug:slug>/", views.symposium_detail, name="symposium_detail"),
]
