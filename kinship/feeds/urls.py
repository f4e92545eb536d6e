from django.urls import path

from . import views

app_name = "feeds"

urlpatterns = [
    path("meetings.json", views.meetings_json, name="meetings-json"),
]
