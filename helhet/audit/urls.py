from django.urls import path

from helhet.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("nodtilgang/", views.break_glass_queue, name="break_glass_queue"),
    path("nodtilgang/gjennomgatt/", views.break_glass_reviewed, name="break_glass_reviewed"),
    path("nodtilgang/<int:grant_id>/", views.break_glass_review, name="break_glass_review"),
]
