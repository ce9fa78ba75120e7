from django.urls import path

from attune.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("delete/", views.delete, name="delete"),
    path("export/", views.export, name="export"),
    path("export/download/", views.export_download, name="export_download"),
]
