"""Keep the chrome snapshot (sections.chrome) true to its tables."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from sections.chrome import forget_snapshot
from sections.models import Partner, Section, SiteSettings, SocialLink

CHROME_MODELS = (Section, SiteSettings, SocialLink, Partner)


def chrome_changed(sender, instance, raw=False, **kwargs):
    """Forget the snapshot now and again on commit: a page that read the old rows while
    this transaction was open may have stored it in between."""
    if raw:
        return
    forget_snapshot()
    transaction.on_commit(forget_snapshot)


def connect() -> None:
    for model in CHROME_MODELS:
        uid = f"chrome-snapshot-{model._meta.label_lower}"
        post_save.connect(chrome_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(chrome_changed, sender=model, dispatch_uid=f"{uid}-del")
