from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import signals

        signals.connect()

        from articles.trust.revisions import register_history

        register_history()

        # "Where is this photo used" names only stories its viewer may see.
        from articles.models import Article
        from media_library.usage import register_visibility

        register_visibility(
            Article,
            visible=lambda queryset, user: queryset.visible_to(user),
            openable=lambda queryset, user: queryset.worked_on_by(user),
        )
