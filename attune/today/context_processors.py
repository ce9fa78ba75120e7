"""The links in every page's header and footer, worked out once instead of on every page.

base.html carries about twenty links. Reversing each of them on every request cost about a
sixth of the Today page's time (measured in docs/performance.md), yet they are the same for
everyone: no link in the header or footer holds anything about a person. So they are
reversed once per URLconf and script prefix, and every page reads the same mapping.
"""

from functools import cache

from django.conf import settings
from django.http import HttpRequest
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


@cache
def _reversed(urlconf: str, script_prefix: str) -> dict[str, str]:
    # The script prefix is part of the key because reverse() puts it in front of each path.
    return {key: reverse(name, urlconf=urlconf) for key, name in SITE_LINKS.items()}


def site_links(request: HttpRequest) -> dict[str, dict[str, str]]:
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return {"links": _reversed(str(urlconf), get_script_prefix())}
