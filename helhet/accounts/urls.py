from django.urls import path

from helhet.accounts import views

app_name = "accounts"
urlpatterns = [
    path("logg-inn/", views.login_view, name="login"),
    path("kode/", views.verify_view, name="verify"),
    path("tofaktor/", views.enrol_view, name="enrol"),
    path("gjenopprettingskoder/", views.recovery_codes_view, name="recovery_codes"),
    path("logg-ut/", views.logout_view, name="logout"),
]
