"""One "hello" view, routed through Attune's full middleware stack."""

from django.urls import path

from bench.hello import hello

urlpatterns = [path("", hello)]
