"""Attune's URLs: one include per app."""

from django.contrib import admin
from django.urls import include, path

from attune.today import views as today_views

urlpatterns = [
    path("", today_views.home, name="home"),
    path("today/", today_views.today, name="today"),
    path("privacy/", today_views.privacy, name="privacy"),
    path("account/", include("attune.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("partner/", include("attune.couples.urls")),
    path("journeys/", include("attune.journeys.urls")),
    path("assessments/", include("attune.assessments.urls")),
    path("journal/", include("attune.journal.urls")),
    path("cycle/", include("attune.cycles.urls")),
    path("practices/", include("attune.practices.urls")),
    path("care/", include("attune.care.urls")),
    path("safety/", include("attune.safety.urls")),
    path("admin/", admin.site.urls),
]
