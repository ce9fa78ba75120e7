from django.apps import AppConfig


class CyclesConfig(AppConfig):
    name = "attune.cycles"
    label = "cycles"
