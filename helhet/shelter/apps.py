from django.apps import AppConfig


class ShelterConfig(AppConfig):
    name = "helhet.shelter"
    label = "shelter"
    verbose_name = "Shelter"
