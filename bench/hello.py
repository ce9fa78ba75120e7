"""A bare Django project with one "hello" view: the ceiling Attune's pages are compared with.

Served by gunicorn exactly like Attune in bench/load.py, so the two differ only in what the
application itself does.
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path


def hello(request: HttpRequest) -> HttpResponse:
    """The smallest useful Django response."""
    return HttpResponse("Hello")


if not settings.configured:  # imported by bench/stack_urls.py inside Attune's settings
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-hello-" + "k" * 50,  # a local benchmark, never deployed
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=["django.middleware.common.CommonMiddleware"],
    )
    django.setup()
urlpatterns = [path("", hello)]
application = get_wsgi_application()
