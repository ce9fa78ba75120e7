from django.urls import path

from attune.couples import views

app_name = "couples"
urlpatterns = [
    path("", views.partner, name="partner"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<uuid:invitation_id>/withdraw/", views.withdraw, name="withdraw"),
    path("join/", views.join_with_code, name="join_with_code"),
    path("join/<str:token>/", views.join, name="join"),
    path("unlink/", views.unlink, name="unlink"),
]
