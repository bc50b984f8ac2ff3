from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "helhet.accounts"
    label = "accounts"
    verbose_name = "Accounts"
