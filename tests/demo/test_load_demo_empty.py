"""`load_demo` on an empty database: a dry run and refused options write nothing.

Apart from tests/demo/test_load_demo.py, whose module-wide demo desk would be in the way.
"""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article
from tests.demo.test_load_demo import load, media_files, row_counts

pytestmark = pytest.mark.django_db


def test_dry_run_writes_nothing():
    """A dry run reports what it would create but leaves no rows and no files."""
    counts = row_counts()

    output = load("--dry-run")

    assert "Would create 37 articles." in output
    assert "password" not in output
    assert row_counts() == counts
    assert media_files() == []


def test_photo_width_out_of_range_is_refused():
    """An absurd photo width is a clear command error, before anything is written."""
    with pytest.raises(CommandError, match="--photo-width"):
        call_command("load_demo", "--photo-width", "5", stdout=io.StringIO())

    assert not Article.objects.exists()
