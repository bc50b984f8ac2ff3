from django.urls import path

from helhet.accounts import oidc, views

app_name = "accounts"
urlpatterns = [
    path("logg-inn/", views.login_view, name="login"),
    path("kode/", views.verify_view, name="verify"),
    # The one-time link to set password and authenticator app (its token is the key).
    path("lenke/<str:token>/", views.enrolment_view, name="enrolment"),
    path("gjenopprettingskoder/", views.recovery_codes_view, name="recovery_codes"),
    path("logg-ut/", views.logout_view, name="logout"),
    path("passord/", views.password_change_view, name="password_change"),
    path(
        "brukere/<int:user_id>/innloggingslenke/",
        views.enrolment_link_issue_view,
        name="enrolment_link_issue",
    ),
    path(
        "brukere/<int:user_id>/nullstill-tofaktor/",
        views.second_factor_reset_view,
        name="second_factor_reset",
    ),
    # Login through the municipality's identity provider (404 unless configured).
    path("oidc/start/", oidc.oidc_start, name="oidc_start"),
    path("oidc/callback/", oidc.oidc_callback, name="oidc_callback"),
]
