from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "attune.practices"
    label = "practices"
