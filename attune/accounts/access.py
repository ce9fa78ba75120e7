"""Who is asking: the signed-in person behind a request."""

from django.http import HttpRequest

from attune.accounts.models import User


def signed_in_person(request: HttpRequest) -> User:
    """The person making a request that login_required has already let through."""
    assert isinstance(request.user, User)  # login_required ran first; narrows for the checker
    return request.user
