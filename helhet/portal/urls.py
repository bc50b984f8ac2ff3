"""The public portal, mounted at the root inside `i18n_patterns` (no prefix for Bokmål).

Paths are neutral words: they end up in the browser's history.
"""

from django.urls import path

from helhet.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.start, name="start"),
    path("informasjon/", views.information, name="information"),
    path("finn-hjelp/", views.find_help, name="find_help"),
    path("finn-hjelp/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("trygg-pa-nett/", views.safety, name="safety"),
    path("for-ansatte/", views.employees, name="employees"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("om/", views.about, name="about"),
    path("exit", views.quick_exit, name="exit"),
]
