from django.urls import path

from helhet.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("ny/", views.person_create, name="create"),
    path("<int:person_id>/", views.person_detail, name="detail"),
    path("<int:person_id>/endre/", views.person_edit, name="edit"),
    path("<int:person_id>/slett/", views.person_erase, name="erase"),
    path("nodtilgang/", views.break_glass, name="break_glass"),
    path("innsyn/", views.access_log_search, name="access_log_search"),
    path("innsyn/<int:person_id>/", views.access_log, name="access_log"),
    path("innsyn/<int:person_id>/csv/", views.access_log_csv, name="access_log_csv"),
    path("innsyn/<int:person_id>/pdf/", views.access_log_pdf, name="access_log_pdf"),
]
