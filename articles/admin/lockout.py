"""Password guessing: what django-axes (configured in settings) answers once it locks out.

Axes counts failed admin logins per account and per address and, past
AXES_FAILURE_LIMIT, refuses further attempts for AXES_COOLOFF_TIME. Every further
failure during the lockout starts the cool-off again, so the time given here (from
now) is exactly when the next attempt will be heard. A superuser unlocks earlier by
deleting the account's or address's rows in the admin's "Access attempts" list.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def client_address(request) -> str | None:
    """The address attempts are counted against.

    REMOTE_ADDR, unless API_TRUSTED_PROXIES says how many proxies in front of the site
    append to X-Forwarded-For: then the entry the outermost trusted proxy saw. Anything
    further left was written by the client and would let it pick a fresh address per guess.
    """
    proxies = settings.NINJA_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def locked_out(request, credentials, *args, **kwargs):
    """The lockout page: says why, and when the next attempt will be heard."""
    cool_off = settings.AXES_COOLOFF_TIME
    context = {
        "title": "Too many failed logins",
        "minutes": round(cool_off.total_seconds() / 60),
        "retry_at": timezone.localtime() + cool_off,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
