"""Training for mentors and facilitators, for signed-in members."""

from django.urls import URLPattern, path

from . import views

app_name = "training"

urlpatterns: list[URLPattern] = [
    path("training/", views.training_index, name="index"),
    path("training/<slug:course>/", views.course_detail, name="course"),
    path("training/<slug:course>/<slug:slug>/", views.module_detail, name="module"),
]
