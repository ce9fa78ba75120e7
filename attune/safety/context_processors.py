"""What every page needs for safety: the quick-exit address."""

from django.conf import settings
from django.http import HttpRequest


def safety(request: HttpRequest) -> dict[str, str]:
    return {"quick_exit_url": settings.QUICK_EXIT_URL}
