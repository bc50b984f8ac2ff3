from django.urls import path

from helhet.shelter.views import (
    allocations,
    board,
    contacts,
    followup,
    reference,
    rooms,
    safety,
    stays,
)

app_name = "shelter"
urlpatterns = [
    path("", board.board, name="board"),
    path("telefon/", contacts.phone, name="phone"),
    path("telefon/angre/", contacts.phone_undo, name="phone_undo"),
    path("dagtilbud/", contacts.day_list, name="day_list"),
    path("dagtilbud/ny/", contacts.day_create, name="day_create"),
    path("henvisning/ny/", allocations.capacity_referral, name="capacity_referral"),
    path("opphold/", stays.stay_list, name="stay_list"),
    path("opphold/ny/", stays.stay_create, name="stay_create"),
    path("opphold/<int:pk>/", stays.stay_detail, name="stay_detail"),
    path("opphold/<int:pk>/endre/", stays.stay_update, name="stay_update"),
    path("opphold/<int:pk>/barn/", stays.child_add, name="child_add"),
    path("opphold/<int:pk>/rom/", allocations.stay_allocate, name="stay_allocate"),
    path("opphold/<int:pk>/avslutt/", stays.stay_end, name="stay_end"),
    path("opphold/<int:pk>/sikkerhetsplan/", safety.safety_plan, name="safety_plan"),
    path("opphold/<int:pk>/trusselkartlegging/", safety.threat_create, name="threat_create"),
    path("opphold/<int:pk>/oppfolging/", followup.followup, name="followup"),
    path(
        "opphold/<int:pk>/oppfolging/samtykke/",
        followup.followup_consent,
        name="followup_consent",
    ),
    path("opphold/<int:pk>/oppfolging/oppgave/", followup.task_create, name="task_create"),
    path("oppgaver/", followup.task_list, name="task_list"),
    path("oppgaver/<int:pk>/", followup.task_detail, name="task_detail"),
    path("rom/", rooms.room_list, name="room_list"),
    path("rom/<int:pk>/", rooms.room_detail, name="room_detail"),
    path("svarlister/", reference.answer_lists, name="answer_lists"),
    path("svarlister/<int:pk>/", reference.answer_toggle, name="answer_toggle"),
]
