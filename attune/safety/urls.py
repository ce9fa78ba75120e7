from django.urls import path

from attune.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.resources, name="resources"),
    path("quick-exit/", views.about_quick_exit, name="about_quick_exit"),
    path("check/", views.check, name="check"),
    path("check/result/", views.check_result, name="check_result"),
    path("check/clear/", views.clear_check, name="clear_check"),
]
