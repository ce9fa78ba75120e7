"""allauth's sign-in backend, with the per-request user lookup as one plain query.

Signing in (by e-mail and password, with allauth's timing-attack care) is allauth's code
unchanged. What changes is `get_user`, which Django calls on every signed-in request: the
ORM's `get()` spent most of its time building and compiling the query (about 0.2 ms of
every page; see docs/performance.md). A raw queryset selects the same row, with every field
converted by the ORM exactly as before, and the same `is_active` check follows.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.base_user import AbstractBaseUser

from attune.accounts.models import User

_USER_SQL = "SELECT * FROM accounts_user WHERE id = %s"


class AuthenticationBackend(AllauthBackend):  # type: ignore[misc]  # allauth is untyped
    def get_user(self, user_id: object) -> AbstractBaseUser | None:
        user = next(iter(User.objects.raw(_USER_SQL, [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None
