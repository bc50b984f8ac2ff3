from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "helhet.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # The production checks (`check --deploy`) guard the login rules this app keeps:
        # two factors on, no demo, and strong keys. Importing the module registers them.
        import config.checks  # noqa: F401
