from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "attune.journal"
    label = "journal"
