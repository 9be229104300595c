"""A full-text index that degrades to a plain index where GIN does not exist."""

from django.contrib.postgres.indexes import GinIndex
from django.db.models import Index


class SearchVectorIndex(GinIndex):
    """GIN on PostgreSQL; elsewhere (SQLite for development) an ordinary index."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Index.create_sql(self, model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)
