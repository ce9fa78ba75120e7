"""allauth's sign-in backend, with the per-request user lookup as one plain query.

Signing in (by e-mail and password, with allauth's timing-attack care) is allauth's code
unchanged. What changes is `get_user`, which Django calls on every signed-in request: the
ORM's `get()` spent most of its time building and compiling the query (about 0.2 ms of
every page; see docs/performance.md). Here the row is read with one plain SQL statement and
each value goes through the same converters the ORM applies, so the person is loaded whole
and typed exactly as `User.objects.get()` would load them; the `is_active` check follows.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connections, router

from attune.accounts.models import User

_FIELDS = User._meta.concrete_fields
_COLUMNS = [field.get_col(User._meta.db_table) for field in _FIELDS]
_ATTNAMES = [field.attname for field in _FIELDS]
_USER_SQL = "SELECT {} FROM {} WHERE id = %s".format(  # noqa: S608 - names from the model
    ", ".join(str(field.column) for field in _FIELDS), User._meta.db_table
)


class AuthenticationBackend(AllauthBackend):  # type: ignore[misc]  # allauth is untyped
    def get_user(self, user_id: int | str) -> AbstractBaseUser | None:
        connection = connections[router.db_for_read(User)]
        with connection.cursor() as cursor:
            cursor.execute(_USER_SQL, [user_id])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for position, column in enumerate(_COLUMNS):
            # The same conversions the ORM's compiler applies (booleans and aware datetimes
            # on SQLite, for example).
            for convert in connection.ops.get_db_converters(column) + column.get_db_converters(
                connection
            ):
                values[position] = convert(values[position], column, connection)
        user = User.from_db(connection.alias, _ATTNAMES, values)
        return user if self.user_can_authenticate(user) else None
