"""Django's database sessions, read with one plain query.

Every signed-in request reads its session. Django's own store builds and compiles an ORM
query for that each time, which cost more than the read itself (about 0.25 ms of a page;
see docs/performance.md). This store makes the same read — this key, not yet expired — as
one plain SQL statement. Everything else (creating, saving, deleting, signing out other
sessions) is Django's code unchanged.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        if key is None:
            return None
        connection = connections[router.db_for_read(Session)]
        # Adapted the way the ORM adapts a DateTimeField, so SQLite compares like with like.
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT session_data FROM django_session"
                " WHERE session_key = %s AND expire_date > %s",
                [key, now],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return Session(session_key=key, session_data=row[0])
