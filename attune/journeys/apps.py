from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "attune.journeys"
    label = "journeys"
