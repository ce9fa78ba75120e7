from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "attune.safety"
    label = "safety"
