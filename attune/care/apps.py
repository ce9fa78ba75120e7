from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "attune.care"
    label = "care"
