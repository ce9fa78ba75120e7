from django.urls import path

from attune.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("new/autosave/", views.autosave, name="autosave"),
    path("review/", views.weekly_review, name="weekly_review"),
    path("drafts/<uuid:draft_id>/discard/", views.discard_draft, name="discard_draft"),
    path("entries/<uuid:entry_id>/", views.entry, name="entry"),
    path("entries/<uuid:entry_id>/edit/", views.edit, name="edit"),
    path("entries/<uuid:entry_id>/autosave/", views.autosave_entry, name="autosave_entry"),
    path("entries/<uuid:entry_id>/delete/", views.delete, name="delete"),
    path("entries/<uuid:entry_id>/share/", views.share, name="share"),
    path("entries/<uuid:entry_id>/unshare/", views.unshare, name="unshare"),
    path("triggers/new/", views.trigger_new, name="trigger_new"),
    path("triggers/<uuid:trigger_id>/", views.trigger, name="trigger"),
    path("triggers/<uuid:trigger_id>/edit/", views.trigger_edit, name="trigger_edit"),
    path("triggers/<uuid:trigger_id>/delete/", views.trigger_delete, name="trigger_delete"),
]
