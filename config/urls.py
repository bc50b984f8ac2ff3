"""URL configuration. Staff pages live under /ansatt/, the open API under /api/, and the
public portal at the root with a language prefix for every language but Bokmål."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("ansatt/", include("helhet.core.urls")),
    path("ansatt/konto/", include("helhet.accounts.urls")),
    path("ansatt/organisasjon/", include("helhet.organisation.urls")),
    path("ansatt/logg/", include("helhet.audit.urls")),
    path("ansatt/personer/", include("helhet.people.urls")),
    path("ansatt/katalog/", include("helhet.directory.urls")),
    path("ansatt/krisesenter/statistikk/", include("helhet.shelter.statistics.urls")),
    path("ansatt/krisesenter/", include("helhet.shelter.urls")),
    path("ansatt/portal/", include("helhet.portal.staff_urls")),
    path("api/hsds/", include("helhet.directory.api_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("helhet.portal.urls")),
    prefix_default_language=False,
)

handler400 = "helhet.core.views.bad_request"
handler403 = "helhet.core.views.permission_denied"
handler404 = "helhet.core.views.page_not_found"
handler500 = "helhet.core.views.server_error"
