"""The staff's pages for the portal's texts. Not language-prefixed: mounted in
config/urls.py as `path("ansatt/portal/", include("helhet.portal.staff_urls"))`."""

from django.urls import path

from helhet.portal import views

app_name = "portal_staff"
urlpatterns = [
    path("", views.page_list, name="page_list"),
    path("<slug:key>/<slug:language>/", views.page_edit, name="page_edit"),
]
