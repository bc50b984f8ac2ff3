from django.urls import path

from helhet.accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("logg-inn/", views.login_view, name="login"),
    path("kode/", views.verify_view, name="verify"),
    path("tofaktor/", views.enrol_view, name="enrol"),
    path("gjenopprettingskoder/", views.recovery_codes_view, name="recovery_codes"),
    path("logg-ut/", views.logout_view, name="logout"),
    # Login through the municipality's identity provider (404 unless configured).
    path("oidc/start/", oidc.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
]
