from django.urls import path

from attune.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("delete/", views.delete, name="delete"),
]
