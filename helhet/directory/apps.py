from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "helhet.directory"
    label = "directory"
    verbose_name = "Directory"
