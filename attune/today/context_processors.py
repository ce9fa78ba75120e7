"""The addresses in every page's head, header and footer, worked out once, not per page.

base.html carries about twenty links and two static files. Reversing and looking each of
them up on every request cost about a sixth of the Today page's time (measured in
docs/performance.md), yet they are the same for everyone: none holds anything about a
person. So they are worked out once per URLconf and script prefix, and every page reads
the same mapping.
"""

from functools import cache

from django.conf import settings
from django.http import HttpRequest
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


def site_links(request: HttpRequest) -> dict[str, dict[str, str]]:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return {"links": _reversed(str(urlconf), get_script_prefix())}
