"""The parts of every page that are the same for everyone, worked out once, not per page.

base.html carries about twenty links, two static files, a header (one for visitors, one
for people signed in) and a footer. Reversing, looking up and rendering them on every
request cost about a third of the Today page's time (measured in docs/performance.md), yet
none of it holds anything about a person. So the addresses are worked out, and the
header and footer (templates/chrome/) rendered, once per URLconf and script prefix; every
page reads the same strings. With DEBUG on they are rendered afresh on each request, so an
edited template shows at once in development.
"""

from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

SITE_LINKS = {
    "home": "home",
    "today": "today",
    "journeys": "journeys:catalog",
    "journal": "journal:index",
    "practices": "practices:index",
    "questionnaires": "assessments:index",
    "partner": "couples:partner",
    "care": "care:index",
    "account": "accounts:account",
    "login": "account_login",
    "signup": "account_signup",
    "directory": "care:directory",
    "portal": "care:portal",
    "safety": "safety:resources",
    "safety_check": "safety:check",
    "about_quick_exit": "safety:about_quick_exit",
    "privacy": "privacy",
}


STATIC_FILES = {"stylesheet": "attune.css", "quick_exit_script": "quick-exit.js"}


@cache
def _reversed(urlconf: str, script_prefix: str) -> dict[str, str]:
    # The script prefix is part of the key because reverse() puts it in front of each path.
    links = {key: reverse(name, urlconf=urlconf) for key, name in SITE_LINKS.items()}
    # Static files keep their address for the life of the process (the manifest of hashed
    # names is read once at start-up), so they are looked up once too.
    links.update({key: static(path) for key, path in STATIC_FILES.items()})
    return links


def _rendered(urlconf: str, script_prefix: str) -> dict[str, str]:
    links = _reversed(urlconf, script_prefix)
    return {
        "header_signed_in": render_to_string(
            "chrome/header.html", {"links": links, "signed_in": True}
        ),
        "header_visitor": render_to_string(
            "chrome/header.html", {"links": links, "signed_in": False}
        ),
        "footer": render_to_string("chrome/footer.html", {"links": links}),
    }


_rendered_once = cache(_rendered)


def site_links(request: HttpRequest) -> dict[str, dict[str, str]]:
    key = (str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())
    chrome = _rendered(*key) if settings.DEBUG else _rendered_once(*key)
    return {"links": _reversed(*key), "chrome": chrome}
