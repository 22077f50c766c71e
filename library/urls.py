from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("images/<int:pk>/", views.image, name="image"),
    path("documents/<int:pk>/", views.document, name="document"),
]
