"""Test URLs: the project's URLs, plus the statistics pages where config/urls.py will mount
them, for as long as config/urls.py does not include them yet (see conftest.py)."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("ansatt/krisesenter/statistikk/", include("helhet.shelter.statistics.urls")),
    *project_urlpatterns,
]
