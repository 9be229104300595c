"""Does a public link's address belong to the service its kind names?

An author page renders a link of kind “X (Twitter)” with that service's name and icon,
so an address elsewhere would present a stranger's site as the author's X account.
Every way a link is saved (the author admin, the correspondents' self-service form)
checks the pair here.
"""

from urllib.parse import urlsplit

from django.utils.translation import gettext as _

# Kind -> host names (a subdomain of one counts too) its addresses live on.
SERVICE_HOSTS = {
    "x": ("x.com", "twitter.com"),
    "bluesky": ("bsky.app",),
    "linkedin": ("linkedin.com",),
}
EXAMPLES = {
    "x": "https://x.com/name",
    "bluesky": "https://bsky.app/profile/name.bsky.social",
    "linkedin": "https://www.linkedin.com/in/name",
    "mastodon": "https://mastodon.social/@name",
}


def _on_host(host: str, allowed: tuple[str, ...]) -> bool:
    return any(host == name or host.endswith(f".{name}") for name in allowed)


def link_problem(kind: str, url: str) -> str | None:
    """What is wrong with `url` as a link of `kind`, in words for the editor; None if fine."""
    if not url:
        return None
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return _("Enter a web address starting with https://.")
    if kind in SERVICE_HOSTS and not _on_host(host, SERVICE_HOSTS[kind]):
        return _(
            "This address is not on %(hosts)s; use the profile's own address "
            "(e.g. %(example)s) or choose another kind of link."
        ) % {"hosts": " or ".join(SERVICE_HOSTS[kind]), "example": EXAMPLES[kind]}
    # Mastodon runs on many servers; a profile address is always /@name on one of them.
    if kind == "mastodon" and not parts.path.startswith("/@"):
        return _(
            "A Mastodon profile address has the form %(example)s; choose "
            "“Website” or “Other” for anything else."
        ) % {"example": EXAMPLES[kind]}
    return None
