"""ORM queries compiled to SQL once per process, then run with new values.

Django turns a queryset into SQL on every evaluation. For the few small, indexed queries
an uncached page runs on every request (the stored article at an address, the chrome,
the next scheduled publication), that compilation cost more than the database took to
answer. A PreparedQuery builds its queryset once, with a placeholder for each value that
varies, notes where each placeholder lands among the SQL parameters, and from then on
only puts the request's values in their places and runs the SQL. Rows pass through the
same converters Django would apply (JSON, datetimes on SQLite, …).

The queryset still says what is asked, in the ORM, beside the rules it reuses (e.g.
`published_condition`). Placeholders may be strings or aware datetimes; the queryset
must end in `values_list()`, whose rows come back as tuples.

On PostgreSQL the statement is also prepared on the server, once per connection: the
planner's work on a three-table join took longer than running it. (A connection pooler
in transaction mode, such as PgBouncer before 1.21, needs this turned off: PREPARED_QUERIES_ON_SERVER.)
"""

import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet

try:
    import psycopg
except ImportError:  # SQLite only
    psycopg = None
else:
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format

    TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid

# A moment no real value takes: placeholders for datetimes, told apart by microseconds.
_PLACEHOLDER_DAY = datetime(1111, 1, 1, tzinfo=UTC)


class PreparedQuery:
    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        """`build(**values)` returns the queryset; `kinds` maps each value's name to
        `str` or `datetime`."""
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, tuple] = {}

    def _placeholders(self) -> dict:
        placeholders = {}
        for number, (name, kind) in enumerate(self.kinds.items(), start=1):
            if kind is str:
                placeholders[name] = f"\x00{name}\x00"
            elif kind is datetime:
                placeholders[name] = _PLACEHOLDER_DAY.replace(microsecond=number)
            else:
                raise TypeError(f"{name}: only str and datetime values can vary")
        return placeholders

    def _adapt(self, alias: str, kind: type, value):
        if kind is datetime:
            return connections[alias].ops.adapt_datetimefield_value(value)
        return value

    def _compile(self, alias: str) -> tuple:
        placeholders = self._placeholders()
        queryset = self.build(**placeholders)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        adapted = {
            name: self._adapt(alias, self.kinds[name], value)
            for name, value in placeholders.items()
        }
        slots = []
        for param in params:
            names = [name for name, value in adapted.items() if param == value]
            slots.append(names[0] if names else None)
        missing = set(self.kinds) - set(slots)
        if missing:
            raise ValueError(f"placeholders not found among the parameters: {missing}")
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)
        return compiler, sql, tuple(params), tuple(slots), converters

    def rows(self, using: str = DEFAULT_DB_ALIAS, **values) -> list[tuple]:
        compiled = self._compiled.get(using)
        if compiled is None:
            compiled = self._compiled[using] = self._compile(using)
        compiler, sql, params, slots, converters = compiled
        arguments = [
            param
            if slot is None
            else self._adapt(using, self.kinds[slot], values[slot])
            for param, slot in zip(params, slots, strict=True)
        ]
        rows = _run(connections[using], sql, arguments)
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows

    def first(self, using: str = DEFAULT_DB_ALIAS, **values) -> tuple | None:
        rows = self.rows(using, **values)
        return rows[0] if rows else None


if psycopg is not None:

    class _PreparingCursor(psycopg.Cursor):
        """Binds values on the server and prepares every statement it runs (psycopg
        keeps the prepared statements of each connection, the most used first)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)


def _run(connection, sql: str, arguments: list) -> list[tuple]:
    if (
        psycopg is None
        or connection.vendor != "postgresql"
        or not settings.PREPARED_QUERIES_ON_SERVER
    ):
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            return cursor.fetchall()
    started = time.monotonic()
    with _preparing_cursor(connection) as cursor:
        cursor.execute(sql, arguments)
        rows = cursor.fetchall()
    if connection.queries_logged:
        # As Django's debug cursor logs, with the values written in (the query as
        # psql would take it, for tests that count or EXPLAIN what a page runs).
        connection.queries_log.append(
            {
                "sql": connection.ops.compose_sql(sql, arguments),
                "time": f"{time.monotonic() - started:.3f}",
            }
        )
    return rows


def _preparing_cursor(connection):
    """A Django cursor (errors wrapped as Django's) over a preparing psycopg one."""
    # As BaseDatabaseWrapper._cursor() and the PostgreSQL backend's create_cursor() do.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        cursor = _PreparingCursor(connection.connection)
        timestamps = connection.connection.adapters.get_loader(
            TIMESTAMPTZ_OID, Format.TEXT
        )
        if connection.timezone != timestamps.timezone:
            register_tzloader(connection.timezone, cursor)
        return connection.make_cursor(cursor)
