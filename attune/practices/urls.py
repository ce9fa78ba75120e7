from django.urls import path

from attune.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.index, name="index"),
    path("coach/", views.coach, name="coach"),
    path("coach/check/", views.coach_check, name="coach_check"),
    path("speaker-listener/", views.speaker_listener, name="speaker_listener"),
    path("breathing/", views.breathing, name="breathing"),
    path("grounding/", views.grounding, name="grounding"),
    path("body-scan/", views.body_scan, name="body_scan"),
    path("rituals/", views.rituals, name="rituals"),
    path("rituals/library/<slug:slug>/", views.library_ritual, name="library_ritual"),
    path("rituals/library/<slug:slug>/adopt/", views.adopt, name="adopt"),
    path("rituals/library/<slug:slug>/propose/", views.propose, name="propose"),
    path("rituals/proposals/<uuid:proposal_id>/", views.proposal, name="proposal"),
    path("rituals/calendar.ics", views.calendar_download, name="calendar_download"),
    path("rituals/calendar-link/", views.calendar_link, name="calendar_link"),
    path("rituals/<uuid:ritual_id>/", views.ritual, name="ritual"),
    path("rituals/<uuid:ritual_id>/done/", views.ritual_done, name="ritual_done"),
    path("rituals/<uuid:ritual_id>/let-go/", views.ritual_let_go, name="ritual_let_go"),
    path("calendar/<slug:token>/attune.ics", views.calendar_feed, name="calendar_feed"),
]
