"""Index helpers that degrade gracefully where PostgreSQL features do not exist (SQLite)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import (
    AddIndexConcurrently as AddIndexConcurrentlyOnPostgres,
)
from django.contrib.postgres.operations import (
    RemoveIndexConcurrently as RemoveIndexConcurrentlyOnPostgres,
)
from django.db.migrations import AddIndex, RemoveIndex
from django.db.models import Index, OrderBy


class GinWhereAvailableIndex(GinIndex):
    """GIN on PostgreSQL; elsewhere (SQLite for development) an ordinary index."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class SearchVectorIndex(GinWhereAvailableIndex):
    """The full-text search vector's index (GIN where available)."""


class ListingIndex(Index):
    """An index in a listing's order, NULLS LAST included, where the database allows.

    SQLite cannot say NULLS LAST in an index, and needs not: it sorts NULL lowest, so a
    descending column already puts them last there.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if _is_postgres(schema_editor):
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = self.clone()
        plain.expressions = tuple(
            OrderBy(part.expression, descending=part.descending)
            if isinstance(part, OrderBy)
            else part
            for part in self.expressions
        )
        return Index.create_sql(plain, model, schema_editor, using=using, **kwargs)


class _ConcurrentlyOnPostgres:
    """Run the PostgreSQL operation there; elsewhere (SQLite) its plain `fallback`."""

    fallback: type

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        args = (app_label, schema_editor, from_state, to_state)
        if _is_postgres(schema_editor):
            return super().database_forwards(*args)
        return self.fallback.database_forwards(self, *args)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        args = (app_label, schema_editor, from_state, to_state)
        if _is_postgres(schema_editor):
            return super().database_backwards(*args)
        return self.fallback.database_backwards(self, *args)


def _is_postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class AddIndexConcurrently(_ConcurrentlyOnPostgres, AddIndexConcurrentlyOnPostgres):
    """CREATE INDEX CONCURRENTLY: a big table stays writable while its index is built."""

    fallback = AddIndex


class RemoveIndexConcurrently(
    _ConcurrentlyOnPostgres, RemoveIndexConcurrentlyOnPostgres
):
    """DROP INDEX CONCURRENTLY on PostgreSQL, a plain DROP INDEX elsewhere."""

    fallback = RemoveIndex
