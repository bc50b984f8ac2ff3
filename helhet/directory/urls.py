"""The coordinator's pages for the help directory, under /ansatt/katalog/."""

from django.urls import path

from helhet.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.service_list, name="service_list"),
    path("kontroll/", views.reverify_list, name="reverify_list"),
    path("ny/", views.service_create_view, name="service_create"),
    path("organisasjoner/ny/", views.organization_create_view, name="organization_create"),
    path("steder/", views.location_list, name="location_list"),
    path("steder/ny/", views.location_create_view, name="location_create"),
    path("steder/<uuid:location_id>/endre/", views.location_edit, name="location_edit"),
    path("<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("<uuid:service_id>/endre/", views.service_edit, name="service_edit"),
    path("<uuid:service_id>/publiser/", views.service_publish_view, name="service_publish"),
    path("<uuid:service_id>/avpubliser/", views.service_unpublish_view, name="service_unpublish"),
    path("<uuid:service_id>/kontrollert/", views.service_verify_view, name="service_verify"),
    path("<uuid:service_id>/historikk/", views.service_history, name="service_history"),
    path(
        "<uuid:service_id>/oversettelse/<str:language>/",
        views.service_translation,
        name="service_translation",
    ),
]
