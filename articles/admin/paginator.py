"""A paginator for the admin's long lists: an estimate instead of a full count when it is big.

Counting a million rows reads all of them on every page load. PostgreSQL's planner
already knows roughly how many rows a query returns; above EXACT_BELOW the admin shows
that estimate (the page links are then approximate, which an editor scanning the newest
stories does not notice). Small or narrowly filtered lists are counted exactly.
"""

import json
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections

EXACT_BELOW = 10_000


def planner_estimate(queryset) -> int | None:
    """The planner's row estimate for `queryset`, or None where there is no planner to ask."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a condition that cannot match, e.g. a search for nothing
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        estimate = planner_estimate(self.object_list)
        if estimate is not None and estimate >= EXACT_BELOW:
            return estimate
        return super().count
