from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "sections"
    verbose_name = "Sections"

    def ready(self):
        from sections import signals

        signals.connect()
