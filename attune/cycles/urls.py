from django.urls import path

from attune.cycles import views

app_name = "cycles"
urlpatterns = [
    path("", views.map_page, name="map"),
    path("ready/", views.ready, name="ready"),
    path("plan/", views.plan, name="plan"),
    path("alone/", views.alone, name="solo"),
    path("sides/<uuid:side_id>/history/", views.history, name="history"),
]
