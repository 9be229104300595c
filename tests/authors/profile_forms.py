"""The POST body of "My author profile" and the address of a change's review page."""

from django.urls import reverse

MY_PROFILE = "admin:authors_author_mine"


def profile_post(**overrides):
    data = {
        "short_bio": "Covers Japan's diplomacy and defence.",
        "bio": "<p>Kenji Ono covers diplomacy and defence from Tokyo.</p>",
        "photo": "",
        "links-TOTAL_FORMS": "2",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "12",
        "links-0-kind": "website",
        "links-0-url": "https://example.org/ono",
        "links-1-kind": "bluesky",
        "links-1-url": "https://bsky.app/profile/ono.example.org",
    }
    data.update(overrides)
    return data


def change_admin_url(change):
    return reverse("admin:authors_authorprofilechange_change", args=[change.pk])
