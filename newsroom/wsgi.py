"""WSGI entry point, served by gunicorn in production (`make serve`)."""

import os

from django.core.wsgi import get_wsgi_application

from newsroom.runtime import tune_garbage_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()
# Each gunicorn worker imports this module after forking: each freezes its own heap.
tune_garbage_collector()
