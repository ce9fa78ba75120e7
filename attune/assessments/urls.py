from django.urls import path

from attune.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("couple/", views.couple, name="couple"),
    path("results/<uuid:result_id>/", views.result, name="result"),
    path("results/<uuid:result_id>/share/", views.share, name="share"),
    path("<slug:instrument_id>/", views.take, name="take"),
    path("<slug:instrument_id>/history/", views.history, name="history"),
]
