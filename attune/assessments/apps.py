from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "attune.assessments"
    label = "assessments"
