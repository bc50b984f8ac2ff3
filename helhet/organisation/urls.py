from django.urls import path

from helhet.organisation import views

app_name = "organisation"
urlpatterns = [
    path("enheter/", views.unit_list, name="unit_list"),
    path("enheter/ny/", views.unit_create_view, name="unit_create"),
    path("enheter/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("enheter/<int:unit_id>/endre/", views.unit_edit, name="unit_edit"),
    path("enheter/<int:unit_id>/medlemmer/ny/", views.unit_member_add, name="unit_member_add"),
    path("brukere/", views.user_list, name="user_list"),
    path("brukere/ny/", views.user_create_view, name="user_create"),
    path("brukere/<int:user_id>/", views.user_detail, name="user_detail"),
    path(
        "brukere/<int:user_id>/roller/ny/",
        views.user_membership_add,
        name="user_membership_add",
    ),
    path("brukere/<int:user_id>/deaktiver/", views.user_deactivate_view, name="user_deactivate"),
    path("brukere/<int:user_id>/aktiver/", views.user_reactivate_view, name="user_reactivate"),
    path("tildelte-roller/", views.role_change_list, name="role_change_list"),
    path(
        "medlemskap/<int:membership_id>/fjern/",
        views.membership_remove,
        name="membership_remove",
    ),
]
