from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "helhet.organisation"
    label = "organisation"
    verbose_name = "Organisation"
