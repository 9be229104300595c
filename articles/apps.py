from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import signals

        signals.connect()

        from articles.trust.revisions import register_history

        register_history()
