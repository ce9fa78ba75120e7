from django.urls import path

from attune.journeys import views

app_name = "journeys"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("<slug:slug>/", views.journey_detail, name="journey"),
    path("<slug:slug>/start/", views.start, name="start"),
    path("<slug:slug>/status/", views.change_status, name="status"),
    path("<slug:slug>/progress/", views.progress, name="progress"),
    path("<slug:slug>/day/<int:number>/", views.day, name="day"),
    path("<slug:slug>/day/<int:number>/together/", views.conversation, name="conversation"),
    path(
        "<slug:slug>/day/<int:number>/answers/<int:question>/",
        views.autosave,
        name="autosave",
    ),
]
