"""The open HSDS 3.0 API, mounted at /api/hsds/ (namespace `hsds`)."""

from django.urls import path

from helhet.directory import api_views

app_name = "hsds"
urlpatterns = [
    path("", api_views.index, name="index"),
    path("openapi.json", api_views.openapi, name="openapi"),
    path("export.zip", api_views.export, name="export"),
    path("services", api_views.service_list, name="service_list"),
    path("services/<str:id>", api_views.service_detail, name="service_detail"),
    path("organizations", api_views.organization_list, name="organization_list"),
    path("organizations/<str:id>", api_views.organization_detail, name="organization_detail"),
    path("taxonomies", api_views.taxonomy_list, name="taxonomy_list"),
    path("taxonomies/<str:id>", api_views.taxonomy_detail, name="taxonomy_detail"),
    path("taxonomy_terms", api_views.taxonomy_term_list, name="taxonomy_term_list"),
    path("taxonomy_terms/<str:id>", api_views.taxonomy_term_detail, name="taxonomy_term_detail"),
]
