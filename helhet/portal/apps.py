from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "helhet.portal"
    label = "portal"
    verbose_name = "Portal"
