from django.urls import path

from attune.care import views

app_name = "care"
urlpatterns = [
    # A client's own care page and consent.
    path("", views.index, name="index"),
    path("invitations/<str:token>/", views.accept, name="accept"),
    path("practitioners/<uuid:relationship_id>/grants/", views.grants, name="grants"),
    path("practitioners/<uuid:relationship_id>/entries/", views.entries, name="entries"),
    path("practitioners/<uuid:relationship_id>/preview/", views.preview, name="preview"),
    path("practitioners/<uuid:relationship_id>/history/", views.history, name="history"),
    path("practitioners/<uuid:relationship_id>/end/", views.end, name="end"),
    path("homework/<uuid:homework_id>/done/", views.homework_done, name="homework_done"),
    # Finding a therapist: open to everyone.
    path("therapists/", views.directory, name="directory"),
    path("therapists/<uuid:practitioner_id>/", views.profile, name="profile"),
    path("therapists/<uuid:practitioner_id>/consult/", views.consult, name="consult"),
    path(
        "therapists/<uuid:practitioner_id>/consult/sent/",
        views.consult_sent,
        name="consult_sent",
    ),
    path("questions/", views.questions, name="questions"),
    # The practitioner portal.
    path("portal/", views.portal, name="portal"),
    path("portal/profile/", views.profile_edit, name="profile_edit"),
    path("portal/invite/", views.invite, name="invite"),
    path(
        "portal/invitations/<uuid:invitation_id>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("portal/requests/", views.requests, name="requests"),
    path("portal/clients/<uuid:relationship_id>/", views.client, name="client"),
    path("portal/clients/<uuid:relationship_id>/notes/", views.note, name="note"),
    path("portal/clients/<uuid:relationship_id>/homework/", views.homework, name="homework"),
    path("portal/clients/<uuid:relationship_id>/close/", views.close, name="close"),
    path("portal/notes/<uuid:note_id>/delete/", views.note_delete, name="note_delete"),
    path(
        "portal/homework/<uuid:homework_id>/withdraw/",
        views.homework_withdraw,
        name="homework_withdraw",
    ),
]
