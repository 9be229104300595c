"""The production settings, with the benchmark's minimal view added to the URLs."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.stack_urls"
