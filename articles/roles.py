"""The newsroom's roles, and who may see which article.

Groups are created and kept in step by a data migration, so every deployment has them;
`ROLE_PERMISSIONS` lists the model permissions each holds.

Which article a user may see is decided here and nowhere else, at two levels:

- *works on* (`works_on`, `Article.objects.worked_on_by`): the article's newsroom side —
  the admin change form, its history, revisions, compare, preview links and presence.
  Editors work on every article; other staff with article permissions on the ones they
  created or carry a byline on; nobody else on any.
- *may see* (`can_view_article`, `Article.objects.visible_to`): what the user may read
  anywhere — public pages while signed in, choosers, "where used", list filters. That is
  what readers see (`Article.objects.published()`) plus whatever the user works on.

Every view that takes an article id looks it up in one of these querysets, so "not
yours" and "does not exist" both answer 404 and nothing tells them apart. The same rule
as database conditions (`works_on_condition`, `visible_condition`) sits beside
`published_condition` in `articles.models`, which imports this module (never the reverse).
"""

CORRESPONDENT = "Correspondent"
EDITOR = "Editor"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    CORRESPONDENT: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.add_byline",
        "articles.change_byline",
        "articles.delete_byline",
        "articles.view_byline",
        "articles.add_richtextblock",
        "articles.change_richtextblock",
        "articles.delete_richtextblock",
        "articles.view_richtextblock",
        "articles.add_photoblock",
        "articles.change_photoblock",
        "articles.delete_photoblock",
        "articles.view_photoblock",
        "articles.add_pullquoteblock",
        "articles.change_pullquoteblock",
        "articles.delete_pullquoteblock",
        "articles.view_pullquoteblock",
        "articles.add_embedblock",
        "articles.change_embedblock",
        "articles.delete_embedblock",
        "articles.view_embedblock",
        # Authors are visible for bylines; a correspondent's own profile is edited
        # through "My author profile", which needs no model permission.
        "authors.view_author",
        "articles.view_workflowevent",
        # Each person's own notifications (the admin lists only the recipient's).
        "articles.view_notification",
        "media_library.add_photo",
        # Only the photos they uploaded: see media_library.access.
        "media_library.change_photo",
        "media_library.view_photo",
        "sections.view_section",
        "taggit.view_tag",
    ],
}
ROLE_PERMISSIONS[EDITOR] = sorted(
    {
        *ROLE_PERMISSIONS[CORRESPONDENT],
        "articles.delete_article",
        "articles.edit_any_article",
        "articles.publish_article",
        "articles.unpublish_article",
        "articles.return_article",
        "articles.add_correction",
        "articles.change_correction",
        "articles.view_correction",
        "articles.add_previewlink",
        "articles.change_previewlink",
        "articles.view_previewlink",
        "authors.add_author",
        "authors.change_author",
        "authors.delete_author",
        "authors.add_authorlink",
        "authors.change_authorlink",
        "authors.delete_authorlink",
        "authors.view_authorlink",
        "authors.approve_author_changes",
        "authors.view_authorprofilechange",
        "authors.change_authorprofilechange",
        "media_library.change_any_photo",
        "media_library.delete_photo",
        "sections.add_section",
        "sections.change_section",
        "sections.delete_section",
        # The site chrome: name, tagline, "Connect with us" and "Our Partners".
        # Adding is needed once, on a fresh site where the settings row does not exist yet.
        "sections.add_sitesettings",
        "sections.view_sitesettings",
        "sections.change_sitesettings",
        "sections.add_sociallink",
        "sections.change_sociallink",
        "sections.delete_sociallink",
        "sections.view_sociallink",
        "sections.add_partner",
        "sections.change_partner",
        "sections.delete_partner",
        "sections.view_partner",
        "taggit.add_tag",
        "taggit.change_tag",
        "taggit.delete_tag",
    }
)


def sync_roles(apps) -> None:
    """Create the role groups and give each exactly the permissions listed above.

    Permissions of models that a later migration creates are skipped here: the list is
    today's, the schema may be older. The last roles migration runs after every model
    exists and leaves the groups complete.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            # A model created by a later migration has no permission yet; the
            # migration that creates it syncs the roles again.
            if permission is not None:
                wanted.append(permission)
        group.permissions.set(wanted)


# Who may see which article ------------------------------------------------------------


def sees_every_article(user) -> bool:
    return user.has_perm("articles.edit_any_article")


def has_article_permissions(user) -> bool:
    return user.has_perm("articles.view_article") or user.has_perm(
        "articles.change_article"
    )


def is_own(user, article) -> bool:
    if article.pk is None:
        return True  # being created, by this user
    if article.created_by_id is not None and article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def works_on(user, article) -> bool:
    """Whether the user may open this article in the admin, with its history and previews."""
    if not user.is_authenticated or not has_article_permissions(user):
        return False
    if getattr(article, "trashed_at", None) is not None:
        return False
    return sees_every_article(user) or is_own(user, article)


def can_view_article(user, article) -> bool:
    """Whether the user may read this article anywhere: live, or one they work on."""
    return article.is_published or works_on(user, article)
