from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "statements_site.archive"
    label = "archive"
    verbose_name = "Statements archive"
