from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "attune.today"
    label = "today"
