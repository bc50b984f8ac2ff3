from django.urls import path

from helhet.shelter import views

app_name = "shelter"
urlpatterns = [
    path("", views.board, name="board"),
    path("telefon/", views.phone, name="phone"),
    path("telefon/angre/", views.phone_undo, name="phone_undo"),
    path("dagtilbud/", views.day_list, name="day_list"),
    path("dagtilbud/ny/", views.day_create, name="day_create"),
    path("henvisning/ny/", views.capacity_referral, name="capacity_referral"),
    path("opphold/", views.stay_list, name="stay_list"),
    path("opphold/ny/", views.stay_create, name="stay_create"),
    path("opphold/<int:pk>/", views.stay_detail, name="stay_detail"),
    path("opphold/<int:pk>/endre/", views.stay_update, name="stay_update"),
    path("opphold/<int:pk>/barn/", views.child_add, name="child_add"),
    path("opphold/<int:pk>/rom/", views.stay_allocate, name="stay_allocate"),
    path("opphold/<int:pk>/avslutt/", views.stay_end, name="stay_end"),
    path("opphold/<int:pk>/sikkerhetsplan/", views.safety_plan, name="safety_plan"),
    path("opphold/<int:pk>/trusselkartlegging/", views.threat_create, name="threat_create"),
    path("opphold/<int:pk>/oppfolging/", views.followup, name="followup"),
    path("opphold/<int:pk>/oppfolging/samtykke/", views.followup_consent, name="followup_consent"),
    path("opphold/<int:pk>/oppfolging/oppgave/", views.task_create, name="task_create"),
    path("oppgaver/", views.task_list, name="task_list"),
    path("oppgaver/<int:pk>/", views.task_detail, name="task_detail"),
    path("rom/", views.room_list, name="room_list"),
    path("rom/<int:pk>/", views.room_detail, name="room_detail"),
    path("svarlister/", views.answer_lists, name="answer_lists"),
    path("svarlister/<int:pk>/", views.answer_toggle, name="answer_toggle"),
]
