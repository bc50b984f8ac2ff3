"""The statistics pages, mounted at /ansatt/krisesenter/statistikk/ (config/urls.py)."""

from django.urls import path

from helhet.shelter.statistics import views

app_name = "shelter_statistics"
urlpatterns = [
    path("", views.report, name="report"),
    path("excel/", views.report_xlsx, name="report_xlsx"),
    path("csv/", views.report_csv, name="report_csv"),
    path("pdf/", views.report_pdf, name="report_pdf"),
]
